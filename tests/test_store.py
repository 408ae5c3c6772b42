"""The store: round trips of every table, migrations, validation and concurrent writers."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from footcheck.plan import Plan, PlanError
from footcheck.store import (
    ArchTestRecord,
    Checkin,
    ExerciseLog,
    QuestionnaireRecord,
    RoutineRecord,
    SessionEntry,
    Store,
    ValidationError,
    dispose_engine,
    migrations,
)
from footcheck.store.migrations import NewerDatabase
from footcheck.store.schema import SCHEMA_VERSION, metadata
from tests.conftest import ROOT, sqlite_only

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date.today()


def _arch(foot: str = "left", **changes) -> ArchTestRecord:
    values = dict(
        foot=foot,
        arch_type="normal",
        source="photo",
        confidence=0.8,
        test_date=TODAY,
        arch_index=0.24,
        chippaux_smirak=0.38,
        staheli=0.62,
        quality=0.9,
        answers={"looks_like": "normal"},
        image_sha256="f" * 64,
        thumbnail_png=b"\x89PNG fake",
    )
    values.update(changes)
    return ArchTestRecord(**values)


def test_profiles_are_unique_and_ordered(store: Store) -> None:
    store.create_profile("ben")
    store.create_profile("  Ada   Lovelace ")
    assert [p.name for p in store.list_profiles()] == ["Ada Lovelace", "ben"]
    with pytest.raises(ValidationError, match="already a profile called ben"):
        store.create_profile("BEN")
    with pytest.raises(ValidationError, match="needs a name"):
        store.create_profile("   ")
    with pytest.raises(ValidationError, match="at most 60"):
        store.create_profile("x" * 61)


def test_arch_tests_round_trip(store: Store, profile_id: int) -> None:
    ids = store.add_arch_tests(profile_id, [_arch("left"), _arch("right", arch_type="flat")])
    assert len(ids) == 2
    frame = store.arch_tests(profile_id)
    assert sorted(frame["foot"]) == ["left", "right"]
    back = store.arch_test(profile_id, ids[0])
    assert back is not None
    assert back.arch_index == pytest.approx(0.24)
    assert back.answers == {"looks_like": "normal"}
    assert back.thumbnail_png == b"\x89PNG fake"
    latest = store.latest_arch(profile_id)
    assert latest["right"].arch_type == "flat"
    store.delete_arch_test(profile_id, ids[0])
    assert list(store.arch_tests(profile_id)["foot"]) == ["right"]


def test_latest_arch_is_newest_per_foot(store: Store, profile_id: int) -> None:
    store.add_arch_tests(profile_id, [_arch("left", test_date=TODAY - timedelta(days=9))])
    store.add_arch_tests(profile_id, [_arch("left", arch_type="high", arch_index=0.1)])
    assert store.latest_arch(profile_id)["left"].arch_type == "high"


def test_questionnaire_round_trip(store: Store, profile_id: int) -> None:
    record = QuestionnaireRecord(
        taken_on=TODAY,
        answers={"pain": {"lower_back": 6}, "equipment": ["chair"]},
        red_flag_level="urgent",
        red_flag_reasons=["Pain at night"],
    )
    qid = store.add_questionnaire(profile_id, record)
    latest = store.latest_questionnaire(profile_id)
    assert latest is not None and latest.id == qid
    assert latest.answers["pain"]["lower_back"] == 6
    assert latest.red_flag_reasons == ["Pain at night"]
    assert latest.acknowledged is False
    store.acknowledge_questionnaire(profile_id, qid)
    assert store.latest_questionnaire(profile_id).acknowledged is True


def test_routine_round_trip_keeps_one_active(store: Store, profile_id: int) -> None:
    plan = Plan.from_json({"exercises": [{"id": "short_foot_sitting", "sets": 3, "reps": 10}]})
    first = store.save_routine(profile_id, RoutineRecord(TODAY, plan, 4))
    second = store.save_routine(profile_id, RoutineRecord(TODAY, plan, 3))
    active = store.active_routine(profile_id)
    assert active is not None and active.id == second and active.days_per_week == 3
    assert [r.active for r in store.routines(profile_id)] == [False, True]
    assert first != second
    assert store.active_routine(profile_id).plan == plan  # read back exactly
    with pytest.raises(ValidationError, match="plan"):
        store.save_routine(profile_id, RoutineRecord(TODAY, {"exercises": [{"id": "nope"}]}, 3))
    with pytest.raises(PlanError, match="unknown exercise"):
        Plan.from_json({"exercises": [{"id": "nope"}]})


def test_session_round_trip_and_same_day_replaces(store: Store, profile_id: int) -> None:
    day = TODAY - timedelta(days=1)
    entry = SessionEntry(
        session_date=day,
        exercises=[
            ExerciseLog("short_foot_sitting", "done", 3),
            ExerciseLog("towel_curls", "skipped", 0, "no_time"),
        ],
        pain_before=5,
        pain_after=3,
        difficulty="right",
        note="felt good",
    )
    store.save_session(profile_id, entry)
    store.save_session(profile_id, entry)  # saving twice never doubles a day
    assert len(store.sessions(profile_id)) == 1
    assert len(store.exercise_logs(profile_id)) == 2
    back = store.get_session(profile_id, day)
    assert back == entry
    assert len(store.sessions(profile_id, start=day, end=day)) == 1
    assert store.sessions(profile_id, start=day + timedelta(days=1)).empty
    assert store.exercise_logs(profile_id, end=day - timedelta(days=1)).empty
    assert store.sessions(profile_id)["session_date"].dt.date.tolist() == [day]
    entry.exercises = [ExerciseLog("short_foot_sitting", "partial", 1)]
    store.save_session(profile_id, entry)
    logs = store.exercise_logs(profile_id)
    assert list(logs["status"]) == ["partial"]
    store.delete_session(profile_id, day)
    assert store.sessions(profile_id).empty and store.exercise_logs(profile_id).empty


def test_checkin_round_trip_upserts(store: Store, profile_id: int) -> None:
    store.save_checkin(profile_id, Checkin(TODAY, 4, "better"))
    store.save_checkin(profile_id, Checkin(TODAY, 6, "worse"))
    frame = store.checkins(profile_id)
    assert len(frame) == 1
    assert frame.iloc[0]["morning_pain"] == 6 and frame.iloc[0]["compared"] == "worse"


@pytest.mark.parametrize(
    "entry, message",
    [
        (SessionEntry(TODAY, [], pain_before=11), "from 0 to 10"),
        (SessionEntry(TODAY, [], pain_after=-1), "from 0 to 10"),
        (SessionEntry(TODAY, [], pain_after=2.5), "whole number"),
        (SessionEntry(TODAY + timedelta(days=1), []), "cannot be in the future"),
        (SessionEntry(TODAY, [ExerciseLog("made_up", "done")]), "Unknown exercise"),
        (SessionEntry(TODAY, [ExerciseLog("toe_yoga", "maybe")]), "Status must be one of"),
        (SessionEntry(TODAY, [], difficulty="hard"), "Difficulty must be one of"),
    ],
)
def test_invalid_sessions_write_nothing(
    store: Store, profile_id: int, entry: SessionEntry, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        store.save_session(profile_id, entry)
    assert store.sessions(profile_id).empty
    assert store.exercise_logs(profile_id).empty


def test_invalid_value_in_a_batch_writes_nothing(store: Store, profile_id: int) -> None:
    with pytest.raises(ValidationError, match="Arch type"):
        store.add_arch_tests(profile_id, [_arch("left"), _arch("right", arch_type="wobbly")])
    assert store.arch_tests(profile_id).empty
    with pytest.raises(ValidationError, match="Foot must be one of"):
        store.add_arch_tests(profile_id, [_arch("middle")])
    with pytest.raises(ValidationError, match="Confidence"):
        store.add_arch_tests(profile_id, [_arch(confidence=1.5)])
    with pytest.raises(ValidationError, match="Morning pain"):
        store.save_checkin(profile_id, Checkin(TODAY, 12))


def test_delete_profile_removes_everything(store: Store, profile_id: int) -> None:
    other = store.create_profile("Ben").id
    for pid in (profile_id, other):
        store.add_arch_tests(pid, [_arch()])
        store.save_session(pid, SessionEntry(TODAY, [ExerciseLog("toe_yoga", "done", 1)]))
        store.save_checkin(pid, Checkin(TODAY, 3))
    store.delete_profile(profile_id)
    assert [p.name for p in store.list_profiles()] == ["Ben"]
    assert store.counts(profile_id) == dict.fromkeys(store.counts(profile_id), 0)
    assert store.counts(other)["session_exercises"] == 1


def test_new_database_has_current_schema(store: Store) -> None:
    with store.read() as conn:
        assert migrations.current_version(conn) == SCHEMA_VERSION
        found = inspect(conn)
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in found.get_columns(table.name)}
            assert columns == {c.name for c in table.columns}, table.name


@sqlite_only
def test_old_database_is_upgraded_without_losing_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as con:
        con.executescript((FIXTURES / "footcheck_v1.sql").read_text())
    url = f"sqlite:///{path}"
    try:
        store = Store(url)
        with store.read() as conn:
            assert migrations.current_version(conn) == SCHEMA_VERSION
        ada = store.profile_by_name("Ada")
        assert ada is not None
        assert [p.name for p in store.list_profiles()] == ["Ada", "Ben"]
        arch = store.arch_tests(ada.id)
        assert sorted(arch["arch_index"].round(3)) == [0.243, 0.281]
        assert store.latest_questionnaire(ada.id).answers == {"pain": {"lower_back": 6}}
        assert store.active_routine(ada.id).days_per_week == 4
        session = store.get_session(ada.id, date(2026, 1, 6))
        assert session.note == "first go" and session.exercises[0].sets_done == 3
        # The new version's features work on the upgraded file.
        store.save_checkin(ada.id, Checkin(date(2026, 1, 7), 3))
        assert len(store.checkins(ada.id)) == 1
    finally:
        dispose_engine(url)


def _future_database(path: Path) -> bytes:
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
        con.execute("INSERT INTO schema_version VALUES (99, '2030-01-01')")
    con.close()
    return path.read_bytes()


def test_newer_database_is_refused_and_left_unchanged(new_db_url) -> None:
    """On any database: nothing is created or changed in a database from a newer version."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    url = new_db_url()
    raw = create_engine(url, poolclass=NullPool)
    with raw.begin() as conn:
        conn.execute(text("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, x TEXT)"))
        conn.execute(text("INSERT INTO schema_version VALUES (99, 'future')"))
    with pytest.raises(NewerDatabase, match="newer FootCheck"):
        Store(url)
    with raw.connect() as conn:
        assert inspect(conn).get_table_names() == ["schema_version"]
        assert conn.execute(text("SELECT * FROM schema_version")).all() == [(99, "future")]
    raw.dispose()


