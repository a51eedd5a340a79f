"""Saving the People list from the app: the file picker's answer, the file, the audit trail."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl

from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.services.audit import AuditAction, list_events
from involve_desktop.services.people import save_person
from involve_desktop.services.people_list import PeopleFilter
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.export_people import export_people_list


def add_people(ctx) -> None:
    for first, last, roles in (
        ("Zoë", "O'Brien", ("Carer",)),
        ("Łukasz", "Wiśniewski", ("Volunteer",)),
        ("王", "芳", ("Carer",)),
    ):
        ops.change(ctx, "people", save_person, ctx.actor, PersonDetails(first, last, roles=roles))


def test_the_list_is_saved_where_the_user_chooses(qtbot, ctx, answers, tmp_path):
    add_people(ctx)
    answers.save_file = tmp_path / "Carers.xlsx"
    with qtbot.waitSignal(ctx.events.data_changed) as changed:
        saved = export_people_list(ctx, None, PeopleFilter(role="Carer"))
    assert saved == answers.save_file
    assert changed.args == ["audit"]
    assert answers.file_pickers == ["Save the list of experts by experience"]
    sheet = openpyxl.load_workbook(saved).active
    assert sheet.title == "Experts by experience"
    assert [row[:2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        ("Zoë", "O'Brien"),
        ("王", "芳"),
    ]
    [event] = ops.query(ctx, list_events, ctx.actor, action=AuditAction.EXPORTED_PEOPLE_LIST)
    assert (event.staff_name, event.subject) == ("Priya Shah", "2 people")


def test_a_csv_name_gives_a_csv_and_a_bare_name_a_workbook(qtbot, ctx, answers, tmp_path):
    add_people(ctx)
    answers.save_file = tmp_path / "everyone.csv"
    saved = export_people_list(ctx, None, PeopleFilter())
    rows = list(csv.reader(saved.read_text(encoding="utf-8-sig").splitlines()))
    assert [row[0] for row in rows] == ["First name", "Zoë", "Łukasz", "王"]

    answers.save_file = tmp_path / f"Experts {date.today():%Y-%m-%d}"
    saved = export_people_list(ctx, None, PeopleFilter())
    assert saved.name.endswith(".xlsx")
    assert openpyxl.load_workbook(saved).active.max_row == 4


def test_cancelling_or_a_failure_saves_nothing_and_says_why(qtbot, ctx, answers, tmp_path):
    add_people(ctx)
    answers.save_file = None
    assert export_people_list(ctx, None, PeopleFilter()) is None
    assert answers.problems == []

    answers.save_file = tmp_path / "no such folder" / "list.xlsx"
    assert export_people_list(ctx, None, PeopleFilter()) is None
    [(title, message)] = answers.problems
    assert title == "The list was not saved"
    assert "could not write in the folder" in message
    assert ops.query(ctx, list_events, ctx.actor, action=AuditAction.EXPORTED_PEOPLE_LIST) == []
