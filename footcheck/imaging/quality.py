"""How much to trust one measured foot, from how much its Arch Index could move.

Instead of scoring the photo's looks, each uncertain choice the measurement made is redone a
little differently and the Arch Index measured again:
- the cut level: where exactly a faint midfoot or a soft edge ends (cut lower and higher);
- the axis: turned by the angle it could be off (small when the second toe was found);
- the toe cut: moved back a little when the toes touched the ball and had to be cut off it.
The spreads, with the blur, the print's contrast against the sheet's noise and its size in
pixels, add up to the expected error (``sigma``) of the Arch Index. ``quality`` (0..1) says
how small that error is; ``confidence`` is the chance that the arch *type* is right given the
Arch Index and that error (docs/engine.md). Neither ever reaches certainty, and a poor
measurement (low quality) never claims much of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import ndimage as ndi

from footcheck.imaging import morph
from footcheck.imaging.feet import FootCandidate, Shapes, near_frame
from footcheck.imaging.geometry import FootGeometry, profile_indices
from footcheck.imaging.segment import TONE_SIGMA, Segmentation, fill_holes
from footcheck.indices import classify_arch, type_probability

BASE_SIGMA = 0.004  # what remains on a perfect photo: pixels, smoothing, the method itself
# Where a real print's outline lies is partly a matter of how it is drawn: on the 17 real
# sheets our outline and a careful full-resolution one, along the same axis and thirds,
# differ by 0.011 in Arch Index (root mean square), and a hand measurement draws its own.
# The type's chance counts this too, whatever the photo's quality; the quality does not.
OUTLINE_SIGMA = 0.008
MAX_BLUR = 0.016  # edge blur (Gaussian sigma) relative to the toe-less length: above, refuse
# ... of the outline's sharpest stretches (sharp photos: real sheets < 0.006, generated < 0.007).
# A photo whose sharpest stretches are only fairly sharp (over half that) is also refused when
# most of its outline (the median) is soft: sharp real sheets < 0.022, blurred prints > 0.034.
# (A sharp ink grid with light contact has a soft median outline, but crisp sharpest parts;
# with its whole rim printed in faint broken lines, its sharpest parts soften too: see
# ``too_blurry``.)
MAX_SOFT = 0.028
GRID_BLUR = 1.5
# A photo refused for its print's shape whose largest print has an edge this soft (Gaussian
# sigma, working pixels, along its sharpest stretches) is refused as blurred instead: a photo
# blurred that much smears the print into blobs that pass for prints the frame cuts (generated
# blurred photos told "toes cut off": 6.7-29 px; the other 341 cached photos looked at, 240
# refused for their print's shape and 101 usable: at most 3.9 px).
# (These figures were read before an untextured print's edge was smoothed by EDGE_SIGMA;
# after it, none of those photos' answers changed.)
BLURRED_PRINT_PX = 5.0
EDGE_SIGMA = 1.5  # pixels: the tone is smoothed this much more where an edge's slope is read
CUT_LEVELS = (0.3, 0.7)  # the edge redone lower and higher than CUT (0.5)
AXIS_DOUBT = {"second_toe": 2.0, "principal_axis": 6.0}  # degrees the axis may be off
TOE_DOUBT = 0.03  # share of the length the toe cut may be off when toes touch the ball
MISSING_TOES_DOUBT = 0.12  # ... and when hardly any toes were found apart from the ball
TOE_SHARE = 0.3  # toes cover at most this share of the toe-less print (real sheets: 0.21)
# A back this close to the frame (in "near the frame" distances: 3 pixels, or a grid's period,
# ``feet.near_frame``) may be a heel the frame cut, however rounded it looks (a square one is
# refused, ``analyze._square_back_at_frame``): the tip of a heel, or a high arch's
# narrow midfoot band, narrows to the frame as a whole heel does (a fresh generated ink sheet
# had lost 30 % of its length: "flat, 0.29, 86 %" for 0.146). The index is then measured
# again as if the heel went on by ``HEEL_CUT_DOUBT`` of the length.
HEEL_AT_FRAME = 2.0
HEEL_CUT_DOUBT = 0.1
FAINT_NOISE, FAINT_SHARE = 3.0, 0.03  # faint print: this far above the sheet's grain
DOUBT = 0.01  # a spread this large is worth telling the person about
MAX_CONFIDENCE = 0.95  # a photo test is a rough measure: never claim certainty
# When the expected error is large, the estimate of that error is itself rough (a faint
# midfoot may hide more contact than the bridge test saw): a poor measurement never claims
# much certainty, however far its index lies from a cut-off.
QUALITY_CAP = (0.4, 1.0)  # confidence <= 0.4 + quality: a quality under 0.2 is "not sure"
# Looks of photo no real one of which has been tried: a lit glass plate photographed from below
# (a podoscope; read as well as the other looks on generated photos, docs/engine.md), and a
# print told from its sheet only by its colour (neither clearly darker nor lighter: a glass
# plate whose glow is too faint to see was read from the dim sole, "flat, 91 %"), and a pale
# print on dark card (flour, talc, chalk: read from generated ones only). Until real
# ones have been tried, such a result never claims more than this, and says why.
UNCHECKED_CONFIDENCE = 0.6
GLASS_PLATE_DOUBT = "photos of a lit glass plate (podoscope) are not yet checked on real ones"
LIGHT_PRINT_DOUBT = (
    "prints lighter than their sheet (flour or chalk on dark card) are not yet checked on real ones"
)
COLOUR_ONLY_DOUBT = (
    "the print differs from the paper mainly by its colour, which is not yet checked on real photos"
)


@dataclass(frozen=True)
class Trust:
    sigma: float  # expected error (standard deviation) of the Arch Index
    quality: float  # 0..1
    confidence: float  # 0..1, chance that the arch type is right
    blur: float  # edge blur in working pixels
    too_blurry: bool
    doubts: tuple[str, ...]  # what made it less sure, in words, largest first


REREAD_DOUBT = "the paper around the print is uneven, so its outline is uncertain"
HEEL_DOUBT = "the heel lies at the edge of the photo, so part of it may be cut off"


@dataclass(frozen=True)
class Redone:
    """What redoing one measurement's uncertain choices gave: each spread of its Arch Index
    by what makes it (``REREAD_DOUBT``, which needs the other reading, still 0), the faint
    contact that may lie under the arch (``bridge``), and the edge's blur (sharpest
    stretches, most of it)."""

    spreads: dict[str, float]
    bridge: float
    blur: float
    soft: float


def redo(seg: Segmentation, candidate: FootCandidate, geometry: FootGeometry) -> Redone:
    """Each uncertain choice of the measurement redone (the costly part of ``assess``, made
    once however many other readings it is compared with)."""
    length = geometry.indices.length
    blur, soft = edge_blur(seg, candidate.body)
    bridge = bridge_spread(seg, geometry)
    spreads = {
        "the edge of the print is faint or uneven": math.hypot(
            cut_spread(seg, geometry), geometry.faint_spread
        ),
        "the direction of the foot is uncertain": axis_spread(geometry),
        "the toes touch the ball, so where they end is uncertain": toe_spread(geometry),
        HEEL_DOUBT: heel_cut_spread(seg, geometry),
        REREAD_DOUBT: 0.0,
        "there may be faint contact under the arch that was not counted": bridge / 2,
        "the photo is a little blurred": 0.5 * blur / max(length, 1.0),
        "the print is small in the photo": 0.6 / max(length, 1.0),
        "the print is faint against the paper": 0.024
        * seg.levels.noise
        / max(seg.levels.contrast, 1e-6),
    }
    return Redone(spreads, bridge, blur, soft)


def assess(
    seg: Segmentation,
    geometry: FootGeometry,
    redone: Redone,
    unchecked: str | None = None,
    reread: float = 0.0,
) -> Trust:
    """How far the measurement may be off, and how sure its arch type is. ``redone``: the
    measurement's uncertain choices redone (``redo``); ``reread``: how much another reading
    of the sheet around the print changed the Arch Index; ``unchecked``: why this look of
    photo is not yet checked on real ones (caps the confidence)."""
    ai = geometry.indices.arch_index
    length = geometry.indices.length
    blur, soft, bridge = redone.blur, redone.soft, redone.bridge
    spreads = {**redone.spreads, REREAD_DOUBT: reread}
    measured = math.sqrt(BASE_SIGMA**2 + sum(s * s for s in spreads.values()))
    quality = min(1.0, (2 * BASE_SIGMA + 0.004) / (BASE_SIGMA + 0.004 + measured))
    sigma = math.hypot(measured, OUTLINE_SIGMA)
    # Faint contact under the arch can only raise the index, by up to ``bridge``: the true
    # index lies anywhere from the measured one to that (and within sigma of it). That contact
    # may as well not exist, so it can make a type less sure, never surer (a "flat" index
    # just over the line, whose faint contact was not there, said "83 %").
    kind = classify_arch(ai)
    sure = min(
        type_probability(kind, ai, sigma),
        float(np.mean([type_probability(kind, x, sigma) for x in np.linspace(ai, ai + bridge, 5)])),
    )
    doubts = tuple(name for name, s in sorted(spreads.items(), key=lambda kv: -kv[1]) if s >= DOUBT)
    if unchecked:
        sure = min(sure, UNCHECKED_CONFIDENCE)
        doubts = (unchecked, *doubts)
    return Trust(
        sigma=round(sigma, 4),
        quality=round(quality, 3),
        confidence=round(
            min(MAX_CONFIDENCE, QUALITY_CAP[0] + QUALITY_CAP[1] * quality, max(sure, 0.0)), 3
        ),
        blur=round(blur, 2),
        too_blurry=too_blurry(seg, blur, soft, length),
        doubts=doubts,
    )


def too_blurry(seg: Segmentation, blur: float, soft: float, length: float) -> bool:
    """Is the print's outline too soft to tell where contact ends? A grid's rim printed in
    faint broken lines is soft along most of its outline and along its sharpest stretches
    too (up to 1.33 times the line on generated sheets; blurred ones 1.7 and more): a grid is
    judged by its sharpest stretches alone, against a line ``GRID_BLUR`` times higher."""
    if seg.grid_covers is not None:
        return blur > GRID_BLUR * MAX_BLUR * length
    return blur > MAX_BLUR * length or (blur > MAX_BLUR / 2 * length and soft > MAX_SOFT * length)


def blurred_print(seg: Segmentation, shapes: Shapes) -> bool:
    """Is the largest print of ``shapes`` (of ``seg``'s mask) blurred past reading? Asked only
    once the photo was refused for the print's shape, so that the person is told to hold the
    phone steady rather than to step back."""
    if not shapes.prints:
        return False
    largest = max(shapes.prints, key=lambda b: b.area)
    sharpest, _ = edge_blur(seg, shapes.labels == largest.label)
    return sharpest > BLURRED_PRINT_PX


def edge_blur(seg: Segmentation, body: np.ndarray) -> tuple[float, float]:
    """Gaussian sigma (working pixels) of the print's edge beyond our own smoothing: along
    the outline's sharpest stretches, and along most of it.

    At the outline the tone falls from the print's level to the sheet; blurred by sigma, that
    step's steepest slope is level / (sigma * sqrt(2 pi)), reached at the outline. The
    sharpest stretches count most (where the print is faint its edge is gentler); but when a
    faint, blurred print's outline wanders into the sheet's grain, a few steep grains pass for
    sharp stretches, and only the outline as a whole shows the blur. An untextured print's
    tone is smoothed only lightly (a grid's is smoothed into tone already), so its slopes are
    read on it smoothed by ``EDGE_SIGMA`` more (and that is taken off again): a noisy photo's
    grain alone is steeper than a blurred edge (fresh 3503015, a wet print blurred by 13
    pixels, read as blurred by 3 and measured)."""
    height = seg.height
    extra = 0.0 if seg.grid_covers is not None else EDGE_SIGMA
    rows, cols = np.nonzero(body)
    if rows.size == 0:
        return math.inf, math.inf
    pad = 1 + math.ceil(3 * extra)
    r0, r1 = max(0, rows.min() - pad), min(body.shape[0], rows.max() + pad + 1)
    c0, c1 = max(0, cols.min() - pad), min(body.shape[1], cols.max() + pad + 1)
    crop = np.zeros((r1 - r0 + 2, c1 - c0 + 2), dtype=bool)  # a margin: no edge at the frame
    crop[1:-1, 1:-1] = body[r0:r1, c0:c1]
    tone = np.pad(ndi.gaussian_filter(height[r0:r1, c0:c1], extra), 1, mode="edge")
    inner = crop.copy()
    inner[1:-1, 1:-1] &= crop[:-2, 1:-1] & crop[2:, 1:-1] & crop[1:-1, :-2] & crop[1:-1, 2:]
    er, ec = np.nonzero(crop & ~inner)
    level = max(float(np.percentile(height[rows, cols], 80)), 1e-6)
    gy = (tone[er + 1, ec] - tone[er - 1, ec]) / 2
    gx = (tone[er, ec + 1] - tone[er, ec - 1]) / 2
    sharpest, most = np.percentile(np.hypot(gx, gy), (90, 50)) / level
    return _sigma_of_slope(float(sharpest), extra), _sigma_of_slope(float(most), extra)


def _sigma_of_slope(slope: float, extra: float) -> float:
    sigma = 1.0 / max(slope * math.sqrt(2 * math.pi), 1e-9)
    return math.sqrt(max(sigma * sigma - TONE_SIGMA**2 - extra**2, 0.0))


def cut_spread(seg: Segmentation, g: FootGeometry) -> float:
    """Half the change of the Arch Index when the print is cut lower and higher."""
    h, w = g.toeless.shape
    r0, c0 = g.offset
    rel = seg.relative[r0 : r0 + h, c0 : c0 + w]
    region = morph.dilate(g.toeless | g.toes, 4) & ~morph.dilate(g.toes, 1)
    values = []
    for level in CUT_LEVELS:
        mask = fill_holes((rel > level) & region)
        xs, ys = _points(mask, g.offset)
        u, _ = g.frame.project(xs, ys)
        front = g.u_start + g.indices.length
        u = u[u <= front]
        if u.size < 50:
            return 0.1
        values.append(_ai(u))
    return abs(values[1] - values[0]) / 2


def axis_spread(g: FootGeometry) -> float:
    """Half the change of the Arch Index when the axis is turned either way by its doubt."""
    xs, ys = g.points()
    doubt = AXIS_DOUBT[g.axis_method] + 0.25 * min(g.axis_turn, 20.0)
    values = [_ai(g.frame.turned(sign * doubt).project(xs, ys)[0]) for sign in (-1, 1)]
    return max(abs(v - g.indices.arch_index) for v in values)


def toe_spread(g: FootGeometry) -> float:
    """Change of the Arch Index when the front of the toe-less print moves back by as much as
    the toe cut may be off: nothing when the toes stood apart from the ball, a little when
    they touched it (or as much as the print is longer than its partner, whose toes stood
    apart), as much as a toe's length when hardly any toes were found (they may
    still be part of the 'ball'). "Toes" covering more than ``TOE_SHARE`` of the print are
    partly ball (a mottled ball's pale bays cut it into toe-like pieces): then as much as
    the index measured with all of them counted as print."""
    ai = g.indices.arch_index
    spread = 0.0
    if g.toes_found < 3 or g.toes_attached:
        doubt = max(TOE_DOUBT, g.longer_than_pair) if g.toes_found >= 3 else MISSING_TOES_DOUBT
        u, _ = g.frame.project(*g.points())
        cut = u.max() - doubt * g.indices.length
        spread = abs(_ai(u[u <= cut]) - ai) / (1 if g.toes_found >= 3 else 2)
    # A narrow front cut off the ball (``geometry.without_narrow_front``) may still be ball: the
    # index lies between the two readings.
    spread = max(spread, g.front_spread / 2)
    if g.toe_share > TOE_SHARE:
        u, _ = g.frame.project(*_points(g.toeless | g.toes, g.offset))
        spread = max(spread, abs(_ai(u[u >= g.u_start]) - ai))
    return spread


def heel_cut_spread(seg: Segmentation, g: FootGeometry) -> float:
    """Change of the Arch Index if the heel went on past the frame by ``HEEL_CUT_DOUBT`` of
    the length, when the back of the print lies within ``HEEL_AT_FRAME`` "near the frame"
    distances of it; nothing otherwise. (A print the frame clearly cuts is refused before.)"""
    if g.back_gap(seg.mask.shape) > HEEL_AT_FRAME * near_frame(seg):
        return 0.0
    longer = profile_indices(g.from_back()[2] + HEEL_CUT_DOUBT * g.indices.length)
    return abs(longer.arch_index - g.indices.arch_index)


def bridge_spread(seg: Segmentation, g: FootGeometry) -> float:
    """How much the Arch Index could grow if faint print under the arch, too faint to be
    counted, were contact: the pixels of the middle third that lie inside the print's hull,
    outside the counted print, yet clearly above the sheet's grain."""
    h, w = g.toeless.shape
    r0, c0 = g.offset
    hull = morph.convex_hull(g.toeless)
    gap = hull & ~g.toeless
    if not gap.any():
        return 0.0
    faint = ndi.gaussian_filter(seg.height[r0 : r0 + h, c0 : c0 + w], 1.5) > max(
        FAINT_NOISE * seg.levels.noise, FAINT_SHARE * seg.levels.contrast
    )
    xs, ys = _points(g.toeless | (gap & faint), g.offset)
    u, _ = g.frame.project(xs, ys)
    u = u[(u >= g.u_start) & (u <= g.u_start + g.indices.length)]
    return max(0.0, _ai(u) - g.indices.arch_index)


def _ai(u: np.ndarray) -> float:
    return profile_indices(u - u.min() + 0.5).arch_index


def _points(mask: np.ndarray, offset: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    rows, cols = np.nonzero(mask)
    return cols.astype(float) + offset[1], rows.astype(float) + offset[0]
