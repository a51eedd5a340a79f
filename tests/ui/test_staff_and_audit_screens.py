"""Settings → Staff and Audit trail through the real widgets, and what a non-administrator sees."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from involve_desktop.app import AppContext
from involve_desktop.db.models import Staff
from involve_desktop.db.sqlite_file import read_startup_facts
from involve_desktop.domain.roles import Role
from involve_desktop.services import staff
from involve_desktop.services.permissions import Actor
from involve_desktop.services.protection import sign_in
from involve_desktop.ui.screens import settings_staff
from involve_desktop.ui.screens.settings_screen import SettingsScreen
from tests.conftest import TEST_KEY
from tests.ui.helpers import show_active, type_text


def fill_staff_dialog(dialog, name: str, role: Role, password: str) -> None:
    type_text(dialog.name_edit, name)
    dialog.role_box.setCurrentIndex(list(Role).index(role))
    type_text(dialog.password_edit, password)
    type_text(dialog.confirm_edit, password)
    dialog._check()


def test_an_administrator_adds_staff_sets_roles_and_deactivates(
    qtbot,
    signed_in_ctx,
    monkeypatch,
    answers,
):
    screen = SettingsScreen(signed_in_ctx)
    show_active(qtbot, screen)
    tab = screen.staff_tab
    screen.tabs.setCurrentWidget(tab)

    # The dialog is filled by typing, as a person would, when it opens.
    def exec_filled(dialog):
        fill_staff_dialog(dialog, "Tom Reed", Role.STAFF, "river stone ladder")
        return dialog.result()

    monkeypatch.setattr(settings_staff.StaffDialog, "exec", exec_filled)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert [m.name for m in tab.members] == ["Priya Shah", "Tom Reed"]
    tom = tab.members[1]
    assert sign_in(signed_in_ctx.paths, staff.slot_id(tom.id), "river stone ladder")

    tab.table.selectRow(1)
    tab.role_box.setCurrentIndex(list(Role).index(Role.APPROVER))
    qtbot.mouseClick(tab.role_button, Qt.MouseButton.LeftButton)
    assert tab.table.item(1, 1).text() == "Approver"

    # The last administrator cannot be demoted: the message says why.
    tab.table.selectRow(0)
    tab.role_box.setCurrentIndex(list(Role).index(Role.STAFF))
    qtbot.mouseClick(tab.role_button, Qt.MouseButton.LeftButton)
    assert "only administrator" in answers.problems[-1][1]

    answers.yes_no = True
    tab.table.selectRow(1)
    qtbot.mouseClick(tab.deactivate_button, Qt.MouseButton.LeftButton)
    assert tab.table.item(1, 2).text() == "No (deactivated)"

    screen.tabs.setCurrentWidget(screen.audit_tab)
    actions = [screen.audit_tab.table.item(row, 2).text() for row in range(3)]
    assert actions == [
        "deactivated a staff member",
        "changed a staff member's role",
        "added a staff member",
    ]


def test_someone_who_is_not_an_administrator_cannot_change_settings(qtbot, ctx, database):
    with database.session_scope() as session:
        row = Staff(name="Tom Reed", role=Role.STAFF.value)
        session.add(row)
        session.flush()
        tom = Actor(row.id, row.name, Role.STAFF)
    facts = read_startup_facts(ctx.paths.database, key=TEST_KEY)
    staff_ctx = AppContext(ctx.paths, facts, key=TEST_KEY, actor=tom)
    try:
        screen = SettingsScreen(staff_ctx)
        show_active(qtbot, screen)
        tab_names = [screen.tabs.tabText(i).replace("&", "") for i in range(screen.tabs.count())]
        assert "Staff" not in tab_names and "Audit trail" not in tab_names
        qtbot.keyClicks(screen.organisation_form.name_edit, " Trust")
        assert not screen.save_button.isEnabled()
        assert screen.state_label.text() == "Only an administrator can change the settings."
    finally:
        staff_ctx.close()


def test_the_service_refuses_too_whatever_the_screen_shows(ctx):
    from involve_desktop.services.organisation import change_organisation, load_organisation
    from involve_desktop.services.permissions import NotAllowed

    tom = Actor(99, "Tom Reed", Role.STAFF)
    with ctx.database().session_scope() as session:
        details = load_organisation(session)
        with pytest.raises(NotAllowed):
            change_organisation(session, tom, details)
