"""A routine plan: which exercises, how much of each, why, and the advice that goes with it.

One type for the whole app: the recommender makes a ``Plan``, the store keeps its JSON
(``to_json``), and the Log and Routine pages, adherence, the handout, the reminders, the
report and the export read it back with ``from_json``, which checks every field's full shape
and fills what the catalogue knows. ``to_contract`` is the fixed JSON of
``python -m footcheck recommend --json``. A field added to ``PlanItem`` is added here only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from footcheck.exercises import Catalogue, Exercise, dosage_text, load_catalogue
from footcheck.vocabulary import ARCH_TYPES

MAX_SETS = 20
MAX_REPS = 200
MAX_HOLD_SECONDS = 600
MAX_TEXT = 2000


class PlanError(ValueError):
    """A stored or imported plan that is not a valid plan; the message names the field."""


@dataclass(frozen=True)
class PlanItem:
    """One exercise in a routine with its dosage and the reason it was chosen."""

    id: str
    name: str
    sets: int
    reps: int | None  # None for a timed exercise (held for hold_seconds)
    hold_seconds: int | None
    per_side: bool
    minutes: float
    position: str
    equipment: tuple[str, ...]
    why: str
    category: str

    @property
    def minutes_text(self) -> str:
        """'about 4 min', or 'under a minute' (never 'about 0 min')."""
        return minutes_text(self.minutes)

    @property
    def dose_text(self) -> str:
        """'3 sets x 10, hold 5 s, each side': the one way a dose is written anywhere."""
        return dosage_text(self.sets, self.reps, self.hold_seconds, self.per_side)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "sets": self.sets,
            "reps": self.reps,
            "hold_seconds": self.hold_seconds,
            "per_side": self.per_side,
            "minutes": self.minutes,
            "position": self.position,
            "equipment": list(self.equipment),
            "why": self.why,
            "category": self.category,
        }


def minutes_text(minutes: float) -> str:
    return "under a minute" if minutes < 0.75 else f"about {max(1, round(minutes))} min"


def item_for(
    exercise: Exercise,
    why: str,
    sets: int | None = None,
    reps: int | None = None,
    hold: int | None = None,
) -> PlanItem:
    """An exercise at a dose (the catalogue's own where not given), with its reason."""
    sets = exercise.sets if sets is None else sets
    reps = exercise.reps if reps is None else reps
    hold = exercise.hold_seconds if hold is None else hold
    return PlanItem(
        id=exercise.id,
        name=exercise.name,
        sets=sets,
        reps=None if exercise.timed else reps,
        hold_seconds=hold or None,
        per_side=exercise.per_side,
        minutes=round(exercise.minutes(sets, reps, hold), 2),
        position=exercise.position,
        equipment=tuple(exercise.equipment),
        why=why,
        category=exercise.category,
    )


@dataclass(frozen=True)
class LeftOut:
    id: str
    reason: str


@dataclass(frozen=True)
class Plan:
    items: tuple[PlanItem, ...]
    days_per_week: int
    arch_type: str | None = None
    blocked: str | None = None  # why there are no exercises (an emergency warning sign)
    left_out: tuple[LeftOut, ...] = ()
    habits: tuple[str, ...] = ()
    safety: tuple[str, ...] = field(default=())

    @property
    def total_minutes(self) -> float:
        return round(sum(item.minutes for item in self.items), 1)

    @property
    def sets(self) -> dict[str, int]:
        """Exercise id -> prescribed sets (what adherence measures a session against)."""
        return {item.id: item.sets for item in self.items}

    def with_item(self, index: int, item: PlanItem) -> Plan:
        items = list(self.items)
        items[index] = item
        return replace(self, items=tuple(items))

    def to_contract(self) -> dict[str, Any]:
        """The CLI's JSON contract for ``recommend --json`` (nothing more, nothing less)."""
        return {
            "blocked": self.blocked,
            "total_minutes": self.total_minutes,
            "days_per_week": self.days_per_week,
            "exercises": [
                {k: v for k, v in item.to_json().items() if k != "category"} for item in self.items
            ],
            "left_out": [{"id": x.id, "reason": x.reason} for x in self.left_out],
            "habits": list(self.habits),
            "safety": list(self.safety),
        }

    def to_json(self) -> dict[str, Any]:
        """What the store keeps: the contract plus the categories and the arch type."""
        data = self.to_contract()
        data["exercises"] = [item.to_json() for item in self.items]
        data["arch_type"] = self.arch_type
        return data

    @classmethod
    def from_json(
        cls,
        data: Any,
        catalogue: Catalogue | None = None,
        days_per_week: int | None = None,
        strict: bool = True,
    ) -> Plan:
        """A plan from stored or imported JSON, every field checked; names, minutes and the
        rest are taken from the catalogue (older plans may hold only ids and doses).

        Raises ``PlanError`` naming the field for anything that is not a valid plan; with
        ``strict=False`` exercises no longer in the catalogue are left out instead."""
        catalogue = catalogue or load_catalogue()
        if not isinstance(data, Mapping):
            raise PlanError("the plan must be a JSON object")
        raw_items = data.get("exercises", [])
        if not isinstance(raw_items, list):
            raise PlanError("exercises must be a list")
        items = []
        for number, raw in enumerate(raw_items, start=1):
            where = f"exercises[{number}]"
            if not isinstance(raw, Mapping):
                raise PlanError(f"{where} must be an object")
            if raw.get("id") not in catalogue.ids:
                if not strict and isinstance(raw.get("id"), str):
                    continue
                raise PlanError(f"{where}.id: unknown exercise {raw.get('id')!r}")
            exercise = catalogue.get(raw["id"])
            sets = _whole(raw, "sets", where, 1, MAX_SETS, exercise.sets)
            reps = _whole(raw, "reps", where, 1, MAX_REPS, exercise.reps, optional=True)
            hold = _whole(raw, "hold_seconds", where, 1, MAX_HOLD_SECONDS, exercise.hold_seconds,
                          optional=True)  # fmt: skip
            why = _text(raw.get("why", exercise.purpose), f"{where}.why") or exercise.purpose
            items.append(item_for(exercise, why, sets, reps, hold))
        days = data.get("days_per_week", days_per_week if days_per_week is not None else 3)
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 7:
            raise PlanError("days_per_week must be a whole number from 1 to 7")
        arch = data.get("arch_type")
        if arch is not None and arch not in ARCH_TYPES:
            raise PlanError(f"arch_type must be one of {', '.join(ARCH_TYPES)} or empty")
        blocked = data.get("blocked")
        if blocked is not None:
            blocked = _text(blocked, "blocked")
        left_out = []
        raw_left = data.get("left_out", [])
        if not isinstance(raw_left, list):
            raise PlanError("left_out must be a list")
        for number, raw in enumerate(raw_left, start=1):
            if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str):
                raise PlanError(f"left_out[{number}] must be an object with an id")
            left_out.append(LeftOut(raw["id"], _text(raw.get("reason", ""), "left_out.reason")))
        return cls(
            items=tuple(items),
            days_per_week=days,
            arch_type=arch,
            blocked=blocked,
            left_out=tuple(left_out),
            habits=_texts(data.get("habits", []), "habits"),
            safety=_texts(data.get("safety", []), "safety"),
        )


def _whole(
    raw: Mapping[str, Any],
    key: str,
    where: str,
    low: int,
    high: int,
    default: int,
    optional: bool = False,
) -> int:
    value = raw.get(key)
    if value is None or (optional and value == 0):
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise PlanError(f"{where}.{key} must be a whole number from {low} to {high}")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise PlanError(f"{where} must be text of at most {MAX_TEXT} characters")
    return value


def _texts(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise PlanError(f"{where} must be a list of texts")
    return tuple(_text(v, where) for v in value)


__all__ = ["LeftOut", "Plan", "PlanError", "PlanItem", "item_for"]
