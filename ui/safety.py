"""The red-flag gate as every page shows it: emergency blocks exercises, urgent is repeated."""

from __future__ import annotations

import streamlit as st

from footcheck.questionnaire import Triage, triage
from footcheck.store import QuestionnaireRecord

from .components import end_page
from .context import person_key, store


def latest(profile_id: int) -> tuple[QuestionnaireRecord | None, Triage]:
    record = store().latest_questionnaire(profile_id)
    if record is None:
        return None, Triage("none", ())
    return record, triage(record.answers)


def show_triage(result: Triage) -> None:
    if result.level == "emergency":
        st.error(f"**Seek emergency care now.** {result.message()}", icon=":material/emergency:")
    elif result.level == "urgent":
        st.warning(
            f"**See a doctor within days.** {result.message()}", icon=":material/stethoscope:"
        )


def exercise_gate(profile_id: int) -> QuestionnaireRecord | None:
    """Stop the page when warning signs stand; return the questionnaire when exercise is OK.

    Emergency: a plain message and no exercises anywhere. Urgent: the advice stays on screen,
    and exercises appear only once the person has acknowledged it."""
    record, result = latest(profile_id)
    if record is None:
        st.info(
            "Before suggesting exercises we ask a few questions about your symptoms, starting "
            "with safety. It takes about three minutes."
        )
        st.page_link("app_pages/symptoms.py", label="Answer the symptom questions",
                     icon=":material/checklist:")  # fmt: skip
        end_page()
    show_triage(result)
    if result.level == "emergency":
        st.markdown(
            "FootCheck does not suggest exercises while an emergency warning sign stands. Once "
            "a doctor has seen you and it has been dealt with, answer the symptom questions "
            "again."
        )
        end_page()
    if result.level == "urgent" and not record.acknowledged:
        with st.form(person_key("acknowledge_urgent"), border=True):
            agreed = st.checkbox(
                "I understand. I will see a doctor in the next few days, and until then I will "
                "only do gentle exercises and stop if anything feels worse."
            )
            if st.form_submit_button("Show gentle exercises"):
                if agreed:
                    store().acknowledge_questionnaire(profile_id, record.id)
                    st.rerun()
                st.error("Please tick the box first, to show you have read the advice above.")
        end_page()
    return record
