"""Random photos for tests and benchmarks, and the app's three reference prints."""

from __future__ import annotations

import functools
import math
from dataclasses import replace

import numpy as np

from footcheck.imaging.synth.foot import FootShape, random_shape, with_arch_index
from footcheck.imaging.synth.scene import Placement, Scene, encode

KINDS = ("usable", "no_print", "cut_off", "blurry", "low_contrast", "too_small", "three_prints")
STYLES = ("wet", "ink_grid", "podoscope")
GLOWS = ((0.35, 1.0, 0.55), (0.3, 0.85, 1.0), (0.45, 0.6, 1.0))


def _placed(
    rng: np.random.Generator,
    scene: Scene,
    shapes: list[FootShape],
    angle: float,
    w: int,
    h: int,
    kind: str,
    margin: float,
    upright: bool,
    scale: float,
) -> list[tuple[FootShape, Placement]] | None:
    """Try 200 placements of ``shapes`` at ``scale`` times their usual size in the frame; the
    first that fits goes into ``scene.feet``."""
    for _attempt in range(200):
        if not shapes:
            return None
        feet = _place(rng, shapes, angle, w, h, kind, scene.style == "ink_grid", scale)
        strict = kind != "cut_off"
        fits = [_fits(s, p, w, h, margin) for s, p in feet]
        if strict and all(fits):
            scene.feet = feet
            return feet
        # Cut off means clearly cut: part of the print lies well outside the photo.
        if not strict and not _fits(feet[0][0], feet[0][1], w, h, -0.06 * min(w, h)):
            scene.feet = feet
            return feet
        angle = rng.uniform(-5, 5) + (0 if upright else rng.uniform(0, 360))
    return None


