"""Every page renders without an exception, on an empty and on a filled database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from footcheck.plan import Plan
from footcheck.store import (
    ArchTestRecord,
    Checkin,
    ExerciseLog,
    QuestionnaireRecord,
    RoutineRecord,
    SessionEntry,
    Store,
)
from tests.apptest import assert_clean, open_app, open_page, texts

PAGES = ["home", "arch_test", "symptoms", "routine", "log", "progress", "my_data"]


def fill(store: Store, profile_id: int) -> None:
    today = date.today()
    store.add_arch_tests(
        profile_id,
        [
            ArchTestRecord("left", "flat", "photo", 0.8, today, 0.29, 0.55, 0.9, 0.9),
            ArchTestRecord("right", "normal", "photo", 0.7, today, 0.24, 0.4, 0.6, 0.9),
        ],
    )
    store.add_questionnaire(
        profile_id, QuestionnaireRecord(today, {"pain": {"lower_back": 5}}, "none", [])
    )
    plan = Plan.from_json({"exercises": [{"id": "short_foot_sitting", "sets": 3, "reps": 10}]})
    routine_id = store.save_routine(profile_id, RoutineRecord(today, plan, 4))
    for offset in range(10):
        day = today - timedelta(days=offset)
        store.save_session(
            profile_id,
            SessionEntry(
                day,
                [ExerciseLog("short_foot_sitting", "done", 3)],
                pain_before=5,
                pain_after=4,
                routine_id=routine_id,
            ),
        )
        store.save_checkin(profile_id, Checkin(day, 4))


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_empty_database(db_url: str, page: str) -> None:
    at = open_page(page)
    assert_clean(at)
    assert "not medical advice" in texts(at)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_filled_database(store: Store, profile_id: int, page: str) -> None:
    fill(store, profile_id)
    at = open_page(page, profile_id)
    assert_clean(at)


def test_single_profile_is_selected_automatically(store: Store) -> None:
    store.create_profile("Solo")
    at = open_app()
    assert at.session_state["footcheck_profile_id"] == store.profile_by_name("Solo").id
    assert "Where you are, Solo" in texts(at)


def test_create_profile_from_the_profile_bar(db_url: str, store: Store) -> None:
    at = open_app()
    at.text_input(key="new_profile_name_bar").input("Sam")
    at.button[0].click()  # the form's "Create profile"
    at.run()
    assert_clean(at)
    assert [p.name for p in store.list_profiles()] == ["Sam"]
    assert "Where you are, Sam" in texts(at)
    # The same name in other letters gets a clear message and creates nothing.
    at.text_input(key="new_profile_name_bar").input("sam")
    at.button[0].click()
    at.run()
    assert "There is already a profile called" in texts(at)
    assert len(store.list_profiles()) == 1


def test_pick_between_profiles(store: Store) -> None:
    a = store.create_profile("Ann").id
    b = store.create_profile("Bob").id
    at = open_app()
    assert at.session_state["footcheck_profile_id"] is None
    at.selectbox(key="profile_picker").select(b)
    at.run()
    assert at.session_state["footcheck_profile_id"] == b
    assert "Where you are, Bob" in texts(at)
    at.selectbox(key="profile_picker").select(a)
    at.run()
    assert "Where you are, Ann" in texts(at)


def test_the_warm_up_prepares_what_first_visits_need() -> None:
    """The first visit of the arch test and the Routine page should not wait for imports or
    for drawing the reference prints (ui/warmup.py runs this while Home is read)."""
    import gc
    import importlib
    import sys

    from footcheck.imaging.synth import reference_print
    from footcheck.vocabulary import ARCH_TYPES

    warmup = importlib.import_module("ui.warmup")
    reference_print.cache_clear()
    try:
        warmup._prepare()
    finally:
        gc.unfreeze()
    assert all(name in sys.modules for name in warmup.HEAVY_MODULES)
    assert "footcheck.reminders" in warmup.HEAVY_MODULES  # Routine's calendar file (icalendar)
    assert reference_print.cache_info().currsize == len(ARCH_TYPES)
