"""Progress: consistency, streaks, habit strength and pain, for a chosen stretch of time."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from footcheck import adherence, charts
from footcheck.exercises import load_catalogue
from footcheck.vocabulary import count_words
from ui.components import end_page, not_medical_advice
from ui.context import person_key, require_profile, store
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

tests = store().arch_tests(profile.id)
today = date.today()
sessions = store().sessions(profile.id)
routines = store().routines(profile.id)
logs = store().exercise_logs(profile.id)
checkins = store().checkins(profile.id)
everything = adherence.summarize(sessions, logs, checkins, routines, today)
if everything is None or sessions.empty:
    st.info(
        "**Nothing to show yet.** Once you log your first session on the Log page, your "
        "calendar, streaks and pain trend appear here. Three short sessions a week is a great "
        "start.",
        icon=":material/insights:",
    )
    st.page_link("pages/log.py", label="Log a session", icon=":material/edit_calendar:")
    if not tests.empty:
        st.subheader("Arch Index over time")
        st.altair_chart(charts.arch_history_chart(tests), width="stretch")
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

summary = adherence.summarize(sessions, logs, checkins, routines, end, start)
assert summary is not None  # there are sessions, so there is data
columns = st.columns(2)
columns[0].metric("Current streak", count_words(everything.streak.current, "session"))
columns[1].metric("Best streak", count_words(everything.streak.best, "session"))
columns = st.columns(2)
columns[0].metric("Habit strength", f"{(everything.strength or 0) * 100:.0f}%")
columns[1].metric("Sessions in this period", summary.sessions)
st.caption(
    f"A streak counts sessions in a row with no more than {everything.streak.allowed_gap} days "
    "between them, so the rest days your plan allows never break it."
)

st.subheader("Calendar")
st.altair_chart(
    charts.calendar_heatmap(adherence.calendar(summary.daily, start, end)), width="content"
)

st.subheader("Sessions per week against your plan")
st.altair_chart(charts.weekly_bars(summary.weeks), width="stretch")

st.subheader("Habit strength")
scores = everything.scores
shown = scores[(scores["date"].dt.date >= start) & (scores["date"].dt.date <= end)]
st.altair_chart(charts.habit_strength_chart(shown), width="stretch")
st.caption(everything.explanation)

st.subheader("Pain and how well you kept the plan")
if summary.pain.empty:
    st.info("Record pain on the Log page (before sessions, or in the morning check-in).")
else:
    st.altair_chart(charts.pain_and_adherence(summary.pain, summary.weeks), width="stretch")

st.markdown("**Pain before and after sessions**")
if summary.before_after.empty:
    st.caption("Log pain before and after a session to see this.")
else:
    st.altair_chart(charts.before_after_chart(summary.before_after), width="content")

st.markdown("**Each exercise**")
names = {e.id: e.name for e in load_catalogue().exercises}
in_period = (logs["session_date"].dt.date >= start) & (logs["session_date"].dt.date <= end)
rates = adherence.exercise_rates(logs[in_period], names)
if rates.empty:
    st.caption("No exercises logged in this period.")
else:
    st.altair_chart(charts.exercise_rates_chart(rates), width="stretch")

if not tests.empty:
    st.subheader("Arch Index over time")
    st.altair_chart(charts.arch_history_chart(tests), width="stretch")

not_medical_advice()
