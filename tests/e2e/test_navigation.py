"""A person creates a profile and visits every page through the page links."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, create_profile, go_to
from ui.warmup import WARM_UP_KEY

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


def test_a_link_to_a_page_opens_it_in_the_frame_even_as_a_fresh_servers_first_visit(
    browser, server
) -> None:
    """A bookmark to the arch test, opened before anyone else has visited: the page comes with
    the page links, the profile bar and the rest of the frame (it once ran alone, without the
    sign-in and the error boundary, under a sidebar of file names)."""
    from tests.e2e.conftest import open_page

    context, page = open_page(browser, f"{server.url}/arch_test")
    try:
        expect(page.get_by_role("heading", name="Arch test")).to_be_visible()
        expect(page.locator(".st-key-nav_bar").get_by_role("link", name="Symptoms")).to_be_visible()
        expect(
            page.get_by_test_id("stPopover").get_by_role("button", name="Add a profile")
        ).to_be_visible()
        assert page.get_by_test_id("stSidebarNav").count() == 0
        assert_no_exception(page)
    finally:
        context.close()


def test_the_add_profile_form_closes_once_a_profile_is_made(page) -> None:
    """A household adds two people one after the other; the form does not stay open, empty,
    over the page after each (it did: a second tap on "Add a profile" then closed it)."""
    create_profile(page, "Ana")
    expect(page.get_by_test_id("stPopoverBody").get_by_label("Name")).to_be_hidden()
    create_profile(page, "Ben")
    expect(page.get_by_test_id("stPopoverBody").get_by_label("Name")).to_be_hidden()
    expect(page.get_by_text("Where you are, Ben")).to_be_visible()  # the new person is chosen
    assert_no_exception(page)


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


# The code files of the elements the later pages show, in Streamlit's browser bundle (names
# without their hash).
HEAVY_CODE = (
    "DataFrame.",
    "ArrowVegaLiteChart.",
    "Metric.",
    "ProgressBar.",
    "DateInput.",
    "TimeInput.",
    "NumberInput.",
    "TextInput.",
    "Checkbox.",
    "Button.",
    "DownloadButton.",
    "FileUploader.",
    "ImageList.",
)


def test_the_first_page_loads_the_heavy_elements_code_for_the_pages_that_follow(page) -> None:
    """The first page shows no table, chart, upload box or number field, yet their browser
    code is fetched while the person reads it, out of sight: the first visit of each later
    page used to wait for its own (the Arch test's first visit 0.45-0.55 s, later ones 0.15 s)."""
    page.wait_for_function(
        """names => names.every(name => performance.getEntriesByType('resource')
             .some(entry => entry.name.split('/').pop().startsWith(name)))""",
        arg=list(HEAVY_CODE),
        timeout=20_000,
    )
    assert page.get_by_test_id("stDataFrame").count() == 1  # the hidden one
    warm_up = page.locator(f".st-key-{WARM_UP_KEY}")
    for element in ("stDataFrame", "stVegaLiteChart", "stFileUploader", "stNumberInput",
                    "stButton", "stCheckbox"):  # fmt: skip
        expect(warm_up.get_by_test_id(element)).to_have_count(1)
        expect(warm_up.get_by_test_id(element)).to_be_hidden()
    expect(page.get_by_text("Back, hip or knee pain")).to_be_visible()
    assert_no_exception(page)
