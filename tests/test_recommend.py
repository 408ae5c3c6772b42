"""The routine recommender: properties over random inputs, rules, progression, CLI contract."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footcheck.exercises import EQUIPMENT, load_catalogue
from footcheck.recommend import (
    InputError,
    RecommendInput,
    combine_arch,
    dose_limits,
    recommend,
    suggest_progression,
)
from tests.conftest import ROOT

CATALOGUE = load_catalogue()

inputs = st.fixed_dictionaries(
    {},
    optional={
        "arch_type": st.sampled_from(["high", "normal", "flat", None]),
        "red_flag_level": st.sampled_from(["none", "urgent", "emergency"]),
        "pain": st.dictionaries(
            st.sampled_from(["lower_back", "mid_back", "neck", "hip", "knee", "ankle", "foot"]),
            st.integers(0, 10),
        ),
        "equipment": st.lists(st.sampled_from(EQUIPMENT), unique=True),
        "floor_ok": st.booleans(),
        "balance_ok": st.booleans(),
        "minutes_per_day": st.integers(3, 120),
        "days_per_week": st.integers(1, 7),
    },
)


@settings(max_examples=300, deadline=None)
@given(inputs)
def test_routine_properties(data: dict) -> None:
    need = RecommendInput.from_dict(data)
    routine = recommend(need)
    out = routine.to_contract()
    if need.red_flag_level == "emergency":
        assert out["blocked"] and out["exercises"] == [] and out["total_minutes"] == 0
        return
    assert out["blocked"] is None
    assert out["total_minutes"] <= need.minutes_per_day + 1e-6
    assert abs(out["total_minutes"] - sum(e["minutes"] for e in out["exercises"])) < 0.06
    assert out["days_per_week"] == need.days_per_week
    families = [CATALOGUE.get(e["id"]).family for e in out["exercises"]]
    assert len(families) == len(set(families))  # never two variants of one movement
    order = [CATALOGUE.get(e["id"]).category for e in out["exercises"]]
    ranks = [["mobility", "strength", "balance", "massage"].index(c) for c in order]
    assert ranks == sorted(ranks)
    for item in out["exercises"]:
        exercise = CATALOGUE.get(item["id"])
        assert set(item["equipment"]) <= set(need.equipment)
        if not need.floor_ok:
            assert item["position"] not in ("lying", "floor")
        if not need.balance_ok:
            assert exercise.balance_demand != "high"
            assert exercise.family != "single_leg_balance" or exercise.level == 1
        if need.red_flag_level == "urgent":
            assert exercise.level == 1
        assert item["why"] and item["sets"] >= 1
    ids = {e["id"] for e in out["exercises"]} | {x["id"] for x in out["left_out"]}
    assert ids == set(CATALOGUE.ids)  # every exercise is either chosen or explained
    assert recommend(need).to_contract() == out  # deterministic
    assert any("5 out of 10" in rule for rule in out["safety"])
    assert any("sharp" in rule for rule in out["safety"])


def test_flat_arch_gets_the_short_foot_exercise_with_a_reason() -> None:
    routine = recommend(RecommendInput(arch_type="flat", equipment=("chair",), minutes_per_day=10))
    short = [e for e in routine.items if e.id == "short_foot_sitting"]
    assert short and "flat" in short[0].why


def test_high_arch_gets_mobility_stretch_and_massage() -> None:
    need = RecommendInput(arch_type="high", equipment=("chair", "wall", "tennis_ball"),
                          minutes_per_day=12)  # fmt: skip
    ids = [e.id for e in recommend(need).items]
    assert "wall_calf_stretch" in ids and "tennis_ball_massage" in ids
    assert any(CATALOGUE.get(i).category == "mobility" for i in ids)


def test_knee_pain_puts_gentle_seated_options_first() -> None:
    need = RecommendInput(arch_type="normal", pain={"knee": 6}, minutes_per_day=10)
    routine = recommend(need)
    seated = [e for e in routine.items if e.position == "sitting"]
    assert seated and all("knee" in e.why.lower() for e in seated)
    left = {x.id: x.reason for x in routine.left_out}
    assert "knee" in left["knee_over_toe_stretch"]


def test_knee_pain_keeps_walking_drills_out_and_says_why() -> None:
    """Said 'done sitting or lying' for the knee, so no tiptoe or heel walks either."""
    routine = recommend(
        RecommendInput(arch_type="flat", pain={"knee": 4}, minutes_per_day=40,
                       equipment=("chair", "wall", "towel"))
    )  # fmt: skip
    chosen = {item.id for item in routine.items}
    assert not chosen & {"tiptoe_walk", "tiptoe_walk_three_ways", "heel_walk"}
    left = {x.id: x.reason for x in routine.left_out}
    assert "knee" in left["heel_walk"]


def test_no_one_leg_work_for_someone_who_would_not_risk_it() -> None:
    need = RecommendInput(balance_ok=False, one_leg_ok=False, minutes_per_day=60,
                          equipment=("chair", "wall"))  # fmt: skip
    ids = {item.id for item in recommend(need).items}
    assert not {i for i in ids if "one_leg" in i or "single_leg" in i}
    supported = recommend(RecommendInput(balance_ok=False, minutes_per_day=60,
                                         equipment=("chair", "wall")))  # fmt: skip
    assert "single_leg_balance_supported" in {item.id for item in supported.items}


def test_missing_equipment_and_floor_are_explained() -> None:
    routine = recommend(RecommendInput(equipment=(), floor_ok=False, minutes_per_day=30))
    left = {x.id: x.reason for x in routine.left_out}
    assert left["tennis_ball_massage"] == "needs tennis ball"
    assert "floor" in left["ankle_circles_lying"]
    assert "balance" in left["single_leg_balance"]


def test_emergency_is_blocked_and_urgent_gets_the_doctor_rule() -> None:
    blocked = recommend(RecommendInput(red_flag_level="emergency")).to_contract()
    assert blocked["blocked"] and blocked["exercises"] == []
    urgent = recommend(RecommendInput(red_flag_level="urgent")).to_contract()
    assert "doctor" in urgent["safety"][0]


def test_combine_arch_prefers_the_foot_that_needs_most_help() -> None:
    assert combine_arch(["normal", "flat"]) == "flat"
    assert combine_arch(["high", "normal"]) == "high"
    assert combine_arch([None, None]) is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"arch_type": "wobbly"}, "arch_type"),
        ({"red_flag_level": "maybe"}, "red_flag_level"),
        ({"pain": {"knee": 12}}, "pain.knee"),
        ({"pain": {"elbow": 2}}, "unknown pain area"),
        ({"equipment": ["trampoline"]}, "equipment"),
        ({"minutes_per_day": 0}, "minutes_per_day"),
        ({"days_per_week": 8}, "days_per_week"),
        ({"floor_ok": "yes"}, "floor_ok"),
        ({"colour": "red"}, "unknown key"),
    ],
)
def test_bad_inputs_are_refused(data: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        RecommendInput.from_dict(data)


# -- progression ---------------------------------------------------------------------------------
PLAN = recommend(
    RecommendInput(arch_type="flat", equipment=("chair", "towel", "wall"), minutes_per_day=15)
)
START = date(2026, 3, 2)


def _sessions(rows: list[tuple[int, int | None, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"session_date": pd.Timestamp(START + timedelta(days=d)), "pain_after": p,
             "difficulty": diff, "completion": c}
            for d, p, diff, c in rows
        ]
    )  # fmt: skip


NO_CHECKINS = pd.DataFrame(columns=["checkin_date", "morning_pain", "compared"])


def test_two_easy_sessions_progress_one_step_after_a_week() -> None:
    sessions = _sessions([(5, 2, "too_easy", 1.0), (7, 1, "too_easy", 1.0)])
    suggestion = suggest_progression(PLAN, START, sessions, NO_CHECKINS, START + timedelta(8))
    assert suggestion is not None and suggestion.kind == "progress"
    assert suggestion.exercise_id == "short_foot_sitting"
    assert "Short-foot exercise, standing" in suggestion.change
    changed = [a.id for a, b in zip(PLAN.items, suggestion.plan.items, strict=True) if a != b]
    assert changed == ["short_foot_sitting"]  # one change at a time
    # Not within the first week: progression is weekly at most.
    assert suggest_progression(PLAN, START, sessions, NO_CHECKINS, START + timedelta(6)) is None


def test_pain_above_five_reduces_the_load() -> None:
    sessions = _sessions([(1, 2, "right", 1.0), (2, 7, "too_hard", 1.0)])
    suggestion = suggest_progression(PLAN, START, sessions, NO_CHECKINS, START + timedelta(3))
    assert suggestion is not None and suggestion.kind == "reduce"
    assert "above 5/10" in suggestion.reason
    assert suggestion.plan.total_minutes < PLAN.total_minutes


def test_worse_next_morning_reduces_the_load() -> None:
    sessions = _sessions([(1, 3, "right", 1.0)])
    checkins = pd.DataFrame(
        [{"checkin_date": pd.Timestamp(START + timedelta(days=2)), "morning_pain": 6,
          "compared": "worse"}]
    )  # fmt: skip
    suggestion = suggest_progression(PLAN, START, sessions, checkins, START + timedelta(2))
    assert suggestion is not None and suggestion.kind == "reduce"
    assert "woke up worse" in suggestion.reason


def test_three_sessions_below_dose_step_back() -> None:
    sessions = _sessions([(1, 2, "right", 0.5), (2, 2, "right", 0.6), (3, 1, "right", 0.3)])
    suggestion = suggest_progression(PLAN, START, sessions, NO_CHECKINS, START + timedelta(4))
    assert suggestion is not None and suggestion.kind == "reduce"


def test_steady_sessions_change_nothing() -> None:
    sessions = _sessions([(d, 3, "right", 1.0) for d in range(1, 10)])
    assert suggest_progression(PLAN, START, sessions, NO_CHECKINS, START + timedelta(10)) is None


def test_dose_limits_are_half_to_double() -> None:
    limits = dose_limits(CATALOGUE.get("short_foot_sitting"))
    assert limits.reps == (5, 20) and limits.hold == (2, 10) and limits.sets == (1, 4)


# -- command line -------------------------------------------------------------------------------
def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "footcheck", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_cli_recommend_contract(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    answers = {"arch_type": "flat", "pain": {"lower_back": 5}, "equipment": ["chair", "towel"]}
    path.write_text(json.dumps({**answers, "minutes_per_day": 12}))
    run = _cli("recommend", "--json", str(path))
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert set(out) == {"blocked", "total_minutes", "days_per_week", "exercises", "left_out",
                        "habits", "safety"}  # fmt: skip
    assert out["total_minutes"] <= 12
    keys = {"id", "name", "sets", "reps", "hold_seconds", "per_side", "minutes", "position",
            "equipment", "why"}  # fmt: skip
    assert all(set(e) == keys for e in out["exercises"])
    assert all(set(x) == {"id", "reason"} for x in out["left_out"])


@pytest.mark.parametrize(
    "content", ['{"minutes_per_day": -3}', "not json", '["a", "list"]', '{"pain": {"knee": "x"}}']
)
def test_cli_recommend_bad_input_exits_2(tmp_path: Path, content: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(content)
    run = _cli("recommend", "--json", str(path))
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and run.stderr.startswith("footcheck: error:")


def test_cli_recommend_missing_file_exits_2(tmp_path: Path) -> None:
    run = _cli("recommend", "--json", str(tmp_path / "nope.json"))
    assert run.returncode == 2 and "cannot read" in run.stderr
