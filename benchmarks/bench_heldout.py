"""Held-out benchmark: prints from a second generator that shares no code with the first.

The engine was developed against ``footcheck.imaging.synth``; scoring it on that generator's
prints cannot show whether it learnt the generator's look rather than feet. This script draws
its own prints in a different way (a foot as a union of plain shapes: heel and forefoot
ellipses, a midfoot band cut from the inner side, five toe ellipses, drawn with Pillow) in
four looks (black on white, ink on paper, wet on cardboard, and white on black), each in any
rotation, one foot or a pair, and computes the true Arch Index from its own rasterised
toe-less outline (area of the middle third of its length along the heel-to-second-toe axis).

Run: ``.venv/bin/python benchmarks/bench_heldout.py [--images N] [--first SEED]``
"""

from __future__ import annotations

import argparse
import io
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from footcheck.imaging.analyze import analyze_imprint
from footcheck.indices import classify_arch

LOOKS = ("black_on_white", "ink_on_paper", "wet_on_cardboard", "white_on_black")
ARCH_WIDTH = {"high": (0.0, 0.22), "normal": (0.35, 0.55), "flat": (0.8, 1.08)}


def _ellipse(cx: float, cy: float, rx: float, ry: float, n: int = 72) -> np.ndarray:
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    return np.c_[cx + rx * np.cos(t), cy + ry * np.sin(t)]


@dataclass
class HeldOutFoot:
    """Polygons in millimetres: heel centre at (0, y), the second toe's tip at (0, length),
    the inner (big-toe) side at -x for a right foot."""

    body: list[np.ndarray]
    toes: list[np.ndarray]
    heel_centre: tuple[float, float]
    arch_index: float
    side: str

    @property
    def arch_type(self) -> str:
        return classify_arch(self.arch_index)  # the product's cut-offs, not the generator's


def draw_foot(rng: np.random.Generator, arch: str, side: str) -> HeldOutFoot:
    length = rng.uniform(220, 285)
    heel_w, fore_w = rng.uniform(0.24, 0.29) * length, rng.uniform(0.37, 0.42) * length
    hr = heel_w / 2
    toeless = length * rng.uniform(0.79, 0.83)
    fore_y, fore_x = toeless - fore_w * 0.33, rng.uniform(0.0, 0.06) * fore_w
    heel = _ellipse(0, hr * 1.1, hr, hr * 1.1)
    fore = _ellipse(fore_x, fore_y, fore_w / 2, fore_w * 0.33)
    ys = np.linspace(hr * 1.1, fore_y, 60)
    t = (ys - ys[0]) / (ys[-1] - ys[0])
    outer = hr + (fore_x + fore_w / 2 - hr) * t
    full = outer - (-hr + (fore_x - fore_w / 2 + hr) * t)
    kept = rng.uniform(*ARCH_WIDTH[arch]) * full.min()
    width = full - (full - kept) * np.sin(np.pi * t) ** rng.uniform(0.6, 1.6)
    midfoot = np.r_[np.c_[outer, ys], np.c_[outer - width, ys][::-1]]
    body = [heel, fore, midfoot]
    toes = []
    if rng.random() < 0.85:  # sometimes the toes did not touch
        base = toeless + rng.uniform(2, 12)
        for i, (x, rx, ry) in enumerate(
            (
                (-0.32, 0.15, 0.13),
                (0.0, 0.08, 0.09),
                (0.15, 0.07, 0.08),
                (0.29, 0.065, 0.07),
                (0.41, 0.06, 0.06),
            )
        ):
            cx = 0.0 if i == 1 else fore_x + x * fore_w
            tip = length * (1.0 - (0.01 if i == 0 else 0.0 if i == 1 else 0.045 * (i - 1) + 0.02))
            ry_mm = ry * fore_w
            toes.append(_ellipse(cx, max(base + ry_mm, tip - ry_mm), rx * fore_w, ry_mm, 36))
    ai = toeless_arch_index(body)
    if side == "left":
        body, toes = [p * [-1, 1] for p in body], [p * [-1, 1] for p in toes]
    return HeldOutFoot(body, toes, (0.0, hr * 1.1), ai, side)


