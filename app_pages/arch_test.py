"""Arch test: photograph a wet footprint, see what was measured, and (optionally) answer a few
questions. Reads as: analyse -> ask which side -> show -> save."""

from __future__ import annotations

import hashlib
from datetime import date

import streamlit as st

from footcheck.archtest import ArchOutcome, FootOutcome, arch_outcome, to_records
from footcheck.imaging.analyze import ImprintResult
from footcheck.imaging.overlay import THUMBNAIL_SIDE, analyse_and_draw, overlay_bytes
from footcheck.imaging.synth import reference_print
from footcheck.indices import INDEX_MEANINGS, format_index
from footcheck.selfreport import ARCH_QUESTIONS, HONEST_NOTE, side_difference
from footcheck.store import ValidationError
from footcheck.vocabulary import ARCH_TYPES, ARCH_WORDS
from ui import cached
from ui.components import flash, literal, not_medical_advice
from ui.context import current_profile, person_key, select_profile, store
from ui.errors import guarded

UPLOAD_TYPES = ["jpg", "jpeg", "png", "webp", "heic", "heif", "gif", "tif", "tiff", "bmp"]
SIDE_WORDS = {"left": "Left foot", "right": "Right foot"}


@st.cache_data(show_spinner=False, max_entries=32)
def analyse(data: bytes) -> tuple[ImprintResult, bytes | None]:
    """The engine's frozen result for one photo, with its overlay (JPEG, for the page); keyed
    by content, so reruns never recompute. The history's thumbnail is made only on saving."""
    return analyse_and_draw(data)


def sure_words(confidence: float) -> str:
    if confidence >= 0.8:
        return "fairly sure"
    if confidence >= 0.6:
        return "moderately sure"
    return "not sure"  # the reasons are listed under the card


def show_foot(index: int, foot: FootOutcome, digest: str | None) -> str | None:
    """One foot's result card; asks which foot it is when the photo could not tell."""
    side = foot.side
    with st.container(border=True):
        if foot.measured is not None and foot.measured.side is None:
            side = st.segmented_control(
                f"Which foot is print {index + 1}, counting from the left of the photo?",
                list(SIDE_WORDS),
                format_func=SIDE_WORDS.get,
                key=person_key(f"side_{index}_{digest}"),
            )
        title = SIDE_WORDS.get(side or "", f"Print {index + 1}")
        decision = foot.decision
        st.markdown(f"**{title}: {ARCH_WORDS[decision.arch_type]}**")
        st.progress(
            decision.confidence,
            text=f"How sure: {decision.confidence * 100:.0f}% ({sure_words(decision.confidence)})",
        )
        st.caption(decision.note)
        measured = foot.measured
        if measured is not None:
            st.markdown(
                f"Arch Index **{format_index('arch_index', measured.arch_index)}** · "
                f"Chippaux-Smirak **{format_index('chippaux_smirak', measured.chippaux_smirak)}**"
                f" · Staheli **{format_index('staheli', measured.staheli)}**"
            )
            doubts = "; ".join(measured.trust.doubts)
            st.caption(
                f"Photo quality {measured.quality * 100:.0f}%."
                + (f" Less sure because {doubts}." if doubts else "")
            )
            with st.expander("What the numbers mean"):
                for meaning in INDEX_MEANINGS.values():
                    st.markdown(f"- {meaning}")
    return side


st.title("Arch test")
st.markdown(
    "The wet-foot test shows how much of your sole touches the ground when you stand. It takes "
    "five minutes and a photo; FootCheck measures the print and shows you what it measured."
)
profile = current_profile()
with st.expander("How to do the test", expanded=profile is None, icon=":material/water_drop:"):
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


@st.fragment
def photo_and_result() -> None:
    """Photo, questions, result and saving. A fragment: a new photo or answer reruns this part
    only, not the profile bar, the history table and its chart (redrawing them cost the
    browser as much work per photo as the analysis); saving reruns the whole page."""
    guarded(_photo_and_result)


