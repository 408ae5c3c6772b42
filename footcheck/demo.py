"""A realistic demo profile: arch tests, a questionnaire, a routine and months of logs.

Used by ``python -m footcheck demo`` (to show the app with data at once), by tests, and by the
Progress benchmark. The history ends today: sessions on most planned days with gaps (a missed
week, forgotten days), partial days and skipped exercises, pain easing from about 6 to 3, and
next-morning check-ins.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from footcheck.exercises import EQUIPMENT
from footcheck.imaging.analyze import analyze_imprint
from footcheck.imaging.overlay import THUMBNAIL_SIDE, overlay_bytes
from footcheck.imaging.synth import FootShape, Placement, Scene, encode, with_arch_index
from footcheck.questionnaire import RED_FLAGS
from footcheck.recommend import RecommendInput, recommend
from footcheck.store import (
    ArchTestRecord,
    Checkin,
    ExerciseLog,
    QuestionnaireRecord,
    RoutineRecord,
    SessionEntry,
    Store,
    ValidationError,
)

DEMO_ANSWERS = {
    **{flag.id: False for flag in RED_FLAGS},
    "pain": {
        "lower_back": {"now": 6, "worst": 7},
        "knee": {"now": 3, "worst": 4, "side": "right"},
    },
    "age_group": "20_to_50",
    "duration": "over_12_weeks",
    "worse": ["standing", "mornings"],
    "helps": ["moving"],
    "sitting_hours": 9,
    "standing_job": False,
    "sport": "walking",
    "footwear": ["cushioned", "flip_flops"],
    "barefoot": "rarely",
    "equipment": ["chair", "towel", "wall", "tennis_ball"],
    "floor_ok": True,
    "balance": "steady",
    "minutes_per_day": 15,
    "days_per_week": 4,
}


@dataclass
class DemoSummary:
    profile_id: int
    name: str
    sessions: int
    checkins: int
    first_day: date


def demo_print(arch_index: float, side: str) -> ArchTestRecord:
    """Analyse a generated print of the given arch, as a person's photo would be analysed."""
    shape = with_arch_index(FootShape(side=side), arch_index)
    scene = Scene(width=900, height=1200, surface="cardboard", contrast=0.3)
    scene.feet = [(shape, Placement(450, 950, 8.0 if side == "left" else -8.0, 3.0))]
    photo = encode(scene)
    result = analyze_imprint(photo)
    foot = result.feet[0]
    record = ArchTestRecord(
        foot=side,
        arch_type=foot.arch_type,
        source="photo",
        confidence=foot.confidence,
        test_date=date.today(),
        arch_index=foot.arch_index,
        chippaux_smirak=foot.chippaux_smirak,
        staheli=foot.staheli,
        quality=foot.quality,
        thumbnail_png=overlay_bytes(photo, result, THUMBNAIL_SIDE, "PNG"),
    )
    return record


def create_demo(
    store: Store,
    days: int = 90,
    name: str = "Demo",
    today: date | None = None,
    seed: int = 7,
    exercises: int | None = None,
    every_day: bool = False,
) -> DemoSummary:
    """Create the demo profile with ``days`` days of history ending ``today``.

    ``exercises`` fixes the routine's length and ``every_day`` logs a session every single day
    (the Progress benchmark's "five years of daily logs" for a 10-exercise routine)."""
    if days < 1:
        raise ValidationError("The demo needs at least one day of history.")
    today = today or date.today()
    rng = random.Random(seed)
    first = today - timedelta(days=days - 1)
    profile = store.create_profile(name)

    tests = []
    for side, ai in (("left", 0.285), ("right", 0.252)):
        record = demo_print(ai, side)
        record.test_date = first
        tests.append(record)
    store.add_arch_tests(profile.id, tests)
    store.add_questionnaire(profile.id, QuestionnaireRecord(first, dict(DEMO_ANSWERS), "none", []))
    need = RecommendInput(
        arch_type="flat",
        pain={"lower_back": 6, "knee": 3},
        equipment=("chair", "towel", "wall", "tennis_ball"),
        floor_ok=True,
        balance_ok=True,
        minutes_per_day=15,
        days_per_week=4,
        footwear=("cushioned", "flip_flops"),
    )
    if exercises is not None:  # a longer routine: more time, every piece of equipment
        need = replace(need, minutes_per_day=60, equipment=EQUIPMENT)
    plan = recommend(need)
    if exercises is not None:
        plan = replace(plan, items=plan.items[:exercises])
    routine_id = store.save_routine(profile.id, RoutineRecord(first, plan, 4))

    entries: list[SessionEntry] = []
    checkins: list[Checkin] = []
    holiday = set()
    if days > 60:  # one missed week somewhere in the middle
        start = first + timedelta(days=rng.randrange(20, days - 30))
        holiday = {start + timedelta(days=i) for i in range(7)}
    yesterday_pain = 6
    for offset in range(days):
        day = first + timedelta(days=offset)
        progress = offset / max(1, days - 1)
        base_pain = round(6 - 3 * progress + rng.uniform(-1, 1))
        base_pain = max(0, min(10, base_pain))
        planned = day.weekday() in (0, 1, 3, 5)
        if rng.random() < 0.6:
            compared = (
                "better" if base_pain < yesterday_pain
                else "worse" if base_pain > yesterday_pain
                else "same"
            )  # fmt: skip
            checkins.append(Checkin(day, base_pain, compared))
        yesterday_pain = base_pain
        skip = day in holiday or not (planned or rng.random() < 0.1) or rng.random() < 0.12
        if skip and not every_day:
            continue
        logs = []
        for item in plan.items:
            roll = rng.random()
            if roll < 0.8:
                logs.append(ExerciseLog(item.id, "done", item.sets))
            elif roll < 0.92:
                logs.append(ExerciseLog(item.id, "partial", max(0, item.sets - 1)))
            else:
                reason = rng.choice(["no_time", "forgot", "pain", "other"])
                logs.append(ExerciseLog(item.id, "skipped", 0, reason))
        after = max(0, min(10, base_pain + rng.choice([-1, -1, 0, 0, 1])))
        difficulty = rng.choice(["right", "right", "right", "too_easy", "too_hard"])
        note = rng.choice(["", "", "", "", "felt good", "busy day", "calves tight"])
        entries.append(SessionEntry(day, logs, base_pain, after, difficulty, note, routine_id))
    store.save_sessions(profile.id, entries)
    store.save_checkins(profile.id, checkins)
    return DemoSummary(profile.id, profile.name, len(entries), len(checkins), first)
