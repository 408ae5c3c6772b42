"""Progress: consistency, streaks, habit strength and pain, for a chosen stretch of time."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from footcheck.vocabulary import count_words
from ui import cached
from ui.components import end_page, not_medical_advice
from ui.context import person_key, require_profile
from ui.safety import latest, show_triage

PERIODS = {
    "4 weeks": 28,
    "3 months": 91,
    "1 year": 365,
    "All time": None,
}

st.title("Progress")
profile = require_profile()
_, flags = latest(profile.id)
if flags.level == "emergency":
    show_triage(flags)
    st.markdown(
        "Your progress will be here when you come back. For now, please get help first; once a "
        "doctor has seen you, answer the symptom questions again."
    )
    end_page()

today = date.today()
everything = cached.overall_summary(profile)
if everything is None or everything.daily.empty:
    st.info(
        "**Nothing to show yet.** Once you log your first session on the Log page, your "
        "calendar, streaks and pain trend appear here. Three short sessions a week is a great "
        "start.",
        icon=":material/insights:",
    )
    st.page_link("app_pages/log.py", label="Log a session", icon=":material/edit_calendar:")
    arch = cached.arch_chart(profile)
    if arch is not None:
        st.subheader("Arch Index over time")
        st.vega_lite_chart(arch, width="stretch")
    end_page()

first_day = everything.start
choice = st.segmented_control(
    "Show", list(PERIODS), default="3 months", key=person_key("progress_range")
)
span = PERIODS.get(choice or "3 months")
start = max(first_day, today - timedelta(days=span - 1)) if span else first_day
end = today
with st.expander("Choose exact dates"):
    picked = st.date_input(
        "From - to",
        value=(start, end),
        min_value=first_day,
        max_value=today,
        format="DD/MM/YYYY",
        key=person_key(f"progress_custom_{choice}"),
    )
    if isinstance(picked, tuple) and len(picked) == 2:
        start, end = picked

view = cached.progress_view(profile, start, end)
assert view is not None  # there are sessions, so there is data
streak = view.overall.streak
columns = st.columns(2)
columns[0].metric("Current streak", count_words(streak.current, "session"))
columns[1].metric("Best streak", count_words(streak.best, "session"))
columns = st.columns(2)
columns[0].metric("Habit strength", f"{(view.overall.strength or 0) * 100:.0f}%")
columns[1].metric("Sessions in this period", view.period.sessions)
st.caption(
    f"A streak counts sessions in a row with no more than {streak.allowed_gap} days "
    "between them, so the rest days your plan allows never break it."
)

st.subheader("Calendar")
st.vega_lite_chart(view.charts["calendar"], width="content")

st.subheader("Sessions per week against your plan")
st.vega_lite_chart(view.charts["weeks"], width="stretch")

st.subheader("Habit strength")
st.vega_lite_chart(view.charts["strength"], width="stretch")
st.caption(view.explanation)

st.subheader("Pain and how well you kept the plan")
if "pain" in view.charts:
    st.vega_lite_chart(view.charts["pain"], width="stretch")
else:
    st.info("Record pain on the Log page (before sessions, or in the morning check-in).")

st.markdown("**Pain before and after sessions**")
if "before_after" in view.charts:
    st.vega_lite_chart(view.charts["before_after"], width="content")
else:
    st.caption("Log pain before and after a session to see this.")

st.markdown("**Each exercise**")
if "exercises" in view.charts:
    st.vega_lite_chart(view.charts["exercises"], width="stretch")
else:
    st.caption("No exercises logged in this period.")

if "arch" in view.charts:
    st.subheader("Arch Index over time")
    st.vega_lite_chart(view.charts["arch"], width="stretch")

not_medical_advice()
