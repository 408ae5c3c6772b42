"""The exercise catalogue: loaded from ``data/exercises.toml`` and validated on load.

A malformed catalogue must stop the app at start-up with the entry and the field named, rather
than show a half-broken routine later; hence the strict, field-by-field checks below.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

CATALOGUE_PATH = Path(__file__).resolve().parent.parent / "data" / "exercises.toml"

CATEGORIES = ("mobility", "strength", "balance", "massage")  # also the order in a routine
POSITIONS = ("sitting", "standing", "lying", "floor")
EQUIPMENT = ("chair", "towel", "resistance_band", "tennis_ball", "pencil", "wall", "step")
TARGETS = (
    "arch_strength",
    "toe_dexterity",
    "ankle_mobility",
    "ankle_strength",
    "calf_flexibility",
    "balance",
    "massage",
)
BALANCE_DEMANDS = ("low", "moderate", "high")
FIGURES = (
    "ankle_circle",
    "knee_over_toe",
    "tiptoe",
    "heel_walk",
    "toe_press",
    "toe_stretch",
    "pencil",
    "wall_stretch",
    "towel_stretch",
    "toe_reach",
    "band_push",
    "band_pull",
    "ball_massage",
    "heel_raise",
    "towel_curl",
    "toe_yoga",
    "short_foot",
    "toe_splay",
    "balance",
)
SIDE_SWITCH_SECONDS = 10  # changing feet or getting into position


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the entry and field."""


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    purpose: str
    family: str
    category: str
    position: str
    equipment: tuple[str, ...]
    targets: tuple[str, ...]
    level: int
    easier: str
    harder: str
    balance_demand: str
    sets: int
    reps: int  # 0 = timed: hold_seconds of continuous work per set
    hold_seconds: int
    per_side: bool
    rest_seconds: int
    tempo_seconds: int
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    cautions: tuple[str, ...]
    source: tuple[str, ...]
    figure: str

    @property
    def timed(self) -> bool:
        return self.reps == 0

    @property
    def needs_floor(self) -> bool:
        return self.position in ("lying", "floor")

    def minutes(
        self, sets: int | None = None, reps: int | None = None, hold: int | None = None
    ) -> float:
        """Estimated duration from the dosage (defaults: the catalogue's own dosage)."""
        return estimate_minutes(
            sets=self.sets if sets is None else sets,
            reps=self.reps if reps is None else reps,
            hold_seconds=self.hold_seconds if hold is None else hold,
            tempo_seconds=self.tempo_seconds,
            rest_seconds=self.rest_seconds,
            per_side=self.per_side,
        )

    def dosage_text(
        self, sets: int | None = None, reps: int | None = None, hold: int | None = None
    ) -> str:
        return dosage_text(
            self.sets if sets is None else sets,
            self.reps if reps is None else reps,
            self.hold_seconds if hold is None else hold,
            self.per_side,
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        data["minutes"] = round(self.minutes(), 1)
        return data


@dataclass(frozen=True)
class Habit:
    id: str
    title: str
    text: str
    source: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    exercises: tuple[Exercise, ...]
    habits: tuple[Habit, ...]
    sources: dict[str, str]  # seed file name -> short description

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self.exercises]

    def get(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)

    def alternatives(self, exercise_id: str) -> list[Exercise]:
        """Other exercises sharing the main target and category (what a swap may offer)."""
        base = self.get(exercise_id)
        return [
            e
            for e in self.exercises
            if e.id != base.id and e.category == base.category and base.targets[0] in e.targets
        ]


def estimate_minutes(
    *,
    sets: int,
    reps: int,
    hold_seconds: int,
    tempo_seconds: int,
    rest_seconds: int,
    per_side: bool,
) -> float:
    """Work + holds + rests between sets (+ a moment to switch sides), in minutes."""
    per_set = hold_seconds if reps == 0 else reps * (tempo_seconds + hold_seconds)
    sides = 2 if per_side else 1
    seconds = sides * (sets * per_set + max(0, sets - 1) * rest_seconds) + sides * (
        SIDE_SWITCH_SECONDS
    )
    return seconds / 60.0


def dosage_text(sets: int, reps: int | None, hold_seconds: int | None, per_side: bool) -> str:
    """'3 sets x 10, hold 5 s, each side' -- the dosage as people read it on a handout, and
    the one way a dose is written anywhere in FootCheck (``reps`` 0 or None: a timed hold)."""
    core = f"{sets} set{'s' if sets != 1 else ''} x "
    if reps:
        core += f"{reps}"
        if hold_seconds:
            core += f", hold {hold_seconds} s"
    else:
        core += f"{hold_seconds or 0} s"
    return core + (", each side" if per_side else "")


def _require(entry: dict[str, Any], key: str, where: str) -> Any:
    if key not in entry:
        raise CatalogueError(f"{where}: missing field '{key}'.")
    return entry[key]


def _text(entry: dict[str, Any], key: str, where: str, *, empty_ok: bool = False) -> str:
    value = _require(entry, key, where)
    if not isinstance(value, str) or (not empty_ok and not value.strip()):
        raise CatalogueError(f"{where}: field '{key}' must be a non-empty text.")
    return value


def _texts(entry: dict[str, Any], key: str, where: str, *, allowed=None, empty_ok=False):
    value = _require(entry, key, where)
    if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
        raise CatalogueError(f"{where}: field '{key}' must be a list of texts.")
    if not value and not empty_ok:
        raise CatalogueError(f"{where}: field '{key}' must not be empty.")
    if allowed is not None:
        for item in value:
            if item not in allowed:
                raise CatalogueError(
                    f"{where}: field '{key}' has unknown value '{item}' "
                    f"(allowed: {', '.join(allowed)})."
                )
    return tuple(value)


