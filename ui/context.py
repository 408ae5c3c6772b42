"""Where a page gets its store and the selected profile."""

from __future__ import annotations

import streamlit as st

from footcheck.store import Profile, Store, default_db_url
from ui.components import end_page

PROFILE_KEY = "footcheck_profile_id"


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    # One Store (and one pooled engine) per database URL, shared by all sessions: the engine
    # gives each unit of work its own connection, so no SQLite object crosses threads.
    return Store(url)


def store() -> Store:
    """The database as the signed-in account sees it ("" in the local, no-account mode)."""
    from .account import account

    return _store_for(default_db_url()).for_account(account())


def current_profile() -> Profile | None:
    profile_id = st.session_state.get(PROFILE_KEY)
    if profile_id is None:
        return None
    profile = store().get_profile(profile_id)
    if profile is None:  # deleted in another session
        st.session_state.pop(PROFILE_KEY, None)
    return profile


def select_profile(profile_id: int | None) -> None:
    st.session_state[PROFILE_KEY] = profile_id


def person_key(name: str) -> str:
    """A widget key that belongs to the selected profile.

    Streamlit keeps a widget's value per key for the whole browser session. A widget that holds
    a person's data keyed by this never shows one person's answers to another: switching
    profile gives a fresh widget (filled from that person's own records), and Streamlit drops
    the widgets of the profile no longer shown."""
    return f"p{st.session_state.get(PROFILE_KEY)}:{name}"


def require_profile() -> Profile:
    """The selected profile, or a friendly pointer to the profile bar and the end of the page."""
    profile = current_profile()
    if profile is None:
        st.info(
            "**Who is this for?** Add a profile (just a name) with **Add a profile** at the top "
            "of the page, or pick one, and everything you do here is saved under it."
        )
        end_page()
    return profile
