"""Adherence numbers against hand-computed values, and the chart builders' Vega-Lite."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from footcheck import adherence as A
from footcheck import charts
from footcheck.plan import Plan
from footcheck.store import RoutineRecord

MONDAY = date(2026, 3, 2)  # a Monday
PLAN = Plan.from_json(
    {"exercises": [{"id": "short_foot_sitting", "sets": 3}, {"id": "towel_curls", "sets": 2}]}
)


def periods(days_per_week: int = 3) -> list[A.PlanPeriod]:
    return A.plan_periods(
        [RoutineRecord(MONDAY - timedelta(days=30), PLAN, days_per_week, True, 1)]
    )


def frames(days: dict[int, list[tuple[str, str, int | None]]], pain: dict[int, int] | None = None):
    """Sessions and logs for day offsets from MONDAY: {offset: [(exercise, status, sets)]}."""
    pain = pain or {}
    sessions = pd.DataFrame(
        [
            {
                "session_date": pd.Timestamp(MONDAY + timedelta(days=d)),
                "pain_before": pain.get(d),
                "pain_after": None,
                "difficulty": "right",
                "note": f"day {d}",
            }
            for d in sorted(days)
        ],
        columns=["session_date", "pain_before", "pain_after", "difficulty", "note"],
    )
    logs = pd.DataFrame(
        [
            {
                "session_date": pd.Timestamp(MONDAY + timedelta(days=d)),
                "exercise_id": ex,
                "status": status,
                "sets_done": sets,
                "skip_reason": None,
            }
            for d in sorted(days)
            for ex, status, sets in days[d]
        ],
        columns=["session_date", "exercise_id", "status", "sets_done", "skip_reason"],
    )
    return sessions, logs


FULL = [("short_foot_sitting", "done", 3), ("towel_curls", "done", 2)]


def test_completion_counts_partial_sets_and_missing_exercises() -> None:
    sessions, logs = frames(
        {
            0: FULL,
            1: [("short_foot_sitting", "partial", 1), ("towel_curls", "skipped", 0)],
            2: [("short_foot_sitting", "done", 3)],  # towel curls not logged: counts 0
            3: [("short_foot_sitting", "partial", None), ("towel_curls", "done", 2)],
        }
    )
    daily = A.daily_completion(sessions, logs, periods())
    # (1 + 1)/2, (1/3 + 0)/2, (1 + 0)/2, (0.5 + 1)/2
    assert daily["completion"].round(4).tolist() == [1.0, 0.1667, 0.5, 0.75]
    assert daily["done"].tolist() == [True, False, True, True]


def test_weekly_adherence_against_the_plan_and_partial_weeks() -> None:
    # Week 1: Mon, Wed, Fri done (3 of 3). Week 2: only Tuesday (1 of 3). Week 3: Monday only,
    # and the range ends on that Wednesday: 3 days of the week -> ceil(3 * 3 / 7) = 2 planned.
    sessions, logs = frames({0: FULL, 2: FULL, 4: FULL, 8: FULL, 14: FULL})
    daily = A.daily_completion(sessions, logs, periods())
    weeks = A.weekly_adherence(daily, periods(), MONDAY, MONDAY + timedelta(days=16))
    assert weeks["done"].tolist() == [3, 1, 1]
    assert weeks["planned"].tolist() == [3, 3, 2]
    assert weeks["met"].tolist() == [True, False, False]
    assert weeks["adherence"].round(3).tolist() == [1.0, 0.333, 0.5]


def test_streaks_forgive_planned_rest_days_but_not_long_gaps() -> None:
    # 3 a week: up to 5 days between sessions keep the streak.
    offsets = [0, 2, 4, 9, 11, 13, 30, 32]  # gap 4->9 is 5 days (ok), 13->30 breaks
    sessions, logs = frames({d: FULL for d in offsets})
    daily = A.daily_completion(sessions, logs, periods(3))
    result = A.streaks(daily, periods(3), MONDAY + timedelta(days=33))
    assert result.allowed_gap == 5
    assert result.best == 6 and result.current == 2
    assert result.current_since == MONDAY + timedelta(days=30)
    # Long after the last session, the current streak is 0; the best stays.
    later = A.streaks(daily, periods(3), MONDAY + timedelta(days=40))
    assert later.current == 0 and later.best == 6
    # Daily plan: a single missed day breaks it.
    daily7 = A.daily_completion(*frames({0: FULL, 1: FULL, 3: FULL}), periods(7))
    assert A.streaks(daily7, periods(7), MONDAY + timedelta(days=3)).best == 2


def test_habit_strength_matches_hand_computed_recurrence() -> None:
    # Daily plan kept every day: f = 1, m = 0.5 ** (1 / 13), score_n = 1 - m ** n.
    days = 30
    sessions, logs = frames({d: FULL for d in range(days)})
    daily = A.daily_completion(sessions, logs, periods(7))
    scores = A.habit_strength(daily, periods(7), MONDAY, MONDAY + timedelta(days=days - 1))
    m = 0.5 ** (1 / 13)
    assert scores["score"].iloc[0] == pytest.approx(1 - m)
    assert scores["score"].iloc[-1] == pytest.approx(1 - m**days)
    assert 0.78 < scores["score"].iloc[-1] < 0.82  # "about 80% after a month"


def test_habit_strength_follows_the_plan_of_each_day_when_it_changes() -> None:
    # From 3 a week to daily on day 5, and back to twice a week on day 9: each day is scored
    # against the plan it had, and days before the first plan use that first plan.
    later = [
        RoutineRecord(MONDAY + timedelta(days=5), PLAN, 7, True, 2),
        RoutineRecord(MONDAY + timedelta(days=9), PLAN, 2, True, 3),
    ]
    first = RoutineRecord(MONDAY + timedelta(days=2), PLAN, 3, True, 1)
    plans = A.plan_periods([first, *later])
    sessions, logs = frames({d: FULL for d in range(12)})
    daily = A.daily_completion(sessions, logs, plans)
    scores = A.habit_strength(daily, plans, MONDAY, MONDAY + timedelta(days=11))
    assert scores["planned"].tolist() == [3] * 5 + [7] * 4 + [2] * 3


def test_habit_strength_three_a_week_with_a_gap() -> None:
    # f = 3/7; c = min(1, sessions in the last 7 days / 3).
    sessions, logs = frames({0: FULL, 2: FULL})
    daily = A.daily_completion(sessions, logs, periods(3))
    scores = A.habit_strength(daily, periods(3), MONDAY, MONDAY + timedelta(days=3))
    m = 0.5 ** ((3 / 7) ** 0.5 / 13)
    expected, score = [], 0.0
    for c in (1 / 3, 1 / 3, 2 / 3, 2 / 3):
        score = score * m + c * (1 - m)
        expected.append(score)
    assert scores["score"].tolist() == pytest.approx(expected)
    assert "Loop Habit Tracker" in A.explain_strength(scores)


def test_pain_rolling_mean_uses_calendar_days_and_prefers_morning_checkins() -> None:
    sessions, logs = frames({0: FULL, 1: FULL, 9: FULL}, pain={0: 6, 1: 4, 9: 2})
    daily = A.daily_completion(sessions, logs, periods())
    checkins = pd.DataFrame(
        [
            {
                "checkin_date": pd.Timestamp(MONDAY + timedelta(days=1)),
                "morning_pain": 5,
                "compared": "better",
            }
        ]
    )
    pain = A.pain_series(daily, checkins, MONDAY, MONDAY + timedelta(days=10), window=7)
    assert pain["pain"].tolist() == [6, 5, 2]  # day 1: the morning check-in wins
    # Day 9's 7-day window (days 3..9) holds only itself.
    assert pain["rolling"].tolist() == pytest.approx([6, 5.5, 2])


def test_backfilled_days_are_placed_in_date_order() -> None:
    sessions, logs = frames({5: FULL, 0: FULL, 2: FULL})
    daily = A.daily_completion(sessions, logs, periods())
    assert [d.day for d in daily["date"].dt.date] == [2, 4, 7]


def test_plan_changes_apply_from_their_day() -> None:
    later = Plan.from_json({"exercises": [{"id": "toe_yoga", "sets": 1}]})
    records = [
        RoutineRecord(MONDAY, PLAN, 3, False, 1),
        RoutineRecord(MONDAY + timedelta(days=7), later, 5, True, 2),
    ]
    sessions, logs = frames({1: FULL, 8: [("toe_yoga", "done", 1)]})
    daily = A.daily_completion(sessions, logs, A.plan_periods(records))
    assert daily["completion"].tolist() == [1.0, 1.0]
    weeks = A.weekly_adherence(daily, A.plan_periods(records), MONDAY, MONDAY + timedelta(13))
    assert weeks["planned"].tolist() == [3, 5]


def test_chart_builders_produce_valid_vega_lite() -> None:
    sessions, logs = frames({d: FULL for d in range(0, 40, 2)}, pain={d: 5 for d in range(40)})
    daily = A.daily_completion(sessions, logs, periods())
    end = MONDAY + timedelta(days=40)
    cal = A.calendar(daily, MONDAY, end)
    weeks = A.weekly_adherence(daily, periods(), MONDAY, end)
    scores = A.habit_strength(daily, periods(), MONDAY, end)
    pain = A.pain_series(
        daily, pd.DataFrame(columns=["checkin_date", "morning_pain", "compared"]), MONDAY, end
    )
    tests = pd.DataFrame(
        {
            "test_date": pd.to_datetime([MONDAY, MONDAY]),
            "foot": ["left", "right"],
            "arch_index": [0.28, 0.24],
            "arch_type": ["flat", "normal"],
        }
    )
    built = [
        charts.calendar_heatmap(cal),
        charts.weekly_bars(weeks),
        charts.habit_strength_chart(scores),
        charts.pain_and_adherence(pain, weeks),
        charts.before_after_chart(A.pain_before_after(daily.assign(pain_after=3))),
        charts.exercise_rates_chart(A.exercise_rates(logs, {"towel_curls": "Towel curls"})),
        charts.arch_history_chart(tests),
    ]
    for chart in built:
        spec = chart.to_dict()  # checked against the Vega-Lite schema (the app skips that)
        assert charts.spec(chart) == spec  # what the app draws is this checked spec
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        data = spec.get("datasets", {})
        assert data, "the chart carries its (aggregated) data"
    heat = built[0].to_dict()
    assert sum(len(v) for v in heat["datasets"].values()) == len(cal)  # one cell per day only


CHECKIN_COLUMNS = ["checkin_date", "morning_pain", "compared"]


def _labels(chart) -> list[str]:
    """The texts a chart really draws (rendered offline, as the report does)."""
    import re

    import vl_convert

    svg = vl_convert.vegalite_to_svg(chart.to_dict())
    return re.findall(r"<text[^>]*>([^<]+)</text>", svg)


@pytest.mark.parametrize("days", [120, 365, 900])
def test_dates_name_each_month_once_on_the_calendar_and_the_time_axes(days: int) -> None:
    """Four months of history used to label "Sep 2026" twice on the calendar and four times
    under the habit strength chart."""
    start = MONDAY
    end = start + timedelta(days=days)
    sessions, logs = frames({d: FULL for d in range(0, days, 2)}, pain={d: 4 for d in range(days)})
    daily = A.daily_completion(sessions, logs, periods())
    for chart in (
        charts.habit_strength_chart(A.habit_strength(daily, periods(), start, end)),
        charts.calendar_heatmap(A.calendar(daily, start, end)),
        charts.pain_and_adherence(
            A.pain_series(daily, pd.DataFrame(columns=CHECKIN_COLUMNS), start, end),
            A.weekly_adherence(daily, periods(), start, end),
        ),
    ):
        months = [t for t in _labels(chart) if len(t.split()) == 2 and t.split()[1].isdigit()]
        assert months, "the axis names months"
        assert len(months) == len(set(months)), months
