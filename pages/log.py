"""Placeholder until its issue lands."""

import streamlit as st

from ui.components import not_medical_advice, placeholder

st.title("Session logging")
placeholder("Session logging")
not_medical_advice()
