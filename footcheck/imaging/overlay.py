"""The picture that shows the work: outline, axis, thirds and the measured widths on the photo.

People trust (and can correct) a measurement they can see, so it is drawn on their own photo,
in colour, at the size it is shown (decoded again at that size: the analysis itself works on a
smaller copy). JPEG, not PNG: a photo-like picture encodes in a few milliseconds instead of
half a second, at a tenth of the size.
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from skimage import measure

from footcheck.imaging.analyze import FootResult, ImprintResult, analyze_imprint
from footcheck.imaging.load import ImageRefused, decode

OUTLINE = (0, 150, 136)
TOES = (255, 143, 0)
AXIS = (33, 33, 33)
THIRDS = (94, 53, 177)
MIDFOOT = (229, 57, 53)
FOREFOOT = (30, 136, 229)
HEEL = (142, 36, 170)
HALO = (255, 255, 255)

DISPLAY_SIDE = 960  # long side of the picture shown on the page (phones have 3x screens)
THUMBNAIL_SIDE = 320  # the small picture kept in the history and printed in reports


def draw_overlay(
    data: bytes, result: ImprintResult, max_side: int = DISPLAY_SIDE
) -> Image.Image | None:
    """The photo (``data``, the same bytes that were analysed) with each measured foot drawn
    on it. A refused photo comes back as it is, so the person sees what was looked at; a
    file that is not a readable picture gives None."""
    if result.size is None:
        return None
    return _draw_on(decode(data, max_side)[0], result)


def _draw_on(photo: Image.Image, result: ImprintResult) -> Image.Image:
    canvas = photo.convert("RGB")
    if not result.feet or result.size is None:
        return canvas
    scale = canvas.size[0] / result.size[0]
    draw = ImageDraw.Draw(canvas)
    line = max(2, round(max(canvas.size) / 320))
    font = ImageFont.load_default(size=max(14, round(max(canvas.size) / 36)))
    labels = [_draw_foot(draw, foot, scale, line, font) for foot in result.feet]
    _place_labels(draw, labels, font, canvas.size)
    return canvas


def overlay_bytes(
    data: bytes, result: ImprintResult, max_side: int = DISPLAY_SIDE, fmt: str = "JPEG"
) -> bytes | None:
    """``draw_overlay`` encoded: JPEG for the page (fast and small), PNG for the small
    thumbnail kept in the history (exported and printed as PNG)."""
    picture = draw_overlay(data, result, max_side)
    return None if picture is None else _encoded(picture, fmt)


def analyse_and_draw(data: bytes) -> tuple[ImprintResult, bytes | None]:
    """``analyze_imprint`` and the page's overlay (JPEG) of the same photo, sooner.

    The photo is decoded at display size on a second thread while the analysis runs (Pillow
    lets other threads run while it decodes): the person waits ~30 ms less for a 12-MP photo
    (benchmarks/bench_browser.py)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        shown = pool.submit(decode, data, DISPLAY_SIDE)
        result = analyze_imprint(data)
        try:
            photo = shown.result()[0]
        except ImageRefused:  # the analysis has said why, in the result
            return result, None
    if result.size is None:
        return result, None
    return result, _encoded(_draw_on(photo, result), "JPEG")


def _encoded(picture: Image.Image, fmt: str) -> bytes:
    buf = io.BytesIO()
    if fmt == "JPEG":
        picture.save(buf, "JPEG", quality=85)
    else:
        picture.save(buf, fmt)
    return buf.getvalue()


Label = tuple[str, float, float, tuple[float, float]]  # text, anchor x, y, direction away


