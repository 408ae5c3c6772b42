"""A second, slow reading of a real ink sheet, to check the engine's outline of each print.

The engine reads a photo at 480 pixels, where a light contact's grid lines stand barely above
the paper. This reading works at 1600 pixels, where they are clear: a pixel is ink when a
run of nine pixels along its row or column is darker than the paper around it by 3 %, the
gaps between lines are closed over a little more than one grid cell, and shapes narrower than
a cell (strokes, text) are opened away. It shares no code with the engine, and it is not a
hand measurement: it answers only "is the engine's outline where the grid printed?".

``reference_arch_index`` measures a foot along the engine's own axis, between the engine's
back of the heel and front of the ball, so that only the outline differs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps
from scipy import ndimage as ndi

from footcheck.imaging.analyze import FootResult

LONG_SIDE = 1600  # pixels: a grid cell is about 14 of them on the real sheets
RUN = 9  # pixels along a line
INK = 0.03  # darker than the paper around by this share
CELL = 17  # pixels: the closing that joins a cell's lines
NARROW = 15  # pixels: narrower shapes are strokes or text


@lru_cache(maxsize=4)
def grid_cover(path: Path) -> np.ndarray:
    """Where the grid printed on the photo at ``path``, at ``LONG_SIDE`` pixels."""
    image = ImageOps.exif_transpose(Image.open(path)).convert("L")
    scale = LONG_SIDE / max(image.size)
    size = (round(image.size[0] * scale), round(image.size[1] * scale))
    grey = np.asarray(image.resize(size, Image.Resampling.BOX), dtype=np.float32) / 255.0
    paper = ndi.median_filter(grey[::8, ::8], size=25)
    paper = np.asarray(Image.fromarray(paper).resize(size, Image.Resampling.BILINEAR))
    dark = np.clip(1.0 - grey / np.maximum(paper, 0.05), 0.0, 1.0)
    lines = np.maximum(ndi.uniform_filter(dark, (1, RUN)), ndi.uniform_filter(dark, (RUN, 1)))
    cover = ndi.binary_closing(lines > INK, structure=np.ones((CELL, CELL)))
    cover = ndi.binary_fill_holes(cover)
    return ndi.binary_opening(cover, structure=np.ones((NARROW, NARROW)))


def reference_arch_index(path: Path, foot: FootResult, working_size: tuple[int, int]) -> float:
    """The Arch Index of the reference outline of ``foot`` (the shapes of the cover that
    overlap the engine's toe-less print), along the engine's axis and thirds."""
    cover = grid_cover(path)
    g = foot.geometry
    scale = cover.shape[0] / working_size[1]
    labels, _ = ndi.label(cover)
    rows, cols = np.nonzero(g.toeless)
    rows = np.clip(((rows + g.offset[0] + 0.5) * scale).astype(int), 0, cover.shape[0] - 1)
    cols = np.clip(((cols + g.offset[1] + 0.5) * scale).astype(int), 0, cover.shape[1] - 1)
    touched = np.unique(labels[rows, cols])
    ys, xs = np.nonzero(np.isin(labels, touched[touched > 0]))
    u, _ = g.frame.project(xs / scale, ys / scale)
    along = (u - g.u_start) / g.indices.length
    along = along[(along >= 0) & (along <= 1)]
    return float(np.mean((along >= 1 / 3) & (along < 2 / 3))) if along.size else float("nan")
