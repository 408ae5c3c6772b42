"""``analyze_imprint``: photo in, arch indices and arch type per foot out -- or a reason.

The result's ``to_dict()`` is the fixed JSON contract of ``python -m footcheck analyze --json``.
Unusable photos never raise: they come back with ``error`` set to a sentence that says what to
do differently, because a refusal the person can act on beats a confident wrong answer.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from scipy import ndimage as ndi

from footcheck.imaging.geometry import FootGeometry, measure_foot
from footcheck.imaging.load import ImageRefused, LoadedImage, load_image, read_source
from footcheck.imaging.segment import NoPrint, Segmentation, segment
from footcheck.indices import classify_arch, type_confidence

MIN_PRINT_FRACTION = 0.15  # toe-less length relative to the photo's long side
MIN_PRINT_PIXELS = 150  # toe-less length in the original photo's pixels
SMOOTHING_SIGMA = math.sqrt((3**2 - 1) / 12)  # the 3 x 3 mean applied before thresholding
MAX_PLAUSIBLE_AI = 0.42  # flat feet reach about 0.35; more means two prints merged
MAX_BLUR = 0.01  # edge blur (Gaussian sigma) relative to the toe-less length

REASONS = {
    "no_print": (
        "We could not find a footprint in this photo. Make sure the wet print shows as a darker "
        "shape on the paper and fills a good part of the picture; if it is there but very "
        "faint, try cardboard or a brown paper bag and photograph it straight away."
    ),
    "low_contrast": (
        "The print is too faint to measure: there is too little contrast between the print and "
        "the paper. Use cardboard or a brown paper bag, photograph it within a minute of "
        "stepping off, and use bright, even light."
    ),
    "too_many": (
        "We found more than two prints (or several dark shapes) in this photo. Photograph one "
        "foot, or both feet side by side, with nothing else dark on the sheet."
    ),
    "partial": (
        "We could see only part of a footprint (only the heel or only the ball of the foot). "
        "Stand with your whole weight on the paper, then photograph the full print."
    ),
    "cut_heel": (
        "The heel is cut off by the edge of the photo. Step back a little so the whole print, "
        "with some paper around it, fits in the frame."
    ),
    "cut_toes": (
        "The toes are cut off by the edge of the photo. Step back a little so the whole print, "
        "with some paper around it, fits in the frame."
    ),
    "cut_off": (
        "The print runs off the edge of the photo. Step back a little so the whole print, with "
        "some paper around it, fits in the frame."
    ),
    "too_small": (
        "The print is too small in the photo to measure reliably. Hold the camera closer, "
        "straight above the print, so that it fills most of the frame."
    ),
    "too_blurry": (
        "The photo is too blurry to see the edges of the print. Hold the phone steady, tap the "
        "print on the screen to focus, and take it again in good light."
    ),
}


@dataclass
class FootResult:
    """One measured foot. ``to_dict`` gives exactly the JSON contract's fields."""

    side: str | None
    arch_index: float
    chippaux_smirak: float
    staheli: float
    arch_type: str
    quality: float
    confidence: float  # how sure of arch_type (not part of the JSON contract)
    axis_method: str
    geometry: FootGeometry = field(repr=False)
    position_x: float = 0.0  # horizontal position in the photo, for left-to-right order

    def to_dict(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "arch_index": round(float(self.arch_index), 4),
            "chippaux_smirak": round(float(self.chippaux_smirak), 4),
            "staheli": round(float(self.staheli), 4),
            "arch_type": self.arch_type,
            "quality": round(float(self.quality), 3),
        }


@dataclass
class ImprintResult:
    file: str | None
    feet: list[FootResult]
    error: str | None = None
    error_code: str | None = None
    image: Image.Image | None = field(default=None, repr=False)  # working-size photo
    _overlay: Image.Image | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.file, "feet": [f.to_dict() for f in self.feet]}
        if self.error is not None:
            data["error"] = self.error
        return data

    @property
    def overlay(self) -> Image.Image | None:
        """The photo with what was measured drawn on it (None when the photo was unreadable)."""
        if self._overlay is None and self.image is not None:
            from footcheck.imaging.overlay import draw_overlay

            self._overlay = draw_overlay(self.image, self.feet)
        return self._overlay

    def overlay_png(self, max_side: int = 900) -> bytes | None:
        picture = self.overlay
        if picture is None:
            return None
        picture = picture.copy()
        picture.thumbnail((max_side, max_side))
        buf = io.BytesIO()
        picture.save(buf, "PNG", optimize=True)
        return buf.getvalue()


def analyze_imprint(source: bytes | bytearray | str | Path) -> ImprintResult:
    """Analyse a footprint photo given as file bytes or a path. Never raises for bad images."""
    file = None if isinstance(source, (bytes, bytearray, memoryview)) else str(source)
    try:
        data = read_source(source)
    except ImageRefused as exc:
        return ImprintResult(file, [], str(exc), "unreadable")
    try:
        loaded = load_image(data)
    except ImageRefused as exc:
        return ImprintResult(file, [], str(exc), "unreadable")
    try:
        feet, code = _measure(loaded)
    except NoPrint as exc:
        feet, code = [], exc.code
    except (ValueError, FloatingPointError, IndexError, MemoryError):
        feet, code = [], "no_print"
    if code is not None:
        return ImprintResult(file, [], REASONS[code], code, loaded.rgb)
    return ImprintResult(file, feet, None, None, loaded.rgb)


