"""Routine: the suggested exercises with pictures, dosage and reasons; edit, save, download."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import streamlit as st

from footcheck.adherence import session_completion
from footcheck.exercises import load_catalogue
from footcheck.figures import figure_svg
from footcheck.handout import routine_pdf
from footcheck.plan import Plan, PlanItem, item_for, minutes_text
from footcheck.questionnaire import routine_needs
from footcheck.recommend import (
    RecommendInput,
    combine_arch,
    dose_limits,
    exclusion_reason,
    recommend,
    suggest_progression,
)
from footcheck.reminders import DAY_NAMES, default_days, routine_ics
from footcheck.store import RoutineRecord, ValidationError
from ui.components import flash, literal, not_medical_advice
from ui.context import person_key, require_profile, store
from ui.safety import exercise_gate

catalogue = load_catalogue()

st.title("Your routine")
profile = require_profile()
questionnaire = exercise_gate(profile.id)  # stops here when warning signs stand
latest = store().latest_arch(profile.id)
arch = combine_arch([record.arch_type for record in latest.values()])
need = RecommendInput.from_needs(routine_needs(questionnaire.answers), arch)
suggested = recommend(need, catalogue)
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


def how_to(item: PlanItem) -> None:
    """The picture, the steps and the reason: shown before saving as well as after."""
    exercise = catalogue.get(item.id)
    picture, text = st.columns([1, 3])
    picture.image(figure_svg(exercise.figure), width="stretch")
    text.markdown(f"**{exercise.name}**: {item.dose_text}")
    text.caption(f"{item.minutes_text.capitalize()} · {exercise.position}")
    text.markdown(f"*Why:* {item.why}")
    with st.expander("How to do it"):
        for step in exercise.steps:
            st.markdown(f"- {step}")
        st.markdown("**Tips:** " + " ".join(exercise.cues))
        st.markdown("**Careful:** " + " ".join(exercise.cautions))


def show_plan(plan: Plan) -> None:
    for item in plan.items:
        with st.container(border=True):
            how_to(item)
    with st.expander("Stay safe: how much pain is OK", expanded=True):
        for rule in plan.safety:
            st.markdown(f"- {rule}")
    with st.expander("Everyday habits"):
        for habit in plan.habits:
            st.markdown(f"- {habit}")


def downloads(plan: Plan) -> None:
    st.subheader("Take it with you")
    days = st.pills(
        "Days for your reminder",
        list(DAY_NAMES),
        selection_mode="multi",
        default=default_days(plan.days_per_week),
        format_func=lambda d: d[:3],
        key=person_key("reminder_days"),
    )
    at = st.time_input("Reminder time", value=time(19, 0), key=person_key("reminder_time"))
    st.download_button(
        "Download the handout (PDF)",
        data=lambda: routine_pdf(plan, profile.name, days),  # made only when tapped
        file_name="footcheck-routine.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        width="stretch",
    )
    if days:
        st.download_button(
            "Add reminders to your calendar (.ics)",
            data=lambda: routine_ics(plan, days, at, uid_seed=f"footcheck-{profile.id}"),
            file_name="footcheck-reminder.ics",
            mime="text/calendar",
            icon=":material/event:",
            width="stretch",
        )
    else:
        st.info("Choose at least one day for calendar reminders.")


def dose_input(label: str, key: str, value: int, bounds: tuple[int, int]) -> int:
    """A whole number kept within safe bounds, saying so when it had to be changed."""
    typed = st.number_input(label, min_value=1, value=value, step=1, key=key)
    kept = max(bounds[0], min(bounds[1], int(typed)))
    if kept != typed:
        st.caption(f"{typed} is outside the safe range {bounds[0]}-{bounds[1]}: using {kept}.")
    return kept


def builder() -> None:
    """The suggestion, editable: keep or drop, swap for an alternative, change the dose."""
    if suggested.blocked:
        st.error(suggested.blocked)
        return
    st.markdown(
        f"A routine of about **{suggested.total_minutes:.0f} minutes**, "
        f"**{need.days_per_week} days a week**. Change anything you like, then save it."
    )
    chosen: list[PlanItem] = []
    for index, item in enumerate(suggested.items):
        alternatives = [
            alt.id for alt in catalogue.alternatives(item.id) if exclusion_reason(alt, need) is None
        ]
        with st.container(border=True):
            keep = st.checkbox(f"Keep **{item.name}**", value=True,
                               key=person_key(f"keep_{index}"))  # fmt: skip
            if not keep:
                st.caption("Left out of your routine.")
                continue
            picked = item.id
            if alternatives:
                picked = st.selectbox(
                    "Exercise",
                    [item.id, *alternatives],
                    format_func=lambda i: catalogue.get(i).name,
                    key=person_key(f"swap_{index}"),
                )
            exercise = catalogue.get(picked)
            limits = dose_limits(exercise)
            sets = dose_input(
                "Sets",
                person_key(f"sets_{index}_{picked}"),
                min(max(item.sets, limits.sets[0]), limits.sets[1]),
                limits.sets,
            )
            reps = hold = None  # fmt: skip
            if limits.reps:
                reps = dose_input("Repetitions", person_key(f"reps_{index}_{picked}"),
                                  exercise.reps, limits.reps)  # fmt: skip
            if limits.hold:
                label = "Hold (seconds)" if limits.reps else "Seconds"
                hold = dose_input(label, person_key(f"hold_{index}_{picked}"),
                                  exercise.hold_seconds, limits.hold)  # fmt: skip
            why = item.why if picked == item.id else f"Your choice instead of {item.name}."
            final = item_for(exercise, why, sets, reps, hold)
            how_to(final)
            chosen.append(final)
    plan = replace(suggested, items=tuple(chosen))
    st.markdown(f"**Total: {minutes_text(plan.total_minutes)}.**")
    if plan.total_minutes > need.minutes_per_day * 1.25:
        st.warning(
            f"That is more than the {need.minutes_per_day} minutes a day you said you have. "
            "A shorter routine you keep beats a long one you drop."
        )
    if suggested.left_out:
        with st.expander("What was left out, and why"):
            for entry in suggested.left_out:
                st.markdown(f"- **{catalogue.get(entry.id).name}**: {entry.reason}")
    if st.button("Save as my routine", type="primary", disabled=not chosen,
                 key=person_key("save_routine"), width="stretch"):  # fmt: skip
        try:
            store().save_routine(profile.id, RoutineRecord(date.today(), plan, need.days_per_week))
        except ValidationError as exc:
            st.error(str(exc))
        else:
            flash("Saved as your routine. You can tick it off on the Log page.")
            st.rerun()


def show_current(active: RoutineRecord) -> None:
    """The saved routine: progression advice, the exercises, and the files to take along."""
    plan = active.plan
    st.markdown(
        f"Saved on {active.created_on:%d %B %Y}: **{minutes_text(plan.total_minutes)}**, "
        f"**{active.days_per_week} days a week**."
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
            st.markdown(f"**{verb}:** {literal(suggestion.change)}")
            st.caption(suggestion.reason + " One change at a time; you decide.")
            if st.button("Apply this change", key=person_key("apply_progression")):
                store().save_routine(
                    profile.id,
                    RoutineRecord(date.today(), suggestion.plan, active.days_per_week),
                )
                flash(f"Changed: {literal(suggestion.change)}.")
                st.rerun()
    show_plan(plan)
    downloads(plan)


if active is None or not active.plan.items:
    st.subheader("Your suggested routine")
    builder()
else:
    # Only the open tab is drawn, so the saved routine does not pay for the builder's widgets
    # and pictures: switching tab reruns.
    current, build = st.tabs(
        ["Your routine", "Make a new suggestion"],
        key=person_key("routine_tab"),
        on_change="rerun",
    )
    if current.open:
        with current:
            show_current(active)
    if build.open:
        with build:
            builder()

not_medical_advice()
