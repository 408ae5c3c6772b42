"""The footprint engine: accuracy on generated prints, refusals, formats, EXIF, robustness."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from footcheck import analyze_imprint
from footcheck.imaging.evaluation import evaluate_usable
from footcheck.imaging.synth import FootShape, Placement, Scene, encode, random_scene, render
from footcheck.indices import classify_arch
from tests.conftest import ROOT

CONTRACT_KEYS = {"side", "arch_index", "chippaux_smirak", "staheli", "arch_type", "quality"}


def _upright_scene(arch_index: float, side: str = "right", **scene_args) -> Scene:
    from footcheck.imaging.synth import with_arch_index

    shape = with_arch_index(FootShape(side=side), arch_index)
    scene = Scene(width=900, height=1200, **scene_args)
    scene.feet = [(shape, Placement(450, 950, 0.0, 3.0))]
    return scene


@pytest.fixture(scope="module")
def photo() -> bytes:
    """One ordinary upright photo of a right foot with a normal arch, as JPEG bytes."""
    return encode(_upright_scene(0.235))


@pytest.fixture(scope="module")
def upright(photo: bytes):
    return analyze_imprint(photo)


# -- accuracy -----------------------------------------------------------------------------------
def test_accuracy_on_a_generated_set() -> None:
    report = evaluate_usable(range(500, 524))
    s = report.summary()
    assert s["refused_fraction"] == 0, report.refused
    assert s["wrong_count"] == 0, report.wrong_count
    assert s["feet"] >= 24
    assert s["ai_mae"] <= 0.015
    assert s["csi_mae"] <= 0.03
    assert s["staheli_mae"] <= 0.03
    assert s["type_accuracy"] >= 0.9
    assert s["side_accuracy"] >= 0.9


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


# -- refusals -----------------------------------------------------------------------------------
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
        assert result.feet == []
        assert result.to_dict() == {"file": None, "feet": [], "error": result.error}
        assert len(result.error) > 40  # a sentence saying what to do


def test_half_a_foot_is_refused_as_partial() -> None:
    canvas = Image.new("L", (900, 1200), 235)
    ImageDraw.Draw(canvas).ellipse((300, 400, 560, 640), fill=150)  # a lone round pad
    buf = io.BytesIO()
    canvas.save(buf, "PNG")
    result = analyze_imprint(buf.getvalue())
    assert result.error_code == "partial"


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
    assert result.overlay is None


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
    assert result.image.size == upright.image.size  # displayed the same way up


def test_large_jpeg_is_read_at_reduced_scale() -> None:
    scene = random_scene(10, "usable")
    scene.width, scene.height = scene.width * 2, scene.height * 2
    scene.feet = [
        (s, Placement(p.heel_x * 2, p.heel_y * 2, p.angle_deg, p.px_per_mm * 2))
        for s, p in scene.feet
    ]
    result = analyze_imprint(encode(scene))
    assert result.ok, result.error
    assert max(result.image.size) <= 1000


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


# -- result and overlay contract ---------------------------------------------------------------
def test_result_contract_and_overlay(upright) -> None:
    data = upright.to_dict()
    assert set(data) == {"file", "feet"}
    assert set(data["feet"][0]) == CONTRACT_KEYS
    overlay = upright.overlay
    assert overlay.size == upright.image.size
    drawn = np.asarray(overlay).astype(int)
    photo = np.asarray(upright.image.convert("RGB")).astype(int)
    assert np.abs(drawn - photo).sum(axis=2).astype(bool).mean() > 0.05  # something drawn
    outline = (0, 150, 136)
    assert (np.abs(drawn - outline).sum(axis=2) < 30).sum() > 200  # the outline colour
    png = upright.overlay_png()
    assert Image.open(io.BytesIO(png)).format == "PNG"


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