def toeless_arch_index(body: list[np.ndarray], px_per_mm: float = 4.0) -> float:
    """Middle third's share of the toe-less area, thirds taken along the axis (+y)."""
    lo = np.vstack(body).min(0)
    size = np.ceil((np.vstack(body).max(0) - lo) * px_per_mm).astype(int) + 4
    canvas = Image.new("L", (int(size[0]), int(size[1])), 0)
    draw = ImageDraw.Draw(canvas)
    for p in body:
        draw.polygon([tuple(v) for v in (p - lo) * px_per_mm + 2], fill=255)
    rows = (np.asarray(canvas) > 0).sum(1).astype(float)
    rows = rows[np.nonzero(rows)[0][0] : np.nonzero(rows)[0][-1] + 1]
    cumulative = np.r_[0.0, np.cumsum(rows)]
    at = np.interp(np.linspace(0, len(rows), 4), np.arange(len(rows) + 1), cumulative)
    return float((at[2] - at[1]) / cumulative[-1])


@dataclass
class HeldOutPhoto:
    data: bytes
    look: str
    feet: list[tuple[HeldOutFoot, np.ndarray]]  # each foot with its heel centre in the photo


def _to_photo(points: np.ndarray, angle: float, scale: float, at: np.ndarray) -> np.ndarray:
    c, s = math.cos(angle), math.sin(angle)
    return (points * [1, -1]) @ np.array([[c, s], [-s, c]]) * scale + at  # toes point up


def held_out_photo(seed: int) -> HeldOutPhoto:
    rng = np.random.default_rng(seed)
    look = LOOKS[seed % len(LOOKS)]
    pair = rng.random() < 0.5
    sides = ["left", "right"] if pair else [str(rng.choice(["left", "right"]))]
    feet = [draw_foot(rng, str(rng.choice(list(ARCH_WIDTH))), side) for side in sides]
    h = int(rng.uniform(700, 1800))
    w = int(h * (1.25 if pair else rng.uniform(0.6, 0.8)))
    scale = 0.78 * h / 290.0 * rng.uniform(0.75, 1.0)
    polygons, placed = [], []
    for foot in feet:
        angle = math.radians(rng.uniform(-12, 12))
        x = (0.3 if foot.side == "left" else 0.7) if pair else 0.5
        at = np.array([w * (x + rng.uniform(-0.03, 0.03)), h * (0.5 + rng.uniform(-0.03, 0.03))])
        at[1] += scale * 125
        polygons += [_to_photo(p, angle, scale, at) for p in foot.body + foot.toes]
        placed.append((foot, _to_photo(np.array([foot.heel_centre]), angle, scale, at)[0]))
    big = Image.new("L", (2 * w, 2 * h), 0)
    draw = ImageDraw.Draw(big)
    for p in polygons:
        draw.polygon([tuple(v) for v in p * 2], fill=255)
    cover = np.asarray(big.resize((w, h), Image.BILINEAR), dtype=float) / 255.0
    rgb = _look(rng, look, cover)
    photo = Image.fromarray(rgb)
    turn = float(rng.choice([0, 90, 180, 270])) if rng.random() < 0.5 else rng.uniform(0, 360)
    photo = photo.rotate(turn, expand=True, fillcolor=tuple(int(v) for v in rgb[0, 0]))
    a = math.radians(turn)
    centre, new_centre = np.array([w, h]) / 2, np.array(photo.size) / 2
    rotation = np.array([[math.cos(a), math.sin(a)], [-math.sin(a), math.cos(a)]])
    placed = [(foot, rotation @ (heel - centre) + new_centre) for foot, heel in placed]
    buf = io.BytesIO()
    photo.save(buf, "JPEG", quality=int(rng.uniform(70, 95)))
    return HeldOutPhoto(buf.getvalue(), look, placed)


