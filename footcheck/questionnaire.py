"""The symptom questionnaire: questions as data, validation, red-flag triage, change summaries.

Wording is our own (licensed instruments such as STarT Back or the Oswestry index are not
reproduced). Pain uses the free 0-10 numeric rating scale. Red flags follow the lists in
docs/safety.md and are asked one by one, because people rarely volunteer bowel,
bladder or saddle symptoms unless asked directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from footcheck.exercises import EQUIPMENT
from footcheck.vocabulary import REGION_LABELS, REGIONS, SIDE_LABELS, SIDED_REGIONS


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: str  # yes_no | choice | multi | number
    section: str
    options: tuple[tuple[str, str], ...] = ()  # (value, label)
    required: bool = True
    low: int = 0
    high: int = 10
    help: str = ""


@dataclass(frozen=True)
class RedFlag:
    id: str
    level: str  # emergency | urgent
    question: str
    reason: str  # what we tell the person when it is answered "yes"


EMERGENCY_FLAGS = (
    RedFlag("rf_urine_start", "emergency",
            "Since your pain began, have you had new difficulty starting to pass urine?",
            "new difficulty passing urine"),
    RedFlag("rf_continence", "emergency",
            "Have you lost control of your bladder or bowels, or stopped feeling when your "
            "bowel is full?",
            "loss of bladder or bowel control or feeling"),
    RedFlag("rf_saddle", "emergency",
            "Is there numbness or a changed feeling around your back passage, genitals or "
            "inner thighs (the area that would touch a saddle)?",
            "numbness or changed feeling in the saddle area"),
    RedFlag("rf_sexual", "emergency",
            "Have you noticed new problems with sexual function since the pain started?",
            "new problems with sexual function"),
    RedFlag("rf_both_legs", "emergency",
            "Does pain, tingling or numbness shoot down BOTH legs?",
            "nerve pain (sciatica) in both legs"),
    RedFlag("rf_weakness", "emergency",
            "Are your legs getting weaker, or has the way you walk changed?",
            "severe or worsening leg weakness or a change in walking"),
    RedFlag("rf_major_trauma", "emergency",
            "Did the pain start after a serious accident or a bad fall?",
            "back pain after a serious accident or fall"),
    RedFlag("rf_chest", "emergency",
            "Do you have chest pain together with the back pain?",
            "back pain with chest pain"),
    RedFlag("rf_cold_leg", "emergency",
            "Is one leg or foot suddenly cold, pale, newly numb, or without a pulse?",
            "a cold, pale, pulseless or newly numb leg"),
    RedFlag("rf_hot_joint", "emergency",
            "Is a joint hot, red and swollen while you also have a fever?",
            "a hot, red, swollen joint with fever"),
    RedFlag("rf_diabetic_foot", "emergency",
            "If you have diabetes: does a foot have a wound, pus or redness that is spreading?",
            "a diabetic foot with a wound, pus or spreading redness"),
)  # fmt: skip

URGENT_FLAGS = (
    RedFlag("ur_cancer", "urgent", "Have you ever had cancer?", "a history of cancer"),
    RedFlag("ur_weight", "urgent", "Have you lost weight recently without trying?",
            "weight loss you cannot explain"),
    RedFlag("ur_fever", "urgent", "Do you have a fever or chills, or feel generally unwell?",
            "fever, chills or feeling generally unwell"),
    RedFlag("ur_immune", "urgent",
            "Is your immune system weakened (by illness or medicines), or do you inject drugs?",
            "a weakened immune system or injecting drug use"),
    RedFlag("ur_night", "urgent", "Is the pain constant at night, and does rest not ease it?",
            "constant night pain that rest does not ease"),
    RedFlag("ur_minor_trauma", "urgent",
            "Did the pain start after a small fall or knock, and do you have thin bones "
            "(osteoporosis) or take steroid tablets long-term?",
            "pain after a minor injury with osteoporosis or long-term steroids"),
    RedFlag("ur_no_better", "urgent",
            "Has the pain not improved at all after about a month?",
            "no improvement after about a month"),
    RedFlag("ur_ottawa", "urgent",
            "After an injury to your ankle, foot or knee: could you NOT take four steps, or "
            "NOT bend the knee to a right angle?",
            "unable to take four steps or bend the knee after an injury"),
    RedFlag("ur_child_limp", "urgent",
            "Is this for a child or teenager who has hip or knee pain and a limp?",
            "a child or teenager with hip or knee pain and a limp"),
)  # fmt: skip

RED_FLAGS = EMERGENCY_FLAGS + URGENT_FLAGS

SIDES = tuple(SIDE_LABELS.items())
DURATIONS = (
    ("under_6_weeks", "Less than 6 weeks"),
    ("6_to_12_weeks", "6 to 12 weeks"),
    ("over_12_weeks", "More than 12 weeks"),
)
AGE_GROUPS = (("under_20", "Under 20"), ("20_to_50", "20 to 50"), ("over_50", "Over 50"))

SYMPTOM_QUESTIONS = (
    Question("age_group", "Your age", "choice", "pain", AGE_GROUPS),
    Question(
        "duration", "How long have you had this pain?", "choice", "pain", DURATIONS, required=False
    ),
    Question(
        "worse",
        "What makes it worse?",
        "multi",
        "pain",
        (
            ("standing", "Standing for long"),
            ("walking", "Walking"),
            ("sitting", "Sitting"),
            ("mornings", "Mornings, first steps"),
            ("stairs", "Stairs"),
            ("sport", "Running or sport"),
        ),
        required=False,
    ),
    Question(
        "helps",
        "What helps?",
        "multi",
        "pain",
        (
            ("rest", "Rest"),
            ("moving", "Moving about"),
            ("heat", "Heat"),
            ("stretching", "Stretching"),
            ("good_shoes", "Good shoes"),
            ("nothing", "Nothing yet"),
        ),
        required=False,
    ),
    Question("sitting_hours", "Hours sitting on a usual day", "number", "life", low=0, high=24),
    Question(
        "standing_job",
        "Does your work keep you on your feet most of the day?",
        "yes_no",
        "life",
    ),
    Question(
        "sport",
        "Regular exercise or sport",
        "choice",
        "life",
        (
            ("none", "None"),
            ("walking", "Walking"),
            ("running", "Running"),
            ("team", "Team or court sport"),
            ("gym", "Gym or classes"),
            ("other", "Something else"),
        ),
    ),
    Question(
        "footwear",
        "What do you wear on your feet most days?",
        "multi",
        "life",
        (
            ("flip_flops", "Flip-flops or slides"),
            ("narrow", "Shoes narrow at the toes"),
            ("heels", "High heels"),
            ("cushioned", "Thick cushioned trainers"),
            ("supportive", "Supportive shoes"),
            ("flexible", "Flexible, wide shoes"),
        ),
        required=False,
    ),
    Question(
        "barefoot",
        "How much time do you spend barefoot?",
        "choice",
        "life",
        (
            ("rarely", "Rarely"),
            ("some", "An hour or two a day"),
            ("lots", "Most of my time at home"),
        ),
    ),
    Question(
        "equipment",
        "What do you have at hand?",
        "multi",
        "fit",
        (
            *((e, e.replace("_", " ").capitalize()) for e in EQUIPMENT),
            ("pan", "Pan or tray of water"),
        ),
        required=False,
        help="Pencil also means a few marbles; a wall means a clear stretch of wall to lean on.",
    ),
    Question(
        "floor_ok",
        "Can you get down to the floor and back up again without help?",
        "yes_no",
        "fit",
    ),
    Question(
        "balance",
        "How steady are you standing on one leg?",
        "choice",
        "fit",
        (
            ("steady", "Steady"),
            ("unsure", "A bit unsure, I need something to hold"),
            ("unsafe", "I would not risk it"),
        ),
    ),
    Question("minutes_per_day", "Minutes a day you can give", "number", "fit", low=5, high=60),
    Question("days_per_week", "Days a week", "number", "fit", low=1, high=7),
)  # fmt: skip

DEFAULTS: dict[str, Any] = {
    "worse": [],
    "helps": [],
    "footwear": [],
    "equipment": ["chair", "wall"],
    "minutes_per_day": 15,
    "days_per_week": 4,
}


@dataclass(frozen=True)
class Triage:
    level: str  # none | urgent | emergency
    reasons: tuple[str, ...]  # plain phrases, e.g. "nerve pain (sciatica) in both legs"

    @property
    def blocks_routine(self) -> bool:
        return self.level == "emergency"

    def message(self) -> str:
        if self.level == "emergency":
            return (
                "Call your local emergency number or go to an emergency department. You told "
                "us about "
                + _join(self.reasons)
                + ". These signs can mean a problem that needs treatment within hours; do not "
                "wait and do not try exercises for it."
            )
        if self.level == "urgent":
            return (
                "You told us about "
                + _join(self.reasons)
                + ", which a doctor should check in the next few days, before you rely on "
                "self-help."
            )
        return "No warning signs in your answers."


def _join(items: tuple[str, ...]) -> str:
    items = tuple(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _pain_now(answers: Mapping[str, Any], region: str) -> int:
    """The pain now in ``region``; 0 when not given or not a score (``validate`` says why)."""
    pain = answers.get("pain")
    entry = pain.get(region) if isinstance(pain, Mapping) else None
    if isinstance(entry, Mapping):
        entry = entry.get("now")
    return entry if isinstance(entry, int) and not isinstance(entry, bool) else 0


def triage(answers: Mapping[str, Any]) -> Triage:
    """Red-flag tier of a set of answers, with the reasons. Emergency always wins."""
    emergency = tuple(f.reason for f in EMERGENCY_FLAGS if answers.get(f.id) is True)
    if emergency:
        return Triage("emergency", emergency)
    urgent = [f.reason for f in URGENT_FLAGS if answers.get(f.id) is True]
    back_pain = max(_pain_now(answers, "lower_back"), _pain_now(answers, "mid_back"))
    if (
        back_pain > 0
        and answers.get("duration") == "under_6_weeks"
        and answers.get("age_group") in ("under_20", "over_50")
    ):
        urgent.append("new back pain under the age of 20 or over 50")
    if _pain_now(answers, "mid_back") > 0:
        urgent.append("pain in the middle of the back")
    if urgent:
        return Triage("urgent", tuple(urgent))
    return Triage("none", ())


def validate(answers: Mapping[str, Any]) -> dict[str, str]:
    """Field id -> a message saying what is missing or wrong (empty when all is well)."""
    errors: dict[str, str] = {}
    for flag in RED_FLAGS:
        if answers.get(flag.id) not in (True, False):
            errors[flag.id] = "Please answer yes or no: safety questions cannot be skipped."
    pain = answers.get("pain")
    if not isinstance(pain, Mapping):
        errors["pain"] = "Please tell us where it hurts (or choose 'nothing hurts right now')."
    else:
        known = set(REGIONS)
        for region, entry in pain.items():
            if region not in known:
                errors["pain"] = f"Unknown body area {region!r}."
                continue
            if not isinstance(entry, Mapping):
                errors[f"pain.{region}"] = "Please give the pain as numbers from 0 to 10."
                continue
            for key in ("now", "worst"):
                value = entry.get(key)
                if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10:
                    errors[f"pain.{region}.{key}"] = "Pain scores go from 0 (none) to 10 (worst)."
            now, worst = entry.get("now"), entry.get("worst")
            if isinstance(now, int) and isinstance(worst, int) and worst < now:
                errors[f"pain.{region}.worst"] = (
                    "The worst pain in the last 24 hours cannot be lower than the pain now."
                )
            if region in SIDED_REGIONS and entry.get("side") not in {s for s, _ in SIDES}:
                errors[f"pain.{region}.side"] = "Please say which side: left, right or both."
    for q in SYMPTOM_QUESTIONS:
        value = answers.get(q.id)
        if value is None:
            if q.required:
                errors[q.id] = "Please answer this question."
            continue
        allowed = {v for v, _ in q.options}
        if q.kind == "yes_no" and value not in (True, False):
            errors[q.id] = "Please answer yes or no."
        elif q.kind == "choice" and value not in allowed:
            errors[q.id] = "Please pick one of the options."
        elif q.kind == "multi" and (
            not isinstance(value, (list, tuple)) or not set(value) <= allowed
        ):
            errors[q.id] = "Please pick from the options shown."
        elif q.kind == "number" and (
            isinstance(value, bool) or not isinstance(value, int) or not q.low <= value <= q.high
        ):
            errors[q.id] = f"Please enter a whole number from {q.low} to {q.high}."
    if worst_pain(answers) > 0 and answers.get("duration") is None:
        errors["duration"] = "Please say how long you have had the pain."
    return errors


def worst_pain(answers: Mapping[str, Any]) -> int:
    return max((_pain_now(answers, r) for r in REGIONS), default=0)


@dataclass(frozen=True)
class RoutineNeeds:
    """What the recommender needs from the questionnaire."""

    red_flag_level: str
    pain: dict[str, int]
    equipment: list[str]
    floor_ok: bool
    balance_ok: bool
    minutes_per_day: int
    days_per_week: int
    footwear: list[str]
    one_leg_ok: bool


def routine_needs(answers: Mapping[str, Any]) -> RoutineNeeds:
    equipment = [e for e in answers.get("equipment", DEFAULTS["equipment"]) if e in EQUIPMENT]
    return RoutineNeeds(
        red_flag_level=triage(answers).level,
        pain={r: _pain_now(answers, r) for r in REGIONS},
        equipment=equipment,
        floor_ok=answers.get("floor_ok") is True,
        balance_ok=answers.get("balance") == "steady",
        minutes_per_day=int(answers.get("minutes_per_day", DEFAULTS["minutes_per_day"])),
        days_per_week=int(answers.get("days_per_week", DEFAULTS["days_per_week"])),
        footwear=list(answers.get("footwear", [])),
        one_leg_ok=answers.get("balance") != "unsafe",
    )


def summarize_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """What changed between two questionnaires, in the person's terms ("Knee pain 6 -> 4")."""
    changes = []
    for region, label in REGION_LABELS.items():
        before, after = _pain_now(old, region), _pain_now(new, region)
        if before != after:
            if after == 0:
                changes.append(f"{label} pain {before} -> 0 (gone)")
            elif before == 0:
                changes.append(f"{label} pain is new: {after}/10")
            else:
                trend = "better" if after < before else "worse"
                changes.append(f"{label} pain {before} -> {after} ({trend})")
    old_level, new_level = triage(old).level, triage(new).level
    if old_level != new_level:
        changes.append(f"Warning signs: {old_level} -> {new_level}")
    labels = {q.id: q for q in SYMPTOM_QUESTIONS}
    for key in ("duration", "minutes_per_day", "days_per_week", "balance", "floor_ok"):
        if old.get(key) != new.get(key) and key in labels:
            changes.append(
                f"{labels[key].text}: {_show(labels[key], old.get(key))} -> "
                f"{_show(labels[key], new.get(key))}"
            )
    return changes


def _show(question: Question, value: Any) -> str:
    if value is None:
        return "-"
    if question.kind == "yes_no":
        return "yes" if value else "no"
    for code, label in question.options:
        if code == value:
            return label.lower()
    return str(value)
