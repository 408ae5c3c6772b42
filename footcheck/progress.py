"""Everything the Progress page draws for one person and one stretch of time, computed in one
place: the adherence summaries and the charts as finished Vega-Lite specifications.

Pure data in, pure data out, so the UI can cache the result per profile revision and draw it
without rebuilding a chart on every rerun.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from footcheck import adherence
from footcheck.adherence import Summary
from footcheck.exercises import load_catalogue
from footcheck.store import Store


@dataclass(frozen=True)
class ProgressView:
    overall: Summary  # from the first data to today: streaks and habit strength
    period: Summary  # the chosen stretch: calendar, weeks, pain
    charts: dict[str, dict[str, Any]]  # name -> Vega-Lite spec; absent when there is no data
    explanation: str  # how habit strength works, in words


def arch_chart(store: Store, profile_id: int) -> dict[str, Any] | None:
    """The Arch Index over time, or None before the first measured print."""
    tests = store.arch_tests(profile_id)
    if tests.empty or not tests["arch_index"].notna().any():
        return None
    from footcheck import charts  # Altair: see progress_view

    return charts.spec(charts.arch_history_chart(tests))


def overall_summary(store: Store, profile_id: int, today: date) -> Summary | None:
    """From the first data to ``today``, or None before any data."""
    return adherence.summarize(
        store.sessions(profile_id),
        store.exercise_logs(profile_id),
        store.checkins(profile_id),
        store.routines(profile_id),
        today,
    )


def progress_view(
    store: Store, profile_id: int, start: date, end: date, today: date
) -> ProgressView | None:
    """The Progress page for [start, end], or None before the first logged session."""
    # Altair takes a fifth of a second to import: imported here, only pages that draw charts
    # pay for it, never the first page (Home reads only ``overall_summary``).
    from footcheck import charts

    sessions = store.sessions(profile_id)
    if sessions.empty:
        return None
    logs = store.exercise_logs(profile_id)
    checkins = store.checkins(profile_id)
    routines = store.routines(profile_id)
    overall = adherence.summarize(sessions, logs, checkins, routines, today)
    period = adherence.summarize(sessions, logs, checkins, routines, end, start)
    if overall is None or period is None:
        return None
    start = period.start
    specs: dict[str, dict[str, Any]] = {
        "calendar": charts.calendar_heatmap(adherence.calendar(period.daily, start, end)),
        "weeks": charts.weekly_bars(period.weeks),
    }
    scores = overall.scores
    shown = scores[(scores["date"].dt.date >= start) & (scores["date"].dt.date <= end)]
    specs["strength"] = charts.habit_strength_chart(shown)
    if not period.pain.empty:
        specs["pain"] = charts.pain_and_adherence(period.pain, period.weeks)
    if not period.before_after.empty:
        specs["before_after"] = charts.before_after_chart(period.before_after)
    in_period = (logs["session_date"].dt.date >= start) & (logs["session_date"].dt.date <= end)
    names = {e.id: e.name for e in load_catalogue().exercises}
    rates = adherence.exercise_rates(logs[in_period], names)
    if not rates.empty:
        specs["exercises"] = charts.exercise_rates_chart(rates)
    finished = {name: charts.spec(chart) for name, chart in specs.items()}
    arch = arch_chart(store, profile_id)
    if arch is not None:
        finished["arch"] = arch
    return ProgressView(overall, period, finished, overall.explanation)