def _look(rng: np.random.Generator, look: str, cover: np.ndarray) -> np.ndarray:
    h, w = cover.shape
    if look in ("black_on_white", "white_on_black"):
        solid = cover > 0.5
        grey = np.where(solid, 0, 255) if look == "black_on_white" else np.where(solid, 255, 0)
        return np.dstack([grey] * 3).astype(np.uint8)
    if look == "ink_on_paper":
        paper = np.array([245, 243, 238.0]) * rng.uniform(0.85, 1.0)
        ink = np.array([30, 35, 60.0]) + rng.uniform(0, 60)
        texture, blur = rng.uniform(0.75, 1.0, (h, w)), 0.8
    else:
        paper = np.array([190, 160, 120.0]) * rng.uniform(0.85, 1.05)
        ink = paper * rng.uniform(0.45, 0.7)
        texture, blur = np.clip(rng.normal(0.85, 0.12, (h, w)), 0, 1), rng.uniform(2, 4)
    soft = Image.fromarray((cover * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(blur))
    alpha = (np.asarray(soft, dtype=float) / 255.0 * texture)[..., None]
    rows, cols = np.mgrid[0:h, 0:w]
    tilt = rng.uniform(0, 2 * np.pi)
    light = 1 - 0.2 * rng.random() * (math.cos(tilt) * cols / w + 0.5 * rows / h)
    rgb = (paper * (1 - alpha) + ink * alpha) * light[..., None] + rng.normal(0, 4, (h, w, 3))
    return np.clip(rgb, 0, 255).astype(np.uint8)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--first", type=int, default=0, help="first seed")
    args = parser.parse_args()
    rows: dict[str, dict[str, list]] = {look: {} for look in LOOKS}
    for seed in range(args.first, args.first + args.images):
        photo = held_out_photo(seed)
        row = rows[photo.look]
        result = analyze_imprint(photo.data)
        row.setdefault("images", []).append(seed)
        if not result.ok or len(result.feet) != len(photo.feet):
            row.setdefault("missed", []).append((seed, result.error_code or len(result.feet)))
            continue
        zoom = result.size[0] / Image.open(io.BytesIO(photo.data)).size[0]
        for found in result.feet:
            origin = np.asarray(found.geometry.frame.origin)
            truth, _ = min(photo.feet, key=lambda f: float(np.hypot(*(f[1] * zoom - origin))))
            row.setdefault("error", []).append(abs(found.arch_index - truth.arch_index))
            row.setdefault("type", []).append(found.arch_type == truth.arch_type)
            row.setdefault("side", []).append(found.side == truth.side)
            if found.side != truth.side:
                row.setdefault("side_misses", []).append((seed, found.side))
            if found.arch_type != truth.arch_type and found.confidence >= 0.8:
                row.setdefault("sure_misses", []).append(seed)
    print(f"held-out prints (second generator), seeds {args.first}-{args.first + args.images - 1}")
    for look, row in rows.items():
        feet = len(row.get("error", []))
        print(
            f"  {look:17} {len(row.get('images', [])):3} photos, {feet:3} feet: "
            f"type {100 * np.mean(row.get('type', [np.nan])):5.1f} %, "
            f"AI MAE {np.mean(row.get('error', [np.nan])):.4f}, "
            f"left/right {100 * np.mean(row.get('side', [np.nan])):5.1f} %, "
            f"not read {len(row.get('missed', []))}, wrong type at >= 80 %: "
            f"{len(row.get('sure_misses', []))}"
        )
        if row.get("missed"):
            print(f"    not read (seed, code or feet found): {row['missed']}")
        if row.get("side_misses"):
            print(f"    side wrong or not said (seed, said): {row['side_misses']}")


if __name__ == "__main__":
    main()
