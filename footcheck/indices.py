"""Footprint indices (Arch Index, Chippaux-Smirak, Staheli) and what they mean.

All three are computed on the print *without the toes*, along the foot axis (heel centre to the
second toe), from a width profile: the contact width of the print measured perpendicular to the
axis at evenly spaced positions from the back of the heel to the front of the print. The image
analyser and the synthetic generator's ground truth both go through ``indices_from_profile``,
so that there is exactly one definition in the code base.

Cut-offs follow Cavanagh & Rodgers (1987) as commonly used: AI <= 0.21 high, 0.21 < AI < 0.26
normal, AI >= 0.26 flat (low) arch. Another variant in circulation (< 0.17 / > 0.25) is not used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

AI_HIGH_MAX = 0.21
AI_FLAT_MIN = 0.26

# Plain-language ranges, shown next to each number.
INDEX_MEANINGS = {
    "arch_index": (
        "Arch Index: the share of the toe-less print that falls in its middle third. "
        "0.21 or less suggests a high arch, 0.21 to 0.26 a normal arch, 0.26 or more a flat arch."
    ),
    "chippaux_smirak": (
        "Chippaux-Smirak index: narrowest midfoot width divided by the widest forefoot width. "
        "Adults are often quoted as below 30% high, 30-45% normal, above 45% flat (a rough guide)."
    ),
    "staheli": (
        "Staheli index: narrowest midfoot width divided by the widest heel width. One adult "
        "study called feet flat above 0.81; children's values are normally higher."
    ),
}


@dataclass(frozen=True)
class IndexSet:
    """The three indices plus the positions (along the axis) of the widths they used."""

    arch_index: float
    chippaux_smirak: float
    staheli: float
    length: float  # toe-less length along the axis
    min_mid_width: float
    max_fore_width: float
    max_heel_width: float
    at_min_mid: float  # distances from the back of the heel
    at_max_fore: float
    at_max_heel: float


def format_index(name: str, value: float | None) -> str:
    """One way to write each index everywhere (card, history, report): the Arch Index and the
    Staheli index as ratios ("0.23", "0.62"), the Chippaux-Smirak index as a percentage
    ("41%"), as its cut-offs are usually quoted."""
    if value is None or value != value:  # missing or NaN
        return "-"
    if name == "chippaux_smirak":
        return f"{value * 100:.0f}%"
    return f"{value:.2f}"


def classify_arch(arch_index: float) -> str:
    """'high' | 'normal' | 'flat' by the 0.21 / 0.26 Arch Index cut-offs."""
    if arch_index <= AI_HIGH_MAX:
        return "high"
    if arch_index < AI_FLAT_MIN:
        return "normal"
    return "flat"


def type_confidence(arch_index: float, sigma: float) -> float:
    """How sure we are of the arch *type*, 1/3..1, given the measured Arch Index and its
    expected error ``sigma`` (a standard deviation): the chance that the true index lies on
    the same side of the cut-offs as the measured one. A print right on a cut-off is a coin
    toss between two types whatever the photo, which is what this says.
    """
    p = type_probability(classify_arch(arch_index), arch_index, sigma)
    return round(max(1 / 3, min(1.0, p)), 3)


def type_probability(kind: str, arch_index: float, sigma: float) -> float:
    """The chance that an index measured as ``arch_index`` with error ``sigma`` truly lies in
    the band of ``kind`` ("high" | "normal" | "flat")."""
    sigma = max(float(sigma), 1e-4)
    below_high = _phi((AI_HIGH_MAX - arch_index) / sigma)
    below_flat = _phi((AI_FLAT_MIN - arch_index) / sigma)
    return {"high": below_high, "normal": below_flat - below_high, "flat": 1 - below_flat}[kind]


def _phi(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def indices_from_profile(
    widths: np.ndarray, step: float = 1.0, width_profile: np.ndarray | None = None
) -> IndexSet:
    """Indices from a contact-width profile sampled every ``step`` from heel (index 0) to front.

    Sample ``i`` stands for the slab ``[i*step, (i+1)*step)``. Areas are integrated exactly,
    splitting the slabs that straddle a third's boundary; widths are the extreme slab values
    inside each third (``width_profile``, e.g. a lightly smoothed copy, if given).
    """
    widths = np.asarray(widths, dtype=float)
    if widths.ndim != 1 or widths.size < 6 or not np.all(np.isfinite(widths)):
        raise ValueError("a width profile needs at least 6 finite samples")
    widths = np.clip(widths, 0.0, None)
    profile = (
        widths if width_profile is None else np.clip(np.asarray(width_profile, float), 0, None)
    )
    n = widths.size
    length = n * step
    edges = np.arange(n + 1) * step  # slab boundaries
    cumulative = np.concatenate([[0.0], np.cumsum(widths * step)])
    total = cumulative[-1]
    if total <= 0:
        raise ValueError("the print has no area")

    def area_below(position: float) -> float:
        return float(np.interp(position, edges, cumulative))

    third = length / 3.0
    rear = area_below(third)
    middle = area_below(2 * third) - rear
    centres = (np.arange(n) + 0.5) * step
    in_rear = centres < third
    in_mid = (centres >= third) & (centres < 2 * third)
    in_fore = centres >= 2 * third

    def extreme(mask: np.ndarray, fn) -> tuple[float, float]:
        idx = np.flatnonzero(mask)
        pick = idx[fn(profile[idx])]
        return float(profile[pick]), float(centres[pick])

    min_mid, at_mid = extreme(in_mid, np.argmin)
    max_fore, at_fore = extreme(in_fore, np.argmax)
    max_heel, at_heel = extreme(in_rear, np.argmax)
    return IndexSet(
        arch_index=middle / total,
        chippaux_smirak=min_mid / max_fore if max_fore > 0 else 0.0,
        staheli=min_mid / max_heel if max_heel > 0 else 0.0,
        length=length,
        min_mid_width=min_mid,
        max_fore_width=max_fore,
        max_heel_width=max_heel,
        at_min_mid=at_mid,
        at_max_fore=at_fore,
        at_max_heel=at_heel,
    )
