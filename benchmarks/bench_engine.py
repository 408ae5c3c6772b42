"""Footprint engine benchmark: accuracy on fresh synthetic prints, refusals, and speed.

Run: ``.venv/bin/python benchmarks/bench_engine.py`` (or ``make bench``). By default usable
scenes are seeds from 50000 on and unusable ones from 60000 on. Their failures have been looked
at while mending the engine (round 2), so they are no longer entirely fresh: ``--usable-from``
and ``--unusable-from`` pick seeds nobody has looked at (tuning used seeds below 1000).

Targets (issue 11): arch-type accuracy >= 97%, AI MAE <= 0.010, CSI and Staheli MAE <= 0.03,
left/right >= 98%, every unusable image refused, <= 1% of usable images refused, and a 12 MP
phone JPEG analysed no slower than Pillow fully decodes it (ratio <= 1).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from footcheck.imaging.analyze import analyze_imprint
from footcheck.imaging.evaluation import (
    UNUSABLE_KINDS,
    evaluate_unusable,
    evaluate_usable,
)
from footcheck.imaging.synth import random_scene, render


def phone_photo(seed: int = 7) -> bytes:
    """A 4000 x 3000 JPEG like a phone's: sensor noise, slight blur, quality 92."""
    scene = random_scene(seed, "usable")
    k = 4000 / scene.width if scene.width >= scene.height else 3000 / scene.width
    scene.width, scene.height = (4000, 3000) if scene.width >= scene.height else (3000, 4000)
    scene.feet = [
        (s, replace(p, heel_x=p.heel_x * k, heel_y=p.heel_y * k, px_per_mm=p.px_per_mm * k))
        for s, p in scene.feet
    ]
    scene.noise, scene.blur_px = 0.02, 1.2
    pixels = (render(scene) * 255 + 0.5).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "JPEG", quality=92)
    return buf.getvalue()


def speed(repeats: int) -> None:
    data = phone_photo()
    decode, analyse = [], []
    for _ in range(repeats):  # interleaved, so both see the same machine state
        start = time.perf_counter()
        Image.open(io.BytesIO(data)).load()
        decode.append(time.perf_counter() - start)
        start = time.perf_counter()
        result = analyze_imprint(data)
        analyse.append(time.perf_counter() - start)
    d, a = statistics.median(decode), statistics.median(analyse)
    print(f"speed: 12 MP JPEG ({len(data) / 1e6:.1f} MB), median of {repeats} runs")
    print(f"  Pillow full decode      {d * 1000:7.1f} ms")
    print(f"  FootCheck full analysis {a * 1000:7.1f} ms  (feet found: {len(result.feet)})")
    print(f"  ratio analysis/decode   {a / d:7.2f}   (target <= 1)")


def accuracy(count: int, first: int, style: str | None = None) -> None:
    start = time.perf_counter()
    report = evaluate_usable(range(first, first + count), style)
    s = report.summary()
    took = time.perf_counter() - start
    look = f" ({style} only)" if style else ""
    print(f"accuracy{look}: {s['images']} usable images, {s['feet']} feet ({took:.0f} s)")
    print(f"  arch-type accuracy   {s['type_accuracy'] * 100:6.1f} %   (target >= 97 %)")
    print(f"  Arch Index MAE       {s['ai_mae']:8.4f}   (target <= 0.010)")
    print(f"  Chippaux-Smirak MAE  {s['csi_mae']:8.4f}   (target <= 0.03)")
    print(f"  Staheli MAE          {s['staheli_mae']:8.4f}   (target <= 0.03)")
    print(f"  left/right accuracy  {s['side_accuracy'] * 100:6.1f} %   (target >= 98 %)")
    refused = s["refused_fraction"] * 100
    print(f"  usable refused       {refused:6.1f} %   (target <= 1 %) {report.refused}")
    print(f"  wrong number of feet {s['wrong_count']}")
    print(
        f"  wrong type at >= 80 % {s['confident_misses']:6}     (a wrong answer never sure) "
        f"{report.confident_misses}"
    )
    print(f"  mean analysis time   {statistics.mean(report.seconds) * 1000:6.1f} ms per image")
    if not style:
        print("  by look (Arch Index: mean signed error, then mean absolute error)")
        for name, look in report.by_look().items():
            print(
                f"    {name:10} {look.feet:4} feet  type {look.type_accuracy * 100:5.1f} %  "
                f"bias {look.ai_bias:+.4f}  MAE {look.ai_mae:.4f}"
            )


def refusals(per_kind: int, first: int) -> None:
    print(f"refusals: {per_kind} generated unusable images per kind")
    for number, kind in enumerate(UNUSABLE_KINDS):
        seeds = range(first + 1000 * number, first + 1000 * number + per_kind)
        refused, accepted = evaluate_unusable(kind, seeds)
        print(f"  {kind:14} refused {refused:3}/{len(seeds)}  accepted seeds: {accepted}")
    broken = {
        "empty file": b"",
        "text file": b"hello, this is not a picture",
        "truncated JPEG": phone_photo()[:50_000],
    }
    for name, data in broken.items():
        result = analyze_imprint(data)
        print(f"  {name:14} {'refused' if not result.ok else 'ACCEPTED'}: {result.error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=200, help="usable images to score")
    parser.add_argument("--per-kind", type=int, default=30, help="unusable images per kind")
    parser.add_argument("--repeats", type=int, default=9, help="speed repetitions")
    parser.add_argument("--usable-from", type=int, default=50_000, help="first usable seed")
    parser.add_argument("--unusable-from", type=int, default=60_000, help="first unusable seed")
    args = parser.parse_args()
    speed(args.repeats)
    accuracy(args.images, args.usable_from)
    # Powder on dark card is drawn only when asked for (the other looks keep their seeds).
    accuracy(max(1, args.images // 4), args.usable_from, "powder")
    refusals(args.per_kind, args.unusable_from)


if __name__ == "__main__":
    main()
