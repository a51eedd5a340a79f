"""Back up now, from the Backup screen: a stick it can see, or a chosen folder; checked
before "Backup complete"; never unencrypted without the warning; problems in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from involve_desktop.backup.drives import Drive
from involve_desktop.backup.verify import verify_backup
from involve_desktop.services import backup_settings
from involve_desktop.ui import ops
from involve_desktop.ui.screens.backup.backup_screen import BackupScreen
from tests.ui.backup.conftest import ORGANISATION, PASSPHRASE, PEOPLE, TODAY, stick
from tests.ui.helpers import show_active


def backup_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.involve-backup"))


def open_screen(qtbot, ctx, drives: list[Drive]) -> BackupScreen:
    screen = BackupScreen(ctx, today=TODAY, find_drives=lambda: list(drives))
    screen.resize(1000, 760)
    show_active(qtbot, screen)
    return screen


def set_passphrase(ctx) -> None:
    ops.change(ctx, "backup", backup_settings.set_passphrase, ctx.actor, PASSPHRASE)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_one_click_backs_up_to_a_stick_and_says_complete_only_once_checked(
    qtbot, backup_ctx, answers, tmp_path
):
    set_passphrase(backup_ctx)
    drive = stick(tmp_path)
    screen = open_screen(qtbot, backup_ctx, [drive])
    [button] = screen.back_up.drive_buttons
    assert button.text() == "Back up to KINGSTON (E:)"

    click(qtbot, button)

    [made] = backup_files(drive.path)
    summary = verify_backup(made, PASSPHRASE)
    assert (summary.organisation, summary.people, summary.encrypted) == (
        ORGANISATION,
        PEOPLE,
        True,
    )
    result = screen.back_up.result.text()
    assert result.startswith("\u2714 <b>Backup complete:</b> Involve backup Riverside")
    assert " MB, checked " in result or " KB, checked " in result
    assert answers.problems == []
    state = ops.query(backup_ctx, backup_settings.load)
    assert state.last_removable_backup_place == "KINGSTON (E:)"
    assert "The last backup was made today" in screen.status.text()
    assert "to KINGSTON (E:)" in screen.status.text()


def test_a_chosen_folder_on_this_disk_is_warned_about_and_remembered(
    qtbot, backup_ctx, answers, tmp_path
):
    set_passphrase(backup_ctx)
    screen = open_screen(qtbot, backup_ctx, [])
    assert screen.back_up.no_drives.isVisible()
    folder = tmp_path / "Backups"
    folder.mkdir()
    answers.folder = folder

    answers.yes_no = False  # "Back up there anyway?" → Cancel
    click(qtbot, screen.back_up.folder_button)
    assert answers.asked == ["This folder is on the same disk"]
    assert backup_files(folder) == []

    answers.yes_no = True
    click(qtbot, screen.back_up.folder_button)
    [made] = backup_files(folder)
    assert verify_backup(made, PASSPHRASE).people == PEOPLE
    # Not "a backup to a stick": the status bar's line and the reminder stay as they were.
    assert ops.query(backup_ctx, backup_settings.load).last_removable_backup_at is None
    # Offered again next time, one click away.
    again = BackupScreen(backup_ctx, today=TODAY, find_drives=list)
    qtbot.addWidget(again)
    assert not again.back_up.again_button.isHidden()
    assert again.back_up.again_button.text() == "Back up to Backups again"


def test_no_passphrase_set_says_so_and_makes_no_file(qtbot, backup_ctx, answers, tmp_path):
    drive = stick(tmp_path)
    screen = open_screen(qtbot, backup_ctx, [drive])
    assert "No backup passphrase is set yet" in screen.passphrase.state_label.text()

    click(qtbot, screen.back_up.drive_buttons[0])

    assert [title for title, _ in answers.problems] == ["Set a backup passphrase first"]
    assert backup_files(drive.path) == []


def test_a_backup_without_encryption_is_made_only_after_the_warning(
    qtbot, backup_ctx, answers, tmp_path
):
    drive = stick(tmp_path)
    screen = open_screen(qtbot, backup_ctx, [drive])
    screen.back_up.plain_box.setChecked(True)

    answers.yes_no = False
    click(qtbot, screen.back_up.drive_buttons[0])
    assert answers.asked == ["Back up without encryption?"]
    assert backup_files(drive.path) == []

    answers.yes_no = True
    click(qtbot, screen.back_up.drive_buttons[0])
    [made] = backup_files(drive.path)
    assert verify_backup(made, None).encrypted is False
    assert "It is not encrypted." in screen.back_up.result.text()
    assert not screen.back_up.plain_box.isChecked(), "the next backup is encrypted again"


def test_a_folder_inside_the_data_folder_is_refused(qtbot, backup_ctx, answers):
    set_passphrase(backup_ctx)
    screen = open_screen(qtbot, backup_ctx, [])
    inside = backup_ctx.paths.data_dir / "backups"
    inside.mkdir(exist_ok=True)
    answers.folder = inside

    click(qtbot, screen.back_up.folder_button)

    assert [title for title, _ in answers.problems] == ["Choose another folder"]
    assert backup_files(inside) == []


def test_a_stick_too_full_cannot_be_chosen_and_says_why(qtbot, backup_ctx, tmp_path):
    full = Drive("TINY (F:)", tmp_path, 1_000)
    screen = open_screen(qtbot, backup_ctx, [full])
    [button] = screen.back_up.drive_buttons
    assert not button.isEnabled()
    assert "not enough for a backup" in button.accessibleDescription()


def test_a_stick_pulled_out_before_the_click_is_said_in_words(qtbot, backup_ctx, answers, tmp_path):
    set_passphrase(backup_ctx)
    gone = Drive("KINGSTON (E:)", tmp_path / "unplugged", 8_000_000_000)
    screen = open_screen(qtbot, backup_ctx, [gone])

    click(qtbot, screen.back_up.drive_buttons[0])

    [(title, message)] = answers.problems
    assert title == "The backup was not made"
    assert "check that the stick is plugged in" in message
    assert screen.back_up.result.text().startswith("\u26a0 The backup was not made.")
    assert ops.query(backup_ctx, backup_settings.load).last_removable_backup_at is None


def test_a_stick_plugged_in_appears_without_a_click(qtbot, backup_ctx, tmp_path):
    drives: list[Drive] = []
    screen = open_screen(qtbot, backup_ctx, drives)
    assert screen.back_up.drive_buttons == []
    drives.append(stick(tmp_path))
    qtbot.waitUntil(lambda: len(screen.back_up.drive_buttons) == 1, timeout=5_000)
    assert screen.back_up.no_drives.isHidden()


@pytest.mark.parametrize("admin", [True, False])
def test_staff_who_may_not_set_the_passphrase_are_told_who_can(qtbot, backup_ctx, admin):
    from dataclasses import replace

    from involve_desktop.domain.roles import Role

    if not admin:
        backup_ctx.actor = replace(backup_ctx.actor, role=Role.STAFF)
    screen = BackupScreen(backup_ctx, today=TODAY, find_drives=list)
    show_active(qtbot, screen)
    assert screen.passphrase.set_button.isVisible() is admin
    assert screen.passphrase.interval.isEnabled() is admin
    assert screen.restore.restore_file_button.isVisible() is admin
    assert screen.back_up.plain_box.isVisible() is admin, "unencrypted: administrators only"
    if not admin:
        assert screen.passphrase.who_can.text() == (
            "Only an administrator can set the passphrase or change how often: Priya Shah."
        )
        assert screen.restore.not_allowed.isVisible()


def test_the_interval_chosen_is_kept_and_says_when_a_backup_is_due(qtbot, backup_ctx, tmp_path):
    set_passphrase(backup_ctx)
    drive = stick(tmp_path)
    screen = open_screen(qtbot, backup_ctx, [drive])
    click(qtbot, screen.back_up.drive_buttons[0])
    later = BackupScreen(backup_ctx, today=TODAY.replace(day=29), find_drives=list)
    show_active(qtbot, later)
    assert "A new one is due" not in later.status.text()

    later.passphrase.interval.setValue(3)

    assert ops.query(backup_ctx, backup_settings.load).interval_days == 3
    assert later.status.text().startswith("\u26a0 The last backup was made 3 days ago")
    assert later.status.text().endswith("A new one is due.")
