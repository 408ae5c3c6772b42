"""Placeholder until its issue lands."""

import streamlit as st

from ui.components import not_medical_advice, placeholder

st.title("Export, import and reports")
placeholder("Export, import and reports")
not_medical_advice()
