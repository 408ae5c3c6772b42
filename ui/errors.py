"""The error boundary around every page: a kind message on screen, the details in the log."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

import streamlit as st

from footcheck.store.migrations import NewerDatabase

log = logging.getLogger("footcheck.ui")
ERROR_MESSAGE = (
    "Sorry, something went wrong while drawing this page. Your saved data is safe. "
    "Try again, or pick another page; if it keeps happening, please tell us what you did."
)


def guarded(run: Callable[[], None]) -> None:
    """Run a page; an unexpected error becomes a friendly message, never a traceback.

    Set ``FOOTCHECK_DEBUG=1`` (the test suite does) to let errors through instead.
    """
    try:
        run()
    except NewerDatabase as exc:  # a clear, known reason: say it as it is
        st.error(str(exc), icon=":material/update:")
    except Exception:
        if os.environ.get("FOOTCHECK_DEBUG") == "1":
            raise
        log.exception("page failed")
        st.error(ERROR_MESSAGE, icon=":material/sentiment_dissatisfied:")
