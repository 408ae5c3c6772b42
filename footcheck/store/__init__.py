"""Persistent storage: one database URL, versioned schema, validated writes.

``Store`` is the only way the app, the CLI and the import/export code touch the database. Every
method is one unit of work on its own pooled connection, so a ``Store`` may be shared by all of
Streamlit's session threads. Lists come back as pandas DataFrames (what charts and tables
want); single items as the records in ``records.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import (
    Connection,
    Engine,
    String,
    Table,
    and_,
    delete,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.exc import IntegrityError

from footcheck.plan import Plan, PlanError

from . import validate as v
from .engine import WRITE_OPTION, default_db_url, dispose_engine, get_engine
from .records import (
    ArchTestRecord,
    Checkin,
    ExerciseLog,
    Profile,
    QuestionnaireRecord,
    RoutineRecord,
    SessionEntry,
)
from .schema import (
    PROFILE_TABLES,
    arch_tests,
    checkins,
    profiles,
    questionnaires,
    routines,
    session_exercises,
    sessions,
)
from .validate import ValidationError

log = logging.getLogger(__name__)

__all__ = [
    "ArchTestRecord",
    "Checkin",
    "ExerciseLog",
    "Profile",
    "QuestionnaireRecord",
    "RoutineRecord",
    "SessionEntry",
    "Store",
    "ValidationError",
    "default_db_url",
    "dispose_engine",
]

ARCH_COLUMNS = [
    "id",
    "test_date",
    "foot",
    "arch_type",
    "arch_index",
    "chippaux_smirak",
    "staheli",
    "source",
    "confidence",
    "quality",
    "self_reported_type",
]
SESSION_COLUMNS = ["id", "session_date", "pain_before", "pain_after", "difficulty", "note"]
EXERCISE_LOG_COLUMNS = ["session_date", "exercise_id", "status", "sets_done", "skip_reason"]
CHECKIN_COLUMNS = ["checkin_date", "morning_pain", "compared"]


class Store:
    """All reads and writes of FootCheck's data, for one database URL."""

    def __init__(
        self,
        url: str | None = None,
        exercise_ids: Collection[str] | None = None,
        account: str = "",
    ):
        self.url = url or default_db_url()
        self.engine: Engine = get_engine(self.url)
        self.account = account
        self._exercise_ids = frozenset(exercise_ids) if exercise_ids is not None else None

    def for_account(self, account: str) -> Store:
        """The same database seen by one account (hosted mode): its own profiles only."""
        return Store(self.url, self._exercise_ids, account)

    # -- plumbing ---------------------------------------------------------------------------
    @property
    def exercise_ids(self) -> frozenset[str]:
        if self._exercise_ids is None:
            from footcheck.exercises import load_catalogue

            self._exercise_ids = frozenset(load_catalogue().ids)
        return self._exercise_ids

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: all of it lands, or none of it (BEGIN IMMEDIATE on SQLite)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield conn

    @contextmanager
    def changing(self, profile_id: int) -> Iterator[Connection]:
        """A write transaction on one profile's data. It first raises the profile's revision
        (which caches key on, so no server shows stale numbers after a write anywhere),
        which also checks that this store's account owns the profile and, on PostgreSQL,
        locks the profile's row, so that two saves of the same day wait for each other
        instead of colliding."""
        with self.write() as conn:
            bump_revision(conn, profile_id, self.account)
            yield conn

    def revision(self, profile_id: int) -> int | None:
        """How many times the profile's data has changed (None if there is no such profile)."""
        profile = self.get_profile(profile_id)
        return profile.revision if profile else None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def _frame(self, query: Any, columns: list[str], dates: tuple[str, ...] = ()) -> pd.DataFrame:
        """Rows as a DataFrame. Date columns are read as text and converted by pandas in one
        vectorised step: parsing them row by row costs more than the query itself when five
        years of logs are read."""
        raw = query.with_only_columns(
            *[
                type_coerce(col, String).label(col.name) if col.name in dates else col
                for col in query.selected_columns
            ]
        )
        sql = str(raw.compile(dialect=self.engine.dialect, compile_kwargs={"literal_binds": True}))
        # A plain DBAPI cursor: SQLAlchemy's row objects cost several times the query itself
        # for tens of thousands of rows, and these rows go straight into a DataFrame.
        dbapi = self.engine.raw_connection()
        try:
            cursor = dbapi.cursor()
            cursor.execute(sql)
            rows = cursor.fetchall()
            cursor.close()
        finally:
            dbapi.close()
        frame = pd.DataFrame.from_records(rows, columns=columns)
        for col in dates:
            frame[col] = pd.to_datetime(frame[col], format="ISO8601")
        return frame

    # -- profiles ---------------------------------------------------------------------------
    # Every profile belongs to an account: "" in the local, no-account mode; the signed-in
    # person's stable identity in hosted mode. A Store made for an account sees only its own.
    def list_profiles(self) -> list[Profile]:
        with self.read() as conn:
            rows = conn.execute(
                select(profiles)
                .where(profiles.c.account == self.account)
                .order_by(profiles.c.name_key, profiles.c.id)
            ).all()
        return [_profile(r) for r in rows]

    def _one_profile(self, condition: Any) -> Profile | None:
        """The profile of this store's account that meets ``condition``, or None."""
        with self.read() as conn:
            row = conn.execute(
                select(profiles).where(profiles.c.account == self.account, condition)
            ).first()
        return _profile(row) if row else None

    def get_profile(self, profile_id: int) -> Profile | None:
        return self._one_profile(profiles.c.id == profile_id)

    def profile_by_name(self, name: str) -> Profile | None:
        """The profile with exactly this name (spaces tidied), or None: never a near match."""
        return self._one_profile(profiles.c.name == " ".join(str(name).split()))

    def name_taken(self, name: str) -> Profile | None:
        """The profile whose name is the same as ``name`` once case-folded (names must differ
        by more than case), or None."""
        return self._one_profile(profiles.c.name_key == v.name_key(name))

    def create_profile(self, name: str, created_at: datetime | None = None) -> Profile:
        cleaned = v.name(name)
        taken = self.name_taken(cleaned)
        if taken:
            raise ValidationError(f"There is already a profile called {taken.name}.")
        stamp = created_at or datetime.now().replace(microsecond=0)
        try:
            with self.write() as conn:
                new_id = conn.execute(
                    insert(profiles).values(
                        account=self.account,
                        name=cleaned,
                        name_key=v.name_key(cleaned),
                        created_at=stamp,
                    )
                ).inserted_primary_key[0]
        except IntegrityError as exc:  # a second session created the same name just now
            raise ValidationError(f"There is already a profile called {cleaned}.") from exc
        return Profile(new_id, cleaned, stamp)

    def owns(self, profile_id: int) -> bool:
        """Does this store's account own the profile? Every per-profile read and write asks."""
        return self.get_profile(profile_id) is not None

    def _owned(self, column: Any, profile_id: int) -> Any:
        """``column == profile_id``, for a profile of this store's account only: a read never
        returns another account's rows, whatever profile id it is handed."""
        mine = select(profiles.c.id).where(
            profiles.c.id == profile_id, profiles.c.account == self.account
        )
        return and_(column == profile_id, column.in_(mine))

    def delete_profile(self, profile_id: int) -> None:
        """Erase a profile and every row that belongs to it, in one transaction."""
        with self.write() as conn:
            bump_revision(conn, profile_id, self.account)  # refuses another account's profile
            delete_profile_rows(conn, profile_id)
            conn.execute(delete(profiles).where(profiles.c.id == profile_id))

    # -- arch tests -------------------------------------------------------------------------
    def add_arch_tests(self, profile_id: int, records: list[ArchTestRecord]) -> list[int]:
        """Save one test (one or both feet) atomically."""
        rows = [self._arch_row(profile_id, r) for r in records]
        ids = []
        with self.changing(profile_id) as conn:
            for row in rows:
                ids.append(conn.execute(insert(arch_tests).values(**row)).inserted_primary_key[0])
        return ids

    def _arch_row(self, profile_id: int, r: ArchTestRecord) -> dict[str, Any]:
        return {
            "profile_id": profile_id,
            "test_date": v.past_date("The test date", r.test_date),
            "foot": v.choice("Foot", r.foot, v.FEET),
            "arch_type": v.choice("Arch type", r.arch_type, v.ARCH_TYPES),
            "arch_index": v.index("Arch index", r.arch_index),
            "chippaux_smirak": v.index("Chippaux-Smirak index", r.chippaux_smirak),
            "staheli": v.index("Staheli index", r.staheli),
            "source": v.choice("Source", r.source, v.ARCH_SOURCES),
            "confidence": v.fraction("Confidence", r.confidence),
            "quality": v.fraction("Quality", r.quality, required=False),
            "self_reported_type": v.choice(
                "Self-reported type", r.self_reported_type, v.ARCH_TYPES, required=False
            ),
            "answers": dict(r.answers),
            "image_sha256": r.image_sha256,
            "thumbnail_png": r.thumbnail_png,
            "created_at": datetime.now().replace(microsecond=0),
        }

    def arch_tests(self, profile_id: int) -> pd.DataFrame:
        """Every arch test of a profile, newest first."""
        cols = [getattr(arch_tests.c, c) for c in ARCH_COLUMNS]
        query = (
            select(*cols)
            .where(self._owned(arch_tests.c.profile_id, profile_id))
            .order_by(arch_tests.c.test_date.desc(), arch_tests.c.id.desc())
        )
        return self._frame(query, ARCH_COLUMNS, dates=("test_date",))

    def arch_test(self, profile_id: int, test_id: int) -> ArchTestRecord | None:
        with self.read() as conn:
            row = conn.execute(
                select(arch_tests).where(
                    self._owned(arch_tests.c.profile_id, profile_id), arch_tests.c.id == test_id
                )
            ).first()
        return _arch_record(row) if row else None

    def latest_arch(self, profile_id: int) -> dict[str, ArchTestRecord]:
        """The most recent result per foot: what the routine is built on."""
        latest: dict[str, ArchTestRecord] = {}
        with self.read() as conn:
            rows = conn.execute(
                select(arch_tests)
                .where(self._owned(arch_tests.c.profile_id, profile_id))
                .order_by(arch_tests.c.test_date.desc(), arch_tests.c.id.desc())
            ).all()
        for row in rows:
            latest.setdefault(row.foot, _arch_record(row))
        return latest

    def delete_arch_test(self, profile_id: int, test_id: int) -> None:
        with self.changing(profile_id) as conn:
            conn.execute(
                delete(arch_tests).where(
                    self._owned(arch_tests.c.profile_id, profile_id), arch_tests.c.id == test_id
                )
            )

    # -- questionnaires ---------------------------------------------------------------------
    def add_questionnaire(self, profile_id: int, record: QuestionnaireRecord) -> int:
        if not isinstance(record.answers, dict):
            raise ValidationError("Questionnaire answers must be a mapping.")
        row = {
            "profile_id": profile_id,
            "taken_on": v.past_date("The questionnaire date", record.taken_on),
            "answers": record.answers,
            "red_flag_level": v.choice("Red-flag level", record.red_flag_level, v.RED_FLAG_LEVELS),
            "red_flag_reasons": [str(x) for x in record.red_flag_reasons],
            "acknowledged": bool(record.acknowledged),
            "created_at": datetime.now().replace(microsecond=0),
        }
        with self.changing(profile_id) as conn:
            return conn.execute(insert(questionnaires).values(**row)).inserted_primary_key[0]

    def questionnaires(self, profile_id: int) -> list[QuestionnaireRecord]:
        """All questionnaires of a profile, newest first."""
        with self.read() as conn:
            rows = conn.execute(
                select(questionnaires)
                .where(self._owned(questionnaires.c.profile_id, profile_id))
                .order_by(questionnaires.c.taken_on.desc(), questionnaires.c.id.desc())
            ).all()
        return [
            QuestionnaireRecord(
                taken_on=r.taken_on,
                answers=r.answers,
                red_flag_level=r.red_flag_level,
                red_flag_reasons=list(r.red_flag_reasons),
                acknowledged=bool(r.acknowledged),
                id=r.id,
            )
            for r in rows
        ]

    def latest_questionnaire(self, profile_id: int) -> QuestionnaireRecord | None:
        found = self.questionnaires(profile_id)
        return found[0] if found else None

    def acknowledge_questionnaire(self, profile_id: int, questionnaire_id: int) -> None:
        with self.changing(profile_id) as conn:
            conn.execute(
                update(questionnaires)
                .where(
                    self._owned(questionnaires.c.profile_id, profile_id),
                    questionnaires.c.id == questionnaire_id,
                )
                .values(acknowledged=True)
            )

    # -- routines ---------------------------------------------------------------------------
    def save_routine(self, profile_id: int, record: RoutineRecord) -> int:
        """Store a routine as the active one; the previous active routine is kept as history."""
        if not isinstance(record.plan, Plan):
            raise ValidationError("A routine needs a plan of exercises.")
        for item in record.plan.items:
            v.exercise_id(item.id, self.exercise_ids)
        row = {
            "profile_id": profile_id,
            "created_on": v.past_date("The routine date", record.created_on),
            "plan": record.plan.to_json(),
            "days_per_week": v.count("Days per week", record.days_per_week, 1, 7),
            "active": True,
            "created_at": datetime.now().replace(microsecond=0),
        }
        with self.changing(profile_id) as conn:
            conn.execute(
                update(routines).where(routines.c.profile_id == profile_id).values(active=False)
            )
            return conn.execute(insert(routines).values(**row)).inserted_primary_key[0]

    def active_routine(self, profile_id: int) -> RoutineRecord | None:
        with self.read() as conn:
            row = conn.execute(
                select(routines)
                .where(self._owned(routines.c.profile_id, profile_id), routines.c.active.is_(True))
                .order_by(routines.c.id.desc())
            ).first()
        if row is None:
            return None
        return self._routine(row)

    def routines(self, profile_id: int) -> list[RoutineRecord]:
        with self.read() as conn:
            rows = conn.execute(
                select(routines)
                .where(self._owned(routines.c.profile_id, profile_id))
                .order_by(routines.c.created_on, routines.c.id)
            ).all()
        return [self._routine(r) for r in rows]

    def _routine(self, row: Any) -> RoutineRecord:
        """A stored routine, its plan checked; a plan that no longer reads (an exercise since
        removed from the catalogue, say) keeps what still does."""
        try:
            plan = Plan.from_json(row.plan, days_per_week=row.days_per_week, strict=False)
        except PlanError:
            log.warning("routine %s has a plan that cannot be read", row.id, exc_info=True)
            plan = Plan(items=(), days_per_week=row.days_per_week)
        return RoutineRecord(row.created_on, plan, row.days_per_week, bool(row.active), row.id)

    # -- session logs -----------------------------------------------------------------------
    def save_session(self, profile_id: int, entry: SessionEntry) -> int:
        """Save (or replace) the log of one day: saving the same day twice never doubles it."""
        return self.save_sessions(profile_id, [entry])[0]

    def save_sessions(self, profile_id: int, entries: list[SessionEntry]) -> list[int]:
        """Save many days in one transaction (demo data, imports): all of them or none."""
        prepared = [self._session_row(entry) for entry in entries]
        ids = []
        with self.changing(profile_id) as conn:
            for day, values, logs in prepared:
                existing = conn.execute(
                    select(sessions.c.id).where(
                        sessions.c.profile_id == profile_id, sessions.c.session_date == day
                    )
                ).scalar()
                if existing is None:
                    session_id = conn.execute(
                        insert(sessions).values(profile_id=profile_id, session_date=day, **values)
                    ).inserted_primary_key[0]
                else:
                    session_id = existing
                    conn.execute(update(sessions).where(sessions.c.id == existing).values(**values))
                    conn.execute(
                        delete(session_exercises).where(session_exercises.c.session_id == existing)
                    )
                if logs:
                    conn.execute(
                        insert(session_exercises),
                        [{"session_id": session_id, **row} for row in logs],
                    )
                ids.append(session_id)
        return ids

    def _session_row(self, entry: SessionEntry) -> tuple[date, dict[str, Any], list[dict]]:
        day = v.past_date("The session date", entry.session_date)
        values = {
            "pain_before": v.pain("Pain before", entry.pain_before),
            "pain_after": v.pain("Pain after", entry.pain_after),
            "difficulty": v.choice("Difficulty", entry.difficulty, v.DIFFICULTIES, required=False),
            "note": v.text("The note", entry.note),
            "routine_id": entry.routine_id,
            "updated_at": datetime.now().replace(microsecond=0),
        }
        logs = [self._exercise_row(item) for item in entry.exercises]
        if len({row["exercise_id"] for row in logs}) != len(logs):
            raise ValidationError("An exercise appears twice in the same day's log.")
        return day, values, logs

    def _exercise_row(self, item: ExerciseLog) -> dict[str, Any]:
        status = v.choice("Status", item.status, v.STATUSES)
        return {
            "exercise_id": v.exercise_id(item.exercise_id, self.exercise_ids),
            "status": status,
            "sets_done": v.count("Sets done", item.sets_done, 0, 20, required=False),
            "skip_reason": v.choice("Skip reason", item.skip_reason, v.SKIP_REASONS, required=False)
            if status == "skipped"
            else None,
        }

    def get_session(self, profile_id: int, day: date) -> SessionEntry | None:
        with self.read() as conn:
            row = conn.execute(
                select(sessions).where(
                    self._owned(sessions.c.profile_id, profile_id), sessions.c.session_date == day
                )
            ).first()
            if row is None:
                return None
            items = conn.execute(
                select(session_exercises)
                .where(session_exercises.c.session_id == row.id)
                .order_by(session_exercises.c.id)
            ).all()
        return SessionEntry(
            session_date=row.session_date,
            exercises=[
                ExerciseLog(i.exercise_id, i.status, i.sets_done, i.skip_reason) for i in items
            ],
            pain_before=row.pain_before,
            pain_after=row.pain_after,
            difficulty=row.difficulty,
            note=row.note,
            routine_id=row.routine_id,
        )

    def delete_session(self, profile_id: int, day: date) -> None:
        with self.changing(profile_id) as conn:
            conn.execute(
                delete(sessions).where(
                    self._owned(sessions.c.profile_id, profile_id), sessions.c.session_date == day
                )
            )

    def sessions(
        self, profile_id: int, start: date | None = None, end: date | None = None
    ) -> pd.DataFrame:
        """One row per logged day (pain, difficulty, note), oldest first."""
        query = select(*[getattr(sessions.c, c) for c in SESSION_COLUMNS]).where(
            self._owned(sessions.c.profile_id, profile_id)
        )
        query = _between(query, sessions.c.session_date, start, end)
        return self._frame(
            query.order_by(sessions.c.session_date), SESSION_COLUMNS, dates=("session_date",)
        )

    def exercise_logs(
        self, profile_id: int, start: date | None = None, end: date | None = None
    ) -> pd.DataFrame:
        """One row per exercise per logged day, oldest first."""
        query = (
            select(
                sessions.c.session_date,
                session_exercises.c.exercise_id,
                session_exercises.c.status,
                session_exercises.c.sets_done,
                session_exercises.c.skip_reason,
            )
            .join(sessions, sessions.c.id == session_exercises.c.session_id)
            .where(self._owned(sessions.c.profile_id, profile_id))
        )
        query = _between(query, sessions.c.session_date, start, end)
        query = query.order_by(sessions.c.session_date, session_exercises.c.id)
        return self._frame(query, EXERCISE_LOG_COLUMNS, dates=("session_date",))

    # -- next-morning check-ins -------------------------------------------------------------
    def save_checkin(self, profile_id: int, checkin: Checkin) -> None:
        self.save_checkins(profile_id, [checkin])

    def save_checkins(self, profile_id: int, items: list[Checkin]) -> None:
        """Save (or replace) next-morning check-ins, one per day, in one transaction."""
        rows = [
            (
                v.past_date("The check-in date", c.checkin_date),
                {
                    "morning_pain": v.pain("Morning pain", c.morning_pain, required=True),
                    "compared": v.choice("Compared", c.compared, v.COMPARED, required=False),
                },
            )
            for c in items
        ]
        with self.changing(profile_id) as conn:
            for day, values in rows:
                done = conn.execute(
                    update(checkins)
                    .where(checkins.c.profile_id == profile_id, checkins.c.checkin_date == day)
                    .values(**values)
                )
                if done.rowcount == 0:
                    conn.execute(
                        insert(checkins).values(profile_id=profile_id, checkin_date=day, **values)
                    )

    def checkins(
        self, profile_id: int, start: date | None = None, end: date | None = None
    ) -> pd.DataFrame:
        query = select(*[getattr(checkins.c, c) for c in CHECKIN_COLUMNS]).where(
            self._owned(checkins.c.profile_id, profile_id)
        )
        query = _between(query, checkins.c.checkin_date, start, end)
        return self._frame(
            query.order_by(checkins.c.checkin_date), CHECKIN_COLUMNS, dates=("checkin_date",)
        )

    # -- whole profiles (export) ----------------------------------------------------------

    def profile_rows(
        self, profile_id: int, tables: list[tuple[Table, tuple[str, ...]]]
    ) -> dict[str, list[dict[str, Any]]]:
        """Every row a profile owns, per table, as plain dicts in the given column order
        (one read transaction, so an export is a consistent snapshot)."""
        out: dict[str, list[dict[str, Any]]] = {}
        with self.read() as conn:
            for table, order in tables:
                columns = [table.c[name] for name in order]
                if table is profiles:
                    query = select(table).where(
                        table.c.id == profile_id, table.c.account == self.account
                    )
                elif table is session_exercises:
                    query = (
                        select(table)
                        .join(sessions, sessions.c.id == table.c.session_id)
                        .where(self._owned(sessions.c.profile_id, profile_id))
                        .order_by(sessions.c.session_date, *columns)
                    )
                else:
                    query = select(table).where(self._owned(table.c.profile_id, profile_id))
                    query = query.order_by(*columns)
                out[table.name] = [dict(row._mapping) for row in conn.execute(query)]
        return out

    # -- summaries --------------------------------------------------------------------------
    def counts(self, profile_id: int) -> dict[str, int]:
        """How many rows a profile has per table (home page status, export manifest)."""
        result = {}
        with self.read() as conn:
            for table in PROFILE_TABLES:
                if table is session_exercises:
                    query = (
                        select(func.count())
                        .select_from(session_exercises.join(sessions))
                        .where(self._owned(sessions.c.profile_id, profile_id))
                    )
                else:
                    query = (
                        select(func.count())
                        .select_from(table)
                        .where(self._owned(table.c.profile_id, profile_id))
                    )
                result[table.name] = conn.execute(query).scalar_one()
        return result


