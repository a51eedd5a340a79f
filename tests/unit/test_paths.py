"""Where Involve keeps its files, and the check that it can write there."""

from pathlib import Path

import pytest

from involve_desktop import paths as paths_module
from involve_desktop.errors import DataFolderError
from involve_desktop.paths import (
    DATA_DIR_ENV,
    AppPaths,
    default_data_dir,
    ensure_writable,
    resolve_paths,
)


def test_the_argument_beats_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    chosen = resolve_paths(tmp_path / "from-argument")
    assert chosen.data_dir == (tmp_path / "from-argument").resolve()


def test_the_environment_variable_beats_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert resolve_paths().data_dir == (tmp_path / "from-env").resolve()
    assert resolve_paths(None).data_dir == (tmp_path / "from-env").resolve()


def test_without_argument_or_variable_the_default_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    assert resolve_paths().data_dir == default_data_dir().resolve()
    monkeypatch.setattr(paths_module, "default_data_dir", lambda: tmp_path / "default")
    assert resolve_paths().data_dir == (tmp_path / "default").resolve()


def test_an_empty_environment_variable_falls_back_to_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, "")
    monkeypatch.setattr(paths_module, "default_data_dir", lambda: tmp_path / "default")
    assert resolve_paths().data_dir == (tmp_path / "default").resolve()


def test_the_data_folder_is_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve_paths("relative").data_dir == tmp_path.resolve() / "relative"


def test_every_file_lives_under_the_data_folder(tmp_path):
    app_paths = AppPaths(tmp_path)
    for path in (
        app_paths.database,
        app_paths.log_dir,
        app_paths.lock_file,
        app_paths.window_state,
    ):
        assert path.parent == tmp_path
    assert app_paths.database.name == "involve.db"


def test_ensure_writable_creates_the_data_and_logs_folders(tmp_path):
    app_paths = AppPaths(tmp_path / "new" / "data")
    ensure_writable(app_paths)
    assert app_paths.log_dir.is_dir()
    # The test file it writes to prove the folder works is cleaned up.
    assert sorted(p.name for p in app_paths.data_dir.iterdir()) == ["logs"]


def test_ensure_writable_is_happy_with_a_folder_that_already_exists(tmp_path):
    app_paths = AppPaths(tmp_path)
    ensure_writable(app_paths)
    ensure_writable(app_paths)
    assert app_paths.log_dir.is_dir()


def test_a_folder_under_a_regular_file_is_refused_with_a_plain_message(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    folder = blocker / "data"

    with pytest.raises(DataFolderError) as raised:
        ensure_writable(AppPaths(folder))

    message = raised.value.message
    assert str(folder) in message
    assert "--data-dir" in message
    assert raised.value.detail  # the kind of error, for the log
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


def test_a_data_folder_that_is_itself_a_file_is_refused(tmp_path):
    blocker = tmp_path / "involve-data"
    blocker.write_bytes(b"")
    with pytest.raises(DataFolderError) as raised:
        ensure_writable(AppPaths(Path(blocker)))
    assert str(blocker) in raised.value.message
