"""The About box: the version the installer and the package say, how this copy runs, and the
licence text itself."""

from __future__ import annotations

import re
import shutil
import sys
from importlib.metadata import version
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from involve_desktop import __version__
from involve_desktop.ui.dialogs.about_dialog import AboutDialog
from tests.ui.helpers import shown_text

REPO_ROOT = Path(__file__).resolve().parents[2]


def about_box(qtbot, paths) -> AboutDialog:
    about = AboutDialog(paths)
    qtbot.addWidget(about)
    about.show()
    return about


def words_shown(about: AboutDialog) -> str:
    return " ".join(shown_text(label) for label in about.findChildren(QLabel))


def test_the_about_box_shows_the_version_the_package_and_the_installer_carry(qtbot, paths):
    about = about_box(qtbot, paths)
    shown = re.search(r"Involve (\S+)", words_shown(about))
    assert shown is not None
    # The installer gets its version from __version__ (packaging/build_windows.ps1), and
    # pip from pyproject.toml, which reads the same attribute. A mismatch here means the
    # installed metadata is stale: reinstall with `pip install -e .`.
    assert shown.group(1) == __version__ == version("involve-desktop")


def test_the_licence_button_shows_the_whole_licence(qtbot, paths):
    about = about_box(qtbot, paths)
    qtbot.mouseClick(about.licence_button, Qt.MouseButton.LeftButton)
    licence = about.licence_dialog
    assert licence is not None and licence.isVisible()
    assert licence.text_view.isReadOnly()
    text = licence.text_view.toPlainText()
    assert text == (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in text and "Version 3" in text


def test_run_from_source_says_so(qtbot, paths):
    about = about_box(qtbot, paths)
    assert "Run from source code" in about.build_label.text()


def test_an_installed_copy_says_so_and_reads_the_licence_from_its_bundle(
    qtbot, paths, tmp_path, monkeypatch
):
    # GIVEN the layout PyInstaller's one-folder build has: sys.frozen set, sys._MEIPASS the
    # bundle's folder with resources/ and the LICENSE the spec copies beside it
    bundle = tmp_path / "Involve" / "_internal"
    (bundle / "resources").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "LICENSE", bundle / "LICENSE")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "Involve" / "Involve.exe"))
    # WHEN the About box and its licence are opened
    about = about_box(qtbot, paths)
    qtbot.mouseClick(about.licence_button, Qt.MouseButton.LeftButton)
    # THEN it says it is installed, where, and shows the bundled licence
    assert about.build_label.text() == f"Installed program, in {tmp_path / 'Involve'}"
    assert about.licence_dialog is not None
    assert about.licence_dialog.text_view.toPlainText().startswith(
        (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")[:200]
    )


def test_a_bundle_without_its_licence_points_to_it_online(qtbot, paths, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "empty"), raising=False)
    about = about_box(qtbot, paths)
    qtbot.mouseClick(about.licence_button, Qt.MouseButton.LeftButton)
    assert about.licence_dialog is not None
    text = about.licence_dialog.text_view.toPlainText()
    assert "GNU General Public License, version 3 or later" in text
    assert "https://www.gnu.org/licenses/gpl-3.0.html" in text