def _int(entry: dict[str, Any], key: str, where: str, low: int, high: int) -> int:
    value = _require(entry, key, where)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CatalogueError(f"{where}: field '{key}' must be a whole number {low}-{high}.")
    return value


def _one_of(entry: dict[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> str:
    value = _require(entry, key, where)
    if value not in allowed:
        raise CatalogueError(
            f"{where}: field '{key}' is {value!r}; expected one of {', '.join(allowed)}."
        )
    return value


def _exercise(entry: Any, number: int, sources: set[str]) -> Exercise:
    where = f"exercise #{number}"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where}: must be a table of fields.")
    ident = _text(entry, "id", where)
    where = f"exercise '{ident}'"
    per_side = _require(entry, "per_side", where)
    if not isinstance(per_side, bool):
        raise CatalogueError(f"{where}: field 'per_side' must be true or false.")
    exercise = Exercise(
        id=ident,
        name=_text(entry, "name", where),
        purpose=_text(entry, "purpose", where),
        family=_text(entry, "family", where),
        category=_one_of(entry, "category", where, CATEGORIES),
        position=_one_of(entry, "position", where, POSITIONS),
        equipment=_texts(entry, "equipment", where, allowed=EQUIPMENT, empty_ok=True),
        targets=_texts(entry, "targets", where, allowed=TARGETS),
        level=_int(entry, "level", where, 1, 3),
        easier=_text(entry, "easier", where, empty_ok=True),
        harder=_text(entry, "harder", where, empty_ok=True),
        balance_demand=_one_of(entry, "balance_demand", where, BALANCE_DEMANDS),
        sets=_int(entry, "sets", where, 1, 10),
        reps=_int(entry, "reps", where, 0, 50),
        hold_seconds=_int(entry, "hold_seconds", where, 0, 300),
        per_side=per_side,
        rest_seconds=_int(entry, "rest_seconds", where, 0, 180),
        tempo_seconds=_int(entry, "tempo_seconds", where, 0, 120),
        steps=_texts(entry, "steps", where),
        cues=_texts(entry, "cues", where),
        cautions=_texts(entry, "cautions", where),
        source=_texts(entry, "source", where),
        figure=_one_of(entry, "figure", where, FIGURES),
    )
    if exercise.timed and exercise.hold_seconds == 0:
        raise CatalogueError(f"{where}: a timed exercise (reps = 0) needs hold_seconds.")
    if not exercise.timed and exercise.tempo_seconds + exercise.hold_seconds == 0:
        raise CatalogueError(f"{where}: field 'tempo_seconds' must be set for a repetition.")
    for name in exercise.source:
        if name not in sources:
            raise CatalogueError(f"{where}: field 'source' names unknown article '{name}'.")
    unknown = set(entry) - set(Exercise.__dataclass_fields__)
    if unknown:
        raise CatalogueError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}.")
    return exercise


def _habit(entry: Any, number: int) -> Habit:
    where = f"habit #{number}"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where}: must be a table of fields.")
    ident = _text(entry, "id", where)
    where = f"habit '{ident}'"
    return Habit(
        id=ident,
        title=_text(entry, "title", where),
        text=_text(entry, "text", where),
        source=_texts(entry, "source", where),
    )


def _sources(raw: dict[str, Any]) -> dict[str, str]:
    sources = {}
    for number, entry in enumerate(raw.get("source", []), start=1):
        where = f"source #{number}"
        if not isinstance(entry, dict):
            raise CatalogueError(f"{where}: must be a table of fields.")
        sources[_text(entry, "id", where)] = _text(entry, "title", where)
    if not sources:
        raise CatalogueError("exercise catalogue has no [[source]] entries.")
    return sources


def parse_catalogue(text: str) -> Catalogue:
    """Parse and validate catalogue TOML text; raises ``CatalogueError`` naming the problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"exercise catalogue is not valid TOML: {exc}") from exc
    entries = raw.get("exercise")
    if not isinstance(entries, list) or not entries:
        raise CatalogueError("exercise catalogue has no [[exercise]] entries.")
    sources = _sources(raw)
    exercises = tuple(_exercise(e, i + 1, set(sources)) for i, e in enumerate(entries))
    habits = tuple(_habit(h, i + 1) for i, h in enumerate(raw.get("habit", [])))
    for habit in habits:
        for name in habit.source:
            if name not in sources:
                raise CatalogueError(f"habit '{habit.id}': source names unknown article '{name}'.")
    ids = [e.id for e in exercises]
    for ident in ids:
        if ids.count(ident) > 1:
            raise CatalogueError(f"exercise '{ident}': id is used twice.")
    by_id = {e.id: e for e in exercises}
    for e in exercises:
        for key in ("easier", "harder"):
            other = getattr(e, key)
            if other and other not in ids:
                raise CatalogueError(
                    f"exercise '{e.id}': field '{key}' names unknown exercise '{other}'."
                )
            if other and by_id[other].family != e.family:
                raise CatalogueError(
                    f"exercise '{e.id}': field '{key}' names '{other}' of another family."
                )
    return Catalogue(exercises, habits, sources)


@cache
def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    """The shipped catalogue, parsed once per process."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogueError(f"cannot read the exercise catalogue {path}: {exc}") from exc
    return parse_catalogue(text)
