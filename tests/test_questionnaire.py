"""Red-flag triage, validation and change summaries of the symptom questionnaire."""

from __future__ import annotations

import pytest

from footcheck.questionnaire import (
    EMERGENCY_FLAGS,
    RED_FLAGS,
    URGENT_FLAGS,
    routine_needs,
    summarize_changes,
    triage,
    validate,
)


def complete(**changes) -> dict:
    """A fully answered questionnaire with no warning signs."""
    answers = {flag.id: False for flag in RED_FLAGS}
    answers.update(
        pain={"lower_back": {"now": 5, "worst": 7}, "knee": {"now": 3, "worst": 4, "side": "left"}},
        age_group="20_to_50",
        duration="over_12_weeks",
        worse=["standing"],
        helps=["moving"],
        sitting_hours=9,
        standing_job=False,
        sport="walking",
        footwear=["cushioned"],
        barefoot="rarely",
        equipment=["chair", "towel", "pan"],
        floor_ok=True,
        balance="steady",
        minutes_per_day=15,
        days_per_week=4,
    )
    answers.update(changes)
    return answers


def test_no_flags_is_none() -> None:
    result = triage(complete())
    assert result.level == "none" and result.reasons == ()
    assert not result.blocks_routine


@pytest.mark.parametrize("flag", EMERGENCY_FLAGS, ids=lambda f: f.id)
def test_every_emergency_flag_reaches_emergency(flag) -> None:
    result = triage(complete(**{flag.id: True}))
    assert result.level == "emergency"
    assert result.reasons == (flag.reason,)
    assert result.blocks_routine
    assert "emergency" in result.message() and flag.reason in result.message()


@pytest.mark.parametrize("flag", URGENT_FLAGS, ids=lambda f: f.id)
def test_every_urgent_flag_reaches_urgent(flag) -> None:
    result = triage(complete(**{flag.id: True}))
    assert result.level == "urgent"
    assert flag.reason in result.reasons
    assert not result.blocks_routine
    assert "in the next few days" in result.message()


def test_emergency_wins_over_urgent() -> None:
    result = triage(complete(ur_cancer=True, rf_saddle=True))
    assert result.level == "emergency"
    assert result.reasons == ("numbness or changed feeling in the saddle area",)


@pytest.mark.parametrize(
    ("age", "duration", "level"),
    [
        ("over_50", "under_6_weeks", "urgent"),
        ("under_20", "under_6_weeks", "urgent"),
        ("20_to_50", "under_6_weeks", "none"),
        ("over_50", "over_12_weeks", "none"),
    ],
)
def test_new_back_pain_young_or_old_is_urgent(age: str, duration: str, level: str) -> None:
    assert triage(complete(age_group=age, duration=duration)).level == level


def test_thoracic_pain_is_urgent() -> None:
    result = triage(complete(pain={"mid_back": {"now": 4, "worst": 5}}))
    assert result.level == "urgent" and "pain in the middle of the back" in result.reasons


def test_complete_answers_validate() -> None:
    assert validate(complete()) == {}
    # Nothing hurting is a valid answer; then "how long" is not asked.
    assert validate(complete(pain={}, duration=None)) == {}


@pytest.mark.parametrize(
    ("changes", "field", "phrase"),
    [
        ({"rf_saddle": None}, "rf_saddle", "cannot be skipped"),
        ({"pain": None}, "pain", "where it hurts"),
        ({"pain": {"knee": {"now": 11, "worst": 11, "side": "left"}}}, "pain.knee.now", "0 (none)"),
        ({"pain": {"knee": {"now": 6, "worst": 3, "side": "left"}}}, "pain.knee.worst",
         "cannot be lower"),
        ({"pain": {"knee": {"now": 3, "worst": 4}}}, "pain.knee.side", "which side"),
        ({"pain": {"elbow": {"now": 3, "worst": 4}}}, "pain", "Unknown body area"),
        ({"duration": None}, "duration", "how long"),
        ({"minutes_per_day": 90}, "minutes_per_day", "from 5 to 60"),
        ({"days_per_week": 0}, "days_per_week", "from 1 to 7"),
        ({"floor_ok": "maybe"}, "floor_ok", "yes or no"),
        ({"balance": None}, "balance", "Please answer"),
        ({"equipment": ["trampoline"]}, "equipment", "options shown"),
    ],
)  # fmt: skip
def test_validation_messages(changes: dict, field: str, phrase: str) -> None:
    errors = validate(complete(**changes))
    assert field in errors, errors
    assert phrase in errors[field]


def test_change_summary_reads_like_a_person_would_say_it() -> None:
    old = complete()
    new = complete(
        pain={"lower_back": {"now": 4, "worst": 5}, "hip": {"now": 2, "worst": 2, "side": "right"}},
        minutes_per_day=20,
    )
    changes = summarize_changes(old, new)
    assert "Lower back pain 5 -> 4 (better)" in changes
    assert "Knee pain 3 -> 0 (gone)" in changes
    assert "Hip pain is new: 2/10" in changes
    assert "Minutes a day you can give: 15 -> 20" in changes
    assert summarize_changes(old, old) == []
    assert "Warning signs: none -> emergency" in summarize_changes(old, complete(rf_chest=True))


def test_routine_needs_from_answers() -> None:
    needs = routine_needs(complete(balance="unsure"))
    assert needs.red_flag_level == "none"
    assert needs.pain["lower_back"] == 5 and needs.pain["knee"] == 3 and needs.pain["neck"] == 0
    assert needs.equipment == ["chair", "towel"]  # the pan of water is for the wet test only
    assert needs.floor_ok is True and needs.balance_ok is False
    assert (needs.minutes_per_day, needs.days_per_week) == (15, 4)
