"""Load the heavy parts of FootCheck in the background, once per server process.

The first page needs little; the arch test needs scipy and scikit-image and its reference
pictures, Progress needs Altair, the Routine page fpdf2 and icalendar. Preparing them while
the person reads the first page means their first tap on those pages does not wait."""

from __future__ import annotations

import gc
import importlib
import logging
import threading

import streamlit as st

from footcheck.vocabulary import ARCH_TYPES

HEAVY_MODULES = (
    "footcheck.imaging.analyze",
    "footcheck.imaging.overlay",
    "footcheck.charts",
    "footcheck.handout",
    "footcheck.report",
    "footcheck.transfer",
    "footcheck.reminders",
)


def _prepare() -> None:
    for name in HEAVY_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # the page that needs it will report the problem properly
            logging.getLogger(__name__).warning("warm-up could not import %s", name)
    try:
        from PIL import Image

        Image.init()  # Pillow loads its file-format plugins on first use: not on a first photo
        from footcheck.imaging.synth import reference_print

        for kind in ARCH_TYPES:
            reference_print(kind)  # drawn once, kept (the arch test shows all three)
    except Exception:
        logging.getLogger(__name__).warning("warm-up could not prepare the arch test")
    try:
        from footcheck import charts

        charts.prime()
    except Exception:
        logging.getLogger(__name__).warning("warm-up could not build a chart")
    # The imported modules live as long as the server: keep them out of every later garbage
    # collection, so that a collection only walks what the reruns create.
    gc.freeze()


@st.cache_resource(show_spinner=False)
def warm_up() -> threading.Thread:
    """Start (once per process) the background import of ``HEAVY_MODULES``."""
    thread = threading.Thread(target=_prepare, name="footcheck-warm-up", daemon=True)
    thread.start()
    return thread


BROWSER_WARMED_KEY = "footcheck_browser_warmed"
WARM_UP_KEY = "browser_warm_up"  # the hidden container's key (its CSS class: st-key-...)


def warm_up_browser() -> None:
    """Once per browser session, draw one of each element the pages use, out of sight, after
    the first page.

    Streamlit's browser code loads each kind of element the first time a page shows one (the
    table and chart code alone are some sixty files), and the first visit of each page waited
    for its kinds: the Arch test 0.45-0.55 s, where later visits take 0.15 s. Drawn while the
    person reads the first page, they are ready when a page needs them. They are drawn off
    screen rather than hidden with ``display: none``: an element without a size is loaded but
    never laid out, and the first real chart and table still paid for their first drawing."""
    if st.session_state.get(BROWSER_WARMED_KEY):
        return
    import numpy as np
    import pandas as pd

    with st.container(key=WARM_UP_KEY):
        st.html(
            f"<style>.st-key-{WARM_UP_KEY} {{ position: absolute; left: -10000px; top: 0; "
            "width: 600px; visibility: hidden; }</style>"
        )
        st.dataframe(pd.DataFrame({"x": [0]}), hide_index=True)
        st.vega_lite_chart(
            {
                "mark": "point",
                "data": {"values": [{"x": 0}]},
                "encoding": {"x": {"field": "x", "type": "quantitative"}},
            }
        )
        st.metric("x", 0)
        st.progress(0.5)  # the arch test's "how sure" bar
        st.image(np.zeros((2, 2), dtype=np.uint8))
        st.markdown("*x*")  # the italic font
        # Widgets are drawn in this one run only; nothing reads them.
        st.pills("x", ["x"], key="warm_pills")
        st.date_input("x", value=None, key="warm_date")
        st.time_input("x", value=None, key="warm_time")
        st.number_input("x", key="warm_number")
        st.text_input("x", key="warm_text")
        st.checkbox("x", key="warm_check")
        st.button("x", key="warm_button")
        st.download_button("x", b"", key="warm_download")
        st.file_uploader("x", key="warm_upload")
    st.session_state[BROWSER_WARMED_KEY] = True  # only once drawn: a rerun may cut a run short