def test_every_migration_keeps_the_rows_it_finds(new_db_url) -> None:
    """Version 1 data (names equal once case-folded included) upgraded step by step."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    url = new_db_url()
    raw = create_engine(url, poolclass=NullPool)
    with raw.begin() as conn:
        migrations.upgrade(conn, target=1)
        conn.execute(
            text(
                "INSERT INTO profiles (id, name, created_at) VALUES "
                "(1, 'Ada', '2026-01-01 10:00:00'), (2, 'ben', '2026-01-02 10:00:00'), "
                "(3, 'Ben', '2026-01-03 10:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO sessions (profile_id, session_date, note, updated_at) VALUES "
                "(3, '2026-01-06', 'first go', '2026-01-06 20:00:00')"
            )
        )
    raw.dispose()
    store = Store(url)
    with store.read() as conn:
        assert migrations.current_version(conn) == SCHEMA_VERSION
    assert [p.name for p in store.list_profiles()] == ["Ada", "ben", "Ben (2)"]
    renamed = store.profile_by_name("Ben (2)")
    assert store.get_session(renamed.id, date(2026, 1, 6)).note == "first go"
    assert store.revision(renamed.id) == 0
    store.save_checkin(renamed.id, Checkin(date(2026, 1, 7), 3))
    assert store.revision(renamed.id) == 1


@sqlite_only
def test_newer_database_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    before = _future_database(path)
    url = f"sqlite:///{path}"
    with pytest.raises(NewerDatabase, match="newer FootCheck"):
        Store(url)
    dispose_engine(url)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.db"]  # no -wal, no -shm


@sqlite_only
def test_newer_database_gets_its_message_on_the_page(tmp_path: Path, monkeypatch) -> None:
    from tests.apptest import open_app, texts

    path = tmp_path / "future.db"
    before = _future_database(path)
    monkeypatch.setenv("FOOTCHECK_DB_URL", f"sqlite:///{path}")
    monkeypatch.delenv("FOOTCHECK_DEBUG")  # as in production: errors become messages
    at = open_app()
    assert "written by a newer FootCheck" in texts(at)
    assert "Sorry, something went wrong" not in texts(at)
    assert path.read_bytes() == before


def test_names_are_unique_under_unicode_case_and_found_exactly(store: Store) -> None:
    lukasz = store.create_profile("Łukasz")
    with pytest.raises(ValidationError, match="already a profile called Łukasz"):
        store.create_profile("łukasz")
    store.create_profile("Straße")
    with pytest.raises(ValidationError, match="already a profile called Straße"):
        store.create_profile("STRASSE")
    assert store.profile_by_name("Łukasz") == lukasz
    assert store.profile_by_name("łukasz") is None  # exact: never a near match
    assert store.profile_by_name("LUKASZ") is None


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "footcheck", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_cli_picks_the_profile_by_its_exact_name(tmp_path: Path, new_db_url) -> None:
    from footcheck.demo import create_demo

    url = new_db_url()
    create_demo(Store(url), days=10, name="Łukasz")
    dispose_engine(url)
    out = tmp_path / "r.pdf"
    ok = _cli("report", "--db", url, "--profile", "Łukasz", "--out", str(out))
    assert ok.returncode == 0, ok.stderr
    near = _cli("report", "--db", url, "--profile", "łukasz", "--out", str(out))
    assert near.returncode != 0
    assert near.stderr.strip().splitlines() == [
        "footcheck: error: There is no profile called łukasz."
    ]


@sqlite_only
@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, b"\x00" * 4096])
def test_database_errors_reach_the_cli_as_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(content)
    result = _cli("export", "--db", f"sqlite:///{path}", "--out", str(tmp_path / "x.zip"))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("footcheck: error:"), result.stderr
    assert "SELECT" not in result.stderr and "Traceback" not in result.stderr


def test_two_threads_writing_at_once_lose_no_rows(db_url: str) -> None:
    store = Store(db_url)
    pids = [store.create_profile(f"Person {i}").id for i in range(2)]
    errors: list[BaseException] = []
    days = 60
    barrier = threading.Barrier(2)

    def writer(pid: int) -> None:
        try:
            barrier.wait()
            for offset in range(days):
                day = TODAY - timedelta(days=offset)
                store.save_session(
                    pid,
                    SessionEntry(
                        day,
                        [ExerciseLog("toe_yoga", "done", 1), ExerciseLog("toe_splay", "done", 1)],
                        pain_before=offset % 11,
                    ),
                )
                store.save_checkin(pid, Checkin(day, offset % 11))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(pid,)) for pid in pids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    for pid in pids:
        assert len(store.sessions(pid)) == days
        assert len(store.exercise_logs(pid)) == 2 * days
        assert len(store.checkins(pid)) == days


@sqlite_only
def test_sqlite_uses_wal(store: Store) -> None:
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_every_change_raises_the_revision_and_only_the_owner_may_write(
    store: Store, profile_id: int
) -> None:
    """Caches key on the revision: any write to a person's data must raise it, on any server."""
    seen = [store.revision(profile_id)]

    def changed() -> None:
        seen.append(store.revision(profile_id))
        assert seen[-1] > seen[-2]

    today = date.today()
    store.save_checkin(profile_id, Checkin(today, 3))
    changed()
    store.save_session(profile_id, SessionEntry(today, [ExerciseLog("toe_yoga", "done", 1)]))
    changed()
    store.delete_session(profile_id, today)
    changed()
    store.add_arch_tests(profile_id, [_arch()])
    changed()
    qid = store.add_questionnaire(profile_id, QuestionnaireRecord(today, {}, "urgent", []))
    changed()
    store.acknowledge_questionnaire(profile_id, qid)
    changed()
    store.save_routine(profile_id, RoutineRecord(today, Plan.from_json({"exercises": []}), 3))
    changed()
    stranger = store.for_account("someone-else@example.org")
    with pytest.raises(ValidationError, match="no longer exists"):
        stranger.save_checkin(profile_id, Checkin(today, 9))
    assert store.checkins(profile_id).iloc[0]["morning_pain"] == 3
    assert store.revision(profile_id) == seen[-1]


