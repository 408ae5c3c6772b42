"""Export and import of a person's data as a zip of CSV files plus ``manifest.json``.

The format is meant to be read by people and by other tools: one CSV per table with the
columns documented in ``TABLES`` (and in the manifest), dates as ISO text, nested answers as
JSON text. Rows reference each other by keys numbered within the file (``profile_key``,
``session_key``, ...), never by database ids, and are written in a fixed order, so exporting,
importing into an empty database and exporting again gives identical CSV files.

Each table is described once, by a ``Table`` spec: its columns (CSV name, meaning, how a value
is written and read, which store check applies), its key, what it refers to, and what makes
two rows "the same" when merging. Adding a column to an exported table means adding one
``Column`` line.

Safe to open and always re-importable (docs/data-format.md):
- a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return -- which a
  spreadsheet would run as a formula -- is written with a leading apostrophe, and a text that
  itself starts with an apostrophe gets one more; reading removes exactly one, so every text
  comes back exactly as it was;
- rows end in CRLF and any cell holding a line break or carriage return is quoted;
- an import is read as a stream with caps on every file's size and every field's length,
  validated completely (each field's full shape, references, duplicates) before anything is
  written, and then written in one transaction: a refused import changes nothing, and its
  one-line reason names the file, the row and the field.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import math
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from PIL import Image
from sqlalchemy import Table as SqlTable
from sqlalchemy import insert, select, update

from footcheck.plan import Plan, PlanError
from footcheck.questionnaire import validate as validate_answers
from footcheck.selfreport import ARCH_QUESTIONS
from footcheck.store import Store, bump_revision, delete_profile_rows
from footcheck.store import validate as v
from footcheck.store.schema import (
    arch_tests,
    checkins,
    profiles,
    questionnaires,
    routines,
    session_exercises,
    sessions,
)
from footcheck.vocabulary import count_words

FORMAT = "footcheck-export"
FORMAT_VERSION = 1
MAX_ZIP_BYTES = 200 * 1024 * 1024  # the zip file itself
MAX_FILE_BYTES = 64 * 1024 * 1024  # any one CSV, uncompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all CSVs together, uncompressed
MAX_FIELD_BYTES = 1024 * 1024  # one cell (a thumbnail is the largest, a few hundred kB)
MAX_THUMBNAIL_SIDE = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ImportRefused(ValueError):
    """The file cannot be imported; nothing was written. The message names file, row, field."""


class ProfileConflict(ImportRefused):
    """Profiles in the file already exist: the caller must choose merge or replace."""

    def __init__(self, names: list[str]):
        self.names = names
        super().__init__(
            "Already in this database: " + ", ".join(names) + ". Choose whether to merge the "
            "file into them or to replace them."
        )


class ExportError(ValueError):
    """The export cannot be made as asked (no such profile)."""


# -- how values are written and read -------------------------------------------------------------
@dataclass(frozen=True)
class Codec:
    """How one kind of value becomes a CSV cell and back. ``read`` raises ValueError with
    what the cell should have been."""

    write: Callable[[Any], str]
    read: Callable[[str], Any]


def _write_text(value: Any) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) or text.startswith("'"):
        return "'" + text  # a spreadsheet shows it as text, never runs it
    return text


def _read_text(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def _read_int(cell: str) -> int:
    if not re.fullmatch(r"-?\d{1,9}", cell):
        raise ValueError("a whole number")
    return int(cell)


def _read_number(cell: str) -> float:
    try:
        value = float(cell)
    except ValueError:
        raise ValueError("a number") from None
    if not math.isfinite(value):
        raise ValueError("a finite number")
    return value


def _write_number(value: Any) -> str:
    return "" if value is None else repr(round(float(value), 6))


def _read_day(cell: str) -> date:
    try:
        return date.fromisoformat(cell)
    except ValueError:
        raise ValueError("a date (YYYY-MM-DD)") from None


def _write_moment(value: Any) -> str:
    return "" if value is None else value.replace(microsecond=0).isoformat(sep=" ")


def _read_moment(cell: str) -> datetime:
    try:
        return datetime.fromisoformat(cell)
    except ValueError:
        raise ValueError("a date and time (YYYY-MM-DD HH:MM:SS)") from None


def _read_bool(cell: str) -> bool:
    if cell not in ("true", "false"):
        raise ValueError("true or false")
    return cell == "true"


def _write_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _read_json(cell: str) -> Any:
    try:
        return json.loads(cell)
    except ValueError:
        raise ValueError("valid JSON") from None


def _write_png(value: Any) -> str:
    return base64.b64encode(value).decode() if value else ""


def _read_png(cell: str) -> bytes:
    """A small picture: base64 of a PNG that Pillow can fully decode."""
    try:
        data = base64.b64decode(cell, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("base64 data") from None
    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as picture:
            if max(picture.size) > MAX_THUMBNAIL_SIDE:
                raise ValueError(f"a picture at most {MAX_THUMBNAIL_SIDE} pixels across")
            picture.load()
    except ValueError:
        raise
    except Exception:
        raise ValueError("a PNG picture") from None
    return data


TEXT = Codec(_write_text, _read_text)
INT = Codec(lambda x: "" if x is None else str(int(x)), _read_int)
NUMBER = Codec(_write_number, _read_number)
DAY = Codec(lambda x: "" if x is None else x.isoformat(), _read_day)
MOMENT = Codec(_write_moment, _read_moment)
BOOL = Codec(lambda x: "true" if x else "false", _read_bool)
JSON = Codec(_write_json, _read_json)
PNG = Codec(_write_png, _read_png)


# -- what each table holds -----------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    name: str  # the CSV header
    about: str  # what it means (written into the manifest)
    codec: Codec
    db: str | None = None  # the database column it fills (None: a key, handled by the table)
    required: bool = True
    check: Callable[[Any], Any] | None = None  # full-shape check; returns the value to store


@dataclass(frozen=True)
class Table:
    file: str
    table: SqlTable
    columns: tuple[Column, ...]
    key: str | None = None  # this file's own key column
    refs: tuple[tuple[str, str], ...] = ()  # (key column, file it points into)
    merge_key: tuple[str, ...] = ()  # database columns that make two rows the same (merge)
    order: tuple[str, ...] = ()  # database columns the export is sorted by
    unique: tuple[str, ...] = ()  # CSV columns that may not repeat together within one profile

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]


def _checked(check: Callable[[str, Any], Any]) -> Callable[[Any], Any]:
    return lambda value: check("value", value)


def _sha256(value: Any) -> Any:
    if value is not None and not re.fullmatch(r"[0-9a-f]{64}", value):
        raise v.ValidationError("must be 64 hexadecimal characters")
    return value


def _arch_answers(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise v.ValidationError("must be a JSON object")
    for key, answer in value.items():
        if key not in ARCH_QUESTIONS:
            raise v.ValidationError(f"holds an unknown question {key!r}")
        if answer is not None and answer not in ARCH_QUESTIONS[key][1]:
            raise v.ValidationError(f"{key}: {answer!r} is not one of the answers")
    return value


def _symptom_answers(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise v.ValidationError("must be a JSON object")
    problems = validate_answers(value)
    if problems:
        where, message = next(iter(problems.items()))
        raise v.ValidationError(f"{where}: {message}")
    return value


def _texts(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise v.ValidationError("must be a JSON list of texts")
    return value


def _plan(value: Any) -> dict[str, Any]:
    try:
        return Plan.from_json(value).to_json()
    except PlanError as exc:
        raise v.ValidationError(str(exc)) from None


PROFILE = "profiles.csv"
TABLES: tuple[Table, ...] = (
    Table(
        PROFILE,
        profiles,
        (
            Column("profile_key", "number of the profile within this export", INT),
            Column("name", "profile name (unique)", TEXT, "name", check=v.name),
            Column(
                "created_at", "when the profile was created (ISO date-time)", MOMENT, "created_at"
            ),
        ),
        key="profile_key",
    ),
    Table(
        "arch_tests.csv",
        arch_tests,
        (
            Column("arch_test_key", "number of the result within this export", INT),
            Column("profile_key", "whose result (profiles.csv)", INT),
            Column(
                "test_date",
                "day of the test (ISO date)",
                DAY,
                "test_date",
                check=lambda x: v.past_date("The date", x),
            ),
            Column(
                "foot",
                "left | right",
                TEXT,
                "foot",
                check=lambda x: v.choice("The foot", x, v.FEET),
            ),
            Column(
                "arch_type",
                "high | normal | flat",
                TEXT,
                "arch_type",
                check=lambda x: v.choice("The arch type", x, v.ARCH_TYPES),
            ),
            Column(
                "arch_index",
                "Arch Index, 0-1 (empty when answers only)",
                NUMBER,
                "arch_index",
                False,
                _checked(v.index),
            ),
            Column(
                "chippaux_smirak",
                "Chippaux-Smirak index (empty when answers only)",
                NUMBER,
                "chippaux_smirak",
                False,
                _checked(v.index),
            ),
            Column(
                "staheli",
                "Staheli index (empty when answers only)",
                NUMBER,
                "staheli",
                False,
                _checked(v.index),
            ),
            Column(
                "source",
                "photo | answers | photo+answers",
                TEXT,
                "source",
                check=lambda x: v.choice("The source", x, v.ARCH_SOURCES),
            ),
            Column(
                "confidence",
                "how sure of the arch type, 0-1",
                NUMBER,
                "confidence",
                check=_checked(v.fraction),
            ),
            Column(
                "quality",
                "photo quality, 0-1 (empty when answers only)",
                NUMBER,
                "quality",
                False,
                lambda x: v.fraction("The quality", x, required=False),
            ),
            Column(
                "self_reported_type",
                "type suggested by the person's answers",
                TEXT,
                "self_reported_type",
                False,
                lambda x: v.choice("The type", x, v.ARCH_TYPES, required=False),
            ),
            Column(
                "answers_json", "the arch test answers (JSON)", JSON, "answers", check=_arch_answers
            ),
            Column(
                "image_sha256",
                "fingerprint of the photo (the photo itself is not kept)",
                TEXT,
                "image_sha256",
                False,
                _sha256,
            ),
            Column(
                "thumbnail_png_base64",
                "small picture of the measured print (PNG, base64)",
                PNG,
                "thumbnail_png",
                False,
            ),
            Column("created_at", "when it was saved (ISO date-time)", MOMENT, "created_at"),
        ),
        key="arch_test_key",
        refs=(("profile_key", PROFILE),),
        merge_key=("test_date", "foot", "created_at"),
        order=("test_date", "foot", "created_at", "id"),
    ),
    Table(
        "questionnaires.csv",
        questionnaires,
        (
            Column("questionnaire_key", "number within this export", INT),
            Column("profile_key", "whose answers (profiles.csv)", INT),
            Column(
                "taken_on",
                "day answered (ISO date)",
                DAY,
                "taken_on",
                check=lambda x: v.past_date("The date", x),
            ),
            Column(
                "red_flag_level",
                "none | urgent | emergency",
                TEXT,
                "red_flag_level",
                check=lambda x: v.choice("The level", x, v.RED_FLAG_LEVELS),
            ),
            Column(
                "red_flag_reasons_json",
                "warning signs reported (JSON list)",
                JSON,
                "red_flag_reasons",
                check=_texts,
            ),
            Column(
                "acknowledged", "true when urgent advice was acknowledged", BOOL, "acknowledged"
            ),
            Column("answers_json", "all answers (JSON)", JSON, "answers", check=_symptom_answers),
            Column("created_at", "when it was saved (ISO date-time)", MOMENT, "created_at"),
        ),
        key="questionnaire_key",
        refs=(("profile_key", PROFILE),),
        merge_key=("created_at",),
        order=("taken_on", "created_at", "id"),
    ),
    Table(
        "routines.csv",
        routines,
        (
            Column("routine_key", "number within this export", INT),
            Column("profile_key", "whose routine (profiles.csv)", INT),
            Column(
                "created_on",
                "day saved (ISO date)",
                DAY,
                "created_on",
                check=lambda x: v.past_date("The date", x),
            ),
            Column(
                "days_per_week",
                "planned sessions a week, 1-7",
                INT,
                "days_per_week",
                check=lambda x: v.count("Days a week", x, 1, 7),
            ),
            Column("active", "true for the routine in use", BOOL, "active"),
            Column(
                "plan_json", "exercises with dosage and reasons (JSON)", JSON, "plan", check=_plan
            ),
            Column("created_at", "when it was saved (ISO date-time)", MOMENT, "created_at"),
        ),
        key="routine_key",
        refs=(("profile_key", PROFILE),),
        merge_key=("created_at",),
        order=("created_on", "created_at", "id"),
    ),
    Table(
        "sessions.csv",
        sessions,
        (
            Column("session_key", "number within this export", INT),
            Column("profile_key", "whose session (profiles.csv)", INT),
            Column(
                "session_date",
                "day of the session (ISO date)",
                DAY,
                "session_date",
                check=lambda x: v.past_date("The date", x),
            ),
            Column(
                "routine_key", "routine followed (routines.csv), may be empty", INT, required=False
            ),
            Column(
                "pain_before",
                "pain before, 0-10 (empty: not recorded)",
                INT,
                "pain_before",
                False,
                lambda x: v.pain("Pain", x),
            ),
            Column(
                "pain_after",
                "pain after, 0-10 (empty: not recorded)",
                INT,
                "pain_after",
                False,
                lambda x: v.pain("Pain", x),
            ),
            Column(
                "difficulty",
                "too_easy | right | too_hard (may be empty)",
                TEXT,
                "difficulty",
                False,
                lambda x: v.choice("The difficulty", x, v.DIFFICULTIES, required=False),
            ),
            Column("note", "free text", TEXT, "note", False, lambda x: v.text("The note", x)),
            Column("updated_at", "when it was last saved (ISO date-time)", MOMENT, "updated_at"),
        ),
        key="session_key",
        refs=(("profile_key", PROFILE), ("routine_key", "routines.csv")),
        merge_key=("session_date",),
        order=("session_date",),
        unique=("session_date",),
    ),
    Table(
        "session_exercises.csv",
        session_exercises,
        (
            Column("session_key", "the session (sessions.csv)", INT),
            Column("exercise_id", "exercise id from the catalogue", TEXT, "exercise_id"),
            Column(
                "status",
                "done | partial | skipped",
                TEXT,
                "status",
                check=lambda x: v.choice("The status", x, v.STATUSES),
            ),
            Column(
                "sets_done",
                "sets done (may be empty)",
                INT,
                "sets_done",
                False,
                lambda x: v.count("Sets", x, 0, 20, required=False),
            ),
            Column(
                "skip_reason",
                "no_time | pain | forgot | no_equipment | other (when skipped)",
                TEXT,
                "skip_reason",
                False,
                lambda x: v.choice("The reason", x, v.SKIP_REASONS, required=False),
            ),
        ),
        refs=(("session_key", "sessions.csv"),),
        order=("exercise_id",),
        unique=("session_key", "exercise_id"),
    ),
    Table(
        "checkins.csv",
        checkins,
        (
            Column("profile_key", "whose check-in (profiles.csv)", INT),
            Column(
                "checkin_date",
                "the morning (ISO date)",
                DAY,
                "checkin_date",
                check=lambda x: v.past_date("The date", x),
            ),
            Column(
                "morning_pain",
                "pain that morning, 0-10",
                INT,
                "morning_pain",
                check=lambda x: v.pain("Pain", x, required=True),
            ),
            Column(
                "compared",
                "better | same | worse than the day before (may be empty)",
                TEXT,
                "compared",
                False,
                lambda x: v.choice("Compared", x, v.COMPARED, required=False),
            ),
        ),
        refs=(("profile_key", PROFILE),),
        merge_key=("checkin_date",),
        order=("checkin_date",),
        unique=("checkin_date",),
    ),
)
BY_FILE = {t.file: t for t in TABLES}
FILES = [t.file for t in TABLES]
COLUMNS = {t.file: [(c.name, c.about) for c in t.columns] for t in TABLES}


# -- export --------------------------------------------------------------------------------------
def export_zip(store: Store, profile_names: list[str] | None = None) -> bytes:
    """All profiles (or the ones named, exactly) as a zip of CSV files and a manifest."""
    people = store.list_profiles()
    if profile_names is not None:
        found = {p.name: p for p in people}
        missing = [n for n in profile_names if n not in found]
        if missing:
            raise ExportError(f"There is no profile called {', '.join(missing)}.")
        people = [found[n] for n in profile_names]
    rows: dict[str, list[list[str]]] = {t.file: [] for t in TABLES}
    keys: dict[str, dict[int, int]] = {t.file: {} for t in TABLES}  # database id -> key
    for person in people:
        records = store.profile_rows(person.id, [(t.table, t.order) for t in TABLES])
        for spec in TABLES:
            for record in records[spec.table.name]:
                own = keys[spec.file]
                if spec.key:
                    own[record["id"]] = len(own) + 1
                rows[spec.file].append(_cells(spec, record, keys))
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": datetime.now().replace(microsecond=0).isoformat(),
        "profiles": [p.name for p in people],
        "counts": {name: len(rows[name]) for name in FILES},
        "columns": {name: dict(cols) for name, cols in COLUMNS.items()},
        "text_cells": "A text starting with = + - @ tab or carriage return, or with an "
        "apostrophe, is written with one more apostrophe in front; remove one to read it.",
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for name in FILES:
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\r\n")  # CR or LF in a cell -> quoted
            writer.writerow(BY_FILE[name].headers)
            writer.writerows(rows[name])
            archive.writestr(name, text.getvalue())
    return buf.getvalue()


def _cells(spec: Table, record: dict[str, Any], keys: dict[str, dict[int, int]]) -> list[str]:
    cells = []
    for column in spec.columns:
        if column.name == spec.key:
            cells.append(str(keys[spec.file][record["id"]]))
            continue
        target = dict(spec.refs).get(column.name)
        if target is not None:
            ref = record[_REF_COLUMN[column.name]]
            cells.append("" if ref is None else str(keys[target].get(ref, "")))
            continue
        cells.append(column.codec.write(record[column.db]))
    return cells


_REF_COLUMN = {
    "profile_key": "profile_id",
    "routine_key": "routine_id",
    "session_key": "session_id",
}


# -- import --------------------------------------------------------------------------------------
@dataclass
class Row:
    """One validated CSV row: where it came from, its keys, and its database values."""

    file: str
    line: int
    keys: dict[str, int | None]
    values: dict[str, Any]


@dataclass
class Parsed:
    """A fully validated export, ready to write."""

    tables: dict[str, list[Row]] = field(default_factory=dict)

    @property
    def profiles(self) -> list[Row]:
        return self.tables[PROFILE]


@dataclass
class ImportReport:
    profiles: list[str]
    added: dict[str, int]
    skipped: dict[str, int]

    def summary(self) -> str:
        """'3 sessions, 1 questionnaire': what was added, said right."""
        parts = [
            count_words(n, name.removesuffix(".csv").rstrip("s").replace("_", " "))
            for name, n in self.added.items()
            if n
        ]
        return ", ".join(parts) or "nothing new"


def parse_export(data: bytes, exercise_ids: Iterable[str] | None = None) -> Parsed:
    """Validate a whole export; raise ImportRefused naming the first problem found."""
    del exercise_ids  # plans are checked against the catalogue itself
    if len(data) > MAX_ZIP_BYTES:
        raise ImportRefused(
            f"The file is too large to be a FootCheck export (over {MAX_ZIP_BYTES // 2**20} MB)."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise ImportRefused("This is not a readable zip file (it may be incomplete).") from None
    with archive:
        _check_manifest(archive)
        budget = [MAX_TOTAL_BYTES]
        parsed = Parsed({spec.file: list(_parse_table(archive, spec, budget)) for spec in TABLES})
    _check_references(parsed)
    return parsed


def _check_manifest(archive: zipfile.ZipFile) -> None:
    try:
        info = archive.getinfo("manifest.json")
    except KeyError:
        raise ImportRefused("manifest.json is missing: this is not a FootCheck export.") from None
    if info.file_size > 1024 * 1024:
        raise ImportRefused("manifest.json is too large to be a FootCheck manifest.")
    try:
        manifest = json.loads(_read_member(archive, "manifest.json", 1024 * 1024))
    except (ValueError, UnicodeDecodeError):
        raise ImportRefused("manifest.json is not valid JSON.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ImportRefused("manifest.json does not describe a FootCheck export.")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise ImportRefused(
            f"This export has format version {version!r}; this FootCheck reads version "
            f"{FORMAT_VERSION}."
        )


def _read_member(archive: zipfile.ZipFile, name: str, cap: int) -> bytes:
    with _open_member(archive, name, cap) as stream:
        return stream.read()


class _Capped(io.RawIOBase):
    """A zip member read as a stream that refuses to grow past ``cap`` bytes: a small zip
    holding a huge file is refused after ``cap`` bytes, not after decompressing all of it."""

    def __init__(self, raw: Any, name: str, cap: int, budget: list[int] | None = None):
        self.raw, self.name, self.cap, self.budget, self.seen = raw, name, cap, budget, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            chunk = self.raw.read(len(buffer))
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError):
            raise ImportRefused(f"The zip is damaged: {self.name} cannot be read.") from None
        self.seen += len(chunk)
        if self.seen > self.cap:
            raise ImportRefused(
                f"{self.name} is too large (over {self.cap // 2**20} MB uncompressed)."
            )
        if self.budget is not None:
            self.budget[0] -= len(chunk)
            if self.budget[0] < 0:
                raise ImportRefused(
                    f"The export is too large (over {MAX_TOTAL_BYTES // 2**20} MB uncompressed)."
                )
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self.raw.close()
        super().close()


def _open_member(
    archive: zipfile.ZipFile, name: str, cap: int, budget: list[int] | None = None
) -> io.BufferedReader:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise ImportRefused(f"The file {name} is missing from the zip.") from None
    if info.file_size > cap:
        raise ImportRefused(f"{name} is too large (over {cap // 2**20} MB uncompressed).")
    try:
        raw = archive.open(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError):
        raise ImportRefused(f"The zip is damaged or encrypted: {name} cannot be read.") from None
    return io.BufferedReader(_Capped(raw, name, cap, budget))


def _parse_table(archive: zipfile.ZipFile, spec: Table, budget: list[int]) -> Iterator[Row]:
    stream = io.TextIOWrapper(
        _open_member(archive, spec.file, MAX_FILE_BYTES, budget), encoding="utf-8", newline=""
    )
    csv.field_size_limit(MAX_FIELD_BYTES)
    reader = csv.reader(stream)
    try:
        header = next(reader, None)
        if header is None:
            raise ImportRefused(f"{spec.file} is empty (it needs at least its header row).")
        missing = [c for c in spec.headers if c not in header]
        if missing:
            raise ImportRefused(f"{spec.file} is missing the column(s) {', '.join(missing)}.")
        extra = [c for c in header if c not in spec.headers]
        if extra:
            raise ImportRefused(f"{spec.file} has unknown column(s) {', '.join(extra)}.")
        seen_keys: set[int] = set()
        seen_unique: set[tuple] = set()
        for line, cells in enumerate(reader, start=2):  # row 1 is the header
            if len(cells) != len(header):
                raise ImportRefused(f"{spec.file}, row {line}: wrong number of fields.")
            row = _parse_row(spec, line, dict(zip(header, cells, strict=True)))
            if spec.key:
                if row.keys[spec.key] in seen_keys:
                    raise _fail(spec.file, line, spec.key, f"{row.keys[spec.key]} is used twice")
                seen_keys.add(row.keys[spec.key])
            if spec.unique:
                owner = row.keys.get("profile_key")
                marker = (
                    owner,
                    *(row.keys.get(c, row.values.get(_db(spec, c))) for c in spec.unique),
                )
                if marker in seen_unique:
                    raise _fail(spec.file, line, spec.unique[-1], "appears twice")
                seen_unique.add(marker)
            yield row
    except csv.Error as exc:
        raise ImportRefused(f"{spec.file}, row {reader.line_num}: {exc}.") from None
    except UnicodeDecodeError:
        raise ImportRefused(f"{spec.file} is not UTF-8 text.") from None


def _db(spec: Table, csv_name: str) -> str | None:
    return next((c.db for c in spec.columns if c.name == csv_name), None)


def _fail(file: str, line: int, column: str, message: str) -> ImportRefused:
    return ImportRefused(f"{file}, row {line}, field '{column}': {message}")


def _parse_row(spec: Table, line: int, cells: dict[str, str]) -> Row:
    keys: dict[str, int | None] = {}
    values: dict[str, Any] = {}
    for column in spec.columns:
        cell = cells[column.name]
        if cell == "":
            if column.required:
                raise _fail(spec.file, line, column.name, "is empty")
            value = None
        else:
            try:
                value = column.codec.read(cell)
            except ValueError as exc:
                shown = cell if len(cell) <= 40 else cell[:37] + "..."
                raise _fail(spec.file, line, column.name, f"{shown!r} is not {exc}") from None
        if column.db is None:
            keys[column.name] = value
            continue
        if column.check is not None:
            try:
                value = column.check(value)
            except v.ValidationError as exc:
                raise _fail(spec.file, line, column.name, str(exc)) from None
        values[column.db] = value
    return Row(spec.file, line, keys, values)


def _check_references(parsed: Parsed) -> None:
    """Every key points at a row of the file it names; names are unique (case-folded)."""
    names: set[str] = set()
    for row in parsed.profiles:
        key = v.name_key(row.values["name"])
        if key in names:
            raise _fail(row.file, row.line, "name", f"{row.values['name']} appears twice")
        names.add(key)
    known = {
        spec.file: {row.keys[spec.key] for row in parsed.tables[spec.file]}
        for spec in TABLES
        if spec.key
    }
    for spec in TABLES:
        for row in parsed.tables[spec.file]:
            for column, target in spec.refs:
                ref = row.keys.get(column)
                if ref is None:
                    if column != "routine_key":
                        raise _fail(spec.file, row.line, column, "is empty")
                    continue
                if ref not in known[target]:
                    raise _fail(
                        spec.file, row.line, column, f"{ref} does not match any row of {target}"
                    )
    for row in parsed.tables["session_exercises.csv"]:
        if row.values["exercise_id"] not in _exercise_ids():
            raise _fail(
                row.file, row.line, "exercise_id", f"unknown exercise {row.values['exercise_id']!r}"
            )


def _exercise_ids() -> set[str]:
    from footcheck.exercises import load_catalogue

    return set(load_catalogue().ids)


def import_zip(store: Store, data: bytes, mode: str | None = None) -> ImportReport:
    """Validate, then write everything in one transaction.

    ``mode``: None refuses when a profile already exists (ProfileConflict); "merge" adds what
    is new to existing profiles (days and results already there are kept, never doubled);
    "replace" erases those profiles' data first."""
    if mode not in (None, "merge", "replace"):
        raise ValueError("mode must be merge or replace")
    parsed = parse_export(data)
    existing = {v.name_key(p.name): p for p in store.list_profiles()}
    clashes = [
        existing[v.name_key(r.values["name"])].name
        for r in parsed.profiles
        if v.name_key(r.values["name"]) in existing
    ]
    if clashes and mode is None:
        raise ProfileConflict(clashes)
    added = dict.fromkeys(FILES, 0)
    skipped = dict.fromkeys(FILES, 0)
    ids: dict[str, dict[int, int]] = {spec.file: {} for spec in TABLES}
    with store.write() as conn:
        for row in parsed.profiles:
            current = existing.get(v.name_key(row.values["name"]))
            if current is None:
                new_id = conn.execute(
                    insert(profiles).values(
                        account=store.account,
                        name_key=v.name_key(row.values["name"]),
                        **row.values,
                    )
                ).inserted_primary_key[0]
                ids[PROFILE][row.keys["profile_key"]] = new_id
                added[PROFILE] += 1
            else:
                ids[PROFILE][row.keys["profile_key"]] = current.id
                bump_revision(conn, current.id, store.account)  # its data is about to change
                if mode == "replace":
                    delete_profile_rows(conn, current.id)
        for spec in TABLES[1:]:
            for row in parsed.tables[spec.file]:
                values = dict(row.values)
                for column, target in spec.refs:
                    ref = row.keys.get(column)
                    values[_REF_COLUMN[column]] = ids[target].get(ref) if ref is not None else None
                parent = values.get("profile_id") or values.get("session_id")
                if parent is None:  # its session was already there (merge): keep that one
                    skipped[spec.file] += 1
                    continue
                found = _same_row(conn, spec, values) if mode == "merge" else None
                if found is not None:
                    # The row is already there. A routine keeps serving as the one its sessions
                    # point to; a day already logged keeps its own exercises (its key is not
                    # recorded, so the file's exercises for that day are skipped).
                    if spec.key and spec.table is not sessions:
                        ids[spec.file][row.keys[spec.key]] = found
                    skipped[spec.file] += 1
                    continue
                if spec.table is routines and values["active"]:
                    conn.execute(
                        update(routines)
                        .where(routines.c.profile_id == values["profile_id"])
                        .values(active=False)
                    )
                new_id = conn.execute(insert(spec.table).values(**values)).inserted_primary_key[0]
                if spec.key:
                    ids[spec.file][row.keys[spec.key]] = new_id
                added[spec.file] += 1
    return ImportReport([r.values["name"] for r in parsed.profiles], added, skipped)


def _same_row(conn: Any, spec: Table, values: dict[str, Any]) -> int | None:
    """The id of the row already there that this one would duplicate (merge), or None."""
    if not spec.merge_key:
        return None
    table = spec.table
    where = [table.c.profile_id == values["profile_id"]]
    where += [table.c[c] == values[c] for c in spec.merge_key]
    found = conn.execute(select(table.c.id).where(*where)).first()
    return None if found is None else found[0]
