"""Drawing a synthetic photo of one or two footprints, in the looks real photos have.

Styles (docs/engine.md shows a real example of each):
- ``wet``: a wet print on paper or cardboard: an even tone with a mottle and a soft edge, the
  midfoot and toes fainter where they pressed less.
- ``ink_grid``: a podoscope ink sheet: a fine grid of ink lines wherever the foot touched,
  darker where it pressed harder (heel and ball nearly solid, the midfoot a few faint lines),
  where only the horizontal lines print under the lightest contact; panels, logos,
  registration strokes and remarks around it.
- ``podoscope``: a photo from below a lit glass plate: the contact area glows green or blue,
  the rest of the sole shows dimly, the room behind is dark and cluttered, and the picture is
  the mirror image of a print seen from above.
- ``powder``: a print in flour, talc or chalk on dark card: pale where the foot touched, patchy,
  soft at the edge, seen from above (lighter than its sheet, but no glow and no mirror). Drawn
  only when asked for, so that the other styles' seeds keep their scenes.
Any style may then get uneven light, a shadow, a table at one edge, blur, sensor noise, a
tilted camera (perspective) and JPEG compression.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from scipy import ndimage as ndi

from footcheck.imaging.synth.foot import FootShape
from footcheck.imaging.synth.sheet import draw_fold, draw_sheet


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
    style: str = "wet"  # wet | ink_grid | podoscope | powder
    surface: str = "paper"  # paper | cardboard | grey | ink (wet style); dark (powder)
    contrast: float = 0.25  # darkening of the print (0..1); glow strength for a podoscope
    pressure: float = 0.3  # how much fainter light-pressure parts print (0 = evenly)
    mottle: float = 0.2
    edge_softness_mm: float = 0.6
    light_gradient: float = 0.1
    shadow: float = 0.0  # depth of a soft half-plane shadow (0 = none)
    table: float = 0.0  # fraction of the frame's short side taken by table along one edge
    text: bool = False
    grid: bool = False  # a faint printed grid on the paper itself (not the print)
    sheet: bool = False  # podoscope sheet layout: panels, logos, strokes, remarks
    fold: float = 0.0  # depth of a fold's shading step across the sheet
    overhang: bool = True  # ink grid: only horizontal lines print along the contact's rim
    light_contact: float = 0.0  # ink grid: below this pressure only horizontal lines print
    cell_mm: float = 2.4  # ink grid: cell size
    # Ink grid: how dark the lightest contact prints (a share of the firmest), how steeply ink
    # grows with pressure, and what share of a line light contact leaves out (broken lines).
    # Real sheets print their lateral midfoot band at a tenth of the heel's darkness, in
    # broken lines; the defaults are the round-1 look (0.3, 1.0, 0.0).
    faintest: float = 0.3
    ink_gamma: float = 1.0
    broken: float = 0.0
    glow: tuple[float, float, float] = (0.35, 1.0, 0.55)  # podoscope light colour
    perspective: float = 0.0  # the top edge this much narrower (a tilted camera)
    # The tilted camera as drawn until 7 Dec 2026: the corners beyond the flat scene filled
    # with one colour (no photo has such a wedge: a print the scene cut ended along it).
    flat_corners: bool = False
    quarter_turns: int = 0  # the finished photo turned by this many quarter turns (clockwise)
    blur_px: float = 0.5
    noise: float = 0.01
    jpeg_quality: int | None = 90  # None = PNG
    seed: int = 0

    @property
    def mirrored(self) -> bool:
        """A podoscope is photographed from below: the picture is a mirror image."""
        return self.style == "podoscope"

    def screen_point(self, x: float, y: float) -> tuple[float, float]:
        """Where a point drawn at (x, y) ends up in the final photo (perspective, mirror)."""
        if self.perspective:
            x, y = _project(_homography(self.width, self.height, self.perspective), x, y)
        if self.mirrored:
            x = self.width - 1 - x
        for _ in range(self.quarter_turns % 4):  # clockwise: (x, y) -> (h - 1 - y, x)
            h = self.height if _ % 2 == 0 else self.width
            x, y = h - 1 - y, x
        return x, y


LINE_MM = 0.42  # an ink grid's lines on the real sheets (their cells are 3-4 mm)
SURFACES = {
    "paper": ((0.93, 0.92, 0.89), (1.0, 1.0, 1.0)),
    "cardboard": ((0.72, 0.56, 0.38), (1.0, 1.12, 1.3)),
    "grey": ((0.62, 0.62, 0.62), (1.0, 1.0, 1.0)),
    "ink": ((0.96, 0.96, 0.95), (1.0, 1.0, 1.0)),
    "dark": ((0.11, 0.11, 0.13), (1.0, 1.0, 1.0)),
}
# What the print is made of, where it is not water darkening the sheet.
INKS = {"ink": (0.12, 0.13, 0.22), "dark": (0.9, 0.89, 0.85)}


def render(scene: Scene) -> np.ndarray:
    """Draw the scene as an RGB float image in [0, 1]."""
    rng = np.random.default_rng(scene.seed)
    h, w = scene.height, scene.width
    px = scene.feet[0][1].px_per_mm if scene.feet else max(w, h) / 400.0
    if scene.style == "podoscope":
        image = _podoscope(scene, rng, px)
    else:
        image = _print_on_sheet(scene, rng, px)
    rows, cols = np.mgrid[0:h, 0:w].astype(np.float32)
    if scene.table > 0:
        _draw_table(image, rng, scene.table, rows, cols)
    if scene.light_gradient > 0:
        ang = rng.uniform(0, 2 * np.pi)
        ramp = (np.cos(ang) * cols / w + np.sin(ang) * rows / h) * 0.5 + 0.5
        image *= (1.0 - scene.light_gradient * ramp)[..., None]
    if scene.shadow > 0:
        ang = rng.uniform(0, 2 * np.pi)
        offset = rng.uniform(0.2, 0.45)
        proj = (np.cos(ang) * (cols / w - 0.5) + np.sin(ang) * (rows / h - 0.5)) - offset
        soft = rng.uniform(0.04, 0.12)
        image *= (1.0 - scene.shadow / (1.0 + np.exp(-proj / soft)))[..., None]
    if scene.perspective and not scene.flat_corners:
        # A tilted camera sees more than the flat scene at the far corners: the scene goes on
        # there (its edge columns drawn onward), so that a print the scene cuts off at its
        # side still runs to the photo's frame, as in any real photo.
        image = np.pad(image, ((0, 0), (_beyond(w, h, scene.perspective),) * 2, (0, 0)), "edge")
    if scene.blur_px > 0.2:
        for c in range(3):
            image[..., c] = ndi.gaussian_filter(image[..., c], scene.blur_px)
    if scene.noise > 0:
        image += rng.normal(0.0, scene.noise, size=image.shape).astype(np.float32)
    image = np.clip(image, 0.0, 1.0)
    if scene.perspective:
        image = _warp(image, w, scene.perspective)
    if scene.mirrored:
        image = image[:, ::-1]
    return np.ascontiguousarray(np.rot90(image, -(scene.quarter_turns % 4)))


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


# -- styles -----------------------------------------------------------------------------------
def _print_on_sheet(scene: Scene, rng: np.random.Generator, px: float) -> np.ndarray:
    """Wet or ink-grid prints, darker than the paper or cardboard; powder, lighter than its card."""
    h, w = scene.height, scene.width
    base, tint = SURFACES["ink" if scene.style == "ink_grid" else scene.surface]
    darkness = np.zeros((h, w), dtype=np.float32)
    for shape, place in scene.feet:
        cov, (r0, c0), press = _rasterise(shape, place, h, w, rng)
        if cov is None:
            continue
        if scene.style == "ink_grid":
            ink = _ink_grid(cov, press, place, scene, r0, c0)
        else:
            soft = scene.edge_softness_mm * place.px_per_mm / 2.0
            if soft > 0.3:
                cov = ndi.gaussian_filter(cov, soft)
            ink = cov * (1.0 - scene.pressure * (1.0 - press))
        region = darkness[r0 : r0 + cov.shape[0], c0 : c0 + cov.shape[1]]
        np.maximum(region, ink, out=region)
    if scene.mottle > 0 and scene.feet:
        field_ = _smooth_noise(rng, (h, w), 2.5 * px)
        darkness *= np.clip(1.0 - scene.mottle * (0.5 + field_), 0.0, 1.0)
    image = np.empty((h, w, 3), dtype=np.float32)
    ink_colour = INKS.get("ink" if scene.style == "ink_grid" else scene.surface)
    for c in range(3):
        if ink_colour is not None:
            image[..., c] = (
                base[c] * (1 - darkness * scene.contrast)
                + ink_colour[c] * darkness * scene.contrast
            )
        else:
            image[..., c] = base[c] * (1 - np.clip(darkness * scene.contrast * tint[c], 0, 0.95))
    if scene.grid:
        _draw_paper_grid(image, rng, px)
    if scene.fold:
        draw_fold(image, rng, scene.fold)
    if scene.sheet and scene.feet:
        ends = [
            (place.to_screen(0.0, 0.0, shape), place.to_screen(0.0, shape.length, shape))
            for shape, place in scene.feet
        ]
        draw_sheet(image, rng, ends, px)
    if scene.text:
        _draw_text(image, rng, px)
    return image


def _ink_grid(
    cov: np.ndarray, press: np.ndarray, place: Placement, scene: Scene, r0: int, c0: int
) -> np.ndarray:
    """The grid of ink lines a podoscope sheet prints where the foot touched.

    Under the lightest contact -- the rim of the print and, often, the lateral midfoot -- only
    the horizontal lines (across the sheet) print, faint and broken; the vertical ones join in
    as pressure grows, and under the heel and ball the ink spreads between the lines until the
    area is nearly solid. Darkness follows pressure throughout."""
    cell = max(3.0, scene.cell_mm * place.px_per_mm)
    width = max(1.0, LINE_MM * place.px_per_mm)
    rows, cols = np.mgrid[r0 : r0 + cov.shape[0], c0 : c0 + cov.shape[1]].astype(np.float32)
    horizontal = _line_profile(rows, cell, width)
    vertical = _line_profile(cols, cell, width)
    contact = cov > 0.5
    light = press < scene.light_contact
    if scene.overhang:  # the rim of the contact presses lightly too
        light |= contact & ~ndi.binary_erosion(contact, iterations=int(1.5 * cell))
    lines = np.where(light, horizontal, np.maximum(horizontal, vertical))
    if scene.broken > 0:  # light contact prints broken lines: dashes a cell or two long
        rng = np.random.default_rng((scene.seed, r0, c0))
        missing = scene.broken * np.clip(1.0 - press / 0.5, 0.0, 1.0)
        along_rows = _dashes(rng, rows, cols, cell)
        along_cols = _dashes(rng, cols, rows, cell)
        lines = np.maximum(horizontal * (along_rows > missing), vertical * (along_cols > missing))
        lines = np.where(light, horizontal * (along_rows > missing), lines)
    # Ink darkness follows pressure: the firmest contact prints fully, the lightest at
    # ``faintest`` of it.
    level = scene.faintest + (1.0 - scene.faintest) * press**scene.ink_gamma
    fill = np.clip((press - 0.55) / 0.45, 0.0, 1.0) * 0.7  # ink spreading between lines
    ink = contact * level * np.maximum(lines, fill)
    # A little anti-aliasing at the contact's edge, as the camera gives.
    return ndi.gaussian_filter(ink.astype(np.float32), 0.5)


def _dashes(
    rng: np.random.Generator, across: np.ndarray, along: np.ndarray, cell: float
) -> np.ndarray:
    """A value in [0, 1] per point that stays alike along each grid line (``across`` picks
    the line, ``along`` runs on it) for a cell or two and differs from line to line: where
    it is under a threshold, that stretch of the line did not print."""
    line = np.round(across / cell).astype(int)  # lines lie on multiples of the cell
    step = np.floor(along / (1.5 * cell)).astype(int)
    line -= line.min()
    step -= step.min()
    values = rng.random((line.max() + 1, step.max() + 2))
    frac = along / (1.5 * cell) - np.floor(along / (1.5 * cell))
    return values[line, step] * (1 - frac) + values[line, step + 1] * frac


def _line_profile(coord: np.ndarray, cell: float, width: float) -> np.ndarray:
    """1 on grid lines ``width`` wide every ``cell`` pixels, 0 between, soft at the sides."""
    phase = np.abs((coord % cell) - cell / 2)  # distance from the middle between lines
    return np.clip((phase - (cell / 2 - width)) + 0.5, 0.0, 1.0)


def _podoscope(scene: Scene, rng: np.random.Generator, px: float) -> np.ndarray:
    """A glowing contact area, the rest of the sole dim, a dark cluttered room behind."""
    h, w = scene.height, scene.width
    image = np.empty((h, w, 3), dtype=np.float32)
    clutter = _smooth_noise(rng, (h, w), 12 * px)
    detail = _smooth_noise(rng, (h, w), 1.5 * px)
    room = rng.uniform(0.06, 0.16, 3).astype(np.float32)
    for c in range(3):
        image[..., c] = np.clip(room[c] * (1.0 + 1.6 * clutter + 0.6 * detail), 0.0, 1.0)
    glow = np.array(scene.glow, dtype=np.float32)
    for shape, place in scene.feet:
        sole, (r0, c0), _ = _rasterise(shape.outline(), place, h, w, rng)
        cov, _, press = _rasterise(shape, place, h, w, rng)
        if cov is None or sole is None:
            continue
        soft = max(0.4, scene.edge_softness_mm * place.px_per_mm / 3.0)
        cov = ndi.gaussian_filter(cov, soft)
        region = image[r0 : r0 + cov.shape[0], c0 : c0 + cov.shape[1]]
        dim = sole[..., None] * (0.18 * glow + 0.12)
        lit = (cov * scene.contrast * (0.65 + 0.35 * press))[..., None] * glow
        region[:] = np.clip(region * (1 - sole[..., None] * 0.7) + dim + lit, 0.0, 1.0)
    return image


# -- geometry of the photo --------------------------------------------------------------------
def _homography(w: int, h: int, narrow: float) -> np.ndarray:
    """Maps a flat sheet to the photo a forward-tilted camera takes: the top edge ``narrow``
    (a fraction of the width) shorter, the bottom edge unchanged."""
    d = narrow * w / 2
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    dst = [(d, 0), (w - d, 0), (w, h), (0, h)]
    rows = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    coeffs = np.linalg.solve(np.array(rows, float), np.array(dst, float).ravel())
    return np.append(coeffs, 1.0).reshape(3, 3)


def _project(matrix: np.ndarray, x: float, y: float) -> tuple[float, float]:
    p = matrix @ np.array((x, y, 1.0))
    return float(p[0] / p[2]), float(p[1] / p[2])


def _beyond(w: int, h: int, narrow: float) -> int:
    """How far beyond the flat scene's sides the tilted camera's photo reaches (pixels)."""
    x, _ = _project(np.linalg.inv(_homography(w, h, narrow)), 0.0, 0.0)
    return math.ceil(-x) + 2


def _warp(image: np.ndarray, w: int, narrow: float) -> np.ndarray:
    """The photo a tilted camera takes of the scene (``w`` wide), drawn on ``image`` with
    ``_beyond`` columns more on either side, or none (then the corners beyond it are filled
    with the colour along the photo's bottom: ``Scene.flat_corners``)."""
    h = image.shape[0]
    shift = (image.shape[1] - w) // 2
    inverse = np.linalg.inv(_homography(w, h, narrow))
    inverse = np.array([[1, 0, shift], [0, 1, 0], [0, 0, 1]]) @ inverse  # into the wider picture
    inverse /= inverse[2, 2]
    pil = Image.fromarray((image * 255 + 0.5).astype(np.uint8), "RGB")
    edge = tuple(int(v) for v in np.median(np.asarray(pil)[-8:].reshape(-1, 3), axis=0))
    warped = pil.transform((w, h), Image.Transform.PERSPECTIVE, tuple(inverse.ravel()[:8]),
                           Image.Resampling.BILINEAR, fillcolor=edge)  # fmt: skip
    return np.asarray(warped, dtype=np.float32) / 255.0


# -- drawing helpers --------------------------------------------------------------------------
def _rasterise(shape: FootShape, place: Placement, h: int, w: int, rng: np.random.Generator):
    """Anti-aliased coverage of one foot inside its bounding box (supersampled), its box's
    corner, and the pressure under it (heel and ball hardest)."""
    reach = (shape.length + 10) * place.px_per_mm
    cx, cy = place.to_screen(0.0, shape.length / 2, shape)
    r0, r1 = max(0, int(cy - reach / 2 - 4)), min(h, int(cy + reach / 2 + 5))
    c0, c1 = max(0, int(cx - reach / 2 - 4)), min(w, int(cx + reach / 2 + 5))
    if r1 <= r0 or c1 <= c0:
        return None, (0, 0), None
    ss = 3 if (r1 - r0) * (c1 - c0) < 1_500_000 else 1
    offs = (np.arange(ss) + 0.5) / ss - 0.5
    acc = np.zeros((r1 - r0, c1 - c0), dtype=np.float32)
    rows, cols = np.mgrid[r0:r1, c0:c1].astype(np.float64)
    for dr in offs:
        for dc in offs:
            x, y = place.to_canonical(cols + dc, rows + dr, shape)
            acc += shape.coverage(x, y)
    x, y = place.to_canonical(cols, rows, shape)
    levels = (rng.uniform(0.1, 0.4), rng.uniform(0.75, 1.0), rng.uniform(0.5, 0.9))
    press = shape.pressure(x, y, levels).astype(np.float32)
    return acc / (ss * ss), (r0, c0), press


def _smooth_noise(rng: np.random.Generator, shape: tuple[int, int], sigma: float) -> np.ndarray:
    """Random field with values roughly in [-0.5, 0.5] and features of size ``sigma``."""
    factor = max(1, int(sigma / 3))
    small = rng.standard_normal((shape[0] // factor + 2, shape[1] // factor + 2))
    small = ndi.gaussian_filter(small, sigma / factor)
    small /= 4 * small.std() + 1e-9
    big = ndi.zoom(small, factor, order=1)[: shape[0], : shape[1]]
    return big.astype(np.float32)


def _draw_paper_grid(image: np.ndarray, rng: np.random.Generator, px: float) -> None:
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
