"""The picture that shows the work: outline, axis, thirds and the measured widths on the photo.

People trust (and can correct) a measurement they can see. Colours are chosen to stay readable
on white paper, brown cardboard and dark ink alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from skimage import measure

if TYPE_CHECKING:
    from footcheck.imaging.analyze import FootResult

OUTLINE = (0, 150, 136)
TOES = (255, 143, 0)
AXIS = (33, 33, 33)
THIRDS = (94, 53, 177)
MIDFOOT = (229, 57, 53)
FOREFOOT = (30, 136, 229)
HEEL = (142, 36, 170)


def draw_overlay(photo: Image.Image, feet: list[FootResult]) -> Image.Image:
    canvas = photo.convert("RGB").copy()
    # Wash the photo out a little so the drawing stands out on any background.
    canvas = Image.blend(canvas, Image.new("RGB", canvas.size, (255, 255, 255)), 0.25)
    draw = ImageDraw.Draw(canvas)
    line = max(2, round(max(canvas.size) / 400))
    font = ImageFont.load_default(size=max(12, round(max(canvas.size) / 45)))
    for foot in feet:
        g = foot.geometry
        r0, c0 = g.offset
        _contours(draw, g.toeless, r0, c0, OUTLINE, line)
        _contours(draw, g.toes, r0, c0, TOES, line)
        length = g.indices.length
        lo, hi = g.v_extent
        margin = 0.08 * (hi - lo)
        for k in range(4):
            u = g.u_start + k * length / 3
            draw.line(
                [g.frame.point(u, lo - margin), g.frame.point(u, hi + margin)],
                fill=THIRDS,
                width=max(1, line - 1),
            )
        tip = g.toe_tip or g.frame.point(g.u_start + length * 1.1, 0.0)
        draw.line([tuple(g.frame.origin), tip], fill=AXIS, width=line)
        for distance, colour in (
            (g.indices.at_min_mid, MIDFOOT),
            (g.indices.at_max_fore, FOREFOOT),
            (g.indices.at_max_heel, HEEL),
        ):
            a, b = g.segment_at(distance)
            draw.line([a, b], fill=colour, width=line + 1)
        for k, name in enumerate(("C", "B", "A")):
            x, y = g.frame.point(g.u_start + (k + 0.5) * length / 3, hi + 2.2 * margin)
            draw.text((x, y), name, fill=THIRDS, font=font, anchor="mm")
        label = f"{(foot.side or 'foot').capitalize()}: AI {foot.arch_index:.2f} ({foot.arch_type})"
        x, y = g.frame.point(g.u_start - 0.08 * length, 0.0)
        x = min(max(x, 10), canvas.size[0] - 10)
        y = min(max(y, 10), canvas.size[1] - 10)
        draw.text((x, y), label, fill=AXIS, font=font, anchor="mm", stroke_width=2,
                  stroke_fill=(255, 255, 255))  # fmt: skip
    return canvas


def _contours(draw: ImageDraw.ImageDraw, mask: np.ndarray, r0: int, c0: int, colour, width):
    if not mask.any():
        return
    padded = np.pad(mask.astype(np.uint8), 1)
    for contour in measure.find_contours(padded, 0.5):
        if len(contour) < 8:
            continue
        step = max(1, len(contour) // 400)
        points = [(c - 1 + c0, r - 1 + r0) for r, c in contour[::step]]
        draw.line([*points, points[0]], fill=colour, width=width)
