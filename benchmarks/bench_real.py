"""Footprint engine on REAL photos: found feet, sides, and stability under re-photographing.

Run: ``.venv/bin/python benchmarks/bench_real.py --images /tmp/real`` (or ``make bench``).

The real photos (17 podoscope ink sheets, public GitHub repository PabRD/footprintDetection,
folder footprintImage/) carry no licence, so they are never part of this repository: bring
them onto your machine yourself (docs/engine.md says how) and point ``--images`` at the
folder. Without it the benchmark says so and stops (exit 0), so CI stays green.

Facts used: each sheet holds the LEFT foot in its left panel and the RIGHT foot in its right
panel. For every sheet it prints what was measured; then it re-photographs every sheet in
software (turned 90, 180 and 12 degrees, shrunk to 1200 px, dimmed to 60 %, contrast 60 %,
the top edge 8 % narrower as a tilted camera makes it, JPEG quality 70) and reports whether
every foot is still found with the right side, and the median change of the Arch Index.

Targets (issue 11): 34 of 34 feet found, every side right, no sheet refused; re-photographed:
every foot still found, median |change of AI| <= 0.01. It also prints how far each foot's
outline is from a slow, full-resolution reading of where the grid printed
(``real_reference.py``), measured along the engine's own axis and thirds.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageEnhance

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.real_reference import reference_arch_index
from footcheck.imaging.analyze import ImprintResult, analyze_imprint
from footcheck.imaging.overlay import draw_overlay

SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".tif", ".tiff"}


def _jpeg(image: Image.Image, quality: int = 92) -> bytes:
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _sheet_colour(image: Image.Image) -> tuple[int, ...]:
    """The median colour of the photo's border: what a larger photo would show there."""
    a = np.asarray(image.convert("RGB"))
    border = np.concatenate([a[:8].reshape(-1, 3), a[-8:].reshape(-1, 3)])
    return tuple(int(v) for v in np.median(border, axis=0))


def _perspective(image: Image.Image, narrow: float = 0.08) -> Image.Image:
    """The photo as a camera tilted forward sees it: the top edge ``narrow`` shorter."""
    w, h = image.size
    d = narrow * w / 2
    # Output corners (0,0) (w,0) (w,h) (0,h) come from input corners with the top widened.
    src = [(-d, 0), (w + d, 0), (w, h), (0, h)]
    dst = [(0, 0), (w, 0), (w, h), (0, h)]
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    coeffs = np.linalg.solve(np.array(rows, float), np.array(src, float).ravel())
    return image.transform(
        (w, h), Image.Transform.PERSPECTIVE, tuple(coeffs), Image.Resampling.BILINEAR,
        fillcolor=_sheet_colour(image),
    )  # fmt: skip


