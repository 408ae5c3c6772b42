"""Load the heavy parts of FootCheck in the background, once per server process.

The first page needs little; the arch test needs scipy and scikit-image, Progress needs
Altair, the Routine page fpdf2. Importing them while the person reads the first page means
their first tap on those pages does not wait for imports."""

from __future__ import annotations

import importlib
import logging
import threading

import streamlit as st

HEAVY_MODULES = (
    "footcheck.imaging.analyze",
    "footcheck.imaging.overlay",
    "footcheck.charts",
    "footcheck.handout",
    "footcheck.report",
    "footcheck.transfer",
)


def _import_all() -> None:
    for name in HEAVY_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # the page that needs it will report the problem properly
            logging.getLogger(__name__).warning("warm-up could not import %s", name)


@st.cache_resource(show_spinner=False)
def warm_up() -> threading.Thread:
    """Start (once per process) the background import of ``HEAVY_MODULES``."""
    thread = threading.Thread(target=_import_all, name="footcheck-warm-up", daemon=True)
    thread.start()
    return thread
