"""The Reports screen in the main window, on a demo charity: which documents can be made for
the year and why not in words, saving one, a pack of the ticked ones with bookmarks, large
print, a person's payment statement and record (audited), and the keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton, QWidget
from sqlalchemy import select

from involve_desktop.app import AppContext
from involve_desktop.db.models import Person
from involve_desktop.db.money_models import Claim
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.person_record import display_name
from involve_desktop.services.audit import AuditAction, list_events
from involve_desktop.services.evaluations import start_evaluation
from involve_desktop.services.report_documents import DocumentKind
from involve_desktop.ui.areas import AREAS
from involve_desktop.ui.dialogs.pdf_saved_dialog import PdfSavedDialog
from involve_desktop.ui.main_window import MainWindow
from involve_desktop.ui.screens.backup.backup_screen import BackupScreen
from involve_desktop.ui.screens.reports.pack_section import NOTHING_TICKED
from involve_desktop.ui.screens.reports_screen import ReportsScreen
from involve_desktop.ui.screens.settings_screen import SettingsScreen
from tests.ui.activity_helpers import close_dialogs
from tests.ui.helpers import show_active, type_text
from tests.ui.test_accessibility import unnamed_inputs
from tests.ui.test_mnemonics import clashes, mnemonics

TODAY = date(2026, 11, 26)
THIS_YEAR = (date(2026, 4, 1), date(2027, 3, 31))
LAST_YEAR = (date(2025, 4, 1), date(2026, 3, 31))  # the demo evaluated it


def open_window(qtbot, ctx: AppContext) -> MainWindow:
    """The main window with every real area, the Reports screen's today fixed."""
    areas = tuple(
        replace(area, make_screen=lambda c: ReportsScreen(c, today=TODAY))
        if area.key == "reports"
        else area
        for area in AREAS
    )
    window = MainWindow(ctx, areas)
    window.resize(1280, 800)
    show_active(qtbot, window)
    window._services_ready()
    return window


@pytest.fixture
def window(qtbot, demo_ctx) -> Iterator[MainWindow]:
    window = open_window(qtbot, demo_ctx)
    yield window
    close_dialogs(window)


@pytest.fixture
def screen(window) -> ReportsScreen:
    window._show_area_by_key("reports")
    shown = window.current_screen()
    assert isinstance(shown, ReportsScreen)
    return shown


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def outline_titles(path: Path) -> list[str]:
    def walk(items) -> list[str]:
        found = []
        for item in items:
            found += walk(item) if isinstance(item, list) else [item.title]
        return found

    return walk(PdfReader(path).outline)


def page_count(path: Path) -> int:
    return len(PdfReader(path).pages)


def save_with(qtbot, answers, button: QPushButton, path: Path) -> Path:
    """Press a button as the user would, choosing `path` in the save picker; the PDF is made
    on a worker thread, then "PDF saved" offers what next, and is closed."""
    answers.save_file = path
    if path.suffix != ".pdf":
        path = path.with_name(path.name + ".pdf")  # a name typed without ".pdf" gets it
    pickers = len(answers.file_pickers)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(answers.file_pickers) == pickers + 1, "the user was asked where to save"
    qtbot.waitUntil(lambda: saved_dialog(button) is not None, timeout=30_000)
    dialog = saved_dialog(button)
    assert f"({page_count(path)} page" in dialog.message.text()
    dialog.done(0)
    return path


def saved_dialog(button: QWidget) -> PdfSavedDialog | None:
    shown = [d for d in button.window().findChildren(PdfSavedDialog) if d.isVisible()]
    return shown[0] if shown else None


def person_with_claims(ctx: AppContext) -> tuple[int, str]:
    """Someone the demo paid for work in the last financial year."""
    with ctx.database().session_scope() as session:
        person = session.scalars(
            select(Person)
            .join(Claim, Claim.person_id == Person.id)
            .where(Claim.status == ClaimStatus.PAID.value)
            .where(Claim.work_date.between(*LAST_YEAR))
            .order_by(Person.id)
        ).first()
        assert person is not None
        return person.id, display_name(person.first_name, person.last_name, person.preferred_name)


def toggle(qtbot, tick: QCheckBox) -> None:
    """Tick or untick with the space bar, as a keyboard user does."""
    tick.setFocus()
    qtbot.keyClick(tick, Qt.Key.Key_Space)


def choose_person(qtbot, screen: ReportsScreen, name: str) -> None:
    qtbot.mouseClick(screen.person.choose_button, Qt.MouseButton.LeftButton)
    dialog = screen.person.dialog
    assert dialog is not None and dialog.isVisible()
    type_text(dialog.finder.search, name)
    dialog.finder.choose_current()
    assert not dialog.isVisible()


# --- what can be made ----------------------------------------------------------------------


