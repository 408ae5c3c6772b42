"""A person's computed numbers and charts, cached per profile revision.

Every change to a profile's data raises its revision in the database (``Store.changing``), and
every page run reads the profile afresh, so a cache keyed by the revision can never show
numbers from before a write, whichever server or session made it. Entries are small (a
summary and a few chart specs), and few are kept."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from footcheck import progress
from footcheck.adherence import Summary
from footcheck.store import Profile

from .context import store


@st.cache_data(max_entries=64, show_spinner=False)
def _progress_view(
    url: str, account: str, profile_id: int, revision: int, start: date, end: date, today: date
) -> progress.ProgressView | None:
    del url, account, revision  # part of the key only
    return progress.progress_view(store(), profile_id, start, end, today)


@st.cache_data(max_entries=64, show_spinner=False)
def _overall(url: str, account: str, profile_id: int, revision: int, today: date) -> Summary | None:
    del url, account, revision
    return progress.overall_summary(store(), profile_id, today)


@st.cache_data(max_entries=64, show_spinner=False)
def _arch_chart(url: str, account: str, profile_id: int, revision: int) -> dict[str, Any] | None:
    del url, account, revision
    return progress.arch_chart(store(), profile_id)


def _key(profile: Profile) -> tuple[str, str, int, int]:
    return (store().url, store().account, profile.id, profile.revision)


def progress_view(profile: Profile, start: date, end: date) -> progress.ProgressView | None:
    return _progress_view(*_key(profile), start, end, date.today())


def overall_summary(profile: Profile) -> Summary | None:
    return _overall(*_key(profile), date.today())


def arch_chart(profile: Profile) -> dict[str, Any] | None:
    return _arch_chart(*_key(profile))
