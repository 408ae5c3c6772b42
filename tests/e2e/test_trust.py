"""A household in one browser: each person's forms, results and warnings stay theirs.

Round 1 keyed every widget by name only, so after a switch of profile Streamlit showed the
previous person's answers, and Save wrote them into the other person's record."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.sync_api import expect

from footcheck.imaging.synth import encode
from footcheck.recommend import RecommendInput, recommend
from footcheck.store import QuestionnaireRecord, RoutineRecord, Store
from tests.e2e.conftest import assert_no_exception, go_to, switch_profile, upload_photo, wait_idle
from tests.test_imaging import _upright_scene
from tests.test_questionnaire import complete


def household(store: Store, *names: str) -> dict[str, int]:
    """People who answered the symptom questions (no warning signs) and saved a routine."""
    ids = {}
    plan = recommend(RecommendInput(equipment=("chair", "wall"), minutes_per_day=10))
    for name in names:
        pid = store.create_profile(name).id
        store.add_questionnaire(pid, QuestionnaireRecord(date.today(), complete(), "none", []))
        store.save_routine(pid, RoutineRecord(date.today(), plan, 3))
        ids[name] = pid
    return ids


def active_choices(page, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The options shown as chosen in the pills or segmented control labelled ``label``."""
    group = page.get_by_test_id("stButtonGroup").filter(has_text=label).first
    return group.locator("[aria-checked=true]").all_inner_texts()


def test_log_form_of_one_person_never_reaches_another(page, server) -> None:
    store = Store(server.db_url)
    ids = household(store, "Sam", "Emma")
    page.reload()
    wait_idle(page)
    switch_profile(page, "Sam")
    go_to(page, "Log")
    pain_before = page.get_by_test_id("stButtonGroup").filter(has_text="Pain before").first
    pain_before.get_by_role("radio", name="7", exact=True).click()
    wait_idle(page)
    page.get_by_label("Note (optional)").fill("Sam's knee")
    page.get_by_label("Note (optional)").press("Enter")
    wait_idle(page)
    assert active_choices(page, "Pain before") == ["7"]

    switch_profile(page, "Emma")
    assert_no_exception(page)
    assert active_choices(page, "Pain before") == []
    assert page.get_by_label("Note (optional)").input_value() == ""
    page.get_by_role("button", name="I did the whole routine").click()
    wait_idle(page)
    page.get_by_text("Well done for showing up").wait_for()
    emma = store.sessions(ids["Emma"])
    assert len(emma) == 1
    assert emma.iloc[0]["pain_before"] != emma.iloc[0]["pain_before"] or (
        emma.iloc[0]["pain_before"] is None
    )  # not recorded: nothing of Sam's 7
    assert emma.iloc[0]["note"] in ("", None)
    assert store.sessions(ids["Sam"]).empty

    switch_profile(page, "Sam")
    expect(page.get_by_text("You already logged this day")).to_have_count(0)  # Emma's save is hers
    assert active_choices(page, "Pain before") == []


def test_safety_answers_of_one_person_never_clear_anothers_warning(page, server) -> None:
    store = Store(server.db_url)
    ids = household(store, "Sam", "Emma")
    emergency = complete(rf_saddle=True)
    store.add_questionnaire(
        ids["Emma"], QuestionnaireRecord(date.today(), emergency, "emergency", ["x"])
    )
    page.reload()
    wait_idle(page)
    switch_profile(page, "Sam")
    go_to(page, "Symptoms")
    for group in page.get_by_test_id("stButtonGroup").filter(has_text="None of these").all():
        group.get_by_role("radio", name="None of these").click()
        wait_idle(page)
    assert active_choices(page, "Your answer") == ["None of these"]

    switch_profile(page, "Emma")
    assert_no_exception(page)
    # Emma's form starts without anyone's safety answers: each group unanswered.
    groups = page.get_by_test_id("stButtonGroup").filter(has_text="None of these")
    assert groups.count() == 2
    assert all(not g.locator("[aria-checked=true]").count() for g in groups.all())
    page.get_by_role("button", name="Save my answers").click()
    wait_idle(page)
    page.get_by_text("safety questions cannot be skipped").first.wait_for()
    assert store.latest_questionnaire(ids["Emma"]).red_flag_level == "emergency"
    go_to(page, "Home")
    expect(page.get_by_text("Seek emergency care now").first).to_be_visible()
    expect(page.get_by_text("streak")).to_have_count(0)
    go_to(page, "Routine")
    expect(page.get_by_role("button", name="Save as my routine")).to_have_count(0)


def test_one_persons_arch_result_is_never_saved_or_shown_for_another(
    page, server, tmp_path: Path
) -> None:
    store = Store(server.db_url)
    ids = household(store, "Sam", "Emma")
    page.reload()
    wait_idle(page)
    switch_profile(page, "Sam")
    go_to(page, "Arch test")
    photo = tmp_path / "print.jpg"
    photo.write_bytes(encode(_upright_scene(0.31)))
    upload_photo(page, photo)
    page.get_by_role("button", name="Save this result").click()
    wait_idle(page)
    page.get_by_text("Saved to your history").first.wait_for()

    switch_profile(page, "Emma")
    assert_no_exception(page)
    expect(page.get_by_text("Saved to your history")).to_have_count(0)
    sams_result = page.get_by_text("Right foot: a flat (low) arch")
    expect(sams_result).to_have_count(0)  # Sam's photo is gone
    assert store.arch_tests(ids["Emma"]).empty
    assert len(store.arch_tests(ids["Sam"])) == 1


MARKDOWN_NAME = "**bold** [link](http://x) :smile: $x$"


def test_a_name_is_shown_exactly_as_typed_and_confirms_its_own_deletion(page, server) -> None:
    store = Store(server.db_url)
    store.create_profile(MARKDOWN_NAME)
    page.reload()
    wait_idle(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(f"Where you are, {MARKDOWN_NAME}", exact=True)).to_be_visible()
    expect(page.locator("a[href='http://x']")).to_have_count(0)
    expect(page.locator("[data-testid=stMarkdown] strong", has_text="bold")).to_have_count(0)
    go_to(page, "My data")
    expect(page.locator("a[href='http://x']")).to_have_count(0)
    assert main.get_by_text(MARKDOWN_NAME, exact=True).count() >= 1
    confirm = page.get_by_label("Type the profile's name, exactly as shown above, to confirm")
    delete = page.get_by_role("button", name="Delete everything for this profile")
    confirm.fill("bold link")  # what round 1 showed, and asked for
    confirm.press("Enter")
    wait_idle(page)
    assert delete.is_disabled()
    confirm.fill(MARKDOWN_NAME)
    confirm.press("Enter")
    wait_idle(page)
    delete.click()
    wait_idle(page)
    assert store.list_profiles() == []
    assert_no_exception(page)
