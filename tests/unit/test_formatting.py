"""How counts are written in words, the same on Home and in the retention routine."""

from involve_desktop.domain.formatting import count_of_people, plural


def test_a_count_takes_the_singular_only_for_one_and_a_given_plural_when_s_is_wrong():
    assert plural(1, "claim") == "1 claim"
    assert plural(0, "claim") == "0 claims"
    assert plural(1_204, "activity", "activities") == "1,204 activities"
    assert plural(2, "claim is", "claims are") == "2 claims are"
    assert count_of_people(20_000) == "20,000 people"
    assert count_of_people(1) == "1 person"
