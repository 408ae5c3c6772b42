"""Inputs that several pages ask the same way: pain scores and days.

Untouched means "not recorded": a pain score starts empty (no invented 0), and a day in the
future is refused on screen, not silently replaced by today.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

PAIN_SCALE = list(range(11))
PAIN_HELP = "0 = no pain, 10 = the worst imaginable. Leave it empty if you'd rather not say."


def pain_input(label: str, key: str, value: int | None = None) -> int | None:
    """A 0-10 pain score picked with one tap; None until the person picks one."""
    return st.pills(label, PAIN_SCALE, default=value, key=key, help=PAIN_HELP)


def past_day_input(label: str, key: str, value: date | None = None, help: str = "") -> date | None:
    """A day up to today. A day in the future (typed, say 25/11 on the 22nd) is shown as an
    error and gives None, so nothing is saved under the wrong day."""
    today = date.today()
    day = st.date_input(
        label,
        value=value or today,
        min_value=today - timedelta(days=365 * 10),
        max_value=today + timedelta(days=366),  # accepted by the widget, refused below
        format="DD/MM/YYYY",
        help=help or None,
        key=key,
    )
    if day is None:
        return None
    if day > today:
        st.error(
            f"{day:%d/%m/%Y} is in the future. Pick today or an earlier day.",
            icon=":material/event_busy:",
        )
        return None
    return day
