"""``analyze_imprint``: photo in, arch indices and arch type per foot out -- or a reason.

The pipeline, one named step each (docs/engine.md explains each):
load (working-size colour picture) -> segment (print mask) -> feet (which shapes make which
foot) -> geometry (toes, axis, side, width profile, indices) -> checks and confidence.

The result's ``to_dict()`` is the fixed JSON contract of ``python -m footcheck analyze --json``.
Unusable photos never raise: they come back with ``error`` set to a sentence that says what to
do differently, because a refusal the person can act on beats a confident wrong answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from scipy import ndimage as ndi
from skimage.measure import regionprops

from footcheck.imaging.feet import (
    BIG_FRACTION,
    EIGHT,
    NEAR_FRAME_PX,
    SHADE,
    FootCandidate,
    Shapes,
    core_of,
    faint_prints,
    find_shapes,
    group_feet,
    median_in,
    near_frame,
    pieces_at_frame_beside_prints,
    select,
    unattached_parts,
    without_shade,
)
from footcheck.imaging.geometry import (
    FootGeometry,
    cut_to_length,
    measure_foot,
    slab_widths,
    with_faint_contact,
    without_narrow_front,
)
from footcheck.imaging.load import ImageRefused, LoadedImage, load_image, read_source
from footcheck.imaging.quality import (
    COLOUR_ONLY_DOUBT,
    GLASS_PLATE_DOUBT,
    HEEL_AT_FRAME,
    LIGHT_PRINT_DOUBT,
    Redone,
    Trust,
    assess,
    blurred_print,
    redo,
)
from footcheck.imaging.segment import NoPrint, Segmentation, clean, frame_labels, segment
from footcheck.indices import classify_arch

log = logging.getLogger(__name__)

MIN_PRINT_FRACTION = 0.15  # toe-less length relative to the photo's long side
MIN_PRINT_PIXELS = 150  # toe-less length in the original photo's pixels
# A faint print is looked for where the tone, smoothed over a few pixels (the grain averages
# out), stands above the sheet by 1.5 times its grain and by at least 0.004 (a print too faint
# to use reaches 0.014-0.02 at its darkest; segment.MIN_PRINT_CONTRAST) ...
FAINT_NOISE, FAINT_FLOOR, FAINT_SIGMA = 1.5, 0.004, 3.0
FAINT_SOLID = 0.8  # ... and counts when it is as solid as a heel, a ball or a toe-less print
FAINT_ASPECT = 4.0  # ... and no longer than a whole foot for its width
SAME_COLOUR = 0.02  # chromaticity apart: a piece at the frame beside a print is of its ink ...
SAME_LEVEL = 1.5  # ... and as dark within this factor
TOE_ROOM = 0.14  # toes need about this share of the toe-less length in front of the ball
MIN_TOE_SHARE = 0.003  # of the toe-less print's area: less is a speck, not a toe
# A print lying within feet.NEAR_FRAME_PX of the frame along this share of its forefoot's
# width is cut off. A whole print whose toe tip comes that close touches it only briefly (real
# sheets re-photographed turned and tilted: at most 0.26 of the width).
NEAR_FRAME_SHARE = 0.35
MAX_PLAUSIBLE_AI = 0.42  # flat feet reach about 0.35; more means two prints merged
# A heel is about 0.55-0.75 as wide as the forefoot (real sheets 0.54-0.73, generated feet
# from 0.57): a "heel" under a third of it is a streak joined to part of a print.
MIN_HEEL_SHARE = 0.3
# A whole heel is rounded: from 2 % to 4 % of the print's length in front of its back it is
# narrower than its widest (real sheets at most 0.86, 2,614 generated measurements at most
# 0.91), while a print the photo cut through the heel keeps its width up to the cut (0.96).
# Checked where the back of the print lies within two "near the frame" distances of the
# frame: an ink grid's outline ends at its last line, up to a cell short of the edge that
# cut it.
SQUARE_BACK, SQUARE_DEPTH = 0.93, (0.02, 0.04)
# ... and a whole heel is nearly as wide as its widest from 8 % to 12 % of the print's length
# in front of its back (mean width over those slabs: 2,152 feet measured in either reading of
# 1,153 cached and 200 held-out photos, usable or real, at least 0.72, a real sheet read
# heel-first), while the backs of three generated prints cut obliquely or whose heel did not
# show tapered to 0.40-0.57.
POINTED_DEPTH, POINTED_BACK = (0.08, 0.12), 0.65
MOST_OF_PHOTO = 0.5  # a shape this share of the photo or more is the sheet, not a print
MIN_KEPT = 0.7  # ... or an appendage, when trimming it keeps this much of the shape
# One person's feet differ in length by a few percent (real sheets: at most 5 %, the
# generator 6 %): a print with toes joined to its ball longer than this times its partner,
# whose toes stand apart (so its length is sure), counts part of its toes as ball; it is
# measured as long as one person's feet can differ, no shorter.
PAIR_LONGER = 1.06
SIDE_VOTE = 0.2  # a foot's own side vote (geometry.side_vote) names its side from this on
GLOW_RATIO = 4.0  # a glass plate's glow: its brightest tenth against the rest of the photo
GLOW_SATURATION = 0.35  # ... and its colour (0 grey, 1 pure)
# A lighter print less coloured than this is powder on dark card (a glass plate's dim sole is
# tinted by skin and glow: 0.24 and more on generated photos; powder about 0.03).
POWDER_SATURATION = 0.12
# The second reading of the sheet replaces the first when its feet are measured this much
# more cleanly (quality; a large mottled print: 0.45 -> 0.7; real sheets differ by < 0.1).
SWITCH_READING = 0.1
CUT_CODES = frozenset({"cut_toes", "cut_heel", "cut_off"})
# Refusals for the print's shape, which a second reading of the sheet may mend; not those
# for the photo itself (blurred, too faint, unreadable).
READ_AGAIN = frozenset({"no_print", "partial", "too_small", "too_many"}) | CUT_CODES

REASONS = {
    "no_print": (
        "We could not find a footprint in this photo. Make sure the print shows clearly on the "
        "paper and fills a good part of the picture; if it is there but very faint, try "
        "cardboard or a brown paper bag and photograph it straight away."
    ),
    "low_contrast": (
        "The print is too faint to measure: there is too little contrast between the print and "
        "the paper. Use cardboard or a brown paper bag, photograph it within a minute of "
        "stepping off, and use bright, even light."
    ),
    "no_glow": (
        "We can see a foot through the glass, but not the bright glow where it touches it, so "
        "the print cannot be measured. Turn the podoscope's light on (or up), darken the room, "
        "stand with your full weight on the glass and take the photo again."
    ),
    "too_many": (
        "We found more than two prints (or several print-like shapes) in this photo. "
        "Photograph one foot, or both feet side by side, with nothing else dark on the sheet."
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
    "small_picture": (
        "This picture has too few pixels to measure the print reliably: it was probably made "
        "smaller when it was sent or saved. Please upload the original photo from your "
        "phone's camera (or take a new one here)."
    ),
    "too_blurry": (
        "The photo is too blurry to see the edges of the print. Hold the phone steady, tap the "
        "print on the screen to focus, and take it again in good light."
    ),
    "unreadable": "",  # the loader's own sentence is used
}


@dataclass(frozen=True)
class FootResult:
    """One measured foot. ``to_dict`` gives exactly the JSON contract's fields."""

    side: str | None
    arch_index: float
    chippaux_smirak: float
    staheli: float
    arch_type: str
    quality: float  # 0..1, how much to trust the measurement
    confidence: float  # 0..1, how sure of arch_type (not part of the JSON contract)
    axis_method: str
    geometry: FootGeometry = field(repr=False)
    trust: Trust = field(repr=False)
    position_x: float = 0.0  # horizontal position in the working image, for left-to-right order

    def to_dict(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "arch_index": round(float(self.arch_index), 4),
            "chippaux_smirak": round(float(self.chippaux_smirak), 4),
            "staheli": round(float(self.staheli), 4),
            "arch_type": self.arch_type,
            "quality": round(float(self.quality), 3),
        }


