"""Plain records that cross the store boundary (in and out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from footcheck.plan import Plan


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    created_at: datetime
    revision: int = 0  # raised by every change to the profile's data (Store.changing)


@dataclass
class ArchTestRecord:
    """One foot's arch result, from a photo, from answers, or from both."""

    foot: str  # "left" | "right"
    arch_type: str  # "high" | "normal" | "flat"
    source: str  # "photo" | "answers" | "photo+answers"
    confidence: float  # 0..1, how sure the app is of arch_type
    test_date: date
    arch_index: float | None = None
    chippaux_smirak: float | None = None
    staheli: float | None = None
    quality: float | None = None
    self_reported_type: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    image_sha256: str | None = None
    thumbnail_png: bytes | None = None
    id: int | None = None


@dataclass
class QuestionnaireRecord:
    taken_on: date
    answers: dict[str, Any]
    red_flag_level: str  # "none" | "urgent" | "emergency"
    red_flag_reasons: list[str]
    acknowledged: bool = False
    id: int | None = None


@dataclass
class RoutineRecord:
    created_on: date
    plan: Plan  # the routine (footcheck.plan)
    days_per_week: int
    active: bool = True
    id: int | None = None


@dataclass
class ExerciseLog:
    exercise_id: str
    status: str  # "done" | "partial" | "skipped"
    sets_done: int | None = None
    skip_reason: str | None = None  # when skipped: "no_time" | "pain" | "forgot" | ...


@dataclass
class SessionEntry:
    """Everything logged for one day; saving the same day again replaces it."""

    session_date: date
    exercises: list[ExerciseLog]
    pain_before: int | None = None
    pain_after: int | None = None
    difficulty: str | None = None  # "too_easy" | "right" | "too_hard"
    note: str = ""
    routine_id: int | None = None


@dataclass
class Checkin:
    """Next-morning pain, which the pain-monitoring model compares with the day before."""

    checkin_date: date
    morning_pain: int
    compared: str | None = None  # "better" | "same" | "worse"
