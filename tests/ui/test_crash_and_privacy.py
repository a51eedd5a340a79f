"""A bug shows a kind dialog, never a traceback, and no personal data reaches the logs."""

from __future__ import annotations

import logging
import sys
import threading
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy.exc import IntegrityError

from involve_desktop.db.models import Person
from involve_desktop.logging_setup import setup_logging
from involve_desktop.ui.crash import CrashHandler
from involve_desktop.ui.dialogs.crash_dialog import CrashDialog
from tests.ui.helpers import shown_text

CANARY = "Zebedee Quarrington-Canary"


@pytest.fixture
def handler(paths, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    setup_logging(paths.log_dir)
    crash_handler = CrashHandler(paths.log_dir)
    crash_handler.install()
    yield crash_handler
    for handler_ in logging.getLogger().handlers[:]:
        if getattr(handler_, "involve_handler", False):
            logging.getLogger().removeHandler(handler_)
            handler_.close()


def answer_crash_dialog(seen: dict) -> None:
    """When the dialog opens, read it, press Copy details and Open log folder, then Close."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CrashDialog):
            QTimer.singleShot(20, answer)
            return
        seen["text"] = shown_text(dialog.message_label)
        dialog.copy_button.click()
        dialog.open_logs_button.click()
        dialog.close_button.click()

    QTimer.singleShot(20, answer)


def force_an_error_about(database, name: str) -> IntegrityError:
    with database.session_scope() as session:
        session.add(
            Person(first_name=name, notes=f"{name} said something private", joined_on=date.today())
        )
    try:
        with database.session_scope() as session:
            session.add(
                Person(first_name=name, participation_level="not a level", joined_on=date.today())
            )
    except IntegrityError as error:
        return error
    raise AssertionError("the database accepted a level that does not exist")


def test_a_bug_shows_a_kind_dialog_and_logs_no_personal_data(
    qtbot, handler, database, paths, answers
):
    error = force_an_error_about(database, CANARY)
    assert CANARY not in str(error), "bound parameters stay out of error messages"
    seen: dict = {}
    answer_crash_dialog(seen)

    sys.excepthook(type(error), error, error.__traceback__)

    assert "Everything you had saved is safe" in seen["text"]
    assert "Traceback" not in seen["text"]
    copied = QApplication.clipboard().text()
    assert "IntegrityError" in copied and "Traceback" in copied
    assert CANARY not in copied
    assert answers.opened_folders == [paths.log_dir]
    logs = "".join(path.read_text() for path in paths.log_dir.glob("involve.log*"))
    assert "IntegrityError" in logs
    assert CANARY not in logs


def test_an_error_in_a_background_thread_reaches_the_dialog(qtbot, handler, answers):
    seen: dict = {}
    answer_crash_dialog(seen)

    def fail() -> None:
        raise RuntimeError("background work failed")

    worker = threading.Thread(target=fail)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: "text" in seen, timeout=5000)
    assert "did not expect" in seen["text"]


def test_the_crash_dialog_works_from_the_keyboard(qtbot, paths, answers):
    dialog = CrashDialog("details", paths.log_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.close_button.isDefault()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert dialog.copy_button.text() == "Details copied"


def test_a_problem_the_user_can_act_on_is_explained_not_treated_as_a_crash(
    qtbot, handler, paths, answers
):
    from involve_desktop.errors import KnownError

    problem = KnownError("The USB stick was removed before the backup finished.")
    sys.excepthook(KnownError, problem, None)
    assert answers.problems == [
        ("Involve", "The USB stick was removed before the backup finished.")
    ]
    logs = "".join(path.read_text() for path in paths.log_dir.glob("involve.log*"))
    assert "Traceback" not in logs