@dataclass(frozen=True)
class ImprintResult:
    """What one photo gave: the feet measured, or why none could be."""

    file: str | None
    feet: tuple[FootResult, ...]
    error: str | None = None
    error_code: str | None = None
    size: tuple[int, int] | None = None  # working picture (width, height) the geometry is in
    original_size: tuple[int, int] | None = None
    polarity: str | None = None  # how the print differed from its sheet

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.file, "feet": [f.to_dict() for f in self.feet]}
        if self.error is not None:
            data["error"] = self.error
        return data


def analyze_imprint(source: bytes | bytearray | str | Path) -> ImprintResult:
    """Analyse a footprint photo given as file bytes or a path. Never raises for bad images."""
    file = None if isinstance(source, (bytes, bytearray, memoryview)) else str(source)
    try:
        loaded = load_image(read_source(source))
    except ImageRefused as exc:
        return ImprintResult(file, (), str(exc), "unreadable")
    size = (loaded.rgb.shape[1], loaded.rgb.shape[0])
    # The second reading of the sheet (used only for a print darker than its sheet) is made
    # on another core while the first is made: numpy and scipy let the threads run together.
    pool = ThreadPoolExecutor(max_workers=1)
    second = pool.submit(second_reading, loaded)
    try:
        seg = segment(loaded.rgb)
        feet = read_feet(loaded, seg, second.result)
    except NoPrint as exc:
        code = exc.code
        if code in READ_AGAIN and faint_print_in(seg):
            code = "low_contrast"
        elif code in READ_AGAIN and blurred_print(seg, find_shapes(seg.mask)):
            code = "too_blurry"
        return ImprintResult(file, (), REASONS[code], code, size, loaded.original_size)
    except (ValueError, FloatingPointError, IndexError) as exc:
        # A shape so odd that a measuring step broke on it: refuse, but leave a trace, since it
        # is a case the engine should learn to handle.
        log.warning("footprint measurement failed: %r", exc, exc_info=True)
        return ImprintResult(file, (), REASONS["no_print"], "no_print", size, loaded.original_size)
    finally:
        pool.shutdown(wait=False)  # a glass-plate photo does not wait for an unused reading
    return ImprintResult(file, feet, None, None, size, loaded.original_size, seg.polarity)


@dataclass(frozen=True)
class Reading:
    """One reading of the sheet and the feet in it (``found`` and ``feet`` None: refused)."""

    seg: Segmentation
    found: Found | None
    feet: tuple[FootResult, ...] | None
    along_frame: tuple[np.ndarray, ...] = ()  # refused: its prints that run along the frame
    refused: str | None = None  # why it was refused (a reason code)


