"""The headless commands, run in-process on real data folders, and once as a real program."""

import logging
import subprocess
import sys
from datetime import date, timedelta

import pytest

from involve_desktop import __version__
from involve_desktop.cli import DEMO_PASSWORD, main
from involve_desktop.db import sqlite_file
from involve_desktop.db.key_slots import KeyFile
from involve_desktop.services.demo import DEMO_ADMINISTRATOR


@pytest.fixture(autouse=True)
def _restore_logging():
    """`demo` sends logging to its data folder; leave the root logger as it was found."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def run(capsys, data_dir, *args):
    """Run `involve --data-dir DATA_DIR ARGS...`; return the exit status, stdout and stderr."""
    status = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(autouse=True)
def demo_credentials(monkeypatch):
    """The demo's administrator, as a script would give them."""
    monkeypatch.setenv("INVOLVE_USER", DEMO_ADMINISTRATOR)
    monkeypatch.setenv("INVOLVE_PASSWORD", DEMO_PASSWORD)


def demo_key(data_dir, keys_name="involve.keys"):
    keys = KeyFile.load(data_dir / keys_name)
    return keys.unlock(keys.slot_named(DEMO_ADMINISTRATOR), DEMO_PASSWORD)


def names_in(data_dir):
    connection = sqlite_file.connect(data_dir / "involve.db", key=demo_key(data_dir))
    try:
        return connection.execute("SELECT first_name, last_name FROM person ORDER BY id").fetchall()
    finally:
        connection.close()


