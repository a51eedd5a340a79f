"""Finding people on the register to add to an activity: those not taking part are marked in
words, so nobody is invited by habit."""

from __future__ import annotations

from involve_desktop.domain.people import TakingPart
from involve_desktop.ui.widgets.people_finder import PeopleFinder
from tests.ui.people_helpers import add_person


def test_people_not_taking_part_are_marked_in_words(qtbot, ctx):
    add_person(ctx, "Sam", "Jones")
    add_person(ctx, "Sam", "Khan", taking_part=TakingPart.NOT_NOW)
    add_person(ctx, "Sam", "Lee", taking_part=TakingPart.DOES_NOT_WISH)
    finder = PeopleFinder(ctx)
    qtbot.addWidget(finder)
    finder.search.setText("sam")
    finder.find()
    shown = sorted(finder.results.item(row).text() for row in range(finder.results.count()))
    assert shown == [
        "Sam Jones",
        "Sam Khan (not at the moment)",
        "Sam Lee (has chosen not to take part)",
    ]
