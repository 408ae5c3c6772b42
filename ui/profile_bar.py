"""The profile bar above every page: whose feet, and adding a profile.

At the top of the page rather than in a sidebar: on a phone a sidebar stays open over the
page after a tap, and a household switches person often."""

from __future__ import annotations

import streamlit as st

from footcheck.store import ValidationError

from .account import sign_in_required, sign_out_button
from .context import PROFILE_KEY, select_profile, store

PICKER_KEY = "profile_picker"
NEW_NAME_KEY = "new_profile_name_bar"


def _on_pick() -> None:
    select_profile(st.session_state[PICKER_KEY])


def render_profile_bar() -> None:
    profiles = store().list_profiles()
    names = {p.id: p.name for p in profiles}
    if len(profiles) == 1 and st.session_state.get(PROFILE_KEY) not in names:
        select_profile(profiles[0].id)  # exactly one profile: no need to ask
    current = st.session_state.get(PROFILE_KEY)
    if current not in names:
        current = None
        select_profile(None)
    # Keep the picker in step with selections made elsewhere (e.g. a profile just created).
    st.session_state[PICKER_KEY] = current

    hosted = sign_in_required()
    columns = st.columns([3, 1, 1] if hosted else [3, 1], vertical_alignment="bottom")
    picker, adder = columns[0], columns[1]
    if hosted:
        with columns[2]:
            sign_out_button()
    if profiles:
        picker.selectbox(
            "Whose feet?",
            options=list(names),
            format_func=names.__getitem__,
            key=PICKER_KEY,
            on_change=_on_pick,
            placeholder="Choose a profile",
        )
    else:
        picker.markdown("**No profile yet.** Add one to keep your results.")
    # Keyed by the number of profiles: once one is made, the next run draws a new, closed
    # popover (an open one would keep an empty form over the page).
    with adder.popover("Add a profile", icon=":material/person_add:", width="stretch",
                       key=f"add_profile_{len(profiles)}"):  # fmt: skip
        with st.form("new_profile", clear_on_submit=True, border=False):
            name = st.text_input("Name", max_chars=60, placeholder="e.g. Sam", key=NEW_NAME_KEY)
            created = st.form_submit_button("Create profile")
        if created:
            try:
                profile = store().create_profile(name)
            except ValidationError as exc:
                st.error(str(exc))
            else:
                select_profile(profile.id)
                st.rerun()
