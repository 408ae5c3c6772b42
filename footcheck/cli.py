"""``python -m footcheck``: everything a script or a clinician automates.

The command names, options, JSON shapes and exit codes are fixed contracts (other tools depend
on them): 0 success, 2 usage error or invalid input, 3 an image was refused (analyze), 1 any
other failure. No traceback ever reaches the terminal; errors are one readable line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_REFUSED = 3


class UsageError(Exception):
    """Bad arguments or input values: exit status 2 with the message."""


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


# -- analyze --------------------------------------------------------------------------------
def cmd_analyze(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from footcheck.imaging.analyze import analyze_imprint

    status = EXIT_OK
    rows = []
    for path in args.images:
        result = replace(analyze_imprint(path), file=path)  # the path exactly as given
        if not result.ok:
            status = EXIT_REFUSED
        if args.json:
            _print_json(result.to_dict())
            sys.stdout.flush()
        else:
            rows.append(result)
    if not args.json:
        _print_analysis_table(rows)
    return status


def _print_analysis_table(results: list[Any]) -> None:
    header = f"{'file':32} {'side':6} {'AI':>6} {'CSI':>6} {'SAI':>6} {'arch':7} {'quality':>7}"
    print(header)
    print("-" * len(header))
    for result in results:
        name = result.file if len(result.file) <= 32 else "..." + result.file[-29:]
        if not result.ok:
            print(f"{name:32} refused: {result.error}")
            continue
        for foot in result.feet:
            d = foot.to_dict()
            print(
                f"{name:32} {d['side'] or '?':6} {d['arch_index']:6.3f} "
                f"{d['chippaux_smirak']:6.3f} {d['staheli']:6.3f} {d['arch_type']:7} "
                f"{d['quality']:7.2f}"
            )
            name = ""


# -- recommend ------------------------------------------------------------------------------
def cmd_recommend(args: argparse.Namespace) -> int:
    from footcheck.recommend import InputError, RecommendInput, recommend

    try:
        with open(args.input, encoding="utf-8") as handle:
            raw = json.load(handle)
    except OSError as exc:
        raise UsageError(f"cannot read {args.input}: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{args.input} is not valid JSON ({exc})") from None
    try:
        need = RecommendInput.from_dict(raw)
    except InputError as exc:
        raise UsageError(str(exc)) from None
    plan = recommend(need)
    if args.json:
        _print_json(plan.to_contract())
        return EXIT_OK
    if plan.blocked:
        print(plan.blocked)
        return EXIT_OK
    print(f"{plan.total_minutes} minutes a day, {plan.days_per_week} days a week")
    for item in plan.items:
        print(f"- {item.name} ({item.dose_text}): {item.why}")
    return EXIT_OK


# -- demo -----------------------------------------------------------------------------------
def _store(url: str | None):
    from footcheck.store import Store

    return Store(url) if url else Store()


def cmd_demo(args: argparse.Namespace) -> int:
    from footcheck.demo import create_demo
    from footcheck.store import ValidationError

    if not 1 <= args.days <= 20_000:
        raise UsageError("--days must be from 1 to 20000")
    try:
        summary = create_demo(_store(args.db), days=args.days, name=args.profile)
    except ValidationError as exc:
        raise UsageError(str(exc)) from None
    print(
        f"Created profile {summary.name!r}: {summary.sessions} sessions and "
        f"{summary.checkins} check-ins from {summary.first_day:%Y-%m-%d} to today."
    )
    return EXIT_OK


# -- export / import / report -----------------------------------------------------------------
def _write(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None


def cmd_export(args: argparse.Namespace) -> int:
    from footcheck.transfer import export_zip

    try:
        data = export_zip(_store(args.db), [args.profile] if args.profile else None)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    _write(args.out, data)
    print(f"Exported to {args.out}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from footcheck.transfer import ImportRefused, import_zip

    try:
        with open(args.file, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror}") from None
    try:
        report = import_zip(_store(args.db), data, args.mode)
    except ImportRefused as exc:
        print(f"footcheck: import refused: {exc}", file=sys.stderr)
        return EXIT_FAILED
    added = ", ".join(f"{n} {name.removesuffix('.csv')}" for name, n in report.added.items() if n)
    print(f"Imported {', '.join(report.profiles)}: {added or 'nothing new'}.")
    return EXIT_OK


def _day(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def cmd_report(args: argparse.Namespace) -> int:
    from footcheck.report import ReportError, clinician_report

    try:
        pdf = clinician_report(_store(args.db), args.profile, args.start, args.end)
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    _write(args.out, pdf)
    print(f"Report written to {args.out}")
    return EXIT_OK


# -- exercises ------------------------------------------------------------------------------
def cmd_exercises(args: argparse.Namespace) -> int:
    from footcheck.exercises import load_catalogue

    catalogue = load_catalogue()
    if args.json:
        _print_json([e.to_dict() for e in catalogue.exercises])
        return EXIT_OK
    width = max(len(e.name) for e in catalogue.exercises)
    for e in catalogue.exercises:
        kit = ", ".join(e.equipment) or "-"
        print(f"{e.id:30} {e.name:{width}}  {e.position:8} {e.dosage_text():28} {kit}")
    return EXIT_OK


def one_line(exc: BaseException) -> str:
    """An error as one readable line: a database error without its SQL, anything else as is."""
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(exc, SQLAlchemyError):
        cause = getattr(exc, "orig", None) or exc
        first = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
        return f"database error: {first}"
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


# -- parser ---------------------------------------------------------------------------------
class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m footcheck",
        description="FootCheck command line: analyse footprint photos, list exercises, "
        "build routines, make demo data, export/import data and write clinician reports.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for register in _COMMANDS:
        register(sub)
    return parser


def _register_analyze(sub: Any) -> None:
    p = sub.add_parser(
        "analyze",
        help="measure footprint photos (Arch Index, Chippaux-Smirak, Staheli, arch type)",
        description="Exit status: 0 all images analysed, 3 any image refused, 2 usage error.",
    )
    p.add_argument("--json", action="store_true", help="one JSON object per line per image")
    p.add_argument("images", nargs="+", metavar="IMAGE", help="photo or scan of a footprint")
    p.set_defaults(handler=cmd_analyze)


def _register_recommend(sub: Any) -> None:
    p = sub.add_parser(
        "recommend",
        help="build a routine from answers given as JSON",
        description="INPUT is a JSON object: arch_type, red_flag_level, pain, equipment, "
        "floor_ok, balance_ok, minutes_per_day, days_per_week (missing keys: cautious "
        "defaults). Exit status 2 for invalid values.",
    )
    p.add_argument("--json", action="store_true", help="print the routine as JSON")
    p.add_argument("input", metavar="INPUT.json")
    p.set_defaults(handler=cmd_recommend)


def _register_demo(sub: Any) -> None:
    p = sub.add_parser("demo", help="create a demo profile with realistic history")
    p.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: FOOTCHECK_DB_URL or the local SQLite file)",
    )
    p.add_argument("--days", type=int, default=90, help="days of history ending today")
    p.add_argument("--profile", default="Demo", metavar="NAME", help="profile name")
    p.set_defaults(handler=cmd_demo)


def _register_data(sub: Any) -> None:
    db_help = "database URL (default: FOOTCHECK_DB_URL or the local SQLite file)"
    p = sub.add_parser("export", help="export profiles as a zip of CSV files")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument("--out", required=True, metavar="FILE.zip")
    p.add_argument("--profile", metavar="NAME", help="only this profile (default: all)")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "import",
        help="import an export zip (validated first; nothing changes if refused)",
        description="Exit status 0 when imported, 1 with a one-line reason when refused.",
    )
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument(
        "--mode",
        choices=["merge", "replace"],
        help="what to do when a profile already exists (default: refuse)",
    )
    p.add_argument("file", metavar="FILE.zip")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("report", help="write a PDF summary for a clinician")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument("--profile", required=True, metavar="NAME")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--from", dest="start", type=_day, metavar="DATE", help="first day (ISO)")
    p.add_argument("--to", dest="end", type=_day, metavar="DATE", help="last day (ISO)")
    p.set_defaults(handler=cmd_report)


def _register_exercises(sub: Any) -> None:
    p = sub.add_parser("exercises", help="list the exercise catalogue")
    p.add_argument("--json", action="store_true", help="print the catalogue as a JSON list")
    p.set_defaults(handler=cmd_exercises)


_COMMANDS: list[Callable[[Any], None]] = [
    _register_analyze,
    _register_exercises,
    _register_recommend,
    _register_demo,
    _register_data,
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except UsageError as exc:
        print(f"footcheck: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the contract: a readable line, never a traceback
        print(f"footcheck: error: {one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
