"""Synthetic footprints with exactly known geometry.

Why: no public footprint photo set with measured indices exists, so the analyser is tuned and
tested on prints drawn from a parametric foot whose toe-less outline is known analytically. The
true Arch Index, Chippaux-Smirak and Staheli values come from that outline (through the same
``indices_from_profile`` definition), not from any image. The app also uses these drawings as
its reference pictures of high, normal and flat prints.

Canonical frame of a foot (millimetres): +y runs along the foot axis from the back of the heel
(y = 0) towards the toes; the heel centre is (0, R) and the tip of the second toe lies on x = 0.
A right foot has its big toe (medial side) at -x; a left foot is its mirror image.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field, replace

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from scipy import ndimage as ndi

from footcheck.indices import IndexSet, classify_arch, indices_from_profile

# Toe pads, medial to lateral: centre x and width as fractions of forefoot width; pad length
# (along the foot) as a fraction of forefoot width; extra distance from the ball (fraction of gap).
_TOES = (
    (-0.245, 0.28, 0.24, 0.00),
    (0.000, 0.15, 0.17, 0.00),
    (0.170, 0.135, 0.15, 0.15),
    (0.320, 0.125, 0.14, 0.30),
    (0.455, 0.11, 0.12, 0.45),
)


@dataclass(frozen=True)
class FootShape:
    """A parametric foot print. Lengths in millimetres."""

    body_length: float = 200.0  # toe-less length, heel back to the front of the ball
    heel_width: float = 62.0
    forefoot_width: float = 96.0
    arch: float = 0.5  # 0 = fully flat ... 1 = no contact at the deepest point ... 1.6 = wide gap
    arch_shape: float = 1.0  # exponent of the arch curve (< 1 flatter-topped, wider gap)
    arch_centre: float = 0.5  # deepest point of the arch, fraction of body length
    ball_level: float = 0.80  # where the rounded front of the ball begins (fraction)
    medial_share: float = 0.40  # forefoot width on the big-toe side of the axis (fraction)
    cap_apex: float = -0.05  # x of the front-most point of the ball (fraction of forefoot width)
    toe_gap: float = 6.0  # distance from the ball to the toe pads; <= 0 means touching
    toe_spread: float = 1.0  # > 1 spreads the toes, < 1 squeezes them together
    toe_scale: float = 1.0
    side: str = "right"

    # -- outline -------------------------------------------------------------------------------
    @property
    def heel_radius(self) -> float:
        return self.heel_width / 2.0

    def _edges(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Lateral edge, full medial edge (no arch) and medial contact edge at each y."""
        y = np.asarray(y, dtype=float)
        lb, r, wf = self.body_length, self.heel_radius, self.forefoot_width
        yb = self.ball_level * lb
        lat_ball = (1.0 - self.medial_share) * wf
        med_ball = -self.medial_share * wf
        apex = self.cap_apex * wf
        lat = np.zeros_like(y)
        med = np.zeros_like(y)
        heel = y < r
        half = np.sqrt(np.clip(r * r - (y - r) ** 2, 0, None))
        lat[heel], med[heel] = half[heel], -half[heel]
        mid = (y >= r) & (y < yb)
        tau = (y[mid] - r) / (yb - r)
        s = tau * tau * (3 - 2 * tau)  # smoothstep: straight heel sides, flaring to the ball
        lat[mid] = r + (lat_ball - r) * s
        med[mid] = -r + (med_ball + r) * s
        cap = (y >= yb) & (y <= lb)
        q = np.sqrt(np.clip(1.0 - ((y[cap] - yb) / (lb - yb)) ** 2, 0, None))
        lat[cap] = apex + (lat_ball - apex) * q
        med[cap] = apex + (med_ball - apex) * q
        # The arch lifts the medial side off the paper.
        t = y / lb
        t0, t1 = self.arch_centre - 0.28, self.arch_centre + 0.28
        inside = (t > t0) & (t < t1)
        bump = np.zeros_like(y)
        bump[inside] = (0.5 * (1 - np.cos(2 * np.pi * (t[inside] - t0) / (t1 - t0)))) ** (
            self.arch_shape
        )
        contact_med = np.minimum(med + self.arch * bump * (lat - med), lat)
        outside = (y < 0) | (y > lb)
        for arr in (lat, med, contact_med):
            arr[outside] = 0.0
        return lat, med, contact_med

    def width_profile(self, step: float = 0.005) -> np.ndarray:
        y = (np.arange(round(self.body_length / step)) + 0.5) * step
        lat, _, med = self._edges(y)
        return np.clip(lat - med, 0.0, None)

    def truth(self, step: float = 0.005) -> IndexSet:
        """The exact indices of the toe-less outline (slabs of 5 micrometres by default)."""
        return indices_from_profile(self.width_profile(step), step)

    def front_y(self, x: float) -> float:
        """y of the front edge of the ball at lateral position x."""
        lb, wf = self.body_length, self.forefoot_width
        yb = self.ball_level * lb
        apex = self.cap_apex * wf
        end = (1.0 - self.medial_share) * wf if x >= apex else -self.medial_share * wf
        frac = min(1.0, abs(x - apex) / abs(end - apex))
        return yb + (lb - yb) * math.sqrt(max(0.0, 1.0 - frac * frac))

    def toes(self) -> list[tuple[float, float, float, float]]:
        """Toe pads as ellipses (cx, cy, half_width, half_length), big toe first."""
        wf = self.forefoot_width
        pads = []
        for cx, width, length, extra in _TOES:
            x = cx * wf * self.toe_spread
            half_w = width * wf * self.toe_scale / 2
            half_l = length * wf * self.toe_scale / 2
            gap = self.toe_gap + extra * abs(self.toe_gap)
            base = self.front_y(x) + gap
            pads.append((x, base + half_l, half_w, half_l))
        return pads

    @property
    def length(self) -> float:
        """Heel back to the tip of the second toe."""
        _, cy, _, half_l = self.toes()[1]
        return cy + half_l

    def coverage(self, x: np.ndarray, y: np.ndarray, toes: bool = True) -> np.ndarray:
        """True where canonical points (right-foot frame) touch the paper."""
        lat, _, med = self._edges(y)
        inside = (y >= 0) & (y <= self.body_length) & (x >= med) & (x <= lat)
        if toes:
            for cx, cy, hw, hl in self.toes():
                inside |= ((x - cx) / hw) ** 2 + ((y - cy) / hl) ** 2 <= 1.0
        return inside

    @property
    def true_type(self) -> str:
        return classify_arch(self.truth().arch_index)


