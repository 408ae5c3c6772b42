"""The footprint engine: accuracy on generated prints, refusals, formats, EXIF, robustness."""

from __future__ import annotations

import io
import json
import math
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from footcheck import analyze_imprint
from footcheck.imaging.analyze import CUT_CODES, ImprintResult
from footcheck.imaging.evaluation import AccuracyReport, evaluate_unusable, evaluate_usable
from footcheck.imaging.load import WORK_LONG_SIDE
from footcheck.imaging.overlay import analyse_and_draw, draw_overlay, overlay_bytes
from footcheck.imaging.quality import HEEL_DOUBT
from footcheck.imaging.synth import (
    FootShape,
    Placement,
    Scene,
    encode,
    random_scene,
    render,
    with_arch_index,
)
from footcheck.indices import classify_arch
from tests.conftest import ROOT

CONTRACT_KEYS = {"side", "arch_index", "chippaux_smirak", "staheli", "arch_type", "quality"}


def _upright_scene(arch_index: float, side: str = "right", **scene_args) -> Scene:
    shape = with_arch_index(FootShape(side=side), arch_index)
    scene = Scene(width=900, height=1200, **scene_args)
    scene.feet = [(shape, Placement(450, 950, 0.0, 3.0))]
    return scene


def _with_ink_disc(scene: Scene, foot_xy: tuple[float, float], radius_mm: float) -> bytes:
    """The scene's photo with a disc of the heel's ink at ``foot_xy`` (mm, in the first
    foot's own frame): a smudge, a blot, a toe printed larger than it is."""
    shape, place = scene.feet[0]
    image = render(scene)
    heel_x, heel_y = place.to_screen(0.0, shape.heel_radius, shape)
    ink = image[int(heel_y), int(heel_x)].copy()
    rows, cols = np.mgrid[0 : image.shape[0], 0 : image.shape[1]]
    x, y = place.to_screen(*foot_xy, shape)
    image[(cols - x) ** 2 + (rows - y) ** 2 <= (radius_mm * place.px_per_mm) ** 2] = ink
    return encode(scene, image)


def _left_foot_with_a_smudged_little_toe() -> tuple[Scene, bytes]:
    """An upright left foot whose little toe smudged larger than its big toe."""
    scene = _upright_scene(0.235, side="left", light_gradient=0.0)
    shape, _ = scene.feet[0]
    cx, cy, _, _ = shape.toes()[4]
    return scene, _with_ink_disc(scene, (cx, cy + 6.0), 0.155 * shape.forefoot_width)


@pytest.fixture(scope="module")
def photo() -> bytes:
    """One ordinary upright photo of a right foot with a normal arch, as JPEG bytes."""
    return encode(_upright_scene(0.235))


@pytest.fixture(scope="module")
def upright(photo: bytes):
    return analyze_imprint(photo)


# -- accuracy -----------------------------------------------------------------------------------
@pytest.mark.parametrize("style", ["wet", "ink_grid", "podoscope", "powder"])
def test_accuracy_on_a_generated_set(style: str) -> None:
    """Each look, with exact truth: wet prints (soft edges, mottle, fainter midfoot and toes),
    podoscope ink sheets (grid texture, pressure shading, panels, logos, strokes), podoscope
    glass-plate photos (glow, dim sole, dark cluttered room; 7 types in 10 right before the
    glow was told from the sole) and powder on dark card (lighter than its sheet, seen from
    above: every one was refused as a glass plate without glow)."""
    report = evaluate_usable(range(500, 520), style)
    s = report.summary()
    assert s["refused_fraction"] <= 0.05, report.refused
    assert s["wrong_count"] == 0, report.wrong_count
    assert s["feet"] >= 20
    assert s["ai_mae"] <= 0.03
    assert s["type_accuracy"] >= 0.85
    assert s["side_accuracy"] >= 0.9
    assert s["confident_misses"] <= 1
    (look,) = report.by_look().items()  # every foot scored is of the look asked for
    assert look[0] == style and look[1].feet == s["feet"]
    assert look[1].ai_mae == pytest.approx(s["ai_mae"])
    assert look[1].ai_mae >= abs(look[1].ai_bias)


def test_the_error_of_each_look_keeps_its_sign() -> None:
    """A look read too low on average and another read too high must not cancel out: the
    benchmark shows each look's bias apart."""
    report = AccuracyReport(
        ai_errors=[0.01, -0.03, 0.02, -0.01],
        type_hits=[True, False, True, True],
        looks=["wet", "ink_grid", "wet", "ink_grid"],
    )
    looks = report.by_look()
    assert list(looks) == ["ink_grid", "wet"]
    assert looks["ink_grid"].feet == 2 and looks["ink_grid"].type_accuracy == 0.5
    assert looks["ink_grid"].ai_bias == pytest.approx(-0.02)
    assert looks["ink_grid"].ai_mae == pytest.approx(0.02)
    assert looks["wet"].ai_bias == pytest.approx(0.015) == looks["wet"].ai_mae


@pytest.mark.parametrize(
    ("arch_index", "expected"), [(0.12, "high"), (0.235, "normal"), (0.31, "flat")]
)
def test_each_arch_type_is_recognised(arch_index: float, expected: str) -> None:
    result = analyze_imprint(encode(_upright_scene(arch_index)))
    assert result.ok, result.error
    (foot,) = result.feet
    assert foot.arch_type == expected == classify_arch(arch_index)
    assert abs(foot.arch_index - arch_index) < 0.015
    assert foot.side == "right"
    assert 0.0 <= foot.quality <= 1.0


def test_high_arch_with_no_midfoot_contact_is_one_foot() -> None:
    scene = _upright_scene(0.02, side="left")
    shape = scene.feet[0][0]
    assert shape.truth().min_mid_width == 0  # heel and forefoot do not touch
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error
    (foot,) = result.feet
    assert foot.arch_index < 0.06 and foot.arch_type == "high"
    assert foot.chippaux_smirak == 0 and foot.staheli == 0
    assert foot.side == "left"


def test_two_feet_are_reported_left_to_right() -> None:
    left = FootShape(side="left", arch=0.9)
    right = FootShape(side="right", arch=0.3)
    scene = Scene(width=1600, height=1200)
    scene.feet = [(left, Placement(560, 1000, 0, 2.6)), (right, Placement(1040, 1000, 0, 2.6))]
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error
    assert [f.side for f in result.feet] == ["left", "right"]
    xs = [f.position_x for f in result.feet]
    assert xs == sorted(xs)
    assert result.feet[0].arch_index < result.feet[1].arch_index


@pytest.mark.parametrize("angle", [0, 37, 90, 145, 200, 270, 333])
def test_any_rotation_gives_the_same_answer(angle: float) -> None:
    shape = FootShape(side="left", arch=0.6)
    scene = Scene(width=1200, height=1200)
    scene.feet = [(shape, Placement(0, 0, angle, 2.8))]
    # Put the middle of the foot in the middle of the frame.
    cx, cy = scene.feet[0][1].to_screen(0, shape.length / 2, shape)
    scene.feet = [(shape, Placement(600 - cx, 600 - cy, angle, 2.8))]
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error
    (foot,) = result.feet
    assert foot.side == "left"
    assert abs(foot.arch_index - shape.truth().arch_index) < 0.01


def _sheet_scene(left_ai: float, right_ai: float, **scene_args) -> Scene:
    """A podoscope ink sheet: two upright feet, one per printed panel, left foot on the left."""
    left = with_arch_index(FootShape(side="left"), left_ai)
    right = with_arch_index(FootShape(side="right"), right_ai)
    options = {"style": "ink_grid", "contrast": 0.7, "sheet": True, "seed": 3} | scene_args
    scene = Scene(width=1050, height=1400, **options)
    px = 3.4
    scene.feet = [(left, Placement(330, 1150, 0.0, px)), (right, Placement(720, 1150, 0.0, px))]
    return scene


def test_ink_grid_sheet_reads_both_feet_with_their_sides() -> None:
    """Grid texture, pressure shading, panel borders, logos, registration strokes and the
    remarks line: both feet found, each in its own panel, sides from the print itself."""
    _assert_reads_left_and_right(_sheet_scene(0.15, 0.28), tolerance=0.02)


def _assert_measured_as_generated(scene: Scene, tolerance: float = 0.01) -> ImprintResult:
    """Every foot of a generated scene found, on its side, within ``tolerance`` of its truth;
    the result, for what a test checks besides."""
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error_code
    truth = {shape.side: shape.truth().arch_index for shape, _ in scene.feet}
    assert sorted(foot.side for foot in result.feet) == sorted(truth)
    for foot in result.feet:
        assert abs(foot.arch_index - truth[foot.side]) < tolerance, (foot.side, foot.arch_index)
    return result


def _assert_reads_left_and_right(scene: Scene, tolerance: float) -> None:
    """Both feet of the scene found, left then right, each of its true arch type, with an
    Arch Index within ``tolerance`` of the truth."""
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error_code
    assert [f.side for f in result.feet] == ["left", "right"]
    for foot, (shape, _) in zip(result.feet, scene.feet, strict=True):
        assert abs(foot.arch_index - shape.truth().arch_index) < tolerance
        assert foot.arch_type == shape.true_type


@pytest.mark.parametrize("seed", [150108, 150114])
def test_an_ink_sheet_whose_light_midfoot_printed_only_lines_is_read_whole(seed: int) -> None:
    """A fine grid photographed from afar blurs into tone where contact was firm, and shows
    only lines where it was light. Not seen as a grid, the midfoot's lines were cut into
    stripes: flat feet (AI 0.275 and 0.285) were read as AI 0.0, "high arch"."""
    scene = random_scene(seed, "usable", as_first_drawn=True)
    assert scene.style == "ink_grid" and scene.light_contact > 0.2
    # The look of round 1 (fine cells, unbroken lines), in which the fault was seen; the
    # real sheets' look has its own test below.
    scene.cell_mm, scene.faintest, scene.ink_gamma, scene.broken = 2.4, 0.3, 1.0, 0.0
    truth = {shape.side: shape.truth().arch_index for shape, _ in scene.feet}
    result = analyze_imprint(encode(scene))
    assert sorted(f.side for f in result.feet) == ["left", "right"]
    for foot in result.feet:
        assert abs(foot.arch_index - truth[foot.side]) < 0.025


@pytest.mark.parametrize("seed", [350030, 350082])
def test_the_generator_makes_a_whole_scene_for_every_seed(seed: int) -> None:
    """Long feet on a sheet in a small frame found no place in 200 tries and the generator
    raised, stopping the benchmark on fresh seeds; they are now made smaller until they fit."""
    scene = random_scene(seed, "usable", "ink_grid")
    assert len(scene.feet) in (1, 2)
    w, h = scene.width, scene.height
    for shape, place in scene.feet:
        for x, y in [(0.0, 0.0), (0.0, shape.body_length)]:  # heel and ball on the axis
            col, row = place.to_screen(x, y, shape)
            assert 0 <= col <= w and 0 <= row <= h


def test_a_tilted_cameras_photo_goes_on_beyond_the_flat_scene() -> None:
    """A tilted camera sees more than the flat scene at its far corners. The generator
    filled them with one flat colour, which no photo has: a glowing print the scene cut off
    ended along that wedge's slanted edge, not at the frame, and was measured as a whole
    foot (fresh seed 1102007: "flat, 60 % sure"). The scene now goes on there."""
    scene = random_scene(1102007, "cut_off")
    assert scene.perspective > 0.05
    image = render(scene)
    # The wedge a flat scene leaves is 29 pixels wide at the top here.
    for corner in (image[:20, :12], image[:20, -12:]):
        assert corner.std(axis=(0, 1)).max() > 0.005  # the room's grain and mottle, not one colour


@pytest.mark.parametrize("seed", [1202000, 1102021])
def test_a_glowing_print_a_tilted_camera_cut_is_refused_as_cut(seed: int) -> None:
    """Drawn with the flat corners, these glass plates' cut prints were measured (1202000:
    "60 % sure"); photographed as a real camera would, the print runs to the frame."""
    scene = random_scene(seed, "cut_off")
    assert scene.style == "podoscope" and scene.perspective > 0
    result = analyze_imprint(encode(scene))
    assert result.error_code in CUT_CODES


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_a_turned_sheet_gives_the_same_sides_and_indices(turns: int) -> None:
    upright = analyze_imprint(encode(_sheet_scene(0.2, 0.24)))
    turned = analyze_imprint(encode(_sheet_scene(0.2, 0.24, quarter_turns=turns)))
    assert turned.ok, turned.error
    by_side = {f.side: f.arch_index for f in upright.feet}
    assert {f.side for f in turned.feet} == {"left", "right"}
    for foot in turned.feet:
        assert abs(foot.arch_index - by_side[foot.side]) < 0.01


def test_perspective_of_a_tilted_camera_is_tolerated() -> None:
    scene = _sheet_scene(0.12, 0.3, perspective=0.08)
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error
    assert [f.arch_type for f in result.feet] == ["high", "flat"]


