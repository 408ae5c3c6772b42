"""Screenshots in real Chromium: the README's arch test picture, or every page to look at.

Run: .venv/bin/python scripts/screenshot.py                 (writes docs/screenshot.png)
     .venv/bin/python scripts/screenshot.py --pages DIR     (every page, desktop 1280 px and
                                                             phone 390 px, into DIR)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from footcheck.demo import create_demo  # noqa: E402
from footcheck.imaging.synth import FootShape, Placement, Scene, encode, with_arch_index  # noqa: E402
from footcheck.store import Store  # noqa: E402
from tests.e2e.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    Server,
    go_to,
    open_page,
    upload_photo,
)


def photo(path: Path) -> None:
    left = with_arch_index(FootShape(side="left"), 0.27)
    right = with_arch_index(FootShape(side="right"), 0.23)
    scene = Scene(
        width=1600,
        height=1200,
        surface="cardboard",
        contrast=0.32,
        mottle=0.25,
        light_gradient=0.12,
        text=True,
    )
    scene.feet = [(left, Placement(590, 1000, -4, 3.2)), (right, Placement(1010, 1000, 5, 3.2))]
    path.write_bytes(encode(scene))


PAGES = ["Home", "Arch test", "Symptoms", "Routine", "Log", "Progress", "My data"]
SIZES = {"desktop": (1280, 2400), "phone": (390, 3200)}  # tall: Streamlit scrolls inside


@contextmanager
def demo_browser() -> Iterator[tuple[object, str, Path]]:
    """A server with four months of demo history, Debian's Chromium, and a photo to upload."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server = Server(f"sqlite:///{folder / 'shot.db'}", folder / "server.log")
        try:
            create_demo(Store(server.db_url), days=120, name="Sam")
            photo(folder / "feet.jpg")
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                yield browser, server.url, folder / "feet.jpg"
                browser.close()
        finally:
            server.stop()


def every_page(out: Path) -> None:
    """Each page at both sizes; the arch test with a measured photo."""
    out.mkdir(parents=True, exist_ok=True)
    with demo_browser() as (browser, url, feet):
        for size, (width, height) in SIZES.items():
            viewport = {"width": width, "height": height}
            context, page = open_page(browser, url, viewport, phone=size == "phone")
            for title in PAGES:
                go_to(page, title)
                if title == "Arch test":
                    upload_photo(page, feet)
                name = title.lower().replace(" ", "_")
                page.screenshot(path=str(out / f"{name}_{size}.png"))
            context.close()
    print(f"wrote {len(PAGES) * len(SIZES)} screenshots to {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, help="shoot every page into this folder")
    args = parser.parse_args()
    if args.pages:
        every_page(args.pages)
        return
    with demo_browser() as (browser, url, feet):
        context, page = open_page(browser, url, {"width": 1280, "height": 1900})
        go_to(page, "Arch test")
        upload_photo(page, feet)
        page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))
        context.close()
    print("wrote docs/screenshot.png")


if __name__ == "__main__":
    main()
