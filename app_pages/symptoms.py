"""Symptoms: safety questions first, then pain, life and feet, and what the routine must fit."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from footcheck.questionnaire import (
    DEFAULTS,
    EMERGENCY_FLAGS,
    SYMPTOM_QUESTIONS,
    URGENT_FLAGS,
    Question,
    RedFlag,
    summarize_changes,
    triage,
    validate,
)
from footcheck.store import QuestionnaireRecord, ValidationError
from footcheck.vocabulary import REGION_LABELS, SIDE_LABELS, SIDED_REGIONS
from ui.components import flash, not_medical_advice
from ui.context import person_key, require_profile, store
from ui.inputs import pain_input
from ui.safety import show_triage

YES_NO = {False: "No", True: "Yes"}
NONE_OR_SOME = {"none": "None of these", "some": "Yes, one or more"}
BY_ID = {q.id: q for q in SYMPTOM_QUESTIONS}

st.title("Symptoms")
st.markdown(
    "A few questions about what hurts and about your day. **Safety comes first:** some "
    "symptoms mean you should see a doctor rather than exercise, so please read those "
    "carefully. Your answers stay in your FootCheck."
)
profile = require_profile()
history = store().questionnaires(profile.id)
last = history[0] if history else None
previous_answers: dict[str, Any] = last.answers if last else {}
tried = st.session_state.get(person_key("symptoms_tried"), False)
errors: dict[str, str] = {}

if last:
    st.caption(
        f"Last answered on {last.taken_on:%d %B %Y}. Your previous answers are filled in "
        "below (except the safety questions, which we ask every time)."
    )


def problem(field: str) -> None:
    """The reason an answer cannot be saved, right under it (after a first try to save)."""
    if tried and field in errors:
        st.error(errors[field], icon=":material/error:")


def safety_group(title: str, flags: tuple[RedFlag, ...], name: str) -> dict[str, bool | None]:
    """Every question of a group is listed; "none of these" answers them all with one tap,
    "yes" asks each one in turn."""
    st.markdown(f"**{title}**")
    for flag in flags:
        st.markdown(f"- {flag.question}")
    overall = st.segmented_control(
        "Your answer",
        list(NONE_OR_SOME),
        default=None,
        format_func=NONE_OR_SOME.get,
        key=person_key(f"q_group_{name}"),
    )
    if overall == "none":
        return {flag.id: False for flag in flags}
    if overall is None:
        if tried:
            st.error("Please answer: safety questions cannot be skipped.", icon=":material/error:")
        return {flag.id: None for flag in flags}
    st.markdown("Which ones? Please answer each.")
    found = {}
    for flag in flags:
        found[flag.id] = st.segmented_control(
            flag.question, list(YES_NO), default=None, format_func=YES_NO.get,
            key=person_key(f"q_{flag.id}"),
        )  # fmt: skip
    return found


def ask(q: Question) -> Any:
    """One question as a widget, prefilled from this person's last answers."""
    key = person_key(f"q_{q.id}")
    old = previous_answers.get(q.id)
    labels = dict(q.options)
    if q.kind == "yes_no":
        return st.segmented_control(
            q.text, list(YES_NO), default=old if isinstance(old, bool) else None,
            format_func=YES_NO.get, key=key,
        )  # fmt: skip
    if q.kind == "choice":
        return st.pills(q.text, list(labels), default=old if old in labels else None,
                        format_func=labels.get, key=key)  # fmt: skip
    if q.kind == "multi":
        default = (
            [v for v in old if v in labels] if isinstance(old, list) else (DEFAULTS.get(q.id, []))
        )
        return st.pills(q.text, list(labels), selection_mode="multi", default=default,
                        format_func=labels.get, key=key, help=q.help or None)  # fmt: skip
    value = old if isinstance(old, int) and q.low <= old <= q.high else DEFAULTS.get(q.id)
    return st.number_input(q.text, q.low, q.high, value=value, step=1, key=key)