def second_reading(loaded: LoadedImage) -> Reading:
    """The sheet read as under a print darker than it (``segment(second_reading=True)``);
    refused as cut off, with the prints that run along the frame (see ``read_feet``)."""
    seg = segment(loaded.rgb, second_reading=True)
    try:
        found = find_feet(loaded, seg)
        return Reading(seg, found, judge_feet(found))
    except NoPrint as refusal:
        cut = refusal.code in CUT_CODES
        return Reading(seg, None, None, _prints_along_frame(seg) if cut else (), refusal.code)
    except (ValueError, FloatingPointError, IndexError):
        return Reading(seg, None, None)


def _prints_along_frame(seg: Segmentation) -> tuple[np.ndarray, ...]:
    """The whole-photo masks of the prints of this reading that run along the frame (shapes
    that could be a foot: see ``read_feet``)."""
    masks = []
    try:
        for candidate in group_feet(find_shapes(seg.mask), _faint_contact(seg)):
            measured = _measured(candidate)
            if measured is None:
                continue
            candidate, geometry = measured
            if geometry.indices.arch_index > MAX_PLAUSIBLE_AI:
                continue  # wider than any foot (joined to a fold's bands): no print cut
            foot = _foot_mask(geometry, seg.mask.shape)
            if _runs_along_frame(foot, geometry, near_frame(seg)):
                masks.append(foot)
    except (NoPrint, ValueError, FloatingPointError, IndexError):
        pass  # what was found so far
    return tuple(masks)


def read_feet(
    loaded: LoadedImage, seg: Segmentation, again: Callable[[], Reading]
) -> tuple[FootResult, ...]:
    """The feet, with the sheet read twice when the print is darker than it.

    The usual reading of the sheet fails on a large, pale-mottled wet print (its blotches
    read as sheet, so the print falls apart or loses area: refused, or measured wrongly with
    confidence); the second reading (``segment(second_reading=True)``) fails on folds and
    on the gaps between toes. Each checks the other: where both measure the feet, the
    clearly cleaner one (quality) is kept, even when they count the feet differently (a
    mottled print the first broke into two "feet"), and where they count them alike their
    difference is one more uncertainty of its Arch Index; where the first is refused for
    the print's shape, the second reading is used; where both are refused, the first reason
    stands. Where the second reading shows a print the first measured whole running along
    the photo's edge, the first left out a faint part of it that the photo cut through (a
    mottled wet print paler at one end): the photo is refused as cut off. A shape wider
    than any foot there is the print joined to something else (a fold's bands, a panel's
    bar), not a print the photo cut. Where the second reading counts more prints than a
    photo may hold and one of them lies in what the first left out as hugging the frame,
    the first joined a third print to a table: the photo is refused as more than two
    prints. Where the second reading, refused as too small or as holding no print, shows a
    foot the first measured in a shape touching the frame (not most of the photo), the
    first measured a piece of a print that runs off the photo: refused as cut off.
    ``again`` gives the second reading."""
    if seg.polarity != "darker":
        return judge_feet(find_feet(loaded, seg))
    # The second reading is waited for only once this one is done: they run side by side.
    try:
        found = find_feet(loaded, seg)
        first = judge_feet(found)
    except NoPrint as refusal:
        return _second_instead(refusal, seg, again())
    second = again()
    try:
        _check_not_cut_in(second, first)
        _check_no_print_lost_at_frame(seg, second)
        _check_not_joined_to_frame(second, first)
        if second.found is None or second.feet is None:
            return first
        if _mean_quality(second.feet) >= _mean_quality(first) + SWITCH_READING:
            return judge_feet(second.found, first)  # the clearly cleaner reading
        if len(second.feet) != len(first):
            return first
        return judge_feet(found, second.feet)
    except NoPrint as refusal:
        return _second_instead(refusal, seg, second)


def _second_instead(refusal: NoPrint, seg: Segmentation, second: Reading) -> tuple[FootResult, ...]:
    """The second reading's feet where the first was refused for the print's shape and the
    second keeps every print the first saw; otherwise the first refusal stands, but where the
    first saw only part of a print and the second shows a print running along the frame, the
    photo cut it (a mottled wet print paler at the end the photo cut through: what the first
    reading kept of it came to a point)."""
    if refusal.code == "partial" and second.feet is None and second.along_frame:
        raise NoPrint("cut_off")
    if (
        second.feet is None
        or refusal.code not in READ_AGAIN
        or not _keeps_every_print(seg, second.seg)
    ):
        raise refusal
    return second.feet


def _check_not_cut_in(second: Reading, first: tuple[FootResult, ...]) -> None:
    """Refuse if a print of the second reading that runs along the frame is one of these
    feet (covers at least half of it). Which end is cut is not said: the first reading,
    having measured part of the print, may have its heel and toes the wrong way round."""
    for cut in second.along_frame:
        for foot in first:
            mask = _foot_mask(foot.geometry, cut.shape)
            if _mostly_in(mask, cut):
                raise NoPrint("cut_off")


