"""The parametric foot: an outline whose indices are known exactly, and how hard it presses.

Canonical frame of a foot (millimetres): +y runs along the foot axis from the back of the heel
(y = 0) towards the toes; the heel centre is (0, R) and the tip of the second toe lies on x = 0.
A right foot has its big toe (medial side) at -x; a left foot is its mirror image. The true Arch
Index, Chippaux-Smirak and Staheli values come from the outline through the same
``indices_from_profile`` the analyser uses, not from any image.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from footcheck.indices import IndexSet, classify_arch, indices_from_profile

# Toe pads, medial to lateral: centre x and width as fractions of forefoot width; pad length
# (along the foot) as a fraction of forefoot width; extra distance from the ball (fraction of gap).
_TOES = (
    (-0.245, 0.28, 0.24, 0.00),
    (0.000, 0.15, 0.17, 0.00),
    (0.170, 0.135, 0.15, 0.15),
    (0.320, 0.125, 0.14, 0.30),
    (0.455, 0.11, 0.12, 0.45),
)


@dataclass(frozen=True)
class FootShape:
    """A parametric foot print. Lengths in millimetres."""

    body_length: float = 200.0  # toe-less length, heel back to the front of the ball
    heel_width: float = 62.0
    forefoot_width: float = 96.0
    arch: float = 0.5  # 0 = fully flat ... 1 = no contact at the deepest point ... 1.6 = wide gap
    arch_shape: float = 1.0  # exponent of the arch curve (< 1 flatter-topped, wider gap)
    arch_centre: float = 0.5  # deepest point of the arch, fraction of body length
    ball_level: float = 0.80  # where the rounded front of the ball begins (fraction)
    medial_share: float = 0.40  # forefoot width on the big-toe side of the axis (fraction)
    cap_apex: float = -0.05  # x of the front-most point of the ball (fraction of forefoot width)
    toe_gap: float = 6.0  # distance from the ball to the toe pads; <= 0 means touching
    toe_spread: float = 1.0  # > 1 spreads the toes, < 1 squeezes them together
    toe_scale: float = 1.0
    side: str = "right"

    # -- outline -------------------------------------------------------------------------------
    @property
    def heel_radius(self) -> float:
        return self.heel_width / 2.0

    def _edges(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Lateral edge, full medial edge (no arch) and medial contact edge at each y."""
        y = np.asarray(y, dtype=float)
        lb, r, wf = self.body_length, self.heel_radius, self.forefoot_width
        yb = self.ball_level * lb
        lat_ball = (1.0 - self.medial_share) * wf
        med_ball = -self.medial_share * wf
        apex = self.cap_apex * wf
        lat = np.zeros_like(y)
        med = np.zeros_like(y)
        heel = y < r
        half = np.sqrt(np.clip(r * r - (y - r) ** 2, 0, None))
        lat[heel], med[heel] = half[heel], -half[heel]
        mid = (y >= r) & (y < yb)
        tau = (y[mid] - r) / (yb - r)
        s = tau * tau * (3 - 2 * tau)  # smoothstep: straight heel sides, flaring to the ball
        lat[mid] = r + (lat_ball - r) * s
        med[mid] = -r + (med_ball + r) * s
        cap = (y >= yb) & (y <= lb)
        q = np.sqrt(np.clip(1.0 - ((y[cap] - yb) / (lb - yb)) ** 2, 0, None))
        lat[cap] = apex + (lat_ball - apex) * q
        med[cap] = apex + (med_ball - apex) * q
        # The arch lifts the medial side off the paper.
        t = y / lb
        t0, t1 = self.arch_centre - 0.28, self.arch_centre + 0.28
        inside = (t > t0) & (t < t1)
        bump = np.zeros_like(y)
        bump[inside] = (0.5 * (1 - np.cos(2 * np.pi * (t[inside] - t0) / (t1 - t0)))) ** (
            self.arch_shape
        )
        contact_med = np.minimum(med + self.arch * bump * (lat - med), lat)
        outside = (y < 0) | (y > lb)
        for arr in (lat, med, contact_med):
            arr[outside] = 0.0
        return lat, med, contact_med

    def width_profile(self, step: float = 0.005) -> np.ndarray:
        y = (np.arange(round(self.body_length / step)) + 0.5) * step
        lat, _, med = self._edges(y)
        return np.clip(lat - med, 0.0, None)

    def truth(self, step: float = 0.005) -> IndexSet:
        """The exact indices of the toe-less outline (slabs of 5 micrometres by default)."""
        return indices_from_profile(self.width_profile(step), step)

    def front_y(self, x: float) -> float:
        """y of the front edge of the ball at lateral position x."""
        lb, wf = self.body_length, self.forefoot_width
        yb = self.ball_level * lb
        apex = self.cap_apex * wf
        end = (1.0 - self.medial_share) * wf if x >= apex else -self.medial_share * wf
        frac = min(1.0, abs(x - apex) / abs(end - apex))
        return yb + (lb - yb) * math.sqrt(max(0.0, 1.0 - frac * frac))

    def toes(self) -> list[tuple[float, float, float, float]]:
        """Toe pads as ellipses (cx, cy, half_width, half_length), big toe first."""
        wf = self.forefoot_width
        pads = []
        for cx, width, length, extra in _TOES:
            x = cx * wf * self.toe_spread
            half_w = width * wf * self.toe_scale / 2
            half_l = length * wf * self.toe_scale / 2
            gap = self.toe_gap + extra * abs(self.toe_gap)
            base = self.front_y(x) + gap
            pads.append((x, base + half_l, half_w, half_l))
        return pads

    @property
    def length(self) -> float:
        """Heel back to the tip of the second toe."""
        _, cy, _, half_l = self.toes()[1]
        return cy + half_l

    def coverage(self, x: np.ndarray, y: np.ndarray, toes: bool = True) -> np.ndarray:
        """True where canonical points (right-foot frame) touch the paper."""
        lat, _, med = self._edges(y)
        inside = (y >= 0) & (y <= self.body_length) & (x >= med) & (x <= lat)
        if toes:
            for cx, cy, hw, hl in self.toes():
                inside |= ((x - cx) / hw) ** 2 + ((y - cy) / hl) ** 2 <= 1.0
        return inside

    @property
    def true_type(self) -> str:
        return classify_arch(self.truth().arch_index)

    def outline(self) -> FootShape:
        """The whole sole, arch included (what a podoscope shows dimly around the contact)."""
        return replace(self, arch=0.0)

    def pressure(
        self, x: np.ndarray, y: np.ndarray, rng_levels: tuple[float, float, float]
    ) -> np.ndarray:
        """How hard each canonical point presses, 0..1: the heel and the ball (medial side)
        hardest, the toes' tips next, the lateral midfoot band least. ``rng_levels`` are the
        midfoot, ball and toe levels of this print."""
        mid, ball, toes = rng_levels
        lb, wf = self.body_length, self.forefoot_width
        heel = np.exp(
            -(((y - 0.45 * self.heel_radius) / (0.16 * lb)) ** 2)
            - (x / (0.6 * self.heel_width)) ** 2
        )
        fore = ball * np.exp(
            -(((y - 0.8 * lb) / (0.1 * lb)) ** 2) - ((x + 0.12 * wf) / (0.45 * wf)) ** 2
        )
        tips = np.where(y > lb, toes, 0.0)
        return np.clip(np.maximum.reduce([np.full_like(x, mid), heel, fore, tips]), 0.0, 1.0)


