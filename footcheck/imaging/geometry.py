"""One foot's geometry: toes, axis, side, thirds and width profile.

The axis runs from the centre of the heel to the tip of the second toe (Cavanagh & Rodgers).
Because photos come at any rotation, a first guess comes from the principal axis of the print,
oriented by where the toes and the wider forefoot are; the toes are then located, the second toe
picked next to the big toe, and the axis refined from heel centre to that toe's tip. When the
toes cannot be read, the principal axis is kept (and the quality says so).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image
from scipy import ndimage as ndi

from footcheck.indices import IndexSet, indices_from_profile

HEEL_SLAB = 0.15  # rear fraction of the print whose centroid marks the heel centre


@dataclass
class Frame:
    """Image coordinates (x = column, y = row) of a foot's axis frame."""

    origin: np.ndarray  # heel centre (x, y)
    axis: np.ndarray  # unit vector heel -> toes
    right: np.ndarray  # unit vector to the foot's right as seen on the photo

    @classmethod
    def from_axis(cls, origin: np.ndarray, axis: np.ndarray) -> Frame:
        axis = axis / np.linalg.norm(axis)
        return cls(origin, axis, np.array((-axis[1], axis[0])))

    def project(self, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        dx, dy = xs - self.origin[0], ys - self.origin[1]
        return dx * self.axis[0] + dy * self.axis[1], dx * self.right[0] + dy * self.right[1]

    def point(self, u: float, v: float) -> tuple[float, float]:
        p = self.origin + u * self.axis + v * self.right
        return float(p[0]), float(p[1])


@dataclass
class Toe:
    mask_index: int
    area: int
    u: float  # centroid along the axis
    v: float  # centroid across
    tip: tuple[float, float]  # (x, y) of its most forward pixel


@dataclass
class FootGeometry:
    frame: Frame
    indices: IndexSet
    u_start: float  # back of the heel (frame u)
    toe_tip: tuple[float, float] | None
    axis_method: str  # "second_toe" | "principal_axis"
    side: str | None
    side_strength: float  # 0..1
    toeless: np.ndarray  # bool crop mask of the print without toes
    toes: np.ndarray  # bool crop mask of the toes
    offset: tuple[int, int]  # (row, col) of the crop in the image
    v_extent: tuple[float, float]  # across-axis extent of the print, for drawing

    def segment_at(self, distance: float) -> tuple[tuple[float, float], tuple[float, float]]:
        """End points (x, y) of the contact across the print at ``distance`` from the heel."""
        u = self.u_start + distance
        rows, cols = np.nonzero(self.toeless)
        xs, ys = cols + self.offset[1], rows + self.offset[0]
        pu, pv = self.frame.project(xs.astype(float), ys.astype(float))
        near = np.abs(pu - u) <= 1.0
        if not near.any():
            return self.frame.point(u, 0.0), self.frame.point(u, 0.0)
        return self.frame.point(u, float(pv[near].min())), self.frame.point(
            u, float(pv[near].max())
        )


def _crop(mask: np.ndarray, pad: int) -> tuple[slice, slice]:
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    r0, r1 = max(0, rows[0] - pad), min(mask.shape[0], rows[-1] + pad + 1)
    c0, c1 = max(0, cols[0] - pad), min(mask.shape[1], cols[-1] + pad + 1)
    return slice(r0, r1), slice(c0, c1)


def _principal_axis(xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    centre = np.array((xs.mean(), ys.mean()))
    cov = np.cov(np.vstack((xs - centre[0], ys - centre[1])))
    values, vectors = np.linalg.eigh(cov)
    return centre, vectors[:, int(np.argmax(values))]


def _opening_residue(body: np.ndarray, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Parts of ``body`` narrower than a disc of ``radius`` (toes, thin bands, corners).

    Computed on a shrunken copy with distance transforms: a large-disc opening at full
    resolution would cost far more than the rest of the analysis. Returns the residue with a
    small tolerance (to ignore the copy's jagged edges) and the exact residue, used to give
    accepted toes back their full extent."""
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
    exact = ndi.binary_opening(body & ~(up > 0.5), iterations=1)
    return body & ~tolerance, exact


def measure_foot(body_full: np.ndarray, extras_full: np.ndarray) -> FootGeometry | None:
    """Measure one foot from its body mask and nearby small shapes (full-image masks)."""
    both = body_full | extras_full
    rs, cs = _crop(both, 3)
    body = body_full[rs, cs]
    extras = extras_full[rs, cs]
    r0, c0 = rs.start, cs.start

    rows, cols = np.nonzero(body)
    xs, ys = cols.astype(float) + c0, rows.astype(float) + r0
    centre, direction = _principal_axis(xs, ys)
    frame = Frame.from_axis(centre, direction)
    u, v = frame.project(xs, ys)
    length = float(u.max() - u.min())
    if length < 10:
        return None

    # Orient heel -> toes: the forefoot end is wider, and the toes lie beyond it.
    end = 0.25 * length
    front_width = np.ptp(v[u > u.max() - end]) if (u > u.max() - end).any() else 0.0
    back_width = np.ptp(v[u < u.min() + end]) if (u < u.min() + end).any() else 0.0
    vote = (front_width - back_width) / max(front_width, back_width, 1.0)
    er, ec = np.nonzero(extras)
    if er.size:
        eu, _ = frame.project(ec.astype(float) + c0, er.astype(float) + r0)
        toes_forward = float(np.mean(eu > u.max() - end) - np.mean(eu < u.min() + end))
        vote += 1.5 * toes_forward
    if vote < 0:
        frame = Frame.from_axis(centre, -direction)
        u, v = frame.project(xs, ys)

    # Toes attached to the ball stick out beyond it: narrower than a disc a sixth of the
    # forefoot wide. Keep only pieces that lie in front of the rest of the print.
    fore_width = float(np.ptp(v[u > u.max() - 0.3 * length]))
    residue, exact_residue = _opening_residue(body, 0.16 * fore_width)
    toes_mask = np.zeros_like(body)
    candidates = residue | extras
    labels, count = ndi.label(candidates, structure=np.ones((3, 3)))
    grown, grown_count = ndi.label(exact_residue)
    body_rest = body & ~residue
    br, bc = np.nonzero(body_rest)
    bu, bv = frame.project(bc.astype(float) + c0, br.astype(float) + r0)
    front_of = _front_profile(bu, bv)
    toes: list[Toe] = []
    if count:
        for index, piece in enumerate(ndi.find_objects(labels), start=1):
            pr, pc = np.nonzero(labels[piece] == index)
            pr = pr + piece[0].start
            pc = pc + piece[1].start
            pu, pv = frame.project(pc.astype(float) + c0, pr.astype(float) + r0)
            ahead = pu > front_of(pv) + 1.0
            attached = residue[pr, pc].any()
            min_area = 0.002 * body.sum() if attached else 0.0008 * body.sum()
            if ahead.mean() < 0.6 or pr.size < min_area or pu.mean() < u.min() + 0.6 * length:
                continue
            if attached:  # give the toe back the rim the tolerance shaved off
                keep = np.zeros(grown_count + 1, dtype=bool)
                keep[grown[pr, pc]] = True
                keep[0] = False
                if keep.any():
                    extra_r, extra_c = np.nonzero(keep[grown])
                    pr = np.concatenate([pr, extra_r])
                    pc = np.concatenate([pc, extra_c])
                    pu, pv = frame.project(pc.astype(float) + c0, pr.astype(float) + r0)
            toes_mask[pr, pc] = True
            tip = int(np.argmax(pu))
            toes.append(
                Toe(index, int(pr.size), float(pu.mean()), float(pv.mean()),
                    (float(pc[tip] + c0), float(pr[tip] + r0)))
            )  # fmt: skip
    toeless = body & ~toes_mask

    # Axis: heel centre to the tip of the second toe.
    tr, tc = np.nonzero(toeless)
    txs, tys = tc.astype(float) + c0, tr.astype(float) + r0
    second = _second_toe(toes)
    axis_method = "principal_axis"
    toe_tip = None
    for _ in range(3):
        tu, tv = frame.project(txs, tys)
        slab = tu < tu.min() + HEEL_SLAB * (tu.max() - tu.min())
        heel = np.array((txs[slab].mean(), tys[slab].mean()))
        if second is not None:
            toe_tip = second.tip
            vector = np.array(toe_tip) - heel
            if np.linalg.norm(vector) > 0.5 * length:
                frame = Frame.from_axis(heel, vector)
                axis_method = "second_toe"
                continue
        frame = Frame.from_axis(heel, frame.axis)
    tu, tv = frame.project(txs, tys)
    u_start = float(tu.min()) - 0.5
    bins = np.floor(tu - u_start).astype(int)
    widths = np.bincount(bins).astype(float)
    smooth = ndi.uniform_filter1d(widths, size=3, mode="nearest")
    indices = indices_from_profile(widths, 1.0, smooth)
    side, strength = _side(toes, second, tu, tv, indices.length)
    return FootGeometry(
        frame=frame,
        indices=indices,
        u_start=u_start,
        toe_tip=toe_tip if axis_method == "second_toe" else None,
        axis_method=axis_method,
        side=side,
        side_strength=strength,
        toeless=toeless,
        toes=toes_mask,
        offset=(r0, c0),
        v_extent=(float(tv.min()), float(tv.max())),
    )


def _front_profile(u: np.ndarray, v: np.ndarray):
    """A function giving, for across-positions v, the front-most u of the print there."""
    if u.size == 0:
        return lambda pv: np.full_like(pv, -np.inf)
    v0 = math.floor(v.min())
    bins = np.floor(v - v0).astype(int)
    front = np.full(bins.max() + 1, -np.inf)
    np.maximum.at(front, bins, u)

    def at(pv: np.ndarray) -> np.ndarray:
        idx = np.floor(pv - v0).astype(int)
        out = np.full(pv.shape, -np.inf)
        inside = (idx >= 0) & (idx < front.size)
        out[inside] = front[idx[inside]]
        return out

    return at


def _second_toe(toes: list[Toe]) -> Toe | None:
    """The toe next to the big toe; the big toe is the larger of the two outermost toes."""
    if len(toes) < 3:
        return None
    ordered = sorted(toes, key=lambda t: t.v)
    first, last = ordered[0], ordered[-1]
    if first.area >= 1.3 * last.area:
        return ordered[1]
    if last.area >= 1.3 * first.area:
        return ordered[-2]
    return None


def _side(toes, second, u, v, length) -> tuple[str | None, float]:
    """Left or right from the big toe's side and the arch's side (both point medially).

    On a print seen from above with the toes pointing up, a right foot has its big toe and
    its arch on the left."""
    votes = 0.0
    if second is not None and len(toes) >= 3:
        ordered = sorted(toes, key=lambda t: t.v)
        big = ordered[0] if ordered[1] is second else ordered[-1]
        votes += 1.0 if big.v < second.v else -1.0  # big toe on the left -> right foot
    votes += 0.8 * _arch_side(u, v, length)
    if abs(votes) < 0.25:
        return None, abs(votes)
    return ("right" if votes > 0 else "left"), min(1.0, abs(votes))


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
