"""Finding the print: which pixels the foot touched, whatever the print and the sheet look like.

Steps, each chosen for something seen in real photos (docs/engine.md):
1. Contrast: how much each pixel differs from the bare sheet around it. Three candidates,
   because a print may be darker than its sheet (ink, wet cardboard), lighter (a wet print on
   dark tiles), or mainly another colour (a podoscope's glowing contact area); the photo decides
   which one shows a print (``choose_contrast``).
2. Tone: ink sheets print a fine grid, wet prints a mottle. A small closing and a blur turn
   texture into an even tone, so the print is the *area the texture covers*, not its lines.
3. Levels: Otsu's split gives the sheet's and the print's typical tone and the sheet's noise.
4. Mask: pressure makes the heel and ball dark and the midfoot faint, and one foot of a pair
   can print much fainter than the other, so the tone is compared with the print level *near
   each pixel* (a foot-sized neighbourhood), then cut at mid-level with hysteresis: faint
   parts of the print stay joined to the dark ones. A podoscope's glass plate shows a glow,
   a dim sole and a dark room: the edge lies between the glow and the sole.
5. Clean: an opening cuts thin lines (grid overhangs, registration strokes, panel borders,
   text), filling holes mends the mottled inside, tiny specks go.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image
from scipy import fft
from scipy import ndimage as ndi
from skimage.feature import canny
from skimage.filters import threshold_multiotsu, threshold_otsu
from skimage.transform import hough_line, hough_line_peaks

from footcheck.imaging import morph

# Sizes are in working pixels (the photo's long side is load.WORK_LONG_SIDE = 480).
MEDIAN_WINDOW = 0.3  # of the long side: the first guess of the sheet is a median this wide
DARK_ROOM = 0.5  # a photo whose median is under this share of its brightest is a dark room
ROOM_PERCENTILE = 15  # ... and of a glow's dark room, this percentile of the photo
SHEET_SIGMA = 0.03  # of the long side: how closely the sheet estimate follows shading
SHEET_DEVIATION = 0.025  # a pixel differing from the sheet by less is sheet
LIGHTER_SPAN = 6.0  # a print this many times brighter than its background counts fully
PREFERENCE = {"darker": 1.25, "lighter": 1.0, "colour": 0.6}  # ties go to the usual print
CUT_PRINT_ASPECT, CUT_PRINT_FILL = 3.0, 0.5  # a shape at the frame this compact may be a print
CUT_PRINT_MOST = 0.25  # ... when it covers at most this share of the picture
CHROMA_WEIGHT = 2.0  # how much a change of colour counts against a change of brightness
TONE_SIGMA = 1.5  # blur that turns an ink grid (cells of about 3 px) into a tone
SMOOTH_SIGMA = 0.7  # the light blur of an untextured print
GRID_DETAIL = 0.12  # fine detail, as a share of the print's level nearby, that marks a grid
# ... or fine detail that repeats: its autocorrelation peaks this high one period away
# (generated ink sheets 0.50 and more, wet prints up to 0.43, glass plates up to 0.24),
# looked for in what is at least this share of the print's level, away from the frame.
GRID_LATTICE, LATTICE_LEVEL = 0.46, 0.1
LOW_NOISE, LOW_SHARE = 3.0, 0.04  # a print stands above the sheet's grain by this much
SEED_NOISE, SEED_SHARE = 6.0, 0.2  # ... and somewhere clearly, by this much
LINE_WIDTH = 4  # pixels: a grid line at working size is at most this wide, ...
LINE_RUN = 3  # ... runs on for at least this long (grain is specks) ...
GRID_INK_NOISE, GRID_INK_SHARE = 2.5, 0.02  # ... and stands this far above the sheet's grain
GRID_INK_LEVELS = (1.0, 0.7)  # the usual line, and one looser (the cover's doubt)
FAR_FROM_PRINT, PAPER_FACTOR = 12, 1.5  # ... and this many times the bare sheet's grain
GRID_WINDOW = 24  # pixels around the prints searched for faint contact ...
PRINT_PART = 0.12  # ... the prints: shapes this share of the largest or more
MIN_PERIOD, MAX_PERIOD = 3, 9  # pixels between grid lines at working size
REGION_SIGMA = 1.5  # pixels: smoothing that joins the scattered lines of a faint grid
VALLEY, GRID_VALLEY = 7, 3  # pixels: valleys up to twice this wide between prints are cut
RIM = 4  # pixels: the edge is placed using the print level within this distance
CUT = 0.5  # the edge: half-way between the sheet and the print level beside it
MIN_CONTRAST = 0.05  # a print differs from the sheet by at least 5 %
MIN_CONTRAST_TO_NOISE = 4.0
# A measured print's own level (its darkest tenth) above its sheet: usable synthetic prints and
# the real sheets at 60 % contrast reach 0.05 or more, prints too faint to see 0.02 at most.
MIN_PRINT_CONTRAST = 0.03
BAR_RADIUS = 4  # an opening this wide removes registration strokes and ruled lines
BAR_HALF_WIDTH = 3  # a part thinner than twice this all along is a bar, not a toe
FOLD_SPAN = 0.35  # a fold's shadow is a narrow band along this share of the long side ...
FOLD_EDGE = 0.2  # ... found from a straight edge this long (its edges are broken where
# the band is faint or dashed: a shading step across an arch's bay had 0.30, a real sheet
# turned 12 degrees 0.21-0.27 for its crease and "Remarks" box)
FOLD_MAX_WIDTH = 22  # pixels: ... is at most this wide (a step in the sheet: 1.5 SHEET_SIGMA) ...
FOLD_LENGTH = 0.05  # ... and narrow along at least this share of the long side at a stretch
FOLD_PIECE = 15  # pixels: the narrow stretches this long make up FOLD_SPAN
FOLD_REACH = FOLD_MAX_WIDTH + 4  # pixels either side of a fold's edge looked at
FOLD_LINES = 4  # straight edges looked at, the strongest
FOLD_NEAR = 10  # Hough distance bins kept around the strong ones
FOLD_REST = 0.8  # a piece left this much along the line is the rest of the band
FOLD_PRINT = 0.25  # thick parts this large (of the largest) are prints a band may touch
FOLD_ANGLES = np.linspace(-np.pi / 2, np.pi / 2, 360, endpoint=False)
# A fold's step in the sheet, on the 1/4 copy: a straight edge along at least half the long
# side, whose sides differ in brightness by this share (a ruled line has the same brightness
# on both sides; a sheet's edge against a table steps far more), alike when read at each of
# these distances either side (a shadow's soft edge grows with the distance; a crease's
# bright and dark lines change sign).
STEP_EDGE, STEP_MIN, STEP_MAX, STEP_ALIKE = 0.5, 0.015, 0.12, 1.5
STEP_SIDES = (2, 3, 5)  # pixels
STEP_TILT = np.radians(0.5)  # ... and along the line turned this much each way
STEP_LINES = 2  # steps kept, the strongest ...
STEP_CANDIDATES = 4  # ... of this many long straight edges
STEP_CANNY = (0.01, 0.02)  # Canny's thresholds, on brightness as a share of the median
EDGE_STEP = 0.1  # relative change of the envelope per coarse pixel at the sheet's edge
SOLE_STEP = 1.6  # glass plate: the glow, the dim sole and the room differ by this factor ...
SOLE_SHARE = 0.3  # ... and the sole covers at least this share of the glow's area


class NoPrint(Exception):
    """Raised with a refusal code: no_print | low_contrast | no_glow | too_many | partial | ..."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Levels:
    sheet: float
    print: float
    noise: float

    @property
    def contrast(self) -> float:
        return self.print - self.sheet


