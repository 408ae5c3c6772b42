"""Forward-only schema migrations.

Each migration is frozen history: it states the DDL of its own version, never the current
tables, so that a database made by any older release upgrades step by step without losing rows.
Plain ``CREATE TABLE`` / ``ALTER TABLE ... ADD COLUMN`` keep it portable to PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    select,
    text,
)

from .schema import schema_version


def _v1(conn: Connection) -> None:
    """Profiles, arch tests, questionnaires, routines and session logs."""
    md = MetaData()
    Table(
        "profiles",
        md,
        Column("id", Integer, primary_key=True),
        Column("name", String(60), nullable=False, unique=True),
        Column("created_at", DateTime, nullable=False),
    )

    def fk() -> Column:
        return Column(
            "profile_id",
            Integer,
            ForeignKey("profiles.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        )

    Table(
        "arch_tests",
        md,
        Column("id", Integer, primary_key=True),
        fk(),
        Column("test_date", Date, nullable=False),
        Column("foot", String(5), nullable=False),
        Column("arch_type", String(6), nullable=False),
        Column("arch_index", Float),
        Column("chippaux_smirak", Float),
        Column("staheli", Float),
        Column("source", String(16), nullable=False),
        Column("confidence", Float, nullable=False),
        Column("quality", Float),
        Column("self_reported_type", String(6)),
        Column("answers", JSON, nullable=False),
        Column("image_sha256", String(64)),
        Column("created_at", DateTime, nullable=False),
    )
    Table(
        "questionnaires",
        md,
        Column("id", Integer, primary_key=True),
        fk(),
        Column("taken_on", Date, nullable=False),
        Column("answers", JSON, nullable=False),
        Column("red_flag_level", String(9), nullable=False),
        Column("red_flag_reasons", JSON, nullable=False),
        Column("acknowledged", Boolean, nullable=False),
        Column("created_at", DateTime, nullable=False),
    )
    Table(
        "routines",
        md,
        Column("id", Integer, primary_key=True),
        fk(),
        Column("created_on", Date, nullable=False),
        Column("plan", JSON, nullable=False),
        Column("days_per_week", Integer, nullable=False),
        Column("active", Boolean, nullable=False),
        Column("created_at", DateTime, nullable=False),
    )
    Table(
        "sessions",
        md,
        Column("id", Integer, primary_key=True),
        fk(),
        Column("session_date", Date, nullable=False),
        Column("routine_id", Integer, ForeignKey("routines.id", ondelete="SET NULL")),
        Column("pain_before", Integer),
        Column("pain_after", Integer),
        Column("difficulty", String(8)),
        Column("note", Text, nullable=False),
        Column("updated_at", DateTime, nullable=False),
        UniqueConstraint("profile_id", "session_date", name="uq_session_day"),
    )
    Table(
        "session_exercises",
        md,
        Column("id", Integer, primary_key=True),
        Column(
            "session_id",
            Integer,
            ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        Column("exercise_id", String(40), nullable=False),
        Column("status", String(7), nullable=False),
        Column("sets_done", Integer),
        Column("skip_reason", String(12)),
        UniqueConstraint("session_id", "exercise_id", name="uq_session_exercise"),
    )
    md.create_all(conn)


def _v2(conn: Connection) -> None:
    """Next-morning check-ins (pain monitoring) and a thumbnail of each analysed print."""
    md = MetaData()
    Table("profiles", md, Column("id", Integer, primary_key=True))
    Table(
        "checkins",
        md,
        Column("id", Integer, primary_key=True),
        Column(
            "profile_id",
            Integer,
            ForeignKey("profiles.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        Column("checkin_date", Date, nullable=False),
        Column("morning_pain", Integer, nullable=False),
        Column("compared", String(6)),
        UniqueConstraint("profile_id", "checkin_date", name="uq_checkin_day"),
    )
    md.create_all(conn)
    _add_column(conn, "arch_tests", "thumbnail_png", LargeBinary())


def _v3(conn: Connection) -> None:
    """Profile names unique per account under Unicode case folding ("Łukasz" = "łukasz"),
    and an owning account for hosted mode (empty for the local, no-account mode).

    The old table's plain UNIQUE(name) cannot be dropped in place on SQLite, so the table is
    rebuilt (the engine turns foreign keys off around this migration, so dropping the old
    table deletes nothing). Names that collide once case-folded get a number appended."""
    from .validate import name_key

    md = MetaData()
    new = Table(
        "profiles_v3",
        md,
        Column("id", Integer, primary_key=True),
        Column("account", String(200), nullable=False),
        Column("name", String(60), nullable=False),
        Column("name_key", String(240), nullable=False),
        Column("created_at", DateTime, nullable=False),
        UniqueConstraint("account", "name_key", name="uq_profile_name"),
    )
    old = Table(
        "profiles",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("name", String(60)),
        Column("created_at", DateTime),
    )
    rows = conn.execute(select(old).order_by(old.c.id)).all()
    taken: set[str] = set()
    copied = []
    for row in rows:
        name, number = row.name, 1
        while name_key(name) in taken:
            number += 1
            name = f"{row.name[:55]} ({number})"
        taken.add(name_key(name))
        copied.append(
            {"id": row.id, "account": "", "name": name, "name_key": name_key(name),
             "created_at": row.created_at}
        )  # fmt: skip
    if conn.dialect.name == "sqlite":
        md.create_all(conn)
        if copied:
            conn.execute(new.insert(), copied)
        conn.execute(text("DROP TABLE profiles"))
        conn.execute(text("ALTER TABLE profiles_v3 RENAME TO profiles"))
    else:  # keep the old table (other tables' foreign keys point at it): change it in place
        conn.execute(text("ALTER TABLE profiles ADD COLUMN account VARCHAR(200) DEFAULT ''"))
        conn.execute(text("ALTER TABLE profiles ADD COLUMN name_key VARCHAR(240)"))
        conn.execute(text("ALTER TABLE profiles DROP CONSTRAINT IF EXISTS profiles_name_key"))
        for row in copied:
            conn.execute(
                text("UPDATE profiles SET account = '', name = :n, name_key = :k WHERE id = :i"),
                {"n": row["name"], "k": row["name_key"], "i": row["id"]},
            )
        conn.execute(text("ALTER TABLE profiles ALTER COLUMN account SET NOT NULL"))
        conn.execute(text("ALTER TABLE profiles ALTER COLUMN name_key SET NOT NULL"))
        conn.execute(
            text("ALTER TABLE profiles ADD CONSTRAINT uq_profile_name UNIQUE (account, name_key)")
        )


def _v4(conn: Connection) -> None:
    """A revision number per profile, raised by every change to its data, so that caches
    (on any number of servers) can tell that what they hold is out of date."""
    conn.execute(text("ALTER TABLE profiles ADD COLUMN revision INTEGER NOT NULL DEFAULT 0"))


def _add_column(conn: Connection, table: str, column: str, type_: Any) -> None:
    """``ALTER TABLE ... ADD COLUMN`` with the type spelled the way this dialect spells it."""
    spelled = type_.compile(dialect=conn.dialect)
    conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {spelled}"))


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1, 2: _v2, 3: _v3, 4: _v4}


class NewerDatabase(RuntimeError):
    """The database was written by a newer FootCheck; it is left exactly as it is."""


def current_version(conn: Connection) -> int:
    """The schema version of a database; 0 for an empty one."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    found = conn.execute(select(schema_version.c.version).order_by(schema_version.c.version))
    versions = [row[0] for row in found]
    return versions[-1] if versions else 0


def newer_message(version: int) -> str:
    return (
        f"This database was written by a newer FootCheck (schema {version}); this version "
        f"understands up to {max(MIGRATIONS)}. Please update FootCheck; the data was not touched."
    )


def upgrade(conn: Connection, target: int | None = None) -> int:
    """Apply every migration above the database's version up to ``target`` (default: newest).

    Runs inside the caller's transaction, so a failed step leaves the database as it was.
    """
    target = max(MIGRATIONS) if target is None else target
    if not inspect(conn).has_table("schema_version"):
        schema_version.create(conn)
    version = current_version(conn)
    if version > max(MIGRATIONS):
        raise NewerDatabase(newer_message(version))
    for step in range(version + 1, target + 1):
        MIGRATIONS[step](conn)
        conn.execute(schema_version.insert().values(version=step, applied_at=datetime.now()))
    return max(version, target)
