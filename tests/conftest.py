"""Shared fixtures: every test gets its own SQLite file and clean Streamlit caches."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from footcheck.store import Store, dispose_engine

ROOT = Path(__file__).resolve().parent.parent
os.environ["FOOTCHECK_DEBUG"] = "1"  # let page errors surface in AppTest instead of a message


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'footcheck.db'}"
    monkeypatch.setenv("FOOTCHECK_DB_URL", url)
    yield url
    dispose_engine(url)


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
