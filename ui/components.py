"""Small pieces of screen that several pages share."""

from __future__ import annotations

import streamlit as st

from footcheck import DISCLAIMER


def page_header(title: str, intro: str | None = None) -> None:
    st.title(title)
    if intro:
        st.markdown(intro)


def not_medical_advice() -> None:
    """The short line every page carries at its foot."""
    st.divider()
    st.caption(DISCLAIMER)


def placeholder(what: str) -> None:
    st.info(f"{what} is being built and will appear here soon.", icon=":material/construction:")
