"""One foot's geometry: toes, axis, side, thirds and width profile.

The axis runs from the centre of the heel to the tip of the second toe (Cavanagh & Rodgers;
docs/indices.md). Photos come at any rotation, so ``measure_foot`` goes in named steps:
1. ``first_axis``: the print's principal axis, pointed heel -> toes by the wider forefoot and
   by where the loose toe pads lie.
2. ``find_toes``: toes are the parts narrower than a sixth of the forefoot that stick out in
   front of the ball, plus loose pads in front of it.
3. ``refine_axis``: heel centre -> tip of the second toe (next to the big toe); without a
   readable second toe the principal axis stays (and the confidence says so).
4. ``profile_indices``: the contact width of the toe-less print across the axis, every pixel
   from heel to front, and the three indices from it.
5. ``side_vote``: which foot it is, from the big toe's and the arch's side.
After the faint contact is counted (``with_faint_contact``), ``without_narrow_front`` cuts a
toe still joined to the ball: a front that stays narrow for a tenth of the print's length.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image
from scipy import ndimage as ndi
from scipy.signal import find_peaks

from footcheck.imaging import morph
from footcheck.imaging.segment import fill_holes
from footcheck.indices import IndexSet, indices_from_profile

HEEL_SLAB = 0.15  # rear fraction of the print whose centroid marks the heel centre
# The toes' vote on the side, against the arch's (1): on the 17 real ink sheets the arch's
# inward curve named the side of 34 feet of 34, the big toe 16 of 23 (a smudged or merged
# toe on the outer side looks like the big toe). On generated prints both are always right.
TOE_SIDE_WEIGHT = 0.3
MAX_TURN = 12.0  # degrees: the heel-second toe line stays this close to the print's long axis
HEEL_TAIL = 0.2  # the back of the heel: the first slab at least this share of the heel's width
TOE_SPECK = 0.002  # of the print's area: smaller pieces in front of the ball are not toes
LOOSE_SPECK = 0.0008  # ... and for loose pads, clearly apart from the ball
TOE_SPLIT = 0.12  # toe tips in one piece are at least this share of the forefoot apart
TIP_PROMINENCE = 2.0  # pixels a tip stands out in front of the notch beside it
FAINT_GAP = 0.03  # of the print's area: enclosed gaps of a faint grid this small are contact
FAINT_RIM = 3  # pixels: faint contact counts this far beyond the clear print's convex hull
ARCH_SIDE_SURE = 0.5  # an arch side vote this clear says which outer toe is the big toe
TOE_BEHIND = 0.1  # of the print's length: a "big toe" this far behind its neighbour is no toe
TOE_BESIDE = 0.1  # of the forefoot's width: toes lie no further beside the ball than this
TOES_MOST = 0.5  # of the toe-less print: "toes" this large say the foot was read the wrong way
TOE_WIDTH = 0.16  # toes are narrower than a disc this share of the forefoot's width across
# A ball is at least half as wide as the print's widest within a tenth of the print's length
# of its front (real sheets: 0.05 at most): a longer narrow front is a toe still joined to it
# (a big toe printed on light contact) or a stroke in front of it. Beyond a quarter of the
# length the narrow part is more than a toe: the forefoot itself, printed narrow.
FRONT_NARROW, FRONT_REACH, FRONT_MOST = 0.5, 0.1, 0.25


@dataclass(frozen=True)
class Frame:
    """Image coordinates (x = column, y = row) of a foot's axis frame."""

    origin: np.ndarray  # heel centre (x, y)
    axis: np.ndarray  # unit vector heel -> toes
    right: np.ndarray  # unit vector to the foot's right as seen on the photo

    @classmethod
    def from_axis(cls, origin: np.ndarray, axis: np.ndarray) -> Frame:
        axis = axis / np.linalg.norm(axis)
        return cls(np.asarray(origin, float), axis, np.array((-axis[1], axis[0])))

    def project(self, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        dx, dy = xs - self.origin[0], ys - self.origin[1]
        return dx * self.axis[0] + dy * self.axis[1], dx * self.right[0] + dy * self.right[1]

    def point(self, u: float, v: float) -> tuple[float, float]:
        p = self.origin + u * self.axis + v * self.right
        return float(p[0]), float(p[1])

    def turned(self, degrees: float) -> Frame:
        """The same heel centre with the axis turned by ``degrees`` (for sensitivity checks)."""
        a = math.radians(degrees)
        c, s = math.cos(a), math.sin(a)
        x, y = self.axis
        return Frame.from_axis(self.origin, np.array((c * x - s * y, s * x + c * y)))


@dataclass(frozen=True)
class Toe:
    area: int
    u: float  # centroid along the axis
    v: float  # centroid across
    tip: tuple[float, float]  # (x, y) of its most forward pixel
    attached: bool  # part of the print's body (no gap to the ball)


@dataclass(frozen=True)
class FootGeometry:
    frame: Frame
    indices: IndexSet
    u_start: float  # back of the heel (frame u)
    toe_tip: tuple[float, float] | None
    axis_method: str  # "second_toe" | "principal_axis"
    side_vote: float  # > 0 right foot, < 0 left foot (seen from above, toes up); 0 unsure
    toes_found: int
    toes_attached: bool  # some toes had to be cut off the body (no gap to the ball)
    axis_turn: float  # degrees between the principal axis and the second-toe axis
    toeless: np.ndarray  # bool crop mask of the print without toes
    toes: np.ndarray  # bool crop mask of the toes
    offset: tuple[int, int]  # (row, col) of the crop in the image
    v_extent: tuple[float, float]  # across-axis extent of the print, for drawing
    faint_spread: float = 0.0  # how much the Arch Index moves with the faint contact's line
    # ... and with a narrow front cut off as a toe kept as ball (``without_narrow_front``)
    front_spread: float = 0.0
    # Pixels of ``toes`` that are toe roots cut off the ball's front (``find_toes``), not toe
    # pads: the tests of how large the toes are count the pads, as they were calibrated.
    toe_roots: int = 0
    # How much longer than its partner the print is, when its toes had to be cut off the
    # ball and the partner's stood apart (``analyze.matched_pair``): its toe cut may be off
    # by that much.
    longer_than_pair: float = 0.0

    @property
    def toe_pads(self) -> int:
        """Pixels of the toes themselves, their roots cut off the ball's front left out."""
        return int(np.count_nonzero(self.toes)) - self.toe_roots

    @property
    def toe_share(self) -> float:
        """The toe pads against the rest of the print (the toe-less print and the toes'
        roots): what the tests of how large the toes are were calibrated on."""
        return self.toe_pads / max(int(np.count_nonzero(self.toeless)) + self.toe_roots, 1)

    def points(self) -> tuple[np.ndarray, np.ndarray]:
        """Image (x, y) of every toe-less print pixel."""
        rows, cols = np.nonzero(self.toeless)
        return cols.astype(float) + self.offset[1], rows.astype(float) + self.offset[0]

    def from_back(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Image x and y of every toe-less pixel, and how far along the axis from the back
        of the heel it lies."""
        x, y = self.points()
        return x, y, self.frame.project(x, y)[0] - self.u_start

    def back_gap(self, shape: tuple[int, int]) -> float:
        """How far the back of the toe-less print (its first 2 pixels along the axis) lies
        from the edge of a photo of ``shape`` (rows, columns); infinite if it has none."""
        x, y, depth = self.from_back()
        ends = depth < 2
        h, w = shape
        gap = np.minimum.reduce([x[ends], y[ends], w - 1 - x[ends], h - 1 - y[ends]])
        return float(gap.min()) if gap.size else float("inf")

    def segment_at(self, distance: float) -> tuple[tuple[float, float], tuple[float, float]]:
        """End points (x, y) of the contact across the print at ``distance`` from the heel."""
        u = self.u_start + distance
        pu, pv = self.frame.project(*self.points())
        near = np.abs(pu - u) <= 1.0
        if not near.any():
            return self.frame.point(u, 0.0), self.frame.point(u, 0.0)
        return self.frame.point(u, float(pv[near].min())), self.frame.point(
            u, float(pv[near].max())
        )


def measure_foot(body_full: np.ndarray, extras_full: np.ndarray) -> FootGeometry | None:
    """Measure one foot from its body mask and nearby small shapes (full-image masks).

    Toes are never half as large as the toe-less print (the real sheets: at most 0.21 of
    it): a foot whose "toes" are is measured the other way round too, and that reading kept
    when it finds toes, smaller ones. A box of text joined to a real heel made that end the
    wider, and the heel and midfoot were cut off as "toes" (0.150 for 0.252). A forefoot the
    photo cut has large "toes" too, but none at its other end (its heel): it stays as read,
    and is refused for its toes, not its heel."""
    rs, cs = _crop(body_full | extras_full, 3)
    body, extras = body_full[rs, cs], extras_full[rs, cs]
    offset = (rs.start, cs.start)
    frame = first_axis(body, extras, offset)
    if frame is None:
        return None
    first = _measure_along(body, extras, offset, frame)
    if first is None or first.toe_share <= TOES_MOST:
        return first
    turned = _measure_along(body, extras, offset, Frame.from_axis(frame.origin, -frame.axis))
    if turned is None or turned.toes_found == 0 or turned.toe_pads >= first.toe_pads:
        return first
    return turned


def _measure_along(
    body: np.ndarray, extras: np.ndarray, offset: tuple[int, int], frame: Frame
) -> FootGeometry | None:
    """The foot measured with ``frame`` as its first axis (heel to toes)."""
    principal = frame
    toes_mask, toes, roots = find_toes(body, extras, offset, frame)
    toes_mask |= roots
    toeless = trim_heel_tail(body & ~toes_mask, offset, frame)
    if not toeless.any():
        return None
    frame, pair = refine_axis(toeless, offset, frame, toes)
    second = pair[1] if pair is not None else None
    toeless = trim_heel_tail(toeless, offset, frame)
    xs, ys = _points(toeless, offset)
    u, v = frame.project(xs, ys)
    u_start = float(u.min()) - 0.5
    indices = profile_indices(u - u_start)
    turn = math.degrees(math.acos(float(np.clip(principal.axis @ frame.axis, -1.0, 1.0))))
    return FootGeometry(
        frame=frame,
        indices=indices,
        u_start=u_start,
        toe_tip=second.tip if second is not None else None,
        axis_method="second_toe" if second is not None else "principal_axis",
        side_vote=side_vote(pair, u, v, indices.length),
        toes_found=len(toes),
        toes_attached=any(t.attached for t in toes),
        axis_turn=turn,
        toeless=toeless,
        toes=toes_mask,
        offset=offset,
        toe_roots=int(np.count_nonzero(roots)),
        v_extent=(float(v.min()), float(v.max())),
    )


# -- 1. first axis ----------------------------------------------------------------------------
def first_axis(body: np.ndarray, extras: np.ndarray, offset: tuple[int, int]) -> Frame | None:
    """The principal axis through the print, pointing from heel to toes."""
    xs, ys = _points(body, offset)
    centre = np.array((xs.mean(), ys.mean()))
    cov = np.cov(np.vstack((xs - centre[0], ys - centre[1])))
    values, vectors = np.linalg.eigh(cov)
    direction = vectors[:, int(np.argmax(values))]
    frame = Frame.from_axis(centre, direction)
    u, v = frame.project(xs, ys)
    length = float(u.max() - u.min())
    if length < 10:
        return None
    # The forefoot end is wider, and the toes lie beyond it.
    end = 0.25 * length
    front, back = u > u.max() - end, u < u.min() + end
    front_width = np.ptp(v[front]) if front.any() else 0.0
    back_width = np.ptp(v[back]) if back.any() else 0.0
    vote = (front_width - back_width) / max(front_width, back_width, 1.0)
    if extras.any():
        eu, _ = frame.project(*_points(extras, offset))
        vote += 1.5 * float(np.mean(eu > u.max() - end) - np.mean(eu < u.min() + end))
    return frame if vote >= 0 else Frame.from_axis(centre, -direction)


# -- 2. toes ----------------------------------------------------------------------------------
def find_toes(
    body: np.ndarray, extras: np.ndarray, offset: tuple[int, int], frame: Frame
) -> tuple[np.ndarray, list[Toe], np.ndarray]:
    """The toes' mask, each toe's size, position and tip, and the toes' roots.

    Toes attached to the ball stick out beyond it: they are narrower than a disc a sixth of the
    forefoot wide. Of those narrow parts (and of the loose pads), only what lies in front of
    the ball's front edge -- a smooth curve, bridging the notch a toe's root leaves -- is toe;
    the rest stays with the ball. The roots are what else lies in front of the ball between
    the toes (``_toe_roots``)."""
    xs, ys = _points(body, offset)
    u, v = frame.project(xs, ys)
    length = float(np.ptp(u))
    fore_width = float(np.ptp(v[u > u.max() - 0.3 * length]))
    residue, exact_residue, opened = _opening_residue(body, TOE_WIDTH * fore_width)
    ball_front = _ball_front(*frame.project(*_points(body & ~residue, offset)), fore_width)
    labels, _ = ndi.label(residue | extras, structure=np.ones((3, 3)))
    grown, grown_count = ndi.label(exact_residue)
    toes_mask = np.zeros_like(body)
    pads = np.zeros_like(body)  # the toes joined to the ball, specks left out
    toes: list[Toe] = []
    for index, piece in enumerate(ndi.find_objects(labels), start=1):
        if piece is None:
            continue
        pr, pc = np.nonzero(labels[piece] == index)
        pr, pc = pr + piece[0].start, pc + piece[1].start
        attached = bool(residue[pr, pc].any())
        if attached:  # give the toe back the rim the tolerance shaved off
            keep = np.zeros(grown_count + 1, dtype=bool)
            keep[grown[pr, pc]] = True
            keep[0] = False
            if keep.any():  # each pixel once: the piece lies inside what it grows to
                extra_r, extra_c = np.nonzero(keep[grown])
                width = body.shape[1]
                flat = np.union1d(pr * width + pc, extra_r * width + extra_c)
                pr, pc = np.divmod(flat, width)
        pu, pv = frame.project(pc + float(offset[1]), pr + float(offset[0]))
        ahead = pu > ball_front(pv) + 1.0
        if not ahead.any() or pu[ahead].mean() < u.min() + 0.6 * length:
            continue  # a narrow part beside the print (a corner, a stroke), not in front
        if toes_mask[pr[ahead], pc[ahead]].all():
            continue  # a toe already found, grown to from another of its pieces
        pr, pc, pu, pv = pr[ahead], pc[ahead], pu[ahead], pv[ahead]
        toes_mask[pr, pc] = True  # whatever sticks out in front of the ball is not ball
        if pr.size < (TOE_SPECK if attached else LOOSE_SPECK) * body.sum():
            continue  # but a speck is too small to count as a toe
        pads[pr, pc] = attached
        # Toes that printed touching each other make one piece: split it at its tips.
        for part in _split_at_tips(pu, pv, TOE_SPLIT * fore_width):
            tip = part[int(np.argmax(pu[part]))]
            toes.append(
                Toe(
                    area=int(part.size),
                    u=float(pu[part].mean()),
                    v=float(pv[part].mean()),
                    tip=(float(pc[tip] + offset[1]), float(pr[tip] + offset[0])),
                    attached=attached,
                )
            )
    roots = _toe_roots(body & ~toes_mask, opened, pads, toes, offset, frame, fore_width)
    return toes_mask, toes, roots


def _toe_roots(
    rest: np.ndarray,
    ball: np.ndarray,
    pads: np.ndarray,
    toes: list[Toe],
    offset: tuple[int, int],
    frame: Frame,
    fore_width: float,
) -> np.ndarray:
    """The parts of ``rest`` (the print without its toes) that lie in front of the ``ball``
    (the print opened by the toe test's disc), between the outermost toe tips, and touch one
    of the toe ``pads`` joined to the ball.

    The toe pads are cut a pixel or two in front of the ball (a tolerance for the coarse
    opening), and toes printed touching the ball and each other leave their roots joined:
    left with the ball, they lengthened the toe-less print by 2-3 % and raised the Arch Index
    (generated feet whose toes touch the ball: +0.005 to +0.010 on average, against -0.003 to
    +0.002 for toes apart). Only between the tips: beside the ball a sliver of its own edge
    lies in front of the opened shape too. Only what touches a toe joined to the ball (not a
    speck): the opened shape ends a pixel or so short of the ball's own front, which is no
    toe's root (taken, it shortened prints whose toes stand apart by 1 %)."""
    roots = np.zeros_like(rest)
    if not toes or not ball.any():
        return roots
    xs, ys = _points(rest, offset)
    u, v = frame.project(xs, ys)
    _, tips = frame.project(*np.array([t.tip for t in toes], dtype=float).T)
    front = _ball_front(*frame.project(*_points(ball, offset)), fore_width)
    beyond = (u > front(v)) & (v >= tips.min()) & (v <= tips.max())
    roots[ys[beyond].astype(int) - offset[0], xs[beyond].astype(int) - offset[1]] = True
    labels, _ = ndi.label(roots, structure=np.ones((3, 3)))
    touching = np.unique(labels[morph.dilate(pads, 1) & roots])
    return np.isin(labels, touching[touching > 0])


def _split_at_tips(u: np.ndarray, v: np.ndarray, spacing: float) -> list[np.ndarray]:
    """Indices of a toe piece's pixels, one group per toe tip: the tips are the peaks of the
    piece's front edge at least ``spacing`` apart across the foot; each pixel goes to the
    nearest tip across."""
    v0 = math.floor(v.min())
    bins = np.floor(v - v0).astype(int)
    front = np.full(bins.max() + 1, -np.inf)
    np.maximum.at(front, bins, u)
    filled = np.where(np.isfinite(front), front, np.nanmin(front[np.isfinite(front)]))
    peaks, _ = find_peaks(
        np.pad(ndi.uniform_filter1d(filled, 3), 1, constant_values=filled.min() - 10),
        distance=max(1.0, spacing),
        prominence=TIP_PROMINENCE,
    )
    peaks = peaks - 1
    if peaks.size <= 1:
        return [np.arange(u.size)]
    nearest = np.argmin(np.abs(bins[:, None] - peaks[None, :]), axis=1)
    return [np.flatnonzero(nearest == k) for k in range(peaks.size)]


def _ball_front(
    u: np.ndarray, v: np.ndarray, fore_width: float
) -> Callable[[np.ndarray], np.ndarray]:
    """A function giving, for across-positions v, the front edge of the ball there: the
    front-most u of the print, smoothed by a closing a quarter of the forefoot wide so that a
    toe's root does not dig a notch into it."""
    if u.size == 0:
        return lambda pv: np.full_like(pv, -np.inf)
    v0 = math.floor(v.min())
    bins = np.floor(v - v0).astype(int)
    front = np.full(bins.max() + 1, -np.inf)
    np.maximum.at(front, bins, u)
    found = np.isfinite(front)
    filled = np.interp(np.arange(front.size), np.flatnonzero(found), front[found])
    size = max(3, int(0.25 * fore_width) | 1)
    closed = ndi.minimum_filter1d(ndi.maximum_filter1d(filled, size, mode="nearest"), size,
                                  mode="nearest")  # fmt: skip

    margin = TOE_BESIDE * fore_width

    def at(pv: np.ndarray) -> np.ndarray:
        idx = np.floor(pv - v0).astype(int)
        # Beside the ball a toe may stick out a little; further out (a fold, the next panel's
        # line) nothing is in front of the ball, so nothing there is a toe.
        out = np.full(pv.shape, np.inf)
        near = (idx >= -margin) & (idx < closed.size + margin)
        out[near] = closed[np.clip(idx[near], 0, closed.size - 1)]
        return out

    return at


def big_and_second_toe(
    toes: list[Toe], arch_side: float = 0.0, length: float = 0.0
) -> tuple[Toe, Toe] | None:
    """The big toe and the toe next to it. The big toe is the outermost toe on the arch's
    side when the arch clearly shows that side (``arch_side``, ``_arch_side``: on the 17 real
    sheets it named the side of every foot; a faint big toe printed smaller than the little
    toe, or a stroke beside the little toe, made the wrong outer toe the "big" one and ran
    the axis to the third toe); a piece lying far behind the toe next to it (more than
    ``TOE_BEHIND`` of the print's ``length``) is the ball's corner, not the big toe. Without a
    clear arch, the big toe is the clearly larger of the two outermost toes. Specks (much
    smaller than the largest toe) are not toes for this purpose."""
    largest = max((t.area for t in toes), default=0)
    main = sorted((t for t in toes if t.area >= 0.12 * largest), key=lambda t: t.v)
    if abs(arch_side) >= ARCH_SIDE_SURE:
        inward = main if arch_side > 0 else main[::-1]  # a right foot's arch is on the left
        while len(inward) >= 3 and inward[0].u < inward[1].u - TOE_BEHIND * length:
            inward = inward[1:]
        return (inward[0], inward[1]) if len(inward) >= 3 else None
    if len(main) < 3:
        return None
    first, last = main[0], main[-1]
    if first.area >= 1.3 * last.area:
        return first, main[1]
    if last.area >= 1.3 * first.area:
        return last, main[-2]
    return None


def _opening_residue(body: np.ndarray, radius: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parts of ``body`` narrower than a disc of ``radius`` (toes, thin bands, corners).

    Computed on a shrunken copy with distance transforms: a large-disc opening at full
    resolution would cost far more than the rest of the analysis. Returns the residue with a
    small tolerance (to ignore the copy's jagged edges), the exact residue, used to give
    accepted toes back their full extent, and the opened shape itself."""
    factor = max(1, int(radius / 4))
    h, w = body.shape
    if factor > 1:
        ph, pw = (-h) % factor, (-w) % factor
        padded = np.pad(body, ((0, ph), (0, pw))).astype(np.float32)
        small = padded.reshape(padded.shape[0] // factor, factor, -1, factor).mean(axis=(1, 3))
        small = small > 0.5
    else:
        small = body
    r = radius / factor
    eroded = ndi.distance_transform_edt(np.pad(small, 1)) > r
    opened = (ndi.distance_transform_edt(~eroded) <= r)[1:-1, 1:-1].astype(np.float32)
    if factor > 1:
        size = (opened.shape[1] * factor, opened.shape[0] * factor)
        up = np.asarray(Image.fromarray(opened, "F").resize(size, Image.Resampling.BILINEAR))
        up = up[:h, :w]
    else:
        up = opened
    tolerance = up > 0.05  # about one coarse pixel beyond the opened shape
    opened = body & (up > 0.5)
    exact = ndi.binary_opening(body & ~opened, iterations=1)
    return body & ~tolerance, exact, opened


# -- 3. axis ----------------------------------------------------------------------------------
def refine_axis(
    toeless: np.ndarray, offset: tuple[int, int], frame: Frame, toes: list[Toe]
) -> tuple[Frame, tuple[Toe, Toe] | None]:
    """Heel centre -> second toe tip, iterated because the heel slab depends on the axis.

    Without a second toe, or when the line to it leaves the toe-less print's own long axis by
    more than a foot's axes ever differ (a stroke or a merged toe picked by mistake), the
    print's long axis through the heel centre is kept."""
    xs, ys = _points(toeless, offset)
    long_axis = _principal(xs, ys, frame.axis)
    u, v = frame.project(xs, ys)
    length = float(np.ptp(u))
    pair = big_and_second_toe(toes, _arch_side(u, v, length), length)
    second = pair[1] if pair is not None else None
    used = None
    frame = Frame.from_axis(frame.origin, long_axis)
    for _ in range(3):
        u, _v = frame.project(xs, ys)
        slab = u < u.min() + HEEL_SLAB * (u.max() - u.min())
        heel = np.array((xs[slab].mean(), ys[slab].mean()))
        if second is not None:
            vector = np.array(second.tip) - heel
            agree = float(vector @ long_axis) / max(float(np.linalg.norm(vector)), 1e-9)
            if np.linalg.norm(vector) > 0.5 * length and agree > math.cos(math.radians(MAX_TURN)):
                frame = Frame.from_axis(heel, vector)
                used = pair
                continue
        frame = Frame.from_axis(heel, long_axis)
        used = None
    return frame, used


def _principal(xs: np.ndarray, ys: np.ndarray, towards: np.ndarray) -> np.ndarray:
    """The long axis of a set of points, pointing the same way as ``towards``."""
    centre = np.array((xs.mean(), ys.mean()))
    values, vectors = np.linalg.eigh(np.cov(np.vstack((xs - centre[0], ys - centre[1]))))
    axis = vectors[:, int(np.argmax(values))]
    return axis if float(axis @ towards) >= 0 else -axis


def trim_heel_tail(toeless: np.ndarray, offset: tuple[int, int], frame: Frame) -> np.ndarray:
    """Drop a thin tail behind the heel: a registration stroke or a smear joined to the heel by
    a narrow neck would otherwise move the back of the heel, and every third with it. Going back
    from the middle of the heel, the heel ends where the print becomes narrower than a fifth
    of its width so far. The middle of the heel is its widest slab in the rear 0.35 of the
    print: where a high arch left a gap (the heel printed apart from the ball) the slab at
    0.35 itself can lie in front of that gap, and the gap was taken for the neck (a heel
    cut away, the ball measured as the whole print: AI 0.18 for 0.24)."""
    xs, ys = _points(toeless, offset)
    u, _ = frame.project(xs, ys)
    bins = np.floor(u - u.min()).astype(int)
    widths = np.bincount(bins)
    start = 0
    widest = 0
    heel_middle = int(np.argmax(widths[: int(0.35 * widths.size) + 1]))
    for index in range(heel_middle, -1, -1):  # from mid-heel backwards
        widest = max(widest, int(widths[index]))
        if widths[index] < HEEL_TAIL * widest:
            start = index + 1  # just after the first narrow neck behind the heel
            break
    if start == 0:
        return toeless
    rows, cols = np.nonzero(toeless)
    trimmed = toeless.copy()
    trimmed[rows[bins < start], cols[bins < start]] = False
    return trimmed


# -- 4. indices -------------------------------------------------------------------------------
def slab_widths(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The contact width in each 1-px slab along the axis, from the along-axis positions
    (from the back of the heel) of every toe-less pixel: the pixel count per slab (its
    area), and lightly smoothed (the widths the indices read)."""
    widths = np.bincount(np.floor(u).astype(int)).astype(float)
    return widths, ndi.uniform_filter1d(widths, size=3, mode="nearest")


def profile_indices(u: np.ndarray) -> IndexSet:
    """Indices from the along-axis positions (from the back of the heel) of every toe-less
    pixel (``slab_widths``)."""
    widths, smooth = slab_widths(u)
    return indices_from_profile(widths, 1.0, smooth)


def with_faint_contact(
    g: FootGeometry, covers: tuple[np.ndarray, ...], period: int
) -> FootGeometry:
    """The foot measured again with the faint contact beside its toe-less print counted as
    print. ``covers``: whole-photo masks of where an ink grid printed, however faintly, found
    with the usual line and a looser one (``segment.grid_covers``); the change of the Arch
    Index the looser line makes is ``faint_spread``. ``period``: the grid's, in pixels.

    The toes, the axis and the length stay as measured from the clear print: only the area
    between the back of the heel and the front of the ball gains the light contact beside
    it (the lateral midfoot band most of all), which is what the Arch Index is made of. Only
    contact within the print's own outline (its convex hull, and a grid cell beyond it)
    counts: a panel line or a registration stroke the faint grid touches is no part of the
    foot.

    Where only one direction of lines printed (the light contact at a print's rim), a
    slanting edge is a staircase of line ends, a cell high: the rows of lines are closed
    across only where two of them overlap, and each step left out a triangle of contact.
    The outline runs through the line ends, as one would draw it: a closing a cell wide
    fills the steps of the faint contact (not of the clear print, which on a real sheet
    turned 12 degrees is joined to a band along the photo's edge: closing that too moved
    its Arch Index by 0.02). On 240 generated ink sheets whose rim printed one direction
    only, the midfoot's area read 6.4 % small and the Arch Index 0.0044 low on average;
    5.9 % and 0.0041 with the steps filled. Most of what is left is the thin tips of a heel
    and ball printed apart, narrower than a cell, where no line printed long enough."""
    pad = FAINT_RIM + 1
    h, w = covers[0].shape
    r0, c0 = max(0, g.offset[0] - pad), max(0, g.offset[1] - pad)
    r1 = min(h, g.offset[0] + g.toeless.shape[0] + pad)
    c1 = min(w, g.offset[1] + g.toeless.shape[1] + pad)
    shape = (r1 - r0, c1 - c0)
    toeless, toes = (_placed(part, g.offset, (r0, c0), shape) for part in (g.toeless, g.toes))
    outline = morph.dilate(morph.convex_hull(toeless), FAINT_RIM) & ~morph.dilate(toes, 2)
    usual, loose = (
        _joined_contact(g, cover[r0:r1, c0:c1] & outline, toeless, toes, (r0, c0), period)
        for cover in covers
    )
    spread = abs(loose.indices.arch_index - usual.indices.arch_index)
    return replace(usual, faint_spread=spread)


def without_narrow_front(g: FootGeometry) -> FootGeometry:
    """``g`` without the front of its toe-less print when that front stays narrower than
    half the print's widest for more than ``FRONT_REACH`` of its length (but at most
    ``FRONT_MOST``): a toe that printed joined to the ball by light contact, too wide for
    ``find_toes`` to tell from it (a big toe: "flat, 0.28" for about 0.20 on a real sheet),
    or a stroke or a piece of a header bar the print touches. The cut lies where the width
    first reaches half the widest, as at the front of a ball; the part cut off joins the
    toes, and how far the index moved is ``front_spread`` (that part may still be ball).
    Judged after the faint contact is counted: a ball printed faintly is not narrow."""
    rows, cols = np.nonzero(g.toeless)
    u, _ = g.frame.project(cols + float(g.offset[1]), rows + float(g.offset[0]))
    bins = np.floor(u - g.u_start).astype(int)
    widths = ndi.uniform_filter1d(np.bincount(bins).astype(float), 3)
    wide = int(np.flatnonzero(widths >= FRONT_NARROW * widths.max())[-1])
    reach = (widths.size - 1 - wide) / widths.size
    if not FRONT_REACH < reach <= FRONT_MOST:
        return g
    return cut_to_length(g, float(wide + 1))


def cut_to_length(g: FootGeometry, length: float) -> FootGeometry:
    """``g`` with every toe-less pixel further than ``length`` from the back of the heel moved
    to the toes; how far the Arch Index moved is ``front_spread`` (that part may be ball).
    Used for a narrow front (above) and where the other foot of the pair shows how long this
    print can be (``analyze.matched_pair``)."""
    rows, cols = np.nonzero(g.toeless)
    u, _ = g.frame.project(cols + float(g.offset[1]), rows + float(g.offset[0]))
    ahead = np.floor(u - g.u_start) >= length
    toeless, toes = g.toeless.copy(), g.toes.copy()
    toeless[rows[ahead], cols[ahead]] = False
    toes[rows[ahead], cols[ahead]] = True
    indices = profile_indices(u[~ahead] - g.u_start)
    return replace(
        g,
        indices=indices,
        toeless=toeless,
        toes=toes,
        toes_attached=True,
        front_spread=max(g.front_spread, abs(g.indices.arch_index - indices.arch_index)),
    )


def _placed(
    crop: np.ndarray, at: tuple[int, int], origin: tuple[int, int], shape: tuple[int, int]
) -> np.ndarray:
    """A crop mask whose corner lies at ``at`` (image rows, columns) placed in a window of
    ``shape`` whose corner lies at ``origin``."""
    out = np.zeros(shape, dtype=bool)
    r, c = at[0] - origin[0], at[1] - origin[1]
    out[r : r + crop.shape[0], c : c + crop.shape[1]] = crop
    return out


def _joined_contact(
    g: FootGeometry,
    faint: np.ndarray,
    toeless: np.ndarray,
    toes: np.ndarray,
    origin: tuple[int, int],
    period: int,
) -> FootGeometry:
    """``g`` with the ``faint`` contact joined to its toe-less print (masks of a window whose
    corner lies at ``origin``), between the back of the heel and the front of the ball, its
    steps of line ends filled by a closing ``period - 1`` wide."""
    labels, _ = ndi.label(faint | toeless)
    joined = np.isin(labels, np.unique(labels[toeless]))
    joined |= _closed_apart(joined & ~toeless, max(1, period - 1))
    joined = fill_holes(joined, int(FAINT_GAP * np.count_nonzero(toeless)))
    xs, ys = _points(joined, origin)
    u, v = g.frame.project(xs, ys)
    inside = (u >= g.u_start + 0.5) & (u <= g.u_start + g.indices.length)
    if np.count_nonzero(inside) <= np.count_nonzero(g.toeless):
        return g
    merged = np.zeros_like(toeless)
    merged[ys[inside].astype(int) - origin[0], xs[inside].astype(int) - origin[1]] = True
    rs, cs = _crop(merged | toes, 3)
    return replace(
        g,
        indices=profile_indices(u[inside] - g.u_start),
        toeless=merged[rs, cs],
        toes=toes[rs, cs],
        offset=(rs.start + origin[0], cs.start + origin[1]),
        v_extent=(float(v[inside].min()), float(v[inside].max())),
    )


# -- 5. side ----------------------------------------------------------------------------------
def side_vote(pair: tuple[Toe, Toe] | None, u: np.ndarray, v: np.ndarray, length: float) -> float:
    """> 0 for a right foot, < 0 for a left one, seen from above with the toes up: a right
    foot has its arch and its big toe on the left. ``pair``: the big toe and the second."""
    votes = _arch_side(u, v, length)
    if pair is not None:
        big, second = pair
        votes += TOE_SIDE_WEIGHT if big.v < second.v else -TOE_SIDE_WEIGHT  # big toe on the left
    return votes


def _arch_side(u: np.ndarray, v: np.ndarray, length: float) -> float:
    """+1 when the inward curve of the midfoot is on the left edge, -1 on the right, ~0 flat."""
    start = u.min()
    bins = np.floor((u - start) / max(length / 40, 1.0)).astype(int)
    n = bins.max() + 1
    lo = np.full(n, np.inf)
    hi = np.full(n, -np.inf)
    np.minimum.at(lo, bins, v)
    np.maximum.at(hi, bins, v)
    pos = (np.arange(n) + 0.5) / n
    ok = np.isfinite(lo)
    mid = ok & (pos > 0.3) & (pos < 0.7)
    rear = ok & (pos > 0.15) & (pos < 0.3)
    fore = ok & (pos > 0.7) & (pos < 0.85)
    if not (mid.any() and rear.any() and fore.any()):
        return 0.0
    # How far each edge comes inward in the midfoot, compared with heel and ball.
    left_in = lo[mid].max() - max(lo[rear].min(), lo[fore].min())
    right_in = min(hi[rear].max(), hi[fore].max()) - hi[mid].min()
    width = np.nanmax(hi[ok] - lo[ok])
    score = (left_in - right_in) / max(width, 1.0)
    return float(np.clip(score * 3.0, -1.0, 1.0))


# -- helpers ----------------------------------------------------------------------------------
def _closed_apart(mask: np.ndarray, radius: int) -> np.ndarray:
    """A closing in which beyond the window is empty (``morph`` counts the nearest pixel
    inside there): contact a few pixels from the photo's edge must not grow to it, or the
    print reads as cut off."""
    padded = np.pad(mask, radius + 1)
    return morph.closing(padded, radius)[radius + 1 : -radius - 1, radius + 1 : -radius - 1]


def _crop(mask: np.ndarray, pad: int) -> tuple[slice, slice]:
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    r0, r1 = max(0, rows[0] - pad), min(mask.shape[0], rows[-1] + pad + 1)
    c0, c1 = max(0, cols[0] - pad), min(mask.shape[1], cols[-1] + pad + 1)
    return slice(r0, r1), slice(c0, c1)


def _points(mask: np.ndarray, offset: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    rows, cols = np.nonzero(mask)
    return cols.astype(float) + offset[1], rows.astype(float) + offset[0]