def test_every_document_for_trustees_is_listed_and_one_not_possible_says_why(screen):
    # Reports look back: the last whole year is offered first.
    assert screen.year.period() == LAST_YEAR
    assert screen.pack.ticked() == tuple(screen.pack.rows)
    screen.year.choose(THIS_YEAR)
    rows = screen.pack.rows
    assert list(rows) == [
        DocumentKind.ANNUAL_REPORT,
        DocumentKind.STRATEGY,
        DocumentKind.ACTION_PLAN,
        DocumentKind.EVALUATION,
        DocumentKind.CLAIM_FORM,
    ]
    for row in rows.values():
        assert row.about.text(), "each says what it holds"
    # The demo has not evaluated this year yet: unticked, not available, and said in words.
    evaluation = rows[DocumentKind.EVALUATION]
    assert not evaluation.tick.isChecked()
    assert not evaluation.tick.isEnabled()
    assert not evaluation.save_button.isEnabled()
    assert evaluation.why_not.isVisibleTo(screen)
    assert "no yearly evaluation for 2026/27" in evaluation.why_not.text()
    assert "no yearly evaluation" in evaluation.save_button.toolTip()
    others = [row for kind, row in rows.items() if kind is not DocumentKind.EVALUATION]
    assert all(row.tick.isChecked() and row.save_button.isEnabled() for row in others)
    assert not any(row.why_not.isVisibleTo(screen) for row in others)

    # Last year was evaluated: the evaluation can be made, and is ticked again.
    screen.year.choose(LAST_YEAR)
    assert evaluation.tick.isEnabled() and evaluation.tick.isChecked()
    assert not evaluation.why_not.isVisibleTo(screen)
    assert screen.pack.ticked() == tuple(rows)


def test_an_evaluation_started_elsewhere_becomes_available_at_once(screen, demo_ctx):
    screen.year.choose(THIS_YEAR)
    evaluation = screen.pack.rows[DocumentKind.EVALUATION]
    assert not evaluation.tick.isEnabled()
    with demo_ctx.database().session_scope() as session:
        start_evaluation(session, demo_ctx.actor, THIS_YEAR[0], TODAY)
    demo_ctx.events.data_changed.emit("evaluation")
    assert evaluation.tick.isEnabled() and evaluation.tick.isChecked()
    assert not evaluation.why_not.isVisibleTo(screen)


def test_with_nothing_ticked_the_pack_cannot_be_made_and_says_why(qtbot, screen):
    for row in screen.pack.rows.values():
        if row.tick.isEnabled():
            toggle(qtbot, row.tick)
    assert screen.pack.ticked() == ()
    assert not screen.pack.pack_button.isEnabled()
    assert screen.pack.pack_reason.text() == NOTHING_TICKED
    assert screen.pack.pack_button.toolTip() == NOTHING_TICKED
    toggle(qtbot, screen.pack.rows[DocumentKind.STRATEGY].tick)
    assert screen.pack.pack_button.isEnabled()
    assert screen.pack.pack_reason.text() == "It will hold: strategy."


def test_the_ticks_and_large_print_are_remembered_next_time(qtbot, demo_ctx, screen):
    plan = screen.pack.rows[DocumentKind.ACTION_PLAN].tick
    toggle(qtbot, plan)
    assert not plan.isChecked()
    screen.large_print.setChecked(True)

    again = ReportsScreen(demo_ctx, today=TODAY)
    qtbot.addWidget(again)
    assert not again.pack.rows[DocumentKind.ACTION_PLAN].tick.isChecked()
    assert again.pack.rows[DocumentKind.STRATEGY].tick.isChecked()
    assert again.large_print.isChecked()


# --- saving --------------------------------------------------------------------------------


def test_one_document_is_saved_as_a_pdf(qtbot, answers, screen, tmp_path):
    saved = save_with(
        qtbot, answers, screen.pack.rows[DocumentKind.STRATEGY].save_button, tmp_path / "x.pdf"
    )
    # The last whole year (2025/26) is chosen: the strategy in force then, since replaced.
    assert PdfReader(saved).metadata.title.startswith("Involvement strategy 2023 to 2026")
    assert "Riverside Voices" in pdf_text(saved)
    screen.year.choose(THIS_YEAR)
    current = save_with(
        qtbot, answers, screen.pack.rows[DocumentKind.STRATEGY].save_button, tmp_path / "y.pdf"
    )
    assert PdfReader(current).metadata.title.startswith("Involvement strategy 2026 to 2029")
    assert answers.problems == []


def test_a_pack_of_two_ticked_documents_holds_both_with_bookmarks(qtbot, answers, screen, tmp_path):
    screen.year.choose(LAST_YEAR)
    for kind, row in screen.pack.rows.items():
        if row.tick.isChecked() != (kind in (DocumentKind.STRATEGY, DocumentKind.CLAIM_FORM)):
            toggle(qtbot, row.tick)
    assert screen.pack.ticked() == (DocumentKind.STRATEGY, DocumentKind.CLAIM_FORM)
    rows = screen.pack.rows
    strategy = save_with(qtbot, answers, rows[DocumentKind.STRATEGY].save_button, tmp_path / "s")
    form = save_with(qtbot, answers, rows[DocumentKind.CLAIM_FORM].save_button, tmp_path / "c")
    pack = save_with(qtbot, answers, screen.pack.pack_button, tmp_path / "pack.pdf")

    text = pdf_text(pack)
    assert "Involvement pack 2025/26" in text and "Contents" in text
    assert "Involvement strategy 2023 to 2026" in text and "Claim form" in text
    top_level = [item.title for item in PdfReader(pack).outline if not isinstance(item, list)]
    assert top_level == ["Involvement strategy 2023 to 2026 (version 1)", "Claim form"]
    assert "Why we involve members" in outline_titles(pack), "each one's sections too"
    assert page_count(pack) > max(page_count(strategy), page_count(form))
    assert answers.problems == []


