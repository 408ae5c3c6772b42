"""One SQLAlchemy engine per database URL, shared by every thread of the process.

Streamlit serves each browser session on its own thread. A pooled engine hands each unit of
work its own connection, so no SQLite connection is ever used by two threads (the trap in
STREAMLIT_NOTES.md). SQLite gets WAL (readers never block the writer), a busy timeout, foreign
keys, and ``BEGIN IMMEDIATE`` for write transactions so two writers queue instead of failing.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

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


def get_engine(url: str) -> Engine:
    """The process-wide engine for ``url``, created (and its schema upgraded) on first use."""
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            engine = _create(url)
            with engine.connect() as conn:
                conn = conn.execution_options(**{WRITE_OPTION: True})
                with conn.begin():
                    migrations.upgrade(conn)
            _ENGINES[url] = engine
        return engine


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
