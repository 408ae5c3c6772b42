"""Log: tick off today's routine in seconds, note pain, and check in the next morning."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from footcheck.exercises import load_catalogue
from footcheck.handout import dose_line
from footcheck.recommend import complete_plan
from footcheck.store import Checkin, ExerciseLog, SessionEntry, ValidationError
from ui.components import not_medical_advice
from ui.context import require_profile, store
from ui.safety import exercise_gate

catalogue = load_catalogue()
STATUS = {"done": "Done", "partial": "Partly", "skipped": "Skipped"}
REASONS = {
    "no_time": "No time",
    "pain": "Pain",
    "forgot": "Forgot",
    "no_equipment": "No equipment",
    "other": "Other",
}
DIFFICULTY = {"too_easy": "Too easy", "right": "About right", "too_hard": "Too hard"}
COMPARED = {"better": "Better", "same": "The same", "worse": "Worse"}

st.title("Log")
profile = require_profile()
exercise_gate(profile.id)
routine = store().active_routine(profile.id)
if routine is None:
    st.info("Save a routine first; then you can tick it off here in a few seconds.")
    st.page_link("pages/routine.py", label="Go to your routine", icon=":material/fitness_center:")
    not_medical_advice()
    st.stop()

today = date.today()
day = st.date_input(
    "Day",
    value=today,
    max_value=today,
    min_value=today - timedelta(days=365 * 5),
    format="DD/MM/YYYY",
    help="Pick an earlier day to fill in or correct a missed entry.",
    key="log_day",
)
existing = store().get_session(profile.id, day)
items = complete_plan(routine.plan, catalogue)["exercises"]
previous = {e.exercise_id: e for e in existing.exercises} if existing else {}
tag = day.isoformat()

if existing:
    st.caption("You already logged this day; saving again replaces that entry (never doubles it).")


def save(entry: SessionEntry) -> None:
    try:
        store().save_session(profile.id, entry)
    except ValidationError as exc:
        st.error(str(exc))
    else:
        st.success(f"Saved {day:%A %d %B}. Well done for showing up for your feet.")


st.subheader("Pain and effort")
c1, c2 = st.columns(2)
pain_before = c1.slider(
    "Pain before (0-10)", 0, 10,
    existing.pain_before if existing and existing.pain_before is not None else 0,
    key=f"pain_before_{tag}",
)  # fmt: skip
pain_after = c2.slider(
    "Pain after (0-10)", 0, 10,
    existing.pain_after if existing and existing.pain_after is not None else 0,
    key=f"pain_after_{tag}",
)  # fmt: skip
if pain_after > 5:
    st.warning(
        "Pain above 5 out of 10 is more than we want. Next time do less, and stop any exercise "
        "that gives sharp pain. If it has not settled by tomorrow morning, take it easy."
    )
codes = list(DIFFICULTY)
difficulty = st.radio(
    "How hard did it feel?",
    codes,
    index=codes.index(existing.difficulty) if existing and existing.difficulty else 1,
    format_func=DIFFICULTY.get,
    horizontal=True,
    key=f"difficulty_{tag}",
)
note = st.text_input("Note (optional)", value=existing.note if existing else "",
                     max_chars=300, key=f"note_{tag}")  # fmt: skip

if st.button("I did the whole routine", type="primary", icon=":material/done_all:",
             key=f"all_done_{tag}"):  # fmt: skip
    save(
        SessionEntry(
            day,
            [ExerciseLog(i["id"], "done", i["sets"]) for i in items],
            pain_before,
            pain_after,
            difficulty,
            note,
            routine.id,
        )
    )

st.subheader("Or exercise by exercise")
logs: list[ExerciseLog] = []
for index, item in enumerate(items):
    old = previous.get(item["id"])
    with st.container(border=True):
        name_col, status_col = st.columns([2, 3])
        name_col.markdown(f"**{catalogue.get(item['id']).name}**  \n{dose_line(item)}")
        status = status_col.radio(
            "Status",
            list(STATUS),
            index=list(STATUS).index(old.status) if old else 0,
            format_func=STATUS.get,
            horizontal=True,
            label_visibility="collapsed",
            key=f"status_{index}_{tag}",
        )
        sets_done: int | None = item["sets"] if status == "done" else None
        reason = None
        if status == "partial":
            sets_done = status_col.number_input(
                "Sets done", 0, item["sets"], value=old.sets_done if old and old.sets_done
                is not None else max(0, item["sets"] - 1), key=f"sets_{index}_{tag}",
            )  # fmt: skip
        elif status == "skipped":
            sets_done = 0
            reason = status_col.selectbox(
                "Why skipped?", list(REASONS),
                index=list(REASONS).index(old.skip_reason) if old and old.skip_reason else 0,
                format_func=REASONS.get, key=f"reason_{index}_{tag}",
            )  # fmt: skip
        logs.append(ExerciseLog(item["id"], status, sets_done, reason))

left, right = st.columns(2)
if left.button("Save this day", key=f"save_day_{tag}"):
    save(SessionEntry(day, logs, pain_before, pain_after, difficulty, note, routine.id))
if existing and right.button("Delete this day's entry", key=f"delete_{tag}"):
    store().delete_session(profile.id, day)
    st.success(f"Deleted the entry for {day:%A %d %B}.")
    st.rerun()

st.divider()
st.subheader("Morning check-in")
st.caption(
    "The morning after exercising, note your pain. If it is worse than the day before, the "
    "routine should ease off; the Routine page will suggest how."
)
checkins = store().checkins(profile.id, start=day, end=day)
old_checkin = checkins.iloc[0] if len(checkins) else None
m1, m2 = st.columns(2)
morning = m1.slider(
    "Pain this morning (0-10)", 0, 10,
    int(old_checkin["morning_pain"]) if old_checkin is not None else 0,
    key=f"morning_{tag}",
)  # fmt: skip
compared_codes = list(COMPARED)
compared = m2.radio(
    "Compared with yesterday",
    compared_codes,
    index=compared_codes.index(old_checkin["compared"])
    if old_checkin is not None and old_checkin["compared"] in compared_codes
    else 1,
    format_func=COMPARED.get,
    horizontal=True,
    key=f"compared_{tag}",
)
if st.button("Save check-in", key=f"save_checkin_{tag}"):
    try:
        store().save_checkin(profile.id, Checkin(day, morning, compared))
    except ValidationError as exc:
        st.error(str(exc))
    else:
        st.success("Check-in saved.")

not_medical_advice()