def test_podoscope_glow_on_a_dark_room_is_found_by_its_glow() -> None:
    """A podoscope photo (lit contact area, dim sole, dark room, seen from below): the print
    is found from its glow, not its darkness, and the midfoot's glow beside the dim sole
    counts, and the side is known (this photo read AI 0.30 for 0.24, side unknown)."""
    shape = with_arch_index(FootShape(side="right"), 0.24)
    scene = Scene(width=900, height=1200, style="podoscope", contrast=0.9, seed=4)
    scene.feet = [(shape, Placement(450, 950, 0.0, 3.0))]
    result = analyze_imprint(encode(scene))
    assert result.polarity in ("lighter", "colour")
    [foot] = result.feet
    assert abs(foot.arch_index - 0.24) < 0.015
    assert foot.side == "right"


def test_soft_wet_print_on_cardboard() -> None:
    scene = _upright_scene(0.2, side="left", surface="cardboard", edge_softness_mm=2.5,
                           pressure=0.5, mottle=0.4, contrast=0.3)  # fmt: skip
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error
    (foot,) = result.feet
    assert foot.side == "left"
    assert abs(foot.arch_index - 0.2) < 0.015


def _filling_mottled_print(seed: int, angle: float) -> Scene:
    """A pale-mottled wet print so large that it fills most of the photo (about 0.9 of its
    height): the sheet estimate's window then holds mostly print."""
    shape = with_arch_index(FootShape(side="left"), 0.24)
    scene = Scene(width=900, height=1200, style="wet", surface="paper", contrast=0.185,
                  pressure=0.2, mottle=0.38, edge_softness_mm=0.3, light_gradient=0.15,
                  shadow=0.17, overhang=True, blur_px=0.32, noise=0.0086, jpeg_quality=60,
                  seed=seed)  # fmt: skip
    scene.feet = [(shape, Placement(413, 202 if angle > 90 else 998, angle, 4.52))]
    return scene


@pytest.mark.parametrize(("seed", "angle"), [(4, 171.0), (1, 180.0), (3, 171.0)])
def test_a_print_filling_the_photo_is_measured_not_refused(seed: int, angle: float) -> None:
    """Its pale blotches read as sheet, the print fell apart: refused as partial, toes cut
    off or two prints. The second reading of the sheet measures it."""
    result = analyze_imprint(encode(_filling_mottled_print(seed, angle)))
    assert result.ok, result.error_code
    [foot] = result.feet
    assert abs(foot.arch_index - 0.24) < 0.01
    assert foot.side == "left"


def test_of_two_readings_that_disagree_the_cleaner_is_kept_without_much_certainty() -> None:
    """The usual reading took a normal print (AI 0.24) for a flat one (0.31) "95 % sure",
    from a ragged sliver of the print; the second reading outlines it cleanly. (Seed 3, which
    showed it first, is now refused by the usual reading, blotches beside its ball being no
    toes; the second reading then measures it alone.)"""
    result = analyze_imprint(encode(_filling_mottled_print(7, 0.0)))
    [foot] = result.feet
    assert abs(foot.arch_index - 0.24) < 0.01
    assert foot.side == "left"
    assert foot.confidence < 0.8
    assert "the paper around the print is uneven, so its outline is uncertain" in (
        foot.trust.doubts
    )


def test_a_second_reading_never_makes_a_print_vanish() -> None:
    """Three prints, the third in a fold's shadow: the second reading merged it with the
    shadow and measured two feet; the photo must still be refused as more than two prints."""
    result = analyze_imprint(encode(random_scene(65024, "three_prints", as_first_drawn=True)))
    assert result.error_code == "too_many"


def test_confidence_is_never_certain_and_drops_near_a_cut_off() -> None:
    clear = analyze_imprint(encode(_upright_scene(0.12))).feet[0]
    borderline = analyze_imprint(encode(_upright_scene(0.211))).feet[0]
    assert clear.confidence <= 0.95
    assert borderline.confidence < 0.75 < clear.confidence
    assert 0.0 < borderline.quality <= 1.0


def test_every_unusable_kind_in_every_look_is_refused() -> None:
    for style in ("wet", "ink_grid"):
        for kind in ("no_print", "blurry", "low_contrast", "too_small"):
            refused, accepted = evaluate_unusable(kind, [910], style)
            assert refused == 1, (style, kind, accepted)


# -- refusals -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("style", "seed"),
    [("wet", 905), ("wet", 915), ("ink_grid", 901), ("ink_grid", 928), ("podoscope", 921)],
)
def test_a_blurred_photo_is_refused_not_misread(style: str, seed: int) -> None:
    # Each of these was once measured anyway (40-69 % sure; two of the five as the wrong arch
    # type): a photo this blurred cannot show where a midfoot's contact ends.
    result = analyze_imprint(encode(random_scene(seed, "blurry", style, as_first_drawn=True)))
    assert result.error_code == "too_blurry", [f.to_dict() for f in result.feet]


def test_a_noisy_blurred_photo_is_refused_as_blurred() -> None:
    """A wet print blurred by 13 pixels on a grainy, heavily compressed photo: the grain
    along the outline was steeper than the blurred edge, so its edge seemed blurred by 3
    pixels, under the limit, and the print was measured ("normal, 34 %")."""
    scene = random_scene(3503015, "blurry")
    assert scene.style == "wet" and scene.noise > 0.015 and scene.jpeg_quality < 70
    result = analyze_imprint(encode(scene))
    assert result.error_code == "too_blurry", [f.to_dict() for f in result.feet]


@pytest.mark.parametrize("seed", [1403004, 1403007, 1403020, 1403026])
def test_a_photo_blurred_into_blobs_is_refused_as_blurred_not_as_cut(seed: int) -> None:
    """Blurred so much that the print falls into blobs, the photo was refused for the blobs'
    shapes ("the toes are cut off": step back), which cannot help: it is too blurry."""
    result = analyze_imprint(encode(random_scene(seed, "blurry")))
    assert result.error_code == "too_blurry"
    assert "steady" in result.error


def test_a_shrunk_picture_asks_for_the_original_not_to_come_closer() -> None:
    """A print that fills a picture of few pixels (a messenger app or a screenshot shrank
    it) was refused as "too small in the photo: hold the camera closer", which cannot help.
    It is refused as a small picture, asking for the original photo."""
    picture = Image.open(io.BytesIO(encode(_upright_scene(0.235)))).convert("RGB")
    small = picture.resize((picture.width // 5, picture.height // 5), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    small.save(buf, "JPEG", quality=90)
    result = analyze_imprint(buf.getvalue())
    assert result.error_code == "small_picture"
    assert "original photo" in result.error
    assert "closer" not in result.error


@pytest.mark.parametrize(
    ("kind", "codes"),
    [
        ("no_print", {"no_print"}),
        ("cut_off", {"cut_heel", "cut_toes", "cut_off"}),
        ("blurry", {"too_blurry"}),
        # A print fainter than the paper's own shading cannot be told from no print at all;
        # both answers ask for a clearer print.
        ("low_contrast", {"low_contrast", "no_print"}),
        ("too_small", {"too_small"}),
        ("three_prints", {"too_many"}),
    ],
)
def test_unusable_photos_are_refused_with_their_reason(kind: str, codes: set[str]) -> None:
    for seed in (900, 901):
        result = analyze_imprint(encode(random_scene(seed, kind)))
        assert not result.ok
        assert result.error_code in codes, (seed, result.error_code)
        assert not result.feet
        assert result.to_dict() == {"file": None, "feet": [], "error": result.error}
        assert len(result.error) > 40  # a sentence saying what to do


def test_a_third_print_joined_to_a_table_at_the_edge_is_still_a_third_print() -> None:
    """Fresh photo of three wet prints, the third touching a strip of table along the
    photo's edge: the usual reading joined print and table into one shape hugging the frame
    and left both out, and the other two were measured as the person's feet ("flat", 87 and
    89 % sure). The second reading shows the third print apart from the table."""
    scene = random_scene(2506012, "three_prints")
    assert scene.style == "wet" and scene.table > 0 and len(scene.feet) == 3
    result = analyze_imprint(encode(scene))
    assert result.error_code == "too_many", [(f.side, f.arch_index) for f in result.feet]


def test_half_a_foot_is_refused_as_partial() -> None:
    canvas = Image.new("L", (900, 1200), 235)
    ImageDraw.Draw(canvas).ellipse((300, 400, 560, 640), fill=150)  # a lone round pad
    buf = io.BytesIO()
    canvas.save(buf, "PNG")
    result = analyze_imprint(buf.getvalue())
    assert result.error_code == "partial"


@pytest.mark.parametrize("angle", [0.0, 90.0, 200.0])
def test_the_ball_of_a_foot_whose_heel_is_outside_the_photo_is_refused(angle: float) -> None:
    # A high arch leaves no midfoot contact; with the heel beyond the photo's edge, what is left
    # (the ball, wider than long, and its toes) once passed for a whole flat foot, "95 % sure".
    shape = FootShape(
        side="right",
        body_length=223.0,
        heel_width=65.5,
        forefoot_width=106.0,
        arch=2.26,
        arch_shape=0.78,
        arch_centre=0.54,
        ball_level=0.816,
        medial_share=0.37,
        cap_apex=-0.04,
    )
    assert shape.truth().arch_index < 0.02
    px, turn = 3.0, math.radians(angle)
    toes_way = np.array((math.sin(turn), -math.cos(turn)))
    ball = np.array((450.0, 450.0)) - 150 * toes_way
    heel = ball - shape.ball_level * shape.body_length * px * toes_way
    scene = Scene(width=900, height=900)
    scene.feet = [(shape, Placement(float(heel[0]), float(heel[1]), angle, px))]
    assert not (0 < heel[0] < 900 and 0 < heel[1] < 900)  # the heel lies outside the photo
    result = analyze_imprint(encode(scene))
    assert result.error_code == "partial", [f.to_dict() for f in result.feet]


def test_toes_printed_as_one_row_are_not_taken_for_a_heel() -> None:
    canvas = Image.new("L", (900, 1200), 235)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((270, 500, 630, 760), fill=150)  # the ball of a foot, wider than long
    draw.rounded_rectangle((300, 365, 600, 430), radius=32, fill=150)  # its toes, run together
    buf = io.BytesIO()
    canvas.save(buf, "PNG")
    result = analyze_imprint(buf.getvalue())
    assert result.error_code == "partial", [f.to_dict() for f in result.feet]


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"", "empty"),
        (b"just some text, certainly not a photo", "not a picture"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not a picture"),
    ],
)
def test_unreadable_files_get_a_clear_message(data: bytes, phrase: str) -> None:
    result = analyze_imprint(data)
    assert not result.ok and phrase in result.error
    assert result.size is None


def test_truncated_photo_is_refused(photo: bytes) -> None:
    result = analyze_imprint(photo[: len(photo) // 3])
    assert not result.ok
    assert "incomplete" in result.error or "not a picture" in result.error


def test_decompression_bomb_is_refused_quickly() -> None:
    import time

    buf = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buf, "PNG")
    start = time.perf_counter()
    result = analyze_imprint(buf.getvalue())
    assert time.perf_counter() - start < 2
    assert not result.ok and "too large" in result.error


def test_a_high_depth_picture_too_big_to_decode_is_refused_before_decoding(monkeypatch) -> None:
    from footcheck.imaging import load

    monkeypatch.setattr(load, "MAX_DECODED_BYTES", 3_000_000)
    big = io.BytesIO()
    Image.fromarray(np.ones((1000, 1000), np.float32)).save(big, "TIFF")  # 4 MB decoded
    result = analyze_imprint(big.getvalue())
    assert not result.ok and "too big to open here" in result.error
    small = io.BytesIO()
    Image.fromarray(np.full((800, 800), 60_000, np.uint16)).save(small, "PNG")  # 1.3 MB
    assert "too big" not in (analyze_imprint(small.getvalue()).error or "")


def test_a_high_depth_picture_keeps_one_white_across_its_strips(monkeypatch) -> None:
    """Shrinking works strip by strip; every strip must use the picture's white, not its own
    brightest value (a strip holding only the print would turn white)."""
    from footcheck.imaging import load

    monkeypatch.setattr(load, "STRIP_BYTES", 40_000)
    values = np.full((2000, 1000), 1000.0, np.float32)  # a scanner's raw floats, white = 1000
    values[1500:] = 200.0  # the bottom quarter is print
    buf = io.BytesIO()
    Image.fromarray(values).save(buf, "TIFF")
    picture, _ = load.decode(buf.getvalue(), 240)
    grey = np.asarray(picture.convert("L"), dtype=float)
    assert grey[:150].mean() > 250 and abs(grey[-50:].mean() - 255 * 0.2) < 3


def test_missing_file_is_refused(tmp_path: Path) -> None:
    result = analyze_imprint(tmp_path / "nope.jpg")
    assert not result.ok and "could not be opened" in result.error


# -- formats, modes, EXIF ------------------------------------------------------------------------
def _save(image: Image.Image, fmt: str, **options) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **options)
    return buf.getvalue()


