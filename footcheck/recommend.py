"""From arch type and answers to a routine a person can do today -- and how it should grow.

Pure and deterministic: the same input always gives the same routine, so a clinician (or a
test) can reason about it. The rules follow the source articles (docs/progression.md):
- a flat-looking print -> arch strength first (short-foot exercise, towel curls, toe control);
- a high-looking print -> mobility, calf stretching and massage for a stiff foot;
- knee pain -> seated options first; heel or foot pain -> calf stretch and massage, no heel
  walking; high pain -> only the easiest level;
- emergency red flags -> no routine at all; urgent ones -> gentle exercises only.
Progression follows the pain-monitoring model (docs/progression.md): one change at a time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd

from footcheck.exercises import CATEGORIES, EQUIPMENT, Catalogue, Exercise, load_catalogue
from footcheck.plan import LeftOut, Plan, PlanItem, item_for
from footcheck.questionnaire import RoutineNeeds
from footcheck.vocabulary import ARCH_TYPES, RED_FLAG_LEVELS, REGIONS

SAFETY_RULES = (
    "Some discomfort is fine: pain during an exercise may reach 5 out of 10, but no higher.",
    "Any pain it stirs up should settle by the next morning. If you wake up worse, do less "
    "next time.",
    "Stop an exercise that gives you sharp, stabbing or shooting pain.",
    "Swelling, bruising, or pain that is hard to manage: stop and see a doctor or physiotherapist.",
    "Hold on to a chair, counter or wall whenever you stand on one leg or on your toes.",
)
URGENT_RULE = (
    "You reported a warning sign: see a doctor within the next few days. Until then keep to "
    "these gentle exercises and stop if anything feels worse."
)

# How the available minutes are shared between the parts of a routine.
SHARES = {
    "flat": {"mobility": 0.25, "strength": 0.55, "balance": 0.15, "massage": 0.05},
    "high": {"mobility": 0.45, "strength": 0.25, "balance": 0.1, "massage": 0.2},
    "normal": {"mobility": 0.3, "strength": 0.45, "balance": 0.15, "massage": 0.1},
}
TARGET_WEIGHTS = {
    "flat": {"arch_strength": 3.0, "toe_dexterity": 1.5, "ankle_strength": 1.0, "balance": 1.0,
             "ankle_mobility": 0.7, "calf_flexibility": 0.7, "massage": 0.3},
    "high": {"ankle_mobility": 2.5, "calf_flexibility": 2.5, "massage": 2.0, "toe_dexterity": 1.0,
             "arch_strength": 0.6, "ankle_strength": 0.6, "balance": 0.8},
    "normal": {"arch_strength": 1.5, "ankle_mobility": 1.5, "calf_flexibility": 1.0,
               "balance": 1.0, "toe_dexterity": 1.0, "ankle_strength": 1.0, "massage": 0.6},
}  # fmt: skip
BELOW_DOSE = 0.8  # a session with less than 80 % of the routine done fell short of the dose
WALKING_DRILLS = ("tiptoe_walk", "tiptoe_walk_three_ways", "heel_walk")
KEY_EXERCISE = {"flat": "short_foot_sitting", "high": "wall_calf_stretch"}


class InputError(ValueError):
    """An input value the recommender cannot use (the CLI turns this into exit status 2)."""


@dataclass(frozen=True)
class RecommendInput:
    arch_type: str | None = None
    red_flag_level: str = "none"
    pain: Mapping[str, int] = field(default_factory=dict)
    equipment: tuple[str, ...] = ("chair", "wall")
    floor_ok: bool = False
    balance_ok: bool = False
    minutes_per_day: int = 15
    days_per_week: int = 3
    footwear: tuple[str, ...] = ()
    one_leg_ok: bool = True  # False: no standing on one leg at all, not even holding on

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RecommendInput:
        """Build and validate from the CLI's JSON; missing keys take the defaults above,
        which are the cautious ones (no floor work, no balance work)."""
        if not isinstance(data, Mapping):
            raise InputError("the input must be a JSON object")
        unknown = set(data) - {f for f in cls.__dataclass_fields__}
        if unknown:
            raise InputError(f"unknown key(s): {', '.join(sorted(unknown))}")
        defaults = cls()
        arch = data.get("arch_type", defaults.arch_type)
        if arch is not None and arch not in ARCH_TYPES:
            raise InputError("arch_type must be high, normal, flat or null")
        level = data.get("red_flag_level", defaults.red_flag_level)
        if level not in RED_FLAG_LEVELS:
            raise InputError("red_flag_level must be none, urgent or emergency")
        pain = data.get("pain", {})
        if not isinstance(pain, Mapping):
            raise InputError("pain must be an object of body area -> 0-10")
        for region, value in pain.items():
            if region not in REGIONS:
                raise InputError(f"unknown pain area {region!r}")
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
                raise InputError(f"pain.{region} must be a whole number from 0 to 10")
        equipment = data.get("equipment", list(defaults.equipment))
        if not isinstance(equipment, list) or not set(equipment) <= set(EQUIPMENT):
            raise InputError(f"equipment must be a list drawn from {', '.join(EQUIPMENT)}")
        for key in ("floor_ok", "balance_ok", "one_leg_ok"):
            if not isinstance(data.get(key, False), bool):
                raise InputError(f"{key} must be true or false")
        minutes = data.get("minutes_per_day", defaults.minutes_per_day)
        days = data.get("days_per_week", defaults.days_per_week)
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 3 <= minutes <= 120:
            raise InputError("minutes_per_day must be a whole number from 3 to 120")
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 7:
            raise InputError("days_per_week must be a whole number from 1 to 7")
        footwear = data.get("footwear", [])
        if not isinstance(footwear, list):
            raise InputError("footwear must be a list")
        return cls(
            arch_type=arch,
            red_flag_level=level,
            pain={r: int(pain.get(r, 0)) for r in REGIONS},
            equipment=tuple(dict.fromkeys(equipment)),
            floor_ok=data.get("floor_ok", defaults.floor_ok),
            balance_ok=data.get("balance_ok", defaults.balance_ok),
            minutes_per_day=minutes,
            days_per_week=days,
            footwear=tuple(footwear),
            one_leg_ok=data.get("one_leg_ok", defaults.one_leg_ok),
        )

    @classmethod
    def from_needs(cls, needs: RoutineNeeds, arch_type: str | None) -> RecommendInput:
        """From the symptom answers (``questionnaire.routine_needs``) and the arch type."""
        return cls(
            arch_type=arch_type,
            red_flag_level=needs.red_flag_level,
            pain=needs.pain,
            equipment=tuple(needs.equipment),
            floor_ok=needs.floor_ok,
            balance_ok=needs.balance_ok,
            minutes_per_day=needs.minutes_per_day,
            days_per_week=needs.days_per_week,
            footwear=tuple(needs.footwear),
            one_leg_ok=needs.one_leg_ok,
        )

    def pain_in(self, region: str) -> int:
        return int(self.pain.get(region, 0))


def exclusion_reason(e: Exercise, need: RecommendInput) -> str | None:
    missing = [item for item in e.equipment if item not in need.equipment]
    if missing:
        return "needs " + " and ".join(m.replace("_", " ") for m in missing)
    if e.needs_floor and not need.floor_ok:
        return "done lying or sitting on the floor, which you said is not possible"
    if e.balance_demand == "high" and not need.balance_ok:
        return "needs confident balance on one leg"
    if need.red_flag_level == "urgent" and e.level > 1:
        return "kept for later: gentle options only until a doctor has seen you"
    if max(need.pain.values(), default=0) >= 7 and e.level > 1:
        return "kept for later: your pain is high, so only the easiest level for now"
    if need.pain_in("foot") >= 5 and e.id == "heel_walk":
        return "walking on the heels would load a painful heel"
    if need.pain_in("ankle") >= 5 and e.balance_demand != "low":
        return "standing balance work waits until the ankle settles"
    if need.pain_in("knee") >= 5 and e.id in ("knee_over_toe_stretch", "heel_raise_one_leg"):
        return "bends or loads a painful knee"
    if need.pain_in("knee") >= 3 and e.id in WALKING_DRILLS:
        return "walking on the toes or heels loads a painful knee"
    if not need.one_leg_ok and ("one_leg" in e.id or "single_leg" in e.id):
        return "stands on one leg, which you said you would not risk"
    return None


def _score(e: Exercise, arch: str, need: RecommendInput) -> tuple[float, str]:
    """A priority score and why the exercise suits this person, in plain words."""
    weights = TARGET_WEIGHTS[arch]
    score = sum(weights.get(t, 0.0) for t in e.targets) / math.sqrt(len(e.targets))
    leads: list[tuple[float, str]] = []
    main = e.targets[0]  # the catalogue lists the main target first
    if arch == "flat" and main in ("arch_strength", "toe_dexterity"):
        leads.append((2.0, "Your print looked flat"))
    elif arch == "high" and main in ("ankle_mobility", "calf_flexibility", "massage"):
        leads.append((2.0, "High arches tend to be stiff and take the load on a small area"))
    if KEY_EXERCISE.get(arch) == e.id:
        score += 2.5
    elif e.family == "short_foot":  # the best-studied arch exercise: worth a place for anyone
        score += 1.5
    if need.pain_in("knee") >= 3:
        if e.position in ("sitting", "lying"):
            score += 1.2
            weight = 2.5 if need.pain_in("knee") >= 5 else 1.8  # mild knee pain: arch first
            leads.append((weight, "Your knee hurts, so this one is done sitting or lying"))
        elif e.position == "standing" and e.category == "strength":
            score -= 1.0
    if need.pain_in("foot") >= 3 and ("calf_flexibility" in e.targets or "massage" in e.targets):
        score += 1.5
        leads.append((2.6, "Heel and sole pain often eases when the calf and sole loosen"))
    back = max(need.pain_in("lower_back"), need.pain_in("mid_back"))
    if back >= 3 and "calf_flexibility" in e.targets:
        score += 0.8
        leads.append((1.5, "Tight calves pull on the chain that runs up to your back"))
    if need.pain_in("hip") >= 3 and "balance" in e.targets and e.balance_demand != "high":
        score += 0.6
        leads.append((1.2, "Steadier feet help the hip muscles that keep your pelvis level"))
    if need.pain_in("ankle") >= 3 and "ankle_mobility" in e.targets:
        score += 0.8
        leads.append((1.4, "Gentle movement keeps a sore ankle from stiffening"))
    score -= 0.3 * (e.level - 1)
    if not leads:
        return score, e.purpose
    lead = max(leads, key=lambda item: item[0])[1]
    return score, f"{lead}: this {e.purpose[0].lower()}{e.purpose[1:]}"


def combine_arch(types: list[str | None]) -> str | None:
    """One type for two feet: a flat-looking foot needs the most help, then a high one."""
    known = [t for t in types if t in ARCH_TYPES]
    for kind in ("flat", "high", "normal"):
        if kind in known:
            return kind
    return None


def recommend(need: RecommendInput, catalogue: Catalogue | None = None) -> Plan:
    catalogue = catalogue or load_catalogue()
    habits = _habits(catalogue, need)
    if need.red_flag_level == "emergency":
        return Plan(
            items=(),
            days_per_week=need.days_per_week,
            arch_type=need.arch_type,
            blocked=(
                "You reported a warning sign that needs emergency care. Please seek medical "
                "help now; FootCheck will not suggest exercises while this stands."
            ),
            safety=("Seek emergency care now: call your emergency number or go to hospital.",),
        )
    arch = need.arch_type or "normal"
    left_out: list[LeftOut] = []
    pool: list[tuple[float, Exercise, str]] = []
    for e in catalogue.exercises:
        reason = exclusion_reason(e, need)
        if reason:
            left_out.append(LeftOut(e.id, reason))
            continue
        score, why = _score(e, arch, need)
        pool.append((score, e, why))
    # Everyone starts a movement at its easiest step they can do; progression moves them up.
    first_step: dict[str, Exercise] = {}
    for _, e, _ in sorted(pool, key=lambda item: (item[1].level, item[1].id)):
        first_step.setdefault(e.family, e)
    for _, e, _ in pool:
        if first_step[e.family] is not e:
            start = first_step[e.family]
            if e.level > start.level:
                reason = f"a harder step of {start.name}, for later"
            else:
                reason = f"an alternative to {start.name}"
            left_out.append(LeftOut(e.id, reason))
    pool = [item for item in pool if first_step[item[1].family] is item[1]]
    pool.sort(key=lambda item: (-item[0], item[1].id))

    budget = float(need.minutes_per_day)
    shares = SHARES[arch]
    chosen: list[PlanItem] = []
    families: set[str] = set()
    used = 0.0

    def try_add(e: Exercise, why: str, room: float = math.inf) -> bool:
        nonlocal used
        fam = e.family
        if fam in families:
            return False
        for sets in range(e.sets, 0, -1):  # fewer sets rather than leaving it out
            item = item_for(e, why, sets=sets)
            if used + item.minutes <= budget + 1e-9 and item.minutes <= room + 1e-9:
                chosen.append(item)
                families.add(fam)
                used += item.minutes
                return True
        return False

    # First pass: each part of the routine gets its share of the time, biggest share first so
    # that a small part is the one squeezed out when time is short.
    ranked = sorted(CATEGORIES, key=lambda c: -shares[c])
    for position, category in enumerate(ranked):
        allowance = shares[category] * budget
        reserve = 0.85 * budget * sum(shares[c] for c in ranked[position + 1 :])
        spent = 0.0
        candidates = [(e, why) for _, e, why in pool if e.category == category]
        for e, why in candidates:
            # The first exercise of a part may overrun its share a little; later ones must fit,
            # and the parts still to come keep most of their time.
            room = allowance * (1.5 if spent == 0 else 1.15) - spent
            room = min(room, budget - used - reserve)
            before = used
            if try_add(e, why, room):
                spent += used - before
        if spent == 0 and candidates:  # nothing fitted its share: one at any length will do
            try_add(*candidates[0])
    for _, e, why in pool:  # second pass: fill what is left with the best of the rest
        try_add(e, why)

    picked = {p.id for p in chosen}
    taken_families = {catalogue.get(i).family for i in picked}
    for _, e, _why in pool:
        if e.id in picked:
            continue
        if e.family in taken_families:
            reason = "a variant of an exercise already in your routine"
        else:
            reason = f"does not fit in {need.minutes_per_day} minutes a day"
        left_out.append(LeftOut(e.id, reason))
    order = {c: i for i, c in enumerate(CATEGORIES)}
    rank = {e.id: i for i, (_, e, _) in enumerate(pool)}
    chosen.sort(key=lambda p: (order[p.category], rank[p.id]))
    left_out.sort(key=lambda item: item.id)
    safety = list(SAFETY_RULES)
    if need.red_flag_level == "urgent":
        safety.insert(0, URGENT_RULE)
    return Plan(
        items=tuple(chosen),
        days_per_week=need.days_per_week,
        arch_type=need.arch_type,
        left_out=tuple(left_out),
        habits=tuple(habits),
        safety=tuple(safety),
    )


def _habits(catalogue: Catalogue, need: RecommendInput) -> list[str]:
    """The articles' daily habits, the ones that fit this person's answers first."""
    first = []
    if set(need.footwear) & {"flip_flops"}:
        first.append("avoid_flip_flops")
    if set(need.footwear) & {"narrow", "heels"}:
        first.append("wide_toe_box")
    ordered = sorted(
        catalogue.habits, key=lambda h: first.index(h.id) if h.id in first else len(first)
    )
    return [f"{h.title}: {h.text}" for h in ordered]


# -- dosage editing --------------------------------------------------------------------------
@dataclass(frozen=True)
class DoseLimits:
    sets: tuple[int, int]
    reps: tuple[int, int] | None
    hold: tuple[int, int] | None


def dose_limits(exercise: Exercise) -> DoseLimits:
    """Safe bounds for a person's own adjustments: half to double the catalogue dose."""
    reps = None if exercise.timed else (max(1, exercise.reps // 2), exercise.reps * 2)
    hold = (
        (max(1, exercise.hold_seconds // 2), exercise.hold_seconds * 2)
        if exercise.hold_seconds
        else None
    )
    return DoseLimits((1, max(exercise.sets + 1, 3)), reps, hold)


def adjust(item: PlanItem, catalogue: Catalogue, sets=None, reps=None, hold=None) -> PlanItem:
    """A prescribed exercise with a new dosage, clamped into the safe bounds."""
    e = catalogue.get(item.id)
    limits = dose_limits(e)

    def clamp(value, bounds, current):
        if value is None or bounds is None:
            return current
        return max(bounds[0], min(bounds[1], int(value)))

    new_sets = clamp(sets, limits.sets, item.sets)
    new_reps = clamp(reps, limits.reps, item.reps or e.reps)
    new_hold = clamp(hold, limits.hold, item.hold_seconds or e.hold_seconds)
    return item_for(e, item.why, new_sets, new_reps, new_hold)


# -- progression -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Suggestion:
    kind: str  # progress | reduce
    exercise_id: str
    change: str  # what changes, e.g. "Short-foot exercise: sitting -> standing"
    reason: str
    plan: Plan  # the routine with the change applied


def suggest_progression(
    plan: Plan,
    since: date,
    sessions: pd.DataFrame,
    checkins: pd.DataFrame,
    today: date | None = None,
    catalogue: Catalogue | None = None,
) -> Suggestion | None:
    """One change to the routine, or None, following the pain-monitoring model.

    ``sessions`` has session_date, pain_after, difficulty and a ``completion`` column (share
    of the prescribed sets done); ``checkins`` has checkin_date and compared.
    Reduce when the last session hurt above 5/10 or the next morning was worse, or after three
    sessions in a row below the dose; progress (weekly at most) after two easy sessions in a
    row with pain of 3/10 or less.
    """
    catalogue = catalogue or load_catalogue()
    today = today or date.today()
    if not plan.items:
        return None
    recent = sessions[pd.to_datetime(sessions["session_date"]).dt.date >= since]
    recent = recent.sort_values("session_date")
    if recent.empty:
        return None
    last = recent.iloc[-1]
    last_day = pd.Timestamp(last["session_date"]).date()
    worse_morning = False
    if not checkins.empty:
        after = checkins[pd.to_datetime(checkins["checkin_date"]).dt.date > last_day]
        worse_morning = bool((after["compared"] == "worse").any())
    pain_after = last.get("pain_after")
    too_much = pain_after is not None and not pd.isna(pain_after) and pain_after > 5
    short = recent.tail(3)
    below_dose = len(short) == 3 and bool((short["completion"] < BELOW_DOSE).all())
    if too_much or worse_morning or below_dose:
        reason = (
            "Pain went above 5/10 in your last session."
            if too_much
            else "You woke up worse after your last session."
            if worse_morning
            else "The last three sessions fell short of the dose."
        )
        return _reduce(plan, catalogue, reason)
    if today - since < timedelta(days=7):
        return None  # one change a week at most
    easy = recent.tail(2)
    if (
        len(easy) == 2
        and bool((easy["difficulty"] == "too_easy").all())
        and bool((easy["pain_after"].fillna(0) <= 3).all())
    ):
        return _progress(plan, catalogue)
    return None


def _progress(plan: Plan, catalogue: Catalogue) -> Suggestion | None:
    """Harder variant for the first exercise that has one, else 10-20 % more reps or hold."""
    for index, item in enumerate(plan.items):
        e = catalogue.get(item.id)
        if e.harder:
            harder = catalogue.get(e.harder)
            return Suggestion(
                "progress",
                e.id,
                f"{e.name} -> {harder.name}",
                "Two easy sessions in a row with little pain: time for the next step.",
                plan.with_item(index, item_for(harder, item.why)),
            )
    for index, item in enumerate(plan.items):
        e = catalogue.get(item.id)
        limits = dose_limits(e)
        if item.reps and limits.reps and item.reps < limits.reps[1]:
            reps = min(limits.reps[1], math.ceil(item.reps * 1.15))
            new = adjust(item, catalogue, reps=reps)
            change = f"{e.name}: {item.reps} -> {reps} repetitions"
        elif item.hold_seconds and limits.hold and item.hold_seconds < limits.hold[1]:
            hold = min(limits.hold[1], math.ceil(item.hold_seconds * 1.15))
            new = adjust(item, catalogue, hold=hold)
            change = f"{e.name}: hold {item.hold_seconds} -> {hold} seconds"
        else:
            continue
        return Suggestion(
            "progress",
            e.id,
            change,
            "Two easy sessions in a row with little pain: a little more of the same.",
            plan.with_item(index, new),
        )
    return None


def _reduce(plan: Plan, catalogue: Catalogue, reason: str) -> Suggestion | None:
    """Easier variant of the most demanding exercise, else one set (or 20 % reps) less."""
    index, item = max(
        enumerate(plan.items), key=lambda pair: (catalogue.get(pair[1].id).level, pair[1].minutes)
    )
    e = catalogue.get(item.id)
    if e.easier:
        easier = catalogue.get(e.easier)
        new = item_for(easier, item.why)
        change = f"{e.name} -> {easier.name}"
    elif item.sets > 1:
        new = adjust(item, catalogue, sets=item.sets - 1)
        change = f"{e.name}: {item.sets} -> {item.sets - 1} sets"
    elif item.reps and item.reps > 1:
        reps = max(1, math.floor(item.reps * 0.8))
        new = adjust(item, catalogue, reps=reps)
        change = f"{e.name}: {item.reps} -> {new.reps} repetitions"
    else:
        return None
    return Suggestion(
        "reduce", e.id, change, reason + " Let's ease off one step.", plan.with_item(index, new)
    )
