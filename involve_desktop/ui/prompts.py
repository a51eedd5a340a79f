"""The only module that opens message boxes, file pickers and the system's file browser.

Keeping them here gives tests one place to answer them, and keeps the wording of every
question in one voice.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from involve_desktop.services.people_duplicates import DuplicateMatch
    from involve_desktop.ui.dialogs.possible_duplicates_dialog import DuplicateAnswer


class UnsavedChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def show_problem(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.exec()


def ask_unsaved_changes(parent: QWidget | None, what: str) -> UnsavedChoice:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Unsaved changes",
        f"You have changed {what} but not saved it yet. Do you want to save your changes?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return UnsavedChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL


def ask_yes_no(parent: QWidget | None, title: str, question: str, yes_text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text from the user; None if they cancel."""
    from PySide6.QtWidgets import QInputDialog

    answer, accepted = QInputDialog.getText(parent, title, label, text=text)
    return answer if accepted else None


def choose_image_file(parent: QWidget | None) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, "Choose the organisation's logo", str(Path.home()), "Images (*.png *.jpg *.jpeg)"
    )
    return Path(chosen) if chosen else None


def choose_open_file(
    parent: QWidget | None, title: str, file_filter: str, folder: Path
) -> Path | None:
    """Pick an existing file, e.g. filter 'Spreadsheets (*.xlsx *.csv)'."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, str(folder), file_filter)
    return Path(chosen) if chosen else None


def choose_save_file(
    parent: QWidget | None, title: str, file_filter: str, suggested: Path
) -> Path | None:
    """Pick where to save; `suggested` is a full path (remembered folder + proposed name)."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    return Path(chosen) if chosen else None


def choose_printer(parent: QWidget | None, printer: QPrinter, page_count: int) -> bool:
    """The system's print dialog for a document of `page_count` pages: printer, copies and
    pages. The choices are set on `printer`; False if the user cancelled."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, max(page_count, 1))
    option = QAbstractPrintDialog.PrintDialogOption
    dialog.setOptions(option.PrintPageRange | option.PrintCollateCopies | option.PrintToFile)
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def ask_about_duplicates(
    parent: QWidget | None, matches: list[DuplicateMatch], person_word: str
) -> DuplicateAnswer:
    """Before adding someone who may already be in the register: save anyway, open, or go back."""
    from involve_desktop.ui.dialogs.possible_duplicates_dialog import PossibleDuplicatesDialog

    dialog = PossibleDuplicatesDialog(matches, person_word, parent)
    dialog.exec()
    return dialog.answer()


def open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_file(path: Path) -> bool:
    """Open a saved file in the program the system uses for its type (a PDF reader). False
    if the system has no program for it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_message(parent: QWidget | None, title: str, message: str) -> None:
    """Something went as asked and the user should know how (not a problem)."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.exec()


def choose_folder(parent: QWidget | None, title: str, folder: Path) -> Path | None:
    """Pick an existing folder (a USB stick's, say), starting in `folder`."""
    chosen = QFileDialog.getExistingDirectory(parent, title, str(folder))
    return Path(chosen) if chosen else None


def ask_choice(
    parent: QWidget | None, title: str, question: str, choices: tuple[str, ...]
) -> str | None:
    """One of `choices` (button words, the first the default), or None for Cancel."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    buttons = [box.addButton(words, QMessageBox.ButtonRole.AcceptRole) for words in choices]
    box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    if buttons:
        box.setDefaultButton(buttons[0])
    box.exec()
    for words, button in zip(choices, buttons, strict=True):
        if box.clickedButton() is button:
            return words
    return None
