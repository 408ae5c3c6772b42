"""FootCheck: the router and the frame (profile bar, confirmations) around every page."""

import streamlit as st

from ui.account import require_sign_in
from ui.components import show_flash
from ui.errors import guarded
from ui.navigation import render_navigation
from ui.profile_bar import render_profile_bar
from ui.warmup import warm_up, warm_up_browser

st.set_page_config(
    page_title="FootCheck",
    page_icon=":material/footprint:",
    layout="wide",
    initial_sidebar_state="collapsed",
)

PAGES = [
    st.Page("app_pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("app_pages/arch_test.py", title="Arch test", icon=":material/footprint:"),
    st.Page("app_pages/symptoms.py", title="Symptoms", icon=":material/checklist:"),
    st.Page("app_pages/routine.py", title="Routine", icon=":material/fitness_center:"),
    st.Page("app_pages/log.py", title="Log", icon=":material/edit_calendar:"),
    st.Page("app_pages/progress.py", title="Progress", icon=":material/monitoring:"),
    st.Page("app_pages/my_data.py", title="My data", icon=":material/folder_shared:"),
]

page = st.navigation(PAGES, position="hidden")  # before sign-in too: no default page list
require_sign_in()  # hosted mode only (an [auth] section in the secrets)
render_navigation(PAGES, page)  # a bar on a wide screen, a menu that closes after a tap on a phone
guarded(render_profile_bar)
show_flash()  # the confirmation of what was just saved or deleted, on whatever page follows
try:
    guarded(page.run)
finally:  # also when the page stops early
    warm_up()  # the heavy imports, in the background, after the first page is drawn
    warm_up_browser()  # and, hidden, the browser code of the heavy elements