def test_large_print_reaches_the_document(qtbot, answers, screen, tmp_path):
    button = screen.pack.rows[DocumentKind.STRATEGY].save_button
    normal = save_with(qtbot, answers, button, tmp_path / "normal.pdf")
    screen.large_print.setChecked(True)
    large = save_with(qtbot, answers, button, tmp_path / "large.pdf")
    assert page_count(large) > page_count(normal)


# --- one person ----------------------------------------------------------------------------


def audit_actions(ctx: AppContext) -> list[str]:
    with ctx.database().session_scope() as session:
        return [entry.action for entry in list_events(session, ctx.actor)]


def test_a_payment_statement_is_made_for_the_person_chosen_and_audited(
    qtbot, answers, demo_ctx, screen, tmp_path
):
    assert not screen.person.statement_button.isEnabled()
    assert not screen.person.record_button.isEnabled()
    assert screen.person.reason.text() == "Choose a member first."
    assert screen.person.title() == "Documents about one member"
    person_id, name = person_with_claims(demo_ctx)
    screen.year.choose(LAST_YEAR)
    choose_person(qtbot, screen, name)
    assert screen.person.person == (person_id, name)
    assert screen.person.name_label.text() == name
    assert screen.person.statement_button.isEnabled()

    saved = save_with(qtbot, answers, screen.person.statement_button, tmp_path / "x.pdf")
    text = pdf_text(saved)
    assert name.split()[0] in text
    assert "2025" in text
    assert AuditAction.EXPORTED_PAYMENT_STATEMENT in audit_actions(demo_ctx)


def test_everything_we_hold_is_made_only_after_a_warning(
    qtbot, answers, demo_ctx, screen, tmp_path
):
    _person_id, name = person_with_claims(demo_ctx)
    choose_person(qtbot, screen, name)
    answers.yes_no = False
    qtbot.mouseClick(screen.person.record_button, Qt.MouseButton.LeftButton)
    assert answers.asked == [f"Everything we hold about {name}"]
    assert answers.file_pickers == [], "said no: not even asked where to save"

    answers.yes_no = True
    saved = save_with(qtbot, answers, screen.person.record_button, tmp_path / "x.pdf")
    assert name.split()[0] in pdf_text(saved)
    assert AuditAction.EXPORTED_PERSON in audit_actions(demo_ctx)


def test_a_person_deleted_meanwhile_is_no_longer_chosen(qtbot, demo_ctx, screen):
    from involve_desktop.services.people_lifecycle import delete_person

    person_id, name = person_with_claims(demo_ctx)
    choose_person(qtbot, screen, name)
    with demo_ctx.database().session_scope() as session:
        delete_person(session, demo_ctx.actor, person_id)
    demo_ctx.events.data_changed.emit("people")
    assert screen.person.person is None
    assert not screen.person.statement_button.isEnabled()


# --- the keyboard --------------------------------------------------------------------------


def test_every_control_is_named_and_has_its_own_letter(window, screen):
    assert unnamed_inputs(screen) == []
    assert clashes(mnemonics(screen) + mnemonics(window.menuBar())) == {}
    for button in screen.findChildren(QPushButton):
        assert button.text().replace("&", "").strip(), "a button with no words"
        assert button.accessibleName(), button.text()


def test_tab_reaches_every_control_on_the_screen(qtbot, screen):
    screen.year.choose(LAST_YEAR)  # everything can be made
    controls: list[QWidget] = [screen.year, screen.large_print]
    for row in screen.pack.rows.values():
        controls += [row.tick, row.save_button]
    controls += [screen.pack.pack_button, screen.person.choose_button]
    screen.year.setFocus()
    qtbot.waitUntil(screen.year.hasFocus)
    reached = []
    for _step in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert all(control in reached for control in controls)
    # In reading order: the year and large print, then the documents, then the person.
    order = [reached.index(control) for control in controls[1:]]
    assert order == sorted(order)


def test_ctrl_nine_opens_reports_ctrl_zero_backup_and_ctrl_comma_settings(qtbot, window):
    window.navigation.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_screen(), ReportsScreen)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_screen(), BackupScreen)
    # The digits run out after ten areas: Settings takes the key many programs give it.
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_screen(), SettingsScreen)


def test_every_area_has_a_shortcut_and_a_place_in_the_go_menu(window):
    assert [action.text() for action in window.area_actions] == [
        window.navigation.item(row).text() for row in range(window.navigation.count())
    ]
    # Ctrl+1 to Ctrl+0 for the first ten; an area after them has a spare key of its own.
    assert all(action.shortcuts() for action in window.area_actions), (
        "an area past the tenth has no key: give it a spare_shortcut in ui/areas.py"
    )