def with_arch_index(shape: FootShape, target: float) -> FootShape:
    """The same foot with its arch set so that the true Arch Index is ``target`` (bisection;
    the index falls steadily as the arch rises). Clamped to what the foot can reach."""
    low, high = 0.0, 2.5

    def ai(arch: float) -> float:
        return replace(shape, arch=arch).truth(step=0.05).arch_index

    if target >= ai(low):
        return replace(shape, arch=low)
    if target <= ai(high):
        return replace(shape, arch=high)
    for _ in range(24):
        mid = (low + high) / 2
        if ai(mid) > target:
            low = mid
        else:
            high = mid
    return replace(shape, arch=(low + high) / 2)


def random_shape(
    rng: np.random.Generator, side: str | None = None, arch_index: float | None = None
) -> FootShape:
    """A plausible adult foot; its Arch Index is drawn evenly from 0.01 to 0.35 (no contact
    under the arch to fully flat) unless given."""
    lb = rng.uniform(165, 235)
    shape = FootShape(
        body_length=lb,
        heel_width=lb * rng.uniform(0.29, 0.34),
        forefoot_width=lb * rng.uniform(0.44, 0.52),
        arch_shape=rng.uniform(0.7, 1.3),
        arch_centre=rng.uniform(0.46, 0.54),
        ball_level=rng.uniform(0.77, 0.83),
        medial_share=rng.uniform(0.36, 0.44),
        cap_apex=rng.uniform(-0.12, 0.02),
        toe_gap=rng.choice([rng.uniform(-1.5, 0.0), rng.uniform(2.0, 14.0)], p=[0.25, 0.75]),
        toe_spread=rng.uniform(0.95, 1.12),
        toe_scale=rng.uniform(0.85, 1.1),
        side=side or ("left" if rng.random() < 0.5 else "right"),
    )
    target = rng.uniform(0.01, 0.35) if arch_index is None else arch_index
    return with_arch_index(shape, target)
