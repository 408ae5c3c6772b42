"""Adherence numbers: completion per day, weekly adherence, streaks, habit strength, pain.

Everything is computed in pandas from the stored logs and handed to the charts already
aggregated (the browser only receives what a chart draws). Conventions follow Loop Habit
Tracker (docs/adherence.md), adapted to a routine of several exercises done some days a
week rather than a daily yes/no habit.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from footcheck.plan import Plan

DONE_THRESHOLD = 0.5  # a day counts as a session when at least half the routine was done


@dataclass(frozen=True)
class PlanPeriod:
    """A routine as it was from ``start`` on: its prescribed sets and days per week."""

    start: date
    sets: Mapping[str, int]  # exercise id -> prescribed sets
    days_per_week: int


def plan_periods(routines: Sequence[Any]) -> list[PlanPeriod]:
    """Routine records (oldest first) as periods; a later routine replaces an earlier one."""
    periods = []
    for record in sorted(routines, key=lambda r: (r.created_on, r.id or 0)):
        sets = record.plan.sets
        if periods and periods[-1].start == record.created_on:
            periods.pop()  # several saves on one day: the last one counts
        periods.append(PlanPeriod(record.created_on, sets, int(record.days_per_week)))
    return periods


def period_on(periods: Sequence[PlanPeriod], day: date) -> PlanPeriod | None:
    if not periods:
        return None
    return periods[int(period_index_on(periods, np.array([np.datetime64(day)]))[0])]


def period_index_on(periods: Sequence[PlanPeriod], days: np.ndarray) -> np.ndarray:
    """For each day (datetime64), the index of its plan: the last period begun by then, else
    the first. Whole columns at once: a Timestamp per day took 50 ms a year."""
    index = np.zeros(len(days), dtype=int)
    for i, period in enumerate(periods):
        index[days >= np.datetime64(period.start)] = i
    return index


def daily_completion(
    sessions: pd.DataFrame, logs: pd.DataFrame, periods: Sequence[PlanPeriod]
) -> pd.DataFrame:
    """One row per logged day: completion 0..1 against that day's routine, done flag, note.

    An exercise done counts 1, partly done counts sets done / sets prescribed (half when the
    sets were not given), skipped 0; exercises of the routine that were not logged count 0.
    Vectorised: five years of daily logs must stay as quick as a week."""
    columns = ["date", "completion", "done", "pain_before", "pain_after", "difficulty", "note"]
    if sessions.empty:
        return pd.DataFrame(columns=columns)
    frame = sessions.rename(columns={"session_date": "date"}).copy()
    frame["date"] = pd.to_datetime(frame["date"]).dt.normalize()
    frame["period"] = _period_index(frame["date"], periods)
    if logs.empty:
        frame["completion"] = 0.0
    else:
        entries = logs.rename(columns={"session_date": "date"}).copy()
        entries["date"] = pd.to_datetime(entries["date"]).dt.normalize()
        entries["period"] = _period_index(entries["date"], periods)
        prescribed = pd.DataFrame(
            [
                {"period": i, "exercise_id": ex, "prescribed": n}
                for i, p in enumerate(periods)
                for ex, n in p.sets.items()
            ],
            columns=["period", "exercise_id", "prescribed"],
        )
        entries = entries.merge(prescribed, on=["period", "exercise_id"], how="left")
        in_plan = entries["prescribed"].notna() | (len(periods) == 0)
        sets_done = pd.to_numeric(entries["sets_done"], errors="coerce")
        partial = (sets_done / entries["prescribed"].fillna(1)).clip(upper=1.0)
        partial = partial.where(sets_done > 0, 0.5)
        entries["credit"] = np.select(
            [entries["status"] == "done", entries["status"] == "partial"], [1.0, partial], 0.0
        )
        credit = entries[in_plan].groupby("date")["credit"].agg(["sum", "count"])
        frame = frame.join(credit, on="date")
        size = np.array([len(p.sets) for p in periods] or [0])
        planned = size[frame["period"].to_numpy()] if periods else frame["count"].to_numpy()
        planned = np.where(planned > 0, planned, frame["count"].fillna(0))
        frame["completion"] = (frame["sum"].fillna(0) / np.maximum(planned, 1)).clip(0, 1)
    frame["completion"] = frame["completion"].astype(float)
    frame["done"] = frame["completion"] >= DONE_THRESHOLD
    frame["note"] = frame["note"].fillna("")
    return frame[columns].sort_values("date").reset_index(drop=True)


def _period_index(days: pd.Series, periods: Sequence[PlanPeriod]) -> np.ndarray:
    """Index of the plan in force on each day (the first plan before it started)."""
    if not periods:
        return np.zeros(len(days), dtype=int)
    starts = np.array([np.datetime64(p.start, "ns") for p in periods])
    index = np.searchsorted(starts, days.to_numpy(dtype="datetime64[ns]"), side="right") - 1
    return np.clip(index, 0, len(periods) - 1)


def session_completion(sessions: pd.DataFrame, logs: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """Sessions with a ``completion`` column against one plan (what progression looks at)."""
    period = PlanPeriod(date(1970, 1, 1), plan.sets, plan.days_per_week)
    daily = daily_completion(sessions, logs, [period])
    if daily.empty:
        return pd.DataFrame(columns=["session_date", "pain_after", "difficulty", "completion"])
    return daily.rename(columns={"date": "session_date"})[
        ["session_date", "pain_after", "difficulty", "completion"]
    ]


# -- calendar and weekly adherence -------------------------------------------------------------
def calendar(daily: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Every day in [start, end] with its completion (0 when nothing logged), for the heatmap:
    week (Monday's date), weekday (0 = Monday), completion, done, note."""
    days = pd.date_range(start, end, freq="D")
    frame = pd.DataFrame({"date": days})
    if not daily.empty:
        keep = daily[["date", "completion", "done", "note"]]
        frame = frame.merge(keep, on="date", how="left")
    else:
        frame["completion"], frame["done"], frame["note"] = np.nan, False, ""
    frame["logged"] = frame["completion"].notna()
    frame["completion"] = frame["completion"].fillna(0.0).astype(float)
    frame["done"] = frame["done"].astype("boolean").fillna(False).astype(bool)
    frame["note"] = frame["note"].fillna("")
    frame["weekday"] = frame["date"].dt.day_of_week
    frame["week"] = (frame["date"] - pd.to_timedelta(frame["weekday"], unit="D")).dt.normalize()
    return frame


