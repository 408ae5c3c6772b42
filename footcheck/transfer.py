"""Export and import of a person's data as a zip of CSV files plus ``manifest.json``.

The format is meant to be read by people and by other tools: one CSV per table with the
columns documented below, dates as ISO text, nested answers as JSON text. Rows reference each
other by keys numbered within the file (``profile_key``, ``session_key``, ...), not by database
ids, and rows are written in a fixed order, so exporting, importing into an empty database and
exporting again gives identical CSV files (the export time lives only in the manifest).

An import is validated completely (format version, columns, types, ranges, references) before
anything is written, and then written in one transaction: a refused import leaves the
database exactly as it was.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import math
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select

from footcheck.store import Store, delete_profile_rows
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

FORMAT = "footcheck-export"
FORMAT_VERSION = 1
MAX_ZIP_BYTES = 200 * 1024 * 1024

# file -> (column, description); the order of columns in each CSV.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "profiles.csv": [
        ("profile_key", "number of the profile within this export"),
        ("name", "profile name (unique)"),
        ("created_at", "when the profile was created (ISO date-time)"),
    ],
    "arch_tests.csv": [
        ("arch_test_key", "number of the result within this export"),
        ("profile_key", "whose result (profiles.csv)"),
        ("test_date", "day of the test (ISO date)"),
        ("foot", "left | right"),
        ("arch_type", "high | normal | flat"),
        ("arch_index", "Arch Index, 0-1 (empty when answers only)"),
        ("chippaux_smirak", "Chippaux-Smirak index (empty when answers only)"),
        ("staheli", "Staheli index (empty when answers only)"),
        ("source", "photo | answers | photo+answers"),
        ("confidence", "how sure of the arch type, 0-1"),
        ("quality", "photo quality, 0-1 (empty when answers only)"),
        ("self_reported_type", "type suggested by the person's answers"),
        ("answers_json", "the arch test answers (JSON)"),
        ("image_sha256", "fingerprint of the photo (the photo itself is not stored)"),
        ("thumbnail_png_base64", "small picture of the measured print (PNG, base64)"),
        ("created_at", "when it was saved (ISO date-time)"),
    ],
    "questionnaires.csv": [
        ("questionnaire_key", "number within this export"),
        ("profile_key", "whose answers (profiles.csv)"),
        ("taken_on", "day answered (ISO date)"),
        ("red_flag_level", "none | urgent | emergency"),
        ("red_flag_reasons_json", "warning signs reported (JSON list)"),
        ("acknowledged", "true when urgent advice was acknowledged"),
        ("answers_json", "all answers (JSON)"),
        ("created_at", "when it was saved (ISO date-time)"),
    ],
    "routines.csv": [
        ("routine_key", "number within this export"),
        ("profile_key", "whose routine (profiles.csv)"),
        ("created_on", "day saved (ISO date)"),
        ("days_per_week", "planned sessions a week, 1-7"),
        ("active", "true for the routine in use"),
        ("plan_json", "exercises with dosage and reasons (JSON)"),
        ("created_at", "when it was saved (ISO date-time)"),
    ],
    "sessions.csv": [
        ("session_key", "number within this export"),
        ("profile_key", "whose session (profiles.csv)"),
        ("session_date", "day of the session (ISO date)"),
        ("routine_key", "routine followed (routines.csv), may be empty"),
        ("pain_before", "pain before, 0-10 (may be empty)"),
        ("pain_after", "pain after, 0-10 (may be empty)"),
        ("difficulty", "too_easy | right | too_hard (may be empty)"),
        ("note", "free text"),
        ("updated_at", "when it was last saved (ISO date-time)"),
    ],
    "session_exercises.csv": [
        ("session_key", "the session (sessions.csv)"),
        ("exercise_id", "exercise id from the catalogue"),
        ("status", "done | partial | skipped"),
        ("sets_done", "sets done (may be empty)"),
        ("skip_reason", "no_time | pain | forgot | no_equipment | other (when skipped)"),
    ],
    "checkins.csv": [
        ("profile_key", "whose check-in (profiles.csv)"),
        ("checkin_date", "the morning (ISO date)"),
        ("morning_pain", "pain that morning, 0-10"),
        ("compared", "better | same | worse than the day before (may be empty)"),
    ],
}
FILES = list(COLUMNS)


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


# -- export --------------------------------------------------------------------------------------
def _iso(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def export_zip(store: Store, profile_names: list[str] | None = None) -> bytes:
    """All profiles (or the named ones) as a zip of CSV files and a manifest."""
    rows: dict[str, list[list[str]]] = {name: [] for name in FILES}
    with store.read() as conn:
        people = conn.execute(select(profiles).order_by(profiles.c.name)).all()
        if profile_names is not None:
            wanted = {n.lower() for n in profile_names}
            missing = wanted - {p.name.lower() for p in people}
            if missing:
                raise ValueError(f"No profile called {', '.join(sorted(missing))}.")
            people = [p for p in people if p.name.lower() in wanted]
        routine_keys: dict[int, int] = {}
        session_keys: dict[int, int] = {}
        counters = {"arch": 0, "questionnaire": 0, "routine": 0, "session": 0}
        for pkey, person in enumerate(people, start=1):
            rows["profiles.csv"].append([str(pkey), person.name, _iso(person.created_at)])
            pid = person.id
            for r in conn.execute(
                select(arch_tests)
                .where(arch_tests.c.profile_id == pid)
                .order_by(
                    arch_tests.c.test_date,
                    arch_tests.c.foot,
                    arch_tests.c.created_at,
                    arch_tests.c.id,
                )
            ):
                counters["arch"] += 1
                thumb = base64.b64encode(r.thumbnail_png).decode() if r.thumbnail_png else ""
                rows["arch_tests.csv"].append(
                    [
                        str(counters["arch"]),
                        str(pkey),
                        _iso(r.test_date),
                        r.foot,
                        r.arch_type,
                        _iso(r.arch_index),
                        _iso(r.chippaux_smirak),
                        _iso(r.staheli),
                        r.source,
                        _iso(r.confidence),
                        _iso(r.quality),
                        _iso(r.self_reported_type),
                        _json(r.answers),
                        _iso(r.image_sha256),
                        thumb,
                        _iso(r.created_at),
                    ]
                )
            for r in conn.execute(
                select(questionnaires)
                .where(questionnaires.c.profile_id == pid)
                .order_by(
                    questionnaires.c.taken_on, questionnaires.c.created_at, questionnaires.c.id
                )
            ):
                counters["questionnaire"] += 1
                rows["questionnaires.csv"].append(
                    [
                        str(counters["questionnaire"]),
                        str(pkey),
                        _iso(r.taken_on),
                        r.red_flag_level,
                        _json(r.red_flag_reasons),
                        _iso(bool(r.acknowledged)),
                        _json(r.answers),
                        _iso(r.created_at),
                    ]
                )
            for r in conn.execute(
                select(routines)
                .where(routines.c.profile_id == pid)
                .order_by(routines.c.created_on, routines.c.created_at, routines.c.id)
            ):
                counters["routine"] += 1
                routine_keys[r.id] = counters["routine"]
                rows["routines.csv"].append(
                    [
                        str(counters["routine"]),
                        str(pkey),
                        _iso(r.created_on),
                        str(r.days_per_week),
                        _iso(bool(r.active)),
                        _json(r.plan),
                        _iso(r.created_at),
                    ]
                )
            for r in conn.execute(
                select(sessions)
                .where(sessions.c.profile_id == pid)
                .order_by(sessions.c.session_date)
            ):
                counters["session"] += 1
                session_keys[r.id] = counters["session"]
                routine_key = routine_keys.get(r.routine_id) if r.routine_id else None
                rows["sessions.csv"].append(
                    [
                        str(counters["session"]),
                        str(pkey),
                        _iso(r.session_date),
                        _iso(routine_key),
                        _iso(r.pain_before),
                        _iso(r.pain_after),
                        _iso(r.difficulty),
                        r.note or "",
                        _iso(r.updated_at),
                    ]
                )
            for r in conn.execute(
                select(session_exercises, sessions.c.session_date)
                .join(sessions)
                .where(sessions.c.profile_id == pid)
                .order_by(sessions.c.session_date, session_exercises.c.exercise_id)
            ):
                rows["session_exercises.csv"].append(
                    [
                        str(session_keys[r.session_id]),
                        r.exercise_id,
                        r.status,
                        _iso(r.sets_done),
                        _iso(r.skip_reason),
                    ]
                )
            for r in conn.execute(
                select(checkins)
                .where(checkins.c.profile_id == pid)
                .order_by(checkins.c.checkin_date)
            ):
                rows["checkins.csv"].append(
                    [str(pkey), _iso(r.checkin_date), str(r.morning_pain), _iso(r.compared)]
                )
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": datetime.now().replace(microsecond=0).isoformat(),
        "profiles": [p.name for p in people],
        "counts": {name: len(rows[name]) for name in FILES},
        "columns": {name: dict(cols) for name, cols in COLUMNS.items()},
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for name in FILES:
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow([c for c, _ in COLUMNS[name]])
            writer.writerows(rows[name])
            archive.writestr(name, text.getvalue())
    return buf.getvalue()


# -- import --------------------------------------------------------------------------------------
@dataclass
class Parsed:
    """A fully validated export, ready to write."""

    profiles: list[dict[str, Any]] = field(default_factory=list)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass
class ImportReport:
    profiles: list[str]
    added: dict[str, int]
    skipped: dict[str, int]


class _Row:
    """Typed access to one CSV row, raising errors that name file, row and field."""

    def __init__(self, file: str, number: int, data: dict[str, str]):
        self.file, self.line, self.data = file, number, data

    def fail(self, column: str, message: str) -> ImportRefused:
        return ImportRefused(f"{self.file}, row {self.line}, field '{column}': {message}")

    def text(self, column: str, required: bool = True) -> str | None:
        value = self.data[column]
        if value == "":
            if required:
                raise self.fail(column, "is empty")
            return None
        return value

    def _parse(self, column: str, parse: Callable[[str], Any], what: str, required: bool):
        value = self.text(column, required)
        if value is None:
            return None
        try:
            return parse(value)
        except (ValueError, TypeError):
            raise self.fail(column, f"{value!r} is not {what}") from None

    def integer(self, column: str, required: bool = True) -> int | None:
        return self._parse(column, int, "a whole number", required)

    def number(self, column: str, required: bool = True) -> float | None:
        value = self._parse(column, float, "a number", required)
        if value is not None and not math.isfinite(value):
            raise self.fail(column, "is not a finite number")
        return value

    def day(self, column: str) -> date:
        return self._parse(column, date.fromisoformat, "a date (YYYY-MM-DD)", True)

    def moment(self, column: str) -> datetime:
        return self._parse(column, datetime.fromisoformat, "a date and time", True)

    def boolean(self, column: str) -> bool:
        value = self.text(column)
        if value not in ("true", "false"):
            raise self.fail(column, f"{value!r} is not true or false")
        return value == "true"

    def json(self, column: str, kind: type) -> Any:
        value = self._parse(column, json.loads, "valid JSON", True)
        if not isinstance(value, kind):
            raise self.fail(column, f"must be a JSON {'object' if kind is dict else 'list'}")
        return value

    def check(self, column: str, check: Callable[[], Any]) -> Any:
        """Run a store validator, re-labelling its error with file, row and field."""
        try:
            return check()
        except v.ValidationError as exc:
            raise self.fail(column, str(exc)) from None


def _read(archive: zipfile.ZipFile, name: str) -> list[_Row]:
    try:
        raw = archive.read(name)
    except KeyError:
        raise ImportRefused(f"The file {name} is missing from the zip.") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportRefused(f"{name} is not UTF-8 text.") from None
    reader = csv.DictReader(io.StringIO(text))
    expected = [c for c, _ in COLUMNS[name]]
    header = reader.fieldnames or []
    missing = [c for c in expected if c not in header]
    if missing:
        raise ImportRefused(f"{name} is missing the column(s) {', '.join(missing)}.")
    extra = [c for c in header if c not in expected]
    if extra:
        raise ImportRefused(f"{name} has unknown column(s) {', '.join(extra)}.")
    rows = []
    for number, data in enumerate(reader, start=2):  # row 1 is the header
        if None in data or any(value is None for value in data.values()):
            raise ImportRefused(f"{name}, row {number}: wrong number of fields.")
        rows.append(_Row(name, number, data))
    return rows


def parse_export(data: bytes, exercise_ids: Iterable[str]) -> Parsed:
    """Validate a whole export; raise ImportRefused naming the first problem found."""
    if len(data) > MAX_ZIP_BYTES:
        raise ImportRefused("The file is too large to be a FootCheck export.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        bad = archive.testzip()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise ImportRefused("This is not a readable zip file (it may be incomplete).") from None
    if bad is not None:
        raise ImportRefused(f"The zip is damaged ({bad} cannot be read).")
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
        except KeyError:
            raise ImportRefused(
                "manifest.json is missing: this is not a FootCheck export."
            ) from None
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
        tables = {name: _read(archive, name) for name in FILES}
    known_exercises = set(exercise_ids)
    parsed = Parsed()
    profile_keys: set[int] = set()
    names: set[str] = set()
    for row in tables["profiles.csv"]:
        key = row.integer("profile_key")
        if key in profile_keys:
            raise row.fail("profile_key", f"{key} is used twice")
        name = row.check("name", lambda r=row: v.name(r.text("name")))
        if name.lower() in names:
            raise row.fail("name", f"{name!r} appears twice")
        profile_keys.add(key)
        names.add(name.lower())
        parsed.profiles.append({"key": key, "name": name, "created_at": row.moment("created_at")})

    def profile_of(row: _Row) -> int:
        key = row.integer("profile_key")
        if key not in profile_keys:
            raise row.fail("profile_key", f"{key} does not match any row of profiles.csv")
        return key

    def unique(row: _Row, column: str, seen: set) -> int:
        key = row.integer(column)
        if key in seen:
            raise row.fail(column, f"{key} is used twice")
        seen.add(key)
        return key

    out: dict[str, list[dict[str, Any]]] = {name: [] for name in FILES[1:]}
    seen: set[int] = set()
    for row in tables["arch_tests.csv"]:
        thumb = row.text("thumbnail_png_base64", required=False)
        try:
            thumbnail = base64.b64decode(thumb, validate=True) if thumb else None
        except ValueError:
            raise row.fail("thumbnail_png_base64", "is not base64 data") from None
        out["arch_tests.csv"].append(
            {
                "key": unique(row, "arch_test_key", seen),
                "profile": profile_of(row),
                "test_date": row.check(
                    "test_date", lambda r=row: v.past_date("date", r.day("test_date"))
                ),
                "foot": row.check("foot", lambda r=row: v.choice("foot", r.text("foot"), v.FEET)),
                "arch_type": row.check(
                    "arch_type",
                    lambda r=row: v.choice("arch type", r.text("arch_type"), v.ARCH_TYPES),
                ),
                "arch_index": row.check(
                    "arch_index", lambda r=row: v.index("AI", r.number("arch_index", False))
                ),
                "chippaux_smirak": row.check(
                    "chippaux_smirak",
                    lambda r=row: v.index("CSI", r.number("chippaux_smirak", False)),
                ),
                "staheli": row.check(
                    "staheli", lambda r=row: v.index("SAI", r.number("staheli", False))
                ),
                "source": row.check(
                    "source", lambda r=row: v.choice("source", r.text("source"), v.ARCH_SOURCES)
                ),
                "confidence": row.check(
                    "confidence", lambda r=row: v.fraction("confidence", r.number("confidence"))
                ),
                "quality": row.check(
                    "quality",
                    lambda r=row: v.fraction("quality", r.number("quality", False), required=False),
                ),
                "self_reported_type": row.check(
                    "self_reported_type",
                    lambda r=row: v.choice(
                        "type", r.text("self_reported_type", False), v.ARCH_TYPES, required=False
                    ),
                ),
                "answers": row.json("answers_json", dict),
                "image_sha256": row.text("image_sha256", required=False),
                "thumbnail_png": thumbnail,
                "created_at": row.moment("created_at"),
            }
        )
    seen = set()
    for row in tables["questionnaires.csv"]:
        out["questionnaires.csv"].append(
            {
                "key": unique(row, "questionnaire_key", seen),
                "profile": profile_of(row),
                "taken_on": row.check(
                    "taken_on", lambda r=row: v.past_date("date", r.day("taken_on"))
                ),
                "red_flag_level": row.check(
                    "red_flag_level",
                    lambda r=row: v.choice("level", r.text("red_flag_level"), v.RED_FLAG_LEVELS),
                ),
                "red_flag_reasons": row.json("red_flag_reasons_json", list),
                "acknowledged": row.boolean("acknowledged"),
                "answers": row.json("answers_json", dict),
                "created_at": row.moment("created_at"),
            }
        )
    routine_keys: set[int] = set()
    for row in tables["routines.csv"]:
        plan = row.json("plan_json", dict)
        for item in (
            plan.get("exercises", []) if isinstance(plan.get("exercises"), list) else [None]
        ):
            exercise = item.get("id") if isinstance(item, dict) else None
            if exercise not in known_exercises:
                raise row.fail("plan_json", f"unknown exercise {exercise!r}")
        out["routines.csv"].append(
            {
                "key": unique(row, "routine_key", routine_keys),
                "profile": profile_of(row),
                "created_on": row.check(
                    "created_on", lambda r=row: v.past_date("date", r.day("created_on"))
                ),
                "days_per_week": row.check(
                    "days_per_week", lambda r=row: v.count("days", r.integer("days_per_week"), 1, 7)
                ),
                "active": row.boolean("active"),
                "plan": plan,
                "created_at": row.moment("created_at"),
            }
        )
    session_keys: set[int] = set()
    days: set[tuple[int, date]] = set()
    for row in tables["sessions.csv"]:
        routine_key = row.integer("routine_key", required=False)
        if routine_key is not None and routine_key not in routine_keys:
            raise row.fail("routine_key", f"{routine_key} does not match any row of routines.csv")
        record = {
            "key": unique(row, "session_key", session_keys),
            "profile": profile_of(row),
            "session_date": row.check(
                "session_date", lambda r=row: v.past_date("date", r.day("session_date"))
            ),
            "routine": routine_key,
            "pain_before": row.check(
                "pain_before", lambda r=row: v.pain("pain", r.integer("pain_before", False))
            ),
            "pain_after": row.check(
                "pain_after", lambda r=row: v.pain("pain", r.integer("pain_after", False))
            ),
            "difficulty": row.check(
                "difficulty",
                lambda r=row: v.choice(
                    "difficulty", r.text("difficulty", False), v.DIFFICULTIES, required=False
                ),
            ),
            "note": row.check("note", lambda r=row: v.text("note", r.data["note"])),
            "updated_at": row.moment("updated_at"),
        }
        if (record["profile"], record["session_date"]) in days:
            raise row.fail("session_date", "two sessions on the same day")
        days.add((record["profile"], record["session_date"]))
        out["sessions.csv"].append(record)
    pairs: set[tuple[int, str]] = set()
    for row in tables["session_exercises.csv"]:
        key = row.integer("session_key")
        if key not in session_keys:
            raise row.fail("session_key", f"{key} does not match any row of sessions.csv")
        exercise = row.check(
            "exercise_id", lambda r=row: v.exercise_id(r.text("exercise_id"), known_exercises)
        )
        if (key, exercise) in pairs:
            raise row.fail("exercise_id", "appears twice in one session")
        pairs.add((key, exercise))
        status = row.check("status", lambda r=row: v.choice("status", r.text("status"), v.STATUSES))
        out["session_exercises.csv"].append(
            {
                "session": key,
                "exercise_id": exercise,
                "status": status,
                "sets_done": row.check(
                    "sets_done",
                    lambda r=row: v.count(
                        "sets", r.integer("sets_done", False), 0, 20, required=False
                    ),
                ),
                "skip_reason": row.check(
                    "skip_reason",
                    lambda r=row: v.choice(
                        "reason", r.text("skip_reason", False), v.SKIP_REASONS, required=False
                    ),
                ),
            }
        )
    mornings: set[tuple[int, date]] = set()
    for row in tables["checkins.csv"]:
        record = {
            "profile": profile_of(row),
            "checkin_date": row.check(
                "checkin_date", lambda r=row: v.past_date("date", r.day("checkin_date"))
            ),
            "morning_pain": row.check(
                "morning_pain",
                lambda r=row: v.pain("pain", r.integer("morning_pain"), required=True),
            ),
            "compared": row.check(
                "compared",
                lambda r=row: v.choice(
                    "compared", r.text("compared", False), v.COMPARED, required=False
                ),
            ),
        }
        if (record["profile"], record["checkin_date"]) in mornings:
            raise row.fail("checkin_date", "two check-ins on the same morning")
        mornings.add((record["profile"], record["checkin_date"]))
        out["checkins.csv"].append(record)
    parsed.tables = out
    return parsed


def import_zip(store: Store, data: bytes, mode: str | None = None) -> ImportReport:
    """Validate, then write everything in one transaction.

    ``mode``: None refuses when a profile already exists (ProfileConflict); "merge" adds what
    is new to existing profiles (days and results already there are kept, never doubled);
    "replace" erases those profiles' data first."""
    if mode not in (None, "merge", "replace"):
        raise ValueError("mode must be merge or replace")
    parsed = parse_export(data, store.exercise_ids)
    existing = {p.name.lower(): p for p in store.list_profiles()}
    clashes = [p["name"] for p in parsed.profiles if p["name"].lower() in existing]
    if clashes and mode is None:
        raise ProfileConflict(clashes)
    added = dict.fromkeys(FILES, 0)
    skipped = dict.fromkeys(FILES, 0)
    with store.write() as conn:
        ids: dict[int, int] = {}
        for person in parsed.profiles:
            current = existing.get(person["name"].lower())
            if current is None:
                ids[person["key"]] = conn.execute(
                    insert(profiles).values(name=person["name"], created_at=person["created_at"])
                ).inserted_primary_key[0]
                added["profiles.csv"] += 1
            else:
                ids[person["key"]] = current.id
                if mode == "replace":
                    delete_profile_rows(conn, current.id)

        def taken(table, where) -> bool:
            return (
                mode == "merge"
                and conn.execute(select(table.c.id).where(*where)).first() is not None
            )

        t = parsed.tables
        for r in t["arch_tests.csv"]:
            pid = ids[r["profile"]]
            if taken(
                arch_tests,
                (
                    arch_tests.c.profile_id == pid,
                    arch_tests.c.test_date == r["test_date"],
                    arch_tests.c.foot == r["foot"],
                    arch_tests.c.created_at == r["created_at"],
                ),
            ):
                skipped["arch_tests.csv"] += 1
                continue
            values = {k: val for k, val in r.items() if k not in ("key", "profile")}
            conn.execute(insert(arch_tests).values(profile_id=pid, **values))
            added["arch_tests.csv"] += 1
        for r in t["questionnaires.csv"]:
            pid = ids[r["profile"]]
            if taken(
                questionnaires,
                (
                    questionnaires.c.profile_id == pid,
                    questionnaires.c.created_at == r["created_at"],
                ),
            ):
                skipped["questionnaires.csv"] += 1
                continue
            values = {k: val for k, val in r.items() if k not in ("key", "profile")}
            conn.execute(insert(questionnaires).values(profile_id=pid, **values))
            added["questionnaires.csv"] += 1
        routine_ids: dict[int, int] = {}
        for r in t["routines.csv"]:
            pid = ids[r["profile"]]
            found = None
            if mode == "merge":
                found = conn.execute(
                    select(routines.c.id).where(
                        routines.c.profile_id == pid, routines.c.created_at == r["created_at"]
                    )
                ).scalar()
            if found is not None:
                routine_ids[r["key"]] = found
                skipped["routines.csv"] += 1
                continue
            values = {k: val for k, val in r.items() if k not in ("key", "profile")}
            if values["active"] and mode == "merge":
                conn.execute(
                    routines.update().where(routines.c.profile_id == pid).values(active=False)
                )
            routine_ids[r["key"]] = conn.execute(
                insert(routines).values(profile_id=pid, **values)
            ).inserted_primary_key[0]
            added["routines.csv"] += 1
        session_ids: dict[int, int] = {}
        for r in t["sessions.csv"]:
            pid = ids[r["profile"]]
            if taken(
                sessions,
                (sessions.c.profile_id == pid, sessions.c.session_date == r["session_date"]),
            ):
                skipped["sessions.csv"] += 1
                continue
            values = {k: val for k, val in r.items() if k not in ("key", "profile", "routine")}
            values["routine_id"] = routine_ids.get(r["routine"]) if r["routine"] else None
            session_ids[r["key"]] = conn.execute(
                insert(sessions).values(profile_id=pid, **values)
            ).inserted_primary_key[0]
            added["sessions.csv"] += 1
        batch = [
            {
                "session_id": session_ids[r["session"]],
                **{k: val for k, val in r.items() if k != "session"},
            }
            for r in t["session_exercises.csv"]
            if r["session"] in session_ids
        ]
        if batch:
            conn.execute(insert(session_exercises), batch)
        added["session_exercises.csv"] = len(batch)
        skipped["session_exercises.csv"] = len(t["session_exercises.csv"]) - len(batch)
        for r in t["checkins.csv"]:
            pid = ids[r["profile"]]
            if taken(
                checkins,
                (checkins.c.profile_id == pid, checkins.c.checkin_date == r["checkin_date"]),
            ):
                skipped["checkins.csv"] += 1
                continue
            values = {k: val for k, val in r.items() if k != "profile"}
            conn.execute(insert(checkins).values(profile_id=pid, **values))
            added["checkins.csv"] += 1
    return ImportReport([p["name"] for p in parsed.profiles], added, skipped)
