"""A calendar file (.ics) with a weekly repeating reminder on the chosen days."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from footcheck.plan import Plan

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def default_days(days_per_week: int) -> list[str]:
    """Spread the sessions over the week (3 -> Monday, Wednesday, Friday)."""
    spreads = {
        1: (0,), 2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4),
        6: (0, 1, 2, 3, 4, 5), 7: (0, 1, 2, 3, 4, 5, 6),
    }  # fmt: skip
    return [DAY_NAMES[i] for i in spreads[max(1, min(7, days_per_week))]]


def routine_ics(
    plan: Plan,
    days: list[str],
    at: time,
    start: date | None = None,
    uid_seed: str = "footcheck",
) -> bytes:
    """An iCalendar file with one weekly repeating event on ``days`` at ``at``."""
    if not days:
        raise ValueError("Choose at least one day for the reminder.")
    unknown = [d for d in days if d not in DAY_NAMES]
    if unknown:
        raise ValueError(f"Unknown day(s): {', '.join(unknown)}")
    start = start or date.today()
    chosen = sorted(DAY_NAMES.index(d) for d in days)
    # The first occurrence: the first chosen weekday on or after the start date.
    offset = min((d - start.weekday()) % 7 for d in chosen)
    first = datetime.combine(start + timedelta(days=offset), at)
    minutes = max(5, round(plan.total_minutes))
    lines = [f"- {item.name}" for item in plan.items]
    cal = Calendar()
    cal.add("prodid", "-//FootCheck//Foot routine reminder//EN")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", f"{uid_seed}-{first:%Y%m%dT%H%M}@footcheck.local")
    event.add("dtstamp", datetime.now().replace(microsecond=0))
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(minutes=minutes))
    event.add("summary", f"Foot routine ({minutes} min)")
    event.add("description", "Today's FootCheck exercises:\n" + "\n".join(lines))
    event.add("rrule", {"freq": "weekly", "byday": [WEEKDAYS[d] for d in chosen]})
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Time for your foot routine")
    alarm.add("trigger", timedelta(minutes=0))
    event.add_component(alarm)
    cal.add_component(event)
    return cal.to_ical()
