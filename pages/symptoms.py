"""Symptoms: safety questions first, then pain, life and feet, and what the routine must fit."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from footcheck.questionnaire import (
    DEFAULTS,
    EMERGENCY_FLAGS,
    QUESTIONS,
    REGIONS,
    SIDED_REGIONS,
    SIDES,
    URGENT_FLAGS,
    Question,
    summarize_changes,
    triage,
    validate,
)
from footcheck.store import QuestionnaireRecord, ValidationError
from ui.components import not_medical_advice
from ui.context import require_profile, store
from ui.safety import show_triage

YES_NO = ("No", "Yes")
REGION_LABELS = dict(REGIONS)
BY_ID = {q.id: q for q in QUESTIONS}

st.title("Symptoms")
st.markdown(
    "A few questions about what hurts and about your day. **Safety comes first:** some "
    "symptoms mean you should see a doctor rather than exercise, so please answer those "
    "honestly. Your answers stay on this computer."
)
profile = require_profile()
history = store().questionnaires(profile.id)
last = history[0] if history else None
previous_answers: dict[str, Any] = last.answers if last else {}

if last:
    st.caption(
        f"Last answered on {last.taken_on:%d %B %Y}. Your previous answers are filled in "
        "below (except the safety questions, which we ask every time)."
    )
    if len(history) > 1:
        changes = summarize_changes(history[1].answers, last.answers)
        if changes:
            st.info("**Since the time before:** " + "; ".join(changes) + ".")


def yes_no(key: str, label: str, default: bool | None = None) -> bool | None:
    index = None if default is None else int(default)
    choice = st.radio(label, YES_NO, index=index, horizontal=True, key=key)
    return None if choice is None else choice == "Yes"


def ask(q: Question) -> Any:
    """One question as a widget, prefilled from the last answers."""
    key = f"q_{q.id}"
    old = previous_answers.get(q.id)
    labels = dict(q.options)
    if q.kind == "yes_no":
        return yes_no(key, q.text, old if isinstance(old, bool) else None)
    if q.kind == "choice":
        codes = [c for c, _ in q.options]
        return st.radio(q.text, codes, index=codes.index(old) if old in codes else None,
                        format_func=labels.get, horizontal=True, key=key)  # fmt: skip
    if q.kind == "multi":
        default = [v for v in (old or []) if v in labels]
        return st.multiselect(q.text, list(labels), default=default, format_func=labels.get,
                              key=key, help=q.help or None)  # fmt: skip
    value = old if isinstance(old, int) and q.low <= old <= q.high else None
    if q.id != "sitting_hours":
        start = value if value is not None else DEFAULTS.get(q.id, q.low)
        return st.slider(q.text, q.low, q.high, start, key=key)
    return st.number_input(q.text, q.low, q.high, value=value, step=1, key=key)


answers: dict[str, Any] = {}

with st.container(border=True):
    st.subheader("1. Safety first")
    st.markdown("**Do any of these apply to you right now?** Please answer each one.")
    columns = st.columns(2)
    for i, flag in enumerate(EMERGENCY_FLAGS):
        with columns[i % 2]:
            answers[flag.id] = yes_no(f"q_{flag.id}", flag.question)
    live = triage(answers)
    if live.level == "emergency":
        show_triage(live)
    st.markdown("**And these?**")
    columns = st.columns(2)
    for i, flag in enumerate(URGENT_FLAGS):
        with columns[i % 2]:
            answers[flag.id] = yes_no(f"q_{flag.id}", flag.question)

with st.container(border=True):
    st.subheader("2. Where does it hurt?")
    old_pain = previous_answers.get("pain")
    old_pain = old_pain if isinstance(old_pain, dict) else {}
    regions = st.multiselect(
        "Choose every area that hurts (leave empty if nothing hurts right now)",
        list(REGION_LABELS),
        default=[r for r in old_pain if r in REGION_LABELS],
        format_func=REGION_LABELS.get,
        key="q_regions",
    )
    pain: dict[str, dict[str, Any]] = {}
    for region in regions:
        old = old_pain.get(region)
        if not isinstance(old, dict):  # older or hand-edited answers: a bare score
            old = {"now": old} if isinstance(old, int) and 0 <= old <= 10 else {}
        st.markdown(f"**{REGION_LABELS[region]}**")
        cols = st.columns(3 if region in SIDED_REGIONS else 2)
        now = cols[0].slider("Pain now (0 = none, 10 = worst imaginable)", 0, 10,
                             int(old.get("now", 3)), key=f"q_pain_{region}_now")  # fmt: skip
        worst = cols[1].slider(
            "Worst in the last 24 hours",
            0,
            10,
            int(old.get("worst", max(now, 3))),
            key=f"q_pain_{region}_worst",
        )
        entry: dict[str, Any] = {"now": now, "worst": worst}
        if region in SIDED_REGIONS:
            sides = [s for s, _ in SIDES]
            entry["side"] = cols[2].radio(
                "Which side?", sides, index=sides.index(old["side"]) if old.get("side") in sides
                else None, format_func=dict(SIDES).get, horizontal=True,
                key=f"q_pain_{region}_side",
            )  # fmt: skip
        pain[region] = entry
    answers["pain"] = pain
    for qid in ("duration", "age_group", "worse", "helps"):
        answers[qid] = ask(BY_ID[qid])

with st.container(border=True):
    st.subheader("3. Your day and your feet")
    for qid in ("sitting_hours", "standing_job", "sport", "footwear", "barefoot"):
        answers[qid] = ask(BY_ID[qid])

with st.container(border=True):
    st.subheader("4. What your routine must fit")
    for qid in ("equipment", "floor_ok", "balance", "minutes_per_day", "days_per_week"):
        answers[qid] = ask(BY_ID[qid])

if st.button("Save my answers", type="primary", key="save_symptoms"):
    errors = validate(answers)
    if errors:
        labels = {f.id: f.question for f in (*EMERGENCY_FLAGS, *URGENT_FLAGS)}
        labels.update({q.id: q.text for q in QUESTIONS})
        lines = []
        for field, message in errors.items():
            base = field.split(".")[0]
            where = labels.get(base)
            if field.startswith("pain."):
                where = REGION_LABELS.get(field.split(".")[1], "Pain")
            lines.append(f"- **{where or 'Pain'}**: {message}")
        st.error("Please check these answers before saving:\n" + "\n".join(lines))
    else:
        result = triage(answers)
        try:
            store().add_questionnaire(
                profile.id,
                QuestionnaireRecord(date.today(), answers, result.level, list(result.reasons)),
            )
        except ValidationError as exc:
            st.error(str(exc))
        else:
            st.success("Saved. Thank you.")
            show_triage(result)
            if result.level == "none":
                st.page_link("pages/routine.py", label="See your suggested routine",
                             icon=":material/fitness_center:")  # fmt: skip
            if last:
                changes = summarize_changes(last.answers, answers)
                if changes:
                    st.info("**What changed since last time:** " + "; ".join(changes) + ".")

not_medical_advice()