@dataclass(frozen=True)
class Placement:
    """Where a foot lies in the photo: heel centre (px), direction of the toes, scale."""

    heel_x: float
    heel_y: float
    angle_deg: float  # direction heel->toes on screen, 0 = straight up, clockwise positive
    px_per_mm: float

    def to_canonical(self, cols: np.ndarray, rows: np.ndarray, shape: FootShape):
        a = math.radians(self.angle_deg)
        # Screen unit vectors of the canonical axes: +y towards the toes, +x to its right.
        uy = (math.sin(a), -math.cos(a))
        ux = (math.cos(a), math.sin(a))
        dx = (cols - self.heel_x) / self.px_per_mm
        dy = (rows - self.heel_y) / self.px_per_mm
        x = dx * ux[0] + dy * ux[1]
        y = dx * uy[0] + dy * uy[1] + shape.heel_radius
        if shape.side == "left":
            x = -x
        return x, y

    def to_screen(self, x: float, y: float, shape: FootShape) -> tuple[float, float]:
        if shape.side == "left":
            x = -x
        a = math.radians(self.angle_deg)
        y = y - shape.heel_radius
        col = self.heel_x + self.px_per_mm * (x * math.cos(a) + y * math.sin(a))
        row = self.heel_y + self.px_per_mm * (x * math.sin(a) - y * math.cos(a))
        return col, row


@dataclass
class Scene:
    """Everything needed to draw one photo."""

    width: int = 1600
    height: int = 1200
    feet: list[tuple[FootShape, Placement]] = field(default_factory=list)
    surface: str = "paper"  # paper | cardboard | grey | ink
    contrast: float = 0.25  # darkening of the print (0..1)
    mottle: float = 0.2
    edge_softness_mm: float = 0.6
    light_gradient: float = 0.1
    shadow: float = 0.0  # depth of a soft half-plane shadow (0 = none)
    table: float = 0.0  # fraction of the frame's short side taken by table along one edge
    text: bool = False
    grid: bool = False
    blur_px: float = 0.5
    noise: float = 0.01
    jpeg_quality: int | None = 90  # None = PNG
    seed: int = 0


