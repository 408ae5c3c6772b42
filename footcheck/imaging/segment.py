"""Finding the print(s): separate the darker wet or ink imprint from the sheet around it.

Steps, each chosen for a failure seen in real photos:
1. Flatten the lighting: a grey *closing* with a window wider than any foot estimates the bare
   sheet (uneven light, soft shadows, a darker table) so that only objects narrower than a foot
   remain dark. Done on a ~256 px copy, where it is cheap.
2. Threshold half-way between the sheet and the print (Otsu picks the two classes), the level
   at which a blurred edge sits where the true edge was.
3. Clean up: an opening removes grid lines and printed text strokes, filling holes mends the
   mottled inside of wet and ink prints, tiny specks go.
4. Components that hug the frame along a long stretch are table or sheet edges, not feet.
5. Group the remaining shapes into feet: a high-arched foot leaves its heel and its forefoot as
   two shapes, which belong together; toe pads join the nearest foot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image
from scipy import ndimage as ndi
from skimage import morphology
from skimage.filters import threshold_otsu
from skimage.transform import downscale_local_mean

SHEET_EDGE_STEP = 0.1  # relative brightness change per coarse pixel at the sheet's edge
BACKGROUND_WINDOW = 0.42  # of the image's long side: wider than any whole-foot-in-frame print
MIN_CONTRAST = 0.05  # a print is darker than the sheet by at least 5 %
MIN_CONTRAST_TO_NOISE = 4.0
BIG_FRACTION = 0.12  # a shape this big relative to the largest is a foot part, not a toe
WHOLE_FOOT_ASPECT = 1.9  # above: a whole toe-less print; below: heel or forefoot alone
STREAK = 6.0  # shapes longer than this many times their width are lines, not prints
EIGHT = np.ones((3, 3), dtype=bool)  # 8-connectivity for labelling
SMALL_PART = 0.25  # an unpaired shape below this (relative to the largest) joins the toes


class NoPrint(Exception):
    """Raised with a refusal code: no_print | low_contrast | too_many | partial."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass
class Blob:
    label: int
    area: int
    centroid: np.ndarray  # (row, col)
    major: float
    minor: float
    orientation: np.ndarray  # unit vector (row, col) of the major axis
    bbox: tuple[int, int, int, int]

    @property
    def aspect(self) -> float:
        return self.major / max(self.minor, 1e-6)


@dataclass
class FootCandidate:
    """The pixels of one foot: its main body shapes and the small shapes near it (toes)."""

    body: np.ndarray  # bool, full image
    extras: np.ndarray  # bool, full image: toe pads and specks near this foot
    touches_border: bool


@dataclass
class Segmentation:
    darkness: np.ndarray  # 0 = bare sheet, higher = darker than the sheet
    mask: np.ndarray
    threshold: float
    contrast: float
    noise: float
    feet: list[FootCandidate]


