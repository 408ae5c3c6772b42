"""Checks applied at the store boundary, so that no page or import can write a bad value.

Every failure raises ``ValidationError`` with a sentence a person can act on.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Collection
from datetime import date
from typing import Any

from footcheck.vocabulary import (  # noqa: F401 (re-exported for the store's callers)
    ARCH_SOURCES,
    ARCH_TYPES,
    COMPARED,
    DIFFICULTIES,
    FEET,
    RED_FLAG_LEVELS,
    SKIP_REASONS,
    STATUSES,
)

MAX_NAME = 60
MAX_NOTE = 2000


class ValidationError(ValueError):
    """A value was refused at the store boundary; nothing was written."""


def name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("A profile needs a name.")
    cleaned = " ".join(value.split())
    if len(cleaned) > MAX_NAME:
        raise ValidationError(f"A profile name can be at most {MAX_NAME} characters.")
    return cleaned


def name_key(value: str) -> str:
    """What makes two profile names the same: Unicode-normalised and case-folded, so that
    "Łukasz" and "łukasz" (or "STRASSE" and "straße") cannot both exist."""
    return unicodedata.normalize("NFKC", " ".join(value.split())).casefold()


def past_date(label: str, value: Any, today: date | None = None) -> date:
    if not isinstance(value, date):
        raise ValidationError(f"{label} must be a date, not {value!r}.")
    today = today or date.today()
    if value > today:
        raise ValidationError(f"{label} cannot be in the future ({value.isoformat()}).")
    return value


def pain(label: str, value: Any, *, required: bool = False) -> int | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise ValidationError(f"{label} must be a whole number from 0 to 10, not {value!r}.")
    if not 0 <= value <= 10:
        raise ValidationError(f"{label} must be from 0 to 10, not {value}.")
    return int(value)


def choice(label: str, value: Any, options: Collection[str], *, required: bool = True) -> Any:
    if value is None and not required:
        return None
    if value not in options:
        listed = ", ".join(options)
        raise ValidationError(f"{label} must be one of {listed}; got {value!r}.")
    return value


def fraction(label: str, value: Any, *, required: bool = True) -> float | None:
    if value is None and not required:
        return None
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise ValidationError(f"{label} must be a number from 0 to 1, not {value!r}.")
    if not 0.0 <= value <= 1.0:
        raise ValidationError(f"{label} must be from 0 to 1, not {value}.")
    return float(value)


def index(label: str, value: Any) -> float | None:
    """Footprint indices: AI is 0..1; CSI and Staheli can exceed 1 for very flat prints."""
    if value is None:
        return None
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise ValidationError(f"{label} must be a number, not {value!r}.")
    if not 0.0 <= value <= 3.0:
        raise ValidationError(f"{label} is outside the possible range (0 to 3): {value}.")
    return float(value)


def count(label: str, value: Any, low: int, high: int, *, required: bool = True) -> int | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{label} must be a whole number, not {value!r}.")
    if not low <= value <= high:
        raise ValidationError(f"{label} must be from {low} to {high}, not {value}.")
    return value


def text(label: str, value: Any, max_len: int = MAX_NOTE) -> str:
    value = "" if value is None else value
    if not isinstance(value, str):
        raise ValidationError(f"{label} must be text.")
    if len(value) > max_len:
        raise ValidationError(f"{label} is too long (at most {max_len} characters).")
    return value


def exercise_id(value: Any, known: Collection[str]) -> str:
    if value not in known:
        raise ValidationError(f"Unknown exercise id {value!r}.")
    return value