def _check_no_print_lost_at_frame(first: Segmentation, second: Reading) -> None:
    """Refuse as more than two prints when the second reading counts more prints than a
    photo may hold and one of them, clear of the frame, lies in what the first reading
    left out as hugging the frame: the first reading joined a third print to a table at
    the photo's edge (fresh 2506012, two of three wet prints measured, "flat, 89 %")."""
    if second.refused != "too_many":
        return
    before, after = find_shapes(first.mask), find_shapes(second.seg.mask)
    hugging = select(before.labels, [b.label for b in before.frame])
    for shape in after.prints:
        if shape.border or shape.area < BIG_FRACTION * after.largest or not shape.plausible:
            continue
        piece = after.labels == shape.label
        if _mostly_in(piece, hugging):
            raise NoPrint("too_many")


def _check_not_joined_to_frame(second: Reading, first: tuple[FootResult, ...]) -> None:
    """Refuse as cut off when the second reading, refused as too small or as holding no
    print, shows one of these feet (at least half of it) in a shape that touches the frame
    and is a minor part of the photo: the usual reading measured what was left of a large,
    pale-mottled print that runs off the photo (fresh 3001051, "flat, 0.33, 80 %", and
    3101008, "flat, 0.34, 72 %", the print run into the table along the photo's edge;
    3001002, into a sheet's edge; 3101086, "high, 0.19, 30 %", the print itself running
    off the photo, too ragged to count as a print). A shape covering most of the photo is
    the whole sheet taken for one (a real sheet turned 12 degrees, whose second reading
    saw no print)."""
    if second.refused not in ("too_small", "no_print"):
        return
    labels, count = ndi.label(second.seg.mask, structure=EIGHT)
    at_frame = np.zeros(count + 1, dtype=bool)
    at_frame[frame_labels(labels)] = True
    at_frame[0] = False
    at_frame &= np.bincount(labels.ravel(), minlength=count + 1) < MOST_OF_PHOTO * labels.size
    joined = at_frame[labels]
    for foot in first:
        mask = _foot_mask(foot.geometry, joined.shape)
        if _mostly_in(mask, joined):
            raise NoPrint("cut_off")


def _mostly_in(piece: np.ndarray, area: np.ndarray) -> bool:
    """Does at least half of ``piece`` lie in ``area``? (Both whole-photo masks: what one
    reading of the sheet saw, against what the other saw.)"""
    return np.count_nonzero(piece & area) >= 0.5 * np.count_nonzero(piece)


def _mean_quality(feet: tuple[FootResult, ...]) -> float:
    return sum(f.quality for f in feet) / len(feet)


def _keeps_every_print(first: Segmentation, second: Segmentation) -> bool:
    """Whether every foot-part-sized shape of the first reading, away from the photo's edge,
    lies in a print of the second, not in a shadow running to the frame: a second reading
    may mend a print that fell apart, never make one vanish (a third print in a fold's
    shadow did)."""
    before, after = find_shapes(first.mask), find_shapes(second.mask)
    if not before.prints:
        return True
    kept = select(after.labels, [b.label for b in after.prints])
    for shape in before.prints:
        if shape.area < BIG_FRACTION * before.largest or shape.border:
            continue  # a speck, or something at the photo's edge (a table, a sheet's edge)
        piece = before.labels == shape.label
        if not _mostly_in(piece, kept):
            return False
    return True


def _reread_spread(arch_index: float, position_x: float, other: tuple[FootResult, ...]) -> float:
    """How far the other reading's Arch Index of this foot lies (0 when it has no match)."""
    nearest = min(other, key=lambda f: abs(f.position_x - position_x))
    return abs(nearest.arch_index - arch_index)


@dataclass(frozen=True)
class Found:
    """The feet of one reading, measured but not yet judged: what judging again with another
    reading to compare with needs, without measuring again."""

    seg: Segmentation
    measured: list[tuple[FootCandidate, FootGeometry]]
    sides: list[str | None]
    glass_plate: bool

    @cached_property
    def redone(self) -> list[Redone]:
        """Each foot's uncertain choices redone (``quality.redo``), once: a reading is judged
        again when compared with the other."""
        return [redo(self.seg, candidate, geometry) for candidate, geometry in self.measured]


def find_feet(loaded: LoadedImage, seg: Segmentation) -> Found:
    """Every foot in the photo, measured and checked whole; ``NoPrint`` says why there is
    none."""
    h, w = seg.mask.shape
    shapes = without_shade(find_shapes(seg.mask), seg.height)
    _check_visible(seg, shapes, h * w)
    _check_no_print_cut_beside(seg, loaded.rgb, shapes)
    off_sheet = ndi.binary_dilation(seg.sheet_edges, iterations=3)
    near = near_frame(seg)
    measured = []
    feet = np.zeros((h, w), dtype=bool)  # every measured print
    candidates = group_feet(shapes, _faint_contact(seg))
    for candidate in candidates:
        measured_foot = _measured(candidate)
        if measured_foot is None:
            raise NoPrint("no_print")
        candidate, geometry = measured_foot
        if seg.grid_covers is not None:  # the faint contact is print too, cut off or not
            geometry = with_faint_contact(geometry, seg.grid_covers, seg.grid_period)
        if geometry.indices.arch_index <= MAX_PLAUSIBLE_AI:  # wider than any foot: refused
            geometry = without_narrow_front(geometry)
        foot = _foot_mask(geometry, (h, w))
        if seg.too_faint(foot):
            raise NoPrint("low_contrast")
        toe_at_frame = _toe_at_frame(geometry, seg.mask, near)
        _check_whole(geometry, foot, loaded, off_sheet, toe_at_frame, near)
        _check_heel(geometry)
        measured.append((candidate, geometry))
        feet |= foot
    if unattached_parts(shapes, candidates):
        raise NoPrint("too_many")
    cover = _faint_contact(seg)
    if cover is not None and faint_prints(cover, seg.mask, shapes.largest):
        raise NoPrint("too_many")
    measured = matched_pair(measured)
    mirrored = False
    if seg.polarity != "darker":  # how a lighter or coloured print shines tells what it is
        glow = Glow.of(loaded.rgb, feet)
        mirrored = glow.from_below
        if seg.polarity == "lighter" and not mirrored and not glow.powder:
            # Lighter than the room, coloured but not glowing: a glass plate's sole, whose
            # contact glow is too faint to see. Its outline is the whole sole, which reads as a
            # flat foot.
            raise NoPrint("no_glow")
    for _, geometry in measured:
        _check_rounded_back(geometry)
    return Found(seg, measured, _sides([g for _, g in measured], mirrored), mirrored)


