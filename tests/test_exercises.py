"""The exercise catalogue: complete, valid, and loud about mistakes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from footcheck.exercises import (
    CATALOGUE_PATH,
    EQUIPMENT,
    CatalogueError,
    estimate_minutes,
    load_catalogue,
    parse_catalogue,
)
from tests.conftest import ROOT

SEED_NAMES = {
    "000_6c7d9e24e8697a4b.txt",
    "001_4e41eeac80a675cd.txt",
    "002_8b38907011f7c757.txt",
    "003_58ca1f99f04dbf04.txt",
    "004_d75d03634a75bd47.txt",
}


def test_catalogue_covers_every_exercise_family_of_the_articles() -> None:
    ids = set(load_catalogue().ids)
    required = {
        "toe_alphabet", "knee_over_toe_stretch", "tiptoe_walk", "tiptoe_walk_three_ways",
        "heel_walk", "toe_press", "toe_stretch", "pencil_pickup_sitting", "wall_calf_stretch",
        "towel_leg_stretch", "ankle_circles_lying", "ankle_circles_seated", "seated_toe_reach",
        "band_plantar_flexion", "tibialis_band", "tennis_ball_massage", "heel_raise_two_legs",
        "heel_raise_one_leg", "heel_raise_slow", "towel_curls", "toe_yoga",
        "short_foot_sitting", "short_foot_standing", "short_foot_one_leg", "toe_splay",
        "single_leg_balance",
    }  # fmt: skip
    assert required <= ids


def test_every_exercise_names_real_sources_and_sensible_dosage() -> None:
    catalogue = load_catalogue()
    assert set(catalogue.sources) == SEED_NAMES
    for e in catalogue.exercises:
        assert set(e.source) <= SEED_NAMES
        assert set(e.equipment) <= set(EQUIPMENT)
        assert 0.3 < e.minutes() < 10, e.id
    # Every article contributes at least one exercise.
    assert {s for e in catalogue.exercises for s in e.source} == SEED_NAMES
    assert {h.id for h in catalogue.habits} >= {"barefoot_time", "wide_toe_box", "avoid_flip_flops"}


def test_variant_chains_go_from_easier_to_harder() -> None:
    catalogue = load_catalogue()
    for e in catalogue.exercises:
        if e.harder:
            harder = catalogue.get(e.harder)
            assert harder.easier == e.id and harder.level > e.level
    chain = ["short_foot_sitting", "short_foot_standing", "short_foot_one_leg"]
    assert [catalogue.get(i).position for i in chain] == ["sitting", "standing", "standing"]
    assert catalogue.get(chain[-1]).balance_demand == "high"


def test_duration_is_computed_from_dosage() -> None:
    # 3 sets x 10 reps x (2 s + 5 s hold) = 210 s, two rests of 20 s, one switch of 10 s.
    assert estimate_minutes(
        sets=3, reps=10, hold_seconds=5, tempo_seconds=2, rest_seconds=20, per_side=False
    ) == pytest.approx((210 + 40 + 10) / 60)
    # Timed, each side: 2 x 30 s, one rest of 10 s, per side, plus two switches.
    assert estimate_minutes(
        sets=2, reps=0, hold_seconds=30, tempo_seconds=0, rest_seconds=10, per_side=True
    ) == pytest.approx(2 * (60 + 10 + 10) / 60)


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('id = "toe_yoga"', 'id = "toe_alphabet"', "'toe_alphabet': id is used twice"),
        ('position = "lying"', 'position = "upside_down"', "field 'position'"),
        ('equipment = ["towel"]', 'equipment = ["trampoline"]', "unknown value 'trampoline'"),
        ("sets = 3\nreps = 8", "sets = 0\nreps = 8", "field 'sets'"),
        ('harder = "short_foot_standing"', 'harder = "levitation"', "unknown exercise"),
        ('figure = "toe_yoga"', 'figure = "toe_yoga"\ncolour = "red"', "unknown field(s) colour"),
        ('source = ["004_d75d03634a75bd47.txt"]\nfigure = "toe_splay"',
         'source = ["999.txt"]\nfigure = "toe_splay"', "unknown article '999.txt'"),
        ("[[exercise]]\nid =", "[[exercise]]\nident =", "missing field 'id'"),
    ],
)  # fmt: skip
def test_malformed_catalogue_names_entry_and_field(old: str, new: str, message: str) -> None:
    text = CATALOGUE_PATH.read_text()
    assert old in text, old
    with pytest.raises(CatalogueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_catalogue(text.replace(old, new, 1))


def test_cli_exercises_json_contract() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "footcheck", "exercises", "--json"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == len(load_catalogue().exercises)
    for item in data:
        assert {"id", "name", "position", "equipment", "targets", "source"} <= set(item)
        assert isinstance(item["equipment"], list) and isinstance(item["targets"], list)
        assert all(s in SEED_NAMES for s in item["source"])


def test_cli_usage_error_exits_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "footcheck", "no-such-command"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
