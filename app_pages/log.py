"""Log: tick off today's routine in seconds, note pain, and check in the next morning."""

from __future__ import annotations

import streamlit as st

from footcheck.store import Checkin, ExerciseLog, SessionEntry, ValidationError
from footcheck.vocabulary import (
    COMPARED_LABELS,
    DIFFICULTY_LABELS,
    SKIP_REASON_LABELS,
    STATUS_LABELS,
)
from ui.components import end_page, flash, literal, not_medical_advice
from ui.context import person_key, require_profile, store
from ui.inputs import pain_input, past_day_input
from ui.safety import exercise_gate

st.title("Log")
profile = require_profile()
exercise_gate(profile.id)
routine = store().active_routine(profile.id)
if routine is None or not routine.plan.items:
    st.info("Save a routine first; then you can tick it off here in a few seconds.")
    st.page_link(
        "app_pages/routine.py", label="Go to your routine", icon=":material/fitness_center:"
    )
    end_page()

day = past_day_input(
    "Day",
    person_key("log_day"),
    help="Pick an earlier day to fill in or correct a missed entry.",
)
if day is None:
    end_page()

existing = store().get_session(profile.id, day)
previous = {e.exercise_id: e for e in existing.exercises} if existing else {}
items = routine.plan.items


def key(name: str) -> str:
    """Widgets belong to this person and this day."""
    return person_key(f"{name}_{day.isoformat()}")


def save(entry: SessionEntry, what: str) -> None:
    try:
        store().save_session(profile.id, entry)
    except ValidationError as exc:
        st.error(str(exc))
        return
    message = f"{what} {day:%A %d %B %Y}. Well done for showing up for your feet."
    if entry.pain_after is not None and entry.pain_after > 5:
        message += (
            " Pain above 5 out of 10 is more than we want: next time do less, and stop any "
            "exercise that gives sharp pain."
        )
    flash(message)
    st.rerun()


if existing:
    st.caption("You already logged this day; saving again replaces that entry (never doubles it).")

st.subheader("Pain and effort")
pain_before = pain_input(
    "Pain before (0-10)", key("pain_before"), existing.pain_before if existing else None
)
pain_after = pain_input(
    "Pain after (0-10)", key("pain_after"), existing.pain_after if existing else None
)
if (
    pain_after is not None
    and pain_after > 5
    and (not existing or existing.pain_after != pain_after)
):
    st.warning(
        "Pain above 5 out of 10 is more than we want. Next time do less, and stop any exercise "
        "that gives sharp pain. If it has not settled by tomorrow morning, take it easy."
    )
difficulty = st.pills(
    "How hard did it feel?",
    list(DIFFICULTY_LABELS),
    default=existing.difficulty if existing else None,
    format_func=DIFFICULTY_LABELS.get,
    key=key("difficulty"),
)
note = st.text_input("Note (optional)", value=existing.note if existing else "",
                     max_chars=300, key=key("note"))  # fmt: skip

if st.button("I did the whole routine", type="primary", icon=":material/done_all:",
             key=key("all_done"), width="stretch"):  # fmt: skip
    save(
        SessionEntry(
            day,
            [ExerciseLog(item.id, "done", item.sets) for item in items],
            pain_before,
            pain_after,
            difficulty,
            note,
            routine.id,
        ),
        "Saved",
    )

st.subheader("Or exercise by exercise")
logs: list[ExerciseLog] = []
for index, item in enumerate(items):
    old = previous.get(item.id)
    with st.container(border=True):
        st.markdown(f"**{literal(item.name)}**  \n{item.dose_text}")
        status = (
            st.segmented_control(
                "Status",
                list(STATUS_LABELS),
                default=old.status if old else "done",
                format_func=STATUS_LABELS.get,
                label_visibility="collapsed",
                key=key(f"status_{index}"),
            )
            or "done"
        )
        sets_done: int | None = item.sets if status == "done" else None
        reason = None
        if status == "partial":
            sets_done = st.number_input(
                "Sets done", 0, item.sets,
                value=old.sets_done if old and old.sets_done is not None else max(0, item.sets - 1),
                key=key(f"sets_{index}"),
            )  # fmt: skip
        elif status == "skipped":
            sets_done = 0
            reason = st.selectbox(
                "Why skipped?", list(SKIP_REASON_LABELS),
                index=list(SKIP_REASON_LABELS).index(old.skip_reason)
                if old and old.skip_reason else 0,
                format_func=SKIP_REASON_LABELS.get, key=key(f"reason_{index}"),
            )  # fmt: skip
        logs.append(ExerciseLog(item.id, status, sets_done, reason))

if st.button("Save this day", key=key("save_day"), width="stretch"):
    save(SessionEntry(day, logs, pain_before, pain_after, difficulty, note, routine.id), "Saved")
if existing:
    with st.expander("Delete this day's entry"):
        sure = st.checkbox(f"Yes, delete what I logged on {day:%d %B %Y}", key=key("delete_ok"))
        if st.button("Delete", key=key("delete"), disabled=not sure, icon=":material/delete:"):
            store().delete_session(profile.id, day)
            flash(f"Deleted the entry for {day:%A %d %B %Y}.")
            st.rerun()

st.divider()
st.subheader("Morning check-in")
st.caption(
    "The morning after exercising, note your pain. If it is worse than the day before, the "
    "routine should ease off; the Routine page will suggest how."
)
checkins = store().checkins(profile.id, start=day, end=day)
old_checkin = checkins.iloc[0] if len(checkins) else None
morning = pain_input(
    "Pain this morning (0-10)",
    key("morning"),
    int(old_checkin["morning_pain"]) if old_checkin is not None else None,
)
compared = st.pills(
    "Compared with yesterday",
    list(COMPARED_LABELS),
    default=old_checkin["compared"]
    if old_checkin is not None and old_checkin["compared"] in COMPARED_LABELS
    else None,
    format_func=COMPARED_LABELS.get,
    key=key("compared"),
)
if st.button("Save check-in", key=key("save_checkin"), width="stretch"):
    if morning is None:
        st.error("Pick this morning's pain (0-10) first: that is what the check-in records.")
    else:
        try:
            store().save_checkin(profile.id, Checkin(day, morning, compared))
        except ValidationError as exc:
            st.error(str(exc))
        else:
            flash(f"Check-in saved for {day:%A %d %B %Y}.")
            st.rerun()

not_medical_advice()