@pytest.fixture(scope="module")
def pixels() -> Image.Image:
    return Image.fromarray((render(_upright_scene(0.235)) * 255 + 0.5).astype(np.uint8))


@pytest.mark.parametrize(
    "convert",
    [
        pytest.param(lambda im: _save(im, "PNG"), id="png-rgb"),
        pytest.param(lambda im: _save(im.convert("L"), "PNG"), id="png-grey"),
        pytest.param(lambda im: _save(im.convert("RGBA"), "PNG"), id="png-rgba"),
        pytest.param(lambda im: _save(im.convert("P"), "PNG"), id="png-palette"),
        pytest.param(
            lambda im: _save(Image.fromarray(np.asarray(im.convert("L"), np.uint16) * 257), "PNG"),
            id="png-16bit",
        ),
        pytest.param(lambda im: _save(im, "WEBP", quality=90), id="webp"),
        pytest.param(lambda im: _save(im, "GIF"), id="gif"),
        pytest.param(lambda im: _save(im, "TIFF"), id="tiff"),
        pytest.param(lambda im: _save(im.convert("CMYK"), "JPEG"), id="jpeg-cmyk"),
        pytest.param(lambda im: _save(im.convert("CMYK"), "TIFF"), id="tiff-cmyk"),
        pytest.param(lambda im: _save(im, "BMP"), id="bmp"),
        pytest.param(lambda im: _save(im, "HEIF", quality=90), id="heic"),
    ],
)
def test_every_common_format_and_mode(pixels: Image.Image, upright, convert) -> None:
    result = analyze_imprint(convert(pixels))
    assert result.ok, result.error
    (foot,) = result.feet
    assert foot.arch_type == upright.feet[0].arch_type
    assert abs(foot.arch_index - upright.feet[0].arch_index) < 0.01
    assert foot.side == "right"


@pytest.mark.parametrize(
    ("orientation", "stored"),
    [
        (3, Image.Transpose.ROTATE_180),
        (6, Image.Transpose.ROTATE_90),
        (8, Image.Transpose.ROTATE_270),
    ],
)
def test_exif_orientation_gives_the_upright_answer(pixels, upright, orientation, stored) -> None:
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = _save(pixels.transpose(stored), "JPEG", quality=92, exif=exif.tobytes())
    result = analyze_imprint(data)
    assert result.ok, result.error
    (foot,) = result.feet
    assert foot.side == upright.feet[0].side
    assert abs(foot.arch_index - upright.feet[0].arch_index) < 0.01
    assert result.size == upright.size  # read the same way up


def test_large_jpeg_is_read_at_reduced_scale() -> None:
    scene = random_scene(10, "usable", as_first_drawn=True)
    scene.width, scene.height = scene.width * 2, scene.height * 2
    scene.feet = [
        (s, Placement(p.heel_x * 2, p.heel_y * 2, p.angle_deg, p.px_per_mm * 2))
        for s, p in scene.feet
    ]
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error
    assert max(result.size) <= 1000


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    result = analyze_imprint(data)
    assert result.ok is False or isinstance(result.feet, list)
    json.dumps(result.to_dict())


@settings(max_examples=40, deadline=None)
@given(st.binary(min_size=1, max_size=2048), st.sampled_from([0, 100, 1000, 5000]))
def test_never_raises_on_corrupted_photos(photo: bytes, junk: bytes, at: int) -> None:
    corrupted = photo[:at] + junk + photo[at + len(junk) :]
    result = analyze_imprint(corrupted)
    json.dumps(result.to_dict())


def test_a_picture_without_grain_or_contrast_gives_no_invalid_numbers() -> None:
    """A corrupted file decoded to flat grey with a speck has no grain and no contrast: the
    print map divided zero by zero there (NaN, and a warning in the test run)."""
    from footcheck.imaging.segment import Levels, relative_tone

    tone = np.zeros((60, 60), dtype=np.float32)
    tone[30, 30] = 1e-3
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        relative = relative_tone(tone, Levels(0.0, 0.0, 0.0), 3)
    assert np.isfinite(relative).all()


# -- result and overlay contract ---------------------------------------------------------------
def test_result_contract_and_overlay(photo: bytes, upright) -> None:
    data = upright.to_dict()
    assert set(data) == {"file", "feet"}
    assert set(data["feet"][0]) == CONTRACT_KEYS
    overlay = draw_overlay(photo, upright, 900)
    assert max(overlay.size) == 900 and overlay.mode == "RGB"
    drawn = np.asarray(overlay).astype(int)
    original = np.asarray(Image.open(io.BytesIO(photo)).convert("RGB").resize(overlay.size))
    assert np.abs(drawn - original.astype(int)).sum(axis=2).astype(bool).mean() > 0.02
    outline = (0, 150, 136)
    assert (np.abs(drawn - outline).sum(axis=2) < 30).sum() > 200  # the outline colour
    # Drawn on the person's own photo, in colour: the sheet keeps its colour around the print.
    corner = drawn[:40, :40].reshape(-1, 3).mean(axis=0)
    assert abs(corner[0] - corner[2]) > 5  # the synthetic paper is warm, not grey
    jpeg = overlay_bytes(photo, upright)
    assert Image.open(io.BytesIO(jpeg)).format == "JPEG"
    png = overlay_bytes(photo, upright, 320, "PNG")
    assert Image.open(io.BytesIO(png)).format == "PNG"


def test_the_page_gets_the_same_result_and_overlay_in_one_call(photo: bytes, upright) -> None:
    result, jpeg = analyse_and_draw(photo)
    assert result.to_dict() == upright.to_dict()
    assert jpeg == overlay_bytes(photo, upright)  # the same picture, the same encoding
    refused, nothing = analyse_and_draw(b"not a picture at all")
    assert not refused.ok and nothing is None


def test_path_source_sets_file(tmp_path: Path, photo: bytes) -> None:
    path = tmp_path / "print.jpg"
    path.write_bytes(photo)
    assert analyze_imprint(str(path)).to_dict()["file"] == str(path)


# -- command line --------------------------------------------------------------------------------
def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "footcheck", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_analyze_json_contract_and_exit_codes(tmp_path: Path, photo: bytes) -> None:
    good = tmp_path / "good.jpg"
    good.write_bytes(photo)
    bad = tmp_path / "bad.txt"
    bad.write_text("not a photo")
    run = _cli("analyze", "--json", str(good), str(bad), str(good))
    assert run.returncode == 3, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(good), str(bad), str(good)]
    assert set(lines[0]) == {"file", "feet"} and set(lines[0]["feet"][0]) == CONTRACT_KEYS
    assert lines[1]["feet"] == [] and isinstance(lines[1]["error"], str)
    assert "Traceback" not in run.stderr

    ok = _cli("analyze", "--json", str(good))
    assert ok.returncode == 0
    table = _cli("analyze", str(good), str(bad))
    assert table.returncode == 3 and "refused" in table.stdout and "normal" in table.stdout
    usage = _cli("analyze")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_overlay_labels_never_cover_each_other() -> None:
    """Two heels side by side at the bottom edge: the second label moves aside, clear of the
    first, where the picture has room (they used to be written one across the other, then
    the second one line higher, across its heel), and up where it has not."""
    from PIL import ImageDraw, ImageFont

    from footcheck.imaging.overlay import _place_labels

    canvas = Image.new("RGB", (900, 700), "white")
    font = ImageFont.load_default(size=25)
    down = (0.0, 1.0)  # upright feet: behind the heel is down the photo
    labels = [("Left: AI 0.27 (flat)", 360, 720, down), ("Right: AI 0.23 (normal)", 500, 720, down)]
    (x1, y1, w1), (x2, y2, w2) = _place_labels(ImageDraw.Draw(canvas), labels, font, canvas.size)
    apart_sideways = abs(x1 - x2) >= (w1 + w2) / 2
    apart_up_down = abs(y1 - y2) >= font.size
    assert apart_sideways and y1 == y2  # on one line, side by side
    assert all(0 < y < 700 for y in (y1, y2))
    narrow = Image.new("RGB", (420, 700), "white")  # no room beside: one above the other
    labels = [("Left: AI 0.27 (flat)", 150, 720, down), ("Right: AI 0.23 (normal)", 260, 720, down)]
    (x1, y1, w1), (x2, y2, w2) = _place_labels(ImageDraw.Draw(narrow), labels, font, narrow.size)
    apart_sideways = abs(x1 - x2) >= (w1 + w2) / 2
    apart_up_down = abs(y1 - y2) >= font.size
    assert apart_sideways or apart_up_down
    assert all(x - w / 2 > 0 and x + w / 2 < 420 for x, w in ((x1, w1), (x2, w2)))


def test_a_label_lies_behind_the_heel_of_a_foot_lying_across_the_photo() -> None:
    """A photo turned a quarter: the label was centred just behind the heel, so half of it
    was written across the heel it names."""
    from PIL import ImageDraw, ImageFont

    from footcheck.imaging.overlay import _place_labels

    canvas = Image.new("RGB", (900, 700), "white")
    font = ImageFont.load_default(size=25)
    behind_heel = 400.0  # the heel is to its right, the toes further right
    [(x, y, width)] = _place_labels(
        ImageDraw.Draw(canvas), [("Left: AI 0.03 (high)", behind_heel, 300, (-1.0, 0.0))], font,
        canvas.size,
    )  # fmt: skip
    assert x + width / 2 <= behind_heel + 1  # all of it on the side away from the foot
    assert y == 300


def test_a_heel_that_kept_its_midfoot_is_paired_with_its_forefoot() -> None:
    """An arch broken off just behind the ball leaves a long heel-and-midfoot piece that looks
    like a whole print by itself, and the forefoot a finger's width in front of it: one foot
    (a real ink sheet was refused as "more than two prints")."""
    canvas = Image.new("L", (900, 1200), 235)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((385, 840, 535, 1060), fill=120)  # the heel
    draw.rectangle((475, 560, 525, 930), fill=120)  # the outer midfoot
    draw.ellipse((330, 330, 590, 545), fill=120)  # the ball, 15 px in front of it
    for i, (x, size) in enumerate(((355, 70), (430, 44), (475, 40), (515, 36), (550, 30))):
        y = 250 if i == 0 else 270 + 6 * i
        draw.ellipse((x, y, x + size, y + size), fill=120)  # the toes
    buf = io.BytesIO()
    canvas.save(buf, "PNG")
    result = analyze_imprint(buf.getvalue())
    assert result.ok, result.error_code
    [foot] = result.feet
    assert foot.arch_type == "high" and foot.arch_index < 0.21


def test_a_poor_measurement_never_claims_much_certainty() -> None:
    """Quality 0.17 came with "How sure: 95%" on a real sheet with a very faint midfoot."""
    from footcheck.imaging.quality import QUALITY_CAP

    for seed in range(1000, 1006):  # podoscope photos: capped, since never tried on real ones
        result = analyze_imprint(encode(random_scene(seed, style="podoscope")))
        for foot in result.feet:
            assert foot.confidence <= QUALITY_CAP[0] + QUALITY_CAP[1] * foot.quality + 1e-3


def test_a_speck_in_front_of_a_ball_with_no_room_for_toes_is_not_toes() -> None:
    """The photo cuts the foot just in front of the ball: a 4-pixel speck there passed for
    its toes, and the print was measured as a whole flat foot, "95 % sure"."""
    result = analyze_imprint(encode(random_scene(261007, "cut_off", as_first_drawn=True)))
    assert not result.ok
    assert result.error_code == "cut_toes"


@pytest.mark.parametrize("cell_mm", [2.4, None])
def test_a_heel_the_frame_cut_a_pixel_short_of_the_edge_is_cut_off(cell_mm: float | None) -> None:
    """A tilted camera's pale border ends the print a pixel or two before the frame: the heel
    the photo cut through lay along the frame without touching it, and the rest was measured
    as a whole flat foot, "85 % sure". With the grid of round 1 (2.4 mm cells) its last line
    lies close to the contact's edge; with the real sheets' coarser cells (this scene's own)
    the print ends a cell further from the frame, and was measured ("flat, 80 %") until a
    back ending square near the frame counted as cut."""
    scene = random_scene(261010, "cut_off", as_first_drawn=True)
    assert scene.perspective > 0
    if cell_mm is not None:
        scene.cell_mm = cell_mm
    result = analyze_imprint(encode(scene))
    assert not result.ok
    assert result.error_code == "cut_heel"