@dataclass(frozen=True)
class Segmentation:
    polarity: str  # "darker" | "lighter" | "colour": how the print differs from its sheet
    height: np.ndarray  # tone above the sheet (0 = bare sheet)
    relative: np.ndarray  # where the print is: 1 inside, 0 outside, the rim in between
    levels: Levels
    mask: np.ndarray  # the print(s) and whatever else stands out, cleaned
    sheet_edges: np.ndarray  # where the sheet meets the table (a print there is cut off)
    # Where an ink grid's lines printed, however faintly, found with the usual line and a
    # looser one (``GRID_INK_LEVELS``); None: the print is no grid.
    grid_covers: tuple[np.ndarray, ...] | None = None
    grid_period: int = 0  # pixels between an ink grid's lines (0: no grid)

    @property
    def outline_slack(self) -> int:
        """How far short of its true edge the outline may end: a grid's print ends at its
        last line, up to a period inside the contact."""
        return self.grid_period

    @property
    def faint(self) -> bool:
        c = self.levels.contrast
        return c < MIN_CONTRAST or c < MIN_CONTRAST_TO_NOISE * self.levels.noise

    def too_faint(self, area: np.ndarray) -> bool:
        """Is the print in ``area`` (a whole-photo mask) too faint to measure? The photo's
        levels can be set by something darker than the print (text, a table's stripes), so
        that a faint print is still read: its own level decides."""
        inside = self.height[area]
        return inside.size == 0 or float(np.percentile(inside, 90)) < MIN_PRINT_CONTRAST


def segment(rgb: np.ndarray, second_reading: bool = False) -> Segmentation:
    """The cleaned print mask of a working-size RGB photo (float, 0..1).

    ``second_reading``: the photo is known to hold a print darker than its sheet; estimate
    the sheet from what is not darker than it (see ``bare_sheet``)."""
    small = _shrink_rgb(rgb, 4)
    parts = fold_parts(_luma(small))  # a property of the photo: found once per reading
    if second_reading:
        polarity, sheet = "darker", bare_sheet(small, parts, print_side="darker")
    else:
        sheets = {"darker": bare_sheet(small, parts)}
        sheets["colour"] = sheets["darker"]
        if dark_room(small):  # only a dark background can show a print lighter than it
            sheets["lighter"] = bare_sheet(small, parts, print_side="lighter")
        polarity = choose_contrast(small, sheets)
        sheet = sheets[polarity]
    values = contrast_map(polarity, rgb, sheet)
    tone, grid = texture_to_tone(values)
    levels, _ = print_levels(tone)
    if polarity == "darker":  # ink or water: each part's edge against its own print level
        relative = relative_tone(tone, levels, GRID_VALLEY if grid else VALLEY)
    elif polarity == "lighter":  # a glass plate: the glow against the dim sole or the room
        relative = glow_tone(rgb)
    else:  # a contact area that differs mainly by colour: half-way between room and print
        relative = even_tone(tone, levels, VALLEY)
    marked = without_lines(relative >= CUT)
    mask = fill_holes(cut_folds(marked))
    # Only a bright sheet has an edge to run off; a dark room behind a podoscope has none.
    edges = sheet.edges(rgb.shape[:2]) if polarity == "darker" else np.zeros_like(mask)
    # A fold's shadow is no print, but it is no bare sheet either: the grid's faint lines
    # are told from the sheet away from everything that stands out.
    covers, period = (
        grid_covers(values, fill_holes(marked)) if grid and polarity == "darker" else (None, 0)
    )
    return Segmentation(
        polarity, tone - levels.sheet, relative, levels, mask, edges, covers, period
    )


# -- 1. contrast ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sheet:
    """The bare sheet under and around the print, as smooth surfaces on a 1/4 copy."""

    luma: np.ndarray  # brightness
    chroma: np.ndarray  # (2, h, w) chromaticity

    def at(self, shape: tuple[int, int], factor: int) -> tuple[np.ndarray, np.ndarray]:
        """Brightness and chromaticity grown to ``shape`` (a copy ``4 / factor`` as large)."""
        grow = 4 // factor
        return _grow(self.luma, shape, grow), np.stack([_grow(c, shape, grow) for c in self.chroma])

    def edges(self, shape: tuple[int, int]) -> np.ndarray:
        """Where the sheet's brightness steps sharply: its edge against a table."""
        gy, gx = np.gradient(self.luma)
        steps = np.hypot(gx, gy) / np.maximum(self.luma, 0.02) > EDGE_STEP
        return _grow(steps.astype(np.float32), shape) > 0.5


def bare_sheet(rgb: np.ndarray, parts: list[np.ndarray], print_side: str | None = None) -> Sheet:
    """Estimate the bare sheet everywhere, following uneven light, folds and soft shadows.

    A median over a wide window gives a first guess (prints are a minority of most windows);
    then, twice, the pixels that differ from the guess are set aside and the sheet is
    interpolated under them from the pixels around (a normalised convolution), so that even a
    faint print is measured against the sheet beside it, not against itself. ``rgb`` is a 1/4
    copy of the working picture, where this is cheap.

    Where a large print fills most of the window, the median is the print itself and the
    pale blotches of a mottled wet print then read as sheet (the print falls apart into a
    ring). ``print_side="darker"`` sets aside only what is darker than the guess, so the guess
    climbs back to the sheet; it also takes a fold's shadow for print, so it is a second
    reading only.

    ``print_side="lighter"``: the background of a print that glows (a podoscope's dark room).
    A podoscope photo is taken close, so a foot can fill most of a window and the median is
    the glow itself; the first guess is the whole photo's dark level (a low percentile), and
    only what is brighter than the guess is set aside. A bright sheet on a dark table then
    reads as one large light shape running off the frame, not as a print.

    ``parts``: the sides of the folds that step the sheet's brightness (``fold_parts``),
    each estimated from itself."""
    small, small_c = _luma_chroma(rgb)
    coarse, _ = _shrink(small, 4)
    if print_side == "lighter":
        first = np.full_like(coarse, np.percentile(coarse, ROOM_PERCENTILE))
    else:
        window = max(3, int(MEDIAN_WINDOW * max(coarse.shape)))
        first = ndi.median_filter(coarse, size=window, mode="nearest")
    guess = _grow(first, small.shape)
    guess_c = np.broadcast_to(np.median(small_c, axis=(1, 2))[:, None, None], small_c.shape)
    for _ in range(2):
        step = small / np.maximum(guess, 0.02) - 1.0
        if print_side == "darker":
            step = np.minimum(step, 0.0)
        elif print_side == "lighter":
            step = np.maximum(step, 0.0)
        deviation = np.abs(step) + CHROMA_WEIGHT * np.hypot(*(small_c - guess_c))
        spread = 1.4826 * float(np.median(np.abs(deviation - np.median(deviation))))
        weight = (deviation < max(SHEET_DEVIATION, 3.0 * spread)).astype(np.float32)
        guess = _interpolate(small, weight, guess, parts)
        guess_c = np.stack(
            [_interpolate(c, weight, g, parts) for c, g in zip(small_c, guess_c, strict=True)]
        )
    return Sheet(luma=guess, chroma=guess_c)