SURFACES = {
    "paper": ((0.93, 0.92, 0.89), (1.0, 1.0, 1.0)),
    "cardboard": ((0.72, 0.56, 0.38), (1.0, 1.12, 1.3)),
    "grey": ((0.62, 0.62, 0.62), (1.0, 1.0, 1.0)),
    "ink": ((0.96, 0.96, 0.95), (1.0, 1.0, 1.0)),
}


def render(scene: Scene) -> np.ndarray:
    """Draw the scene as an RGB float image in [0, 1]."""
    rng = np.random.default_rng(scene.seed)
    h, w = scene.height, scene.width
    base, tint = SURFACES[scene.surface]
    darkness = np.zeros((h, w), dtype=np.float32)
    rows_all, cols_all = None, None
    for shape, place in scene.feet:
        cov, (r0, c0) = _rasterise(shape, place, h, w)
        if cov is None:
            continue
        soft = scene.edge_softness_mm * place.px_per_mm / 2.0
        if soft > 0.3:
            cov = ndi.gaussian_filter(cov, soft)
        darkness[r0 : r0 + cov.shape[0], c0 : c0 + cov.shape[1]] = np.maximum(
            darkness[r0 : r0 + cov.shape[0], c0 : c0 + cov.shape[1]], cov
        )
    if scene.mottle > 0 and scene.feet:
        px = scene.feet[0][1].px_per_mm
        field_ = _smooth_noise(rng, (h, w), 2.5 * px)
        darkness *= np.clip(1.0 - scene.mottle * (0.5 + field_), 0.0, 1.0)
        if scene.surface == "ink":
            pores = _smooth_noise(rng, (h, w), 0.6 * px)
            darkness *= (pores < 0.9).astype(np.float32) * 0.6 + 0.4
    image = np.empty((h, w, 3), dtype=np.float32)
    for c in range(3):
        if scene.surface == "ink":
            ink = (0.12, 0.13, 0.22)[c]
            image[..., c] = (
                base[c] * (1 - darkness * scene.contrast) + ink * darkness * scene.contrast
            )
        else:
            image[..., c] = base[c] * (1 - np.clip(darkness * scene.contrast * tint[c], 0, 0.95))
    px = scene.feet[0][1].px_per_mm if scene.feet else max(w, h) / 400.0
    if scene.grid:
        _draw_grid(image, rng, px)
    if scene.text:
        _draw_text(image, rng, px)
    rows_all, cols_all = np.mgrid[0:h, 0:w].astype(np.float32)
    if scene.table > 0:
        _draw_table(image, rng, scene.table, rows_all, cols_all)
    if scene.light_gradient > 0:
        ang = rng.uniform(0, 2 * np.pi)
        ramp = (np.cos(ang) * cols_all / w + np.sin(ang) * rows_all / h) * 0.5 + 0.5
        image *= (1.0 - scene.light_gradient * ramp)[..., None]
    if scene.shadow > 0:
        ang = rng.uniform(0, 2 * np.pi)
        offset = rng.uniform(0.2, 0.45)
        proj = (np.cos(ang) * (cols_all / w - 0.5) + np.sin(ang) * (rows_all / h - 0.5)) - offset
        soft = rng.uniform(0.04, 0.12)
        image *= (1.0 - scene.shadow / (1.0 + np.exp(-proj / soft)))[..., None]
    if scene.blur_px > 0.2:
        for c in range(3):
            image[..., c] = ndi.gaussian_filter(image[..., c], scene.blur_px)
    if scene.noise > 0:
        image += rng.normal(0.0, scene.noise, size=image.shape).astype(np.float32)
    return np.clip(image, 0.0, 1.0)


def encode(scene: Scene, image: np.ndarray | None = None) -> bytes:
    """The scene as JPEG (or PNG) file bytes, as a phone would hand them over."""
    image = render(scene) if image is None else image
    pil = Image.fromarray((image * 255 + 0.5).astype(np.uint8), "RGB")
    buf = io.BytesIO()
    if scene.jpeg_quality is None:
        pil.save(buf, "PNG")
    else:
        pil.save(buf, "JPEG", quality=scene.jpeg_quality)
    return buf.getvalue()


