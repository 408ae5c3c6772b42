"""From a print mask to feet: which shapes are prints, and which belong to the same foot.

Steps:
1. Shapes: every connected piece of the mask with its size, ellipse and bounding box.
2. Set aside what is not a print: pieces hugging the frame (a table, a shadowed corner), long
   streaks (sheet edges, folds, ruled lines, header bars) and loose sprawling shapes.
3. Group: a whole toe-less print is one elongated shape; a high-arched foot leaves its heel and
   its forefoot as two shapes, which belong together (the toes, beyond the forefoot and in line
   with the heel, tell which). Try every grouping and keep the most foot-like.
4. Toes: small shapes just beyond a foot's front join that foot; logos and text further away
   are left out.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np
from scipy import ndimage as ndi
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from footcheck.imaging import morph
from footcheck.imaging.segment import NoPrint, Segmentation, frame_labels

BIG_FRACTION = 0.12  # a shape this big relative to the largest is a foot part, not a toe
WHOLE_FOOT_ASPECT = 1.9  # above: a whole toe-less print; below: heel or forefoot alone
STREAK = 6.0  # shapes longer than this many times their width are lines, not prints
PRINT_SIZED = 0.3  # an unattached shape this big (relative to the largest) is another print
FAINT_REACHED = 0.2  # a faint grid's shape the clear prints reach less is a print of its own
PART_SIZED = 0.15  # ... one this big a part of another print, if nothing else is wrong ...
PART_APART = 0.08  # ... and it lies this far from every foot (of the largest shape's length)
PART_ROUND = 2.4  # ... as round as a heel or a ball alone (a row of toes, a strip is longer)
SMALL_PART = 0.25  # an unpaired shape below this (relative to the largest) joins the toes
WHOLE_SHARE = 0.35  # an unpaired shape this big and elongated is a whole toe-less print
TOE_ASPECT = 2.2  # toe pads are roundish; registration strokes, borders and text are longer
PAIR_ASPECT, PAIR_AREA = 3.0, 0.025  # ... but two toes printed as one pad may be this long
PART_ASPECT = 4.0  # a forefoot is never longer than this; only a heel that kept its midfoot
TOE_REACH = 0.15  # toes lie within this share of the foot's length of its outline ...
TOE_AHEAD = 0.15  # ... and further ahead of its centre than this share of its length
SHADE = 0.3  # a piece at the frame this faint (of the clearest print's level) is a shadow
# A print the frame cut through may stop a pixel or two short of it (a soft edge, a tilted
# camera's pale border), and so may a shadow over the photo's edge: this close is at the frame.
NEAR_FRAME_PX = 3
EIGHT = np.ones((3, 3), dtype=bool)  # 8-connectivity for labelling


def near_frame(seg: Segmentation) -> int:
    """How close to the frame a print counts as running along it: ``NEAR_FRAME_PX``, and an
    ink grid's period more (its outline ends at its last line, up to a cell inside the
    contact: a heel the frame cut lay 4 pixels from it on a generated sheet of 5-pixel
    cells, with its last lines further in)."""
    return max(NEAR_FRAME_PX, seg.outline_slack)


@dataclass(frozen=True)
class Blob:
    label: int
    area: int
    centroid: np.ndarray  # (row, col)
    major: float
    minor: float
    orientation: np.ndarray  # unit vector (row, col) of the major axis
    bbox: tuple[int, int, int, int]
    border: int  # pixels on the frame

    @property
    def aspect(self) -> float:
        return self.major / max(self.minor, 1e-6)

    @property
    def plausible(self) -> bool:
        """Could this be (part of) a foot? Feet and their parts are compact, not streaks."""
        ellipse = math.pi * self.major * self.minor / 4
        return self.aspect <= 5.0 and self.area >= 0.4 * ellipse


@dataclass
class FootCandidate:
    """The pixels of one foot: its main body shapes and the small shapes near it (toes)."""

    body: np.ndarray  # bool, full image
    extras: np.ndarray  # bool, full image: toe pads and specks near this foot


@dataclass(frozen=True)
class Shapes:
    labels: np.ndarray
    prints: list[Blob]  # what may be a print or part of one
    frame: list[Blob]  # pieces hugging the frame

    @property
    def largest(self) -> int:
        return max((b.area for b in self.prints), default=0)


def find_shapes(mask: np.ndarray) -> Shapes:
    """Label the mask and sort its pieces into possible prints and frame-hugging pieces."""
    h, w = mask.shape
    labels, _ = ndi.label(detach_from_frame(mask), structure=EIGHT)
    specks = max(20, int(0.00015 * h * w))  # smaller than any toe: dust, text, noise
    found = blobs(labels, min_area=specks)
    frame = [b for b in found if _is_frame_edge(b, mask.shape)]
    prints = [b for b in found if b not in frame and b.aspect <= STREAK]
    if prints:  # no foot part is a loose, sprawling shape
        largest = max(b.area for b in prints)
        prints = [b for b in prints if b.area < BIG_FRACTION * largest or b.plausible]
    return Shapes(labels, prints, frame)


def without_shade(shapes: Shapes, height: np.ndarray) -> Shapes:
    """The shapes without the pieces at (or near) the frame far fainter than the clear prints.

    Each part of a print is cut against its own level, so a soft shadow falling across the
    photo's edge can come out as a print-sized piece there, and a whole foot beside it was
    refused as cut off. A print the photo cuts is as dark as the others; the shadow was a
    fifth as dark. A shadow's strip stopping 3 px short of the frame, 0.15 as dark as the
    print, was measured as a second foot, "flat, 82 %". ``height``: how far each pixel
    stands from the sheet (the segmentation's)."""
    near = {b.label for b in shapes.prints if _at_or_near_frame(b, shapes.labels.shape)}
    at_frame = [b for b in shapes.prints if b.label in near]
    inner = [
        b for b in shapes.prints if b.label not in near and b.area >= BIG_FRACTION * shapes.largest
    ]
    if not inner or not at_frame:
        return shapes
    levels = {b.label: median_in(height, shapes.labels, b) for b in inner + at_frame}
    clear = max(levels[b.label] for b in inner)
    shade = {b.label for b in at_frame if levels[b.label] < SHADE * clear}
    return replace(shapes, prints=[b for b in shapes.prints if b.label not in shade])


def _at_or_near_frame(blob: Blob, shape: tuple[int, int]) -> bool:
    """Does the shape touch the frame or come within ``NEAR_FRAME_PX`` of it?"""
    r0, c0, r1, c1 = blob.bbox
    h, w = shape
    return bool(blob.border) or min(r0, c0, h - r1, w - c1) <= NEAR_FRAME_PX


def median_in(values: np.ndarray, labels: np.ndarray, blob: Blob) -> float:
    """The median of ``values`` over one shape, read within its box (``ndi.median`` sorts
    the whole photo to give it, a tenth of the analysis time)."""
    r0, c0, r1, c1 = blob.bbox
    box = np.s_[r0:r1, c0:c1]
    return float(np.median(values[box][labels[box] == blob.label]))


def detach_from_frame(mask: np.ndarray) -> np.ndarray:
    """Cut the thin bridges that join a print to the photo's edge.

    A registration stroke, a sheet's bottom edge or the table can touch a print and run on
    to the frame, so that a print lying whole in the photo looked cut off. A shape at the
    frame is opened by a few per cent of its size: when that leaves one core that no longer
    reaches the frame and keeps most of the shape, the bridges are dropped. A print the photo
    really cuts meets the frame along a broad front, which the opening keeps."""
    labels, count = ndi.label(mask, structure=EIGHT)
    if count == 0:
        return mask
    edge = np.unique(frame_labels(labels))
    boxes = ndi.find_objects(labels)
    out = mask.copy()
    for label in edge[edge > 0]:
        window = boxes[label - 1]
        piece = labels[window] == label
        area = int(np.count_nonzero(piece))
        if area < 0.002 * mask.size:
            continue  # a speck or a cut toe: the frame checks deal with it
        kept = core_of(piece)
        if kept is None:
            continue
        placed = np.zeros_like(mask)
        placed[window] = kept
        at_frame = placed[0].any() or placed[-1].any() or placed[:, 0].any() or placed[:, -1].any()
        if at_frame or np.count_nonzero(kept) < 0.8 * area:
            continue
        out[window] &= ~piece | kept
    return out


BRIDGE = 0.035  # thin bridges: narrower than this share of the square root of the area


def core_of(piece: np.ndarray) -> np.ndarray | None:
    """The shape without the thin appendages that hang on it: opened by a few per cent of its
    size, the largest piece left, grown back to the shape's own outline (None if nothing is
    left). A foot's own parts are broader than the opening; strokes, a sheet's shadowed edge
    and bands to the frame are not."""
    area = int(np.count_nonzero(piece))
    radius = max(2, round(BRIDGE * math.sqrt(area)))
    cores, found = ndi.label(morph.opening(piece, radius), structure=EIGHT)
    if found == 0:
        return None
    sizes = np.bincount(cores.ravel())
    sizes[0] = 0
    return piece & morph.dilate(cores == int(np.argmax(sizes)), radius + 1)


def blobs(labels: np.ndarray, min_area: int = 20) -> list[Blob]:
    """Area, centroid, ellipse axes, bounding box and frame contact of every labelled shape.

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
    edge = np.concatenate([labels[0], labels[-1], labels[1:-1, 0], labels[1:-1, -1]])
    border = np.bincount(edge, minlength=n)
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
                border=int(border[label]),
            )
        )
    return found


def _is_frame_edge(blob: Blob, shape: tuple[int, int]) -> bool:
    """A dark region hugging the frame (table, shadowed corner, sheet edge), not a print.

    Such regions meet the frame along a stretch longer than they reach into the picture; a
    cut-off foot meets it along its width and reaches far in, and a cut-off toe is short."""
    r0, c0, r1, c1 = blob.bbox
    h, w = shape
    if (c1 - c0 >= 0.8 * w and r1 - r0 <= 0.2 * h) or (r1 - r0 >= 0.8 * h and c1 - c0 <= 0.2 * w):
        return True  # a band right across the picture (a table's edge, a shadow line)
    if blob.border < 0.12 * min(shape):
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
    return blob.border > 0.8 * min(depths)


# -- grouping ---------------------------------------------------------------------------------
DEMOTE = 1.0
HALF_FOOT = 2.5
CLOSE_GAP = 0.12  # a whole-looking print pairs only with a shape this close (gap / length)
UNLIKE_PARTS = 3.0  # a heel far smaller or larger than its forefoot (a big toe and a ball)
UNLIKE_FEET = 1.25  # one person's two feet print alike: the larger at most this much larger
JOINED_SHARE = 0.3  # parts the faint grid joins count as one foot's from this size ratio on
CUT_PRINT_SHARE = 0.5  # a compact piece at the frame this big (of the largest print) ...
CUT_PRINT_REACH = 1.5  # ... this near a print (its lengths) is a print the photo cut


def group_feet(shapes: Shapes, faint: np.ndarray | None = None) -> list[FootCandidate]:
    """The feet in the photo (one or two), each with its toes; ``NoPrint`` when the shapes do
    not make one or two whole feet. ``faint``: where an ink grid printed however faintly
    (``segment.grid_covers``), when the print is one: two clear parts it joins are one foot."""
    pieces = ndi.label(faint, structure=EIGHT)[0] if faint is not None else None
    shapes = join_faint_chains(shapes, pieces)
    labels, largest = shapes.labels, shapes.largest
    big = [b for b in shapes.prints if _is_big(b, largest)]
    small = [b for b in shapes.prints if not _is_big(b, largest)]
    if len(big) > 8:
        raise NoPrint("too_many")
    # Every large shape is either a whole toe-less print on its own (elongated, and not much
    # smaller than the largest shape) or the heel or forefoot of a high-arched foot, paired
    # with its other half. Try every split and keep the most foot-like.
    joined = _joined_pairs(big, labels, pieces)
    best_cost, best = math.inf, None
    for grouping in _pairings(big):
        cost = 0.0
        for group in grouping:
            if len(group) == 1:
                cost += _alone_cost(group[0], largest)
            else:
                pair = _pair_cost(*group, small, largest, labels)
                if (group[0].label, group[1].label) in joined:
                    pair = max(0.0, pair - HALF_FOOT)  # as likely as either half alone
                cost += pair
        if _pairs_cross(grouping):
            continue  # two feet never lie across each other
        cost += _unlike_feet(grouping)
        if cost < best_cost:
            best_cost, best = cost, grouping
    groups: list[list[Blob]] = []
    for group in best or []:
        if len(group) == 1 and (
            _alone_cost(group[0], largest) == DEMOTE or _lone_strip(group[0], largest, labels.shape)
        ):
            small.append(group[0])  # merged toes, a smudge or a strip, not a foot
        else:
            groups.append(list(group))
    rows = _toe_rows(groups, labels)
    groups = [group for group in groups if len(group) > 1 or group[0].label not in rows]
    if len(groups) > 2:
        raise NoPrint("too_many")
    feet = []
    for group in groups:
        if len(group) == 1 and _alone_cost(group[0], largest) >= HALF_FOOT:
            part = group[0]
            near_frame = [
                e
                for e in shapes.frame
                if np.hypot(*(e.centroid - part.centroid)) < 1.5 * part.major
            ]
            if near_frame:
                raise NoPrint("cut_off")  # its other half meets the frame
            if not part.border:  # at the frame: the rest is cut off
                raise NoPrint("partial")
        if len(group) == 1 and _toes_beside(group[0], small):
            raise NoPrint("partial")  # a ball of the foot alone, its toes along its long side
        body = select(labels, [b.label for b in group])
        toes = select(labels, [row for row, foot in rows.items() if foot is group])
        feet.append(FootCandidate(body=body, extras=toes))
    _assign_toes(feet, small, labels, largest)
    return feet


TOE_ROW_ACROSS = 0.5  # a row of toes lies across its foot: |cos| of the angle between them
TOE_ROW_LENGTH = 0.7  # ... and is shorter than this share of the foot's length
TOE_ROW_REACH = 0.25  # ... and lies this near it (of the length of the foot without toes)


def _toe_rows(groups: list[list[Blob]], labels: np.ndarray) -> dict[int, list[Blob]]:
    """The lone shapes that are another foot's toes (labels), each with that foot's group.

    Pressed hard, the toe pads can print as one long row, as large as half a ball and four
    times as long as wide: alone it passed for a whole toe-less print, and a photo of one
    foot was read as two ("flat, 83 %" for the toes). A whole print is as long as the other
    foot; a row of toes lies across the front of its own foot, within the toes' reach of it,
    and is shorter than the foot is long. Two feet side by side lie along each other, not
    across. Only elongated shapes are asked: a forefoot alone (its heel outside the photo)
    is wider across its own foot than long, and stays half a foot."""
    rows: dict[int, list[Blob]] = {}
    for lone in (group[0] for group in groups if len(group) == 1):
        taken = any(foot[0] is lone for foot in rows.values())
        if lone.border or lone.aspect < WHOLE_FOOT_ASPECT or taken:
            continue
        point = lone.centroid[::-1]  # (x, y), as _front_end gives
        for foot in groups:
            if foot[0] is lone or foot[0].label in rows:
                continue  # itself, or a row of toes already
            end = _front_end(select(labels, [b.label for b in foot]))
            across = abs(float(lone.orientation[::-1] @ end.axis)) < TOE_ROW_ACROSS
            ahead, gap = _beyond_front(point, end)
            in_front = ahead > TOE_AHEAD and gap < TOE_ROW_REACH
            if across and in_front and lone.major < TOE_ROW_LENGTH * end.length:
                rows[lone.label] = foot
                break
    return rows


def join_faint_chains(shapes: Shapes, pieces: np.ndarray | None) -> Shapes:
    """``shapes`` with every chain of three or more large shapes that the faint grid joins
    (pair by pair, as ``_joined_pairs`` finds them) made one shape. A lightly pressed ink
    print whose midfoot printed as faint lines only can stand out as heel, ball and a piece
    of the band between: three parts of one foot, which the pairing (two parts a foot at
    most) read as more than two prints. A chain with a shape at the frame is left as it is:
    it may run on beyond the photo, or be the blotches of a dark, mottled floor.
    ``pieces``: the faint grid's stretches, labelled (None: no grid)."""
    big = [b for b in shapes.prints if _is_big(b, shapes.largest)]
    joined = _joined_pairs(big, shapes.labels, pieces)
    if len(joined) < 2:
        return shapes
    index = {b.label: i for i, b in enumerate(big)}
    pairs = np.array([(index[a], index[b]) for a, b in joined]).T
    graph = coo_matrix((np.ones(pairs.shape[1]), pairs), shape=(len(big), len(big)))
    _, component = connected_components(graph, directed=False)
    members: dict[int, list[Blob]] = {}
    for b, c in zip(big, component, strict=True):
        members.setdefault(int(c), []).append(b)
    chains = {
        min(b.label for b in parts): [b.label for b in parts]
        for parts in members.values()
        if len(parts) >= 3 and not any(b.border for b in parts)
    }
    if not chains:
        return shapes
    labels = shapes.labels.copy()
    for first, parts in chains.items():
        labels[np.isin(labels, parts)] = first
    gone = {label for parts in chains.values() for label in parts} - set(chains)
    merged = {
        first: replace(blobs((labels == first).astype(np.int32))[0], label=first)
        for first in chains
    }
    prints = [merged.get(b.label, b) for b in shapes.prints if b.label not in gone]
    return replace(shapes, labels=labels, prints=prints)


def _joined_pairs(
    big: list[Blob], labels: np.ndarray, pieces: np.ndarray | None
) -> set[tuple[int, int]]:
    """The pairs of large shapes (labels, in ``big``'s order) that one stretch of faint grid
    joins: the heel and the ball of a lightly pressed ink print stand out alone, the rest
    printed as faint, broken lines. Such a pair costs a half foot less than its shapes say:
    on a faint sheet the two heels side by side looked more alike than a foot's own heel
    and ball (three "feet"), and a heel that kept its lateral band was too large for its
    ball (refused as part of a foot). Only parts of a size count (the smaller at least
    ``JOINED_SHARE`` of the larger; heel and ball: 0.44-0.97 on such sheets): the grid
    joins a ball to its row of toes (0.21) too, which then passed for a heel, and a photo
    holding only a forefoot was read "flat, 76 %". And not for nothing: a piece of the
    ball the grid also joins must stay the costlier partner for the heel. ``pieces``: the
    faint grid's stretches, labelled once for both callers (None: no grid)."""
    if pieces is None:
        return set()
    within = []
    for b in big:
        r0, c0, r1, c1 = b.bbox
        part = pieces[r0:r1, c0:c1][labels[r0:r1, c0:c1] == b.label]
        within.append(set(np.unique(part[part > 0]).tolist()))
    return {
        (a.label, b.label)
        for i, a in enumerate(big)
        for j, b in enumerate(big)
        if i < j
        and within[i] & within[j]
        and min(a.area, b.area) >= JOINED_SHARE * max(a.area, b.area)
    }


def _is_big(b: Blob, largest: int) -> bool:
    """Is this shape large enough to be a heel, a forefoot or a whole print? A piece at the
    frame's edge counts only if it is a large one: table texture and sheet corners leave
    small pieces there; toes cut off stay "small" and still mark their foot as cut off when
    they are attached to it."""
    limit = 0.25 if b.border else BIG_FRACTION
    return b.area >= limit * largest


def pieces_at_frame_beside_prints(shapes: Shapes) -> list[tuple[Blob, Blob]]:
    """The compact, print-sized pieces at the frame, each with a print it lies beside: what
    may be the rest of a foot the photo cut (whether it looks like the print decides). Its
    toes alone, printed as a row of joined pads, were read as a whole foot ("flat, 70 %
    sure") while the forefoot behind them, running off the photo, was taken for something
    at the frame. A table's edge or a sheet's is a band or sprawls."""
    big = [b for b in shapes.prints if _is_big(b, shapes.largest)]
    found = []
    for piece in shapes.frame:
        if not piece.plausible or piece.area < CUT_PRINT_SHARE * shapes.largest:
            continue
        near = [
            p for p in big if np.hypot(*(piece.centroid - p.centroid)) < CUT_PRINT_REACH * p.major
        ]
        if near:
            found.append((piece, near[0]))
    return found


def _unlike_feet(grouping: list[tuple[Blob, ...]]) -> float:
    """Cost of two feet, each in two parts, printing unlike in size (0 = alike). The heels
    and balls of two high-arched feet side by side lie in a square: they pair up as heel and
    ball, or as two balls and two heels, with the same lengths and gaps. Only the feet's
    sizes tell them apart (one person's two feet are alike); a turned ink sheet was read as
    a "foot" of two balls beside one of two heels, its indices nonsense (0.001 for 0.128)."""
    pairs = [group for group in grouping if len(group) == 2]
    if len(pairs) != 2:
        return 0.0
    small, large = sorted(sum(part.area for part in group) for group in pairs)
    return 2.0 * max(0.0, large / small - UNLIKE_FEET)


def _pairs_cross(grouping: list[tuple[Blob, ...]]) -> bool:
    """Do the lines from heel to forefoot of two paired feet cross? Two high-arched feet side
    by side, their heels and forefeet apart, were once paired heel of one with forefoot of
    the other, as an X (both read "AI 0.00" for about 0.15)."""
    pairs = [group for group in grouping if len(group) == 2]
    if len(pairs) < 2:
        return False
    (a, b), (c, d) = (tuple(part.centroid for part in pair) for pair in pairs[:2])

    def side(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> float:
        return float((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def _pair_cost(a: Blob, b: Blob, small: list[Blob], largest: int, labels: np.ndarray) -> float:
    """How unlike the heel and forefoot of one high-arched foot two shapes are (0 = alike).

    The strongest cue is the toes: they sit beyond the forefoot, in line with the heel. Shape
    cues (a forefoot is wider across the foot than along it; heel and forefoot lie about one
    forefoot width apart) decide when the toes did not print."""
    best = math.inf
    toes_in_photo = len(small) >= 3
    whole = sum(1 for part in (a, b) if _alone_cost(part, largest) == 0.0)
    if whole == 2:
        return math.inf  # two clear whole prints are two feet, never one
    if whole and _gap(labels, a, b) > CLOSE_GAP * max(a.major, b.major):
        return math.inf  # a whole-looking print pairs only with a piece it nearly touches
    # Heel and forefoot on their own are compact; an elongated shape is more likely whole. (A
    # heel that kept its midfoot, the arch broken off just behind the ball, looks whole on
    # its own: only its nearness to the forefoot, checked above, gives it away.)
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
        if fore.aspect > PART_ASPECT:
            continue  # a forefoot is never this narrow: toes printed as one row, a stroke
        if heel.aspect > PART_ASPECT and abs(float(heel.orientation @ along)) < 0.8:
            continue  # a heel this long kept its midfoot, which runs towards the forefoot
        cost = abs(ratio - 1.2) * 0.5 + elongated
        if fore.aspect > 1.12:
            cost += max(0.0, abs(float(fore.orientation @ along)) - 0.55) * 2
        if not 0.2 <= heel.area / fore.area <= 1.6:
            cost += UNLIKE_PARTS
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


def _toes_beside(part: Blob, small: list[Blob]) -> bool:
    """Do the toes lie in a row along the long side of this shape, not across its end?

    A forefoot printed without its heel (a high arch, the heel outside the photo) is wider
    across the foot than along it, so alone it can pass for a short, whole print measured
    crosswise; its row of toes beside the long side gives it away. Only a shape that is not
    clearly elongated is checked: a whole print's toes always lie beyond an end."""
    if part.aspect >= 2.4:
        return False
    across = np.array((-part.orientation[1], part.orientation[0]))
    offsets = np.array([t.centroid - part.centroid for t in small if t.aspect <= TOE_ASPECT])
    if len(offsets) < 3:
        return False
    # Its own toes only: within the shape's length, and no further out than its width.
    near = (np.abs(offsets @ part.orientation) < 0.6 * part.major) & (
        np.abs(offsets @ across) < part.minor
    )
    if np.count_nonzero(near) < 3:
        return False
    offsets = offsets[near]
    row = np.linalg.eigh(np.cov(offsets.T))[1][:, -1]  # the direction the toes line up in
    middle = offsets.mean(axis=0)
    return abs(float(row @ part.orientation)) > 0.8 and abs(float(middle @ across)) > abs(
        float(middle @ part.orientation)
    )


def _gap(labels: np.ndarray, a: Blob, b: Blob) -> float:
    """The shortest distance (pixels) between two shapes."""
    r0, c0 = min(a.bbox[0], b.bbox[0]), min(a.bbox[1], b.bbox[1])
    r1, c1 = max(a.bbox[2], b.bbox[2]), max(a.bbox[3], b.bbox[3])
    window = labels[r0:r1, c0:c1]
    return float(ndi.distance_transform_edt(window != a.label)[window == b.label].min())


def _alone_cost(blob: Blob, largest: int) -> float:
    """Cost of a shape standing alone: 0 for a clear whole print, HALF_FOOT for half a foot,
    DEMOTE for a smallish shape (merged toes) that will join the toes instead."""
    if blob.area >= WHOLE_SHARE * largest and blob.aspect >= 2.4:
        return 0.0
    if blob.area >= WHOLE_SHARE * largest and blob.aspect >= WHOLE_FOOT_ASPECT:
        return 1.2
    if blob.area < SMALL_PART * largest:
        return DEMOTE
    return HALF_FOOT


def _lone_strip(blob: Blob, largest: int, shape: tuple[int, int]) -> bool:
    """Is a shape left alone by the grouping longer than any forefoot (``PART_ASPECT``) yet
    too small for a whole print, and clear of the frame? Then it is no half of a foot but a
    strip: a turned sheet's shaded edge (4.9 times as long as wide, 0.25 of the largest
    print) was counted as a third print once the sheet's "Remarks" band was cut off a heel,
    and so was a cardboard's shaded edge beside two wet prints. A heel that kept its
    midfoot is that long too: paired with its forefoot it is no lone shape, and left alone
    at the frame (its forefoot outside the photo) it still counts, so that the photo is
    refused as cut off rather than read as one foot."""
    return (
        blob.aspect > PART_ASPECT
        and blob.area < WHOLE_SHARE * largest
        and not _at_or_near_frame(blob, shape)
    )


def _pairings(items: list[Blob]) -> Iterator[list[tuple[Blob, ...]]]:
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


def select(labels: np.ndarray, wanted: list[int]) -> np.ndarray:
    """Mask of the given labels (a lookup table beats np.isin on whole images)."""
    table = np.zeros(int(labels.max()) + 1, dtype=bool)
    table[wanted] = True
    return table[labels]


def _assign_toes(
    feet: list[FootCandidate], small: list[Blob], labels: np.ndarray, largest: int
) -> None:
    """Attach each small roundish shape to the foot whose front it lies just beyond: toes sit
    ahead of the ball (the wider end), never beside the heel, where registration strokes,
    logos and text are left out."""
    if not feet or not small:
        return
    ends = [_front_end(foot.body) for foot in feet]
    body = max(int(np.count_nonzero(foot.body)) for foot in feet)
    for blob in small:
        pair = blob.aspect <= PAIR_ASPECT and blob.area >= PAIR_AREA * body
        if blob.aspect > TOE_ASPECT and not pair:
            continue  # a stroke or a line beside the print, not a toe pad
        point = blob.centroid[::-1]  # (x, y)
        fits = []
        for index, end in enumerate(ends):
            ahead, gap = _beyond_front(point, end)
            if ahead > TOE_AHEAD and gap < TOE_REACH:
                fits.append((gap * end.length, index))  # the nearest foot, in pixels
        if blob.border:
            # A piece at the frame is not measured as a toe (a stroke's end looks the same);
            # whether it is a toe the photo cut through is the foot's check (analyze.py).
            continue
        if fits:
            r0, c0, r1, c1 = blob.bbox
            feet[min(fits)[1]].extras[r0:r1, c0:c1] |= labels[r0:r1, c0:c1] == blob.label
        elif blob.area >= PRINT_SIZED * largest and blob.plausible:
            raise NoPrint("too_many")  # a print-sized shape that belongs to no foot


def unattached_parts(shapes: Shapes, feet: list[FootCandidate]) -> list[Blob]:
    """The print-shaped shapes of foot-part size (``PART_SIZED`` of the largest or more) that
    belong to no foot and lie apart from every foot: the heel or ball of another print. Two
    balls printed touching made one large shape beside which the other prints' heels looked
    small enough to be specks, and were dropped: one "foot" was measured on a photo of
    three (they lay 0.16-0.24 of the largest shape's length away, 1.2-1.5 times as long as
    wide). A blotch of a mottled print that the reading broke off lies beside it (0.01); a
    row of toes joined by a stroke, or a strip beside the sheet, is long (4.3-4.9). Asked
    only once the feet are otherwise sound, so that a photo cut off or too faint is refused
    for that."""
    taken = np.zeros(shapes.labels.shape, dtype=bool)
    for foot in feet:
        taken |= foot.body | foot.extras
    left = [
        b
        for b in shapes.prints
        if b.area >= PART_SIZED * shapes.largest
        and b.aspect < PART_ROUND
        and b.plausible
        and not b.border
        and not taken[shapes.labels == b.label].any()
    ]
    if not left:
        return []
    away = ndi.distance_transform_edt(~taken)
    length = max(b.major for b in shapes.prints)
    return [b for b in left if away[shapes.labels == b.label].min() >= PART_APART * length]


def faint_prints(cover: np.ndarray, mask: np.ndarray, largest: int) -> list[Blob]:
    """The print-sized shapes (``PRINT_SIZED`` of the ``largest`` clear one or more) of an
    ink grid's faint cover that the clear prints (``mask``) hardly reach (under
    ``FAINT_REACHED`` of them), print-shaped and clear of the frame: a third print pressed
    so lightly that only its grid's faint lines printed, which no clear shape shows (fresh
    ink sheets 2706026 and 2806019, along a fold, and 3105096, off the sheet in a shadow:
    0.64-1.41 of the largest clear print, two feet measured). On the 913 cached photos, the
    largest such shape beside usable prints or on a real sheet was 0.06 of it."""
    labels, _ = ndi.label(cover, structure=EIGHT)
    found = []
    for b in blobs(labels, min_area=max(1, int(PRINT_SIZED * largest))):
        if b.border or not b.plausible:
            continue  # a textured table along the frame reads as grid too
        piece = labels == b.label
        if np.count_nonzero(mask & piece) < FAINT_REACHED * b.area:
            found.append(b)
    return found


def _beyond_front(point: np.ndarray, end: FootEnd) -> tuple[float, float]:
    """How far a point (x, y) lies ahead of a foot's centre, towards its front, and how far
    from the foot's nearest pixel, both as shares of its length."""
    ahead = float((point - end.centre) @ end.axis)
    gap = float(np.min(np.hypot(*(end.sample - point).T)))
    return ahead / end.length, gap / end.length


@dataclass(frozen=True)
class FootEnd:
    """Where a foot lies and which way it points: what toes are placed against."""

    centre: np.ndarray  # (x, y)
    axis: np.ndarray  # unit vector towards the wider (front) end
    length: float
    sample: np.ndarray  # (n, 2) sample of the body's pixels (x, y)


def _front_end(body: np.ndarray) -> FootEnd:
    """Centre, unit axis towards the wider end, length, and a sample of the body's pixels
    (x, y) of one foot."""
    rows, cols = np.nonzero(body)
    step = max(1, rows.size // 4000)  # a sample of the pixels is plenty
    points = np.column_stack((cols[::step], rows[::step])).astype(float)
    centre = points.mean(axis=0)
    values, vectors = np.linalg.eigh(np.cov((points - centre).T))
    axis = vectors[:, int(np.argmax(values))]
    u = (points - centre) @ axis
    v = (points - centre) @ np.array((-axis[1], axis[0]))
    length = float(np.ptp(u))
    front, back = u > u.max() - 0.25 * length, u < u.min() + 0.25 * length
    if np.ptp(v[front]) < np.ptp(v[back]):
        axis = -axis
    return FootEnd(centre, axis, length, points)
