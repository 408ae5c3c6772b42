"""Progress: consistency, streaks, habit strength and pain, for a chosen stretch of time."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from footcheck import adherence, charts
from footcheck.exercises import load_catalogue
from ui.components import not_medical_advice
from ui.context import require_profile, store

RANGES = {
    "4 weeks": 28,
    "3 months": 91,
    "1 year": 365,
    "All time": None,
}

st.title("Progress")
profile = require_profile()
sessions = store().sessions(profile.id)
routines = store().routines(profile.id)

if sessions.empty:
    st.info(
        "**Nothing to show yet.** Once you log your first session on the Log page, your "
        "calendar, streaks and pain trend appear here. Three short sessions a week is a great "
        "start.",
        icon=":material/insights:",
    )
    st.page_link("pages/log.py", label="Log a session", icon=":material/edit_calendar:")
    tests = store().arch_tests(profile.id)
    if not tests.empty:
        st.subheader("Arch Index over time")
        st.altair_chart(charts.arch_history_chart(tests), width="stretch")
    not_medical_advice()
    st.stop()

today = date.today()
first_day = sessions["session_date"].min().date()
choice = st.segmented_control(
    "Show", list(RANGES), default="3 months", key="progress_range", selection_mode="single"
)
span = RANGES.get(choice or "3 months")
start = max(first_day, today - timedelta(days=span - 1)) if span else first_day
end = today
with st.expander("Choose exact dates"):
    picked = st.date_input(
        "From - to",
        value=(start, end),
        min_value=first_day,
        max_value=today,
        format="DD/MM/YYYY",
        key=f"progress_custom_{choice}",
    )
    if isinstance(picked, tuple) and len(picked) == 2:
        start, end = picked

periods = adherence.plan_periods(routines)
logs = store().exercise_logs(profile.id)
daily = adherence.daily_completion(sessions, logs, periods)
checkins = store().checkins(profile.id)

streak = adherence.streaks(daily, periods, today)
scores = adherence.habit_strength(daily, periods, first_day, today)
in_range = daily[(daily["date"].dt.date >= start) & (daily["date"].dt.date <= end)]

m1, m2, m3, m4 = st.columns(4)


def sessions_text(count: int) -> str:
    return f"{count} session{'' if count == 1 else 's'}"


m1.metric("Current streak", sessions_text(streak.current))
m2.metric("Best streak", sessions_text(streak.best))
m3.metric("Habit strength", f"{scores['score'].iloc[-1] * 100:.0f}%")
m4.metric("Sessions in this period", int(in_range["done"].sum()))
st.caption(
    f"A streak counts sessions in a row with no more than {streak.allowed_gap} days between "
    "them, so the rest days your plan allows never break it."
)

st.subheader("Calendar")
st.altair_chart(charts.calendar_heatmap(adherence.calendar(daily, start, end)))

st.subheader("Sessions per week against your plan")
weeks = adherence.weekly_adherence(daily, periods, start, end)
st.altair_chart(charts.weekly_bars(weeks), width="stretch")

st.subheader("Habit strength")
shown = scores[(scores["date"].dt.date >= start) & (scores["date"].dt.date <= end)]
st.altair_chart(charts.habit_strength_chart(shown), width="stretch")
st.caption(adherence.explain_strength(scores))

st.subheader("Pain and how well you kept the plan")
pain = adherence.pain_series(daily, checkins, start, end)
if pain.empty:
    st.info("Record pain on the Log page (before sessions, or in the morning check-in).")
else:
    st.altair_chart(charts.pain_and_adherence(pain, weeks), width="stretch")
pairs = adherence.pain_before_after(in_range)
left, right = st.columns(2)
with left:
    st.markdown("**Pain before and after sessions**")
    if pairs.empty:
        st.caption("Log pain before and after a session to see this.")
    else:
        st.altair_chart(charts.before_after_chart(pairs))
with right:
    st.markdown("**Each exercise**")
    names = {e.id: e.name for e in load_catalogue().exercises}
    period_logs = logs[
        (logs["session_date"].dt.date >= start) & (logs["session_date"].dt.date <= end)
    ]
    rates = adherence.exercise_rates(period_logs, names)
    if rates.empty:
        st.caption("No exercises logged in this period.")
    else:
        st.altair_chart(charts.exercise_rates_chart(rates), width="stretch")

tests = store().arch_tests(profile.id)
if not tests.empty:
    st.subheader("Arch Index over time")
    st.altair_chart(charts.arch_history_chart(tests), width="stretch")

not_medical_advice()
