"""`involve export KIND --out FILE`: the printed documents, made with no display, and
`involve export person-data --person ID --out FILE.zip`, everything held about a person as
data files (`services/subject_access.py`).

The command line's options become the same `DocumentRequest` the app's buttons make, and
`exports/make_document.make_document` reads, writes and records it exactly as it does for
the app (a person's record or payment statement is noted in the audit trail). No Qt here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from involve_desktop.errors import KnownError
from involve_desktop.paths import AppPaths

EXIT_OK = 0
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a charity's records can be about


# The document kinds (services.report_documents.DocumentKind, which a test keeps these
# matching), named here so `involve --help` starts without loading the database layer.
KIND_HELP = {
    "strategy": "the strategy",
    "action-plan": "the action plan",
    "evaluation": "a yearly evaluation",
    "claim-form": "a claim form, blank or filled in (--claim)",
    "statement": "a payment statement (--person, with --year or --from and --to)",
    "annual-report": "the annual involvement report",
    "person": "everything held about a person (--person)",
    "budget-statement": "a group's statement of its delegated budget (--budget)",
    "pack": "several documents in one PDF with a cover and contents (--documents)",
}
# What is exported as data files rather than a PDF.
PERSON_DATA = "person-data"
DATA_KIND_HELP = {
    PERSON_DATA: "everything held about a person as data files: JSON, CSV and receipts in a "
    "zip (--person)",
}


def add_export_parser(commands: Any, run: Callable[..., int]) -> None:
    export = commands.add_parser(
        "export",
        help="make one of the printed documents as a PDF, or a person's data as files",
        description="Make a printed document as a PDF, or everything held about a person as "
        "data files in a zip, with no window. "
        "Encrypted records need INVOLVE_USER and INVOLVE_PASSWORD, or a terminal to ask.",
    )
    export.add_argument(
        "kind",
        choices=[*KIND_HELP, *DATA_KIND_HELP],
        help="; ".join(
            f"{name}: {words}" for name, words in {**KIND_HELP, **DATA_KIND_HELP}.items()
        ),
    )
    export.add_argument("--out", required=True, type=Path, help="the PDF (or zip) to write")
    export.add_argument("--large-print", action="store_true", help="body text at 16 pt or more")
    export.add_argument(
        "--year", type=year_number, help="the financial year starting in this year (2025)"
    )
    export.add_argument(
        "--person", type=int, help="the person's number (statement, person, person-data)"
    )
    export.add_argument("--budget", type=int, help="the budget's number (budget-statement)")
    export.add_argument("--claim", type=int, help="the claim's number (a filled claim form)")
    export.add_argument("--version", dest="strategy_version", type=int, help="strategy version")
    export.add_argument(
        "--all", action="store_true", help="action plan: every action, not only open ones"
    )
    export.add_argument(
        "--documents",
        help="pack: which documents, comma separated (annual-report,strategy,action-plan,"
        "evaluation,claim-form); all that can be made when left out",
    )
    export.add_argument("--from", dest="first", type=day, help="the first day, YYYY-MM-DD")
    export.add_argument("--to", dest="last", type=day, help="the last day, YYYY-MM-DD")
    export.set_defaults(run=run)


def year_number(words: str) -> int:
    """--year as a number, said in plain words when it is not a year the records can hold."""
    try:
        year = int(words)
    except ValueError:
        year = 0
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"Write the year as four figures, {FIRST_YEAR} to {LAST_YEAR}: for example 2025 "
            "for the financial year that starts in 2025."
        )
    return year


def day(words: str) -> date:
    try:
        return date.fromisoformat(words)
    except ValueError:
        raise argparse.ArgumentTypeError(
            "Write dates as YYYY-MM-DD, for example 2025-04-01."
        ) from None


def export_document(
    database: Any, actor: Any, args: argparse.Namespace, today: date
) -> tuple[Path, int]:
    """Write the chosen document; return where it went and how many pages it has."""
    from involve_desktop.exports.make_document import make_document

    target: Path = args.out
    if not target.parent.is_dir():
        raise KnownError(f"There is no folder {target.parent} to save the PDF in.")
    with database.session_scope() as session:
        request = document_request(session, args, today)
    return target, make_document(database, actor, request, target, today)


def run_export(paths: AppPaths, args: argparse.Namespace, unlock: Callable[..., Any]) -> int:
    from involve_desktop.db.engine import Database

    if not paths.database.exists():
        raise KnownError(f"There is no Involve database at {paths.database}.")
    key, actor = unlock(paths)
    database = Database(paths.database, key=key)
    try:
        if args.kind == PERSON_DATA:
            said = export_person_data(database, actor, args, date.today())
        else:
            target, pages = export_document(database, actor, args, date.today())
            said = f"Saved {target} ({pages} {'page' if pages == 1 else 'pages'})."
    except KnownError as problem:
        raise KnownError(_said_here(problem, args), detail=problem.detail) from problem
    finally:
        database.close()
    print(said)
    return EXIT_OK


def export_person_data(database: Any, actor: Any, args: argparse.Namespace, today: date) -> str:
    """Write everything held about `--person` as data files in a zip (recorded in the audit
    trail); return what to say."""
    from involve_desktop.services.subject_access import save_subject_access

    if args.person is None:
        raise KnownError("Please say whose: --person followed by their number.")
    target: Path = args.out
    if target.suffix.lower() != ".zip":
        raise KnownError("Please name the file to write with .zip at the end: --out data.zip")
    if not target.parent.is_dir():
        raise KnownError(f"There is no folder {target.parent} to save the zip in.")
    summary = save_subject_access(database, actor, args.person, target, today)
    return (
        f"Saved {target} ({len(summary.files)} files, {summary.receipts} of them receipts). "
        "It holds sensitive details: keep it safe."
    )


def _said_here(problem: KnownError, args: argparse.Namespace) -> str:
    """A problem as the command line says it: the number typed when it found nothing, and
    never what only a window does ("The list is refreshed.")."""
    from involve_desktop.services.claims import ClaimNotFound
    from involve_desktop.services.people import PersonNotFound

    if isinstance(problem, PersonNotFound) and args.person is not None:
        return f"There is no person number {args.person} in the records."
    if isinstance(problem, ClaimNotFound) and args.claim is not None:
        return f"There is no claim number {args.claim} in the records."
    return problem.plain


def document_request(session: Any, args: argparse.Namespace, today: date) -> Any:
    """The command line's words as the request the app's own buttons make."""
    from involve_desktop.services.action_plan_rows import ALL, PlanView
    from involve_desktop.services.report_documents import (
        PACK_KINDS,
        DocumentKind,
        DocumentRequest,
        pack_choices,
        year_starting_in,
    )
    from involve_desktop.services.strategy import list_strategies

    kind = DocumentKind(args.kind)
    if kind in (DocumentKind.STATEMENT, DocumentKind.PERSON) and args.person is None:
        raise KnownError("Please say whose: --person followed by their number.")
    if kind is DocumentKind.STATEMENT and args.year is None and None in (args.first, args.last):
        raise KnownError("Please give the period: --year 2025, or --from and --to dates.")
    strategy_id = None
    if args.strategy_version is not None:
        found = [s.id for s in list_strategies(session) if s.version == args.strategy_version]
        if not found:
            raise KnownError(f"There is no version {args.strategy_version} of the strategy.")
        strategy_id = found[0]
    year_first = None if args.year is None else year_starting_in(session, args.year)
    pack: tuple[DocumentKind, ...] = ()
    if kind is DocumentKind.PACK and args.documents:
        named = [word.strip() for word in args.documents.split(",") if word.strip()]
        unknown = [word for word in named if word not in {k.value for k in PACK_KINDS}]
        if unknown:
            raise KnownError(
                f"A pack cannot hold “{unknown[0]}”. It can hold: "
                + ", ".join(k.value for k in PACK_KINDS)
                + "."
            )
        pack = tuple(DocumentKind(word) for word in named)
    elif kind is DocumentKind.PACK:
        # Everything that can be made for the year (the only reason to read the choices).
        pack = tuple(c.kind for c in pack_choices(session, year_first, today) if c.available)
    return DocumentRequest(
        kind,
        year_first=year_first,
        strategy_id=strategy_id,
        plan_view=PlanView(status=ALL) if args.all else None,
        claim_id=args.claim,
        budget_id=args.budget,
        person_id=args.person,
        first=args.first,
        last=args.last,
        pack=pack,
        large_print=args.large_print,
    )