def _measured(candidate: FootCandidate) -> tuple[FootCandidate, FootGeometry] | None:
    """The candidate measured, without what is joined to it when that makes it wider than
    any foot (``_without_appendages``); None when it cannot be measured."""
    geometry = measure_foot(candidate.body, candidate.extras)
    if geometry is None:
        return None
    if geometry.indices.arch_index > MAX_PLAUSIBLE_AI:
        candidate, geometry = _without_appendages(candidate, geometry)
    return candidate, geometry


def _faint_contact(seg: Segmentation) -> np.ndarray | None:
    """Where an ink grid printed, however faintly (the usual line), when the print is one."""
    return seg.grid_covers[0] if seg.grid_covers is not None else None


def matched_pair(
    measured: list[tuple[FootCandidate, FootGeometry]],
) -> list[tuple[FootCandidate, FootGeometry]]:
    """The pair, with a print whose toes joined its ball cut back to ``PAIR_LONGER`` times
    its partner's length when it is longer: toes printed on light contact, too wide and
    joined to be told from the ball, had lengthened it and moved its thirds towards the toes
    (a real sheet's left foot: "flat, 0.28, 87 % sure" beside a right foot 13 % shorter;
    0.255 once cut, and the card says the toe cut is uncertain). Of 985 photos this changed
    8 generated feet, each closer to its truth (and one confidence), and the four readings
    of that real sheet.
    The partner's length is trusted only when at least three of its toes stand apart.
    However long the print is kept, its toe cut may be off by as much as it is longer than
    its partner (``FootGeometry.longer_than_pair``): a real pair differs by a few per cent
    at most, and a print 5.6 % longer than its partner, too little to be cut, was read
    "flat, 0.28, 85 % sure" for 0.256."""
    if len(measured) != 2:
        return measured
    order = sorted(range(2), key=lambda i: measured[i][1].indices.length)
    short, long = (measured[i][1] for i in order)
    if not (long.toes_attached and short.toes_found >= 3 and not short.toes_attached):
        return measured
    if long.indices.length > PAIR_LONGER * short.indices.length:
        long = cut_to_length(long, PAIR_LONGER * short.indices.length)
    longer = long.indices.length / short.indices.length - 1.0
    kept = (measured[order[1]][0], replace(long, longer_than_pair=longer))
    return [kept if i == order[1] else measured[i] for i in range(2)]


def judge_feet(found: Found, other: tuple[FootResult, ...] | None = None) -> tuple[FootResult, ...]:
    """Each found foot with how far to trust it; ``NoPrint`` for a blurred photo or prints
    touching each other. ``other``: the same photo's feet from another reading of the
    sheet, to compare with."""
    results = []
    compared = other is not None and len(other) == len(found.measured)
    for (candidate, geometry), side, redone in zip(
        found.measured, found.sides, found.redone, strict=True
    ):
        position_x = float(np.nonzero(candidate.body)[1].mean())
        reread = (
            _reread_spread(geometry.indices.arch_index, position_x, other)
            if compared and other
            else 0.0
        )
        trust = assess(found.seg, geometry, redone, _unchecked_look(found), reread)
        if trust.too_blurry:
            raise NoPrint("too_blurry")
        idx = geometry.indices
        if idx.arch_index > MAX_PLAUSIBLE_AI:
            raise NoPrint("too_many")  # wider than any foot: prints touching each other
        results.append(
            FootResult(
                side=side,
                arch_index=idx.arch_index,
                chippaux_smirak=idx.chippaux_smirak,
                staheli=idx.staheli,
                arch_type=classify_arch(idx.arch_index),
                quality=trust.quality,
                confidence=trust.confidence,
                axis_method=geometry.axis_method,
                geometry=geometry,
                trust=trust,
                position_x=position_x,
            )
        )
    return tuple(sorted(results, key=lambda f: f.position_x))


def _unchecked_look(found: Found) -> str | None:
    """Why this photo's look is not yet checked on real photos, if it is not."""
    if found.glass_plate:
        return GLASS_PLATE_DOUBT
    if found.seg.polarity == "colour":
        return COLOUR_ONLY_DOUBT
    if found.seg.polarity == "lighter":
        return LIGHT_PRINT_DOUBT
    return None