def random_scene(
    seed: int, kind: str = "usable", style: str | None = None, *, as_first_drawn: bool = False
) -> Scene:
    """A random photo. ``kind``: one of KINDS; usable scenes hold one foot or two (side by
    side). ``style`` (wet | ink_grid | podoscope) is drawn at random unless given; ``powder``
    only when given. ``as_first_drawn``: the picture as the generator drew it until 6 and
    7 Dec 2026: a pair's right foot keeps the widths drawn for its own length (see
    ``_resized``), and a tilted camera's corners beyond the scene are one flat colour
    (``Scene.flat_corners``); the tests named after a seed's picture use it, so that they
    keep the picture their fault was found on."""
    rng = np.random.default_rng(seed)
    style = style or str(rng.choice(STYLES, p=[0.5, 0.32, 0.18]))
    landscape = style != "ink_grid" and rng.random() < 0.6  # sheets: portrait, turned later
    long_side = int(rng.choice([1200, 1600, 2000]))
    w, h = (long_side, long_side * 3 // 4) if landscape else (long_side * 3 // 4, long_side)
    scene = Scene(
        width=w,
        height=h,
        style=style,
        light_gradient=rng.uniform(0.0, 0.25),
        blur_px=rng.uniform(0.3, 1.4),
        noise=rng.uniform(0.003, 0.02),
        jpeg_quality=int(rng.integers(60, 96)) if rng.random() < 0.8 else None,
        perspective=rng.uniform(0.02, 0.09) if rng.random() < 0.3 else 0.0,
        seed=seed,
        flat_corners=as_first_drawn,
    )
    if style == "wet":
        surface = str(rng.choice(["paper", "cardboard", "grey", "ink"], p=[0.35, 0.4, 0.1, 0.15]))
        scene.surface = surface
        scene.contrast = rng.uniform(0.55, 0.85) if surface == "ink" else rng.uniform(0.14, 0.4)
        scene.pressure = rng.uniform(0.0, 0.5)
        scene.mottle = rng.uniform(0.0, 0.45)
        scene.edge_softness_mm = rng.uniform(0.2, 2.5 if surface == "cardboard" else 1.2)
        scene.shadow = rng.uniform(0.1, 0.3) if rng.random() < 0.3 else 0.0
        scene.table = rng.uniform(0.04, 0.12) if rng.random() < 0.3 else 0.0
        scene.text = bool(rng.random() < 0.3)
        scene.grid = bool(surface == "ink" and rng.random() < 0.5)
    elif style == "ink_grid":
        scene.contrast = rng.uniform(0.45, 0.9)
        scene.mottle = rng.uniform(0.0, 0.25)
        scene.sheet = bool(rng.random() < 0.85)
        scene.fold = rng.uniform(0.02, 0.06) if rng.random() < 0.3 else 0.0
        scene.overhang = bool(rng.random() < 0.7)
        scene.light_contact = rng.uniform(0.0, 0.3)
        scene.cell_mm = rng.uniform(3.0, 3.8)  # real sheets: about 75 cells heel to toe
        scene.quarter_turns = int(rng.integers(0, 4))
        scene.table = rng.uniform(0.03, 0.08) if rng.random() < 0.2 else 0.0
        # Drawn from their own stream, so that every other choice of the seed's scene stays.
        ink = np.random.default_rng((seed, 1))
        # On the 17 real sheets the lightest contact prints at about 0.1-0.2 of the heel's
        # darkness on the faintest feet, 0.3-0.5 on most; broken lines on about half.
        scene.faintest = ink.uniform(0.1, 0.35)
        scene.ink_gamma = ink.uniform(1.0, 1.8)
        scene.broken = ink.uniform(0.0, 0.45) if ink.random() < 0.6 else 0.0
    elif style == "powder":
        scene.surface = "dark"
        scene.contrast = rng.uniform(0.45, 0.85)
        scene.pressure = rng.uniform(0.0, 0.4)
        scene.mottle = rng.uniform(0.1, 0.5)
        scene.edge_softness_mm = rng.uniform(0.3, 1.5)
        scene.table = rng.uniform(0.04, 0.12) if rng.random() < 0.3 else 0.0
    else:
        scene.contrast = rng.uniform(0.55, 1.0)
        scene.glow = GLOWS[int(rng.integers(0, len(GLOWS)))]
        scene.edge_softness_mm = rng.uniform(0.3, 1.5)
        scene.light_gradient = rng.uniform(0.0, 0.15)
    two = kind in ("usable", "three_prints") and rng.random() < (0.75 if style != "wet" else 0.35)
    count = 3 if kind == "three_prints" else (2 if two else 1)
    if kind == "no_print":
        count = 0
    # Sheets are printed upright (the photo as a whole is turned later); other prints lie at
    # any angle.
    upright = style == "ink_grid"
    angle = rng.uniform(-5, 5) + (0 if upright else rng.uniform(0, 360))
    margin = 0.04 * min(w, h) + (scene.table * min(w, h) if scene.table else 0)
    shapes = []
    if count == 2:
        left = random_shape(rng, side="left")
        right = random_shape(rng, side="right")
        length = left.body_length * rng.uniform(0.97, 1.03)
        right = replace(right, body_length=length) if as_first_drawn else _resized(right, length)
        shapes = [left, right]
    else:
        shapes = [random_shape(rng) for _ in range(count)]
    # Feet too wide for the frame at the size drawn (two broad feet side by side on a
    # portrait sheet) are drawn smaller after 200 tries, rather than failing: the seeds that
    # fitted at once keep exactly the scene they always had.
    for shrink in range(6):
        placed = _placed(rng, scene, shapes, angle, w, h, kind, margin, upright, 0.9**shrink)
        if placed is not None or not shapes:
            break
    else:
        raise RuntimeError(f"could not place feet for seed {seed}")
    if kind == "blurry":
        scene.blur_px = 0.05 * _foot_px(scene)
    elif kind == "low_contrast":
        scene.contrast = rng.uniform(0.015, 0.03)  # visible if you look hard, no more
        scene.noise = rng.uniform(0.004, 0.01)
        scene.mottle = 0.0
        scene.sheet = False
    return scene


def _fits(shape: FootShape, place: Placement, w: int, h: int, margin: float) -> bool:
    pts = [place.to_screen(x, y, shape) for x, y in _outline_points(shape)]
    return all(margin <= c <= w - margin and margin <= r <= h - margin for c, r in pts)


def _outline_points(shape: FootShape) -> list[tuple[float, float]]:
    wf = shape.forefoot_width
    pts = [
        (0.0, 0.0),
        (-shape.heel_radius, shape.heel_radius),
        (shape.heel_radius, shape.heel_radius),
    ]
    pts += [(-shape.medial_share * wf, shape.ball_level * shape.body_length)]
    pts += [((1 - shape.medial_share) * wf, shape.ball_level * shape.body_length)]
    for cx, cy, hw, hl in shape.toes():
        pts += [(cx, cy + hl), (cx - hw, cy), (cx + hw, cy)]
    return pts


def _foot_px(scene: Scene) -> float:
    shape, place = scene.feet[0]
    return shape.length * place.px_per_mm


def _resized(shape: FootShape, body_length: float) -> FootShape:
    """The foot drawn at another length, its widths with it: one person's two feet are about
    as long, and each keeps a foot's proportions (only the length was once set, so that a
    right foot drawn for a longer foot kept its widths: forefoots up to 0.7 of the length,
    which no foot has, read as "half a foot"). Scaling every length alike keeps the Arch
    Index (a ratio of areas)."""
    k = body_length / shape.body_length
    return replace(
        shape,
        body_length=body_length,
        heel_width=shape.heel_width * k,
        forefoot_width=shape.forefoot_width * k,
    )


def _place(rng, shapes, angle, w, h, kind, sheet=False, scale=1.0):
    long_side = max(w, h)
    if kind == "too_small":
        frac = rng.uniform(0.06, 0.1)
    elif len(shapes) >= 3:
        frac = rng.uniform(0.25, 0.4)
    elif len(shapes) == 2:
        # A podoscope sheet is photographed to fill the frame: its feet are long in it.
        frac = rng.uniform(0.45, 0.6) if sheet else rng.uniform(0.35, 0.6)
    else:
        frac = rng.uniform(0.45, 0.7) if sheet else rng.uniform(0.4, 0.85)
    frac *= scale
    px = frac * long_side / shapes[0].length
    a = math.radians(angle)
    across = np.array((math.cos(a), math.sin(a)))  # screen direction of the feet's +x
    along = np.array((math.sin(a), -math.cos(a)))
    centre = np.array((w / 2, h / 2)) + rng.uniform(-0.08, 0.08, 2) * (w, h)
    if kind == "cut_off":
        centre = centre + along * rng.choice([-1, 1]) * rng.uniform(0.35, 0.55) * frac * long_side
    spacing = rng.uniform(1.25, 1.7) * max(s.forefoot_width for s in shapes) * px
    placed = []
    n = len(shapes)
    for i, shape in enumerate(shapes):
        offset = (i - (n - 1) / 2) * spacing
        # A left foot stands to the left of a right foot.
        mid = centre + across * offset - along * shape.length * px / 2
        tilt = angle + rng.uniform(-8, 8)
        placed.append((shape, Placement(float(mid[0]), float(mid[1]), tilt, px)))
    return placed


REFERENCE_ARCH_INDEX = {"high": 0.13, "normal": 0.235, "flat": 0.31}


@functools.lru_cache(maxsize=8)
def reference_print(arch_type: str, width: int = 150) -> bytes:
    """A clean drawing of a typical right-foot print of the given arch type (PNG bytes).

    The app shows these as the three examples to compare a print with (100 px wide, sharp on
    a phone's screen); drawing one takes tens of milliseconds, so each is drawn once."""
    shape = with_arch_index(FootShape(side="right"), REFERENCE_ARCH_INDEX[arch_type])
    height = width * 4 // 3
    px = 0.8 * height / shape.length
    scene = Scene(
        width=width,
        height=height,
        surface="cardboard",
        contrast=0.45,
        pressure=0.0,
        mottle=0.15,
        light_gradient=0.0,
        blur_px=0.4,
        noise=0.0,
        jpeg_quality=None,
    )
    heel_y = height * 0.9 - shape.heel_radius * px
    scene.feet = [(shape, Placement(width * 0.5, heel_y, 0.0, px))]
    return encode(scene)