def _measure(loaded: LoadedImage) -> tuple[list[FootResult], str | None]:
    seg = segment(loaded.gray)
    h, w = loaded.gray.shape
    results = []
    for candidate in seg.feet:
        geometry = measure_foot(candidate.body, candidate.extras)
        if geometry is None:
            return [], "no_print"
        if candidate.touches_border:
            return [], _which_end_is_cut(geometry, candidate.body | candidate.extras)
        if not geometry.toes.any() and _front_near_edge(geometry, h, w):
            return [], "cut_toes"  # no toes at all, and the ball right at the edge
        length = geometry.indices.length
        if length < MIN_PRINT_FRACTION * max(h, w) or length / loaded.scale < MIN_PRINT_PIXELS:
            return [], "too_small"
        blur = _edge_blur(seg, candidate.body)
        if blur > MAX_BLUR * length:
            return [], "too_blurry"
        if geometry.indices.arch_index > MAX_PLAUSIBLE_AI:
            return [], "too_many"  # wider than any foot: prints touching each other
        quality = _quality(seg, geometry, blur, length / max(h, w))
        idx = geometry.indices
        results.append(
            FootResult(
                side=geometry.side,
                arch_index=idx.arch_index,
                chippaux_smirak=idx.chippaux_smirak,
                staheli=idx.staheli,
                arch_type=classify_arch(idx.arch_index),
                quality=quality,
                confidence=type_confidence(idx.arch_index, quality),
                axis_method=geometry.axis_method,
                geometry=geometry,
                position_x=float(np.nonzero(candidate.body)[1].mean()),
            )
        )
    results.sort(key=lambda f: f.position_x)
    if len(results) == 2:
        _settle_sides(results)
    return results, None


def _which_end_is_cut(geometry: FootGeometry, mask: np.ndarray) -> str:
    h, w = mask.shape
    rows, cols = np.nonzero(mask)
    edge = (rows == 0) | (rows == h - 1) | (cols == 0) | (cols == w - 1)
    if not edge.any():
        return "cut_off"
    u, _ = geometry.frame.project(cols[edge].astype(float), rows[edge].astype(float))
    middle = geometry.u_start + geometry.indices.length / 2
    return "cut_toes" if float(np.median(u)) > middle else "cut_heel"


def _front_near_edge(geometry: FootGeometry, h: int, w: int) -> bool:
    rows, cols = np.nonzero(geometry.toeless)
    xs, ys = cols + geometry.offset[1], rows + geometry.offset[0]
    u, _ = geometry.frame.project(xs.astype(float), ys.astype(float))
    x, y = xs[int(np.argmax(u))], ys[int(np.argmax(u))]
    return min(x, y, w - 1 - x, h - 1 - y) < 0.05 * max(h, w)


def _edge_blur(seg: Segmentation, body: np.ndarray) -> float:
    """Gaussian sigma (pixels) of the print's edge, from the darkness gradient on its outline.

    A blurred step of height c has a peak gradient of c / (sigma * sqrt(2 pi)), reached where
    the darkness is half-way, which is where the outline was drawn."""
    rs, cs = ndi.find_objects(body.astype(np.uint8))[0]
    rs = slice(max(1, rs.start), min(body.shape[0] - 1, rs.stop))
    cs = slice(max(1, cs.start), min(body.shape[1] - 1, cs.stop))
    crop = body[rs, cs]
    rows, cols = np.nonzero(crop & ~ndi.binary_erosion(crop))
    if rows.size == 0 or seg.contrast <= 0:
        return math.inf
    rows, cols = rows + rs.start, cols + cs.start
    dark = seg.darkness
    gy = (dark[rows + 1, cols] - dark[rows - 1, cols]) / 2
    gx = (dark[rows, cols + 1] - dark[rows, cols - 1]) / 2
    peak = float(np.percentile(np.hypot(gx, gy), 80))
    sigma = seg.contrast / max(peak * math.sqrt(2 * math.pi), 1e-9)
    return math.sqrt(max(sigma * sigma - SMOOTHING_SIGMA**2, 0.0))  # minus our own smoothing


def _quality(seg: Segmentation, geometry: FootGeometry, blur: float, fraction: float) -> float:
    """0..1: how much to trust the measurement (contrast, sharpness, size, toes found).

    ``fraction`` is the print's toe-less length relative to the photo's long side."""
    length = geometry.indices.length
    contrast_q = min(1.0, max(0.0, (seg.contrast - 0.03) / 0.1))
    noise_q = min(1.0, max(0.0, seg.contrast / max(seg.noise, 1e-6) / 12.0))
    sharp_q = min(1.0, max(0.0, 1.0 - (blur / length - 0.003) / (MAX_BLUR - 0.003)))
    size_q = min(1.0, max(0.0, (fraction - MIN_PRINT_FRACTION) / 0.2))
    axis_q = 1.0 if geometry.axis_method == "second_toe" else 0.75
    parts = [contrast_q, noise_q, sharp_q, size_q]
    return round(axis_q * (0.4 + 0.6 * float(np.prod(parts)) ** 0.5), 3)


def _settle_sides(feet: list[FootResult]) -> None:
    """Two prints side by side are one left and one right foot: when one foot is sure and the
    other is unsure or disagrees, the unsure one takes the other side."""
    a, b = feet
    if a.side is not None and a.side == b.side:
        weaker = a if a.geometry.side_strength < b.geometry.side_strength else b
        weaker.side = None
    for me, other in ((a, b), (b, a)):
        if me.side is None and other.side is not None:
            me.side = "left" if other.side == "right" else "right"