def _without_appendages(
    candidate: FootCandidate, geometry: FootGeometry
) -> tuple[FootCandidate, FootGeometry]:
    """A print wider than any foot may carry a band stuck to it (a sheet's shadowed edge
    touching the heel): measured again without thin appendages, when they are a minor part.
    A second print merged with it is no appendage (about half the shape): that stays, and is
    refused as two prints."""
    body = core_of(candidate.body)
    area = np.count_nonzero(candidate.body)
    if body is None or np.count_nonzero(body) < MIN_KEPT * area:
        return candidate, geometry
    trimmed = replace(candidate, body=body)
    measured = measure_foot(trimmed.body, trimmed.extras)
    return (trimmed, measured) if measured is not None else (candidate, geometry)


def _check_visible(seg: Segmentation, shapes: Shapes, pixels: int) -> None:
    """Refuse photos with no print, a print too faint to measure, or one far too small."""
    if not shapes.prints:
        raise NoPrint("no_print")
    if seg.faint:
        # A faint print still has a print's shape, away from the frame; a faint smudge, a
        # shadow's corner or nothing at all does not.
        printlike = any(
            b.area > 0.0005 * pixels and b.plausible and b.border == 0 for b in shapes.prints
        )
        raise NoPrint("low_contrast" if printlike else "no_print")
    largest = max(shapes.prints, key=lambda b: b.area)
    if largest.area < 0.001 * pixels:  # a compact shape this small is a print far away
        compact = largest.aspect < 3.0
        raise NoPrint("too_small" if compact and largest.area > 0.0003 * pixels else "no_print")
    # The largest shape and the print-sized shapes near it (a high-arched foot's other half).
    big = [
        b
        for b in shapes.prints
        if b.area >= 0.25 * largest.area
        and np.hypot(*(b.centroid - largest.centroid)) < 1.5 * largest.major
    ]
    r0 = min(b.bbox[0] for b in big)
    c0 = min(b.bbox[1] for b in big)
    r1 = max(b.bbox[2] for b in big)
    c1 = max(b.bbox[3] for b in big)
    long_side = max(seg.mask.shape)
    if max(largest.major, min(r1 - r0, c1 - c0)) < MIN_PRINT_FRACTION * long_side:
        raise NoPrint("too_small")  # every print-sized shape is small in the photo


def _check_no_print_cut_beside(seg: Segmentation, rgb: np.ndarray, shapes: Shapes) -> None:
    """Refuse a photo with a piece at the frame that looks like the print beside it: of the
    same colour and about as dark, it is the rest of a foot the photo cut. A wooden table
    with a shadow over it, as dark as the print, lay beside a whole one; it differs in
    colour (chromaticity 0.05 apart, against at most 0.018 for cut prints). A grey shadow
    over a corner, as bright as a grey print on a sheet's shaded side, stands a tenth as far
    above the sheet as the print: a piece far fainter than the print (``feet.SHADE``) is
    no print."""
    for piece, part in pieces_at_frame_beside_prints(shapes):
        (colour_a, level_a), (colour_b, level_b) = (
            _look(rgb, shapes.labels == blob.label) for blob in (piece, part)
        )
        darkness = level_a / max(level_b, 1e-6)
        height_a, height_b = (median_in(seg.height, shapes.labels, blob) for blob in (piece, part))
        if (
            np.abs(colour_a - colour_b).max() <= SAME_COLOUR
            and 1 / SAME_LEVEL <= darkness <= SAME_LEVEL
            and height_a >= SHADE * height_b
        ):
            raise NoPrint("cut_off")


def _look(rgb: np.ndarray, area: np.ndarray) -> tuple[np.ndarray, float]:
    """The mean chromaticity (red and green shares) and the median brightness of an area."""
    pixels = rgb[area]
    total = pixels.sum(axis=1, keepdims=True) + 1e-6
    return (pixels / total).mean(axis=0)[:2], float(np.median(pixels.mean(axis=1)))


def faint_print_in(seg: Segmentation) -> bool:
    """Does the photo hold a foot-sized print too faint to measure, away from the frame?

    Beside something darker (text, a table's stripes, a shadow) a faint print is lost: the
    photo's levels are set by the darker thing, the print stays under the level a print must
    reach somewhere, and what is left is refused for its shape ("too small", "more than two
    prints"), while the reason is the faint print. Looked for only after such a refusal."""
    if seg.polarity != "darker":
        return False
    floor = max(FAINT_NOISE * seg.levels.noise, FAINT_FLOOR)
    region = clean(ndi.gaussian_filter(seg.height, FAINT_SIGMA) > floor)
    shapes = find_shapes(region)
    long_side = max(region.shape)
    for b in shapes.prints:
        if b.border or not b.plausible or b.major < MIN_PRINT_FRACTION * long_side:
            continue
        if b.aspect > FAINT_ASPECT:
            continue  # a strip of shade along a sheet's edge, longer than any foot
        piece = shapes.labels == b.label
        # A print's parts are nearly convex; the grain of a shaded sheet is ragged.
        if seg.too_faint(piece) and regionprops(piece.astype(np.uint8))[0].solidity >= FAINT_SOLID:
            return True
    return False


