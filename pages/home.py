"""Home: what FootCheck is, where to start, and where this person stands today."""

from datetime import date

import streamlit as st

from footcheck import adherence
from footcheck.selfreport import ARCH_WORDS
from ui.components import not_medical_advice
from ui.context import current_profile, store
from ui.safety import latest, show_triage

st.title("FootCheck")
st.markdown(
    "Back, hip or knee pain sometimes has company further down: the feet. FootCheck helps you "
    "look at yours: a wet-footprint arch test, a short symptom check that puts safety first, "
    "a foot routine fitted to you, and an easy log that shows whether you are keeping it up."
)
st.markdown(
    "**Why feet?** Your body works as a chain: how the foot meets the ground changes how the "
    "ankle, knee, hip and back share every step. Stronger, more mobile feet may help the rest "
    "of the chain -- the evidence is modest, so we keep it honest and you stay in charge."
)

profile = current_profile()
if profile is None:
    st.info("**Start here:** create a profile with your name in the sidebar.")
    not_medical_advice()
    st.stop()

st.subheader(f"Where you are, {profile.name}")
record, result = latest(profile.id)
show_triage(result)
arch = store().latest_arch(profile.id)
routine = store().active_routine(profile.id)
sessions = store().sessions(profile.id)

steps = [
    (
        "Arch test",
        "pages/arch_test.py",
        ", ".join(f"{foot}: {ARCH_WORDS[r.arch_type]}" for foot, r in sorted(arch.items()))
        if arch
        else "Do the wet-foot test (5 minutes).",
        bool(arch),
    ),
    (
        "Symptoms",
        "pages/symptoms.py",
        f"Answered {record.taken_on:%d %b}." if record else "A few questions, safety first.",
        record is not None,
    ),
    (
        "Routine",
        "pages/routine.py",
        f"{len(routine.plan.get('exercises', []))} exercises, {routine.days_per_week} days a week."
        if routine
        else "Get exercises fitted to you.",
        routine is not None,
    ),
    (
        "Log",
        "pages/log.py",
        f"Last session {sessions['session_date'].max():%d %b}."
        if not sessions.empty
        else "Tick off a session in seconds.",
        not sessions.empty,
    ),
]
for column, (label, target, detail, done) in zip(st.columns(len(steps)), steps, strict=True):
    with column, st.container(border=True):
        st.page_link(
            target,
            label=label,
            icon=":material/check_circle:" if done else ":material/radio_button_unchecked:",
        )
        st.caption(detail)

if not sessions.empty:
    periods = adherence.plan_periods(store().routines(profile.id))
    daily = adherence.daily_completion(sessions, store().exercise_logs(profile.id), periods)
    streak = adherence.streaks(daily, periods, date.today())
    if streak.current:
        st.success(f"You are on a streak of {streak.current} sessions. Keep it going!")

not_medical_advice()
