"""End-to-end flows in real Chromium: the arch test with a real upload, and logging a session
until the Progress calendar changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.sync_api import expect

from footcheck.imaging.synth import encode
from footcheck.recommend import RecommendInput, recommend
from footcheck.store import QuestionnaireRecord, RoutineRecord, Store
from tests.e2e.conftest import (
    assert_no_exception,
    create_profile,
    go_to,
    rerun,
    upload_photo,
    wait_idle,
)
from tests.test_imaging import _upright_scene
from tests.test_questionnaire import complete


def test_upload_a_print_see_the_overlay_save_and_find_it_in_history(
    page, server, tmp_path: Path
) -> None:
    create_profile(page, "Uma")
    go_to(page, "Arch test")
    photo = tmp_path / "print.jpg"
    photo.write_bytes(encode(_upright_scene(0.31)))
    upload_photo(page, photo)
    page.get_by_text("Right foot: a flat (low) arch").wait_for(timeout=30_000)
    assert_no_exception(page)
    images = page.locator("[data-testid=stImage] img")
    assert images.count() >= 4  # three reference prints and the measured overlay
    caption = page.get_by_text("What FootCheck measured")
    expect(caption).to_be_visible()
    page.get_by_role("button", name="Save this result").click()
    wait_idle(page)
    page.get_by_text("Saved to your history").first.wait_for()
    history = page.get_by_test_id("stDataFrame")
    history.wait_for()
    expect(history).to_be_visible()
    store = Store(server.db_url)
    tests = store.arch_tests(store.profile_by_name("Uma").id)
    assert list(tests["arch_type"]) == ["flat"]


def test_the_camera_starts_only_when_asked_for_and_its_photo_is_measured(page) -> None:
    # Count every request for the camera from here on (a phone asks the person each time).
    page.evaluate(
        """() => { window.__cameraAsked = 0; const md = navigator.mediaDevices;
        const ask = md.getUserMedia.bind(md);
        md.getUserMedia = (...a) => { window.__cameraAsked += 1; return ask(...a); }; }"""
    )
    go_to(page, "Arch test")
    page.get_by_text("A photo with one foot, or both feet side by side").wait_for()
    assert page.get_by_test_id("stCameraInput").count() == 0
    assert page.evaluate("() => window.__cameraAsked") == 0
    rerun(page, page.get_by_role("tab", name="Use the camera").click)
    camera = page.get_by_test_id("stCameraInput")
    camera.wait_for()
    take = camera.get_by_role("button", name="Take Photo")
    expect(take).to_be_enabled(timeout=30_000)  # once the (fake) camera is streaming
    assert page.evaluate("() => window.__cameraAsked") >= 1
    rerun(page, take.click)
    # The test camera films a moving pattern, not a print: measured, and refused with why.
    page.get_by_text("We could not measure this photo").wait_for(timeout=60_000)
    assert_no_exception(page)


def test_log_a_session_and_the_calendar_changes(page, server) -> None:
    store = Store(server.db_url)
    pid = store.create_profile("Lou").id
    store.add_questionnaire(pid, QuestionnaireRecord(date.today(), complete(), "none", []))
    plan = recommend(RecommendInput(equipment=("chair", "wall"), minutes_per_day=10))
    store.save_routine(pid, RoutineRecord(date.today(), plan, 3))
    page.reload()
    wait_idle(page)
    go_to(page, "Progress")
    expect(page.get_by_text("Nothing to show yet")).to_be_visible()
    go_to(page, "Log")
    page.get_by_role("button", name="I did the whole routine").click()
    wait_idle(page)
    page.get_by_text("Well done for showing up").wait_for()
    assert_no_exception(page)
    go_to(page, "Progress")
    expect(page.get_by_text("Nothing to show yet")).to_have_count(0)
    page.get_by_text("Calendar").first.wait_for()
    charts = page.get_by_test_id("stVegaLiteChart")
    charts.first.wait_for()
    assert charts.count() >= 4
    expect(page.get_by_text("1 session", exact=True).first).to_be_visible()  # the streak metric
    assert_no_exception(page)
    assert len(store.sessions(pid)) == 1


def test_saved_routine_downloads_its_handout_and_opens_the_builder(page, server) -> None:
    store = Store(server.db_url)
    pid = store.create_profile("Rae").id
    store.add_questionnaire(pid, QuestionnaireRecord(date.today(), complete(), "none", []))
    store.save_routine(pid, RoutineRecord(date.today(), recommend(RecommendInput()), 3))
    page.reload()
    wait_idle(page)
    go_to(page, "Routine")
    with page.expect_download() as download:  # the PDF is made when tapped
        page.get_by_role("button", name="Download the handout (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    expect(page.get_by_role("button", name="Save as my routine")).to_have_count(0)
    page.get_by_role("tab", name="Make a new suggestion").click()
    wait_idle(page)
    page.get_by_role("button", name="Save as my routine").wait_for()
    assert_no_exception(page)
