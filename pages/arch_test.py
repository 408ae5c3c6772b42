"""Arch test: the wet-foot test, step by step; photo or camera; answers; result; history."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import streamlit as st

from footcheck import analyze_imprint, charts
from footcheck.imaging.overlay import THUMBNAIL_SIDE, overlay_bytes
from footcheck.imaging.synth import reference_print
from footcheck.indices import RANGES
from footcheck.selfreport import (
    ARCH_WORDS,
    HONEST_NOTE,
    QUESTIONS,
    decide,
    self_reported_type,
    side_difference,
)
from footcheck.store import ArchTestRecord, ValidationError
from ui.components import not_medical_advice
from ui.context import require_profile, store

UPLOAD_TYPES = ["jpg", "jpeg", "png", "webp", "heic", "heif", "gif", "tif", "tiff", "bmp"]
SAVED_KEY = "arch_saved_signatures"


@st.cache_data(show_spinner=False, max_entries=64)
def analyse(data: bytes) -> dict[str, Any]:
    """The engine's answer for one photo, keyed by its content: reruns never recompute."""
    result = analyze_imprint(data)
    return {
        "error": result.error,
        "feet": [
            {**foot.to_dict(), "confidence": foot.confidence, "axis": foot.axis_method}
            for foot in result.feet
        ],
        "overlay": overlay_bytes(data, result),
        "thumbnail": overlay_bytes(data, result, THUMBNAIL_SIDE, "PNG") if result.ok else None,
    }


@st.cache_data(show_spinner=False)
def references() -> dict[str, bytes]:
    return {kind: reference_print(kind) for kind in ("high", "normal", "flat")}


st.title("Arch test")
st.markdown(
    "The wet-foot test shows how much of your sole touches the ground when you stand. It takes "
    "five minutes and a photo; FootCheck measures the print and shows you what it measured."
)
profile = require_profile()

with st.expander("How to do the test", expanded=True, icon=":material/water_drop:"):
    st.markdown(
        "1. Pour a thin layer of water into a tray or baking dish.\n"
        "2. Lay a piece of cardboard or a flattened brown paper bag on the floor next to it.\n"
        "3. Step into the water with one foot so the whole sole is wet.\n"
        "4. Step onto the cardboard and **stand on it with your normal weight** for a "
        "moment -- do not tiptoe or press.\n"
        "5. Step straight off, and do the same with the other foot beside the first print.\n"
        "6. Photograph the prints **right away, from straight above**, in good even light, "
        "with the whole prints and some cardboard around them in the frame."
    )
    pictures = references()
    for column, kind in zip(st.columns(3), ("high", "normal", "flat"), strict=True):
        column.image(pictures[kind], caption=f"{kind.capitalize()} arch", width="stretch")

st.subheader("1. Your photo")
upload_tab, camera_tab = st.tabs(["Upload a photo", "Use the camera"])
with upload_tab:
    uploaded = st.file_uploader(
        "A photo with one foot, or both feet side by side",
        type=UPLOAD_TYPES,
        key="print_upload",
        help="Phone photos are fine; very large files are shrunk automatically.",
    )
with camera_tab:
    snapshot = st.camera_input("Hold the camera straight above the print", key="print_camera")
photo = uploaded if uploaded is not None else snapshot

analysis: dict[str, Any] | None = None
digest = None
if photo is not None:
    data = photo.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    with st.spinner("Measuring your print..."):
        analysis = analyse(data)
    if analysis["error"]:
        st.warning(f"**We could not measure this photo.** {analysis['error']}",
                   icon=":material/photo_camera:")  # fmt: skip
        st.caption("You can retake the photo, or carry on with the questions below on their own.")
    elif analysis["overlay"]:
        st.image(
            analysis["overlay"],
            caption="What FootCheck measured: outline (green), toes (orange), the foot axis "
            "(black), the thirds A-B-C (purple) and the narrowest midfoot (red), widest "
            "forefoot (blue) and heel (violet) widths.",
            width=720,
        )

st.subheader("2. A few questions")
for column, kind in zip(st.columns(6)[:3], ("high", "normal", "flat"), strict=True):
    column.image(references()[kind], caption=f"{kind.capitalize()} arch", width="stretch")
answers: dict[str, Any] = {}
for key, (question, options) in QUESTIONS.items():
    answers[key] = st.radio(
        question,
        list(options),
        index=None,
        format_func=options.get,
        horizontal=True,
        key=f"arch_q_{key}",
    )
report = self_reported_type(answers)

st.subheader("3. Your result")
feet: list[dict[str, Any]] = list(analysis["feet"]) if analysis and not analysis["error"] else []
if not feet and report.arch_type is None:
    st.info("Add a photo or answer the questions to see a result.")
    not_medical_advice()
    st.stop()

