"""Save pickers open where the user last saved, and a name typed without its type gets one."""

from __future__ import annotations

from pathlib import Path

from involve_desktop.ui import prompts
from involve_desktop.ui.save_folder import (
    choose_save_path,
    documents_folder,
    remember_folder,
    remembered_folder,
)


def test_the_first_time_the_documents_folder_is_offered(ctx):
    assert remembered_folder(ctx) == documents_folder()
    assert documents_folder().is_dir()


def test_the_folder_chosen_is_offered_next_time_even_after_a_restart(ctx, tmp_path):
    folder = tmp_path / "Trustees 2026"
    folder.mkdir()
    remember_folder(ctx, folder / "Strategy.pdf")
    assert remembered_folder(ctx) == folder
    assert "Trustees 2026" in ctx.paths.window_state.read_text(), "kept with the window's size"


def test_a_folder_that_has_gone_falls_back_to_documents(ctx, tmp_path):
    stick = tmp_path / "USB stick"
    stick.mkdir()
    remember_folder(ctx, stick / "Plan.pdf")
    stick.rmdir()
    assert remembered_folder(ctx) == documents_folder()


def test_a_folder_that_does_not_answer_is_not_waited_for(ctx, tmp_path, monkeypatch):
    import threading
    import time

    from involve_desktop.ui import save_folder

    network = tmp_path / "Server share"
    network.mkdir()
    remember_folder(ctx, network / "Plan.pdf")
    answered = threading.Event()
    real_is_dir = Path.is_dir

    def silent_server(path: Path) -> bool:
        if path == network:
            answered.wait(30)  # a disconnected network drive, slow to say so
        return real_is_dir(path)

    monkeypatch.setattr(Path, "is_dir", silent_server)
    monkeypatch.setattr(save_folder, "FOLDER_CHECK_SECONDS", 0.2)
    started = time.monotonic()
    try:
        assert remembered_folder(ctx) == documents_folder()
    finally:
        answered.set()
    assert time.monotonic() - started < 10, "the picker is not kept waiting"


def test_the_picker_is_offered_the_remembered_folder_and_the_name(ctx, tmp_path, monkeypatch):
    folder = tmp_path / "Reports"
    folder.mkdir()
    remember_folder(ctx, folder / "old.pdf")
    offered = []

    def picker(parent, title, file_filter, suggested):
        offered.append(suggested)
        return tmp_path / "Elsewhere" / "Plan"

    monkeypatch.setattr(prompts, "choose_save_file", picker)
    chosen = choose_save_path(
        ctx, None, "Save", "PDF file (*.pdf)", "Plan.pdf", suffixes=(".pdf",), what="this plan"
    )
    assert offered == [folder / "Plan.pdf"]
    assert chosen == tmp_path / "Elsewhere" / "Plan.pdf", "the type is added"
    (tmp_path / "Elsewhere").mkdir()
    assert remembered_folder(ctx) == folder, "remembered only once a file is saved there"


def test_replacing_a_file_the_picker_did_not_ask_about_is_asked(ctx, answers, tmp_path):
    (tmp_path / "Plan.pdf").write_bytes(b"%PDF kept")
    answers.save_file = tmp_path / "Plan"
    answers.yes_no = False
    chosen = choose_save_path(
        ctx, None, "Save", "PDF file (*.pdf)", "x.pdf", suffixes=(".pdf",), what="this plan"
    )
    assert chosen is None
    assert answers.asked == ["Replace the file?"]
    assert remembered_folder(ctx) == documents_folder(), "nothing saved, nothing remembered"
    answers.yes_no = True
    assert choose_save_path(
        ctx, None, "Save", "PDF file (*.pdf)", "x.pdf", suffixes=(".pdf",), what="this plan"
    ) == (tmp_path / "Plan.pdf")


def test_a_name_with_one_of_the_types_is_kept_and_a_cancel_is_none(ctx, answers, tmp_path):
    answers.save_file = tmp_path / "People.CSV"
    assert choose_save_path(
        ctx, None, "Save", "", "x.xlsx", suffixes=(".xlsx", ".csv"), what="this list"
    ) == (tmp_path / "People.CSV")
    answers.save_file = None
    assert choose_save_path(ctx, None, "Save", "", "x.xlsx", suffixes=(".xlsx",), what="it") is None