TRANSFORMS: dict[str, Callable[[Image.Image], bytes]] = {
    "turned 90": lambda im: _jpeg(im.transpose(Image.Transpose.ROTATE_90)),
    "turned 180": lambda im: _jpeg(im.transpose(Image.Transpose.ROTATE_180)),
    "turned 12": lambda im: _jpeg(
        im.rotate(12, Image.Resampling.BILINEAR, expand=True, fillcolor=_sheet_colour(im))
    ),
    "1200 px": lambda im: _jpeg(
        im.resize(
            (im.size[0] * 1200 // max(im.size), im.size[1] * 1200 // max(im.size)),
            Image.Resampling.LANCZOS,
        )
    ),
    "dimmed 60%": lambda im: _jpeg(ImageEnhance.Brightness(im).enhance(0.6)),
    "contrast 60%": lambda im: _jpeg(ImageEnhance.Contrast(im).enhance(0.6)),
    "perspective 8%": lambda im: _jpeg(_perspective(im)),
    "JPEG q70": lambda im: _jpeg(im, 70),
}


def by_side(result: ImprintResult) -> dict[str, float]:
    """Arch Index per side, when the photo gave one left and one right foot."""
    sides = {f.side: f.arch_index for f in result.feet}
    return sides if set(sides) == {"left", "right"} and len(result.feet) == 2 else {}


def describe(result: ImprintResult) -> str:
    if not result.ok:
        return f"REFUSED ({result.error_code})"
    return "  ".join(
        f"{f.side or '?':5} AI {f.arch_index:.3f} {f.arch_type:6} quality {f.quality:.2f} "
        f"sure {f.confidence:.2f}" + (f" [{'; '.join(f.trust.doubts)}]" if f.trust.doubts else "")
        for f in result.feet
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=Path, default=Path("/tmp/real"))
    parser.add_argument("--overlays", type=Path, help="write each overlay here as JPEG")
    parser.add_argument("--no-transforms", action="store_true", help="skip re-photographing")
    args = parser.parse_args()
    photos = (
        sorted(p for p in args.images.glob("*") if p.suffix.lower() in SUFFIXES)
        if (args.images.is_dir())
        else []
    )
    if not photos:
        print(
            f"bench_real: no photos in {args.images} -- skipped. The real sheets are not in "
            "the repository (no licence); see docs/engine.md to fetch them."
        )
        return 0
    print(f"real sheets: {len(photos)} photos in {args.images}")
    found = sides_right = refused = 0
    base: dict[str, dict[str, float]] = {}
    seconds, decodes = [], []
    outline_gaps: list[tuple[float, str]] = []
    analyze_imprint(photos[0].read_bytes())  # warm-up: the first call loads what it needs
    results = {}
    for path in photos:  # timed on their own: the full-resolution reference would disturb them
        data = path.read_bytes()
        start = time.perf_counter()
        Image.open(io.BytesIO(data)).load()
        decodes.append(time.perf_counter() - start)
        start = time.perf_counter()
        results[path] = analyze_imprint(data)
        seconds.append(time.perf_counter() - start)
    for path, result in results.items():
        refused += not result.ok
        found += len(result.feet)
        ordered = sorted(result.feet, key=lambda f: f.position_x)
        sides_right += sum(f.side == s for f, s in zip(ordered, ("left", "right"), strict=False))
        base[path.name] = by_side(result)
        print(f"  {path.stem:10} {describe(result)}")
        for foot in ordered:
            reference = reference_arch_index(path, foot, result.size)
            outline_gaps.append((foot.arch_index - reference, f"{path.stem} {foot.side}"))
        if args.overlays:
            args.overlays.mkdir(parents=True, exist_ok=True)
            draw_overlay(path.read_bytes(), result, 1200).save(
                args.overlays / f"{path.stem}.jpg", quality=88
            )
    n = 2 * len(photos)
    print(f"  feet found {found}/{n}, sides right {sides_right}/{n}, sheets refused {refused}")
    analysis, decode = statistics.mean(seconds), statistics.mean(decodes)
    print(
        f"  mean analysis time {analysis * 1000:.0f} ms, Pillow's full decode of the same "
        f"photos {decode * 1000:.0f} ms: ratio {analysis / decode:.2f} (target <= 1)"
    )
    gaps = np.array([gap for gap, _ in outline_gaps])
    worst = sorted(outline_gaps, key=lambda item: -abs(item[0]))[:4]
    print(
        "  outline against a full-resolution reading of where the grid printed "
        "(benchmarks/real_reference.py, same axis and thirds):"
    )
    print(
        f"    AI engine - reference: mean {gaps.mean():+.4f}, root mean square "
        f"{np.sqrt(np.mean(gaps**2)):.4f}, over 0.02 on {int(np.sum(np.abs(gaps) > 0.02))} of "
        f"{gaps.size} feet; largest: " + ", ".join(f"{name} {gap:+.3f}" for gap, name in worst)
    )
    if args.no_transforms:
        return 0
    print("re-photographed (every sheet, each transform):")
    all_changes = []
    for name, transform in TRANSFORMS.items():
        lost, changes, why = 0, [], []
        for path in photos:
            reference = base[path.name]
            result = analyze_imprint(transform(Image.open(path)))
            measured = by_side(result)
            if not measured:
                lost += 1
                sides = "+".join(str(f.side) for f in result.feet)
                why.append(f"{path.stem} ({result.error_code or sides or 'nothing'})")
                continue
            changes += [abs(measured[s] - reference[s]) for s in reference]
        all_changes += changes
        median = statistics.median(changes) if changes else float("nan")
        print(f"  {name:15} sheets not read as left+right: {lost:2}  median |dAI| {median:.4f}")
        if why:
            print(f"  {'':15} {', '.join(why)}")
    overall = statistics.median(all_changes) if all_changes else float("nan")
    print(f"  overall median |dAI| {overall:.4f} (target <= 0.01)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
