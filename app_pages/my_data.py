"""My data: export, import, delete, and a PDF report to take to a physiotherapist."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from footcheck.report import ReportError, clinician_report
from footcheck.store import ValidationError
from footcheck.store import validate as v
from footcheck.transfer import ImportRefused, ProfileConflict, export_zip, import_zip, parse_export
from footcheck.vocabulary import count_words
from ui.components import flash, literal, not_medical_advice
from ui.context import person_key, require_profile, select_profile, store

st.title("My data")
st.markdown(
    "Your health data is yours: take it with you, bring it back, erase it, or hand a "
    "clinician a clear summary."
)
profile = require_profile()
REPORT_KEY = person_key("report_pdf")

st.subheader("Report for your physiotherapist or doctor")
today = date.today()
period = st.date_input(
    "Period for adherence and pain",
    value=(today - timedelta(days=89), today),
    max_value=today,
    format="DD/MM/YYYY",
    key=person_key("report_period"),
)
st.caption("The report starts at your first record if that is later.")
if isinstance(period, tuple) and len(period) == 2:
    if st.button("Make the PDF report", key=person_key("make_report"),
                 icon=":material/description:"):  # fmt: skip
        with st.spinner("Writing the report..."):
            try:
                st.session_state[REPORT_KEY] = clinician_report(
                    store(), profile.name, period[0], period[1]
                )
            except ReportError as exc:
                st.error(str(exc))
    if st.session_state.get(REPORT_KEY):
        st.download_button(
            "Download the report",
            data=st.session_state[REPORT_KEY],
            file_name="footcheck-report.pdf",
            mime="application/pdf",
            key=person_key("download_report"),
        )
else:
    st.caption("Choose a start and an end date.")

st.subheader("Export")
scope = (
    st.segmented_control(
        "What to export",
        ["profile", "all"],
        default="profile",
        format_func={"profile": "This profile", "all": "All profiles"}.get,
        key=person_key("export_scope"),
    )
    or "profile"
)
# The prepared file belongs to the choice it was made for: switching the choice (or the
# profile) never leaves the other one's download button behind.
export_key = person_key(f"export_zip_{scope}")
if st.button("Prepare the export", key=person_key("prepare_export"),
             icon=":material/folder_zip:"):  # fmt: skip
    names = [profile.name] if scope == "profile" else None
    st.session_state[export_key] = export_zip(store(), names)
if st.session_state.get(export_key):
    st.download_button(
        "Download the zip (CSV files + manifest)",
        data=st.session_state[export_key],
        file_name=f"footcheck-export-{today.isoformat()}.zip",
        mime="application/zip",
        key=person_key(f"download_export_{scope}"),
    )
st.caption(
    "One CSV file per kind of data (arch tests, questionnaires, routines, sessions, exercises "
    "done, morning check-ins) and a manifest.json that describes every column. Texts that a "
    "spreadsheet could mistake for a formula start with an apostrophe."
)

st.subheader("Import")
upload = st.file_uploader("A FootCheck export (.zip)", type=["zip"], key=person_key("import_zip"))
if upload is not None:
    data = upload.getvalue()
    try:
        parsed = parse_export(data)
    except ImportRefused as exc:
        st.error(f"**This file cannot be imported; nothing was changed.** {literal(exc)}")
    else:
        names = [row.values["name"] for row in parsed.profiles]
        counts = {name: len(rows) for name, rows in parsed.tables.items()}
        st.markdown(
            f"The file holds **{literal(', '.join(names)) or 'no profiles'}**: "
            f"{count_words(counts['sessions.csv'], 'session')}, "
            f"{count_words(counts['arch_tests.csv'], 'arch result')}, "
            f"{count_words(counts['questionnaires.csv'], 'questionnaire')}."
        )
        existing = {v.name_key(p.name): p.name for p in store().list_profiles()}
        clashes = [existing[v.name_key(n)] for n in names if v.name_key(n) in existing]
        mode = None
        if clashes:
            verb = "already exists" if len(clashes) == 1 else "already exist"
            mode = st.radio(
                f"{literal(', '.join(clashes))} {verb} here. What should happen?",
                ["merge", "replace"],
                index=None,
                format_func={
                    "merge": "Merge: add what is new, keep what is already here",
                    "replace": "Replace: erase their data here and use the file's",
                }.get,
                key=person_key("import_mode"),
            )
        if st.button(
            "Import",
            type="primary",
            disabled=bool(clashes) and mode is None,
            key=person_key("do_import"),
        ):
            try:
                report = import_zip(store(), data, mode)
            except ProfileConflict as exc:
                st.warning(literal(exc))
            except ImportRefused as exc:
                st.error(f"**Import refused; nothing was changed.** {literal(exc)}")
            else:
                flash(f"Imported {literal(', '.join(report.profiles))}: {report.summary()}.")
                st.rerun()

st.subheader("Delete this profile")
with st.container(border=True):
    st.markdown(
        f"This erases **{literal(profile.name)}** and all of their arch tests, answers, "
        "routines and logs. It cannot be undone; export first if you may want them back."
    )
    typed = st.text_input(
        "Type the profile's name, exactly as shown above, to confirm",
        key=person_key("delete_confirm"),
    )
    if st.button(
        "Delete everything for this profile",
        key=person_key("delete_profile"),
        disabled=typed != profile.name,
        icon=":material/delete_forever:",
    ):
        try:
            store().delete_profile(profile.id)
        except ValidationError as exc:  # deleted meanwhile in another session
            st.error(str(exc))
        else:
            select_profile(None)
            flash(f"Deleted {literal(profile.name)} and everything that belonged to them.")
            st.rerun()

not_medical_advice()
