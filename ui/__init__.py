"""Streamlit helpers shared by ``app.py`` and ``app_pages/``: the only UI code outside the pages.

``footcheck/`` stays free of Streamlit; everything here is about widgets, session state and
caching, and calls into ``footcheck`` for every decision.
"""