answers: dict[str, Any] = {}
with st.container(border=True):
    st.subheader("1. Safety first")
    st.markdown("Some symptoms need a doctor, not exercises. Do any of these apply right now?")
    answers.update(safety_group("Signs that need emergency care", EMERGENCY_FLAGS, "emergency"))
    live = triage(answers)
    if live.level == "emergency":
        show_triage(live)
    answers.update(safety_group("Signs a doctor should check soon", URGENT_FLAGS, "urgent"))

with st.container(border=True):
    st.subheader("2. Where does it hurt?")
    old_pain = previous_answers.get("pain")
    old_pain = old_pain if isinstance(old_pain, dict) else {}
    regions = st.pills(
        "Choose every area that hurts (none if nothing hurts right now)",
        list(REGION_LABELS),
        selection_mode="multi",
        default=[r for r in old_pain if r in REGION_LABELS],
        format_func=REGION_LABELS.get,
        key=person_key("q_regions"),
    )
    pain: dict[str, dict[str, Any]] = {}
    for region in regions:
        old = old_pain.get(region) if isinstance(old_pain.get(region), dict) else {}
        st.markdown(f"**{REGION_LABELS[region]}**")
        entry: dict[str, Any] = {
            "now": pain_input("Pain now", person_key(f"q_pain_{region}_now"), old.get("now")),
            "worst": pain_input(
                "Worst in the last 24 hours",
                person_key(f"q_pain_{region}_worst"),
                old.get("worst"),
            ),
        }
        if region in SIDED_REGIONS:
            entry["side"] = st.segmented_control(
                "Which side?", list(SIDE_LABELS),
                default=old.get("side") if old.get("side") in SIDE_LABELS else None,
                format_func=SIDE_LABELS.get, key=person_key(f"q_pain_{region}_side"),
            )  # fmt: skip
        pain[region] = entry
        answers["pain"] = pain
        errors.update(validate({"pain": pain}))
        for part in ("now", "worst", "side"):
            problem(f"pain.{region}.{part}")
    answers["pain"] = pain
    for qid in ("duration", "age_group", "worse", "helps"):
        answers[qid] = ask(BY_ID[qid])
        errors.update(validate(answers))
        problem(qid)

with st.container(border=True):
    st.subheader("3. Your day and your feet")
    for qid in ("sitting_hours", "standing_job", "sport", "footwear", "barefoot"):
        answers[qid] = ask(BY_ID[qid])
        errors.update(validate(answers))
        problem(qid)

with st.container(border=True):
    st.subheader("4. What your routine must fit")
    st.caption("Most homes have a chair and a wall to hold on to; untick what you don't have.")
    for qid in ("equipment", "floor_ok", "balance", "minutes_per_day", "days_per_week"):
        answers[qid] = ask(BY_ID[qid])
        errors.update(validate(answers))
        problem(qid)

errors = validate(answers)
if tried and errors:
    st.error(
        f"Please check the {len(errors)} answer{'s' if len(errors) != 1 else ''} marked above.",
        icon=":material/error:",
    )
if st.button("Save my answers", type="primary", key=person_key("save_symptoms"), width="stretch"):
    if errors:
        st.session_state[person_key("symptoms_tried")] = True
        st.rerun()
    result = triage(answers)
    try:
        store().add_questionnaire(
            profile.id,
            QuestionnaireRecord(date.today(), answers, result.level, list(result.reasons)),
        )
    except ValidationError as exc:
        st.error(str(exc))
    else:
        st.session_state.pop(person_key("symptoms_tried"), None)
        message = "Saved. Thank you."
        if last:
            changes = summarize_changes(last.answers, answers)
            if changes:
                message += " What changed since last time: " + "; ".join(changes) + "."
        flash(message)
        st.rerun()

record = store().latest_questionnaire(profile.id)
if record is not None and not tried:
    show_triage(triage(record.answers))
    if triage(record.answers).level == "none":
        st.page_link("app_pages/routine.py", label="See your suggested routine",
                     icon=":material/fitness_center:")  # fmt: skip

not_medical_advice()