def _rasterise(shape: FootShape, place: Placement, h: int, w: int):
    """Anti-aliased coverage of one foot inside its bounding box (supersampled)."""
    reach = (shape.length + 10) * place.px_per_mm
    cx, cy = place.to_screen(0.0, shape.length / 2, shape)
    r0, r1 = max(0, int(cy - reach / 2 - 4)), min(h, int(cy + reach / 2 + 5))
    c0, c1 = max(0, int(cx - reach / 2 - 4)), min(w, int(cx + reach / 2 + 5))
    if r1 <= r0 or c1 <= c0:
        return None, (0, 0)
    ss = 3 if (r1 - r0) * (c1 - c0) < 1_500_000 else 1
    offs = (np.arange(ss) + 0.5) / ss - 0.5
    acc = np.zeros((r1 - r0, c1 - c0), dtype=np.float32)
    rows, cols = np.mgrid[r0:r1, c0:c1].astype(np.float64)
    for dr in offs:
        for dc in offs:
            x, y = place.to_canonical(cols + dc, rows + dr, shape)
            acc += shape.coverage(x, y)
    return acc / (ss * ss), (r0, c0)


def _smooth_noise(rng: np.random.Generator, shape: tuple[int, int], sigma: float) -> np.ndarray:
    """Random field with values roughly in [-0.5, 0.5] and features of size ``sigma``."""
    factor = max(1, int(sigma / 3))
    small = rng.standard_normal((shape[0] // factor + 2, shape[1] // factor + 2))
    small = ndi.gaussian_filter(small, sigma / factor)
    small /= 4 * small.std() + 1e-9
    big = ndi.zoom(small, factor, order=1)[: shape[0], : shape[1]]
    return big.astype(np.float32)


def _draw_grid(image: np.ndarray, rng: np.random.Generator, px: float) -> None:
    h, w, _ = image.shape
    spacing = 10 * px
    width = max(1, round(0.3 * px))
    level = rng.uniform(0.15, 0.3)
    colour = np.array((0.55, 0.62, 0.8), dtype=np.float32)
    start = rng.uniform(0, spacing)
    for pos in np.arange(start, max(h, w), spacing):
        p = int(pos)
        if p < w:
            image[:, p : p + width] = image[:, p : p + width] * (1 - level) + colour * level
        if p < h:
            image[p : p + width, :] = image[p : p + width, :] * (1 - level) + colour * level


def _draw_text(image: np.ndarray, rng: np.random.Generator, px: float) -> None:
    h, w, _ = image.shape
    layer = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(layer)
    size = max(10, int(4 * px))
    font = ImageFont.load_default(size=size)
    corner = rng.integers(0, 4)
    x = int(w * (0.04 if corner % 2 == 0 else 0.6))
    y = int(h * (0.03 if corner < 2 else 0.88))
    for i, line in enumerate(("Name: ______  Date: 03/11", "L   R   weight: normal")):
        draw.text((x, y + i * int(size * 1.4)), line, fill=255, font=font)
    ink = np.asarray(layer, dtype=np.float32) / 255.0 * 0.7
    image *= (1.0 - ink)[..., None]


def _draw_table(image, rng, amount, rows, cols) -> None:
    h, w, _ = image.shape
    edge = rng.integers(0, 4)
    tilt = rng.uniform(-0.08, 0.08)
    depth = amount * min(h, w)
    if edge == 0:
        outside = cols < depth + tilt * (rows - h / 2)
    elif edge == 1:
        outside = cols > w - depth + tilt * (rows - h / 2)
    elif edge == 2:
        outside = rows < depth + tilt * (cols - w / 2)
    else:
        outside = rows > h - depth + tilt * (cols - w / 2)
    tone = rng.choice([0.25, 0.4, 0.55])
    wood = np.array((tone * 1.25, tone, tone * 0.75), dtype=np.float32)
    grain = 1 + 0.06 * np.sin(rows / 7.0 + 0.5 * np.sin(cols / 40.0))
    image[outside] = wood * grain[outside][..., None]


# -- random scenes for tests and benchmarks ------------------------------------------------------
def with_arch_index(shape: FootShape, target: float) -> FootShape:
    """The same foot with its arch set so that the true Arch Index is ``target`` (bisection;
    the index falls steadily as the arch rises). Clamped to what the foot can reach."""
    low, high = 0.0, 2.5

    def ai(arch: float) -> float:
        return replace(shape, arch=arch).truth(step=0.05).arch_index

    if target >= ai(low):
        return replace(shape, arch=low)
    if target <= ai(high):
        return replace(shape, arch=high)
    for _ in range(24):
        mid = (low + high) / 2
        if ai(mid) > target:
            low = mid
        else:
            high = mid
    return replace(shape, arch=(low + high) / 2)


def random_shape(
    rng: np.random.Generator, side: str | None = None, arch_index: float | None = None
) -> FootShape:
    """A plausible adult foot; its Arch Index is drawn evenly from 0.01 to 0.35 (no contact
    under the arch to fully flat) unless given."""
    lb = rng.uniform(165, 235)
    shape = FootShape(
        body_length=lb,
        heel_width=lb * rng.uniform(0.29, 0.34),
        forefoot_width=lb * rng.uniform(0.44, 0.52),
        arch_shape=rng.uniform(0.7, 1.3),
        arch_centre=rng.uniform(0.46, 0.54),
        ball_level=rng.uniform(0.77, 0.83),
        medial_share=rng.uniform(0.36, 0.44),
        cap_apex=rng.uniform(-0.12, 0.02),
        toe_gap=rng.choice([rng.uniform(-1.5, 0.0), rng.uniform(2.0, 14.0)], p=[0.25, 0.75]),
        toe_spread=rng.uniform(0.95, 1.12),
        toe_scale=rng.uniform(0.85, 1.1),
        side=side or ("left" if rng.random() < 0.5 else "right"),
    )
    target = rng.uniform(0.01, 0.35) if arch_index is None else arch_index
    return with_arch_index(shape, target)


def _fits(shape: FootShape, place: Placement, w: int, h: int, margin: float) -> bool:
    pts = [place.to_screen(x, y, shape) for x, y in _outline_points(shape)]
    return all(margin <= c <= w - margin and margin <= r <= h - margin for c, r in pts)


def _outline_points(shape: FootShape) -> list[tuple[float, float]]:
    wf = shape.forefoot_width
    pts = [
        (0.0, 0.0),
        (-shape.heel_radius, shape.heel_radius),
        (shape.heel_radius, shape.heel_radius),
    ]
    pts += [(-shape.medial_share * wf, shape.ball_level * shape.body_length)]
    pts += [((1 - shape.medial_share) * wf, shape.ball_level * shape.body_length)]
    for cx, cy, hw, hl in shape.toes():
        pts += [(cx, cy + hl), (cx - hw, cy), (cx + hw, cy)]
    return pts


def random_scene(seed: int, kind: str = "usable") -> Scene:
    """A random photo. ``kind``: usable | no_print | cut_off | blurry | low_contrast | too_small
    | three_prints. Usable scenes hold one foot or two (side by side)."""
    rng = np.random.default_rng(seed)
    landscape = rng.random() < 0.6
    long_side = int(rng.choice([1200, 1600, 2000]))
    w, h = (long_side, long_side * 3 // 4) if landscape else (long_side * 3 // 4, long_side)
    surface = str(rng.choice(["paper", "cardboard", "grey", "ink"], p=[0.35, 0.3, 0.1, 0.25]))
    contrast = rng.uniform(0.55, 0.85) if surface == "ink" else rng.uniform(0.14, 0.4)
    scene = Scene(
        width=w,
        height=h,
        surface=surface,
        contrast=contrast,
        mottle=rng.uniform(0.0, 0.45),
        edge_softness_mm=rng.uniform(0.2, 1.2),
        light_gradient=rng.uniform(0.0, 0.25),
        shadow=rng.uniform(0.1, 0.3) if rng.random() < 0.3 else 0.0,
        table=rng.uniform(0.04, 0.12) if rng.random() < 0.3 else 0.0,
        text=bool(rng.random() < 0.3),
        grid=bool(surface == "ink" and rng.random() < 0.7),
        blur_px=rng.uniform(0.3, 1.4),
        noise=rng.uniform(0.003, 0.02),
        jpeg_quality=int(rng.integers(60, 96)) if rng.random() < 0.8 else None,
        seed=seed,
    )
    two = kind in ("usable", "three_prints") and rng.random() < 0.35
    count = 3 if kind == "three_prints" else (2 if two else 1)
    if kind == "no_print":
        count = 0
    angle = rng.uniform(0, 360)
    margin = 0.04 * min(w, h) + (scene.table * min(w, h) if scene.table else 0)
    shapes = []
    if count == 2:
        left = random_shape(rng, side="left")
        right = replace(
            random_shape(rng, side="right"), body_length=left.body_length * rng.uniform(0.97, 1.03)
        )
        shapes = [left, right]
    else:
        shapes = [random_shape(rng) for _ in range(count)]
    for _attempt in range(200):
        if not shapes:
            break
        feet = _place(rng, shapes, angle, w, h, kind)
        strict = kind != "cut_off"
        fits = [_fits(s, p, w, h, margin) for s, p in feet]
        if strict and all(fits):
            scene.feet = feet
            break
        if not strict and not _fits(feet[0][0], feet[0][1], w, h, -0.02 * min(w, h)):
            scene.feet = feet
            break
        angle = rng.uniform(0, 360)
    else:
        raise RuntimeError(f"could not place feet for seed {seed}")
    if kind == "blurry":
        scene.blur_px = 0.05 * _foot_px(scene)
    elif kind == "low_contrast":
        scene.contrast = rng.uniform(0.015, 0.03)  # visible if you look hard, no more
        scene.noise = rng.uniform(0.004, 0.01)
        scene.mottle = 0.0
    return scene


def _foot_px(scene: Scene) -> float:
    shape, place = scene.feet[0]
    return shape.length * place.px_per_mm


def _place(rng, shapes, angle, w, h, kind):
    long_side = max(w, h)
    if kind == "too_small":
        frac = rng.uniform(0.06, 0.1)
    elif len(shapes) >= 3:
        frac = rng.uniform(0.25, 0.4)
    elif len(shapes) == 2:
        frac = rng.uniform(0.35, 0.6)
    else:
        frac = rng.uniform(0.4, 0.85)
    px = frac * long_side / shapes[0].length
    a = math.radians(angle)
    across = np.array((math.cos(a), math.sin(a)))  # screen direction of the feet's +x
    along = np.array((math.sin(a), -math.cos(a)))
    centre = np.array((w / 2, h / 2)) + rng.uniform(-0.08, 0.08, 2) * (w, h)
    if kind == "cut_off":
        centre = centre + along * rng.choice([-1, 1]) * rng.uniform(0.35, 0.55) * frac * long_side
    spacing = rng.uniform(1.25, 1.7) * max(s.forefoot_width for s in shapes) * px
    placed = []
    n = len(shapes)
    for i, shape in enumerate(shapes):
        offset = (i - (n - 1) / 2) * spacing
        # A left foot stands to the left of a right foot.
        mid = centre + across * offset - along * shape.length * px / 2
        tilt = angle + rng.uniform(-8, 8)
        placed.append((shape, Placement(float(mid[0]), float(mid[1]), tilt, px)))
    return placed


REFERENCE_ARCH_INDEX = {"high": 0.13, "normal": 0.235, "flat": 0.31}


def reference_print(arch_type: str, width: int = 240) -> bytes:
    """A clean drawing of a typical right-foot print of the given arch type (PNG bytes).

    The app shows these as the three examples to compare a print with."""
    shape = with_arch_index(FootShape(side="right"), REFERENCE_ARCH_INDEX[arch_type])
    height = width * 4 // 3
    px = 0.8 * height / shape.length
    scene = Scene(
        width=width,
        height=height,
        surface="cardboard",
        contrast=0.45,
        mottle=0.15,
        light_gradient=0.0,
        blur_px=0.4,
        noise=0.0,
        jpeg_quality=None,
    )
    heel_y = height * 0.9 - shape.heel_radius * px
    scene.feet = [(shape, Placement(width * 0.5, heel_y, 0.0, px))]
    return encode(scene)
