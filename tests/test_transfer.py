"""Export and import: exact round trips, refusals that change nothing, merge and replace."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from footcheck.demo import create_demo
from footcheck.store import Store
from footcheck.transfer import (
    FILES,
    ImportRefused,
    ProfileConflict,
    export_zip,
    import_zip,
    parse_export,
)
from tests.conftest import ROOT, create_database, database_rows, drop_database


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> bytes:
    url = create_database(tmp_path_factory.mktemp("src"))
    store = Store(url)
    create_demo(store, days=40, name="Demo")
    create_demo(store, days=12, name="Zoë", seed=3)
    data = export_zip(store)
    drop_database(url)
    return data


def csvs(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in FILES}


def rewrite(data: bytes, name: str, change) -> bytes:
    """A copy of the zip with one member changed by ``change(text) -> text``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.namelist():
            content = src.read(item)
            if item == name:
                content = change(content.decode()).encode()
            dst.writestr(item, content)
    return out.getvalue()


def edit_cell(data: bytes, name: str, row: int, column: str, value: str) -> bytes:
    def change(text: str) -> str:
        rows = list(csv.DictReader(io.StringIO(text)))
        rows[row][column] = value
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()

    return rewrite(data, name, change)


def test_round_trip_is_exact(exported: bytes, store: Store) -> None:
    report = import_zip(store, exported)
    assert sorted(report.profiles) == ["Demo", "Zoë"]
    again = export_zip(store)
    assert csvs(again) == csvs(exported)
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(again)).read("manifest.json"))
    assert manifest["format_version"] == 1 and manifest["counts"]["sessions.csv"] > 10
    assert set(manifest["columns"]["sessions.csv"]) >= {"session_date", "pain_before"}


def test_export_one_profile(exported: bytes, store: Store) -> None:
    import_zip(store, exported)
    only = csvs(export_zip(store, ["Zoë"]))
    assert only["profiles.csv"].decode().splitlines()[1].split(",")[1] == "Zoë"
    with pytest.raises(ValueError, match="no profile called Nobody"):
        export_zip(store, ["Nobody"])


def _bytes(db_url: str) -> dict[str, list[tuple]]:
    """Everything the database holds (a refused import must change none of it)."""
    return database_rows(db_url)


BAD_VALUE = [
    ("sessions.csv", 0, "pain_before", "12", "sessions.csv, row 2, field 'pain_before'"),
    ("sessions.csv", 0, "session_date", "2026-02-30", "not a date"),
    ("sessions.csv", 0, "session_date", "2999-01-01", "cannot be in the future"),
    ("arch_tests.csv", 0, "foot", "middle", "field 'foot'"),
    ("arch_tests.csv", 1, "confidence", "1.7", "from 0 to 1"),
    ("session_exercises.csv", 0, "exercise_id", "moonwalk", "unknown exercise"),
    ("session_exercises.csv", 0, "session_key", "99999", "does not match any row"),
    ("sessions.csv", 0, "routine_key", "77", "does not match any row of routines.csv"),
    ("checkins.csv", 0, "profile_key", "9", "does not match any row of profiles.csv"),
    ("questionnaires.csv", 0, "answers_json", "{not json", "valid JSON"),
    ("routines.csv", 0, "days_per_week", "9", "from 1 to 7"),
    ("questionnaires.csv", 0, "acknowledged", "maybe", "true or false"),
]


@pytest.mark.parametrize(("file", "row", "column", "value", "message"), BAD_VALUE)
def test_bad_values_are_refused_and_change_nothing(
    exported: bytes, db_url: str, store: Store, file, row, column, value, message
) -> None:
    store.create_profile("Someone else")
    before = _bytes(db_url)
    with pytest.raises(ImportRefused, match=re.escape(message)):
        import_zip(Store(db_url), edit_cell(exported, file, row, column, value))
    assert _bytes(db_url) == before