def weekly_adherence(
    daily: pd.DataFrame, periods: Sequence[PlanPeriod], start: date, end: date
) -> pd.DataFrame:
    """Per week (Monday start): sessions done, sessions planned, met or not.

    The first and last weeks are cut by the range; their plan is scaled to the days they hold
    (rounded up), so a week that has only just begun is not counted as missed."""
    cal = calendar(daily, start, end)
    weeks = cal.groupby("week").agg(done=("done", "sum"), days=("date", "count")).reset_index()
    planned = []
    for row in weeks.itertuples(index=False):
        period = period_on(periods, row.week.date() + timedelta(days=6))
        per_week = period.days_per_week if period else 3
        planned.append(math.ceil(per_week * row.days / 7) if row.days < 7 else per_week)
    weeks["planned"] = planned
    weeks["done"] = weeks["done"].astype(int)
    weeks["met"] = weeks["done"] >= weeks["planned"]
    weeks["adherence"] = (weeks["done"] / weeks["planned"].clip(lower=1)).clip(upper=1.0)
    return weeks


# -- streaks -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Streaks:
    current: int  # sessions in the current unbroken run (0 if broken)
    best: int
    current_since: date | None
    allowed_gap: int  # days that may pass between sessions without breaking the run


def allowed_gap(days_per_week: int) -> int:
    """Longest wait between two sessions that can still fit the plan in some 7-day week.

    Daily -> 1 (the next day); 3 a week -> 5; once a week -> 7. Rest days the plan allows
    therefore never break a streak."""
    return 8 - max(1, min(7, days_per_week))


def streaks(daily: pd.DataFrame, periods: Sequence[PlanPeriod], today: date) -> Streaks:
    done_days = sorted(d.date() for d in daily.loc[daily["done"], "date"]) if len(daily) else []
    if not done_days:
        return Streaks(0, 0, None, allowed_gap(periods[-1].days_per_week if periods else 3))
    best = run = 1
    run_start = done_days[0]
    for previous, day in itertools.pairwise(done_days):
        period = period_on(periods, day)
        gap_ok = (day - previous).days <= allowed_gap(period.days_per_week if period else 3)
        run = run + 1 if gap_ok else 1
        if not gap_ok:
            run_start = day
        best = max(best, run)
    period = period_on(periods, today)
    gap = allowed_gap(period.days_per_week if period else 3)
    alive = (today - done_days[-1]).days <= gap
    return Streaks(run if alive else 0, best, run_start if alive else None, gap)


