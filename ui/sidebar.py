"""The sidebar on every page: pick or create a profile, and the not-medical-advice line."""

from __future__ import annotations

import streamlit as st

from footcheck import DISCLAIMER
from footcheck.store import ValidationError

from .context import PROFILE_KEY, select_profile, store

PICKER_KEY = "profile_picker"


def _on_pick() -> None:
    select_profile(st.session_state[PICKER_KEY])


def render_sidebar() -> None:
    profiles = store().list_profiles()
    names = {p.id: p.name for p in profiles}
    if len(profiles) == 1 and st.session_state.get(PROFILE_KEY) not in names:
        select_profile(profiles[0].id)  # exactly one profile: no need to ask
    current = st.session_state.get(PROFILE_KEY)
    if current not in names:
        current = None
        select_profile(None)
    # Keep the picker in step with selections made elsewhere (e.g. a new profile just created).
    st.session_state[PICKER_KEY] = current

    with st.sidebar:
        st.markdown("### Profile")
        if profiles:
            st.selectbox(
                "Whose feet?",
                options=list(names),
                format_func=names.__getitem__,
                key=PICKER_KEY,
                on_change=_on_pick,
                placeholder="Choose a profile",
            )
        with st.expander("Add a profile", expanded=not profiles):
            with st.form("new_profile", clear_on_submit=True, border=False):
                name = st.text_input("Name", max_chars=60, placeholder="e.g. Sam")
                created = st.form_submit_button("Create profile")
            if created:
                try:
                    profile = store().create_profile(name)
                except ValidationError as exc:
                    st.error(str(exc))
                else:
                    select_profile(profile.id)
                    st.rerun()
        st.divider()
        st.caption(DISCLAIMER)
