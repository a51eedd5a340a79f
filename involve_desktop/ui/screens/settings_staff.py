"""Settings → Staff: who can sign in, with which role. Administrators only (the services check)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.roles import Role
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services import staff
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.widgets.admin_form import password_pair_errors
from involve_desktop.ui.widgets.form_section import FormSection

COLUMNS = ("Name", "Role", "Can sign in")


class StaffDialog(QDialog):
    """Add a staff member (name, role, password), or set a new password (password only)."""

    def __init__(self, title: str, *, with_name: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.fields = FormSection()
        self.name_edit = QLineEdit()
        self.role_box = QComboBox()
        for role in Role:
            self.role_box.addItem(role.label, role)
        if with_name:
            self.fields.add_row("name", "&Name:", self.name_edit)
            self.fields.add_row("role", "&Role:", self.role_box)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields.add_row("password", "&Password:", self.password_edit)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields.add_row("confirm", "Type it &again:", self.confirm_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(buttons)

    def _check(self) -> None:
        errors = {}
        if self.name_edit.isVisibleTo(self) and not self.name_edit.text().strip():
            errors["name"] = "Please type the staff member's name."
        errors.update(
            password_pair_errors(
                self.password_edit.text(),
                self.confirm_edit.text(),
                tuple(self.name_edit.text().split()),
            )
        )
        if not self.fields.show_errors(errors):
            self.accept()


class StaffTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.members: list[staff.StaffMember] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName("Staff")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
        self.add_button = QPushButton("&Add staff member\u2026")
        self.role_box = QComboBox()
        self.role_box.setAccessibleName("Role for the selected staff member")
        for role in Role:
            self.role_box.addItem(role.label, role)
        self.role_button = QPushButton("Set &role")
        self.password_button = QPushButton("Set a new &password\u2026")
        self.deactivate_button = QPushButton("&Deactivate\u2026")
        row = QHBoxLayout()
        for widget in (self.add_button, self.role_box, self.role_button, self.password_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.deactivate_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_member)
        self.role_button.clicked.connect(self.set_role)
        self.password_button.clicked.connect(self.set_password)
        self.deactivate_button.clicked.connect(self.deactivate)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        ctx.events.data_changed.connect(lambda kind: kind == "staff" and self.reload())
        self.reload()

    def reload(self) -> None:
        self.members = ops.query(self.ctx, staff.list_staff)
        self.table.setRowCount(len(self.members))
        for row, member in enumerate(self.members):
            cells = (member.name, member.role.label, "Yes" if member.active else "No (deactivated)")
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self._selection_changed()

    def selected(self) -> staff.StaffMember | None:
        rows = self.table.selectionModel().selectedRows()
        return self.members[rows[0].row()] if rows else None

    def add_member(self) -> None:
        dialog = StaffDialog("Add a staff member", with_name=True, parent=self)
        if not dialog.exec():
            return
        self._change(
            staff.add_staff,
            self._keys(),
            dialog.name_edit.text(),
            Role(dialog.role_box.currentData()),
            dialog.password_edit.text(),
        )

    def set_role(self) -> None:
        member = self.selected()
        if member is not None:
            self._change(staff.change_role, member.id, Role(self.role_box.currentData()))

    def set_password(self) -> None:
        member = self.selected()
        if member is None:
            return
        dialog = StaffDialog(f"A new password for {member.name}", with_name=False, parent=self)
        if dialog.exec():
            self._change(
                staff.change_password, member.id, self._keys(), dialog.password_edit.text()
            )

    def deactivate(self) -> None:
        member = self.selected()
        if member is None or not prompts.ask_yes_no(
            self,
            "Deactivate a staff member?",
            f"{member.name} will no longer be able to sign in. Their name stays on everything "
            "they did.",
            "Deactivate",
        ):
            return
        self._change(staff.deactivate, member.id, self._keys())

    def _keys(self) -> staff.Keys:
        assert self.ctx.key is not None, "staff are managed only on encrypted records"
        return staff.keys_for(self.ctx.paths.key_file, self.ctx.key)

    def _change(self, service, *args) -> None:  # type: ignore[no-untyped-def]
        try:
            ops.change(self.ctx, "staff", service, self.ctx.actor, *args)
        except (KnownError, ValidationFailed) as problem:
            message = (
                " ".join(problem.errors.values())
                if isinstance(problem, ValidationFailed)
                else problem.message
            )
            prompts.show_problem(self, "Staff", message)

    def _selection_changed(self) -> None:
        member = self.selected()
        for button in (self.role_button, self.password_button, self.deactivate_button):
            button.setEnabled(member is not None and member.active)
        if member is not None:
            self.role_box.setCurrentIndex(list(Role).index(member.role))