# -- habit strength (Loop Habit Tracker) ---------------------------------------------------------
def habit_strength(
    daily: pd.DataFrame, periods: Sequence[PlanPeriod], start: date, end: date
) -> pd.DataFrame:
    """Daily score 0..1: score = previous * m + c * (1 - m), m = 0.5 ** (sqrt(f) / 13),
    f = planned sessions per day, c = min(1, sessions in the last 7 days / planned per week)
    (for a daily plan: whether today's session was done).

    A daily routine kept perfectly reaches about 80 % after a month."""
    cal = calendar(daily, start, end)
    done = cal["done"].astype(float).to_numpy()
    last7 = pd.Series(done).rolling(7, min_periods=1).sum().to_numpy()
    if periods:
        plans = period_index_on(periods, cal["date"].to_numpy())
        per_week = np.array([p.days_per_week for p in periods], dtype=float)[plans]
    else:
        per_week = np.full(len(cal), 3.0)
    # A daily plan looks at the day itself (as Loop does for daily habits); other plans at the
    # last 7 days, so the rest days between sessions cost nothing.
    c = np.where(per_week >= 7, done, np.minimum(1.0, last7 / per_week))
    m = 0.5 ** (np.sqrt(per_week / 7.0) / 13.0)
    # One step per day (m changes when the plan does). A plain loop: a few thousand days take
    # a millisecond, and scipy's filter would cost more than half a second to import.
    score = np.empty_like(c)
    previous = 0.0
    for i, (mi, ci) in enumerate(zip(m.tolist(), c.tolist(), strict=True)):
        previous = previous * mi + ci * (1 - mi)
        score[i] = previous
    return pd.DataFrame({"date": cal["date"], "score": score, "last7": last7, "planned": per_week})


def explain_strength(scores: pd.DataFrame) -> str:
    """A plain sentence on how the score works and why it is where it is today."""
    if scores.empty:
        return "Your habit strength starts once you log your first session."
    today = scores.iloc[-1]
    week_ago = scores.iloc[-8] if len(scores) >= 8 else scores.iloc[0]
    trend = (
        "rising" if today.score > week_ago.score + 0.005
        else "falling" if today.score < week_ago.score - 0.005
        else "steady"
    )  # fmt: skip
    return (
        f"Habit strength is {today.score * 100:.0f}% and {trend}. Each day it moves a small "
        f"step towards how well the last 7 days kept your plan (now {int(today.last7)} "
        f"sessions in 7 days, plan {int(today.planned)}), so one missed day costs little and a "
        "month of "
        "keeping it brings you to about 80%. It is computed as in Loop Habit Tracker."
    )


# -- pain ----------------------------------------------------------------------------------------
def pain_series(
    daily: pd.DataFrame, checkins: pd.DataFrame, start: date, end: date, window: int = 7
) -> pd.DataFrame:
    """Pain per day (morning check-in, else pain before the session) and its rolling mean over
    ``window`` calendar days (gaps are not filled in: the mean uses the days that have a value)."""
    parts = []
    if not checkins.empty:
        morning = checkins.rename(columns={"checkin_date": "date", "morning_pain": "pain"})
        parts.append(morning[["date", "pain"]].assign(source="morning"))
    if not daily.empty:
        before = daily[["date", "pain_before"]].dropna().rename(columns={"pain_before": "pain"})
        parts.append(before.assign(source="before session"))
    if not parts:
        return pd.DataFrame(columns=["date", "pain", "rolling"])
    pain = pd.concat(parts)
    pain["date"] = pd.to_datetime(pain["date"])
    pain = pain[(pain["date"] >= pd.Timestamp(start)) & (pain["date"] <= pd.Timestamp(end))]
    # A morning check-in describes the day best; otherwise the pain logged before a session.
    pain = pain.sort_values(["date", "source"], ascending=[True, False]).drop_duplicates("date")
    pain = pain.set_index("date")[["pain"]].astype(float).sort_index()
    pain["rolling"] = pain["pain"].rolling(f"{window}D", min_periods=1).mean()
    return pain.reset_index()


