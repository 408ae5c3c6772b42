"""What a podoscope ink sheet carries besides the print, drawn onto a synthetic photo.

Real sheets (docs/engine.md) have two printed panels bordered by thin blue lines, a header bar
and a round logo above each, short dark registration strokes just above the toes and below the
heel (sometimes touching the print), "Remarques / Remarks" with a dotted line at the bottom,
and now and then a fold across the sheet. Each of these has fooled an engine before, so the
generator draws them all.
"""

from __future__ import annotations

import itertools

import numpy as np
from PIL import Image, ImageDraw, ImageFont

BLUE = (70, 130, 200)
LIGHT_BLUE = (120, 170, 225)
INK = (40, 40, 48)


def draw_sheet(
    image: np.ndarray,
    rng: np.random.Generator,
    feet: list[tuple[tuple[float, float], tuple[float, float]]],
    px_per_mm: float,
) -> None:
    """Draw panels, headers, logos, strokes and remarks on ``image`` (float RGB, in place).

    ``feet`` holds each foot's (heel back, toe tip) screen points; panels are split half-way
    between the feet (or centred on a single foot)."""
    h, w, _ = image.shape
    layer = Image.new("RGB", (w, h), (255, 255, 255))
    alpha = Image.new("L", (w, h), 0)
    draw, mask = ImageDraw.Draw(layer), ImageDraw.Draw(alpha)
    line = max(1, round(0.35 * px_per_mm))
    font = ImageFont.load_default(size=max(9, round(3.2 * px_per_mm)))
    xs = sorted((heel[0] + toe[0]) / 2 for heel, toe in feet)
    if len(xs) == 2:
        edges = [0.03 * w, (xs[0] + xs[1]) / 2, 0.97 * w]
    else:
        half = 0.36 * w
        edges = [max(0.03 * w, xs[0] - half), min(0.97 * w, xs[0] + half)]
    top, bottom = 0.07 * h, 0.96 * h

    def shape(kind: str, xy, colour, **options) -> None:
        getattr(draw, kind)(xy, fill=colour, **options)
        getattr(mask, kind)(xy, fill=255, **options)

    for left, right in itertools.pairwise(edges):
        inner = left + 0.02 * w
        shape("line", [(inner, top), (inner, bottom)], BLUE, width=line)
        bar = [inner + 0.01 * w, top + 0.005 * h, right - 0.02 * w, top + 0.025 * h]
        shape("rectangle", bar, LIGHT_BLUE)
        shape("text", (inner + 0.1 * (right - left), top + 0.006 * h), (255, 255, 255),
              text="Pied gauche  Left foot", font=font)  # fmt: skip
        radius = 0.022 * w
        cx, cy = right - 0.06 * w, top - 0.03 * h
        shape("ellipse", [cx - radius, cy - radius, cx + radius, cy + radius], BLUE)
        shape("text", (cx - 0.28 * (right - left), cy - 0.01 * h), INK, text="PODIATECH",
              font=font)  # fmt: skip
        shape("text", (inner + 0.01 * w, bottom - 0.025 * h), INK, text="Remarques - Remarks",
              font=font)  # fmt: skip
        for x in np.arange(inner + 0.2 * (right - left), right - 0.03 * w, 4 * line):
            shape("point", [(float(x), bottom - 0.012 * h)], INK)
    for heel, toe in feet:
        axis = np.subtract(toe, heel)
        length = float(np.hypot(*axis))
        axis = axis / max(length, 1e-9)
        across = np.array((-axis[1], axis[0]))
        for anchor, beyond in ((toe, 0.04), (heel, -0.04)):
            centre = np.add(anchor, axis * beyond * length * rng.uniform(0.3, 1.2))
            centre = centre + across * rng.uniform(-0.25, 0.25) * length
            half = across * rng.uniform(0.12, 0.2) * length
            a, b = centre - half, centre + half
            shape("line", [tuple(a), tuple(b)], INK, width=max(2, round(0.8 * px_per_mm)))
    cover = np.asarray(alpha, dtype=np.float32)[..., None] / 255.0
    ink = np.asarray(layer, dtype=np.float32) / 255.0
    image *= 1.0 - cover * 0.85
    image += ink * cover * 0.85


def draw_fold(image: np.ndarray, rng: np.random.Generator, depth: float) -> None:
    """A fold across the sheet: one side a little darker, with a soft crease."""
    _h, w, _ = image.shape
    cols = np.arange(w, dtype=np.float32)
    at = rng.uniform(0.35, 0.65) * w
    side = 1.0 - depth * (cols > at)
    crease = 1.0 - 1.5 * depth * np.exp(-(((cols - at) / (0.004 * w + 1)) ** 2))
    image *= (side * crease)[None, :, None]
