"""Home: what FootCheck is, where to start, and where this person stands today."""

import streamlit as st

from ui.components import not_medical_advice
from ui.context import current_profile, store

st.title("FootCheck")
st.markdown(
    "Back, hip or knee pain sometimes has company further down: the feet. FootCheck helps you "
    "look at yours: a wet-footprint arch test, a short symptom check that puts safety first, "
    "a foot routine fitted to you, and an easy log that shows whether you are keeping it up."
)
st.markdown(
    "**Why feet?** Your body works as a chain: how the foot meets the ground changes how the "
    "ankle, knee, hip and back share each step. Stronger, more mobile feet may help the rest of "
    "the chain -- the evidence is modest, so we keep it honest and you stay in charge."
)

profile = current_profile()
if profile is None:
    st.info("**Start here:** create a profile with your name in the sidebar.")
else:
    counts = store().counts(profile.id)
    st.subheader(f"Where you are, {profile.name}")
    steps = [
        ("Arch test", counts["arch_tests"] > 0, "pages/arch_test.py"),
        ("Symptoms", counts["questionnaires"] > 0, "pages/symptoms.py"),
        ("Routine", counts["routines"] > 0, "pages/routine.py"),
        ("Log a session", counts["sessions"] > 0, "pages/log.py"),
    ]
    for column, (label, done, target) in zip(st.columns(len(steps)), steps, strict=True):
        with column:
            st.page_link(
                target,
                label=f"{label} -- {'done' if done else 'to do'}",
                icon=":material/check_circle:" if done else ":material/radio_button_unchecked:",
            )

not_medical_advice()
