"""`involve export`: each printed document made from the command line, with no display, on
a demo charity's encrypted records."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from involve_desktop.cli import DEMO_PASSWORD, main
from involve_desktop.db.engine import Database
from involve_desktop.db.key_slots import KeyFile
from involve_desktop.db.models import AuditEvent, Person
from involve_desktop.db.money_models import Claim
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.demo import DEMO_ADMINISTRATOR


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("export-demo")
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INVOLVE_USER", DEMO_ADMINISTRATOR)
        patch.setenv("INVOLVE_PASSWORD", DEMO_PASSWORD)
        assert main(["--data-dir", str(folder), "demo", "--people", "40"]) == 0
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    return folder


@pytest.fixture(autouse=True)
def credentials(monkeypatch):
    monkeypatch.setenv("INVOLVE_USER", DEMO_ADMINISTRATOR)
    monkeypatch.setenv("INVOLVE_PASSWORD", DEMO_PASSWORD)


def database(folder: Path) -> Database:
    keys = KeyFile.load(folder / "involve.keys")
    key = keys.unlock(keys.slot_named(DEMO_ADMINISTRATOR), DEMO_PASSWORD)
    return Database(folder / "involve.db", key=key)


def export(capsys, folder: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--data-dir", str(folder), "export", *args])
    out, err = capsys.readouterr()
    return status, out, err


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


@pytest.mark.parametrize(
    ("kind", "extra", "expected"),
    [
        ("strategy", (), ("Involvement strategy 2026 to 2029", "Version 2 · current since")),
        ("strategy", ("--version", "1"), ("Version 1 · replaced on", "Why we involve members")),
        # Every action, the finished ones too.
        ("action-plan", ("--all",), ("Shown here: All actions (14 actions).", "Done ")),
        ("action-plan", (), ("Shown here: Open actions (10 actions).", "Culture")),
        ("evaluation", ("--year", "2024"), ("Yearly evaluation 2024/25", "Standards")),
        ("claim-form", (), ("How you would like to be paid", "The rates we pay", "Signature")),
        (
            "annual-report",
            (),
            ("Annual involvement report 2025/26", "The year at a glance", "Next year's plan"),
        ),
    ],
)
def test_each_document_is_made_from_the_command_line(
    capsys, demo_folder, tmp_path, kind, extra, expected
):
    out_file = tmp_path / f"{kind}.pdf"
    status, out, err = export(capsys, demo_folder, kind, "--out", str(out_file), *extra)
    assert (status, err) == (0, "")
    pages = len(PdfReader(out_file).pages)
    assert out.strip() == f"Saved {out_file} ({pages} {'page' if pages == 1 else 'pages'})."
    said = " ".join(text_of(out_file).split())
    for words in expected:
        assert words in said, words


def test_a_claim_a_statement_and_a_persons_record_in_large_print(capsys, demo_folder, tmp_path):
    with database(demo_folder).session_scope() as session:
        claim_id, person_id = session.execute(
            select(Claim.id, Claim.person_id).where(Claim.status == "paid").limit(1)
        ).one()
        first_name = session.get(Person, person_id).first_name

    claim = tmp_path / "claim.pdf"
    assert (
        export(capsys, demo_folder, "claim-form", "--claim", str(claim_id), "--out", str(claim))[0]
        == 0
    )
    assert first_name in text_of(claim)

    statement = tmp_path / "statement.pdf"
    args = ("statement", "--person", str(person_id), "--from", "2020-01-01", "--to", "2026-11-26")
    assert export(capsys, demo_folder, *args, "--out", str(statement))[0] == 0
    assert first_name in text_of(statement)

    normal, large = tmp_path / "person.pdf", tmp_path / "person-large.pdf"
    assert (
        export(capsys, demo_folder, "person", "--person", str(person_id), "--out", str(normal))[0]
        == 0
    )
    assert (
        export(
            capsys,
            demo_folder,
            "person",
            "--person",
            str(person_id),
            "--large-print",
            "--out",
            str(large),
        )[0]
        == 0
    )
    assert first_name in text_of(normal)
    assert len(PdfReader(large).pages) > len(PdfReader(normal).pages)
    with database(demo_folder).session_scope() as session:
        exported = session.scalars(
            select(AuditEvent.subject_id).where(AuditEvent.action == AuditAction.EXPORTED_PERSON)
        ).all()
    assert exported.count(person_id) == 2


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("statement", "--year", "2025"), "Please say whose"),
        (("statement", "--person", "1"), "Please give the period"),
        (("strategy", "--version", "9"), "There is no version 9"),
        (("evaluation", "--year", "2019"), "no yearly evaluation"),
        (("person", "--person", "99999"), "There is no person number 99999 in the records."),
        (("claim-form", "--claim", "99999"), "There is no claim number 99999 in the records."),
        (("budget-statement", "--budget", "99999"), "This budget is no longer in the records."),
    ],
)
def test_a_missing_or_wrong_choice_is_said_in_plain_words(
    capsys, demo_folder, tmp_path, args, said
):
    out_file = tmp_path / "x.pdf"
    status, out, err = export(capsys, demo_folder, *args, "--out", str(out_file))
    assert status == 1 and out == ""
    assert said in err
    # What only a window does is never said at the command line.
    assert "refreshed" not in err
    assert not out_file.exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--year", "1999"), "Write the year as four figures, 2000 to 2100"),
        (("--year", "twenty"), "Write the year as four figures, 2000 to 2100"),
        (("--year", "20255"), "for example 2025"),
        (("--from", "1/4/2025", "--to", "2026-03-31"), "Write dates as YYYY-MM-DD, for example"),
        (("--from", "2025-04-01", "--to", "2026-02-30"), "2025-04-01."),
    ],
)
def test_a_year_or_date_written_wrongly_is_said_with_an_example(
    capsys, demo_folder, tmp_path, args, said
):
    out_file = tmp_path / "x.pdf"
    with pytest.raises(SystemExit) as stopped:
        main(["--data-dir", str(demo_folder), "export", "statement", "--person", "1", *args,
              "--out", str(out_file)])  # fmt: skip
    _out, err = capsys.readouterr()
    assert stopped.value.code == 2
    assert said in err
    assert "Traceback" not in err and "invalid" not in err
    assert not out_file.exists()


def test_the_pack_choices_are_read_only_for_a_pack_without_documents_named(
    capsys, demo_folder, tmp_path, monkeypatch
):
    from involve_desktop.services import report_documents

    asked: list[str] = []
    real = report_documents.pack_choices

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append("asked")
        return real(*args, **kwargs)

    monkeypatch.setattr(report_documents, "pack_choices", counted)
    runs = (
        ("strategy",),
        ("pack", "--documents", "strategy"),
        ("pack",),
    )
    for number, args in enumerate(runs):
        out_file = tmp_path / f"{number}.pdf"
        assert export(capsys, demo_folder, *args, "--out", str(out_file))[0] == 0
        assert len(asked) == (1 if args == ("pack",) else 0)


def test_a_folder_that_is_not_there_is_said_before_anything_is_made(capsys, demo_folder, tmp_path):
    target = tmp_path / "no such folder" / "plan.pdf"
    status, _out, err = export(capsys, demo_folder, "action-plan", "--out", str(target))
    assert status == 1
    assert "There is no folder" in err


def test_a_pack_from_the_command_line_holds_the_documents_asked_for(capsys, demo_folder, tmp_path):
    out_file = tmp_path / "pack.pdf"
    status, out, _err = export(
        capsys, demo_folder, "pack", "--documents", "strategy,claim-form", "--out", str(out_file)
    )
    assert status == 0 and "Saved" in out
    outline = [entry.title for entry in PdfReader(out_file).outline if not isinstance(entry, list)]
    assert len(outline) == 2 and outline[1] == "Claim form"
    assert "This pack holds 2 documents" in text_of(out_file)

    status, _out, err = export(
        capsys, demo_folder, "pack", "--documents", "minutes", "--out", str(tmp_path / "x.pdf")
    )
    assert status != 0 and "A pack cannot hold “minutes”" in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_persons_data_as_files_in_a_zip_is_saved_and_audited(capsys, demo_folder, tmp_path):
    import json
    import zipfile

    with database(demo_folder).session_scope() as session:
        person_id = session.scalars(select(Claim.person_id).order_by(Claim.id).limit(1)).one()
        first_name = session.get(Person, person_id).first_name
    target = tmp_path / "person data.zip"
    args = ("person-data", "--person", str(person_id), "--out", str(target))
    status, out, err = export(capsys, demo_folder, *args)
    assert (status, err) == (0, "")
    assert out.startswith(f"Saved {target} (") and "keep it safe" in out
    with zipfile.ZipFile(target) as archive:
        content = json.loads(archive.read("person.json"))
        assert "claims.csv" in archive.namelist() and "README.txt" in archive.namelist()
    assert content["record_number"] == person_id
    first = next(d for d in content["details"] if d["column"] == "first_name")
    assert first["value"] == first_name
    with database(demo_folder).session_scope() as session:
        subjects = session.execute(
            select(AuditEvent.subject_kind, AuditEvent.subject_id).where(
                AuditEvent.action == AuditAction.EXPORTED_SUBJECT_ACCESS_DATA
            )
        ).all()
    assert ("person", person_id) in subjects


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--out", "{folder}/x.zip"), "Please say whose: --person"),
        (("--person", "99999", "--out", "{folder}/x.zip"), "There is no person number 99999"),
        (("--person", "1", "--out", "{folder}/x.pdf"), "with .zip at the end"),
        (("--person", "1", "--out", "{folder}/gone/x.zip"), "There is no folder"),
    ],
)
def test_person_data_problems_are_said_in_plain_words(capsys, demo_folder, tmp_path, args, said):
    filled = [word.format(folder=tmp_path) for word in args]
    status, out, err = export(capsys, demo_folder, "person-data", *filled)
    assert status == 1 and out == ""
    assert said in err
    assert list(tmp_path.iterdir()) == []