def test_a_print_cut_through_its_heel_short_of_the_frame_is_cut_off() -> None:
    """The photo cut an ink print through the start of its heel; the grid's last line lay
    a cell inside the frame, so the print did not reach it, and the rest was measured as a
    whole foot: "flat, 95 % sure". Its back ends square, as wide as its heel."""
    scene = random_scene(1012012, "cut_off")
    assert scene.style == "ink_grid" and len(scene.feet) == 1
    result = analyze_imprint(encode(scene))
    assert not result.ok
    assert result.error_code == "cut_heel"


@pytest.mark.parametrize("style", ["ink_grid", "wet"])
@pytest.mark.parametrize("gap", [1, 3, 6, 8])
def test_a_whole_heel_close_to_the_frame_is_measured(style: str, gap: int) -> None:
    """A rounded heel a few working pixels from the frame is a whole heel, however close.
    (Little mottle: a pale blotch joined to the arch's bay is another matter.)"""
    shape = FootShape(side="left")
    width, height = 1200, 1600
    px = 0.6 * height / shape.length
    back = height - 1 - gap * height / WORK_LONG_SIDE  # ``gap`` in working pixels
    scene = Scene(
        width=width,
        height=height,
        feet=[(shape, Placement(600, back - shape.heel_radius * px, 0.0, px))],
        style=style,
        mottle=0.05,
        seed=5,
    )
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error_code
    [foot] = result.feet
    assert abs(foot.arch_index - shape.truth().arch_index) < 0.01


@pytest.mark.parametrize("seed", [361003, 361024])
def test_a_mottled_wet_print_whose_pale_end_the_photo_cut_is_cut_off(seed: int) -> None:
    """A mottled wet print paler at the end the photo cut through: the usual reading of the
    sheet left the pale part out and measured the rest as a whole foot (361003: "flat, 72 %
    sure" for a normal arch); the second reading, which keeps it, shows it along the frame."""
    scene = random_scene(seed, "cut_off", as_first_drawn=True)
    assert scene.style == "wet"
    result = analyze_imprint(encode(scene))
    assert not result.ok
    assert result.error_code == "cut_off"


@pytest.mark.parametrize(
    ("seed", "was"),
    [(1502019, "flat, 0.41, 67 %"), (1502039, "flat, 0.37, 68 %"), (1502052, "flat, 0.38, 79 %")],
)
def test_a_print_whose_back_comes_to_a_point_is_no_whole_foot(seed: int, was: str) -> None:
    """Fresh cut-off photos whose heel the frame cut obliquely (1502019), ran into a table's
    edge (1502039) or lay in a shadow off a dark card (1502052): what was left tapered to a
    point where a heel is rounded, and was measured as a whole foot (``was``; high and
    normal arches)."""
    result = analyze_imprint(encode(random_scene(seed, "cut_off")))
    assert not result.ok, was
    assert result.error_code in {"partial", *CUT_CODES}


def _one_wet_print_cut_off(seed: int) -> str | None:
    """The refusal code of a generated cut-off photo that holds one wet print."""
    scene = random_scene(seed, "cut_off")
    assert scene.style == "wet" and len(scene.feet) == 1
    return analyze_imprint(encode(scene)).error_code


@pytest.mark.parametrize(
    ("seed", "was"), [(2502014, "flat, 0.32, 95 %"), (2402013, "high, 0.21, 26 %")]
)
def test_toes_the_frame_cuts_beside_the_axis_are_cut_toes(seed: int, was: str) -> None:
    """Fresh cut-off photos of a foot lying aslant near a corner: the frame cut its big toe
    (2502014) or two toe tips (2402013) while the photo went on well ahead of the ball along
    the axis, so the toes seemed to have room, and the print was measured (``was``). The
    room ahead is read along the forefoot's sides too."""
    assert _one_wet_print_cut_off(seed) == "cut_toes", was


def test_a_shaded_strip_along_the_frame_beside_the_toes_is_no_cut_toe() -> None:
    """A wet print lying aslant, its five toes clear of the photo's edge, with the shade of
    the photo's edge read as a strip along the whole frame: the strip lay where toes would
    be, and the photo was refused as "toes cut off". A cut toe meets the frame there only."""
    scene = random_scene(3500094, "usable")
    assert scene.style == "wet" and len(scene.feet) == 1
    _assert_measured_as_generated(scene)


@pytest.mark.parametrize(
    ("seed", "was"), [(3001039, "flat, 0.30, 95 %"), (1502027, "high, 0.17, 80 %")]
)
def test_a_ball_the_frame_cut_whose_outline_ends_short_of_the_edge_is_cut_toes(
    seed: int, was: str
) -> None:
    """Fresh cut-off photos of a wet print whose toes lie beyond the photo's edge, the ball
    cut where the toes begin. Its outline ended 1 to 2 pixels short of the edge (3001039: a
    faint print), nothing printed touched the edge's own pixels, so the toes were not seen
    as cut, and the print was measured (``was``)."""
    assert _one_wet_print_cut_off(seed) == "cut_toes", was


@pytest.mark.parametrize(
    ("seed", "was"),
    [
        (3001051, "flat, 0.33, 80 %"),
        (3001002, "normal, 0.23, 36 %"),
        (3101008, "flat, 0.34, 72 %"),
        (3101086, "high, 0.19, 30 %"),
    ],
)
def test_a_mottled_print_the_second_reading_runs_into_the_edge_is_cut_off(
    seed: int, was: str
) -> None:
    """Fresh cut-off photos of a large, pale-mottled wet print running off the photo: the
    usual reading kept a piece of it clear of the edge and measured that (``was``); the
    second reading joined the print to the table along the photo's edge (3001051, 3101008)
    or to the sheet's edge (3001002), or read it whole running off the photo but too
    ragged for a print (3101086), and was refused as too small (as holding no print:
    3101008). The photo is cut off."""
    assert _one_wet_print_cut_off(seed) == "cut_off", was


@pytest.mark.parametrize(
    ("seed", "was"),
    [(2706026, "two of three measured"), (2806019, "two of three"), (3105096, "high, 62-63 %")],
)
def test_a_third_print_only_the_faint_grid_shows_is_a_third_print(seed: int, was: str) -> None:
    """Fresh ink sheets holding three prints, one pressed so lightly (along a fold's shading
    step, or off the sheet in a shadow) that only its grid's faint lines printed: no clear
    shape showed it, and the other two were measured (``was``)."""
    scene = random_scene(seed, "three_prints")
    assert scene.style == "ink_grid" and len(scene.feet) == 3
    result = analyze_imprint(encode(scene))
    assert result.error_code == "too_many", was


def test_a_heel_at_the_edge_of_the_photo_makes_the_type_less_sure() -> None:
    """A whole heel whose back lies a few pixels from the frame cannot be told from a heel
    the frame cut near its tip, so the person is told, and the answer is less sure; the same
    foot further in is not doubted."""

    def photo_with_heel(gap_px: float) -> ImprintResult:
        shape = with_arch_index(FootShape(side="right"), 0.235)
        scene = Scene(width=900, height=1200, light_gradient=0.0)
        scene.feet = [(shape, Placement(450, 1200 - gap_px - 3.0 * shape.heel_radius, 0.0, 3.0))]
        return analyze_imprint(encode(scene))

    (near,), (far,) = photo_with_heel(6).feet, photo_with_heel(60).feet
    assert HEEL_DOUBT in near.trust.doubts and HEEL_DOUBT not in far.trust.doubts
    assert near.arch_type == far.arch_type == "normal"
    assert abs(near.arch_index - far.arch_index) < 0.01  # the measurement itself stands
    assert near.confidence < far.confidence - 0.15


def test_a_heel_the_frame_cut_near_its_tip_is_not_a_sure_answer() -> None:
    """A fresh generated ink sheet whose frame cut off 30 % of a high-arched foot, through
    its narrow midfoot band: the band narrows to the frame as a heel's tip does and was read
    as a whole foot, "flat, 0.29, 86 %" for 0.146."""
    result = analyze_imprint(encode(random_scene(2602010, "cut_off")))
    for foot in result.feet:
        assert foot.confidence < 0.8 and HEEL_DOUBT in foot.trust.doubts


def test_a_rounded_heel_on_a_slanting_axis_is_no_point() -> None:
    """The pointed-back check reads the print's width along its axis in one-pixel slabs,
    which alias on a slanting axis (every other slab holds twice the pixels): read at one
    depth, a held-out photo of two whole feet at about 45 degrees (second generator, seed
    11) gave 0.57 of the heel's width and was refused as part of a print."""
    from benchmarks.bench_heldout import held_out_photo

    photo = held_out_photo(11)
    result = analyze_imprint(photo.data)
    assert result.ok, result.error_code
    assert len(result.feet) == 2


@pytest.mark.parametrize("seed", [63036, 180031])
def test_a_print_too_faint_to_see_is_refused_even_beside_darker_things(seed: int) -> None:
    """A print barely darker than its grey sheet, beside darker text or a table's stripes:
    those set the photo's levels, so the photo did not count as faint, and the print was
    measured (180031: "flat, 64 % sure"). The print's own level decides."""
    scene = random_scene(seed, "low_contrast", as_first_drawn=True)
    assert scene.style == "wet"
    result = analyze_imprint(encode(scene))
    assert not result.ok
    assert result.error_code == "low_contrast"


@pytest.mark.parametrize(("seed", "was"), [(63039, "too_small"), (63040, "partial")])
def test_a_faint_print_is_refused_as_faint_not_for_its_shape(seed: int, was: str) -> None:
    """Beside darker text, only the darkest part of a faint print was read, or none of it:
    the photo was refused as "too small" or "only part of a footprint", which sends the
    person to do the wrong thing; the print is there, too faint to measure."""
    result = analyze_imprint(encode(random_scene(seed, "low_contrast", as_first_drawn=True)))
    assert result.error_code == "low_contrast", (was, result.error_code)
    assert "faint" in result.error


def test_a_faint_shading_on_an_empty_sheet_is_no_faint_print() -> None:
    """The shaded, grainy top of an empty sheet holds foot-sized faint blotches; they are
    ragged, not a print's solid parts, so the photo is not said to hold a faint print."""
    result = analyze_imprint(encode(random_scene(360018, "no_print", as_first_drawn=True)))
    assert not result.ok
    assert result.error_code != "low_contrast"


def test_a_ball_and_toes_without_their_heel_are_not_paired_into_a_foot() -> None:
    """The photo cut off the heel: a mottled ball and its toes were left, and the ball was
    paired with the big toe as if they were the forefoot and heel of a high-arched foot
    (a "heel" seven times smaller than its forefoot), then measured as "flat, 62 % sure"."""
    result = analyze_imprint(encode(random_scene(361027, "cut_off", as_first_drawn=True)))
    assert not result.ok
    assert result.error_code == "partial"


def test_toes_covering_much_of_the_print_make_the_measurement_unsure() -> None:
    """A mottled ball's pale bays cut it into toe-like pieces, and a third of the ball was
    counted as toes (toes covering 0.74 of the toe-less print; real sheets at most 0.21):
    AI 0.072 for 0.114 at "64 % sure". Counted as print, those "toes" move the index a lot,
    which is now part of the expected error. (What was left of the ball ended in a narrow
    front, which is now cut as a toe too: 0.110, still unsure.)"""
    scene = random_scene(50044, as_first_drawn=True)
    [foot] = analyze_imprint(encode(scene)).feet
    assert abs(foot.arch_index - scene.feet[0][0].truth().arch_index) < 0.01
    assert foot.confidence < 0.55
    assert foot.trust.doubts[0] == "the toes touch the ball, so where they end is uncertain"


def test_a_mottled_print_read_as_two_feet_is_read_whole_by_the_cleaner_reading() -> None:
    """The usual reading broke one large mottled print into two "feet" (a flat "right foot",
    84 % sure, and a high "left foot"); the second reading saw the one whole print, much more
    cleanly, but was not used because it counted a different number of feet."""
    scene = random_scene(350092, as_first_drawn=True)
    [foot] = analyze_imprint(encode(scene)).feet
    assert foot.side == "left"
    assert abs(foot.arch_index - scene.feet[0][0].truth().arch_index) < 0.01


def test_possible_faint_contact_under_the_arch_never_makes_a_type_surer() -> None:
    """250022's right foot reads AI 0.265 for 0.259, just over the flat line. Faint contact
    under its arch, which might raise the index further, made "flat" 83 % sure; it was not
    there. A type is never surer than its measured index and expected error alone say."""
    from footcheck.indices import type_probability

    result = analyze_imprint(encode(random_scene(250022, as_first_drawn=True)))
    [right] = [foot for foot in result.feet if foot.side == "right"]
    assert right.arch_type == "flat" and right.confidence < 0.7
    for foot in result.feet:
        alone = type_probability(foot.arch_type, foot.arch_index, foot.trust.sigma)
        assert foot.confidence <= alone + 1e-3


def test_a_shadow_along_the_frame_beside_a_whole_print_does_not_cut_it_off() -> None:
    """The second reading of this sheet finds a dark corner running along the frame; it is
    not the print, so the print is still measured (guards the check above)."""
    scene = random_scene(350065, "usable", as_first_drawn=True)
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error_code
    [foot] = result.feet
    assert abs(foot.arch_index - scene.feet[0][0].truth().arch_index) < 0.01