def _check_whole(
    geometry: FootGeometry,
    foot: np.ndarray,
    loaded: LoadedImage,
    off_sheet: np.ndarray,
    toe_at_frame: bool,
    near: int = NEAR_FRAME_PX,
) -> None:
    """Refuse a foot that is cut off by the photo's or the sheet's edge, or too small.

    Only the measured print counts (``foot``: toe-less print and toes, ``_foot_mask``): a
    stroke or text joined to it, which the measurement left out, may well run to the edge."""
    h, w = off_sheet.shape
    edge = foot[0].any() or foot[-1].any() or foot[:, 0].any() or foot[:, -1].any()
    edge = edge or _runs_along_frame(foot, geometry, near)
    if edge or (foot & off_sheet).any():
        raise NoPrint(_which_end_is_cut(geometry, foot, near))
    if _square_back_at_frame(geometry, h, w, near):
        raise NoPrint("cut_heel")
    # The room is read along the axis and along the forefoot's two sides: a foot lying
    # aslant in a corner has room ahead of its middle while the frame cuts its big toe.
    side = 0.5 * geometry.indices.max_fore_width
    room = min(_room_ahead(geometry, h, w, v) for v in (-side, 0.0, side))
    cramped = room < TOE_ROOM * geometry.indices.length
    no_toes = np.count_nonzero(geometry.toes) < MIN_TOE_SHARE * np.count_nonzero(geometry.toeless)
    if cramped and (toe_at_frame or no_toes):
        raise NoPrint("cut_toes")  # toes run off the edge, or none fit before it
    length = geometry.indices.length
    if length < MIN_PRINT_FRACTION * max(h, w):
        raise NoPrint("too_small")
    if length / loaded.scale < MIN_PRINT_PIXELS:
        # The print fills the picture, but the picture has too few pixels: it was shrunk (a
        # messenger app, a screenshot); coming closer would not help, the original would.
        raise NoPrint("small_picture")


def _square_back_at_frame(geometry: FootGeometry, h: int, w: int, near: int) -> bool:
    """Does the back of the print end square (as wide as the heel, ``SQUARE_BACK``) close
    to the frame? A generated ink sheet cut through the start of its heel ended 3 pixels
    from the frame, its last grid line further in, and read "flat, 95 %" for part of a foot."""
    if geometry.back_gap((h, w)) > HEEL_AT_FRAME * near:
        return False
    _, widths = slab_widths(np.maximum(geometry.from_back()[2], 0.0))
    length = geometry.indices.length
    first, last = (int(depth * length + 0.5) for depth in SQUARE_DEPTH)
    return float(widths[first : last + 1].min()) >= SQUARE_BACK * geometry.indices.max_heel_width


def _check_heel(geometry: FootGeometry) -> None:
    """Refuse a print whose heel is far narrower than any foot's. A fold's shadow joined to
    the ball of a foot the photo cut off was read as its heel and midfoot, a streak a tenth
    as wide as the ball: "high, 60 % sure" for part of a print."""
    idx = geometry.indices
    if idx.max_heel_width < MIN_HEEL_SHARE * idx.max_fore_width:
        raise NoPrint("partial")


def _check_rounded_back(geometry: FootGeometry) -> None:
    """Refuse a print whose back comes to a point: a heel is rounded (``POINTED_BACK``).
    Where a print's back tapers, it is what was left of a foot whose heel the photo cut
    obliquely or did not show (run into a table's edge, lost in a shadow), read "flat,
    0.37-0.41" for high and normal arches. Asked once the photo's other faults are known:
    a glass plate whose glow is too faint to see is told so."""
    idx = geometry.indices
    # Slabs one pixel thick alias along a slanting axis (every other one holds twice the
    # pixels): their mean over the depths is read.
    raw, _ = slab_widths(np.maximum(geometry.from_back()[2], 0.0))
    first, last = (int(depth * idx.length + 0.5) for depth in POINTED_DEPTH)
    if last < raw.size and raw[first : last + 1].mean() < POINTED_BACK * idx.max_heel_width:
        raise NoPrint("partial")


def _foot_mask(geometry: FootGeometry, shape: tuple[int, int]) -> np.ndarray:
    """The measured print (toe-less print and toes) in a whole-photo mask."""
    foot = np.zeros(shape, dtype=bool)
    r0, c0 = geometry.offset
    rh, cw = geometry.toeless.shape
    foot[r0 : r0 + rh, c0 : c0 + cw] = geometry.toeless | geometry.toes
    return foot


def _runs_along_frame(foot: np.ndarray, geometry: FootGeometry, near: int = NEAR_FRAME_PX) -> bool:
    """Does the print lie within ``near`` pixels of the frame along ``NEAR_FRAME_SHARE`` of
    its forefoot's width?"""
    n = near
    along_frame = max(
        np.count_nonzero(foot[:n].any(axis=0)),
        np.count_nonzero(foot[-n:].any(axis=0)),
        np.count_nonzero(foot[:, :n].any(axis=1)),
        np.count_nonzero(foot[:, -n:].any(axis=1)),
    )
    return along_frame >= NEAR_FRAME_SHARE * geometry.indices.max_fore_width


def _which_end_is_cut(geometry: FootGeometry, mask: np.ndarray, near: int = NEAR_FRAME_PX) -> str:
    h, w = mask.shape
    rows, cols = np.nonzero(mask)
    n = near
    edge = (rows < n) | (rows >= h - n) | (cols < n) | (cols >= w - n)
    if not edge.any():
        return "cut_off"
    u, _ = geometry.frame.project(cols[edge].astype(float), rows[edge].astype(float))
    middle = geometry.u_start + geometry.indices.length / 2
    return "cut_toes" if float(np.median(u)) > middle else "cut_heel"