def _draw_foot(draw, foot: FootResult, scale: float, line: int, font) -> Label:
    """Draw one foot's measurement; return its label, the point just behind the heel where
    it wants to stand and the direction away from the foot there."""
    g = foot.geometry
    r0, c0 = g.offset

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] + 0.5) * scale, (point[1] + 0.5) * scale

    _contours(draw, g.toeless, r0, c0, scale, OUTLINE, line)
    _contours(draw, g.toes, r0, c0, scale, TOES, line)
    length = g.indices.length
    lo, hi = g.v_extent
    margin = 0.08 * (hi - lo)
    for k in range(4):
        u = g.u_start + k * length / 3
        ends = [at(g.frame.point(u, lo - margin)), at(g.frame.point(u, hi + margin))]
        _halo_line(draw, ends, THIRDS, max(1, line - 1))
    tip = g.toe_tip or g.frame.point(g.u_start + length * 1.1, 0.0)
    _halo_line(draw, [at(tuple(g.frame.origin)), at(tip)], AXIS, line)
    for distance, colour in (
        (g.indices.at_min_mid, MIDFOOT),
        (g.indices.at_max_fore, FOREFOOT),
        (g.indices.at_max_heel, HEEL),
    ):
        a, b = g.segment_at(distance)
        _halo_line(draw, [at(a), at(b)], colour, line + 1)
    for k, name in enumerate(("C", "B", "A")):
        x, y = at(g.frame.point(g.u_start + (k + 0.5) * length / 3, hi + 2.2 * margin))
        draw.text((x, y), name, fill=THIRDS, font=font, anchor="mm", stroke_width=2,
                  stroke_fill=HALO)  # fmt: skip
    label = f"{(foot.side or 'foot').capitalize()}: AI {foot.arch_index:.2f} ({foot.arch_type})"
    x, y = at(g.frame.point(g.u_start - 0.09 * length, 0.0))  # just behind the heel
    return label, x, y, (-float(g.frame.axis[0]), -float(g.frame.axis[1]))


def _place_labels(draw, labels: list[Label], font, size) -> list[tuple[float, float, float]]:
    """Each label behind its heel, inside the picture, and never over another label (two
    heels near the bottom edge would otherwise write one label across the other). The label
    starts where it is asked to and lies away from the foot: centred there, a foot lying
    across the photo had its label written over its heel."""
    placed: list[tuple[float, float, float]] = []  # centre and width of each label drawn
    for label, x, y, (away_x, away_y) in labels:
        width = draw.textlength(label, font=font)
        height = font.size * 1.3
        reach = abs(away_x) * width / 2 + abs(away_y) * height / 2  # centre to the near edge
        x, y = x + away_x * reach, y + away_y * reach
        x = min(max(x, width / 2 + 4), size[0] - width / 2 - 4)
        y = min(max(y, height / 2 + 2), size[1] - height / 2 - 2)
        x = _beside(x, y, width, height, placed, size[0])
        while any(
            abs(x - px) < (width + pw) / 2 + 6 and abs(y - py) < height for px, py, pw in placed
        ):
            y -= height  # one line higher until it stands free
        placed.append((x, y, width))
        draw.text((x, y), label, fill=AXIS, font=font, anchor="mm", stroke_width=3,
                  stroke_fill=HALO)  # fmt: skip
    return placed


def _beside(
    x: float,
    y: float,
    width: float,
    height: float,
    placed: list[tuple[float, float, float]],
    picture_width: int,
) -> float:
    """``x`` moved sideways off a label already placed on the same line, when the picture
    has room there: two heels near the bottom edge keep their labels on one line rather
    than one written higher, across its heel."""
    for px, py, pw in placed:
        gap = (width + pw) / 2 + 6
        if abs(x - px) < gap and abs(y - py) < height:
            moved = px + gap if x >= px else px - gap
            if width / 2 + 4 <= moved <= picture_width - width / 2 - 4:
                x = moved
    return x


def _halo_line(draw: ImageDraw.ImageDraw, points, colour, width: int) -> None:
    """A line with a thin white rim, readable on white paper, brown cardboard and dark ink."""
    draw.line(points, fill=HALO, width=width + 2)
    draw.line(points, fill=colour, width=width)


def _contours(draw, mask: np.ndarray, r0: int, c0: int, scale: float, colour, width) -> None:
    if not mask.any():
        return
    padded = np.pad(mask.astype(np.uint8), 1)
    for contour in measure.find_contours(padded, 0.5):
        if len(contour) < 8:
            continue
        step = max(1, len(contour) // 400)
        points = [
            ((c - 1 + c0 + 0.5) * scale, (r - 1 + r0 + 0.5) * scale) for r, c in contour[::step]
        ]
        points.append(points[0])
        _halo_line(draw, points, colour, width)
