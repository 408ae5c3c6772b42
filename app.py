"""FootCheck: the router and the frame (sidebar) around every page."""

import streamlit as st

from ui.errors import guarded
from ui.sidebar import render_sidebar

st.set_page_config(page_title="FootCheck", page_icon=":material/footprint:", layout="wide")

PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("pages/arch_test.py", title="Arch test", icon=":material/footprint:"),
    st.Page("pages/symptoms.py", title="Symptoms", icon=":material/checklist:"),
    st.Page("pages/routine.py", title="Routine", icon=":material/fitness_center:"),
    st.Page("pages/log.py", title="Log", icon=":material/edit_calendar:"),
    st.Page("pages/progress.py", title="Progress", icon=":material/monitoring:"),
    st.Page("pages/my_data.py", title="My data", icon=":material/folder_shared:"),
]

page = st.navigation(PAGES)
guarded(render_sidebar)
guarded(page.run)
