"""Placeholder until its issue lands."""

import streamlit as st

from ui.components import not_medical_advice, placeholder

st.title("The symptom questionnaire")
placeholder("The symptom questionnaire")
not_medical_advice()
