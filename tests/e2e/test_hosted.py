"""Hosted mode in real Chromium: two app servers on one database, and sign-in through a real
OpenID Connect provider (``oidc-provider-mock``) started here on a free local port."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from footcheck.recommend import RecommendInput, recommend
from footcheck.store import QuestionnaireRecord, RoutineRecord, SessionEntry, Store
from tests.e2e.conftest import (
    Server,
    _free_port,
    assert_no_exception,
    create_profile,
    go_to,
    open_page,
    wait_idle,
)
from tests.test_questionnaire import complete

PAGES = ["Home", "Arch test", "Symptoms", "Routine", "Log", "Progress", "My data"]
URL_PATHS = ["", "arch_test", "symptoms", "routine", "log", "progress", "my_data"]


def _with_routine(store: Store, name: str) -> int:
    pid = store.create_profile(name).id
    store.add_questionnaire(pid, QuestionnaireRecord(date.today(), complete(), "none", []))
    plan = recommend(RecommendInput(equipment=("chair", "wall"), minutes_per_day=10))
    store.save_routine(pid, RoutineRecord(date.today(), plan, 3))
    return pid


def test_a_session_logged_on_one_server_shows_on_the_other_at_once(
    browser, new_db_url, tmp_path: Path
) -> None:
    url = new_db_url()
    pid = _with_routine(Store(url), "Lou")
    servers = [Server(url, tmp_path / f"server{i}.log") for i in (1, 2)]
    (first_context, first), (second_context, second) = (
        open_page(browser, srv.url) for srv in servers
    )
    contexts = [first_context, second_context]
    try:
        go_to(first, "Progress")  # server 1 has now drawn (and cached) an empty history
        expect(first.get_by_text("Nothing to show yet")).to_be_visible()

        go_to(second, "Log")
        second.get_by_role("button", name="I did the whole routine").click()
        wait_idle(second)
        second.get_by_text("Well done for showing up").wait_for()

        go_to(first, "Home")
        go_to(first, "Progress")
        expect(first.get_by_text("Nothing to show yet")).to_have_count(0)
        expect(first.get_by_text("1 session", exact=True).first).to_be_visible()
        go_to(first, "Log")
        expect(first.get_by_text("You already logged this day").first).to_be_visible()
        for pg in (first, second):
            assert_no_exception(pg)
        assert len(Store(url).sessions(pid)) == 1
    finally:
        for c in contexts:
            c.close()
        for srv in servers:
            srv.stop()


# -- sign-in -------------------------------------------------------------------------------


class Provider:
    """A local OpenID Connect provider: its sign-in form takes any subject ("sub")."""

    def __init__(self, log_path: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "oidc_provider_mock", "-p", str(self.port)],
            stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.metadata_url, timeout=2) as r:
                    self.issuer = json.load(r)["issuer"]
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the OpenID Connect provider did not start")

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.log.close()


@pytest.fixture
def hosted(new_db_url, tmp_path: Path) -> Iterator[Server]:
    """A FootCheck server with an ``[auth]`` section in its secrets."""
    provider = Provider(tmp_path / "provider.log")
    port = _free_port()
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a-long-random-string-for-the-test-only"\n'
        'client_id = "footcheck"\n'
        'client_secret = "footcheck-test-secret"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n'
    )
    srv = Server(
        new_db_url(), tmp_path / "server.log", args=[f"--secrets.files={secrets}"], port=port
    )
    srv.issuer = provider.issuer  # type: ignore[attr-defined]
    yield srv
    srv.stop()
    provider.stop()


def _sign_in(browser, server: Server, subject: str):  # type: ignore[no-untyped-def]
    context, page = open_page(browser, server.url)
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=sub]").fill(subject)  # the provider's own sign-in form
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{server.url}/**")
    wait_idle(page)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return context, page


SECRET_NOTE = "Annika's private note about her left heel"


def test_each_account_sees_and_exports_only_its_own_profiles(browser, hosted: Server) -> None:
    # Before signing in: a welcome and a sign-in button, on every address, and nothing else.
    stranger = browser.new_context()
    try:
        look = stranger.new_page()
        for path in URL_PATHS:
            look.goto(f"{hosted.url}/{path}")
            wait_idle(look)
            expect(look.get_by_role("button", name="Sign in")).to_be_visible()
            expect(look.get_by_text("Whose feet?")).to_have_count(0)
            expect(look.locator("[data-testid=stSidebarNav]")).to_have_count(0)
    finally:
        stranger.close()

    alice_context, alice = _sign_in(browser, hosted, "alice")
    bob_context, bob = _sign_in(browser, hosted, "bob")
    try:
        create_profile(alice, "Annika Zed")
        alice_store = Store(hosted.db_url).for_account(f"{hosted.issuer}|alice")
        [annika] = alice_store.list_profiles()
        alice_store.save_session(annika.id, SessionEntry(date.today(), [], note=SECRET_NOTE))

        create_profile(bob, "Bo")
        for title, path in zip(PAGES, URL_PATHS, strict=True):
            go_to(bob, title)  # by the links, in the same session
            _assert_only_bo(bob)
            bob.goto(f"{hosted.url}/{path}")  # by the address, in a new session
            wait_idle(bob)
            _assert_only_bo(bob)

        go_to(bob, "My data")
        bob.get_by_text("All profiles").click()
        wait_idle(bob)
        bob.get_by_role("button", name="Prepare the export").click()
        wait_idle(bob)
        with bob.expect_download() as download:
            bob.get_by_role("button", name="Download the zip").click()
        archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
        everything = b"".join(archive.read(name) for name in archive.namelist())
        assert b"Bo" in archive.read("profiles.csv")
        assert b"Annika" not in everything and b"private note" not in everything

        # Alice still has hers, and signing out ends the session.
        go_to(alice, "Log")
        _assert_people(alice, ["Annika Zed"])
        alice.get_by_role("button", name="Sign out").click()
        alice.get_by_role("button", name="End session").click()  # at the provider
        alice.wait_for_url(f"{hosted.url}/**")
        wait_idle(alice)
        expect(alice.get_by_role("button", name="Sign in")).to_be_visible()
        assert "Annika" not in alice.content()
    finally:
        alice_context.close()
        bob_context.close()
    assert [p.name for p in Store(hosted.db_url).list_profiles()] == []  # none local


def _assert_only_bo(page) -> None:  # type: ignore[no-untyped-def]
    html = page.content()
    assert "Annika" not in html and "private note" not in html
    _assert_people(page, ["Bo"])


def _assert_people(page, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    """The profile picker offers exactly these people."""
    assert_no_exception(page)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    picker = page.get_by_role("combobox", name="Whose feet?")
    picker.click()  # the list of people this account may pick
    expect(page.get_by_role("option")).to_have_text(names)
    page.keyboard.press("Escape")