def _toe_at_frame(geometry: FootGeometry, mask: np.ndarray, near: int = 1) -> bool:
    """Does something printed come within ``near`` pixels of the photo's edge where this
    foot's toes would be (in front of the ball, within the forefoot's width)? A toe the
    photo cut through does, and so does a ball the photo cut where its toes would begin:
    a faint wet print's outline ended 2 pixels short of the edge that cut it (fresh
    3001039, "flat, 95 %" for a foot without its toes)."""
    ring = np.ones_like(mask)
    ring[near:-near, near:-near] = False
    rows, cols = np.nonzero(mask & ring)
    if not rows.size:
        return False
    labels, _ = ndi.label(mask, structure=EIGHT)
    u, v = geometry.frame.project(cols.astype(float), rows.astype(float))
    front = geometry.u_start + geometry.indices.length
    reach = 0.35 * geometry.indices.length
    half = 0.6 * geometry.indices.max_fore_width
    ahead = (u > front - 2) & (u < front + reach) & (np.abs(v) < half)
    # A shape running along the frame far beyond where toes could be (a shaded strip along
    # the photo's edge) is no cut toe: fresh 3500094's wet print, five toes clear of the
    # frame, was refused as "toes cut off" for the shade along the edge beside them.
    pieces = labels[rows, cols]
    at_toes = np.bincount(pieces[ahead], minlength=labels.max() + 1)
    at_frame = np.bincount(pieces, minlength=labels.max() + 1)
    return bool(np.any((at_toes > 0) & (at_toes >= 0.5 * at_frame)))


def _room_ahead(geometry: FootGeometry, h: int, w: int, v: float = 0.0) -> float:
    """How far the photo goes on in front of the ball, along the foot's axis, on a line ``v``
    to the side of it."""
    x, y = geometry.frame.point(geometry.u_start + geometry.indices.length, v)
    dx, dy = geometry.frame.axis
    reach = []
    if dx > 1e-6:
        reach.append((w - 1 - x) / dx)
    if dx < -1e-6:
        reach.append(-x / dx)
    if dy > 1e-6:
        reach.append((h - 1 - y) / dy)
    if dy < -1e-6:
        reach.append(-y / dy)
    return max(0.0, min(reach)) if reach else float("inf")


@dataclass(frozen=True)
class Glow:
    """How a print lighter than its surroundings shines, which tells what it is.

    A podoscope's lit contact area, photographed from below through the glass, is strongly
    coloured and at its brightest several times brighter than the rest of the photo (the
    glass lets its light out only where skin touches it). The untouched sole behind the
    glass, lit by the room, is dimmer and tinted by skin and glow: a print lighter than the
    room that does not glow is that sole, not a contact area. A lighter print without colour
    is powder (flour, talc, chalk) on dark card, seen from above like any print on paper."""

    ratio: float  # brightest tenth of the print against the median of the rest of the photo
    saturation: float  # the print's median colour (0 grey, 1 pure)

    @classmethod
    def of(cls, rgb: np.ndarray, mask: np.ndarray) -> Glow:
        if not mask.any() or mask.all():
            return cls(0.0, 1.0)  # no print to judge: neither a glow nor powder
        inside, outside = rgb[mask][::3], rgb[~mask][::11]
        luma = np.array((0.299, 0.587, 0.114), dtype=np.float32)
        brightest = float(np.percentile(inside @ luma, 90))
        ratio = brightest / max(float(np.median(outside @ luma)), 0.01)
        top = np.maximum(inside.max(axis=1), 0.05)
        return cls(ratio, float(np.median((top - inside.min(axis=1)) / top)))

    @property
    def from_below(self) -> bool:
        """A lit glass plate's contact area: bright and coloured."""
        return self.ratio >= GLOW_RATIO and self.saturation > GLOW_SATURATION

    @property
    def powder(self) -> bool:
        """A pale print on dark card: lighter than the card, and grey."""
        return self.saturation < POWDER_SATURATION


def _sides(geometries: list[FootGeometry], mirrored: bool) -> list[str | None]:
    """Left or right for each foot.

    Each foot votes from its own shape (big toe and arch on the inner side). Two feet side by
    side are one left and one right, and people stand with the left foot on the left: that is
    a strong vote of its own. A photo from below (podoscope) is the mirror image of a print
    seen from above, so every vote turns round."""
    votes = [g.side_vote for g in geometries]
    if len(geometries) == 2:
        a, b = geometries
        # Which foot is further left, seen along the two feet's mean direction of the toes?
        axis = a.frame.axis + b.frame.axis
        if np.linalg.norm(axis) > 1.0:  # roughly parallel feet
            axis = axis / np.linalg.norm(axis)
            right_dir = np.array((-axis[1], axis[0]))
            across = float((b.frame.origin - a.frame.origin) @ right_dir)
            spread = abs(across) / max(a.indices.max_fore_width, 1.0)
            if spread > 0.8:  # side by side, not one behind the other
                order = 1.0 if across > 0 else -1.0  # +: a is on the left
                votes = [votes[0] - 1.2 * order, votes[1] + 1.2 * order]
        if votes[0] * votes[1] > 0:  # both say the same side: the clearer one wins
            weaker = 0 if abs(votes[0]) < abs(votes[1]) else 1
            votes[weaker] = -votes[1 - weaker]
    sides: list[str | None] = []
    for vote in votes:
        if abs(vote) < SIDE_VOTE:
            sides.append(None)
            continue
        right = vote > 0
        sides.append("right" if right != mirrored else "left")
    return sides