@pytest.mark.parametrize(
    ("corrupt", "message"),
    [
        (lambda d: d[: len(d) // 2], "not a readable zip"),
        (lambda d: b"PK\x03\x04 definitely not", "not a readable zip"),
        (
            lambda d: rewrite(
                d,
                "manifest.json",
                lambda t: t.replace('"format_version": 1', '"format_version": 9'),
            ),
            "format version 9",
        ),
        (
            lambda d: rewrite(d, "sessions.csv", lambda t: t.replace("pain_before", "pain_b4", 1)),
            "missing the column",
        ),
        (lambda d: rewrite(d, "sessions.csv", lambda t: t + "1,2\n"), "wrong number of fields"),
        (lambda d: rewrite(d, "manifest.json", lambda t: "nope"), "not valid JSON"),
    ],
)
def test_corrupted_files_are_refused_and_change_nothing(
    exported: bytes, db_url: str, store: Store, corrupt, message
) -> None:
    store.create_profile("Someone else")
    before = _bytes(db_url)
    with pytest.raises(ImportRefused, match=message):
        import_zip(Store(db_url), corrupt(exported))
    assert _bytes(db_url) == before


def test_missing_member_is_named(exported: bytes) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(exported)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.namelist():
            if item != "checkins.csv":
                dst.writestr(item, src.read(item))
    with pytest.raises(ImportRefused, match=r"checkins\.csv is missing"):
        parse_export(out.getvalue(), {"toe_yoga"})


def test_existing_profile_needs_a_choice_and_never_duplicates(
    exported: bytes, store: Store
) -> None:
    import_zip(store, exported)
    demo = store.profile_by_name("Demo")
    sessions = len(store.sessions(demo.id))
    with pytest.raises(ProfileConflict, match="Demo"):
        import_zip(store, exported)
    merged = import_zip(store, exported, "merge")
    assert merged.added["sessions.csv"] == 0 and merged.skipped["sessions.csv"] > 0
    assert len(store.sessions(demo.id)) == sessions
    assert len(store.arch_tests(demo.id)) == 2
    assert csvs(export_zip(store)) == csvs(exported)
    # Replace: the profile's own later rows disappear, the file's come back exactly.
    from footcheck.store import Checkin

    store.save_checkin(demo.id, Checkin(date.today(), 9))
    import_zip(store, exported, "replace")
    assert csvs(export_zip(store)) == csvs(exported)


def test_cli_export_import_contract(exported: bytes, tmp_path: Path, new_db_url) -> None:
    source = tmp_path / "in.zip"
    source.write_bytes(exported)
    url = new_db_url()

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "footcheck", *args], cwd=ROOT, capture_output=True, text=True
        )

    ok = run("import", "--db", url, str(source))
    assert ok.returncode == 0, ok.stderr
    refused = run("import", "--db", url, str(source))
    assert refused.returncode != 0 and len(refused.stderr.strip().splitlines()) == 1
    out = tmp_path / "out.zip"
    assert run("export", "--db", url, "--out", str(out)).returncode == 0
    assert csvs(out.read_bytes()) == csvs(exported)
    one = tmp_path / "one.zip"
    assert run("export", "--db", url, "--out", str(one), "--profile", "Demo").returncode == 0
    assert csvs(one.read_bytes())["profiles.csv"].count(b"\n") == 2
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"garbage")
    result = run("import", "--db", url, str(bad))
    assert result.returncode != 0 and "Traceback" not in result.stderr


# -- safe to open, always re-importable (issue 12.5) ------------------------------------------
SPREADSHEET_TRAPS = ['=HYPERLINK("http://x","y")', "+41 79", "-2 knees", "@home", "'quoted"]


