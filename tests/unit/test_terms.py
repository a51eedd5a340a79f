"""The words for the people a charity serves: counts, articles, titles and their rules."""

from involve_desktop.domain.terms import (
    MAX_TERM_LENGTH,
    PRESET_TERMS,
    PeopleTerms,
    validate_terms,
)

MEMBER = PeopleTerms("member", "members")
EXPERT = PeopleTerms("expert by experience", "experts by experience")


def test_count_uses_the_singular_for_one():
    assert MEMBER.count(1) == "1 member"


def test_count_uses_the_plural_and_thousands_separators_for_many():
    assert MEMBER.count(20_000) == "20,000 members"
    assert MEMBER.count(0) == "0 members"


def test_count_uses_the_charitys_own_words():
    assert EXPERT.count(2) == "2 experts by experience"


def test_with_article_picks_a_before_a_consonant():
    assert MEMBER.with_article() == "a member"


def test_with_article_picks_an_before_a_vowel():
    assert EXPERT.with_article() == "an expert by experience"


def test_titles_capitalise_only_the_first_letter():
    assert EXPERT.singular_title == "Expert by experience"
    assert EXPERT.plural_title == "Experts by experience"
    assert PeopleTerms("young person", "young people").plural_title == "Young people"


def test_validate_terms_accepts_ordinary_words():
    assert validate_terms("member", "members") == {}


def test_validate_terms_asks_for_empty_or_blank_words_with_an_example():
    errors = validate_terms("", "   ")
    assert set(errors) == {"term_singular", "term_plural"}
    assert "member" in errors["term_singular"]
    assert "members" in errors["term_plural"]


def test_validate_terms_refuses_words_that_are_too_long():
    too_long = "x" * (MAX_TERM_LENGTH + 1)
    errors = validate_terms(too_long, "members")
    assert set(errors) == {"term_singular"}
    assert str(MAX_TERM_LENGTH) in errors["term_singular"]


def test_validate_terms_accepts_the_longest_allowed_word():
    assert validate_terms("x" * MAX_TERM_LENGTH, "members") == {}


def test_the_five_presets_are_offered():
    assert set(PRESET_TERMS) == {
        PeopleTerms("member", "members"),
        PeopleTerms("expert by experience", "experts by experience"),
        PeopleTerms("service user", "service users"),
        PeopleTerms("young person", "young people"),
        PeopleTerms("participant", "participants"),
    }
    assert len(PRESET_TERMS) == 5


def test_every_preset_passes_its_own_rules():
    for terms in PRESET_TERMS:
        assert validate_terms(terms.singular, terms.plural) == {}


def test_with_article_knows_words_where_u_sounds_like_you():
    assert PeopleTerms("user", "users").with_article() == "a user"
    assert PeopleTerms("union rep", "union reps").with_article() == "a union rep"
    assert PeopleTerms("older person", "older people").with_article() == "an older person"
