"""Placeholder until its issue lands."""

import streamlit as st

from ui.components import not_medical_advice, placeholder

st.title("Progress charts")
placeholder("Progress charts")
not_medical_advice()
