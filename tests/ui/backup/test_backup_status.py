"""The status bar's "Last backup to a stick", its gentle reminder, and closing the window:
the offer to back up (once), and today's copy on this computer (at most one a day)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from involve_desktop.backup.local_copies import list_local_copies
from involve_desktop.services import backup_settings
from involve_desktop.services.backups import back_up
from involve_desktop.ui import ops
from involve_desktop.ui.backup_status import BACK_UP_NOW, NOT_NOW, BackupStatus
from involve_desktop.ui.main_window import MainWindow
from involve_desktop.ui.screens.backup.backup_screen import BackupScreen
from involve_desktop.ui.screens.backup.backup_words import last_backup_text
from tests.ui.backup.conftest import PASSPHRASE, TODAY, at
from tests.ui.helpers import show_active, shown_text


def backed_up_on(ctx, day: date, tmp_path) -> None:
    """A real backup to a stick, made on `day`."""
    if not ops.query(ctx, backup_settings.load).passphrase_set:
        ops.change(ctx, "backup", backup_settings.set_passphrase, ctx.actor, PASSPHRASE)
    stick = tmp_path / "stick"
    stick.mkdir(exist_ok=True)
    # As the screen's drive button does: a drive listed as removable.
    back_up(
        ctx.database(),
        ctx.paths,
        ctx.key,
        stick,
        ctx.actor,
        now=at(day),
        place="E:",
        removable=True,
    )


@pytest.mark.parametrize(
    ("last", "words"),
    [
        (None, "No backup to a stick yet"),
        (TODAY, "Last backup to a stick: today"),
        (TODAY - timedelta(days=1), "Last backup to a stick: yesterday"),
        (TODAY - timedelta(days=3), "Last backup to a stick: 3 days ago"),
        (TODAY + timedelta(days=2), "Last backup to a stick: today"),  # a clock put back
    ],
)
def test_the_status_bar_says_how_long_ago_in_words(last, words):
    state = backup_settings.BackupState(
        backup_key=None,
        passphrase_set_at=None,
        interval_days=7,
        last_removable_backup_at=at(last) if last else None,
        last_removable_backup_place="",
        last_local_copy_at=None,
        sequence=0,
        nag_dismissed_on=None,
    )
    assert last_backup_text(state, TODAY) == words


def test_the_reminder_shows_when_older_than_the_interval_and_not_now_waits_three_days(
    qtbot, backup_ctx, tmp_path
):
    backed_up_on(backup_ctx, date(2026, 11, 23), tmp_path)
    day = [TODAY]
    status = BackupStatus(backup_ctx, today=lambda: day[0])
    show_active(qtbot, status)

    status.refresh(remind=True)
    assert shown_text(status.label) == "Last backup to a stick: 3 days ago"
    assert not status.reminding, "3 days is within the 7 the charity chose"

    day[0] = date(2026, 11, 30)  # 7 days since
    status.refresh(remind=True)
    assert status.reminding
    assert status.reminder.text() == "\u26a0 Time for a backup to a stick."
    assert status.reminder.toolTip() == (
        "Your last backup to a stick was 7 days ago. Your organisation chose to back up "
        "every 7 days."
    )

    qtbot.mouseClick(status.not_now_button, Qt.MouseButton.LeftButton)
    assert not status.reminding
    for later, reminding in ((1, False), (2, False), (3, True)):
        day[0] = date(2026, 11, 30) + timedelta(days=later)
        status.refresh(remind=True)
        assert status.reminding is reminding, later


def test_a_backup_made_hides_the_reminder(qtbot, backup_ctx, tmp_path):
    status = BackupStatus(backup_ctx, today=lambda: TODAY)
    show_active(qtbot, status)
    status.refresh(remind=True)
    assert status.reminding and shown_text(status.label) == "No backup to a stick yet"
    backed_up_on(backup_ctx, TODAY, tmp_path)
    status.refresh()
    assert not status.reminding
    assert shown_text(status.label) == "Last backup to a stick: today"


@pytest.fixture
def window(qtbot, backup_ctx) -> MainWindow:
    shown = MainWindow(backup_ctx)
    shown.backup_status.today = lambda: TODAY
    shown.resize(1280, 800)
    show_active(qtbot, shown)
    shown._services_ready()
    return shown


def test_the_window_shows_the_last_backup_and_file_menu_reaches_the_backup_screen(qtbot, window):
    assert window.backup_status.isVisible()
    assert shown_text(window.backup_status.label) == "No backup to a stick yet"
    assert window.backup_status.reminding, "never backed up: reminded at start"
    assert window.back_up_action.text() == "&Back up now\u2026"

    window.back_up_action.trigger()

    screen = window.current_screen()
    assert isinstance(screen, BackupScreen)
    assert QApplication.focusWidget() is screen.back_up.folder_button, "no stick: the folder"


def test_closing_offers_a_due_backup_once(qtbot, window, backup_ctx, answers):
    answers.choices = [BACK_UP_NOW]
    assert not window.close()
    assert answers.choices_asked == [("Back up before closing?", (BACK_UP_NOW, NOT_NOW))]
    assert isinstance(window.current_screen(), BackupScreen)
    assert list_local_copies(backup_ctx.paths) == [], "no copy: the window stayed open"

    assert window.close(), "offered once: the second close closes"
    assert len(answers.choices_asked) == 1
    assert len(list_local_copies(backup_ctx.paths)) == 1


def test_cancel_keeps_the_window_open_and_not_now_puts_the_reminder_off(qtbot, backup_ctx, answers):
    first = MainWindow(backup_ctx)
    first.backup_status.today = lambda: TODAY
    show_active(qtbot, first)
    first._services_ready()
    answers.choices = [None]
    assert not first.close()
    assert first.isVisible()

    second = MainWindow(backup_ctx)
    second.backup_status.today = lambda: TODAY
    show_active(qtbot, second)
    second._services_ready()
    answers.choices = [NOT_NOW]
    assert second.close()
    assert ops.query(backup_ctx, backup_settings.load).nag_dismissed_on == TODAY


def test_no_offer_when_backed_up_and_one_copy_a_day(qtbot, backup_ctx, answers, tmp_path):
    backed_up_on(backup_ctx, TODAY, tmp_path)
    for _time in range(2):
        shown = MainWindow(backup_ctx)
        shown.backup_status.today = lambda: TODAY
        show_active(qtbot, shown)
        shown._services_ready()
        assert shown.close()
    assert answers.choices_asked == []
    assert len(list_local_copies(backup_ctx.paths)) == 1, "at most one a day"
