"""On a phone (390 x 844): every page fits the screen, and the menu closes after a tap."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from footcheck.demo import create_demo
from footcheck.store import QuestionnaireRecord, Store
from tests.e2e.conftest import PHONE, assert_no_exception, go_to, open_page
from tests.test_questionnaire import complete

PAGES = ["Home", "Arch test", "Symptoms", "Routine", "Log", "Progress", "My data"]

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('[data-testid=stMain] *')]
    .filter(e => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length)
    .filter(e => !e.closest('[data-testid=stVegaLiteChart] canvas, .vega-embed'))
    .map(e => (e.getAttribute('data-testid') || e.tagName) + ' ' + (e.innerText || '')
      .slice(0, 40));
  const scroller = document.querySelector('[data-testid=stMain]');
  return {
    page: document.documentElement.scrollWidth - width,
    main: scroller ? scroller.scrollWidth - scroller.clientWidth : 0,
    wide: wide.slice(0, 5),
  };
}"""


@pytest.fixture
def phone(browser, server):  # type: ignore[no-untyped-def]
    store = Store(server.db_url)
    summary = create_demo(store, days=120, name="Pat")
    store.add_questionnaire(
        summary.profile_id, QuestionnaireRecord(date.today(), complete(), "none", [])
    )
    context, page = open_page(browser, server.url, PHONE, phone=True)
    yield page
    context.close()


def test_every_page_fits_a_phone_screen_without_sideways_scrolling(phone) -> None:
    for title in PAGES:
        go_to(phone, title)
        assert_no_exception(phone)
        found = phone.evaluate(OVERFLOW)
        assert found["page"] <= 0 and found["main"] <= 0, (title, found)


def test_the_page_menu_closes_after_a_tap(phone) -> None:
    expect(phone.locator(".st-key-nav_bar")).to_be_hidden()  # no room for the bar
    go_to(phone, "Progress")  # opens the menu and taps Progress
    expect(phone.get_by_test_id("stPopoverBody")).to_have_count(0)  # the menu closed itself
    expect(phone.get_by_role("heading", name="Progress")).to_be_visible()
    expect(phone.get_by_test_id("stSidebar")).to_have_count(0)  # and no sidebar over the page
