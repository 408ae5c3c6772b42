"""Home: what FootCheck is, where to start, and where this person stands today."""

import pandas as pd
import streamlit as st

from footcheck.vocabulary import ARCH_WORDS, count_words
from ui import cached
from ui.components import end_page, literal, not_medical_advice
from ui.context import current_profile, store
from ui.dates import short_date
from ui.safety import latest, show_triage

st.title("FootCheck")
st.markdown(
    "Back, hip or knee pain sometimes has company further down: the feet. FootCheck helps you "
    "look at yours: a wet-footprint arch test, a short symptom check that puts safety first, "
    "a foot routine fitted to you, and an easy log that shows whether you are keeping it up."
)

profile = current_profile()
if profile is None:
    st.markdown(
        "**Why feet?** Your body works as a chain: how the foot meets the ground changes how "
        "the ankle, knee, hip and back share every step. Stronger, more mobile feet may help the "
        "rest of the chain -- the evidence is modest, so we keep it honest and you stay in "
        "charge."
    )
    st.page_link("app_pages/arch_test.py", label="Start with the arch test (5 minutes)",
                 icon=":material/footprint:")  # fmt: skip
    st.caption("You can try it straight away; we ask for a name only when there is something "
               "to save.")  # fmt: skip
    end_page()

st.subheader(f"Where you are, {literal(profile.name)}")
record, result = latest(profile.id)
show_triage(result)
if result.level == "emergency":
    # Red flags win: nothing here talks about exercise while an emergency sign stands.
    st.markdown(
        "Please get help first. Once a doctor has seen you and it has been dealt with, answer "
        "the symptom questions again."
    )
    st.page_link("app_pages/symptoms.py", label="Symptom questions", icon=":material/checklist:")
    end_page()

arch = store().latest_arch(profile.id)
routine = store().active_routine(profile.id)
sessions = store().sessions(profile.id)
last_session = pd.Timestamp(sessions["session_date"].max()).date() if len(sessions) else None
steps = [
    (
        "Arch test",
        "app_pages/arch_test.py",
        ", ".join(f"{foot}: {ARCH_WORDS[r.arch_type]}" for foot, r in sorted(arch.items()))
        if arch
        else "Do the wet-foot test (5 minutes).",
        bool(arch),
    ),
    (
        "Symptoms",
        "app_pages/symptoms.py",
        f"Answered {short_date(record.taken_on)}." if record else "A few questions, safety first.",
        record is not None,
    ),
    (
        "Routine",
        "app_pages/routine.py",
        f"{count_words(len(routine.plan.items), 'exercise')}, {routine.days_per_week} days a week."
        if routine
        else "Get exercises fitted to you.",
        routine is not None,
    ),
    (
        "Log",
        "app_pages/log.py",
        f"Last session {short_date(last_session)}." if last_session else "Tick off a session.",
        last_session is not None,
    ),
]
columns = st.columns(2)
for index, (label, target, detail, done) in enumerate(steps):
    with columns[index % 2], st.container(border=True):
        st.page_link(
            target,
            label=label,
            icon=":material/check_circle:" if done else ":material/radio_button_unchecked:",
        )
        st.caption(detail)

summary = cached.overall_summary(profile)
if summary is not None and summary.streak.current:
    st.success(
        f"You are on a streak of {count_words(summary.streak.current, 'session')}. Keep it going!"
    )

not_medical_advice()