def test_formula_like_texts_are_neutralised_and_come_back_exactly(store: Store, new_db_url) -> None:
    from footcheck.store import ExerciseLog, SessionEntry

    for index, text in enumerate(SPREADSHEET_TRAPS):
        pid = store.create_profile(text).id
        note = f"{text} then\ra bare carriage return"
        day = date(2026, 1, 1 + index)
        store.save_session(pid, SessionEntry(day, [ExerciseLog("toe_yoga", "done", 1)], note=note))
    data = export_zip(store)
    files = csvs(data)
    for row in csv.reader(io.StringIO(files["profiles.csv"].decode(), newline="")):
        if row[0] != "profile_key":
            assert row[1][0] == "'", row  # a spreadsheet shows it as text, never runs it
    assert b"then\ra bare" in files["sessions.csv"]
    fresh = Store(new_db_url())
    import_zip(fresh, data)
    assert sorted(p.name for p in fresh.list_profiles()) == sorted(SPREADSHEET_TRAPS)
    notes = {p.name: fresh.sessions(p.id).iloc[0]["note"] for p in fresh.list_profiles()}
    assert notes == {t: f"{t} then\ra bare carriage return" for t in SPREADSHEET_TRAPS}
    assert csvs(export_zip(fresh)) == files


def _replace_in(file: str, old: str, new: str):
    def corrupt(data: bytes) -> bytes:
        def change(text: str) -> str:
            assert old in text, (file, old)
            return text.replace(old, new, 1)

        return rewrite(data, file, change)

    return corrupt


@pytest.mark.parametrize(
    ("corrupt", "message"),
    [
        (
            lambda d: edit_cell(d, "arch_tests.csv", 0, "thumbnail_png_base64", "aGVsbG8="),
            "arch_tests.csv, row 2, field 'thumbnail_png_base64'",
        ),
        (
            lambda d: edit_cell(d, "questionnaires.csv", 0, "answers_json", '{"pain": 5}'),
            "questionnaires.csv, row 2, field 'answers_json'",
        ),
        (_replace_in("routines.csv", '""sets"":', '""sets"":""many"",""x"":'), "sets"),
        (_replace_in("routines.csv", '""safety"":[', '""safety"":5,""y"":['), "safety"),
    ],
    ids=["thumbnail-not-an-image", "answers-wrong-shape", "sets-many", "safety-5"],
)
def test_every_field_is_checked_to_its_full_shape(
    exported: bytes, db_url: str, store: Store, corrupt, message: str
) -> None:
    store.create_profile("Someone else")
    before = _bytes(db_url)
    with pytest.raises(ImportRefused, match=re.escape(message)):
        import_zip(Store(db_url), corrupt(exported))
    assert _bytes(db_url) == before


def zip_with_a_huge_member(exported: bytes, size: int, target: Path | None = None) -> bytes | None:
    """The export with ``size`` more bytes of session rows in sessions.csv, which compress to
    almost nothing (a zip bomb). Written to ``target`` (a path) or returned as bytes.
    benchmarks/bench_memory.py measures the same bombs at 1 and 2 GiB."""
    out = target or io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(exported)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.namelist():
            if item != "sessions.csv":
                dst.writestr(item, src.read(item))
        with dst.open("sessions.csv", "w", force_zip64=True) as member:
            member.write(src.read("sessions.csv"))
            chunk = b"1,1,2026-01-01,,,,,x,2026-01-01 00:00:00\r\n" * 25_000
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return None if target else out.getvalue()


def test_a_small_zip_holding_a_huge_file_is_refused_with_one_line(
    exported: bytes, store: Store
) -> None:
    bomb = zip_with_a_huge_member(exported, 200 * 2**20)
    assert len(bomb) < 2 * 2**20
    with pytest.raises(ImportRefused, match=r"sessions\.csv is too large \(over 64 MB"):
        import_zip(store, bomb)
    assert store.list_profiles() == []


def test_a_field_too_large_is_refused_naming_its_place(exported: bytes, store: Store) -> None:
    huge_note = edit_cell(exported, "sessions.csv", 0, "note", "x" * (2 * 2**20))
    with pytest.raises(ImportRefused, match=r"sessions\.csv, row 2"):
        import_zip(store, huge_note)
