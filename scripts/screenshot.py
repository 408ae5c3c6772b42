"""Take the README screenshot: the arch test page with a measured print, in real Chromium.

Run: .venv/bin/python scripts/screenshot.py   (writes docs/screenshot.png)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from footcheck.demo import create_demo  # noqa: E402
from footcheck.imaging.synth import FootShape, Placement, Scene, encode, with_arch_index  # noqa: E402
from footcheck.store import Store  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Server, go_to, wait_idle  # noqa: E402


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


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server = Server(folder / "shot.db")
        try:
            create_demo(Store(server.db_url), days=120, name="Sam")
            photo(folder / "feet.jpg")
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 1900})
                page.goto(server.url)
                wait_idle(page)
                go_to(page, "Arch test")
                page.get_by_text("How to do the test").click()  # fold the instructions
                wait_idle(page)
                uploader = page.get_by_test_id("stFileUploader").locator("input[type=file]")
                uploader.set_input_files(str(folder / "feet.jpg"))
                wait_idle(page)
                page.get_by_text("What FootCheck measured").wait_for(timeout=30_000)
                page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))
                browser.close()
        finally:
            server.stop()
    print("wrote docs/screenshot.png")


if __name__ == "__main__":
    main()
