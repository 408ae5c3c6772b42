"""Placeholder until its issue lands."""

import streamlit as st

from ui.components import not_medical_advice, placeholder

st.title("Your suggested routine")
placeholder("Your suggested routine")
not_medical_advice()
