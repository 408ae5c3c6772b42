"""Routine: the suggested exercises with pictures, dosage and reasons; edit, save, download."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import streamlit as st

from footcheck.adherence import session_completion
from footcheck.exercises import load_catalogue
from footcheck.figures import figure_svg
from footcheck.handout import dose_line, routine_pdf
from footcheck.questionnaire import routine_needs
from footcheck.recommend import (
    RecommendInput,
    adjust,
    combine_arch,
    complete_plan,
    dose_limits,
    exclusion_reason,
    recommend,
    suggest_progression,
)
from footcheck.reminders import DAY_NAMES, default_days, routine_ics
from footcheck.store import RoutineRecord, ValidationError
from ui.components import not_medical_advice
from ui.context import require_profile, store
from ui.safety import exercise_gate

catalogue = load_catalogue()

st.title("Your routine")
profile = require_profile()
questionnaire = exercise_gate(profile.id)  # stops here when warning signs stand
needs = routine_needs(questionnaire.answers)
latest = store().latest_arch(profile.id)
arch = combine_arch([record.arch_type for record in latest.values()])
need = RecommendInput(
    arch_type=arch,
    red_flag_level=needs.red_flag_level,
    pain=needs.pain,
    equipment=tuple(needs.equipment),
    floor_ok=needs.floor_ok,
    balance_ok=needs.balance_ok,
    minutes_per_day=needs.minutes_per_day,
    days_per_week=needs.days_per_week,
    footwear=tuple(needs.footwear),
)
suggested = recommend(need)
active = store().active_routine(profile.id)

if arch is None:
    st.info(
        "No arch test yet, so this routine is a balanced one. Do the arch test to fit it to "
        "your feet.",
        icon=":material/footprint:",
    )
else:
    feet = ", ".join(f"{foot} {r.arch_type}" for foot, r in sorted(latest.items()))
    st.caption(f"Fitted to your latest arch test ({feet}) and your symptom answers.")


def show_exercise(item: dict[str, Any], number: int) -> None:
    exercise = catalogue.get(item["id"])
    with st.container(border=True):
        picture, text = st.columns([1, 3])
        picture.image(figure_svg(exercise.figure), width="stretch")
        text.markdown(f"**{number}. {exercise.name}** — {dose_line(item)}")
        text.caption(f"About {item['minutes']:.0f} min · {exercise.position}")
        text.markdown(f"*Why:* {item['why']}")
        with text.expander("How to do it"):
            for step in exercise.steps:
                st.markdown(f"- {step}")
            st.markdown("**Tips:** " + " ".join(exercise.cues))
            st.markdown("**Careful:** " + " ".join(exercise.cautions))


def show_plan(plan: dict[str, Any]) -> None:
    for number, item in enumerate(plan["exercises"], start=1):
        show_exercise(item, number)
    with st.expander("Stay safe: how much pain is OK", expanded=True):
        for rule in plan.get("safety", []):
            st.markdown(f"- {rule}")
    with st.expander("Everyday habits"):
        for habit in plan.get("habits", []):
            st.markdown(f"- {habit}")


def downloads(plan: dict[str, Any]) -> None:
    st.subheader("Take it with you")
    days = st.multiselect(
        "Days for your reminder",
        list(DAY_NAMES),
        default=default_days(plan.get("days_per_week", 3)),
        key="reminder_days",
    )
    at = st.time_input("Reminder time", value=time(19, 0), key="reminder_time")
    left, right = st.columns(2)
    left.download_button(
        "Download the handout (PDF)",
        data=routine_pdf(plan, profile.name, days),
        file_name="footcheck-routine.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
    )
    if days:
        right.download_button(
            "Add reminders to your calendar (.ics)",
            data=routine_ics(plan, days, at, uid_seed=f"footcheck-{profile.id}"),
            file_name="footcheck-reminder.ics",
            mime="text/calendar",
            icon=":material/event:",
        )
    else:
        right.info("Choose at least one day for calendar reminders.")


def builder() -> None:
    """The suggestion, editable: swap for an alternative, drop, or change the dose."""
    if suggested.blocked:
        st.error(suggested.blocked)
        return
    st.markdown(
        f"A routine of about **{suggested.total_minutes:.0f} minutes**, "
        f"**{need.days_per_week} days a week**. Change anything you like, then save it."
    )
    chosen: list[dict[str, Any]] = []
    for index, item in enumerate(suggested.exercises):
        options = [item.id] + [
            alt.id for alt in catalogue.alternatives(item.id) if exclusion_reason(alt, need) is None
        ]
        with st.container(border=True):
            keep_col, pick_col = st.columns([1, 4])
            keep = keep_col.checkbox("Keep", value=True, key=f"keep_{index}")
            picked = pick_col.selectbox(
                "Exercise",
                options,
                format_func=lambda i: catalogue.get(i).name,
                key=f"swap_{index}",
                disabled=not keep,
            )
            exercise = catalogue.get(picked)
            limits = dose_limits(exercise)
            c1, c2, c3 = st.columns(3)
            sets = c1.number_input("Sets", *limits.sets, value=min(max(item.sets, limits.sets[0]),
                                   limits.sets[1]), key=f"sets_{index}_{picked}")  # fmt: skip
            reps = hold = None
            if limits.reps:
                reps = c2.number_input("Repetitions", *limits.reps, value=exercise.reps,
                                       key=f"reps_{index}_{picked}")  # fmt: skip
            if limits.hold:
                label = "Hold (seconds)" if limits.reps else "Seconds"
                hold = c3.number_input(label, *limits.hold, value=exercise.hold_seconds,
                                       key=f"hold_{index}_{picked}")  # fmt: skip
            why = item.why if picked == item.id else f"Your choice instead of {item.name}."
            st.caption(f"Why: {why}")
        if keep:
            base = {"id": picked, "sets": sets, "reps": reps, "hold_seconds": hold, "why": why}
            chosen.append(adjust(base, catalogue, sets=sets, reps=reps, hold=hold))
    total = sum(e["minutes"] for e in chosen)
    st.markdown(f"**Total: about {total:.0f} minutes.**")
    if total > need.minutes_per_day * 1.25:
        st.warning(
            f"That is more than the {need.minutes_per_day} minutes a day you said you have. "
            "A shorter routine you keep beats a long one you drop."
        )
    if suggested.left_out:
        with st.expander("What was left out, and why"):
            for entry in suggested.left_out:
                st.markdown(f"- **{catalogue.get(entry['id']).name}**: {entry['reason']}")
    if st.button("Save as my routine", type="primary", disabled=not chosen, key="save_routine"):
        plan = suggested.to_plan()
        plan["exercises"] = chosen
        plan["total_minutes"] = round(total, 1)
        try:
            store().save_routine(profile.id, RoutineRecord(date.today(), plan, need.days_per_week))
        except ValidationError as exc:
            st.error(str(exc))
        else:
            st.success("Saved as your routine. You can log it on the Log page.")
            st.rerun()


if active is None:
    st.subheader("Your suggested routine")
    builder()
else:
    current, build = st.tabs(["Your routine", "Make a new suggestion"])
    with current:
        plan = complete_plan(active.plan, catalogue)
        st.markdown(
            f"Saved on {active.created_on:%d %B %Y}: about **{plan.get('total_minutes', 0):.0f} "
            f"minutes**, **{active.days_per_week} days a week**."
        )
        sessions = store().sessions(profile.id, start=active.created_on)
        logs = store().exercise_logs(profile.id, start=active.created_on)
        suggestion = suggest_progression(
            plan,
            active.created_on,
            session_completion(sessions, logs, plan),
            store().checkins(profile.id, start=active.created_on),
        )
        if suggestion is not None:
            verb = "Time to step up" if suggestion.kind == "progress" else "Time to ease off"
            with st.container(border=True):
                st.markdown(f"**{verb}:** {suggestion.change}")
                st.caption(suggestion.reason + " One change at a time; you decide.")
                if st.button("Apply this change", key="apply_progression"):
                    store().save_routine(
                        profile.id,
                        RoutineRecord(date.today(), suggestion.plan, active.days_per_week),
                    )
                    st.rerun()
        show_plan(plan)
        downloads(plan)
    with build:
        builder()

not_medical_advice()
