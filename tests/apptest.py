"""Helpers for AppTest-driven page tests."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

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
    at.switch_page(f"app_pages/{page}.py")
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