def test_a_stroke_joining_the_heel_to_the_photos_edge_does_not_cut_the_foot_off() -> None:
    """A band (a sheet's shadowed edge, a thick stroke) can touch a print and run on to the frame
    (a real sheet turned by 12 degrees was refused as "toes cut off")."""
    clean = analyze_imprint(encode(_upright_scene(0.235)))
    picture = Image.open(io.BytesIO(encode(_upright_scene(0.235)))).convert("RGB")
    [foot] = clean.feet
    heel_y = 1030  # just inside the back of the heel (the print ends near y = 1050)
    ImageDraw.Draw(picture).line((450, heel_y, 899, heel_y + 40), fill=(60, 50, 40), width=22)
    buf = io.BytesIO()
    picture.save(buf, "JPEG", quality=92)
    joined = analyze_imprint(buf.getvalue())
    assert joined.ok, joined.error_code
    assert abs(joined.feet[0].arch_index - foot.arch_index) < 0.01


def test_a_glass_plate_photo_says_it_is_read_less_reliably() -> None:
    """Podoscope photos have never been tried on real ones: never "fairly sure" or better, and
    the card says why (generated photos once gave wrong types at 80-95 % confidence)."""
    from footcheck.imaging.quality import GLASS_PLATE_DOUBT, UNCHECKED_CONFIDENCE

    feet = [
        foot
        for seed in range(1000, 1006)
        for foot in analyze_imprint(encode(random_scene(seed, style="podoscope"))).feet
    ]
    assert feet
    for foot in feet:
        assert foot.confidence <= UNCHECKED_CONFIDENCE
        assert foot.trust.doubts[0] == GLASS_PLATE_DOUBT


def test_a_left_foot_whose_two_smallest_toes_did_not_print_is_a_left_foot() -> None:
    """With three toes seen, the second toe is the middle one whichever side the big toe is
    on; the big toe was then taken as the outer toe on the left, so every such left foot
    voted "right" (a second, independently drawn set of prints: 5 left feet of 140 said
    "right" at 95 % or "not sure"). The big toe is the clearly larger outer one."""
    scene = _upright_scene(0.235, side="left", light_gradient=0.0)
    shape, place = scene.feet[0]
    image = render(scene)
    paper = image[40, 40].copy()  # even light: the paper is the same everywhere
    rows, cols = np.mgrid[0 : image.shape[0], 0 : image.shape[1]]
    for cx, cy, half_w, half_l in shape.toes()[3:]:  # the two smallest toes
        x, y = place.to_screen(cx, cy, shape)
        reach = (max(half_w, half_l) + 3.0) * place.px_per_mm
        image[(cols - x) ** 2 + (rows - y) ** 2 <= reach**2] = paper
    result = analyze_imprint(encode(scene, image))
    assert result.ok, result.error_code
    [foot] = result.feet
    assert foot.geometry.toes_found == 3
    assert foot.side == "left"


