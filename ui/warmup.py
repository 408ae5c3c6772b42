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
    # The imported modules live as long as the server: keep them out of every later garbage
    # collection, so that a collection only walks what the reruns create.
    gc.freeze()


@st.cache_resource(show_spinner=False)
def warm_up() -> threading.Thread:
    """Start (once per process) the background import of ``HEAVY_MODULES``."""
    thread = threading.Thread(target=_prepare, name="footcheck-warm-up", daemon=True)
    thread.start()
    return thread
