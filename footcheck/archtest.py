"""The arch test as one straight line: photo analysis + answers + the sides chosen -> records.

The page only gathers the inputs (a photo, the answers, which print is which foot when the
photo could not tell) and shows what comes back; every decision is made here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from footcheck.imaging.analyze import FootResult, ImprintResult
from footcheck.selfreport import Decision, SelfReport, decide, self_reported_type
from footcheck.store import ArchTestRecord
from footcheck.vocabulary import FEET


@dataclass(frozen=True)
class FootOutcome:
    """What the test says about one foot."""

    side: str | None  # None until the person says which foot a print is
    decision: Decision
    measured: FootResult | None  # the photo's measurement (None: from the answers only)


@dataclass(frozen=True)
class ArchOutcome:
    feet: tuple[FootOutcome, ...]
    report: SelfReport  # what the answers on their own suggest
    answers: dict[str, Any]

    @property
    def sides_missing(self) -> list[int]:
        """Prints whose side the person still has to give (their order in the photo)."""
        return [i for i, foot in enumerate(self.feet) if foot.side is None]

    @property
    def sides_clash(self) -> bool:
        sides = [foot.side for foot in self.feet if foot.side is not None]
        return len(sides) != len(set(sides))

    @property
    def ready(self) -> bool:
        """Every foot has a side and no side is used twice: it can be saved."""
        return bool(self.feet) and not self.sides_missing and not self.sides_clash


def arch_outcome(
    result: ImprintResult | None,
    answers: Mapping[str, Any],
    chosen_sides: Mapping[int, str | None] | None = None,
    answers_side: str = "both",
) -> ArchOutcome:
    """The result per foot. A measured photo gives one outcome per print (its side from the
    photo, or from ``chosen_sides`` by the print's index when the photo could not tell);
    without a usable photo the answers describe ``answers_side`` ("both", "left", "right")."""
    answers = {k: v for k, v in answers.items() if v is not None}
    report = self_reported_type(answers)
    feet: list[FootOutcome] = []
    if result is not None and result.ok and result.feet:
        for index, foot in enumerate(result.feet):
            side = foot.side or (chosen_sides or {}).get(index)
            decision = decide(foot.arch_type, foot.confidence, foot.quality, report)
            assert decision is not None  # a measured foot always decides
            feet.append(FootOutcome(side, decision, foot))
    elif report.arch_type is not None:
        decision = decide(None, 0.0, 0.0, report)
        assert decision is not None
        sides = FEET if answers_side == "both" else (answers_side,)
        feet = [FootOutcome(side, decision, None) for side in sides]
    return ArchOutcome(tuple(feet), report, answers)


def to_records(
    outcome: ArchOutcome,
    day: date,
    image_sha256: str | None = None,
    thumbnail_png: bytes | None = None,
) -> list[ArchTestRecord]:
    """The records to save for a ready outcome (one per foot)."""
    if not outcome.ready:
        raise ValueError("every foot needs its own side before saving")
    records = []
    for foot in outcome.feet:
        measured = foot.measured
        records.append(
            ArchTestRecord(
                foot=foot.side or "",
                arch_type=foot.decision.arch_type,
                source=foot.decision.source,
                confidence=foot.decision.confidence,
                test_date=day,
                arch_index=measured.arch_index if measured else None,
                chippaux_smirak=measured.chippaux_smirak if measured else None,
                staheli=measured.staheli if measured else None,
                quality=measured.quality if measured else None,
                self_reported_type=outcome.report.arch_type,
                answers=dict(outcome.answers),
                image_sha256=image_sha256 if measured else None,
                thumbnail_png=thumbnail_png if measured else None,
            )
        )
    return records
