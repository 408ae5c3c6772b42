"""The current database schema, as SQLAlchemy Core tables.

Queries are written against these tables. Migrations (``migrations.py``) are the history that
produces this schema from an empty or older database; a test checks that both agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
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
)

SCHEMA_VERSION = 4

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime, nullable=False),
)

profiles = Table(
    "profiles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account", String(200), nullable=False),  # version 3: "" in local mode
    Column("name", String(60), nullable=False),
    Column("name_key", String(240), nullable=False),  # version 3: the name, case-folded
    Column("created_at", DateTime, nullable=False),
    # version 4: raised by every change to the profile's data; caches key on it
    Column("revision", Integer, nullable=False, server_default="0"),
    UniqueConstraint("account", "name_key", name="uq_profile_name"),
)


def _profile_fk() -> Column:
    return Column(
        "profile_id",
        Integer,
        ForeignKey("profiles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


arch_tests = Table(
    "arch_tests",
    metadata,
    Column("id", Integer, primary_key=True),
    _profile_fk(),
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
    Column("thumbnail_png", LargeBinary),  # added in version 2
)

questionnaires = Table(
    "questionnaires",
    metadata,
    Column("id", Integer, primary_key=True),
    _profile_fk(),
    Column("taken_on", Date, nullable=False),
    Column("answers", JSON, nullable=False),
    Column("red_flag_level", String(9), nullable=False),
    Column("red_flag_reasons", JSON, nullable=False),
    Column("acknowledged", Boolean, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

routines = Table(
    "routines",
    metadata,
    Column("id", Integer, primary_key=True),
    _profile_fk(),
    Column("created_on", Date, nullable=False),
    Column("plan", JSON, nullable=False),
    Column("days_per_week", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    _profile_fk(),
    Column("session_date", Date, nullable=False),
    Column("routine_id", Integer, ForeignKey("routines.id", ondelete="SET NULL")),
    Column("pain_before", Integer),
    Column("pain_after", Integer),
    Column("difficulty", String(8)),
    Column("note", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    UniqueConstraint("profile_id", "session_date", name="uq_session_day"),
)

session_exercises = Table(
    "session_exercises",
    metadata,
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

checkins = Table(  # added in version 2
    "checkins",
    metadata,
    Column("id", Integer, primary_key=True),
    _profile_fk(),
    Column("checkin_date", Date, nullable=False),
    Column("morning_pain", Integer, nullable=False),
    Column("compared", String(6)),
    UniqueConstraint("profile_id", "checkin_date", name="uq_checkin_day"),
)

# Tables that belong to a profile, children before parents (the order deletes must follow).
PROFILE_TABLES = (checkins, session_exercises, sessions, routines, questionnaires, arch_tests)
