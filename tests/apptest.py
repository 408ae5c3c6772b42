"""Helpers for AppTest-driven page tests."""

from __future__ import annotations

import streamlit.testing.v1.app_test as _app_test_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


class _NavigationPagesManager(PagesManager):
    """AppTest resets ``uses_pages_directory`` before every run; because our pages live in
    ``pages/`` it then falls back to the old folder-based multipage mode and, on the second run,
    executes the page file alone, without ``app.py`` (no sidebar). The real server keeps the
    flag that ``st.navigation`` set; this restores that behaviour for tests."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


_app_test_module.PagesManager = _NavigationPagesManager  # type: ignore[misc]

TIMEOUT = 60


def open_app(profile_id: int | None = None) -> AppTest:
    """The whole app (router + sidebar), run once, optionally with a profile selected."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if profile_id is not None:
        at.session_state["footcheck_profile_id"] = profile_id
    at.run()
    return at


def open_page(page: str, profile_id: int | None = None) -> AppTest:
    at = open_app(profile_id)
    at.switch_page(f"pages/{page}.py")
    at.run()
    return at


def texts(at: AppTest) -> str:
    """Every piece of text on the screen, to search for what a person would read."""
    parts = []
    for kind in (
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "title",
        "header",
        "subheader",
        "text",
    ):
        parts.extend(str(el.value) for el in at.get(kind))
    return "\n".join(parts)


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert "Sorry, something went wrong" not in texts(at)


def pkey(at: AppTest, name: str) -> str:
    """The key of a widget that belongs to the selected profile (see ``ui.context.person_key``)."""
    return f"p{at.session_state['footcheck_profile_id']}:{name}"
