"""A real FootCheck server and a real Chromium (Debian's, never a downloaded one)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT
from ui.warmup import WARM_UP_KEY

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]


# A Streamlit rerun may still be on its way when an action returns: assertions wait for it.
expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("FOOTCHECK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing; CI requires the browser tests to run.")
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Server:
    """``streamlit run app.py`` on a free port, on the database ``db_url``."""

    def __init__(
        self,
        db_url: str,
        log_path: Path,
        env: dict[str, str] | None = None,
        args: list[str] | None = None,
        port: int | None = None,
    ):
        self.db_url = db_url
        self.port = port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, FOOTCHECK_DB_URL=self.db_url, **(env or {}))
        env.pop("FOOTCHECK_DEBUG", None)  # behave as in production
        self.log = open(log_path, "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "app.py",
                "--server.headless=true", "--server.address=127.0.0.1",
                f"--server.port={self.port}", "--browser.gatherUsageStats=false",
                "--server.fileWatcherType=none", *(args or []),
            ],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("the FootCheck server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture
def server(new_db_url, tmp_path: Path) -> Iterator[Server]:
    srv = Server(new_db_url(), tmp_path / "server.log")
    yield srv
    srv.stop()
    # pytest shows what a test printed only when it fails: then the server's own account of
    # an error a page reported kindly ("Sorry, something went wrong") is in the report.
    print((tmp_path / "server.log").read_text(errors="replace")[-6000:])


DESKTOP = {"width": 1280, "height": 2200}  # tall: Streamlit scrolls inside its own container
PHONE = {"width": 390, "height": 844}


def open_page(browser, url: str, viewport: dict[str, int] = DESKTOP, phone: bool = False):  # type: ignore[no-untyped-def]
    """A new browser session (its own cookies) at ``url``, once the first page is drawn.
    Returns the context (close it when done) and the page."""
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    wait_idle(page)
    return context, page


@pytest.fixture
def page(browser, server: Server) -> Iterator[object]:
    context, pg = open_page(browser, server.url)
    yield pg
    context.close()


# No placeholder skeleton left on screen. The hidden elements the first run draws to load
# their browser code ahead (ui/warmup.warm_up_browser) are not on screen: a person does not
# wait for them.
NO_SKELETON = f"""() => ![...document.querySelectorAll('[data-testid=stSkeleton]')]
  .some(s => !s.closest('.st-key-{WARM_UP_KEY}'))"""


def wait_idle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the script run finished and no placeholder skeleton is left on screen."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
    page.wait_for_function(NO_SKELETON)
    page.wait_for_timeout(150)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")


# Armed before an action: resolves when the app has gone ``running`` and back to
# ``notRunning`` with no skeleton left (polling alone can miss a fast rerun, or see the old
# page before the rerun starts), or with NaN after ``limit`` ms when no rerun came. A very
# fast page switch can show no ``running`` state at all (the browser draws the start and the
# end of the run at once; seen on My data, 75 ms): given the page's path, the switch is also
# done when the address shows that page and its content has changed.
ARM = """([limit, path]) => {
  window.__rerun = new Promise(resolve => {
    const app = document.querySelector('[data-testid=stApp]');
    let seenRunning = false, changed = false;
    const start = performance.now();
    const observer = new MutationObserver(records => {
      const state = app.getAttribute('data-test-script-state');
      changed = changed || records.some(r => r.type === 'childList');
      const arrived = path !== null && changed &&
        location.pathname.replace(/\\/$/, '').split('/').pop() === path;
      // A fast rerun can go running -> notRunning between two callbacks: the old value
      // in the records still shows it.
      if (state === 'running' || records.some(r => r.target === app &&
          r.attributeName === 'data-test-script-state' && r.oldValue === 'running')) {
        seenRunning = true;
      }
      if ((seenRunning || arrived) && state === 'notRunning' && (NO_SKELETON)()) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(app, {attributes: true, attributeOldValue: true, subtree: true,
                           childList: true});
    setTimeout(() => { observer.disconnect(); resolve(NaN); }, limit);
  });
}""".replace("NO_SKELETON", NO_SKELETON)


def rerun(page, action, limit_ms: int = 20_000, path: str | None = None) -> float:  # type: ignore[no-untyped-def]
    """Do ``action()`` and wait for the rerun it starts to finish; its milliseconds. ``path``:
    the page an action switches to (its address's last part, "" for Home)."""
    page.evaluate(ARM, [limit_ms, path])
    action()
    took = float(page.evaluate("() => window.__rerun"))
    wait_idle(page)
    return took


def upload_photo(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Choose a photo in the arch test's uploader and wait for what was measured."""
    uploader = page.get_by_test_id("stFileUploader").locator("input[type=file]")
    rerun(page, lambda: uploader.set_input_files(str(path)))
    page.get_by_text("What FootCheck measured").wait_for(timeout=60_000)


def assert_no_exception(page) -> None:  # type: ignore[no-untyped-def]
    assert page.locator("[data-testid=stException]").count() == 0, page.content()[:2000]
    assert page.get_by_text("Sorry, something went wrong").count() == 0


def create_profile(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Add a profile the way a person does: the "Add a profile" button above every page."""
    page.get_by_test_id("stPopover").get_by_role("button", name="Add a profile").click()
    form = page.get_by_test_id("stPopoverBody")
    form.get_by_label("Name").fill(name)
    rerun(page, form.get_by_role("button", name="Create profile").click)


def switch_profile(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Pick another person in the "Whose feet?" box above every page."""
    picker = page.get_by_test_id("stSelectbox").filter(has_text="Whose feet?")
    picker.scroll_into_view_if_needed()  # the bar sits at the top; a person scrolls up first
    page.wait_for_timeout(300)  # let a smooth scroll settle before the tap
    picker.click()
    rerun(page, page.get_by_role("option", name=name, exact=True).click)


def go_to(page, title: str) -> None:  # type: ignore[no-untyped-def]
    """Navigate by the page links, keeping the session (a URL visit would start a new one).

    On a wide screen the links run along the top; on a phone they sit in a menu."""
    bar = page.locator(".st-key-nav_bar")
    if bar.is_visible():
        link = bar.get_by_role("link", name=title, exact=True)
    else:
        page.locator(".st-key-nav_phone").get_by_test_id("stPopoverButton").click()
        wait_idle(page)
        link = page.get_by_test_id("stPopoverBody").get_by_role("link", name=title, exact=True)
    # The page already shown may not rerun.
    rerun(page, link.click, limit_ms=5_000, path=page_path(link))


def page_path(link) -> str:  # type: ignore[no-untyped-def]
    """The last part of a page link's address ("" for Home), as ``rerun`` takes it."""
    return urlparse(link.get_attribute("href") or "").path.rstrip("/").split("/")[-1]
