"""Small pieces of screen that several pages share."""

from __future__ import annotations

import re
from typing import NoReturn

import streamlit as st

from footcheck import DISCLAIMER
from ui.warmup import warm_up_browser

# Everything Markdown (and Streamlit's extras: LaTeX between dollars, :emoji: and
# :material/icon: codes) would read as formatting.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$&=])")


def literal(text: object) -> str:
    """``text`` for use inside Markdown, shown exactly as typed: a profile called
    ``**bold** [link](http://x)`` stays those characters, never bold text and a live link."""
    escaped = _MARKDOWN.sub(r"\\\1", str(text))
    # ":word:" would become an emoji or an icon, even with a backslash; the character reference
    # of a colon shows a plain colon (and copies as one, unlike an invisible joiner).
    return escaped.replace(":", "&#58;")


def not_medical_advice() -> None:
    """The short line every page carries at its foot."""
    st.divider()
    st.caption(DISCLAIMER)


def end_page() -> NoReturn:
    """Stop the page here, still with its footer: used where a page has nothing more to show
    (no profile yet, a warning sign, nothing saved yet)."""
    not_medical_advice()
    # st.stop() drops anything drawn after it, so what app.py draws after every page comes
    # first (a newcomer's first page, with no profile yet, ends here).
    warm_up_browser()
    st.stop()
    raise AssertionError("st.stop() returned")  # pragma: no cover - for the type checker


FLASH_KEY = "footcheck_flash"


def flash(message: str, kind: str = "success") -> None:
    """A confirmation that survives the rerun that follows a save or a delete (a message drawn
    just before ``st.rerun()`` would vanish at once)."""
    st.session_state[FLASH_KEY] = (kind, message)


def show_flash() -> None:
    """Draw (once) the confirmation left by ``flash``."""
    item = st.session_state.pop(FLASH_KEY, None)
    if item:
        kind, message = item
        icon = {"success": ":material/check_circle:", "info": ":material/info:"}.get(kind)
        getattr(st, kind)(message, icon=icon)
