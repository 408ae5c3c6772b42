"""My data: export, import, delete, and a PDF report to take to a physiotherapist."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from footcheck.report import clinician_report
from footcheck.transfer import ImportRefused, ProfileConflict, export_zip, import_zip, parse_export
from ui.components import not_medical_advice
from ui.context import require_profile, select_profile, store

st.title("My data")
st.markdown(
    "Your health data is yours: take it with you, bring it back, erase it, or hand a "
    "clinician a clear summary. Everything stays in the database on this computer."
)
profile = require_profile()
REPORT_KEY = f"report_pdf_{profile.id}"
EXPORT_KEY = f"export_zip_{profile.id}"

st.subheader("Report for your physiotherapist or doctor")
today = date.today()
period = st.date_input(
    "Period for adherence and pain",
    value=(today - timedelta(days=89), today),
    max_value=today,
    format="DD/MM/YYYY",
    key="report_period",
)
if isinstance(period, tuple) and len(period) == 2:
    if st.button("Make the PDF report", key="make_report", icon=":material/description:"):
        with st.spinner("Writing the report..."):
            st.session_state[REPORT_KEY] = clinician_report(
                store(), profile.name, period[0], period[1]
            )
    if st.session_state.get(REPORT_KEY):
        st.download_button(
            "Download the report",
            data=st.session_state[REPORT_KEY],
            file_name=f"footcheck-report-{profile.name}.pdf",
            mime="application/pdf",
            key="download_report",
        )
else:
    st.caption("Choose a start and an end date.")

st.subheader("Export")
scope = st.radio(
    "What to export",
    ["profile", "all"],
    format_func={"profile": f"{profile.name}'s data", "all": "All profiles"}.get,
    horizontal=True,
    key="export_scope",
)
if st.button("Prepare the export", key="prepare_export", icon=":material/folder_zip:"):
    names = [profile.name] if scope == "profile" else None
    st.session_state[EXPORT_KEY] = export_zip(store(), names)
if st.session_state.get(EXPORT_KEY):
    st.download_button(
        "Download the zip (CSV files + manifest)",
        data=st.session_state[EXPORT_KEY],
        file_name=f"footcheck-export-{today.isoformat()}.zip",
        mime="application/zip",
        key="download_export",
    )
st.caption(
    "One CSV file per kind of data (arch tests, questionnaires, routines, sessions, exercises "
    "done, morning check-ins) and a manifest.json that describes every column."
)

st.subheader("Import")
upload = st.file_uploader("A FootCheck export (.zip)", type=["zip"], key="import_zip")
if upload is not None:
    data = upload.getvalue()
    try:
        parsed = parse_export(data, store().exercise_ids)
    except ImportRefused as exc:
        st.error(f"**This file cannot be imported; nothing was changed.** {exc}")
    else:
        names = [p["name"] for p in parsed.profiles]
        counts = {name: len(rows) for name, rows in parsed.tables.items()}
        st.markdown(
            f"The file holds **{', '.join(names) or 'no profiles'}**: "
            f"{counts['sessions.csv']} sessions, {counts['arch_tests.csv']} arch results, "
            f"{counts['questionnaires.csv']} questionnaires."
        )
        existing = {p.name.lower() for p in store().list_profiles()}
        clashes = [n for n in names if n.lower() in existing]
        mode = None
        if clashes:
            mode = st.radio(
                f"{', '.join(clashes)} already exist here. What should happen?",
                ["merge", "replace"],
                index=None,
                format_func={
                    "merge": "Merge: add what is new, keep what is already here",
                    "replace": "Replace: erase their data here and use the file's",
                }.get,
                key="import_mode",
            )
        if st.button(
            "Import", type="primary", disabled=bool(clashes) and mode is None, key="do_import"
        ):
            try:
                report = import_zip(store(), data, mode)
            except ProfileConflict as exc:
                st.warning(str(exc))
            except ImportRefused as exc:
                st.error(f"**Import refused; nothing was changed.** {exc}")
            else:
                added = sum(report.added.values())
                st.success(f"Imported {', '.join(report.profiles)} ({added} rows added).")

st.subheader("Delete this profile")
with st.container(border=True):
    st.markdown(
        f"This erases **{profile.name}** and all of their arch tests, answers, routines and "
        "logs from this computer. It cannot be undone; export first if you may want them back."
    )
    typed = st.text_input(f"Type {profile.name} to confirm", key="delete_confirm")
    if st.button(
        "Delete everything for this profile",
        key="delete_profile",
        disabled=typed.strip() != profile.name,
    ):
        store().delete_profile(profile.id)
        select_profile(None)
        st.session_state.pop(EXPORT_KEY, None)
        st.session_state.pop(REPORT_KEY, None)
        st.rerun()

not_medical_advice()
