"""Peak memory for the largest inputs FootCheck accepts (and a few it must refuse).

Run: ``.venv/bin/python benchmarks/bench_memory.py``. Each case runs in a fresh Python process
and reports that process's peak resident memory (``VmHWM``) and its baseline after the
imports, so the figure is what one analysis or one import really costs.

Targets (issue 12.6): any accepted image is analysed within 400 MB; a 1 MB zip holding a 1 GiB
or 2 GiB file is refused in well under a second, with a one-line reason and little memory.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEASURE = """
import sys, time
sys.path.insert(0, {root!r})
if {kind!r} == "image":
    from footcheck.imaging.analyze import analyze_imprint
else:
    from footcheck.store import Store
    from footcheck.transfer import ImportRefused, import_zip
def high_water():  # this process's own peak (ru_maxrss would include the parent's)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
base = high_water()
data = open({path!r}, "rb").read()
start = time.perf_counter()
if {kind!r} == "image":
    result = analyze_imprint(data)
    outcome = "analysed" if result.ok else "refused: " + (result.error_code or "")
else:
    try:
        import_zip(Store("sqlite://"), data)
        outcome = "imported"
    except ImportRefused as exc:
        outcome = "refused: " + str(exc)
seconds = time.perf_counter() - start
peak = high_water()
print(f"{{peak:.0f}}\\t{{base:.0f}}\\t{{seconds:.2f}}\\t{{outcome}}")
"""


def footprint_sheet(width: int, height: int, dtype: type, white: float) -> np.ndarray:
    """A white sheet with a dark foot-shaped blot, in ``dtype`` (so it compresses well)."""
    sheet = np.full((height, width), white, dtype=dtype)
    rows, cols = np.ogrid[:height, :width]
    for cy, cx, ry, rx in ((0.3, 0.5, 0.12, 0.1), (0.7, 0.5, 0.12, 0.08)):
        inside = ((rows - cy * height) / (ry * height)) ** 2 + (
            (cols - cx * width) / (rx * width)
        ) ** 2 <= 1
        sheet[inside] = dtype(white * 0.2)
    sheet[int(0.42 * height) : int(0.58 * height), int(0.47 * width) : int(0.53 * width)] = dtype(
        white * 0.2
    )
    return sheet


def make_images(folder: Path) -> dict[str, Path]:
    files = {}
    big = footprint_sheet(11_468, 7_680, np.uint16, 60_000)  # 88 megapixels
    path = folder / "gray16_88mp.png"
    Image.fromarray(big).save(path, compress_level=1)
    files["16-bit PNG, 88 MP"] = path
    del big
    floats = footprint_sheet(8_000, 5_800, np.float32, 1.0)  # 46 MP, 177 MB decoded
    path = folder / "float_46mp.tif"
    Image.fromarray(floats).save(path, compression="tiff_deflate")
    files["float TIFF, 46 MP"] = path
    del floats
    floats = footprint_sheet(11_468, 7_680, np.float32, 1.0)  # 88 MP, 352 MB decoded
    path = folder / "float_88mp.tif"
    Image.fromarray(floats).save(path, compression="tiff_deflate")
    files["float TIFF, 88 MP (refused)"] = path
    del floats
    rgb = np.stack([footprint_sheet(12_000, 10_000, np.uint8, 235)] * 3, axis=-1)  # 120 MP
    path = folder / "rgb_120mp.jpg"
    Image.fromarray(rgb).save(path, quality=85)
    files["JPEG, 120 MP (largest accepted)"] = path
    return files


def make_zip(folder: Path, size: int) -> Path:
    """A FootCheck export whose sessions.csv is ``size`` bytes of repeated rows."""
    from footcheck.demo import create_demo
    from footcheck.store import Store
    from footcheck.transfer import export_zip
    from tests.test_transfer import zip_with_a_huge_member

    store = Store(f"sqlite:///{folder / 'src.db'}")
    if not store.list_profiles():
        create_demo(store, days=10, name="Demo")
    path = folder / f"bomb_{size >> 30}gib.zip"
    zip_with_a_huge_member(export_zip(store), size, path)
    return path


def measure(kind: str, path: Path) -> list[str]:
    code = MEASURE.format(root=str(ROOT), path=str(path), kind=kind)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip().split("\t")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-zip", action="store_true", help="images only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        cases = [("image", name, path) for name, path in make_images(folder).items()]
        if not args.skip_zip:
            for size in (1 << 30, 2 << 30):
                cases.append(
                    ("zip", f"zip with a {size >> 30} GiB sessions.csv", make_zip(folder, size))
                )
        print(f"(inputs made in {time.perf_counter() - started:.0f} s)")
        header = ("case", "file", "peak MB", "base MB", "cost MB", "s")
        print(
            f"{header[0]:36} {header[1]:>9} "
            + " ".join(f"{h:>8}" for h in header[2:])
            + "  outcome"
        )
        for kind, name, path in cases:
            peak, base, seconds, outcome = measure(kind, path)
            cost = float(peak) - float(base)
            size = path.stat().st_size / 2**20
            figures = f"{peak:>8} {base:>8} {cost:8.0f} {seconds:>8}"
            print(f"{name:36} {size:7.1f}MB {figures}  {outcome[:70]}")


if __name__ == "__main__":
    main()