def test_version_prints_the_version_and_exits_0(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert capsys.readouterr().out.strip() == f"Involve {__version__}"


def test_a_command_is_required(capsys):
    with pytest.raises(SystemExit) as raised:
        main([])
    assert raised.value.code == 2


def test_demo_builds_a_database_that_check_finds_sound(capsys, tmp_path):
    status, out, err = run(capsys, tmp_path, "demo", "--people", "30")
    assert (status, err) == (0, "")
    assert "30 people" in out
    assert (tmp_path / "involve.db").is_file()
    assert (tmp_path / "logs").is_dir()

    status, out, err = run(capsys, tmp_path, "check")
    assert (status, err) == (0, "")
    assert "sound and up to date" in out
    assert "30 people" in out
    assert __version__ in out


def test_demo_refuses_to_overwrite_an_existing_database(capsys, tmp_path):
    # GIVEN a data folder that already holds a database
    assert run(capsys, tmp_path, "demo", "--people", "5")[0] == 0
    database = tmp_path / "involve.db"
    before = database.read_bytes()

    # WHEN a demo is asked for without --replace
    status, _, err = run(capsys, tmp_path, "demo", "--people", "7")

    # THEN nothing is changed and the message says how to go on
    assert status == 1
    assert "already a database" in err
    assert "--replace" in err
    assert "Traceback" not in err
    assert database.read_bytes() == before
    assert list(tmp_path.glob("involve-replaced-*.db")) == []


def test_demo_replace_keeps_the_old_database_under_another_name(capsys, tmp_path):
    assert run(capsys, tmp_path, "demo", "--people", "5")[0] == 0
    before = (tmp_path / "involve.db").read_bytes()

    status, out, err = run(capsys, tmp_path, "demo", "--people", "8", "--replace")

    assert (status, err) == (0, "")
    kept = list(tmp_path.glob("involve-replaced-*.db"))
    assert len(kept) == 1
    assert str(kept[0]) in out
    assert kept[0].read_bytes() == before
    assert len(names_in(tmp_path)) == 8


def test_replacing_twice_in_the_same_second_keeps_both_old_databases(capsys, tmp_path):
    for people in ("1", "2", "3"):
        args = ["demo", "--people", people] + (["--replace"] if people != "1" else [])
        assert run(capsys, tmp_path, *args)[0] == 0
    kept = sorted(tmp_path.glob("involve-replaced-*.db"))
    assert len(kept) == 2
    counts = []
    for path in kept:
        # Each old database keeps its own key file beside it.
        key = demo_key(tmp_path, path.with_suffix(".keys").name)
        connection = sqlite_file.connect(path, key=key)
        counts.append(connection.execute("SELECT count(*) FROM person").fetchone()[0])
        connection.close()
    assert sorted(counts) == [1, 2]


def test_the_same_seed_gives_the_same_people(capsys, tmp_path):
    first, second, other = tmp_path / "first", tmp_path / "second", tmp_path / "other"
    for folder, seed in ((first, "7"), (second, "7"), (other, "8")):
        assert run(capsys, folder, "demo", "--people", "40", "--seed", seed)[0] == 0

    assert len(names_in(first)) == 40
    assert names_in(first) == names_in(second)
    assert names_in(first) != names_in(other)


def test_demo_with_no_people_still_sets_up_the_organisation(capsys, tmp_path):
    assert run(capsys, tmp_path, "demo", "--people", "0")[0] == 0
    status, out, _ = run(capsys, tmp_path, "check")
    assert status == 0
    assert "0 people" in out


def first_activity_day(data_dir) -> date:
    connection = sqlite_file.connect(data_dir / "involve.db", key=demo_key(data_dir))
    try:
        return date.fromisoformat(
            connection.execute("SELECT min(held_on) FROM activity").fetchone()[0]
        )
    finally:
        connection.close()


def test_demo_years_spreads_the_activities_over_that_many_years(capsys, tmp_path):
    # GIVEN a demo of two years (the default) and one of five, with the same people
    default, longer = tmp_path / "default", tmp_path / "longer"
    assert run(capsys, default, "demo", "--people", "300")[0] == 0
    assert run(capsys, longer, "demo", "--people", "300", "--years", "5")[0] == 0

    # THEN the five-year demo's activities go back more than four years, the default's two
    today = date.today()
    assert (
        today - timedelta(days=2 * 365) <= first_activity_day(default) < today - timedelta(days=365)
    )
    assert first_activity_day(longer) < today - timedelta(days=4 * 365)


def test_demo_refuses_fewer_than_one_year(capsys, tmp_path):
    with pytest.raises(SystemExit) as raised:
        main(["--data-dir", str(tmp_path), "demo", "--years", "0"])
    assert raised.value.code == 2
    assert not (tmp_path / "involve.db").exists()


def test_demo_refuses_a_negative_number_of_people(capsys, tmp_path):
    with pytest.raises(SystemExit) as raised:
        main(["--data-dir", str(tmp_path), "demo", "--people", "-1"])
    assert raised.value.code == 2
    assert not (tmp_path / "involve.db").exists()


def test_check_on_a_missing_database_fails(capsys, tmp_path):
    status, out, err = run(capsys, tmp_path / "nowhere", "check")
    assert status == 1
    assert out == ""
    assert "There is no Involve database" in err


def test_check_on_a_garbage_file_says_it_is_damaged(capsys, tmp_path):
    database = tmp_path / "involve.db"
    database.write_bytes(b"not a database" * 100)

    status, _, err = run(capsys, tmp_path, "check")

    assert status == 1
    assert "damaged" in err
    assert "Traceback" not in err
    assert database.read_bytes() == b"not a database" * 100


def test_check_with_a_wrong_password_is_refused_in_plain_words(capsys, tmp_path, monkeypatch):
    assert run(capsys, tmp_path, "demo", "--people", "3")[0] == 0
    monkeypatch.setenv("INVOLVE_PASSWORD", "not the password at all")
    status, out, err = run(capsys, tmp_path, "check")
    assert (status, out) == (1, "")
    assert "name or password is not right" in err


def test_the_demo_database_holds_no_readable_names(capsys, tmp_path):
    assert run(capsys, tmp_path, "demo", "--people", "40")[0] == 0
    raw = (tmp_path / "involve.db").read_bytes()
    assert not any(first.encode() in raw for first, _last in names_in(tmp_path) if len(first) > 3)


def test_check_on_a_database_from_a_newer_version_leaves_it_untouched(capsys, tmp_path):
    # GIVEN a database whose schema revision this version does not know
    assert run(capsys, tmp_path, "demo", "--people", "3")[0] == 0
    database = tmp_path / "involve.db"
    connection = sqlite_file.connect(database, key=demo_key(tmp_path))
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    sqlite_file.checkpoint(database, key=demo_key(tmp_path))
    before = database.read_bytes()

    # WHEN it is checked
    status, out, err = run(capsys, tmp_path, "check")

    # THEN the check fails, says why, and changes nothing
    assert status == 1
    assert out == ""
    assert "newer version" in err
    assert "9999_future" in err
    assert database.read_bytes() == before


def test_the_console_script_fails_plainly_without_a_traceback(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "involve_desktop.cli", "--data-dir", str(tmp_path), "check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 1
    assert "There is no Involve database" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert completed.stdout == ""
