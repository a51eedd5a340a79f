"""`involve export KIND --out FILE`: the printed documents, made with no display.

Each kind gathers its plain data through a `services.report_*` function and writes it with
the matching `exports/*_pdf.py` writer, in one read-only unit of work (the subject-access
document also records in the audit trail that it was made). No Qt here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from involve_desktop.domain.financial_year import year_containing
from involve_desktop.domain.formatting import long_date
from involve_desktop.errors import KnownError
from involve_desktop.paths import AppPaths

EXIT_OK = 0


@dataclass(frozen=True)
class ExportKind:
    name: str
    help: str
    # (session, args, today, actor) -> the document's plain data
    gather: Callable[[Any, argparse.Namespace, date, Any], Any]
    writer: str  # "module:function" in involve_desktop.exports, imported only when used


def add_export_parser(commands: Any, run: Callable[..., int]) -> None:
    export = commands.add_parser(
        "export",
        help="make one of the printed documents as a PDF",
        description="Make a printed document as a PDF, with no window. "
        "Encrypted records need INVOLVE_USER and INVOLVE_PASSWORD, or a terminal to ask.",
    )
    export.add_argument(
        "kind",
        choices=[kind.name for kind in KINDS],
        help="; ".join(f"{kind.name}: {kind.help}" for kind in KINDS),
    )
    export.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    export.add_argument("--large-print", action="store_true", help="body text at 16 pt or more")
    export.add_argument("--year", type=int, help="the financial year starting in this year")
    export.add_argument("--person", type=int, help="the person's number (statement, person)")
    export.add_argument("--claim", type=int, help="the claim's number (a filled claim form)")
    export.add_argument("--version", dest="strategy_version", type=int, help="strategy version")
    export.add_argument(
        "--all", action="store_true", help="action plan: every action, not only open ones"
    )
    export.add_argument("--from", dest="first", type=date.fromisoformat, help="YYYY-MM-DD")
    export.add_argument("--to", dest="last", type=date.fromisoformat, help="YYYY-MM-DD")
    export.set_defaults(run=run)


def export_document(
    database: Any, actor: Any, args: argparse.Namespace, today: date
) -> tuple[Path, int]:
    """Write the chosen document; return where it went and how many pages it has."""
    from importlib import import_module

    from involve_desktop.exports.document import DocumentHeader, PdfOptions
    from involve_desktop.services.organisation import load_organisation

    kind = next(kind for kind in KINDS if kind.name == args.kind)
    module_name, function_name = kind.writer.split(":")
    writer = getattr(import_module(f"involve_desktop.exports.{module_name}"), function_name)
    target: Path = args.out
    if not target.parent.is_dir():
        raise KnownError(f"There is no folder {target.parent} to save the PDF in.")
    with database.session_scope() as session:
        organisation = load_organisation(session)
        if organisation is None:
            raise KnownError("These records have no organisation set up yet.")
        header = DocumentHeader(organisation.name, organisation.logo, organisation.charity_number)
        data = kind.gather(session, args, today, actor)
        pages = writer(data, target, header, PdfOptions(large_print=args.large_print), today)
        if kind.name == "person":
            from involve_desktop.services.report_person import note_person_exported

            note_person_exported(session, actor, args.person)
    return target, pages


def run_export(paths: AppPaths, args: argparse.Namespace, unlock: Callable[..., Any]) -> int:
    from involve_desktop.db.engine import Database

    if not paths.database.exists():
        raise KnownError(f"There is no Involve database at {paths.database}.")
    key, actor = unlock(paths)
    database = Database(paths.database, key=key)
    try:
        target, pages = export_document(database, actor, args, date.today())
    finally:
        database.close()
    print(f"Saved {target} ({pages} {'page' if pages == 1 else 'pages'}).")
    return EXIT_OK


# --- what each kind reads ----------------------------------------------------------------


def _year(session: Any, args: argparse.Namespace, today: date) -> tuple[date, date] | None:
    from involve_desktop.services.organisation import financial_year_start

    if args.year is None:
        return None
    start = financial_year_start(session)
    return year_containing(date(args.year, start.month, start.day), start)


def _strategy(session: Any, args: argparse.Namespace, today: date, _actor: Any) -> Any:
    from involve_desktop.services.report_strategy import strategy_report
    from involve_desktop.services.strategy import list_strategies

    strategy_id = None
    if args.strategy_version is not None:
        found = [s.id for s in list_strategies(session) if s.version == args.strategy_version]
        if not found:
            raise KnownError(f"There is no version {args.strategy_version} of the strategy.")
        strategy_id = found[0]
    return strategy_report(session, strategy_id, today)


def _plan(session: Any, args: argparse.Namespace, today: date, _actor: Any) -> Any:
    from involve_desktop.services.action_plan_rows import ALL, PlanView
    from involve_desktop.services.report_plan import plan_report

    return plan_report(session, None, PlanView(status=ALL) if args.all else PlanView(), today)


def _evaluation(session: Any, args: argparse.Namespace, today: date, _actor: Any) -> Any:
    from involve_desktop.services.evaluations import list_evaluations
    from involve_desktop.services.report_evaluation import evaluation_report

    evaluations = list_evaluations(session, today)
    year = _year(session, args, today)
    if year is not None:
        evaluations = [e for e in evaluations if e.year_first == year[0]]
    if not evaluations:
        raise KnownError("There is no yearly evaluation to print for that year.")
    latest = max(evaluations, key=lambda summary: summary.year_first)
    return evaluation_report(session, latest.id, today)


def _claim_form(session: Any, args: argparse.Namespace, today: date, _actor: Any) -> Any:
    from involve_desktop.services.report_claims import blank_claim_form, filled_claim_form

    if args.claim is None:
        return blank_claim_form(session, today)
    return filled_claim_form(session, args.claim)


def _statement(session: Any, args: argparse.Namespace, today: date, _actor: Any) -> Any:
    from involve_desktop.services.report_claims import payment_statement

    person_id = _person_id(args)
    year = _year(session, args, today)
    if year is not None:
        first, last = year
    elif args.first is not None and args.last is not None:
        first, last = args.first, args.last
    else:
        raise KnownError("Please give the period: --year 2025, or --from and --to dates.")
    return payment_statement(session, person_id, first, last)


def _annual(session: Any, args: argparse.Namespace, today: date, _actor: Any) -> Any:
    from involve_desktop.services.report_annual import annual_report, report_year

    first, last = _year(session, args, today) or report_year(session, today)
    if first > today:
        raise KnownError(f"That year has not started yet: it starts on {long_date(first)}.")
    return annual_report(session, first, last, today)


def _person(session: Any, args: argparse.Namespace, today: date, actor: Any) -> Any:
    from involve_desktop.services.report_person import person_record

    return person_record(session, actor, _person_id(args), today)


def _person_id(args: argparse.Namespace) -> int:
    if args.person is None:
        raise KnownError("Please say whose: --person followed by their number.")
    return int(args.person)


KINDS: tuple[ExportKind, ...] = (
    ExportKind("strategy", "the strategy", _strategy, "strategy_pdf:write_strategy_pdf"),
    ExportKind("action-plan", "the action plan", _plan, "action_plan_pdf:write_action_plan_pdf"),
    ExportKind(
        "evaluation", "a yearly evaluation", _evaluation, "evaluation_pdf:write_evaluation_pdf"
    ),
    ExportKind("claim-form", "a claim form", _claim_form, "claim_form_pdf:write_claim_form_pdf"),
    ExportKind(
        "statement",
        "a payment statement",
        _statement,
        "payment_statement_pdf:write_payment_statement_pdf",
    ),
    ExportKind(
        "annual-report", "the annual report", _annual, "annual_report_pdf:write_annual_report_pdf"
    ),
    ExportKind(
        "person",
        "everything held about a person",
        _person,
        "person_record_pdf:write_person_record_pdf",
    ),
)