def _open(url: str) -> int:
    from footcheck.store import Store

    store = Store(url)
    with store.read() as conn:
        return migrations.current_version(conn)


def _connect(url: str) -> Store:
    from footcheck.store import Store

    store = Store(url)
    store.list_profiles()  # the engine is made and a connection is in its pool
    return store


def _save_same_day(store: Store, profile_id: int, pain: int) -> int:
    from footcheck.store import Checkin, ExerciseLog, SessionEntry

    day = date(2026, 3, 2)
    store.save_session(
        profile_id, SessionEntry(day, [ExerciseLog("toe_yoga", "done", 1)], pain_before=pain)
    )
    store.save_checkin(profile_id, Checkin(day, pain))
    return pain


def test_eight_servers_opening_an_empty_database_at_once(new_db_url) -> None:
    from tests.concurrency import at_once

    url = new_db_url()
    outcomes = at_once(_open, [(url,)] * 8)
    assert outcomes == [("ok", SCHEMA_VERSION)] * 8, outcomes


def test_eight_saves_of_the_same_day_at_once_give_one_entry_and_no_error(
    store: Store, profile_id: int
) -> None:
    from tests.concurrency import at_once

    outcomes = at_once(
        _save_same_day, [(store.url, profile_id, pain) for pain in range(8)], prepare=_connect
    )
    assert sorted(outcomes) == [("ok", pain) for pain in range(8)], outcomes
    sessions = store.sessions(profile_id)
    assert len(sessions) == 1 and len(store.exercise_logs(profile_id)) == 1
    checkins = store.checkins(profile_id)
    assert len(checkins) == 1
    assert sessions.iloc[0]["pain_before"] in range(8)