def _photo_and_result() -> None:
    profile = current_profile()  # afresh: the fragment can rerun long after the page did
    st.subheader("1. Your photo")
    upload_tab, camera_tab = st.tabs(
        ["Upload a photo", "Use the camera"], key=person_key("photo_source"), on_change="rerun"
    )
    with upload_tab:
        uploaded = st.file_uploader(
            "A photo with one foot, or both feet side by side",
            type=UPLOAD_TYPES,
            key=person_key("print_upload"),
            help="Phone photos are fine; large files are shrunk automatically.",
        )
    # The camera starts only when the person asks for it: a camera widget anywhere on the page
    # (hidden tabs are drawn too) makes a phone ask for the camera as soon as the page opens.
    photo = uploaded
    if camera_tab.open:
        with camera_tab:
            photo = st.camera_input(
                "Hold the camera straight above the print", key=person_key("print_camera")
            )

    result: ImprintResult | None = None
    digest: str | None = None
    picture_col = result_col = None
    if photo is not None:
        data = photo.getvalue()
        digest = hashlib.sha256(data).hexdigest()
        with st.spinner("Measuring your print..."):
            result, overlay = analyse(data)
        if not result.ok:
            st.warning(f"**We could not measure this photo.** {result.error}",
                       icon=":material/photo_camera:")  # fmt: skip
            st.caption("You can retake the photo, or answer the questions below on their own.")
        else:
            # Side by side on a wide screen; on a phone the result comes right under the photo.
            picture_col, result_col = st.columns([3, 2])
            picture_col.image(
                overlay,
                caption="What FootCheck measured: outline (green), toes (orange), the foot axis "
                "(black), the thirds A-B-C (purple) and the narrowest midfoot (red), widest "
                "forefoot (blue) and heel (violet) widths.",
                width="stretch",
            )

    st.subheader("2. A few questions" if result is None or not result.ok else "2. Check with a few "
                 "questions (optional)")  # fmt: skip
    answers: dict[str, str | None] = {}
    for key, (question, options) in ARCH_QUESTIONS.items():
        if key == "looks_like":
            with st.container(horizontal=True, gap="small"):  # one row, on a phone too
                for kind in ARCH_TYPES:
                    st.image(reference_print(kind), caption=f"{kind.capitalize()} arch", width=100)
        answers[key] = st.pills(
            question, list(options), format_func=options.get, key=person_key(f"arch_q_{key}")
        )

    answers_side = "both"
    if result is None or not result.ok:
        answers_side = (
            st.segmented_control(
                "Which foot do your answers describe?",
                ["both", "left", "right"],
                default="both",
                format_func={"both": "Both feet", "left": "Left foot", "right": "Right foot"}.get,
                key=person_key("answers_side"),
            )
            or "both"
        )

    # Sides the person gave for prints the photo could not place (read from their widgets).
    chosen = {
        i: st.session_state.get(person_key(f"side_{i}_{digest}"))
        for i in range(len(result.feet) if result is not None else 0)
    }
    outcome: ArchOutcome = arch_outcome(result, answers, chosen, answers_side)

    target = result_col if result_col is not None else st.container()
    with target:
        if result_col is None:
            st.subheader("3. Your result")
        if not outcome.feet:
            st.info("Add a photo or answer the questions to see a result.")
        for index, foot in enumerate(outcome.feet):
            show_foot(index, foot, digest)
        if outcome.feet:
            by_side = {f.side: f.measured.arch_index for f in outcome.feet if f.measured and f.side}
            difference = side_difference(by_side.get("left"), by_side.get("right"))
            if difference:
                st.info(difference, icon=":material/compare_arrows:")

    if outcome.feet:
        st.caption(HONEST_NOTE)
        if outcome.sides_clash:
            st.warning("Two prints were given the same side; please check which foot is which.")
        saved_key = person_key("arch_saved")
        signature = (digest, tuple((f.side, f.decision.arch_type) for f in outcome.feet),
                     tuple(sorted((k, v) for k, v in outcome.answers.items())))  # fmt: skip
        if st.session_state.get(saved_key) == signature:
            st.success("Saved to your history.", icon=":material/check_circle:")
        elif outcome.ready:
            name = None
            if profile is None:
                name = st.text_input("Your name, to keep this result", max_chars=60,
                                     key="new_profile_name", placeholder="e.g. Sam")  # fmt: skip
            if st.button("Save this result", type="primary", key=person_key("save_arch"),
                         width="stretch"):  # fmt: skip
                thumbnail = None
                if result is not None and result.ok and photo is not None:
                    thumbnail = overlay_bytes(photo.getvalue(), result, THUMBNAIL_SIDE, "PNG")
                try:
                    owner = profile or store().create_profile(name or "")
                    store().add_arch_tests(owner.id, to_records(outcome, date.today(), digest,
                                                                thumbnail))  # fmt: skip
                except ValidationError as exc:
                    st.error(str(exc))
                else:
                    select_profile(owner.id)
                    st.session_state[person_key("arch_saved")] = signature
                    routine = store().active_routine(owner.id)
                    flash(
                        "Saved to your history. "
                        + (
                            "Your routine's next suggestion uses this result."
                            if routine is not None
                            else "Your routine will be fitted to it."
                        )
                    )
                    st.rerun()


photo_and_result()

if profile is not None:
    st.divider()
    st.subheader("Your history")
    history = store().arch_tests(profile.id)
    if history.empty:
        st.caption("Saved results appear here, so you can see whether your prints change.")
    else:
        table = history.assign(
            test_date=history["test_date"].dt.strftime("%d %b %Y"),
            arch_index=history["arch_index"].map(lambda x: format_index("arch_index", x)),
            chippaux_smirak=history["chippaux_smirak"].map(
                lambda x: format_index("chippaux_smirak", x)
            ),
            staheli=history["staheli"].map(lambda x: format_index("staheli", x)),
            confidence=(history["confidence"] * 100).round().astype(int).astype(str) + "%",
        )[["test_date", "foot", "arch_type", "arch_index", "chippaux_smirak", "staheli",
           "source", "confidence"]]  # fmt: skip
        st.dataframe(
            table,
            hide_index=True,
            column_config={
                "test_date": "Date",
                "foot": "Foot",
                "arch_type": "Arch",
                "arch_index": "AI",
                "chippaux_smirak": "CSI",
                "staheli": "Staheli",
                "source": "From",
                "confidence": "How sure",
            },
        )
        chart = cached.arch_chart(profile)
        if chart is not None:
            st.vega_lite_chart(chart, width="stretch")
        with st.expander("Delete an entry"):
            choices = {
                int(row.id): f"{row.test_date:%d %b %Y} - {row.foot} - {row.arch_type}"
                for row in history.itertuples()
            }
            victim = st.selectbox("Entry", list(choices), format_func=choices.get,
                                  key=person_key("arch_delete"))  # fmt: skip
            sure = st.checkbox("Yes, delete this entry", key=person_key("arch_delete_ok"))
            if st.button("Delete", key=person_key("arch_delete_button"), disabled=not sure,
                         icon=":material/delete:"):  # fmt: skip
                store().delete_arch_test(profile.id, victim)
                flash(f"Deleted the result of {literal(choices[victim])}.")
                st.rerun()

not_medical_advice()
