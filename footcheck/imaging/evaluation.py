"""Scoring the analyser against synthetic prints whose true indices are known.

Shared by the accuracy tests (a small set) and ``benchmarks/bench_engine.py`` (a large set of
seeds never used while tuning), so both measure exactly the same thing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from footcheck.imaging.analyze import analyze_imprint
from footcheck.imaging.synth import encode, random_scene
from footcheck.indices import classify_arch

UNUSABLE_KINDS = ("no_print", "cut_off", "blurry", "low_contrast", "too_small", "three_prints")


@dataclass
class AccuracyReport:
    images: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)  # (seed, reason code)
    wrong_count: list[int] = field(default_factory=list)  # seeds with a wrong number of feet
    ai_errors: list[float] = field(default_factory=list)
    csi_errors: list[float] = field(default_factory=list)
    staheli_errors: list[float] = field(default_factory=list)
    type_hits: list[bool] = field(default_factory=list)
    side_hits: list[bool] = field(default_factory=list)
    confident_misses: list[int] = field(default_factory=list)  # wrong type, confidence >= 0.8
    seconds: list[float] = field(default_factory=list)
    looks: list[str] = field(default_factory=list)  # the generator's look of each scored foot

    @property
    def feet(self) -> int:
        return len(self.ai_errors)

    def summary(self) -> dict[str, float]:
        def mae(values: list[float]) -> float:
            return float(np.mean(np.abs(values))) if values else float("nan")

        return {
            "images": self.images,
            "feet": self.feet,
            "type_accuracy": float(np.mean(self.type_hits)) if self.type_hits else float("nan"),
            "ai_mae": mae(self.ai_errors),
            "csi_mae": mae(self.csi_errors),
            "staheli_mae": mae(self.staheli_errors),
            "side_accuracy": float(np.mean(self.side_hits)) if self.side_hits else float("nan"),
            "refused_fraction": len(self.refused) / max(1, self.images),
            "wrong_count": len(self.wrong_count),
            "confident_misses": len(self.confident_misses),
        }

    def by_look(self) -> dict[str, LookErrors]:
        """The Arch Index error of each look apart, with its sign: a look read too high or too
        low on average (a bias the engine could mend) shows here, where the overall error
        mixes it with the other looks' and with scatter."""
        errors: dict[str, list[float]] = {}
        hits: dict[str, list[bool]] = {}
        for look, error, hit in zip(self.looks, self.ai_errors, self.type_hits, strict=True):
            errors.setdefault(look, []).append(error)
            hits.setdefault(look, []).append(hit)
        return {
            look: LookErrors(
                feet=len(values),
                type_accuracy=float(np.mean(hits[look])),
                ai_bias=float(np.mean(values)),
                ai_mae=float(np.mean(np.abs(values))),
            )
            for look, values in sorted(errors.items())
        }


@dataclass(frozen=True)
class LookErrors:
    """How one look of generated photo was read (``AccuracyReport.by_look``)."""

    feet: int
    type_accuracy: float
    ai_bias: float  # mean signed error of the Arch Index (measured - true)
    ai_mae: float


def evaluate_usable(seeds: range | list[int], style: str | None = None) -> AccuracyReport:
    """Analyse one generated usable photo per seed and compare every foot with its truth."""
    report = AccuracyReport()
    for seed in seeds:
        scene = random_scene(seed, "usable", style)
        data = encode(scene)
        start = time.perf_counter()
        result = analyze_imprint(data)
        report.seconds.append(time.perf_counter() - start)
        report.images += 1
        if not result.ok:
            report.refused.append((seed, result.error_code or "?"))
            continue
        if len(result.feet) != len(scene.feet):
            report.wrong_count.append(seed)
            continue
        final_width = scene.height if scene.quarter_turns % 2 else scene.width
        scale = result.size[0] / final_width
        heels = [
            np.array(scene.screen_point(*place.to_screen(0.0, shape.heel_radius, shape))) * scale
            for shape, place in scene.feet
        ]
        for foot in result.feet:
            nearest = int(np.argmin([np.hypot(*(h - foot.geometry.frame.origin)) for h in heels]))
            shape, _ = scene.feet[nearest]
            truth = shape.truth()
            report.ai_errors.append(foot.arch_index - truth.arch_index)
            report.csi_errors.append(foot.chippaux_smirak - truth.chippaux_smirak)
            report.staheli_errors.append(foot.staheli - truth.staheli)
            hit = foot.arch_type == classify_arch(truth.arch_index)
            report.type_hits.append(hit)
            if not hit and foot.confidence >= 0.8:
                report.confident_misses.append(seed)
            report.side_hits.append(foot.side == shape.side)
            report.looks.append(scene.style)
    return report


def evaluate_unusable(
    kind: str, seeds: range | list[int], style: str | None = None
) -> tuple[int, list[int]]:
    """How many generated unusable photos of ``kind`` were refused, and the seeds accepted."""
    accepted = []
    for seed in seeds:
        if analyze_imprint(encode(random_scene(seed, kind, style))).ok:
            accepted.append(seed)
    return len(seeds) - len(accepted), accepted