def lighting(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The bare sheet's brightness at every pixel, and where the sheet itself ends.

    The second mask marks sharp steps in that brightness: lighting and soft shadows change
    gradually, but the sheet's edge against a table is a step. A print that runs into it has
    been cut off by the sheet, even if the photo goes on."""
    h, w = gray.shape
    factor = max(1, round(max(h, w) / 128))  # lighting varies slowly: 128 px are plenty
    # Whole blocks only: a partial block at the edge would be averaged with zeros (black).
    whole = gray[: h - h % factor or h, : w - w % factor or w]
    small = downscale_local_mean(whole, (factor, factor)).astype(np.float32)
    window = max(3, int(BACKGROUND_WINDOW * max(small.shape)))
    # Pad with edge values first: closing's own border handling would carry the brighter
    # middle of a shadowed photo out to its edges and make the shadow look like a print.
    padded = np.pad(small, window, mode="edge")
    closed = ndi.grey_closing(padded, size=(window, window))[window:-window, window:-window]
    gy, gx = np.gradient(closed)
    steps = np.hypot(gx, gy) / np.maximum(closed, 0.02) > SHEET_EDGE_STEP
    background = ndi.uniform_filter(closed, size=max(3, window // 8), mode="nearest")
    steps = np.repeat(np.repeat(steps, factor, axis=0), factor, axis=1)
    return _to_full(background, whole.shape, gray.shape), _pad_to(steps, gray.shape)


def _to_full(small: np.ndarray, whole: tuple[int, int], full: tuple[int, int]) -> np.ndarray:
    """Bilinear back to full size (Pillow is several times faster than ndimage here)."""
    big = np.asarray(
        Image.fromarray(small.astype(np.float32), "F").resize(
            (whole[1], whole[0]), Image.Resampling.BILINEAR
        )
    )
    return _pad_to(big, full)


def _pad_to(big: np.ndarray, full: tuple[int, int]) -> np.ndarray:
    if big.shape != full:  # the few rows/columns beyond the whole blocks
        big = np.pad(big, ((0, full[0] - big.shape[0]), (0, full[1] - big.shape[1])), "edge")
    return big


def _frame_regions(dark: np.ndarray) -> np.ndarray:
    """Dark regions hugging the frame (a table) and long lines (the sheet's edge, a fold),
    found on a coarse copy.

    Textured tables break into many small dark pieces, so pieces are first merged with a
    closing; regions that meet the frame along much of their outline, and long streaks, are
    then left out, both of the threshold statistics (a dark table or a black line would win
    Otsu's split against a faint print) and of the print mask. Repeated because removing one
    region can reveal the next."""
    h, w = dark.shape
    factor = max(1, round(max(h, w) / 160))
    small = dark[::factor, ::factor]
    exclude = np.zeros(small.shape, dtype=bool)
    for _ in range(3):
        values = small[~exclude]
        if values.size < 100 or np.ptp(values) <= 0:
            break
        candidates = small > 0.5 * threshold_otsu(values)
        candidates = ndi.binary_closing(candidates, structure=morphology.disk(2)) & ~exclude
        labels, _ = ndi.label(candidates, structure=EIGHT)
        long_side = max(small.shape)
        found = [
            b.label
            for b in _blobs(labels, min_area=4)
            if _is_frame_edge(b, labels) or (b.aspect > STREAK and b.major > 0.3 * long_side)
        ]
        if not found:
            break
        grown = exclude | ndi.binary_dilation(_select(labels, found), iterations=2)
        if grown.mean() > 0.5:  # that is most of the picture: not a table at the edge
            break
        exclude = grown
    big = np.repeat(np.repeat(exclude, factor, axis=0), factor, axis=1)
    return big[:h, :w]


def _cut_lines(mask: np.ndarray) -> np.ndarray:
    """Remove thin lines (a grid, ruled lines) that would join everything into one shape.

    An opening does that, but it is the costliest step of the segmentation, so it only runs
    when one shape spreads over most of the picture, which prints never do."""
    labels, count = ndi.label(mask)
    if count == 0:
        return mask
    boxes = ndi.find_objects(labels)
    h, w = mask.shape
    spread = max((b[0].stop - b[0].start) * (b[1].stop - b[1].start) for b in boxes if b)
    if spread < 0.6 * h * w:
        return mask
    radius = max(1, round(max(h, w) / 500))
    return ndi.binary_opening(mask, structure=morphology.disk(radius))


def fill_holes(mask: np.ndarray) -> np.ndarray:
    """Fill enclosed gaps (the mottled inside of a print): background pieces that do not reach
    the frame. Labelling is much faster than ndimage's iterative fill on large images."""
    labels, count = ndi.label(~mask)
    outside = np.zeros(count + 1, dtype=bool)
    outside[np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])] = True
    outside[0] = True  # label 0 is the mask itself
    return mask | ~outside[labels]


def segment(gray: np.ndarray) -> Segmentation:
    background, sheet_edges = lighting(gray)
    # A 3 x 3 mean steadies the noise (and is what the blur estimate allows for).
    dark = ndi.uniform_filter(1.0 - gray / np.maximum(background, 0.02), size=3)
    h, w = dark.shape
    frame = _frame_regions(dark)
    raw = dark[::3, ::3][~frame[::3, ::3]].ravel()
    # Anything brighter than the sheet (a white table, glare) counts as sheet: only darker
    # things can be prints, and a bright region must not win Otsu's split.
    sample = np.maximum(raw, 0.0)
    if sample.size < 100 or np.ptp(sample) <= 0:
        raise NoPrint("no_print")
    otsu = float(threshold_otsu(sample))
    sheet_level = float(np.median(sample[sample <= otsu]))
    above = sample[sample > otsu]
    print_level = float(np.median(above)) if above.size else sheet_level
    contrast = print_level - sheet_level
    sheet = raw[sample <= otsu]
    noise = float(1.4826 * np.median(np.abs(sheet - np.median(sheet)))) if sheet.size else 0.0
    threshold = sheet_level + 0.5 * contrast

    mask = (dark > threshold) & ~frame
    mask = _cut_lines(mask)
    mask = fill_holes(mask)
    faint = contrast < MIN_CONTRAST or contrast < MIN_CONTRAST_TO_NOISE * noise

    labels, _ = ndi.label(mask, structure=EIGHT)
    specks = max(20, int(0.00015 * h * w))  # smaller than any toe: dust, text, noise
    found = _blobs(labels, min_area=specks)
    edges = [b for b in found if _is_frame_edge(b, labels)]
    blobs = [b for b in found if b not in edges]
    blobs = [b for b in blobs if b.aspect <= STREAK]  # sheet edges, folds, ruled lines
    if blobs:  # and no foot part is a loose, sprawling shape
        largest = max(b.area for b in blobs)
        blobs = [b for b in blobs if b.area < BIG_FRACTION * largest or _plausible(b)]
    if not blobs:
        raise NoPrint("no_print")
    largest = max(b.area for b in blobs)
    if faint:
        # A faint print still has a print's shape, away from the frame; a faint smudge, a
        # shadow's corner or nothing at all does not.
        printlike = any(
            b.area > 0.0005 * h * w and _plausible(b) and _border_contact(b, labels) == 0
            for b in blobs
        )
        raise NoPrint("low_contrast" if printlike else "no_print")
    if largest < 0.001 * h * w:  # a compact dark shape this small is a print far away
        compact = max(blobs, key=lambda b: b.area).aspect < 3.0
        raise NoPrint("too_small" if compact and largest > 0.0003 * h * w else "no_print")
    feet = _group(blobs, labels, frame | sheet_edges, edges)
    return Segmentation(dark, mask, threshold, contrast, noise, feet)


def _blobs(labels: np.ndarray, min_area: int = 20) -> list[Blob]:
    """Area, centroid, ellipse axes and bounding box of every labelled shape.

    All moments come from one pass of weighted bincounts over the image: regionprops computes
    them shape by shape and costs more than the whole rest of the segmentation."""
    count = int(labels.max())
    if count == 0:
        return []
    where = np.flatnonzero(labels)
    flat = labels.ravel()[where]
    rows, cols = np.divmod(where, labels.shape[1])
    rows, cols = rows.astype(np.float64), cols.astype(np.float64)
    n = count + 1
    area = np.bincount(flat, minlength=n).astype(float)
    area[0] = 1.0
    mr = np.bincount(flat, rows, n) / area
    mc = np.bincount(flat, cols, n) / area
    rr = np.bincount(flat, rows * rows, n) / area - mr * mr
    cc = np.bincount(flat, cols * cols, n) / area - mc * mc
    rc = np.bincount(flat, rows * cols, n) / area - mr * mc
    boxes = ndi.find_objects(labels)
    found = []
    for label in range(1, n):
        if area[label] < min_area or boxes[label - 1] is None:
            continue
        cov = np.array(((rr[label], rc[label]), (rc[label], cc[label]))) + np.eye(2) / 12
        values, vectors = np.linalg.eigh(cov)
        box = boxes[label - 1]
        found.append(
            Blob(
                label=label,
                area=int(area[label]),
                centroid=np.array((mr[label], mc[label])),
                major=4.0 * math.sqrt(max(values[1], 0.0)),
                minor=4.0 * math.sqrt(max(values[0], 0.0)),
                orientation=vectors[:, 1],
                bbox=(box[0].start, box[1].start, box[0].stop, box[1].stop),
            )
        )
    return found


def _plausible(blob: Blob) -> bool:
    """Could this be (part of) a foot? Feet and their parts are compact, not streaks."""
    ellipse = math.pi * blob.major * blob.minor / 4
    return blob.aspect <= 5.0 and blob.area >= 0.4 * ellipse


def _border_contact(blob: Blob, labels: np.ndarray) -> int:
    r0, c0, r1, c1 = blob.bbox
    h, w = labels.shape
    count = 0
    if r0 == 0:
        count += int(np.count_nonzero(labels[0, c0:c1] == blob.label))
    if r1 == h:
        count += int(np.count_nonzero(labels[h - 1, c0:c1] == blob.label))
    if c0 == 0:
        count += int(np.count_nonzero(labels[r0:r1, 0] == blob.label))
    if c1 == w:
        count += int(np.count_nonzero(labels[r0:r1, w - 1] == blob.label))
    return count


def _is_frame_edge(blob: Blob, labels: np.ndarray) -> bool:
    """A dark region hugging the frame (table, shadowed corner, sheet edge), not a print.

    Such regions meet the frame along a stretch longer than they reach into the picture; a
    cut-off foot meets it along its width and reaches far in, and a cut-off toe is short."""
    r0, c0, r1, c1 = blob.bbox
    h, w = labels.shape
    if (c1 - c0 >= 0.8 * w and r1 - r0 <= 0.2 * h) or (r1 - r0 >= 0.8 * h and c1 - c0 <= 0.2 * w):
        return True  # a band right across the picture (a table's edge, a shadow line)
    contact = _border_contact(blob, labels)
    if contact < 0.12 * min(labels.shape):
        return False
    depths = []
    if r0 == 0:
        depths.append(r1)
    if r1 == h:
        depths.append(h - r0)
    if c0 == 0:
        depths.append(c1)
    if c1 == w:
        depths.append(w - c0)
    return contact > 0.8 * min(depths)


def _pair_cost(a: Blob, b: Blob, small: list[Blob], largest: int) -> float:
    """How unlike the heel and forefoot of one high-arched foot two shapes are (0 = alike).

    The strongest cue is the toes: they sit beyond the forefoot, in line with the heel. Shape
    cues (a forefoot is wider across the foot than along it; heel and forefoot lie about one
    forefoot width apart) decide when the toes did not print."""
    best = math.inf
    toes_in_photo = len(small) >= 3
    if min(_alone_cost(a, largest), _alone_cost(b, largest)) == 0.0:
        return math.inf  # a clear whole print is not half of another foot
    # Heel and forefoot on their own are compact; an elongated shape is more likely whole.
    elongated = 1.5 * sum(1 for part in (a, b) if part.aspect >= WHOLE_FOOT_ASPECT)
    for heel, fore in ((a, b), (b, a)):
        join = fore.centroid - heel.centroid
        distance = float(np.hypot(*join))
        if distance == 0:
            continue
        along = join / distance
        ratio = distance / fore.major
        if not 0.5 <= ratio <= 3.2:
            continue
        cost = abs(ratio - 1.2) * 0.5 + elongated
        if fore.aspect > 1.12:
            cost += max(0.0, abs(float(fore.orientation @ along)) - 0.55) * 2
        if not 0.2 <= heel.area / fore.area <= 1.6:
            cost += 1.0
        near = [t for t in small if np.hypot(*(t.centroid - fore.centroid)) < 1.1 * fore.major]
        if near:
            total = sum(t.area for t in near)
            ahead = sum(
                t.area
                for t in near
                if float((t.centroid - fore.centroid) @ along) > 0.3 * fore.minor
            )
            cost += 2.0 * (1.0 - ahead / total)
        elif toes_in_photo:
            cost += 1.5
        best = min(best, cost)
    return best


DEMOTE = 1.0
HALF_FOOT = 2.5


def _alone_cost(blob: Blob, largest: int) -> float:
    """Cost of a shape standing alone: 0 for a clear whole print, HALF_FOOT for half a foot,
    DEMOTE for a smallish shape (merged toes) that will join the toes instead."""
    if blob.area >= 0.35 * largest and blob.aspect >= 2.4:
        return 0.0
    if blob.area >= 0.35 * largest and blob.aspect >= WHOLE_FOOT_ASPECT:
        return 1.2
    if blob.area < SMALL_PART * largest:
        return DEMOTE
    return HALF_FOOT


def _group(
    blobs: list[Blob], labels: np.ndarray, frame: np.ndarray, edges: list[Blob]
) -> list[FootCandidate]:
    largest = max(b.area for b in blobs)

    def is_big(b: Blob) -> bool:
        # A piece at the frame's edge counts as a foot part only if it is a large one: table
        # texture and sheet corners leave small pieces there; toes cut off stay "small" and
        # still mark their foot as cut off when they are attached to it.
        limit = 0.25 if _border_contact(b, labels) else BIG_FRACTION
        return b.area >= limit * largest

    big = [b for b in blobs if is_big(b)]
    small = [b for b in blobs if not is_big(b)]
    if len(big) > 8:
        raise NoPrint("too_many")
    # Every large shape is either a whole toe-less print on its own (elongated, and not much
    # smaller than the largest shape) or the heel or forefoot of a high-arched foot, paired
    # with its other half. Try every split and keep the most foot-like.
    best_cost, best = math.inf, None
    for grouping in _pairings(big):
        cost = 0.0
        for group in grouping:
            cost += (
                _pair_cost(*group, small, largest)
                if len(group) == 2
                else _alone_cost(group[0], largest)
            )
        if cost < best_cost:
            best_cost, best = cost, grouping
    groups: list[list[Blob]] = []
    for group in best or []:
        if len(group) == 1 and _alone_cost(group[0], largest) == DEMOTE:
            small.append(group[0])  # merged toes or a smudge, not a foot
        else:
            groups.append(list(group))
    if len(groups) > 2:
        raise NoPrint("too_many")
    feet = []
    for group in groups:
        if len(group) == 1 and _alone_cost(group[0], largest) >= HALF_FOOT:
            part = group[0]
            if any(np.hypot(*(e.centroid - part.centroid)) < 1.5 * part.major for e in edges):
                raise NoPrint("cut_off")  # its other half meets the frame
            if not _border_contact(part, labels):  # at the frame: the rest is cut off
                raise NoPrint("partial")
        body = _select(labels, [b.label for b in group])
        feet.append(FootCandidate(body=body, extras=np.zeros_like(body), touches_border=False))
    _assign_extras(feet, small, labels, largest)
    # Running into a table or off the sheet is being cut off as much as leaving the photo.
    off_sheet = ndi.binary_dilation(frame, iterations=3) if frame.any() else None
    for foot in feet:
        both = foot.body | foot.extras
        foot.touches_border = bool(
            both[0, :].any() or both[-1, :].any() or both[:, 0].any() or both[:, -1].any()
        ) or bool(off_sheet is not None and (both & off_sheet).any())
    return feet


def _select(labels: np.ndarray, wanted: list[int]) -> np.ndarray:
    """Mask of the given labels (a lookup table beats np.isin on whole images)."""
    table = np.zeros(int(labels.max()) + 1, dtype=bool)
    table[wanted] = True
    return table[labels]


def _pairings(items: list[Blob]):
    """Every way to split ``items`` into pairs and singles."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for grouping in _pairings(rest):
        yield [(first,), *grouping]
    for i, other in enumerate(rest):
        for grouping in _pairings(rest[:i] + rest[i + 1 :]):
            yield [(first, other), *grouping]


def _assign_extras(
    feet: list[FootCandidate], small: list[Blob], labels: np.ndarray, largest: int
) -> None:
    """Attach each small shape to the nearest foot when it is close enough to be its toe."""
    if not feet or not small:
        return
    points = []
    for foot in feet:
        rows, cols = np.nonzero(foot.body)
        length = max(np.ptp(rows), np.ptp(cols)) if rows.size else 1
        step = max(1, rows.size // 4000)  # a sample of the outline region is plenty
        points.append((np.column_stack((rows[::step], cols[::step])).astype(float), length))
    for blob in small:
        gaps = [float(np.min(np.hypot(*(pts - blob.centroid).T))) for pts, _ in points]
        best = int(np.argmin(gaps))
        if gaps[best] < 0.3 * points[best][1]:
            r0, c0, r1, c1 = blob.bbox
            feet[best].extras[r0:r1, c0:c1] |= labels[r0:r1, c0:c1] == blob.label
        elif blob.area >= BIG_FRACTION * largest and _plausible(blob):
            raise NoPrint("too_many")  # a print-sized shape that belongs to no foot