def _interpolate(
    values: np.ndarray, weight: np.ndarray, fallback: np.ndarray, parts: list[np.ndarray]
) -> np.ndarray:
    """Normalised convolution: the sheet nearby where it shows, the whole sheet's average
    across a wide print, and the previous guess where no sheet shows at all; within each of
    ``parts`` from that part only (the sides of a fold)."""
    sigma = SHEET_SIGMA * max(values.shape)
    out = fallback.copy()
    for part in parts:
        w = weight * part
        weighted = values * w
        num = ndi.gaussian_filter(weighted, sigma) + 0.01 * float(weighted.mean())
        den = ndi.gaussian_filter(w, sigma) + 0.01 * float(w.mean())
        out = np.where(part & (den > 1e-4), num / np.maximum(den, 1e-4), out)
    return out


def fold_parts(luma: np.ndarray) -> list[np.ndarray]:
    """The photo cut along the steps a sheet's folds make in its brightness (one part when
    there is none). A smooth sheet estimate cannot follow such a step: beside it, the darker
    side read as print for a sheet's smoothing width, and a print there took it in (a
    fold along an arch closed its bay: "flat, 0.27, 85 %" for 0.244; a strip along a heel's
    side). Estimated on each side from that side alone, the sheet steps with the fold.

    Steps: straight edges along at least half the long side (Canny, Hough), and of these
    the ones whose two sides differ in brightness by 1.5-12 %, alike 2, 3 and 5 pixels
    from the line and along the line turned half a degree each way: a ruled line or a
    panel's border is as bright on both sides, a sheet's edge against a table steps
    further, a shadow's soft edge (a wet print's cardboard split along one read a streak
    as print: "more than two prints") steps more the further one looks, and the crease of
    the real sheets' middle fold is a dark and a bright line, no step."""
    h, w = luma.shape
    level = max(float(np.median(luma)), 0.02)
    low, high = STEP_CANNY
    edges = canny(luma / level, sigma=1.0, low_threshold=low, high_threshold=high)
    parts = [np.ones((h, w), dtype=bool)]
    rows, cols = np.indices((h, w), sparse=True)
    found = 0
    for angle, distance in long_lines(edges, STEP_EDGE * max(h, w), STEP_CANDIDATES):
        if found == STEP_LINES or not _is_step(luma, angle, distance):
            continue
        found += 1
        side = cols * np.cos(angle) + rows * np.sin(angle) > distance
        parts = [p & s for p in parts for s in (side, ~side) if (p & s).any()]
    return parts


def _is_step(luma: np.ndarray, angle: float, distance: float) -> bool:
    """Is the line ``x cos a + y sin a = d`` a fold's step (see ``fold_parts``)? Read along
    the line as found and turned by ``STEP_TILT`` each way about its middle: a clean step
    reads alike, a crease's thin lines do not."""
    h, w = luma.shape
    middle = np.array([w / 2, h / 2])
    steps = np.array(
        [
            _step(luma, angle + tilt, _through(angle, distance, middle, angle + tilt), side)
            for side in STEP_SIDES
            for tilt in (-STEP_TILT, 0.0, STEP_TILT)
        ]
    )
    sizes = np.abs(steps)
    return bool(
        (np.all(steps > 0) or np.all(steps < 0))
        and sizes.min() >= STEP_MIN
        and sizes.max() <= STEP_MAX
        and sizes.max() <= STEP_ALIKE * sizes.min()
    )


def _through(angle: float, distance: float, point: np.ndarray, turned: float) -> float:
    """The distance of the line at angle ``turned`` through the point of the line ``x cos a
    + y sin a = d`` nearest ``point``."""
    normal = np.array([np.cos(angle), np.sin(angle)])
    foot = point - (point @ normal - distance) * normal
    return float(foot @ np.array([np.cos(turned), np.sin(turned)]))


def _step(luma: np.ndarray, angle: float, distance: float, side: int) -> float:
    """How much brighter one side of the line ``x cos a + y sin a = d`` is than the other,
    ``side`` pixels from it (the median share along the line inside the photo)."""
    h, w = luma.shape
    cos, sin = np.cos(angle), np.sin(angle)
    along = np.arange(-max(h, w), max(h, w), dtype=float)
    x, y = distance * cos - along * sin, distance * sin + along * cos
    inside = (x >= side) & (x < w - 1 - side) & (y >= side) & (y < h - 1 - side)
    if np.count_nonzero(inside) < 10:
        return 0.0
    x, y = x[inside], y[inside]
    before, after = (
        ndi.map_coordinates(luma, (y + k * side * sin, x + k * side * cos), order=1)
        for k in (-1, 1)
    )
    return float(np.median(after / np.maximum(before, 0.02))) - 1.0


