"""Fixtures for driving real widgets over a real database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from involve_desktop.app import AppContext
from involve_desktop.db.engine import Database
from involve_desktop.db.sqlite_file import read_startup_facts
from involve_desktop.paths import AppPaths
from tests.conftest import TEST_KEY


@pytest.fixture
def ctx(qapp, paths: AppPaths, database: Database) -> Iterator[AppContext]:
    """The app's context on the example organisation, signed in as its administrator."""
    from involve_desktop.db.models import Staff
    from involve_desktop.domain.roles import Role
    from involve_desktop.services.permissions import Actor

    with database.session_scope() as session:
        admin = Staff(name="Priya Shah", role=Role.ADMINISTRATOR.value)
        session.add(admin)
        session.flush()
        actor = Actor(admin.id, admin.name, Role.ADMINISTRATOR)
    context = AppContext(
        paths, read_startup_facts(paths.database, key=TEST_KEY), key=TEST_KEY, actor=actor
    )
    context.database()
    yield context
    context.close()


@pytest.fixture
def new_ctx(qapp, paths: AppPaths, empty_database) -> Iterator[AppContext]:
    """The context of a first start: a database with no organisation yet."""
    context = AppContext(paths, read_startup_facts(paths.database, key=TEST_KEY), key=TEST_KEY)
    yield context
    context.close()


class PromptAnswers:
    """Stands in for the user at every message box and file picker (ui/prompts.py).

    Tests set the answers they need and read what was asked; no dialog ever blocks a test.
    """

    def __init__(self) -> None:
        from involve_desktop.ui.prompts import UnsavedChoice

        self.asked: list[str] = []
        self.problems: list[tuple[str, str]] = []
        self.opened_folders: list = []
        self.unsaved = UnsavedChoice.CANCEL
        self.yes_no = False
        self.image_file = None
        self.texts: list[str | None] = []  # answers to ask_text, in order; None is Cancel
        self.open_file = None  # the Path the user picks in an "open" file picker
        self.save_file = None  # the Path the user picks in a "save" file picker
        self.file_pickers: list[str] = []  # titles of the file pickers shown
        self.duplicates_seen: list = []  # the matches shown before adding a person
        self.duplicate_answer = None  # a DuplicateAnswer; None means "save as new anyway"
        self.messages: list[tuple[str, str]] = []  # (title, message) of show_message
        self.folder = None  # the Path the user picks in a folder picker
        # Answers to ask_choice, in order (None is Cancel); with none set, the last choice
        # offered, which is the one that lets work go on ("Not now").
        self.choices: list[str | None] = []
        self.choices_asked: list[tuple[str, tuple[str, ...]]] = []

    def show_problem(self, parent, title, message) -> None:
        self.problems.append((title, message))

    def ask_unsaved_changes(self, parent, what):
        self.asked.append(f"unsaved {what}")
        return self.unsaved

    def ask_yes_no(self, parent, title, question, yes_text) -> bool:
        self.asked.append(title)
        return self.yes_no

    def ask_text(self, parent, title, label, text=""):
        self.asked.append(title)
        return self.texts.pop(0) if self.texts else None

    def choose_image_file(self, parent):
        return self.image_file

    def choose_open_file(self, parent, title, file_filter, folder):
        self.file_pickers.append(title)
        return self.open_file

    def choose_save_file(self, parent, title, file_filter, suggested):
        self.file_pickers.append(title)
        return self.save_file

    def ask_about_duplicates(self, parent, matches, person_word):
        from involve_desktop.ui.dialogs.possible_duplicates_dialog import DuplicateAnswer

        self.duplicates_seen.append(list(matches))
        return self.duplicate_answer or DuplicateAnswer.save_anyway()

    def open_folder(self, folder) -> None:
        self.opened_folders.append(folder)

    def show_message(self, parent, title, message) -> None:
        self.messages.append((title, message))

    def choose_folder(self, parent, title, folder):
        self.file_pickers.append(title)
        return self.folder

    def ask_choice(self, parent, title, question, choices):
        self.choices_asked.append((title, tuple(choices)))
        return self.choices.pop(0) if self.choices else choices[-1]


@pytest.fixture(autouse=True)
def answers(monkeypatch) -> PromptAnswers:
    from involve_desktop.ui import prompts

    stand_in = PromptAnswers()
    for name in (
        "show_problem",
        "ask_unsaved_changes",
        "ask_yes_no",
        "ask_text",
        "choose_image_file",
        "choose_open_file",
        "choose_save_file",
        "ask_about_duplicates",
        "open_folder",
        "show_message",
        "choose_folder",
        "ask_choice",
    ):
        monkeypatch.setattr(prompts, name, getattr(stand_in, name))
    return stand_in


SIGNED_IN_PASSWORD = "lighthouse pebble orchard"


@pytest.fixture
def signed_in_ctx(qapp, paths):
    """Encrypted records with their administrator signed in, as after a real sign-in."""
    from involve_desktop.services.protection import start_new_records
    from involve_desktop.services.staff import slot_id
    from tests.conftest import EXAMPLE_ORGANISATION

    signed = start_new_records(
        paths, EXAMPLE_ORGANISATION, "Priya Shah", SIGNED_IN_PASSWORD, "AAAA-BBBB-CCCC-DDDD"
    )
    context = AppContext(
        paths,
        read_startup_facts(paths.database, key=signed.key),
        key=signed.key,
        actor=signed.actor,
        slot_id=slot_id(signed.actor.staff_id),
    )
    context.database()
    yield context
    context.close()


@pytest.fixture
def demo_ctx(qapp, paths, empty_database) -> Iterator[AppContext]:
    """The demo charity on 26 November 2026 (60 people, two evaluated years), its
    administrator signed in."""
    from datetime import date

    from involve_desktop.db.engine import Database
    from involve_desktop.db.models import Staff
    from involve_desktop.domain.roles import Role
    from involve_desktop.services.demo import build_demo
    from involve_desktop.services.permissions import Actor

    database = Database(empty_database, key=TEST_KEY)
    with database.session_scope() as session:
        build_demo(session, people=60, today=date(2026, 11, 26))
        admin = Staff(name="Priya Shah", role=Role.ADMINISTRATOR.value)
        session.add(admin)
        session.flush()
        actor = Actor(admin.id, admin.name, Role.ADMINISTRATOR)
    database.close()
    context = AppContext(
        paths, read_startup_facts(paths.database, key=TEST_KEY), key=TEST_KEY, actor=actor
    )
    context.database()
    yield context
    context.close()