def bump_revision(conn: Connection, profile_id: int, account: str) -> None:
    """Raise a profile's revision by one inside the caller's transaction; refuse a profile
    that does not exist or belongs to another account."""
    changed = conn.execute(
        update(profiles)
        .where(profiles.c.id == profile_id, profiles.c.account == account)
        .values(revision=profiles.c.revision + 1)
    ).rowcount
    if not changed:
        raise ValidationError("This profile no longer exists (it may have just been deleted).")


def _profile(row: Any) -> Profile:
    return Profile(row.id, row.name, row.created_at, row.revision)


def delete_profile_rows(conn: Connection, profile_id: int) -> None:
    """Delete everything a profile owns (children first), inside the caller's transaction."""
    session_ids = select(sessions.c.id).where(sessions.c.profile_id == profile_id)
    conn.execute(delete(session_exercises).where(session_exercises.c.session_id.in_(session_ids)))
    for table in PROFILE_TABLES:
        if table is not session_exercises:
            conn.execute(delete(table).where(table.c.profile_id == profile_id))


def _between(query: Any, column: Any, start: date | None, end: date | None) -> Any:
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column <= end)
    return query


def _arch_record(row: Any) -> ArchTestRecord:
    return ArchTestRecord(
        foot=row.foot,
        arch_type=row.arch_type,
        source=row.source,
        confidence=row.confidence,
        test_date=row.test_date,
        arch_index=row.arch_index,
        chippaux_smirak=row.chippaux_smirak,
        staheli=row.staheli,
        quality=row.quality,
        self_reported_type=row.self_reported_type,
        answers=row.answers or {},
        image_sha256=row.image_sha256,
        thumbnail_png=row.thumbnail_png,
        id=row.id,
    )