def test_an_account_reaches_no_other_accounts_profiles(store: Store) -> None:
    """Hosted mode: two accounts on one database. Each lists, reads, writes and deletes only
    its own profiles, even when handed the other's profile id (a forged session state)."""
    alice, bob = store.for_account("iss|alice"), store.for_account("iss|bob")
    mine = alice.create_profile("Sam").id
    bob.create_profile("Sam")  # the same name under another account is allowed
    alice.add_arch_tests(mine, [_arch()])
    alice.add_questionnaire(mine, QuestionnaireRecord(TODAY, {}, "none", []))
    alice.save_routine(mine, RoutineRecord(TODAY, Plan.from_json({"exercises": []}), 3))
    alice.save_session(mine, SessionEntry(TODAY, [ExerciseLog("toe_yoga", "done", 1)]))
    alice.save_checkin(mine, Checkin(TODAY, 3))

    assert [p.name for p in bob.list_profiles()] == ["Sam"]
    assert all(p.id != mine for p in bob.list_profiles())
    assert bob.get_profile(mine) is None and store.get_profile(mine) is None
    assert bob.arch_tests(mine).empty and bob.latest_arch(mine) == {}
    assert bob.questionnaires(mine) == [] and bob.latest_questionnaire(mine) is None
    assert bob.active_routine(mine) is None and bob.routines(mine) == []
    assert bob.get_session(mine, TODAY) is None
    assert bob.sessions(mine).empty and bob.exercise_logs(mine).empty
    assert bob.checkins(mine).empty
    assert set(bob.counts(mine).values()) == {0}
    for write in (
        lambda: bob.save_checkin(mine, Checkin(TODAY, 9)),
        lambda: bob.delete_session(mine, TODAY),
        lambda: bob.delete_profile(mine),
    ):
        with pytest.raises(ValidationError):
            write()
    assert alice.counts(mine)["sessions"] == 1
    assert alice.checkins(mine).iloc[0]["morning_pain"] == 3
