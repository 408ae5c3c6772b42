"""One SQLAlchemy engine per database URL, shared by every thread of the process.

Streamlit serves each browser session on its own thread. A pooled engine hands each unit of
work its own connection, so no SQLite connection is ever used by two threads (the trap in
docs/streamlit.md). SQLite gets WAL (readers never block the writer), a busy timeout, foreign
keys, and ``BEGIN IMMEDIATE`` for write transactions so two writers queue instead of failing.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from . import migrations

_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()
WRITE_OPTION = "footcheck_write"


def default_db_url() -> str:
    """``FOOTCHECK_DB_URL`` if set, else a SQLite file in the user's data folder.

    The data folder (not the repository) keeps health data out of git and safe from a
    ``git clean``; ``XDG_DATA_HOME`` moves it like any other Linux application's data.
    """
    url = os.environ.get("FOOTCHECK_DB_URL", "").strip()
    if url:
        return url
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'footcheck' / 'footcheck.db'}"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=15000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


MIGRATION_LOCK = 7_301_2207  # PostgreSQL advisory lock key: one server migrates at a time


def get_engine(url: str) -> Engine:
    """The process-wide engine for ``url``, created (and its schema upgraded) on first use.

    A database written by a newer FootCheck is refused before anything touches it (not even
    SQLite's journal mode), so it stays byte for byte as it was."""
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            refuse_newer(url)
            engine = _create(url)
            try:
                _migrate(engine)
            except Exception:
                engine.dispose()
                raise
            _ENGINES[url] = engine
        return engine


def refuse_newer(url: str) -> None:
    """Raise ``NewerDatabase`` if the database holds a schema newer than this code knows,
    reading it without changing it (SQLite is opened read-only)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if not database or database == ":memory:" or database.startswith("file:"):
            return
        path = Path(database).expanduser()
        if not path.exists() or path.stat().st_size == 0:
            return
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            found = conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'"
            ).fetchone()
            version = (
                conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
                if (found)
                else 0
            )
        finally:
            conn.close()
    else:
        probe = create_engine(url, poolclass=NullPool)
        try:
            with probe.connect() as conn:
                version = migrations.current_version(conn)
        finally:
            probe.dispose()
    if (version or 0) > max(migrations.MIGRATIONS):
        raise migrations.NewerDatabase(migrations.newer_message(version))


def _migrate(engine: Engine) -> None:
    """Bring the schema up to date, safely when several servers start at once.

    PostgreSQL: a transaction-scoped advisory lock makes the other servers wait, then find
    the work done. SQLite: BEGIN IMMEDIATE does the same; foreign keys are off during the
    migration so that rebuilding a table never cascades into its children."""
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:  # outside any transaction, where SQLite honours it
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        conn = conn.execution_options(**{WRITE_OPTION: True})
        try:
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
                    )
                migrations.upgrade(conn)
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def _create(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
    _configure_sqlite(engine)
    return engine


def dispose_engine(url: str) -> None:
    """Close and forget the engine for ``url`` (tests, imports that replace the file)."""
    with _LOCK:
        engine = _ENGINES.pop(url, None)
    if engine is not None:
        engine.dispose()
