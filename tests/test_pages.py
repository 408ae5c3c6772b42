"""The pages as a person uses them (AppTest): arch test, symptoms gate, routine, log,
progress and my data."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import pandas as pd
import pytest
from icalendar import Calendar

from footcheck.demo import create_demo
from footcheck.imaging.synth import encode
from footcheck.questionnaire import EMERGENCY_FLAGS, URGENT_FLAGS
from footcheck.recommend import RecommendInput, recommend
from footcheck.store import QuestionnaireRecord, RoutineRecord, Store
from tests.apptest import assert_clean, open_page, pkey, texts
from tests.pdfcheck import pdf_text
from tests.test_imaging import _upright_scene
from tests.test_questionnaire import complete


def answer_symptoms(at, flag_yes: str | None = None) -> None:
    """Fill the whole questionnaire the way a person would, then save."""
    for group, flags in (("emergency", EMERGENCY_FLAGS), ("urgent", URGENT_FLAGS)):
        if flag_yes in {f.id for f in flags}:
            at.button_group(key=pkey(at, f"q_group_{group}")).set_value("some")
            at.run()
            for flag in flags:
                at.button_group(key=pkey(at, f"q_{flag.id}")).set_value(flag.id == flag_yes)
        else:
            at.button_group(key=pkey(at, f"q_group_{group}")).set_value("none")
    at.button_group(key=pkey(at, "q_regions")).set_value(["lower_back", "knee"])
    at.run()
    for region in ("lower_back", "knee"):
        at.button_group(key=pkey(at, f"q_pain_{region}_now")).set_value(3)
        at.button_group(key=pkey(at, f"q_pain_{region}_worst")).set_value(3)
    at.button_group(key=pkey(at, "q_pain_knee_side")).set_value("left")
    for key, value in {
        "q_duration": "over_12_weeks",
        "q_age_group": "20_to_50",
        "q_standing_job": False,
        "q_sport": "walking",
        "q_barefoot": "rarely",
        "q_floor_ok": True,
        "q_balance": "steady",
        "q_equipment": ["chair", "towel", "wall"],
    }.items():
        at.button_group(key=pkey(at, key)).set_value(value)
    at.number_input(key=pkey(at, "q_sitting_hours")).set_value(8)
    at.button(key=pkey(at, "save_symptoms")).click()
    at.run()


# -- symptoms and the red-flag gate -------------------------------------------------------------
def test_normal_pass_saves_and_unlocks_the_routine(store: Store, profile_id: int) -> None:
    at = open_page("symptoms", profile_id)
    answer_symptoms(at)
    assert_clean(at)
    assert any("Saved" in s.value for s in at.success)
    record = store.latest_questionnaire(profile_id)
    assert record.red_flag_level == "none"
    assert record.answers["pain"]["knee"] == {"now": 3, "worst": 3, "side": "left"}
    at.switch_page("app_pages/routine.py")
    at.run()
    assert_clean(at)
    assert at.button(key=pkey(at, "save_routine"))  # exercises are offered


def test_missing_answers_get_clear_messages(store: Store, profile_id: int) -> None:
    at = open_page("symptoms", profile_id)
    at.button(key=pkey(at, "save_symptoms")).click()
    at.run()
    errors = [e.value for e in at.error]
    assert errors.count("Please answer: safety questions cannot be skipped.") == 2
    assert "Please answer this question." in errors  # e.g. "Can you get down to the floor"
    assert any(e.startswith("Please check the") for e in errors)
    assert store.latest_questionnaire(profile_id) is None


def test_pain_left_untouched_is_asked_for_not_saved_as_zero(store: Store, profile_id: int) -> None:
    at = open_page("symptoms", profile_id)
    answer_symptoms(at)
    at.button_group(key=pkey(at, "q_pain_knee_now")).set_value(None)
    at.button(key=pkey(at, "save_symptoms")).click()
    at.run()
    assert "Pain scores go from 0 (none) to 10 (worst)." in [e.value for e in at.error]
    assert len(store.questionnaires(profile_id)) == 1  # only the first, complete save


@pytest.mark.parametrize("flag", [EMERGENCY_FLAGS[0], EMERGENCY_FLAGS[2]], ids=lambda f: f.id)
def test_emergency_answer_means_no_routine_anywhere(store: Store, profile_id: int, flag) -> None:
    at = open_page("symptoms", profile_id)
    answer_symptoms(at, flag_yes=flag.id)
    assert "Seek emergency care now" in texts(at)
    assert store.latest_questionnaire(profile_id).red_flag_level == "emergency"
    # A routine saved earlier must not be offered either.
    store.save_routine(profile_id, RoutineRecord(date.today(), recommend(RecommendInput()), 3))
    for page in ("routine", "log", "home", "progress"):
        at.switch_page(f"app_pages/{page}.py")
        at.run()
        assert_clean(at)
        shown = texts(at)
        assert "Seek emergency care now" in shown, page
        assert flag.reason in shown
        assert not any("save_routine" in str(b.key) or "all_done" in str(b.key) for b in at.button)
        assert "Short-foot" not in shown and "Toe alphabet" not in shown
        assert "streak" not in shown.lower(), page


def test_urgent_answer_needs_acknowledgement_and_stays_visible(
    store: Store, profile_id: int
) -> None:
    at = open_page("symptoms", profile_id)
    answer_symptoms(at, flag_yes=URGENT_FLAGS[0].id)
    assert "See a doctor within days" in texts(at)
    at.switch_page("app_pages/routine.py")
    at.run()
    assert "See a doctor within days" in texts(at)
    assert not any("save_routine" in str(b.key) for b in at.button)
    show = next(b for b in at.button if b.label == "Show gentle exercises")
    show.click()  # submitting without ticking the box explains why nothing happens
    at.run()
    assert "Please tick the box first" in texts(at)
    assert not store.latest_questionnaire(profile_id).acknowledged
    at.checkbox[0].check()
    next(b for b in at.button if b.label == "Show gentle exercises").click()
    at.run()
    assert_clean(at)
    assert store.latest_questionnaire(profile_id).acknowledged
    assert "See a doctor within days" in texts(at)  # the advice stays
    assert at.button(key=pkey(at, "save_routine"))


def test_change_summary_after_retaking(store: Store, profile_id: int) -> None:
    store.add_questionnaire(
        profile_id,
        QuestionnaireRecord(
            date.today() - timedelta(days=14),
            complete(pain={"lower_back": {"now": 6, "worst": 7}}),
            "none",
            [],
        ),
    )
    at = open_page("symptoms", profile_id)
    assert at.button_group(key=pkey(at, "q_regions")).value == ["lower_back"]  # prefilled
    at.button_group(key=pkey(at, "q_pain_lower_back_now")).set_value(4)
    at.button_group(key=pkey(at, "q_pain_lower_back_worst")).set_value(5)
    for group in ("emergency", "urgent"):  # safety questions are asked afresh every time
        at.button_group(key=pkey(at, f"q_group_{group}")).set_value("none")
    at.button(key=pkey(at, "save_symptoms")).click()
    at.run()
    assert "Lower back pain 6 -> 4 (better)" in texts(at)


# -- arch test -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("ai", "words"), [(0.12, "high arch"), (0.235, "normal arch"), (0.31, "flat (low) arch")]
)
def test_uploaded_print_gives_its_arch_type(profile_id: int, ai: float, words: str) -> None:
    at = open_page("arch_test", profile_id)
    at.file_uploader(key=pkey(at, "print_upload")).set_value(
        ("print.jpg", encode(_upright_scene(ai)), "image/jpeg")
    )
    at.run()
    assert_clean(at)
    assert f"Right foot: a {words}" in texts(at)
    assert at.get("imgs") or at.get("image")


def test_camera_photo_is_analysed(profile_id: int) -> None:
    at = open_page("arch_test", profile_id)
    assert not at.get("camera_input")  # no camera until the person asks for it
    at.session_state[pkey(at, "photo_source")] = "Use the camera"
    at.run()
    at.camera_input(key=pkey(at, "print_camera")).set_value(
        ("camera.jpg", encode(_upright_scene(0.31, side="left")), "image/jpeg")
    )
    at.run()
    assert_clean(at)
    assert "Left foot: a flat (low) arch" in texts(at)


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (encode(_upright_scene(0.235, blur_px=40.0)), "too blurry"),
        (b"this is not a photo at all", "not a picture"),
    ],
)
def test_refused_photo_shows_its_reason(profile_id: int, data: bytes, phrase: str) -> None:
    at = open_page("arch_test", profile_id)
    at.file_uploader(key=pkey(at, "print_upload")).set_value(("print.jpg", data, "image/jpeg"))
    at.run()
    assert_clean(at)
    assert "We could not measure this photo" in texts(at) and phrase in texts(at)


def test_answers_alone_give_a_lower_confidence_result(store: Store, profile_id: int) -> None:
    at = open_page("arch_test", profile_id)
    at.button_group(key=pkey(at, "arch_q_looks_like")).set_value("flat")
    at.button_group(key=pkey(at, "arch_q_shoe_wear")).set_value("inner")
    at.run()
    assert "Left foot: a flat (low) arch" in texts(at) and "answers only" in texts(at)
    at.button(key=pkey(at, "save_arch")).click()
    at.run()
    tests = store.arch_tests(profile_id)
    assert set(tests["source"]) == {"answers"} and (tests["confidence"] <= 0.6).all()


def test_saving_twice_on_reruns_stores_one_result(store: Store, profile_id: int) -> None:
    at = open_page("arch_test", profile_id)
    at.file_uploader(key=pkey(at, "print_upload")).set_value(
        ("p.jpg", encode(_upright_scene(0.31)), "image/jpeg")
    )
    at.run()
    at.button(key=pkey(at, "save_arch")).click()
    at.run()
    at.run()
    at.run()
    assert len(store.arch_tests(profile_id)) == 1
    assert not any("save_arch" in str(b.key) for b in at.button)
    assert "Saved to your history" in texts(at)
    assert store.arch_tests(profile_id).iloc[0]["arch_type"] == "flat"
    saved = store.arch_test(profile_id, int(store.arch_tests(profile_id).iloc[0]["id"]))
    assert saved.thumbnail_png.startswith(b"\x89PNG")  # the measured picture, for the history


def test_photo_and_answers_disagreeing_is_explained(profile_id: int) -> None:
    at = open_page("arch_test", profile_id)
    at.file_uploader(key=pkey(at, "print_upload")).set_value(
        ("p.jpg", encode(_upright_scene(0.31)), "image/jpeg")
    )
    at.button_group(key=pkey(at, "arch_q_looks_like")).set_value("high")
    at.run()
    assert "but your answers suggest a high arch" in texts(at)


# -- routine -------------------------------------------------------------------------------------
@pytest.fixture
def ready(store: Store, profile_id: int) -> int:
    store.add_questionnaire(profile_id, QuestionnaireRecord(date.today(), complete(), "none", []))
    return profile_id


def test_routine_save_swap_and_downloads(store: Store, ready: int) -> None:
    at = open_page("routine", ready)
    assert_clean(at)
    keeps = [cb for cb in at.checkbox if ":keep_" in str(cb.key)]
    suggested = [cb.label.removeprefix("Keep **").removesuffix("**") for cb in keeps]
    swap = next(sb for sb in at.selectbox if ":swap_" in str(sb.key))
    swapped_index = int(str(swap.key).rsplit("_", 1)[1])
    swap.select_index(1)
    at.run()
    dropped = 1 if swapped_index != 1 else 2
    at.checkbox(key=pkey(at, f"keep_{dropped}")).uncheck()
    at.run()
    assert "Left out of your routine." in texts(at)
    at.button(key=pkey(at, "save_routine")).click()
    at.run()
    assert_clean(at)
    saved = [item.name for item in store.active_routine(ready).plan.items]
    assert len(saved) == len(suggested) - 1
    assert suggested[dropped] not in saved
    assert saved[swapped_index - (1 if dropped < swapped_index else 0)] != suggested[swapped_index]
    assert "Your routine" in [t.label for t in at.tabs]
    assert len(at.get("download_button")) == 2
    assert "Saved as your routine" in texts(at)


def test_dose_outside_the_safe_range_is_clamped_visibly(store: Store, ready: int) -> None:
    at = open_page("routine", ready)
    sets = next(n for n in at.number_input if ":sets_0_" in str(n.key))
    sets.set_value(40)
    at.run()
    assert "40 is outside the safe range" in texts(at)
    at.button(key=pkey(at, "save_routine")).click()
    at.run()
    first = store.active_routine(ready).plan.items[0]
    assert first.sets < 40


def test_routine_files_parse(ready: int) -> None:
    from footcheck.handout import routine_pdf
    from footcheck.reminders import routine_ics

    plan = recommend(RecommendInput(arch_type="high", equipment=("chair", "wall")))
    assert "Foot routine for" in pdf_text(routine_pdf(plan, "Ada", ["Monday"]))
    assert Calendar.from_ical(routine_ics(plan, ["Friday"], __import__("datetime").time(8, 0)))


# -- log -------------------------------------------------------------------------------------------
@pytest.fixture
def with_routine(store: Store, ready: int) -> int:
    plan = recommend(RecommendInput(equipment=("chair", "towel", "wall")))
    store.save_routine(ready, RoutineRecord(date.today(), plan, 3))
    return ready


def day_key(at, name: str, day: date) -> str:
    return pkey(at, f"{name}_{day.isoformat()}")


def test_log_whole_routine_twice_never_doubles(store: Store, with_routine: int) -> None:
    at = open_page("log", with_routine)
    today = date.today()
    at.button_group(key=day_key(at, "pain_before", today)).set_value(5)
    at.button_group(key=day_key(at, "pain_after", today)).set_value(3)
    at.button(key=day_key(at, "all_done", today)).click()
    at.run()
    at.button(key=day_key(at, "all_done", today)).click()
    at.run()
    sessions = store.sessions(with_routine)
    assert len(sessions) == 1 and sessions.iloc[0]["pain_before"] == 5
    assert set(store.exercise_logs(with_routine)["status"]) == {"done"}


def test_pain_left_empty_is_stored_as_not_recorded(store: Store, with_routine: int) -> None:
    at = open_page("log", with_routine)
    at.button(key=day_key(at, "all_done", date.today())).click()
    at.run()
    session = store.sessions(with_routine).iloc[0]
    assert pd.isna(session["pain_before"]) and pd.isna(session["pain_after"])


def test_a_future_day_is_refused_not_replaced(store: Store, with_routine: int) -> None:
    at = open_page("log", with_routine)
    future = date.today() + timedelta(days=3)
    at.date_input(key=pkey(at, "log_day")).set_value(future)
    at.run()
    assert "is in the future" in texts(at)
    assert not any("all_done" in str(b.key) for b in at.button)
    assert store.sessions(with_routine).empty


def test_backfill_edit_and_delete_a_past_day(store: Store, with_routine: int) -> None:
    at = open_page("log", with_routine)
    past = date.today() - timedelta(days=3)
    at.date_input(key=pkey(at, "log_day")).set_value(past)
    at.run()
    at.button_group(key=day_key(at, "status_0", past)).set_value("skipped")
    at.run()
    at.selectbox(key=day_key(at, "reason_0", past)).set_value("pain")
    at.button(key=day_key(at, "save_day", past)).click()
    at.run()
    logs = store.exercise_logs(with_routine)
    assert logs.iloc[0]["status"] == "skipped" and logs.iloc[0]["skip_reason"] == "pain"
    assert logs["session_date"].dt.date.unique().tolist() == [past]
    # Coming back to the day shows the entry; edit it.
    assert at.button_group(key=day_key(at, "status_0", past)).value == "skipped"
    at.button_group(key=day_key(at, "status_0", past)).set_value("partial")
    at.run()
    at.number_input(key=day_key(at, "sets_0", past)).set_value(1)
    at.button(key=day_key(at, "save_day", past)).click()
    at.run()
    logs = store.exercise_logs(with_routine)
    assert logs.iloc[0]["status"] == "partial" and logs.iloc[0]["sets_done"] == 1
    assert len(store.sessions(with_routine)) == 1
    # Deleting needs the box ticked first.
    assert at.button(key=day_key(at, "delete", past)).disabled
    at.checkbox(key=day_key(at, "delete_ok", past)).check()
    at.run()
    at.button(key=day_key(at, "delete", past)).click()
    at.run()
    assert store.sessions(with_routine).empty
    assert "Deleted the entry" in texts(at)


def test_morning_checkin(store: Store, with_routine: int) -> None:
    at = open_page("log", with_routine)
    today = date.today()
    at.button(key=day_key(at, "save_checkin", today)).click()
    at.run()
    assert "Pick this morning's pain" in texts(at)
    assert store.checkins(with_routine).empty
    at.button_group(key=day_key(at, "morning", today)).set_value(4)
    at.button_group(key=day_key(at, "compared", today)).set_value("worse")
    at.button(key=day_key(at, "save_checkin", today)).click()
    at.run()
    checkins = store.checkins(with_routine)
    assert checkins.iloc[0]["morning_pain"] == 4 and checkins.iloc[0]["compared"] == "worse"


# -- progress --------------------------------------------------------------------------------------
def test_progress_empty_state_says_what_to_do(profile_id: int) -> None:
    at = open_page("progress", profile_id)
    assert_clean(at)
    assert "Nothing to show yet" in texts(at)


def test_progress_with_history(store: Store, db_url: str) -> None:
    summary = create_demo(store, days=100)
    at = open_page("progress", summary.profile_id)
    assert_clean(at)
    assert len(at.get("vega_lite_chart")) >= 6
    labels = [m.label for m in at.metric]
    assert labels == ["Current streak", "Best streak", "Habit strength", "Sessions in this period"]
    assert "Loop Habit Tracker" in texts(at)


# -- my data ---------------------------------------------------------------------------------------
def test_my_data_export_import_and_delete(store: Store, db_url: str) -> None:
    summary = create_demo(store, days=20, name="Mo")
    at = open_page("my_data", summary.profile_id)
    at.button(key=pkey(at, "prepare_export")).click()
    at.run()
    assert_clean(at)
    assert at.get("download_button")
    bad = io.BytesIO()
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("manifest.json", '{"format": "footcheck-export", "format_version": 5}')
    at.file_uploader(key=pkey(at, "import_zip")).set_value(
        ("x.zip", bad.getvalue(), "application/zip")
    )
    at.run()
    assert "nothing was changed" in texts(at) and "format version 5" in texts(at)
    # Deleting needs the name typed exactly.
    at.text_input(key=pkey(at, "delete_confirm")).input("mo")
    at.run()
    assert at.button(key=pkey(at, "delete_profile")).disabled
    at.text_input(key=pkey(at, "delete_confirm")).input("Mo")
    at.run()
    at.button(key=pkey(at, "delete_profile")).click()
    at.run()
    assert_clean(at)
    assert store.profile_by_name("Mo") is None
    assert store.counts(summary.profile_id)["sessions"] == 0


def test_progress_never_shows_numbers_from_before_a_write_elsewhere(store: Store) -> None:
    """Charts and numbers are cached per profile revision: a session saved by another
    session or server shows on the next rerun."""
    from footcheck.store import ExerciseLog, SessionEntry

    summary = create_demo(store, days=30, name="Cached")
    at = open_page("progress", summary.profile_id)
    metric = next(m for m in at.metric if m.label == "Sessions in this period")
    before = int(metric.value)
    missing = next(
        date.today() - timedelta(days=offset)
        for offset in range(30)
        if store.get_session(summary.profile_id, date.today() - timedelta(days=offset)) is None
    )
    plan = store.active_routine(summary.profile_id).plan
    done = [ExerciseLog(item.id, "done", item.sets) for item in plan.items]
    store.save_session(summary.profile_id, SessionEntry(missing, done))
    at.run()
    metric = next(m for m in at.metric if m.label == "Sessions in this period")
    assert int(metric.value) == before + 1
