"""A person creates a profile and visits every page through the page links."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, create_profile, go_to

PAGES = ["Home", "Arch test", "Symptoms", "Routine", "Log", "Progress", "My data"]


def test_create_profile_and_visit_every_page(page) -> None:
    assert_no_exception(page)
    create_profile(page, "Robin")
    expect(page.get_by_text("Where you are, Robin")).to_be_visible()
    for title in PAGES:
        go_to(page, title)
        assert_no_exception(page)
        expect(page.get_by_text("not medical advice").first).to_be_visible()
    go_to(page, "Home")
    expect(page.get_by_text("Where you are, Robin")).to_be_visible()


def test_two_browser_sessions_share_the_database(browser, server) -> None:
    """Two sessions at once (two threads on the server) both read and write."""
    from tests.e2e.conftest import open_page, wait_idle

    contexts, pages = zip(*(open_page(browser, server.url) for _ in range(2)), strict=True)
    create_profile(pages[0], "First")
    create_profile(pages[1], "Second")
    for pg in pages:
        pg.reload()
        wait_idle(pg)
        assert_no_exception(pg)
        pg.get_by_text("Whose feet?").wait_for()
    for c in contexts:
        c.close()