def pain_before_after(daily: pd.DataFrame) -> pd.DataFrame:
    """Sessions with both pain scores, long format for a paired chart."""
    if daily.empty:
        return pd.DataFrame(columns=["date", "when", "pain"])
    both = daily.dropna(subset=["pain_before", "pain_after"])
    long = both.melt(id_vars="date", value_vars=["pain_before", "pain_after"],
                     var_name="when", value_name="pain")  # fmt: skip
    long["when"] = long["when"].map({"pain_before": "before", "pain_after": "after"})
    return long


def exercise_rates(logs: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Per exercise: how often it was done, partly done or skipped (shares of its logs)."""
    if logs.empty:
        return pd.DataFrame(columns=["exercise", "status", "share", "count"])
    counts = logs.groupby(["exercise_id", "status"]).size().rename("count").reset_index()
    totals = counts.groupby("exercise_id")["count"].transform("sum")
    counts["share"] = counts["count"] / totals
    counts["exercise"] = counts["exercise_id"].map(lambda i: names.get(i, i))
    return counts[["exercise", "status", "share", "count"]]


# -- one summary for every page and the report ---------------------------------------------------
@dataclass(frozen=True)
class Summary:
    """Everything FootCheck says about keeping a routine up, computed once (as Loop Habit
    Tracker's ``recompute()`` does); Home, Progress and the clinician report only read it.

    The period never starts before the person's first data (first session or first routine),
    so a person who began four days ago is not shown thirteen weeks of "plan not kept"."""

    start: date
    end: date
    daily: pd.DataFrame  # every logged day (all time): completion, done, pain, note
    in_period: pd.DataFrame  # the logged days inside [start, end]
    weeks: pd.DataFrame  # weekly sessions against the plan, inside [start, end]
    streak: Streaks
    scores: pd.DataFrame  # habit strength per day from the first data to ``end``
    pain: pd.DataFrame  # pain per day and its 7-day mean, inside [start, end]
    before_after: pd.DataFrame  # paired pain before/after sessions in the period

    @property
    def sessions(self) -> int:
        return int(self.in_period["done"].sum()) if len(self.in_period) else 0

    @property
    def weeks_met(self) -> int:
        return int(self.weeks["met"].sum()) if len(self.weeks) else 0

    @property
    def average_kept(self) -> float | None:
        """Average share of the weekly plan kept, 0..1 (None without a whole week to judge)."""
        return float(self.weeks["adherence"].mean()) if len(self.weeks) else None

    @property
    def strength(self) -> float | None:
        return float(self.scores["score"].iloc[-1]) if len(self.scores) else None

    @property
    def explanation(self) -> str:
        return explain_strength(self.scores)


def first_day(sessions: pd.DataFrame, routines: Sequence[Any]) -> date | None:
    """The first day FootCheck knows anything about this person's routine."""
    days = [r.created_on for r in routines]
    if not sessions.empty:
        days.append(pd.Timestamp(sessions["session_date"].min()).date())
    return min(days) if days else None


def summarize(
    sessions: pd.DataFrame,
    logs: pd.DataFrame,
    checkins: pd.DataFrame,
    routines: Sequence[Any],
    end: date,
    start: date | None = None,
) -> Summary | None:
    """The summary for [start, end] (start defaults to the first data), or None when there is
    no data at all. ``start`` earlier than the first data is moved up to it."""
    first = first_day(sessions, routines)
    if first is None or first > end:
        return None
    start = max(start or first, first)
    periods = plan_periods(routines)
    daily = daily_completion(sessions, logs, periods)
    if len(daily):
        window = (daily["date"].dt.date >= start) & (daily["date"].dt.date <= end)
        in_period = daily[window]
    else:
        in_period = daily
    return Summary(
        start=start,
        end=end,
        daily=daily,
        in_period=in_period,
        weeks=weekly_adherence(daily, periods, start, end),
        streak=streaks(daily, periods, end),
        scores=habit_strength(daily, periods, first, end),
        pain=pain_series(daily, checkins, start, end),
        before_after=pain_before_after(in_period),
    )
