"""The page links: a bar along the top on a wide screen, a "Menu" button on a phone.

Streamlit's own top navigation folds into a sidebar on a narrow screen, and that sidebar stays
open over the page after a tap. Here the bar and the menu are both drawn, and a media query
shows the one that fits the screen; the menu closes itself after a tap."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

MENU_KEY = "nav_menu"
TOGGLED_KEY = "nav_menu_toggled"
PHONE_MAX_PX = 640

_STYLE = f"""<style>
@media (max-width: {PHONE_MAX_PX}px) {{ .st-key-nav_bar {{ display: none; }} }}
@media (min-width: {PHONE_MAX_PX + 1}px) {{ .st-key-nav_phone {{ display: none; }} }}
.st-key-nav_bar {{ gap: 0.25rem 1rem; }}
[data-testid=stMainBlockContainer] {{ padding-top: 4rem; }}
</style>"""


def _toggled() -> None:
    st.session_state[TOGGLED_KEY] = True


def render_navigation(pages: Sequence[st.Page], current: st.Page) -> None:
    # The menu stays open only for the rerun its own button started; a tap on a page (even
    # the current one) or anywhere else closes it.
    if not st.session_state.pop(TOGGLED_KEY, False):
        st.session_state[MENU_KEY] = False
    st.html(_STYLE)
    with st.container(horizontal=True, key="nav_bar"):
        for page in pages:
            st.page_link(page, width="content")
    with st.container(key="nav_phone"):
        menu = st.popover(current.title, icon=":material/menu:", key=MENU_KEY, on_change=_toggled)
        if menu.open:
            with menu:
                for page in pages:
                    st.page_link(page)