def _luma_chroma(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    luma = rgb @ np.array((0.299, 0.587, 0.114), dtype=np.float32)
    total = rgb.sum(axis=2) + 0.05
    chroma = np.stack(((rgb[..., 0] - rgb[..., 1]) / total, (rgb[..., 2] - rgb[..., 1]) / total))
    return luma, chroma


POLARITIES = ("darker", "lighter", "colour")


def contrast_map(polarity: str, rgb: np.ndarray, sheet: Sheet, factor: int = 1) -> np.ndarray:
    """How print-like each pixel is (0 = the sheet), for one way a print can differ from its
    sheet. All are ratios, so a dimmer or paler photo of the same print gives the same map.
    ``factor`` says how much smaller than the working picture ``rgb`` is."""
    luma, chroma = _luma_chroma(rgb) if polarity == "colour" else (_luma(rgb), None)
    sheet_luma, sheet_chroma = sheet.at(luma.shape, factor)
    if polarity == "colour":
        return np.clip(np.hypot(*(chroma - sheet_chroma)) * 2.0, 0.0, 1.0)
    ratio = luma / np.maximum(sheet_luma, 0.02)
    if polarity == "darker":
        return np.clip(1.0 - ratio, 0.0, 1.0)
    # A lit contact area is many times brighter than the dark room around it; a bright
    # object in the room only a little.
    return np.clip((ratio - 1.0) / LIGHTER_SPAN, 0.0, 1.0)


def _luma(rgb: np.ndarray) -> np.ndarray:
    return rgb @ np.array((0.299, 0.587, 0.114), dtype=np.float32)


def dark_room(small: np.ndarray) -> bool:
    """Whether most of the photo is dark against its brightest part, as a podoscope's room is
    around its glow. A bright sheet on a dark table is not: most of the photo is the sheet."""
    luma = _luma(small)
    return float(np.median(luma)) < DARK_ROOM * float(np.percentile(luma, 99))


def choose_contrast(small: np.ndarray, sheets: dict[str, Sheet]) -> str:
    """The contrast in which the photo shows print-shaped regions (compact, not hugging the
    frame, a good part of the picture), strongest; the usual darker print wins a tie, and a
    glow is read by its brightness rather than its colour whenever brightness shows it. Judged
    on a 1/4 copy: the choice needs shapes, not edges. ``sheets``: the background estimate
    for each contrast worth trying."""
    best: tuple[float, str] = (0.0, "darker")
    scores: dict[str, float] = {}
    for name in (p for p in POLARITIES if p in sheets):
        values = contrast_map(name, small, sheets[name], 4)
        tone = ndi.gaussian_filter(values, TONE_SIGMA / 4)
        levels, area = _printlike_levels(tone)
        score = area * PREFERENCE[name] * levels.contrast
        if score > best[0]:
            best = (score, name)
        scores[name] = score
    if best[1] == "colour" and scores.get("lighter", 0.0) > 0.0:
        # A glow in a dark room is judged by its brightness whenever that shows a print: the
        # dim sole around the contact area has the glow's tint, so by colour it is print too.
        return "lighter"
    return best[1]


def _printlike_levels(tone: np.ndarray) -> tuple[Levels, float]:
    """The levels of a contrast's tone and the share of the picture its print-like shapes
    cover (0 when the contrast is too weak). When what stands out clearly is only what
    touches the frame, it is read again without that: a dark table along three sides of a
    wet print on cardboard set the print level ten times above the print's, so that no print
    stood out, and the photo was read by colour and refused as "too small"."""
    levels, _ = print_levels(tone)
    if levels.contrast < MIN_CONTRAST:
        return levels, 0.0
    clear = tone > levels.sheet + max(0.5 * levels.contrast, SEED_NOISE * levels.noise)
    area = _printlike_area(clear)
    if area > 0.0:
        return levels, area
    labels, _ = ndi.label(clear)
    at_frame = np.isin(labels, frame_labels(labels)) & clear
    if not at_frame.any():
        return levels, area
    inside, _ = print_levels(np.where(at_frame, levels.sheet, tone))
    if inside.contrast < MIN_CONTRAST:
        return levels, area
    cut = inside.sheet + max(0.5 * inside.contrast, SEED_NOISE * inside.noise)
    return inside, _printlike_area((tone > cut) & ~at_frame)


def _printlike_area(mask: np.ndarray) -> float:
    """Share of the picture covered by the two largest print-like shapes in ``mask``."""
    labels, count = ndi.label(mask)
    if count == 0:
        return 0.0
    h, w = mask.shape
    areas = np.bincount(labels.ravel())[1:]
    edge = np.bincount(frame_labels(labels), minlength=count + 1)[1:]
    found = []
    for index, piece in enumerate(ndi.find_objects(labels)):
        area = int(areas[index])
        if area < 0.003 * h * w or piece is None:
            continue
        height, width = piece[0].stop - piece[0].start, piece[1].stop - piece[1].start
        long, short = max(height, width), min(height, width)
        fill = area / (height * width)
        if long > 6 * short or fill < 0.25:
            continue  # a line or a sprawling tangle
        if edge[index] > 0.3 * short:
            # Running off the frame: a table or a shadow, unless compact, as a print the photo
            # cut is; such a print half counts, so that its contrast is read and the photo
            # refused as cut off (not the mottled room around a cut glowing print read).
            if (
                long > CUT_PRINT_ASPECT * short
                or fill < CUT_PRINT_FILL
                or area > CUT_PRINT_MOST * h * w
            ):
                continue  # (a dark room around a print lighter than it is larger than any print)
            area = area // 2
        found.append(area)
    return sum(sorted(found)[-2:]) / (h * w)


# -- 2. tone ----------------------------------------------------------------------------------
def texture_to_tone(values: np.ndarray) -> tuple[np.ndarray, bool]:
    """The print as an even tone, and whether it was a grid of lines. A grid's gaps between
    lines are closed (a 3 x 3 cross), then blurred. A print without such texture (a wet
    print) only gets a light blur, which keeps the narrow gaps between toes and ball open."""
    light = ndi.gaussian_filter(values, SMOOTH_SIGMA)
    if not gridded(values, light):
        return light, False
    closed = _cross_max(values)
    closed = -_cross_max(-closed)
    return ndi.gaussian_filter(closed, TONE_SIGMA), True


def gridded(values: np.ndarray, smooth: np.ndarray) -> bool:
    """Is the print a grid of lines? Then, in a good part of it, pixels differ from their
    blurred neighbourhood by a good part of the print level *there*. A fine grid seen from
    afar blurs into an even tone where it is dense (heel, ball) and shows its lines only
    where contact was light, so the whole print's median level would miss it; the lines
    then break a light midfoot into stripes that read as no contact."""
    top = float(np.percentile(smooth[::2, ::2], 97))
    inside = morph.erode(smooth > 0.2 * top, 2)  # the print, away from its edges
    if top <= 0 or not inside.any():
        return False
    detail = np.abs(values - ndi.gaussian_filter(values, 1.0))[inside]
    local = np.maximum(ndi.gaussian_filter(values, 2.0)[inside], 0.02)
    if float(np.percentile(detail / local, 90)) > GRID_DETAIL:
        return True
    # A fine grid photographed from further away (cells of 3-4 pixels) blurs into tone even
    # more, and a very high arch prints little faint contact: the detail above is rare, but
    # what there is repeats. (Without this, such sheets were read as their dark cores alone
    # and refused as "too small".) The print, not a striped table at the frame, must repeat;
    # thin lines (registration strokes, ruled lines) do not, and on a faint sheet they
    # weighed as much as the print (0.45 with them, 0.81 without).
    print_area = _off_frame(morph.opening(smooth > LATTICE_LEVEL * top, 2))
    return bool(print_area.any()) and _lattice_peak(values, print_area) >= GRID_LATTICE


def _off_frame(mask: np.ndarray) -> np.ndarray:
    """``mask`` without the pieces that touch the frame."""
    labels, _ = ndi.label(mask)
    frame = np.unique(frame_labels(labels))
    return mask & ~np.isin(labels, frame)


def _cross_max(a: np.ndarray) -> np.ndarray:
    """Grey dilation by a 3 x 3 cross, with array shifts (several times faster than ndimage)."""
    out = a.copy()
    np.maximum(out[1:], a[:-1], out=out[1:])
    np.maximum(out[:-1], a[1:], out=out[:-1])
    np.maximum(out[:, 1:], a[:, :-1], out=out[:, 1:])
    np.maximum(out[:, :-1], a[:, 1:], out=out[:, :-1])
    return out


def grid_covers(values: np.ndarray, mask: np.ndarray) -> tuple[tuple[np.ndarray, ...], int]:
    """Where an ink grid's lines printed, however faintly: the area a light contact covers,
    found with each of ``GRID_INK_LEVELS`` (how far above the sheet's grain a line must be),
    and the grid's period. ``mask``: the clear print(s) and whatever else stands out, to
    tell the bare sheet by.

    Under light contact (the lateral midfoot, the rim of the print) a podoscope sheet prints
    only faint, broken lines, often only the horizontal ones. Decoded at working size they
    stand only a little above the sheet's grain and far below the heel's and ball's level,
    so the tone cut half-way to the print level nearby loses them (a real faint midfoot band
    read as no contact: "AI 0.03" for about 0.17). Here a pixel is ink when it stands clearly
    above what lies around it in a run along its row (or column) at least ``LINE_RUN`` long
    (a line is a run; grain is specks), and when another such run lies one grid period away
    (a grid repeats; a fold's shadow, a ruled line or a stroke is one line). The gaps between lines
    are then closed over one period, so the whole area they cover counts. How far the result
    moves with a looser line is one more uncertainty of the measurement."""
    # Faint contact lies beside the prints: only the window around them is searched.
    window = _around_prints(mask, GRID_WINDOW)
    covers_full = [np.zeros(mask.shape, dtype=bool) for _ in GRID_INK_LEVELS]
    if window is None:
        return tuple(covers_full), MIN_PERIOD
    values, mask = values[window], mask[window]
    # Lines stand out from what lies between them; an even darkening (a fold's or a shadow's
    # step the sheet estimate cannot follow, a solid heel) does not.
    thin = values - ndi.grey_opening(values, size=(LINE_WIDTH + 1, LINE_WIDTH + 1))
    # The strongest run along the row (column) through each pixel.
    rows = ndi.grey_opening(thin, size=(1, LINE_RUN))
    cols = ndi.grey_opening(thin, size=(LINE_RUN, 1))
    levels, _ = print_levels(thin)
    rows, cols = rows - levels.sheet, cols - levels.sheet
    least = max(GRID_INK_NOISE * levels.noise, GRID_INK_SHARE * levels.contrast, 1e-6)
    period = grid_period(values, np.maximum(rows, cols) > least)
    faint = _lattice_cover(rows > least, cols > least, period)
    unit = max(least, _paper_grain(np.maximum(rows, cols), mask, faint, period))
    for level, full in zip(GRID_INK_LEVELS, covers_full, strict=True):
        full[window] = _lattice_cover(rows > level * unit, cols > level * unit, period)
    return tuple(covers_full), period


def _paper_grain(lines: np.ndarray, mask: np.ndarray, faint: np.ndarray, period: int) -> float:
    """How far above the sheet the bare paper's own grain reaches (``lines``: the strongest
    run through each pixel, above the sheet), measured away from the prints in ``mask``.

    Grain is seldom Gaussian (JPEG blocks, paper texture): a line must stand well above most
    of the bare sheet (text and strokes there are the rest). Away from the prints must also
    mean away from their faint parts: ``faint`` is where the lines of a grid printed, found
    with the least level; its broad pieces joined to a print are set aside. Counted as paper,
    a faint midfoot between dark heel and ball cores set the grain ten times too high, and
    its own lines were then lost (a flat foot read as "AI 0.00, high arch, 95 % sure")."""
    far = ~morph.dilate(mask, FAR_FROM_PRINT)
    faint = morph.dilate(
        _grow_from(morph.opening(faint, period), morph.dilate(mask, period)), period
    )
    if (far & ~faint).sum() >= 0.5 * far.sum():  # else the "grid" is the paper's own texture
        far &= ~faint
    paper = lines[far]
    return PAPER_FACTOR * float(np.percentile(paper, 95)) if paper.size else 0.0


def _lattice_cover(rows: np.ndarray, cols: np.ndarray, period: int) -> np.ndarray:
    """The area covered by grid lines ``rows`` (runs along rows) and ``cols``."""
    # Rows of lines are closed across (one period) and along them (two: light contact
    # prints broken lines, a cell or two missing here and there); so are columns.
    ink = _closed(_repeated(rows, period, 0), (period + 1, 2 * period + 1))
    ink |= _closed(_repeated(cols, period, 1), (2 * period + 1, period + 1))
    # Only a grid's own small gaps are filled: a fold's crease joined to a print at both
    # ends encloses the arch's gap, which is no contact.
    return fill_holes(morph.opening(ink, 2), largest=4 * period * period)


def _around_prints(mask: np.ndarray, margin: int) -> tuple[slice, slice] | None:
    """The window holding the print-sized shapes of ``mask`` (``PRINT_PART`` of the largest
    or more) and ``margin`` pixels around them; None when there is none.

    A foot whose light contact printed faintly shows only its heel and ball clearly, each
    about an eighth of a whole print beside it: with only shapes a fifth of the largest
    counted (until the twenty-fifth session), such a foot lay outside the window, its faint
    midfoot was never looked for, and a flat foot read "AI 0.00, high arch". Not much
    less: from a tenth down, a dark mottled floor's small blotches widened the window, its
    spurious "grid" joined blotches into two feet, and a photo with no print was measured."""
    labels, count = ndi.label(mask)
    if count == 0:
        return None
    areas = np.bincount(labels.ravel())[1:]
    boxes = [box for box, area in zip(ndi.find_objects(labels), areas, strict=True)
             if box is not None and area >= PRINT_PART * areas.max()]  # fmt: skip
    h, w = mask.shape
    r0 = max(0, min(b[0].start for b in boxes) - margin)
    r1 = min(h, max(b[0].stop for b in boxes) + margin)
    c0 = max(0, min(b[1].start for b in boxes) - margin)
    c1 = min(w, max(b[1].stop for b in boxes) + margin)
    return slice(r0, r1), slice(c0, c1)


def _closed(mask: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """A closing by a ``size`` rectangle (rows, columns): gaps narrower than it are filled,
    the outline of what it closes does not grow."""
    grown = ndi.maximum_filter(mask.view(np.uint8), size=size)
    return ndi.minimum_filter(grown, size=size).astype(bool)


def _repeated(lines: np.ndarray, period: int, axis: int) -> np.ndarray:
    """The line pixels with another line one ``period`` away along ``axis`` (give or take a
    pixel) and a gap half-way to it: a grid's thin lines come in parallel rows, while a
    lone line (a fold's crease, a ruled line, a stroke) or a broad dark band does not."""
    near = lines | np.roll(lines, 1, axis=axis) | np.roll(lines, -1, axis=axis)
    half = period // 2
    ahead = np.roll(near, -period, axis=axis) & ~np.roll(lines, -half, axis=axis)
    behind = np.roll(near, period, axis=axis) & ~np.roll(lines, half, axis=axis)
    return lines & (ahead | behind)


def grid_period(values: np.ndarray, ink: np.ndarray) -> int:
    """The grid's period in pixels, from the autocorrelation of the fine detail where ink is:
    its lattice's nearest points lie one period from the origin whichever way the grid is
    turned (the sheets seen so far: 4-5 working pixels)."""
    strength, peaks = _lattice(values, ink)
    if peaks.size == 0:
        return MIN_PERIOD
    # The period is a peak of the correlation; so are its multiples and the lattice's
    # diagonal: the first peak nearly as high as the best.
    best = float(strength[peaks].max())
    return int(peaks[np.argmax(strength[peaks] >= 0.7 * best)])


def _lattice_peak(values: np.ndarray, where: np.ndarray) -> float:
    """How strongly the fine detail in ``where`` repeats: its autocorrelation's highest peak
    between ``MIN_PERIOD`` and ``MAX_PERIOD`` pixels (1: a perfect grid, 0: no repeat)."""
    strength, peaks = _lattice(values, where)
    return float(strength[peaks].max()) if peaks.size else 0.0


def _lattice(values: np.ndarray, where: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The autocorrelation of the fine detail in ``where`` by distance (its largest value at
    each whole distance up to ``MAX_PERIOD + 1``, as a share of the value at 0), and the
    distances between ``MIN_PERIOD`` and ``MAX_PERIOD`` where it peaks."""
    detail = np.where(where, values - ndi.uniform_filter(values, 9), 0.0)
    reach = MAX_PERIOD + 1
    # Padding by the longest lag keeps the circular correlation from wrapping round.
    size = [fft.next_fast_len(n + reach) for n in detail.shape]
    spectrum = fft.rfft2(detail, s=size)
    correlation = fft.irfft2(np.abs(spectrum) ** 2, s=size)
    near = np.roll(correlation, (reach, reach), axis=(0, 1))[: 2 * reach + 1, : 2 * reach + 1]
    yy, xx = np.mgrid[-reach : reach + 1, -reach : reach + 1]
    radius = np.rint(np.hypot(yy, xx)).astype(int)
    strength = np.full(reach + 1, -np.inf)
    np.maximum.at(strength, radius[radius <= reach], near[radius <= reach])
    strength /= max(float(near[reach, reach]), 1e-12)
    lags = np.arange(MIN_PERIOD, MAX_PERIOD + 1)
    peaks = lags[(strength[lags] > strength[lags - 1]) & (strength[lags] >= strength[lags + 1])]
    return strength, peaks


# -- 3. levels --------------------------------------------------------------------------------
def print_levels(tone: np.ndarray, step: int = 2) -> tuple[Levels, float]:
    """Sheet and print tone (medians of Otsu's two classes), the sheet's grain (noise), and
    the share of the photo in the print class.

    The grain is measured on the tone minus its blur, so that shading across the sheet (a
    fold, a shadow) does not count as noise."""
    sample = tone[::step, ::step]
    flat = sample.ravel()
    if np.ptp(flat) <= 1e-6:
        return Levels(0.0, 0.0, 0.0), 0.0
    split = float(threshold_otsu(flat))
    sheet = flat[flat <= split]
    above = flat[flat > split]
    sheet_level = float(np.median(sheet))
    print_level = float(np.median(above)) if above.size else sheet_level
    grain = (sample - ndi.uniform_filter(sample, 5))[sample <= split]
    noise = float(1.4826 * np.median(np.abs(grain - np.median(grain)))) * 1.5
    return Levels(sheet_level, print_level, noise), above.size / flat.size


# -- 4. mask ----------------------------------------------------------------------------------
def relative_tone(tone: np.ndarray, levels: Levels, valley: int = 0) -> np.ndarray:
    """Where the print is, as a map cut at ``CUT`` (0 on the sheet, 1 well inside a print).

    First every region that stands above the sheet's grain and holds, somewhere, a clearly
    printed part (hysteresis: a faint midfoot stays joined to the dark heel). Then its rim:
    pressure makes the heel and ball dark and the midfoot faint, so the edge is put half-way
    between the sheet and the print level *beside it* (the brightest tone within a few
    pixels), wherever that level is."""
    height = tone - levels.sheet
    # (A picture with no grain and no contrast, such as a corrupted file's flat grey, still
    # divides by something.)
    low = max(LOW_NOISE * levels.noise, LOW_SHARE * levels.contrast, 1e-6)
    seed = max(SEED_NOISE * levels.noise, SEED_SHARE * levels.contrast)
    # Faint grid, a few lines here and there, is judged on a smoother tone.
    region = _grow_from(ndi.gaussian_filter(height, REGION_SIGMA) > low, height > seed)
    rim = region & ~morph.erode(region, RIM)
    beside = ndi.maximum_filter(height, size=2 * RIM + 1)
    # Inside, a valley up to ``2 valley + 1`` wide between two printed parts (the gap between
    # toes, or between toes and ball) is cut where it dips below half the level on both sides
    # of it: a closing fills such valleys, and leaves steps (a faint band beside a dark ball)
    # alone.
    size = 2 * valley + 1
    filled = ndi.minimum_filter(ndi.maximum_filter(height, size=size), size=size)
    relative = np.zeros(height.shape, dtype=np.float32)
    relative[region] = np.minimum(height[region] / np.maximum(filled[region], low), 1.0)
    relative[rim] = np.minimum(relative[rim], height[rim] / np.maximum(beside[rim], low))
    return relative


def even_tone(tone: np.ndarray, levels: Levels, valley: int) -> np.ndarray:
    """A podoscope's glowing contact area: the tone as a share of the whole print's level,
    with the narrow valleys between toes and ball cut as ``relative_tone`` does. The dim,
    untouched part of the sole beside the glow stays out."""
    height = tone - levels.sheet
    size = 2 * valley + 1
    filled = ndi.minimum_filter(ndi.maximum_filter(height, size=size), size=size)
    level = max(levels.contrast, 1e-6)
    return np.clip(np.minimum(height / level, height / np.maximum(filled, 0.5 * level)), 0, 1)


def glow_tone(rgb: np.ndarray) -> np.ndarray:
    """A podoscope's glass plate seen from below, as a map cut at ``CUT``.

    Three populations of brightness: the dark room, the untouched sole (dim, seen through
    the glass) and the glowing contact area. Otsu's split into three classes finds their
    levels. When the middle class is a real sole (clearly brighter than the room, clearly
    dimmer than the glow, and a good part of the picture), the edge lies half-way between
    sole and glow; otherwise half-way between room and glow. A sheet estimate cannot do
    this: where the feet fill most of the picture, it rises to the sole under the midfoot
    and cuts the midfoot's glow away."""
    luma = ndi.gaussian_filter(_luma(rgb), SMOOTH_SIGMA)
    sample = luma[::2, ::2].ravel()
    if np.ptp(sample) <= 1e-6:
        return np.zeros_like(luma)
    low, high = threshold_multiotsu(sample, classes=3)
    # The brightest class running along the frame is no glow but a bright table or wall
    # beside dark card (powder prints): the levels come from the rest of the photo.
    along_frame = _along_frame(luma[::2, ::2] > high)
    if along_frame.any() and np.ptp(sample[~along_frame.ravel()]) > 1e-6:
        sample = sample[~along_frame.ravel()]
        low, high = threshold_multiotsu(sample, classes=3)
    room = float(np.median(sample[sample <= low]))
    middle, top = sample[(sample > low) & (sample <= high)], sample[sample > high]
    glow = float(np.median(top))
    sole = float(np.median(middle)) if middle.size else room
    is_sole = (
        glow >= SOLE_STEP * sole
        and sole >= SOLE_STEP * max(room, 0.01)
        and middle.size >= SOLE_SHARE * top.size
    )
    edge = 0.5 * ((sole if is_sole else room) + glow)
    return np.clip(0.5 + 0.5 * (luma - edge) / max(glow - edge, 1e-6), 0.0, 1.0)


def _along_frame(mask: np.ndarray) -> np.ndarray:
    """The parts of ``mask`` that run along the frame for longer than they reach into the
    picture (a table or wall at an edge), not a shape that only touches it."""
    labels, count = ndi.label(mask)
    keep = np.zeros(count + 1, dtype=bool)
    h, w = mask.shape
    for index, piece in enumerate(ndi.find_objects(labels), start=1):
        rows, cols = piece[0].stop - piece[0].start, piece[1].stop - piece[1].start
        spans_width = cols >= 0.8 * w and (piece[0].start == 0 or piece[0].stop == h)
        spans_height = rows >= 0.8 * h and (piece[1].start == 0 or piece[1].stop == w)
        keep[index] = (spans_width and rows < 0.3 * h) or (spans_height and cols < 0.3 * w)
    return keep[labels]


def _grow_from(candidates: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """The connected pieces of ``candidates`` that hold a seed (hysteresis)."""
    labels, count = ndi.label(candidates)
    keep = np.zeros(count + 1, dtype=bool)
    keep[labels[seeds & candidates]] = True
    keep[0] = False
    return keep[labels]


# -- 5. clean ---------------------------------------------------------------------------------
def clean(mask: np.ndarray) -> np.ndarray:
    """Cut thin lines and bars off (``without_lines``) and the folds' shadows running across
    the photo, then fill holes."""
    return fill_holes(cut_folds(without_lines(mask)))


def without_lines(mask: np.ndarray) -> np.ndarray:
    """Cut thin lines off (text, borders, grid overhangs), then the straight bars a print
    touches (registration strokes, ruled lines)."""
    return cut_bars(morph.opening(mask, 2))


def cut_bars(mask: np.ndarray) -> np.ndarray:
    """Remove bars: registration strokes, ruled lines and text touching a print are a few
    pixels thick all along, while every part of a print, even a little toe, has a thicker
    part within a few pixels. What an opening wider than a bar takes away is kept only
    where such a thick part is near."""
    core = morph.opening(mask, BAR_RADIUS)
    thin = mask & ~core
    if not thin.any():
        return mask
    thick = morph.erode(mask, BAR_HALF_WIDTH)  # the parts more than a bar thick
    return morph.opening(core | (thin & morph.dilate(thick, BAR_RADIUS + 1)), 1)


def cut_folds(mask: np.ndarray) -> np.ndarray:
    """Remove the thin bands that run straight across much of the photo: the shadow of a
    sheet's fold, or the step in brightness where the sheet bends. Such a band passing a
    foot closed its arch's bay, which was then filled as a hole ("flat" for a high arch),
    or joined the foot to the frame ("toes cut off").

    Steps: the mask's long straight edges (a foot has none); along each, the stretches
    where the mask across the line is a narrow band, long ones only. Where the band crosses
    or runs along a foot the mask across is wide, and stays; a toe beside a line is short."""
    edges = mask & ~morph.erode(mask, 1)
    lines = long_lines(edges, FOLD_EDGE * max(mask.shape), FOLD_LINES)
    if not lines:
        return mask  # no long straight edge, as in most photos
    band = np.zeros_like(mask)
    along = np.zeros_like(mask)  # near the lines that had a band
    rows, cols = np.indices(mask.shape, sparse=True)
    prints = None
    for angle, distance in lines:
        found = _band_along(mask, angle, distance)
        if not found.any():
            continue
        prints = _thick_prints(mask) if prints is None else prints
        # Only where it touches a print does a band do harm. One that touches none is left
        # whole, as it was (set aside as a streak later): a sheet's shaded edges, broken
        # where they touched nothing, left a corner that passed for a print.
        if (morph.dilate(found, 2) & prints).any():
            band |= found
            along |= np.abs(cols * np.cos(angle) + rows * np.sin(angle) - distance) <= FOLD_REACH
    if not band.any():
        return mask
    out = mask & ~band
    return out & ~_rest_of_band(out, band, along)


def long_lines(edges: np.ndarray, span: float, most: int) -> list[tuple[float, float]]:
    """The straight lines (angle, distance: ``x cos a + y sin a = d``) along which at least
    ``span`` pixels of ``edges`` lie, the ``most`` strongest (Hough). Peaks are looked for
    only at the distances that hold one: a tenth of the work."""
    if np.count_nonzero(edges) < span:
        return []
    votes, angles, distances = hough_line(edges, theta=FOLD_ANGLES)
    strong = np.nonzero((votes >= span).any(axis=1))[0]
    if not strong.size:
        return []
    near = slice(max(0, strong[0] - FOLD_NEAR), strong[-1] + FOLD_NEAR + 1)
    _, found_angles, found_distances = hough_line_peaks(
        votes[near], angles, distances[near], threshold=span, num_peaks=most
    )
    return [(float(a), float(d)) for a, d in zip(found_angles, found_distances, strict=True)]


def _rest_of_band(mask: np.ndarray, band: np.ndarray, along: np.ndarray) -> np.ndarray:
    """The pieces left of a band where it was wider (a table's strip widening towards the
    camera, the end of a fold, a sheet's corner where two shaded edges meet) or where it ran
    on along a shorter edge: touching what was removed, and lying along the lines or no
    wider than a band. Left, they were compact pieces: an empty sheet was refused as "toes
    cut off", a sheet's shaded corner and edge were a third print."""
    labels, count = ndi.label(mask, structure=np.ones((3, 3), dtype=bool))
    if count == 0:
        return np.zeros_like(mask)
    touching = np.zeros(count + 1, dtype=bool)
    touching[labels[morph.dilate(band, 1)]] = True
    touching[0] = False
    if not touching.any():
        return np.zeros_like(mask)
    size = np.bincount(labels.ravel(), minlength=count + 1)
    on_line = np.bincount(labels[along].ravel(), minlength=count + 1)
    # Or a strip no wider than a band, beside an edge too short to be found as a line.
    depth = ndi.distance_transform_edt(mask)
    half_width = np.zeros(count + 1)
    half_width[1:] = ndi.maximum(depth, labels, np.arange(1, count + 1))
    rest = touching & ((on_line >= FOLD_REST * size) | (half_width <= FOLD_MAX_WIDTH / 2))
    return rest[labels]


def _thick_prints(mask: np.ndarray) -> np.ndarray:
    """Where ``mask`` is thicker than a fold's band, in its larger pieces: the prints."""
    thick, count = ndi.label(morph.opening(mask, FOLD_MAX_WIDTH // 2 + 1))
    if count == 0:
        return np.zeros_like(mask)
    areas = np.bincount(thick.ravel(), minlength=count + 1)
    areas[0] = 0
    return (areas >= FOLD_PRINT * areas.max())[thick]


def _band_along(mask: np.ndarray, angle: float, distance: float) -> np.ndarray:
    """The narrow band of ``mask`` beside the line ``x cos a + y sin a = d``: the mask is
    sampled in a strip along the line, and the runs across it that are narrow and end inside
    the strip make the band where they form a long stretch."""
    h, w = mask.shape
    reach = FOLD_REACH
    cos, sin = np.cos(angle), np.sin(angle)
    ends = [-x * sin + y * cos for x in (0, w) for y in (0, h)]  # the photo's extent along
    along = np.arange(np.floor(min(ends)) - reach, np.ceil(max(ends)) + reach)
    across = np.arange(-reach, reach + 1, dtype=float)
    s, t = np.meshgrid(across, along, indexing="ij")
    x = distance * cos - t * sin + s * cos
    y = distance * sin + t * cos + s * sin
    strip = ndi.map_coordinates(mask.astype(np.uint8), (y, x), order=0, cval=0).astype(bool)
    runs, count = ndi.label(strip, structure=np.array([[0, 1, 0], [0, 1, 0], [0, 1, 0]]))
    size = np.bincount(runs.ravel(), minlength=count + 1)
    open_ended = np.zeros(count + 1, dtype=bool)
    open_ended[runs[0]] = open_ended[runs[-1]] = True
    narrow = (size <= FOLD_MAX_WIDTH) & ~open_ended
    narrow[0] = False
    stretches, _ = ndi.label(narrow[runs], structure=np.ones((3, 3), dtype=bool))
    pieces = [
        (index, piece, piece[1].stop - piece[1].start)
        for index, piece in enumerate(ndi.find_objects(stretches), start=1)
        if piece is not None
    ]
    band = np.zeros((h, w), dtype=bool)
    # Narrow along much of the line, not only beside a foot: a foot's straight outer edge
    # runs along its own narrow midfoot band, which is no fold.
    if sum(length for *_, length in pieces if length >= FOLD_PIECE) < FOLD_SPAN * max(h, w):
        return band
    for index, piece, length in pieces:
        if length < FOLD_LENGTH * max(h, w):
            continue
        keep = stretches[piece] == index
        cols = np.rint(x[piece][keep]).astype(int)
        rows = np.rint(y[piece][keep]).astype(int)
        inside = (rows >= 0) & (rows < h) & (cols >= 0) & (cols < w)
        band[rows[inside], cols[inside]] = True
    return morph.dilate(band, 1) & mask if band.any() else band


def fill_holes(mask: np.ndarray, largest: int | None = None) -> np.ndarray:
    """Fill enclosed gaps (the mottled inside of a print): background pieces that do not reach
    the frame, and hold at most ``largest`` pixels when that is given. Labelling is much
    faster than ndimage's iterative fill."""
    labels, count = ndi.label(~mask)
    outside = np.zeros(count + 1, dtype=bool)
    outside[frame_labels(labels)] = True
    outside[0] = True  # label 0 is the mask itself
    if largest is not None:
        outside |= np.bincount(labels.ravel(), minlength=count + 1) > largest
    return mask | ~outside[labels]


# -- helpers ----------------------------------------------------------------------------------
def frame_labels(labels: np.ndarray) -> np.ndarray:
    """The labels along the picture's four edges (corners twice): which pieces touch the
    frame, and, counted, how long."""
    return np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])


def _shrink(image: np.ndarray, factor: int) -> tuple[np.ndarray, tuple[int, int]]:
    """Block means over whole ``factor`` x ``factor`` blocks (partial blocks would average with
    zeros), and the full shape to grow back to."""
    h, w = image.shape
    hh, ww = h - h % factor or h, w - w % factor or w
    whole = image[:hh, :ww]
    small = whole.reshape(hh // factor, factor, ww // factor, factor).mean(axis=(1, 3))
    return small.astype(np.float32), (h, w)


def _shrink_rgb(rgb: np.ndarray, factor: int) -> np.ndarray:
    """Block means of a colour picture over whole ``factor`` x ``factor`` blocks."""
    h, w, _ = rgb.shape
    hh, ww = h - h % factor or h, w - w % factor or w
    return rgb[:hh, :ww].reshape(hh // factor, factor, ww // factor, factor, 3).mean(axis=(1, 3))


def _grow(small: np.ndarray, shape: tuple[int, int], factor: int = 4) -> np.ndarray:
    """Bilinear back up by ``factor``, then cut or edge-padded to ``shape`` (Pillow is several
    times faster than ndimage here)."""
    hh, ww = small.shape[0] * factor, small.shape[1] * factor
    big = np.asarray(
        Image.fromarray(small.astype(np.float32), "F").resize((ww, hh), Image.Resampling.BILINEAR)
    )[: shape[0], : shape[1]]
    if big.shape != shape:  # the few rows/columns beyond the whole blocks
        big = np.pad(big, ((0, shape[0] - big.shape[0]), (0, shape[1] - big.shape[1])), "edge")
    return big
