"""Placeholder until its issue lands."""

import streamlit as st

from ui.components import not_medical_advice, placeholder

st.title("The arch self-test")
placeholder("The arch self-test")
not_medical_advice()
