"""Shared fixtures: every test gets its own database and clean Streamlit caches.

The database is a fresh SQLite file by default. With ``FOOTCHECK_TEST_DB_URL`` set to a
PostgreSQL server (``postgresql+psycopg://user@host:port/postgres``), every test gets its own
fresh database on that server instead, so the same tests run against PostgreSQL
(``scripts/with-postgres.sh`` starts a throw-away server for ``make test``)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from footcheck.store import Store, dispose_engine

ROOT = Path(__file__).resolve().parent.parent
os.environ["FOOTCHECK_DEBUG"] = "1"  # let page errors surface in AppTest instead of a message
TEST_DB_URL = os.environ.get("FOOTCHECK_TEST_DB_URL", "").strip()

sqlite_only = pytest.mark.skipif(
    bool(TEST_DB_URL), reason="about SQLite files themselves (the run uses PostgreSQL)"
)


def _server_admin(sql: str) -> None:
    admin = create_engine(TEST_DB_URL, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(sql))
    finally:
        admin.dispose()


def create_database(folder: Path) -> str:
    """A new, empty database: a SQLite file in ``folder``, or a database on the test server."""
    name = f"fc_{uuid.uuid4().hex[:16]}"
    if not TEST_DB_URL:
        return f"sqlite:///{folder / (name + '.db')}"
    _server_admin(f'CREATE DATABASE "{name}"')
    return make_url(TEST_DB_URL).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    dispose_engine(url)
    if TEST_DB_URL:
        _server_admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


@pytest.fixture
def new_db_url(tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Make as many fresh databases as a test needs; they are removed afterwards."""
    made: list[str] = []

    def make() -> str:
        made.append(create_database(tmp_path))
        return made[-1]

    yield make
    for url in made:
        drop_database(url)


@pytest.fixture
def db_url(new_db_url: Callable[[], str], monkeypatch: pytest.MonkeyPatch) -> str:
    url = new_db_url()
    monkeypatch.setenv("FOOTCHECK_DB_URL", url)
    return url


@pytest.fixture
def store(db_url: str) -> Store:
    return Store(db_url)


@pytest.fixture
def profile_id(store: Store) -> int:
    return store.create_profile("Ada").id


@pytest.fixture(autouse=True)
def _clear_streamlit_caches() -> Iterator[None]:
    yield
    try:
        import streamlit as st
    except ImportError:  # pragma: no cover
        return
    st.cache_data.clear()
    st.cache_resource.clear()


def database_rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every FootCheck table, in a fixed order: to show that a refused action
    changed nothing, on any database."""
    from sqlalchemy import select

    from footcheck.store.schema import metadata

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return {
                table.name: sorted(
                    (tuple(map(repr, row)) for row in conn.execute(select(table))),
                )
                for table in metadata.sorted_tables
            }
    finally:
        engine.dispose()