def test_each_toe_pixel_is_counted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A toe's piece was counted again with the rim given back to it, and two pieces of one
    toe each became a toe of their own: toe sizes doubled, the wrong toe was taken for the
    big toe or the second, and the axis turned (a real sheet's left foot: its axis ran to a
    small outer toe). The toes' sizes add up to no more than the toes' mask."""
    from footcheck.imaging import geometry

    counted = []
    find_toes = geometry.find_toes

    def recording(*args):
        mask, toes, roots = find_toes(*args)
        counted.append((sum(t.area for t in toes), int(mask.sum())))
        return mask, toes, roots

    monkeypatch.setattr(geometry, "find_toes", recording)
    for seed in range(600, 603):
        analyze_imprint(encode(random_scene(seed, style="ink_grid", as_first_drawn=True)))
    assert counted
    assert all(areas <= pixels for areas, pixels in counted), counted


def test_a_smudged_little_toe_does_not_turn_a_foot_round() -> None:
    """On the real ink sheets the arch's inward curve named the side of every foot (34 of 34),
    the big toe only 16 of 23: a smudged or merged toe on the outer side passes for the big
    toe. Here a left foot's little toe is smudged larger than its big toe; the toes then said
    "right" and outvoted the arch (the foot was called a right foot, or "not sure")."""
    _, picture = _left_foot_with_a_smudged_little_toe()
    result = analyze_imprint(picture)
    assert result.ok, result.error_code
    [foot] = result.feet
    assert foot.side == "left"


def test_a_print_lighter_than_its_sheet_is_read_from_above() -> None:
    """A pale print on dark card (flour, chalk), here an ordinary photo's negative: lighter
    than the room like a glass plate's sole, but bright and without colour. It was refused
    ("no glow"); it is read like the print it is, not as a mirror image (same side, same
    index), and says that such prints are not yet checked on real photos."""
    from footcheck.imaging.quality import LIGHT_PRINT_DOUBT, UNCHECKED_CONFIDENCE

    image = render(_upright_scene(0.235))
    darker = analyze_imprint(encode(_upright_scene(0.235), image))
    lighter = analyze_imprint(encode(_upright_scene(0.235), 1.0 - image))
    assert lighter.ok, lighter.error_code
    assert lighter.polarity == "lighter"
    [dark], [light] = darker.feet, lighter.feet
    assert light.side == dark.side == "right"
    assert abs(light.arch_index - dark.arch_index) < 0.01
    assert light.confidence <= UNCHECKED_CONFIDENCE
    assert light.trust.doubts[0] == LIGHT_PRINT_DOUBT


def test_a_powder_print_beside_a_bright_table_is_found() -> None:
    """Two powder prints on dark card with a light table along the bottom edge (a fresh
    benchmark seed): the table was taken for the brightest level (as a glass plate's glow
    would be) and the prints for the dim level below it, so nothing was found ("no
    footprint"). A bright band along the frame no longer sets the levels."""
    scene = random_scene(450029, style="powder", as_first_drawn=True)
    assert scene.table > 0
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error_code
    truth = {shape.side: shape.truth().arch_index for shape, _ in scene.feet}
    assert sorted(truth) == sorted(foot.side for foot in result.feet)
    for foot in result.feet:
        assert abs(foot.arch_index - truth[foot.side]) < 0.015


@pytest.mark.parametrize("seed", [163027, 180008, 180048, 180059])
def test_a_glass_plate_whose_glow_is_too_faint_to_see_is_refused(seed: int) -> None:
    """With the glow too faint to see, only the dim sole behind the glass shows. Its outline
    is the whole sole, so it was read as the contact area of a flat foot: "91 % sure" for a
    high arch (163027, told by colour), "95 % sure" (180008 and 180048, lighter than the
    room). A print lighter than the room that does not glow is refused, with what to do."""
    scene = random_scene(seed, "low_contrast", as_first_drawn=True)
    assert scene.style == "podoscope"
    result = analyze_imprint(encode(scene))
    assert not result.ok
    assert result.error_code == "no_glow"
    assert "glow" in result.error


@pytest.mark.parametrize("seed", [170013, 170020, 170026])
def test_a_close_glass_plate_photo_is_read_from_its_glow(seed: int) -> None:
    """Photographed close, one glowing foot fills most of the picture: the sheet estimate
    (a median) rose to the glow, the dark room between the clutter read as a darker print,
    and the photo was refused as "more than two prints". The room under a glow is now
    estimated from the whole photo's dark level."""
    scene = random_scene(seed, "usable", style="podoscope", as_first_drawn=True)
    [shape] = [shape for shape, _ in scene.feet]
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error_code
    assert result.polarity == "lighter"
    [foot] = result.feet
    assert abs(foot.arch_index - shape.truth().arch_index) < 0.02
    assert foot.side == shape.side


def test_a_glow_whose_dim_sole_joins_its_pieces_is_measured_by_brightness() -> None:
    """A podoscope photo (bench seed 950144): a high arch glows in two pieces, joined by the
    dim sole, which has the glow's tint. By colour the sole was print: both feet read "flat,
    0.36" (true 0.04 and 0.21). Where brightness shows a print, the glow is read by it."""
    scene = random_scene(950144, "usable", as_first_drawn=True)
    assert scene.style == "podoscope"
    assert _assert_measured_as_generated(scene, tolerance=0.02).polarity == "lighter"


def test_a_print_told_from_its_paper_only_by_colour_is_measured_with_a_doubt() -> None:
    """A print as bright as its paper, only another colour (no photo of ours has one yet):
    measured by its colour, but never above 60 % sure, and the card says why."""
    from footcheck.imaging.quality import COLOUR_ONLY_DOUBT, UNCHECKED_CONFIDENCE

    shape = with_arch_index(FootShape(side="left"), 0.24)
    scene = Scene(width=900, height=1200, surface="grey", contrast=0.5, mottle=0.0,
                  pressure=0.0, noise=0.0, seed=3)  # fmt: skip
    scene.feet = [(shape, Placement(450, 950, 0.0, 3.0))]
    share = np.clip(1 - render(scene)[..., 0] / 0.62, 0, 1)[..., None] / 0.5  # of the print
    paper, ink = np.array([0.62, 0.62, 0.62]), np.array([0.80, 0.53, 0.60])  # same brightness
    picture = paper * (1 - share) + ink * share
    picture += np.random.default_rng(0).normal(0, 0.01, picture.shape)
    buf = io.BytesIO()
    Image.fromarray((np.clip(picture, 0, 1) * 255).astype(np.uint8)).save(buf, "JPEG", quality=90)
    result = analyze_imprint(buf.getvalue())
    assert result.polarity == "colour"
    [foot] = result.feet
    assert abs(foot.arch_index - 0.24) < 0.01
    assert foot.confidence <= UNCHECKED_CONFIDENCE
    assert foot.trust.doubts[0] == COLOUR_ONLY_DOUBT


def test_core_of_a_shape_drops_thin_bands_and_keeps_broad_parts() -> None:
    """What a print wider than any foot is measured again without (a sheet's shadowed edge
    stuck to a heel turned a real sheet, photographed at 12 degrees, into "two prints")."""
    from footcheck.imaging.feet import core_of

    yy, xx = np.mgrid[:300, :400]
    foot = ((yy - 150) / 120) ** 2 + ((xx - 120) / 60) ** 2 <= 1
    band = (np.abs(yy - 265) <= 3) & (xx >= 120) & (xx <= 390)  # 7 px, along the bottom
    core = core_of(foot | band)
    assert core is not None
    assert (core & band & ~foot).sum() < 0.05 * band.sum()  # the band is gone
    assert (core & foot).sum() >= 0.97 * foot.sum()  # the print keeps its outline
    assert core_of(foot).sum() == foot.sum()  # nothing thin: nothing dropped


def _high_arch_and_its_band() -> tuple[np.ndarray, ...]:
    """Pixel rows and columns, a high arch's heel and ball as the tone cut reads them, the
    lateral midfoot band its faint grid printed, and the toes."""
    yy, xx = np.mgrid[:420, :300]
    heel = ((yy - 340) / 50) ** 2 + ((xx - 150) / 38) ** 2 <= 1
    ball = ((yy - 120) / 60) ** 2 + ((xx - 150) / 62) ** 2 <= 1
    band = (yy > 150) & (yy < 330) & (xx > 170) & (xx < 205)
    toes = np.zeros_like(heel)
    for cx in (100, 135, 165, 192, 215):
        toes |= ((yy - 45) / 14) ** 2 + ((xx - cx) / 11) ** 2 <= 1
    return yy, xx, heel | ball, band, toes


def test_faint_contact_beside_a_print_counts_but_a_ruled_line_it_touches_does_not() -> None:
    """Light contact prints an ink grid's lines so faintly that the print's tone cut loses
    them (a real sheet's lateral midfoot band: "AI 0.03" for about 0.17); the lines found
    beside the print count as print. A panel's ruled line the faint grid touches is no part
    of the foot (a real sheet's left foot took in its panel's border: 0.03 -> 0.09)."""
    from footcheck.imaging.geometry import measure_foot, with_faint_contact

    _, xx, clear, band, toes = _high_arch_and_its_band()
    g = measure_foot(clear, toes)
    assert g is not None and g.indices.arch_index < 0.05
    line = (xx >= 236) & (xx <= 238)  # a ruled line down the panel, touching the ball
    cover = clear | band | line
    faint = with_faint_contact(g, (cover, cover), 5)
    assert faint.indices.arch_index > 0.15  # the band is contact
    no_line = with_faint_contact(g, (clear | band,) * 2, 5)
    assert faint.indices.arch_index == pytest.approx(no_line.indices.arch_index, abs=0.002)
    assert faint.toe_tip == g.toe_tip and np.allclose(faint.frame.axis, g.frame.axis)
    assert faint.faint_spread == 0.0  # the usual and the looser cover agree


def test_the_small_gaps_of_a_faint_grid_beside_a_print_count_as_contact() -> None:
    """Under light contact a grid prints broken lines, and where a few cells are missing
    the faint cover has small holes: the print is the area the grid covers, holes and all
    (a real sheet's lateral midfoot band read 0.150 for 0.174 with its holes left out). A
    gap as large as an arch's, enclosed by the band and the clear print, stays open."""
    from footcheck.imaging.geometry import measure_foot, with_faint_contact

    yy, xx, clear, band, toes = _high_arch_and_its_band()
    g = measure_foot(clear, toes)
    assert g is not None
    whole = with_faint_contact(g, (clear | band,) * 2, 5).indices.arch_index
    cells = (yy % 24 < 6) & (xx % 16 < 5) & (xx > 175) & (xx < 200)  # missing cells, 30 px
    holed = with_faint_contact(g, (clear | (band & ~cells),) * 2, 5).indices.arch_index
    assert holed == pytest.approx(whole, abs=0.002)
    # A gap as wide as an arch's, closed by a fold's crease down the medial side, stays open.
    crease = (yy > 150) & (yy < 330) & (xx >= 118) & (xx <= 120)
    arch = with_faint_contact(g, (clear | band | crease,) * 2, 5).indices.arch_index
    assert arch < whole + 0.02


def test_a_faint_grid_edge_is_drawn_through_its_line_ends() -> None:
    """Where light contact prints only the lines across the sheet, a slanting edge of the
    faint cover is a staircase: between two lines the cover reaches only as far as the
    shorter one. The outline runs through the line ends, as one would draw it (on generated
    ink sheets the midfoot read 5 % small where only one direction printed). Nothing beyond
    the contact is added."""
    from footcheck.imaging.geometry import measure_foot, with_faint_contact

    yy, xx, clear, _, toes = _high_arch_and_its_band()
    period = 8
    # A lateral band whose medial edge slants both ways from the middle of the midfoot.
    medial = np.minimum(170, 120 + 0.8 * abs(yy - 240))
    band = (yy >= 150) & (yy <= 328) & (xx < 205) & (xx > medial)
    stairs = np.zeros_like(band)
    for line in range(0, 420 - period, period):  # a cell reaches as far as its shorter line
        stairs[line : line + period + 1] |= band[line] & band[line + period]
    g = measure_foot(clear, toes)
    assert g is not None
    true = with_faint_contact(g, (clear | band,) * 2, period)
    drawn = with_faint_contact(g, (clear | stairs,) * 2, period)
    assert drawn.indices.arch_index == pytest.approx(true.indices.arch_index, abs=0.006)
    placed = np.zeros_like(band)
    r, c = drawn.offset
    placed[r : r + drawn.toeless.shape[0], c : c + drawn.toeless.shape[1]] = drawn.toeless
    assert not (placed & ~(clear | band)).any()


def test_the_big_toe_is_the_outer_toe_on_the_arch_side() -> None:
    """A left foot whose little toe smudged larger than its big toe: the big toe was taken
    to be the larger outer toe, so the axis ran to the fourth toe (a real sheet's faint big
    toe, printed smaller than the little toe, did the same). The arch names the side, and
    the big toe is the outer toe on that side: the axis runs to the second toe."""
    scene, picture = _left_foot_with_a_smudged_little_toe()
    shape, place = scene.feet[0]
    result = analyze_imprint(picture)
    [foot] = result.feet
    scale = result.size[0] / scene.width
    tip = np.array(place.to_screen(0.0, shape.length, shape)) * scale  # the second toe's tip
    assert foot.geometry.axis_method == "second_toe"
    assert np.hypot(*(np.array(foot.geometry.toe_tip) - tip)) < 0.03 * foot.geometry.indices.length


def test_a_mark_beside_the_forefoot_is_no_toe() -> None:
    """A blot beside the forefoot near the toes' level (a fold's shadow between two panels on
    real sheets) was taken for a sixth toe, and the axis lost its second toe: beside the
    ball, beyond where toes lie, nothing is a toe."""
    scene = _upright_scene(0.235, light_gradient=0.0)
    shape, _ = scene.feet[0]
    big_x, big_y, _, _ = shape.toes()[0]
    # Beside the forefoot's medial edge, a little behind the big toe.
    blot = (big_x - 0.3 * shape.forefoot_width, big_y - 10.0)
    clean = analyze_imprint(encode(scene))
    marked = analyze_imprint(_with_ink_disc(scene, blot, 5.0))
    [foot], [before] = marked.feet, clean.feet
    assert foot.geometry.toes_found == before.geometry.toes_found == 5
    assert foot.geometry.toe_tip == before.geometry.toe_tip  # the axis still ends there


def test_an_ink_sheet_whose_light_contact_printed_faint_broken_lines_is_read_whole() -> None:
    """A sheet framed as people photograph it, with the real sheets' coarse cells, whose
    light contact (the midfoot band, the rim) printed as theirs does: thin broken lines at
    a tenth or so of the heel's darkness. Its faint rim was taken for blur: refused."""
    left = with_arch_index(FootShape(side="left"), 0.24)
    right = with_arch_index(FootShape(side="right"), 0.27)
    light = {"faintest": 0.12, "ink_gamma": 1.6, "broken": 0.3, "light_contact": 0.15}
    scene = Scene(width=1500, height=1900, style="ink_grid", contrast=0.6, sheet=True, seed=3,
                  cell_mm=3.4, **light)  # fmt: skip
    scene.feet = [(left, Placement(450, 1577, 0.0, 5.5)), (right, Placement(1050, 1577, 0.0, 5.5))]
    _assert_reads_left_and_right(scene, tolerance=0.03)


def test_a_heel_printed_apart_from_the_ball_is_not_trimmed_off_as_a_tail() -> None:
    """A high arch printed its heel apart from the ball, with a scrap of lateral band joined
    to the heel's front by a thread. The back of the heel is found going backwards from the
    middle of the heel; that middle was taken at 0.35 of the print, here the scrap, so the
    thread passed for the neck of a tail and the whole heel was cut away: the ball and scrap
    were measured as the foot (a generated ink sheet: AI 0.18, "high", for 0.24)."""
    from footcheck.imaging.geometry import measure_foot

    yy, xx = np.mgrid[:460, :300]
    heel = ((yy - 383) / 52) ** 2 + ((xx - 150) / 40) ** 2 <= 1
    scrap = (yy >= 285) & (yy < 315) & (xx >= 165) & (xx < 205)  # 40 px of lateral band
    thread = (yy >= 315) & (yy < 345) & (xx >= 184) & (xx < 187)  # 3 px, to the heel's front
    ball = ((yy - 130) / 65) ** 2 + ((xx - 150) / 65) ** 2 <= 1
    toes = np.zeros_like(heel)
    for cx in (100, 135, 165, 192, 215):
        toes |= ((yy - 45) / 14) ** 2 + ((xx - cx) / 11) ** 2 <= 1
    g = measure_foot(heel | scrap | thread | ball, toes)
    assert g is not None
    rows, _ = np.nonzero(g.toeless)
    assert rows.max() + g.offset[0] >= 430  # the back of the heel is the print's back
    assert g.indices.length >= 0.95 * (435 - 65)


def test_a_box_joined_to_the_heel_does_not_turn_the_foot_round() -> None:
    """A real sheet's "Remarks" box joined to a heel made that end the wider, so the heel
    was taken for the forefoot: the heel and midfoot were cut off as "toes", as large as
    the rest, and the foot read 0.150 for 0.252. No foot's toes are half its toe-less
    print: such a foot is measured the other way round too."""
    from footcheck.imaging.feet import find_shapes, group_feet
    from footcheck.imaging.geometry import measure_foot
    from footcheck.imaging.load import load_image
    from footcheck.imaging.segment import segment

    scene = random_scene(50003, "usable", "wet", as_first_drawn=True)
    [foot, *_] = group_feet(find_shapes(segment(load_image(encode(scene)).rgb).mask))
    clear = measure_foot(foot.body, foot.extras)
    assert clear is not None
    rows, cols = np.mgrid[: foot.body.shape[0], : foot.body.shape[1]]
    u, v = clear.frame.project(cols.astype(float), rows.astype(float))
    length, width = clear.indices.length, clear.indices.max_fore_width
    box = (u > clear.u_start - 0.15 * length) & (u < clear.u_start + 0.02 * length)
    box &= np.abs(v) < width  # twice the forefoot's width, behind the heel
    boxed = measure_foot(foot.body | box, foot.extras)
    assert boxed is not None
    assert float(boxed.frame.axis @ clear.frame.axis) > 0.9  # heel to toes, as before
    assert np.count_nonzero(boxed.toes) < 0.25 * np.count_nonzero(boxed.toeless)


def test_a_streak_joined_to_part_of_a_print_is_no_heel() -> None:
    """A photo that cut a foot off: a fold's shadow joined to what was left of the print (a
    rounded end of it) was read as the heel and midfoot of a whole foot, a streak a tenth as
    wide as the "ball", and measured as "high, 60 % sure". No foot has a heel under a third
    as wide as its forefoot. (The rest of the print, running off the photo beside it, is
    now seen too: either refusal is right.)"""
    result = analyze_imprint(encode(random_scene(561016, "cut_off", as_first_drawn=True)))
    assert not result.ok
    assert result.error_code in {"partial", "cut_off"}


def test_a_fine_grid_photographed_from_afar_is_read_as_a_grid() -> None:
    """A very high arch on an ink sheet of fine cells, photographed from further away (a
    cell under 4 working pixels): the grid blurred into tone and its faint contact was too
    rare to be seen as a grid, so only the dark cores of heel and ball were read, too far
    apart to be one print: refused as "too small". Its lines still repeat."""
    scene = random_scene(650005, "usable", as_first_drawn=True)
    assert scene.style == "ink_grid"
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error_code
    [foot] = result.feet
    [(shape, _)] = scene.feet
    assert foot.arch_type == shape.true_type == "high"
    assert abs(foot.arch_index - shape.truth().arch_index) < 0.02


def test_a_striped_table_beside_a_wet_print_does_not_make_it_a_grid() -> None:
    """What repeats must be the print: a wooden table's stripes along the frame repeat
    too, and would have had a plain wet print read as an ink grid."""
    from footcheck.imaging.load import load_image
    from footcheck.imaging.segment import segment

    scene = random_scene(50018, "usable", as_first_drawn=True)
    assert scene.style == "wet" and scene.table > 0
    seg = segment(load_image(encode(scene)).rgb)
    assert seg.grid_covers is None


def test_a_folds_shadow_closing_the_arch_is_no_print() -> None:
    """A fold's shadow runs straight across the sheet; passing along the arch's side of a
    high-arched foot it touched the ball and the heel and closed the arch's bay, which was
    filled as a hole: "flat, 95 % sure" for a high arch."""
    scene = _upright_scene(0.15, light_gradient=0.0)
    clean = analyze_imprint(encode(scene))
    [foot] = clean.feet
    assert foot.arch_type == "high"
    # The line touching the ball and the heel on the arch's side, in photo pixels.
    scale = scene.width / clean.size[0]
    arch_side = (foot.geometry.offset[1] + np.nonzero(foot.geometry.toeless)[1].min()) * scale
    picture = Image.fromarray((render(scene) * 255).astype(np.uint8))
    shade = tuple(int(0.88 * v) for v in picture.getpixel((40, 40)))
    band = 24
    x = arch_side - band / 2 + 4
    ImageDraw.Draw(picture).line((x, 0, x + 30, scene.height - 1), fill=shade, width=band)
    buf = io.BytesIO()
    picture.save(buf, "JPEG", quality=92)
    folded = analyze_imprint(buf.getvalue())
    assert folded.ok, folded.error_code
    [seen] = folded.feet
    assert seen.arch_type == "high"
    assert abs(seen.arch_index - foot.arch_index) < 0.015


@pytest.mark.parametrize(("seed", "was"), [(750189, "flat, 81 % sure"), (750105, "toes cut off")])
def test_an_ink_sheets_fold_or_shading_step_along_the_arch_is_no_print(seed: int, was: str) -> None:
    """750189: a fold's crease across the sheet closed a high arch's bay (0.32 for 0.154);
    750105: the step where a panel's shading ends ran along a foot's arch side to the
    frame."""
    scene = random_scene(seed, "usable", as_first_drawn=True)
    assert scene.style == "ink_grid"
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error_code
    truth = {shape.side: shape for shape, _ in scene.feet}
    assert sorted(f.side for f in result.feet) == sorted(truth)
    for foot in result.feet:
        assert abs(foot.arch_index - truth[foot.side].truth().arch_index) < 0.015
        assert foot.arch_type == truth[foot.side].true_type


def test_a_broken_shading_step_across_an_arch_is_no_print() -> None:
    """The step where a fold's shading ends crossed a foot's arch bay as a thin, broken line
    (fresh ink sheet 970079): its straight edge, 0.30 of the photo long, was shorter than
    the 0.35 looked for, so the bay stayed closed and was filled: "flat, 95 %" for 0.24."""
    scene = random_scene(970079, "usable", "ink_grid", as_first_drawn=True)
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error_code
    truth = {shape.side: shape.truth().arch_index for shape, _ in scene.feet}
    assert sorted(f.side for f in result.feet) == sorted(truth)
    for foot in result.feet:
        assert abs(foot.arch_index - truth[foot.side]) < 0.02
    [right] = [f for f in result.feet if f.side == "right"]
    assert right.arch_type == classify_arch(truth["right"]) == "normal"


def test_a_shading_step_whose_edges_are_broken_is_found_from_a_fifth_of_the_photo() -> None:
    """A panel's shading step crossing a high arch's forefoot (fresh ink sheet 970063): its
    broken straight edges were shorter than the 0.3 of the photo looked for, so it stayed
    joined to the print: 0.094 for 0.042. (A sheet turned 12 degrees shows its crease and
    "Remarks" box the same way: a real sheet's right foot was read heel-first.)"""
    scene = random_scene(970063, "usable", "ink_grid", as_first_drawn=True)
    assert scene.fold > 0
    _assert_measured_as_generated(scene, tolerance=0.015)


def test_the_sheet_steps_with_a_fold_but_not_with_a_ruled_line_or_its_edge() -> None:
    """A fold's step in the sheet's brightness cuts the sheet estimate in two; a ruled line
    (as bright on both sides) and the sheet's edge against a table (a far larger step) do
    not."""
    from footcheck.imaging.segment import fold_parts

    cols = np.mgrid[:120, :90][1]
    sheet = np.full((120, 90), 0.8, dtype=np.float32)
    folded = np.where(cols > 50, 0.8 * 0.96, sheet)  # 4 % darker right of column 50
    parts = fold_parts(folded)
    assert len(parts) == 2
    for part in parts:  # each side whole, and only that side
        assert part[:, :48].all() or not part[:, :48].any()
        assert part[:, 53:].all() or not part[:, 53:].any()
    ruled = np.where(abs(cols - 50) <= 0, 0.5, sheet)
    assert len(fold_parts(ruled)) == 1
    table = np.where(cols > 50, 0.3, sheet)
    assert len(fold_parts(table)) == 1


@pytest.mark.parametrize(
    ("seed", "style", "was"), [(1800115, "ink_grid", "flat, 0.27, 85 %"), (3300161, None, "0.270")]
)
def test_a_folds_darker_side_along_a_print_is_no_print(
    seed: int, style: str | None, was: str
) -> None:
    """A fold's darker side read as print for the sheet estimate's smoothing width beside
    it: along a right foot's arch it closed the bay (1800115: "flat, 0.27, 85 % sure" for
    0.244), along another's medial side a strip of it joined the heel (3300161: 0.270 for 0.293)."""
    scene = random_scene(seed, "usable", style)
    assert scene.fold > 0
    _assert_measured_as_generated(scene, tolerance=0.015)


def test_a_faint_midfoot_far_from_the_dark_cores_is_no_paper_grain() -> None:
    """A line of a faint grid must stand above the bare sheet's grain, measured away from the
    prints; away from the dark heel and ball meant, here, over the whole faint midfoot, whose
    own lines then set the grain ten times too high and were lost: a flat foot (0.307) read
    "AI 0.00, high arch, 95 % sure", and its high-arched neighbour (0.170) 0.081."""
    scene = random_scene(3400097, "usable")
    assert scene.style == "ink_grid" and len(scene.feet) == 2
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error_code
    truths = sorted(shape.truth().arch_index for shape, _ in scene.feet)
    read = sorted(result.feet, key=lambda foot: foot.arch_index)
    assert [classify_arch(t) for t in truths] == [foot.arch_type for foot in read]
    for foot, truth in zip(read, truths, strict=True):
        assert abs(foot.arch_index - truth) < 0.035, (foot.arch_index, truth)


def test_faint_contact_is_looked_for_around_a_foot_seen_only_as_heel_and_ball() -> None:
    """Faint contact is searched for in a window around the prints; the prints were the
    shapes a fifth of the largest or more. Beside a whole print, a foot whose light contact
    printed faintly shows only its heel and ball, each smaller than that: it lay outside the
    window, and a flat left foot (0.315) read "AI 0.00, high arch, 74 % sure"."""
    scene = random_scene(3800056, "usable")
    assert scene.style == "ink_grid" and len(scene.feet) == 2
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error_code
    for shape, _ in scene.feet:
        truth = shape.truth().arch_index
        (foot,) = [foot for foot in result.feet if foot.side == shape.side]
        assert foot.arch_type == classify_arch(truth), (shape.side, foot.arch_index, truth)
        assert abs(foot.arch_index - truth) < 0.04, (shape.side, foot.arch_index, truth)


def test_a_mottled_floor_without_a_print_stays_refused() -> None:
    """A dark, mottled floor's blotches look like prints, and its mottle repeats like a
    grid. A window for faint contact taking in shapes down to a tenth of the largest took
    in more blotches, the spurious grid joined them into two "feet", and the photo was
    measured (one "foot" at 90 %) where it had been refused."""
    result = analyze_imprint(encode(random_scene(3900039, "no_print")))
    assert not result.ok and not result.feet


def test_the_window_searched_for_faint_contact_holds_every_print_part() -> None:
    """A lightly pressed foot's heel and ball, each an eighth of the other foot's whole
    print, lie inside the window; a speck does not widen it."""
    from footcheck.imaging.segment import _around_prints

    mask = np.zeros((300, 400), dtype=bool)
    mask[20:80, 20:300] = True  # a whole print
    mask[200:240, 40:92] = True  # a heel, an eighth of it
    mask[210:250, 228:280] = True  # a ball
    mask[150, 390] = True  # a speck is no print
    rows, cols = _around_prints(mask, 10)
    assert (rows.start, rows.stop) == (10, 260)
    assert (cols.start, cols.stop) == (10, 310)


def test_a_strip_left_alone_beside_two_prints_is_no_third_print() -> None:
    """A cardboard's shaded edge came out as a strip five times as long as wide, a quarter
    as large as the largest print: standing alone, it counted as half of a third foot and
    the photo was refused as holding more than two prints. No forefoot is that long."""
    scene = random_scene(1010114, "usable")
    assert scene.style == "wet" and len(scene.feet) == 2
    _assert_measured_as_generated(scene)


def test_a_faint_grid_among_registration_strokes_is_seen_as_a_grid() -> None:
    """A lightly pressed ink sheet shows its grid mostly as faint lines; the registration
    strokes beside the prints do not repeat, and counted with the print they hid the grid:
    only the dark heel and ball cores were read, and the photo was refused as too small."""
    from footcheck.imaging.load import load_image
    from footcheck.imaging.segment import segment

    scene = random_scene(1100135, "usable")
    assert scene.style == "ink_grid"
    assert segment(load_image(encode(scene)).rgb).grid_covers is not None


@pytest.mark.parametrize(
    ("seed", "legacy", "tolerance"), [(1100135, False, 0.015), (850051, True, 0.01)]
)
def test_the_parts_a_faint_grid_joins_are_one_foot(
    seed: int, legacy: bool, tolerance: float
) -> None:
    """On a faint ink sheet each foot's heel and ball stand out alone. Two heels side by side
    looked more alike than a heel and its own ball, so a high-arched foot's parts went
    unpaired ("too small", 1100135) or a third "foot" was counted (850051); the faint lines
    between a heel and its ball show they are one foot."""
    scene = random_scene(seed, "usable", as_first_drawn=legacy)
    assert scene.style == "ink_grid" and len(scene.feet) == 2
    _assert_measured_as_generated(scene, tolerance)


def test_three_parts_a_faint_grid_joins_are_one_foot() -> None:
    """Fresh ink sheet 1700174: a flat foot pressed lightly printed its midfoot as faint
    vertical lines only, so its heel, ball and a piece of the band between stood out as
    three parts; the pairing (two parts a foot at most) refused the photo as "more than two
    prints". The faint lines join the three into one foot."""
    scene = random_scene(1700174, "usable")
    assert scene.style == "ink_grid" and len(scene.feet) == 2
    result = _assert_measured_as_generated(scene, 0.015)
    truth = {shape.side: shape.true_type for shape, _ in scene.feet}
    assert {foot.side: foot.arch_type for foot in result.feet} == truth


def _three_parts_and_a_faint_band(top: int) -> tuple[np.ndarray, np.ndarray]:
    """A mask holding one foot as heel, band piece and ball (``top``: the heel's first
    row), and the faint grid along it."""
    rows, cols = np.mgrid[:360, :480]
    mask = ((rows - top - 30) / 30) ** 2 + ((cols - 240) / 24) ** 2 <= 1  # heel
    mask |= ((rows - top - 100) / 28) ** 2 + ((cols - 250) / 22) ** 2 <= 1  # band piece
    mask |= ((rows - top - 175) / 36) ** 2 + ((cols - 245) / 34) ** 2 <= 1  # ball
    faint = (np.abs(cols - 245) < 30) & (rows >= top) & (rows < top + 211)
    return mask, faint


def test_a_chain_of_parts_the_faint_grid_joins_is_one_foot_unless_at_the_frame() -> None:
    """Three parts one stretch of faint grid joins make one foot (the shapes of
    ``test_three_parts_a_faint_grid_joins_are_one_foot``); a chain running to the frame
    may be anything (a dark mottled floor's blotches) and is not made one."""
    from footcheck.imaging.feet import find_shapes, group_feet
    from footcheck.imaging.segment import NoPrint

    mask, faint = _three_parts_and_a_faint_band(top=70)
    [foot] = group_feet(find_shapes(mask), faint)
    assert np.array_equal(foot.body, mask)  # heel, band piece and ball
    mask, faint = _three_parts_and_a_faint_band(top=0)  # the heel on the frame
    try:
        feet = group_feet(find_shapes(mask), faint)
    except NoPrint:
        feet = []
    assert not any(np.array_equal(foot.body, mask) for foot in feet)


def test_a_ball_and_its_row_of_toes_joined_by_a_faint_grid_are_no_whole_foot() -> None:
    """The faint grid joins a ball to its row of toes as it joins a heel to its ball; taken
    for heel and forefoot, a photo holding only the front of a foot was read "flat, 76 %".
    A toe row is a fifth of its ball; a heel and a ball are of a size."""
    scene = random_scene(1102004, "cut_off")
    assert scene.style == "ink_grid"
    code = analyze_imprint(encode(scene)).error_code
    assert code in {"partial", "cut_off", "cut_heel", "cut_toes"}, code


def test_a_row_of_toes_as_long_as_a_print_is_its_foots_toes() -> None:
    """Fresh ink sheet 2000165 holds one right foot, turned upside down, whose toe pads
    printed as one row half the size of its ball: alone it passed for a whole second print,
    "flat, 83 %", and the real foot was named left. The row lies across the front of the
    foot, within the toes' reach: it is that foot's toes."""
    scene = random_scene(2000165, "usable")
    assert scene.style == "ink_grid" and [shape.side for shape, _ in scene.feet] == ["right"]
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error_code
    assert [foot.side for foot in result.feet] == ["right"]


def test_a_long_shape_across_a_foots_front_is_its_toes_one_alongside_is_a_foot() -> None:
    """A high-arched foot printed as heel and ball with a long row of toes across its front
    is one foot, the row its toes; the same long shape beside the foot, lying along it (two
    narrow feet side by side, as on a real sheet 4.3-4.6 times as long as wide), stays a
    foot of its own."""
    from footcheck.imaging.feet import find_shapes, group_feet

    rows, cols = np.mgrid[:360, :480]

    def ellipse(row: int, col: int, half_rows: int, half_cols: int) -> np.ndarray:
        return ((rows - row) / half_rows) ** 2 + ((cols - col) / half_cols) ** 2 <= 1

    heel, ball = ellipse(70, 150, 40, 30), ellipse(190, 150, 45, 50)
    toes = ellipse(270, 150, 15, 60)
    [foot] = group_feet(find_shapes(heel | ball | toes))
    assert np.array_equal(foot.body, heel | ball)
    assert np.array_equal(foot.extras, toes)
    alongside = ellipse(150, 330, 120, 28)  # as long as the foot, beside it
    feet = group_feet(find_shapes(heel | ball | alongside))
    assert sorted(int(np.count_nonzero(f.body)) for f in feet) == sorted(
        [int(np.count_nonzero(heel | ball)), int(np.count_nonzero(alongside))]
    )


def test_a_print_joined_to_a_folds_bands_is_no_print_the_photo_cut() -> None:
    """Read as under a darker print, a sheet's shading step, a panel's bar and the bottom
    edge joined one foot into a shape that runs to the frame and is wider than any foot
    (Arch Index 0.46). It was taken for that foot cut by the photo, and two whole, clearly
    read feet were refused as cut off."""
    scene = random_scene(1100008, "usable")
    assert scene.fold > 0
    _assert_reads_left_and_right(scene, 0.02)


def test_a_shadow_over_the_photos_corner_does_not_cut_a_whole_foot_off() -> None:
    """A soft shadow over the top of the photo came out as a print-sized piece in its corner
    (each part of a print is cut against its own level), was taken for a foot the frame cut,
    and the whole photo was refused as "toes cut off". It is a fifth as dark as the print."""
    scene = random_scene(750197, "usable", as_first_drawn=True)
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error_code
    [foot] = result.feet
    [(shape, _)] = scene.feet
    assert abs(foot.arch_index - shape.truth().arch_index) < 0.01


def test_toes_in_front_of_a_forefoot_the_photo_cut_are_no_foot() -> None:
    """The photo cut a foot across its ball; its toes, printed as a row of joined pads, were
    measured as a whole foot ("flat, 70 % sure"), while the forefoot behind them, running
    off the photo, was taken for a shadow at the frame. A compact piece as large as a print,
    beside a print, at the frame is a print the photo cut."""
    result = analyze_imprint(encode(random_scene(761022, "cut_off", as_first_drawn=True)))
    assert not result.ok
    assert result.error_code == "cut_off"


def test_a_glowing_print_the_photo_cut_is_refused_not_the_room_read() -> None:
    """A podoscope's glowing sole that the photo cut was not counted when choosing how the
    print differs from its background (it runs off the frame), so the dark, mottled room
    was read as two prints darker than it (two "feet", 54 % and 57 % sure)."""
    scene = random_scene(761023, "cut_off", as_first_drawn=True)
    assert scene.style == "podoscope"
    result = analyze_imprint(encode(scene))
    assert not result.ok
    assert result.error_code in {"cut_off", "cut_heel", "cut_toes"}


def test_three_prints_are_refused_even_when_two_balls_touch() -> None:
    """Two balls printed touching made one large shape, beside which the other prints' heels
    looked small enough to be toes or specks: they were dropped silently and one "foot"
    measured. A strip of shade along the sheet's edge was then taken for a faint print and
    the reason given was "too faint"."""
    result = analyze_imprint(encode(random_scene(765017, "three_prints", as_first_drawn=True)))
    assert not result.ok
    assert result.error_code == "too_many"


def test_a_grey_shadow_over_a_corner_is_not_the_rest_of_a_cut_print() -> None:
    """Bench seed 990184: a grey wet print, a soft grey shadow over the sheet's corner. The
    shadow, as bright as the print and of its colour, passed for the rest of a print the
    photo cut, and the whole print beside it was refused as "cut off". It stands a tenth as
    far above the sheet as the print."""
    _assert_measured_as_generated(random_scene(990184, "usable", as_first_drawn=True))


def test_a_shadows_strip_stopping_short_of_the_frame_is_not_a_second_foot() -> None:
    """Bench seed 950166: a soft shadow along the photo's edge came out as a strip ending
    3 px short of the frame, 0.15 as dark as the print, and was measured as a second foot,
    "flat, 82 %", beside the one foot in the photo. A print cut by the frame may stop that
    short of it too; near the frame, a piece that faint is a shadow."""
    scene = random_scene(950166, "usable", as_first_drawn=True)
    assert len(scene.feet) == 1
    _assert_measured_as_generated(scene, tolerance=0.015)


def test_a_dark_table_along_the_frame_does_not_hide_a_faint_wet_print() -> None:
    """Bench seed 990063: wet prints on cardboard, a dark table along three sides. The table
    set the darker contrast's print level, so no print stood out in it; the photo was read by
    colour and refused as "too small". Without what touches the frame, the prints stand out."""
    scene = random_scene(990063, "usable", as_first_drawn=True)
    assert _assert_measured_as_generated(scene).polarity == "darker"


def test_a_table_as_dark_as_the_print_beside_it_does_not_cut_it_off() -> None:
    """Guards the check above: a brown table at the photo's edge, compact and as large and
    dark as the print beside it, is of another colour than the print; the print is still
    measured."""
    scene = _upright_scene(0.235, light_gradient=0.0)
    clean = analyze_imprint(encode(scene))
    [foot] = clean.feet
    picture = Image.fromarray((render(scene) * 255).astype(np.uint8))
    heel = np.array(picture)[940, 450]
    brown = (int(heel.mean() * 1.25), int(heel.mean() * 0.95), int(heel.mean() * 0.7))
    ImageDraw.Draw(picture).rectangle((0, 500, 200, 900), fill=brown)
    buf = io.BytesIO()
    picture.save(buf, "JPEG", quality=92)
    beside = analyze_imprint(buf.getvalue())
    assert beside.ok, beside.error_code
    assert abs(beside.feet[0].arch_index - foot.arch_index) < 0.01


@pytest.mark.parametrize(("seed", "was"), [(161, "too_many"), (179, "no_print")])
def test_held_out_prints_that_the_fold_and_cut_print_rules_once_lost_are_read(
    seed: int, was: str
) -> None:
    """Prints of the second generator (benchmarks/bench_heldout.py), which shares no code
    with ours. 161: a sheet turned on a table, its shaded edges straight bands; the bands
    were broken where they touched nothing and a corner left over passed for a third print.
    179: a white print on black; the black around it, running off the frame, counted as a
    print the photo cut, so the print was looked for as darker than its sheet: "no print"."""
    from benchmarks.bench_heldout import held_out_photo

    photo = held_out_photo(seed)
    result = analyze_imprint(photo.data)
    assert result.ok, (was, result.error_code)
    truth = {foot.side: foot for foot, _ in photo.feet}
    assert sorted(f.side for f in result.feet) == sorted(truth)
    for foot in result.feet:
        assert abs(foot.arch_index - truth[foot.side].arch_index) < 0.015


def _with_big_toe_joined_to_the_ball(scene: Scene) -> bytes:
    """The scene's photo with its big toe's pad and the gap behind it inked as one, as the
    heel printed: a big toe that printed joined to the ball by light contact."""
    shape, place = scene.feet[0]
    image = render(scene)
    heel_x, heel_y = place.to_screen(0.0, shape.heel_radius, shape)
    ink = image[int(heel_y), int(heel_x)].copy()
    cx, cy, half_w, half_l = shape.toes()[0]
    rows, cols = np.mgrid[0 : image.shape[0], 0 : image.shape[1]]
    x0, y0 = place.to_screen(0.0, 0.0, shape)  # upright: foot millimetres are a linear map
    x1, y1 = place.to_screen(1.0, 1.0, shape)
    fx, fy = (cols - x0) / (x1 - x0), (rows - y0) / (y1 - y0)
    ball_front = np.vectorize(shape.front_y)(np.clip(fx, cx - half_w, cx + half_w))
    image[(np.abs(fx - cx) <= half_w) & (fy >= ball_front - 1.0) & (fy <= cy + half_l)] = ink
    return encode(scene, image)


def test_a_print_whose_toes_joined_its_ball_is_no_longer_than_its_partner_allows() -> None:
    """Bench seed 970000, an ink sheet: the left foot's toes printed joined to its ball, so
    the print read 12 % longer than the right foot, whose toes stand apart, and its thirds
    moved towards the toes: 0.253 for 0.224. One person's feet differ by a few percent, so
    it is measured at most 6 % longer than its partner, and the card says the toe cut is
    uncertain."""
    from footcheck.imaging.analyze import PAIR_LONGER

    scene = random_scene(970000, "usable", "ink_grid", as_first_drawn=True)
    truth = {shape.side: shape.truth().arch_index for shape, _ in scene.feet}
    result = analyze_imprint(encode(scene))
    left, right = sorted(result.feet, key=lambda foot: foot.side)
    assert (left.side, right.side) == ("left", "right")
    assert left.geometry.indices.length <= PAIR_LONGER * right.geometry.indices.length + 1
    for foot in (left, right):
        assert abs(foot.arch_index - truth[foot.side]) < 0.01, (foot.side, foot.arch_index)
    assert "the toes touch the ball, so where they end is uncertain" in left.trust.doubts


def test_a_print_longer_than_its_partner_is_unsure_where_its_toes_end() -> None:
    """Bench seed 970097, an ink sheet: the left foot's toes printed joined across its ball,
    and the print read 5.6 % longer than the right foot, whose toes stand apart: too little
    to be cut back, but its thirds moved towards the toes, "flat, 0.28, 85 % sure" for a
    normal 0.256. Its toe cut may be off by as much as it is longer than its partner."""
    scene = random_scene(970097, "usable", "ink_grid", as_first_drawn=True)
    truth = {shape.side: shape.truth().arch_index for shape, _ in scene.feet}
    [left] = [foot for foot in analyze_imprint(encode(scene)).feet if foot.side == "left"]
    assert left.geometry.longer_than_pair > 0.05
    assert left.arch_type == classify_arch(truth["left"]) or left.confidence < 0.8
    assert left.trust.doubts[0] == "the toes touch the ball, so where they end is uncertain"


def test_toes_touching_the_ball_end_where_the_ball_ends() -> None:
    """Fresh seed 2300126, a glass plate: the right foot's toes printed touching its ball,
    the left foot's stand apart. The roots that join the toes to the ball were left with
    the ball: the toe-less print read 2.5 % too long and its thirds moved towards the toes,
    0.086 for 0.068. The foot whose toes stand apart keeps the whole front of its ball."""
    scene = random_scene(2300126, "usable")
    assert scene.style == "podoscope" and not scene.perspective
    touching = {shape.side: shape.toe_gap <= 0 for shape, _ in scene.feet}
    assert touching == {"left": False, "right": True}
    scale = WORK_LONG_SIDE / max(scene.width, scene.height)
    result = analyze_imprint(encode(scene))
    for shape, place in scene.feet:
        [foot] = [foot for foot in result.feet if foot.side == shape.side]
        true_length = shape.body_length * place.px_per_mm * scale
        assert abs(foot.geometry.indices.length / true_length - 1) < 0.01, shape.side
        assert abs(foot.arch_index - shape.truth().arch_index) < 0.006, shape.side


@pytest.mark.parametrize("arch_index", [0.2, 0.235])
def test_a_big_toe_joined_to_the_ball_is_not_measured_as_ball(arch_index: float) -> None:
    """On a real ink sheet a big toe printed joined to the ball by light contact, too wide
    to be told from it as a toe: it was measured as ball, "flat, 0.28" for about 0.20. The
    front of a ball is as wide as half the print within a tenth of its length; a longer
    narrow front is a toe (here 0.27 and 0.30 were read for 0.20 and 0.235)."""
    shape = with_arch_index(FootShape(side="right", toe_scale=1.1), arch_index)
    scene = Scene(width=900, height=1200, style="ink_grid", light_gradient=0.0)
    scene.feet = [(shape, Placement(450, 950, 0.0, 3.0))]
    result = analyze_imprint(_with_big_toe_joined_to_the_ball(scene))
    assert result.ok, result.error_code
    [foot] = result.feet
    assert abs(foot.arch_index - arch_index) < 0.015
    assert foot.arch_type == classify_arch(arch_index)
    assert "the toes touch the ball, so where they end is uncertain" in foot.trust.doubts


def test_four_parts_in_a_square_pair_as_two_feet_alike_in_size() -> None:
    """Two high-arched feet side by side print as two heels and two balls in a square. They
    pair up as heel and ball (two feet alike) or as two heels and two balls (two "feet",
    one 1.6 times the other); here the feet lie closer together than heel and ball, so
    lengths and gaps alone pair them wrongly."""
    from footcheck.imaging.feet import find_shapes, group_feet

    rows, cols = np.mgrid[:360, :480]
    mask = np.zeros((360, 480), dtype=bool)
    for row in (115, 245):  # two feet lying across the photo, toes to the right
        mask |= ((rows - row) / 27) ** 2 + ((cols - 140) / 25) ** 2 <= 1  # heel
        mask |= ((rows - row) / 34) ** 2 + ((cols - 300) / 32) ** 2 <= 1  # ball
    feet = group_feet(find_shapes(mask))
    assert len(feet) == 2
    for foot in feet:
        foot_rows, _ = np.nonzero(foot.body)
        assert np.ptp(foot_rows) < 100  # one heel and one ball, not two heels


def test_a_turned_sheets_high_arched_feet_are_not_read_as_two_balls_and_two_heels() -> None:
    """Fresh ink sheet 1100054, turned a quarter: its feet were read as a "foot" of two
    balls beside one of two heels, "high" for both, the indices nonsense (0.001 for 0.128,
    58 % sure)."""
    scene = random_scene(1100054)
    assert scene.style == "ink_grid" and scene.quarter_turns == 1
    result = analyze_imprint(encode(scene))
    truth = {shape.side: shape.truth().arch_index for shape, _ in scene.feet}
    assert sorted(f.side for f in result.feet) == sorted(truth)
    for foot in result.feet:
        assert abs(foot.arch_index - truth[foot.side]) < 0.02