if feet:
    for index, foot in enumerate(feet):
        if foot["side"] is None:
            foot["side"] = st.radio(
                f"Which foot is print {index + 1} (counting from the left of the photo)?",
                ["left", "right"],
                index=None,
                horizontal=True,
                key=f"side_{index}_{digest}",
            )
else:
    chosen = st.radio(
        "Which foot do your answers describe?",
        ["both", "left", "right"],
        format_func={"both": "Both feet", "left": "Left foot", "right": "Right foot"}.get,
        horizontal=True,
        key="answers_side",
    )
    sides = ["left", "right"] if chosen == "both" else [chosen]
    feet = [{"side": side, "arch_type": None} for side in sides]

records: list[ArchTestRecord] = []
for foot in feet:
    decision = decide(foot.get("arch_type"), foot.get("confidence", 0.0), foot.get("quality", 0.0),
                      report)  # fmt: skip
    side = foot["side"]
    label = f"{side.capitalize()} foot" if side else "Foot"
    with st.container(border=True):
        st.markdown(f"#### {label}: {ARCH_WORDS[decision.arch_type]}")
        st.progress(decision.confidence, text=f"How sure: {decision.confidence * 100:.0f}%")
        st.caption(decision.note)
        if foot.get("arch_index") is not None:
            c1, c2, c3 = st.columns(3)
            c1.metric("Arch Index", f"{foot['arch_index']:.3f}", help=RANGES["arch_index"])
            c2.metric("Chippaux-Smirak", f"{foot['chippaux_smirak'] * 100:.0f}%",
                      help=RANGES["chippaux_smirak"])  # fmt: skip
            c3.metric("Staheli", f"{foot['staheli']:.2f}", help=RANGES["staheli"])
            st.caption(
                f"{RANGES['arch_index']} Photo quality: {foot['quality'] * 100:.0f}%"
                + ("" if foot.get("axis") == "second_toe" else
                   " (the toes were unclear, so the foot's axis was estimated from its shape).")
            )  # fmt: skip
    if side in ("left", "right"):
        records.append(
            ArchTestRecord(
                foot=side,
                arch_type=decision.arch_type,
                source=decision.source,
                confidence=decision.confidence,
                test_date=date.today(),
                arch_index=foot.get("arch_index"),
                chippaux_smirak=foot.get("chippaux_smirak"),
                staheli=foot.get("staheli"),
                quality=foot.get("quality"),
                self_reported_type=report.arch_type,
                answers={k: v for k, v in answers.items() if v is not None},
                image_sha256=digest,
                thumbnail_png=analysis["thumbnail"] if analysis and not analysis["error"] else None,
            )
        )

by_side = {r.foot: r.arch_index for r in records}
difference = side_difference(by_side.get("left"), by_side.get("right"))
if difference:
    st.info(difference, icon=":material/compare_arrows:")
st.caption(HONEST_NOTE)

signature = (digest, tuple(sorted((r.foot, r.arch_type) for r in records)), str(answers))
saved = st.session_state.setdefault(SAVED_KEY, set())
if len({r.foot for r in records}) != len(records):
    st.warning("Two prints were given the same side; please check which foot is which.")
elif records and signature in saved:
    st.success("Saved to your history.")
elif records and st.button("Save this result", type="primary", key="save_arch"):
    try:
        store().add_arch_tests(profile.id, records)
    except ValidationError as exc:
        st.error(str(exc))
    else:
        saved.add(signature)
        st.success("Saved to your history. Your routine now uses this result.")

st.divider()
st.subheader("Your history")
history = store().arch_tests(profile.id)
if history.empty:
    st.caption("Saved results appear here, so you can see whether your prints change.")
else:
    table = history.assign(
        test_date=history["test_date"].dt.date,
        confidence=(history["confidence"] * 100).round().astype(int).astype(str) + "%",
    )[["test_date", "foot", "arch_type", "arch_index", "chippaux_smirak", "staheli", "source",
       "confidence"]]  # fmt: skip
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            "test_date": "Date",
            "foot": "Foot",
            "arch_type": "Arch",
            "arch_index": st.column_config.NumberColumn("AI", format="%.3f"),
            "chippaux_smirak": st.column_config.NumberColumn("CSI", format="%.2f"),
            "staheli": st.column_config.NumberColumn("Staheli", format="%.2f"),
            "source": "From",
            "confidence": "How sure",
        },
    )
    if history["arch_index"].notna().any():
        st.altair_chart(charts.arch_history_chart(history), width="stretch")
    with st.expander("Delete an entry"):
        choices = {
            int(row.id): f"{row.test_date:%d %b %Y} - {row.foot} - {row.arch_type}"
            for row in history.itertuples()
        }
        victim = st.selectbox("Entry", list(choices), format_func=choices.get, key="arch_delete")
        if st.button("Delete", key="arch_delete_button"):
            store().delete_arch_test(profile.id, victim)
            st.rerun()

not_medical_advice()
