"""Turning whatever a person uploads into a small colour picture to measure, or a clear refusal.

A footprint needs a few hundred pixels along the photo's long side, not twelve megapixels, so
JPEGs are decoded at reduced scale (Pillow's draft mode lets libjpeg skip most of the work) and
everything is brought to one working size, so that every later step sees a print at the same
scale whatever camera took it. Other formats are decoded whole (they have no reduced decoding)
and shrunk strip by strip in their own mode, so that memory stays bounded even for 16-bit or
floating-point files. Every failure becomes ``ImageRefused`` with a sentence the person can act
on.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

WORK_LONG_SIDE = 480  # analysis resolution (12-MP JPEGs decode to this at 1/8 scale)
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 120_000_000  # larger is a decompression bomb, not a photo
MAX_DECODED_BYTES = 180 * 1024 * 1024  # a decoded non-JPEG: 88 MP at 16 bits fits (bench_memory)
MIN_SIDE = 64
STRIP_BYTES = 16 * 1024 * 1024  # shrinking works on strips of about this size

try:  # HEIC/HEIF from iPhones, when the maintained plugin is installed
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - optional
    pass

# Decoders we accept: the formats phones, scanners and editors produce. Pillow can open many
# more (PSD, ICNS, FITS, ...), each with its own parser; a photo never needs them.
ALLOWED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "HEIF", "GIF", "TIFF", "BMP"})
FORMAT_NAMES = "JPEG, PNG, WebP, HEIC, GIF, TIFF or BMP"

# Bytes per pixel as Pillow stores each mode in memory.
_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16L": 2, "I;16B": 2, "I;16N": 2}

# EXIF orientation -> the transposition that shows the picture the right way up.
_ORIENT = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}


class ImageRefused(Exception):
    """The file cannot be used; ``str(exc)`` says why and what to do."""


@dataclass(frozen=True)
class LoadedImage:
    rgb: np.ndarray  # float32 (h, w, 3) in [0, 1] at working size, the right way up
    original_size: tuple[int, int]  # (width, height) of the photo the right way up
    scale: float  # working pixels per original pixel


def read_source(source: bytes | bytearray | memoryview | str | Path) -> bytes:
    """The file's bytes, refusing empty and oversized files before anything is decoded."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        path = Path(source)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ImageRefused(
                f"The file {path.name} could not be opened ({exc.strerror})."
            ) from exc
        if size > MAX_FILE_BYTES:
            raise ImageRefused(_too_large_file(size))
        data = path.read_bytes()
    if not data:
        raise ImageRefused("The file is empty. Please choose the photo again.")
    if len(data) > MAX_FILE_BYTES:
        raise ImageRefused(_too_large_file(len(data)))
    return data


def load_image(data: bytes, long_side: int = WORK_LONG_SIDE) -> LoadedImage:
    """Decode, orient and shrink a photo to ``long_side`` pixels; refuse anything unusable."""
    picture, original_size = decode(data, long_side)
    rgb = np.asarray(picture, dtype=np.float32) / 255.0
    return LoadedImage(rgb, original_size, picture.size[0] / original_size[0])


def decode(data: bytes, long_side: int) -> tuple[Image.Image, tuple[int, int]]:
    """The photo as 8-bit RGB with ``long_side`` pixels on its long side (never enlarged
    beyond twice its size), the right way up, and its full size the right way up."""
    with warnings.catch_warnings():
        # Pillow warns above 89 megapixels; our own limit (MAX_PIXELS, checked before any
        # pixel is decoded) and MAX_DECODED_BYTES decide instead. Twice Pillow's limit is
        # still refused by Pillow itself (DecompressionBombError).
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=_decoders())
            width, height = image.size
            _check_size(image)
            orientation = _orientation(image)
            image.seek(0)  # first frame of an animation
            if image.format in ("JPEG", "MPO") and max(width, height) > 2 * long_side:
                # libjpeg decodes at 1/2, 1/4 or 1/8 scale, skipping most of the work; draft
                # picks the smallest scale that still gives ``long_side`` pixels.
                ratio = long_side / max(width, height)
                image.draft("RGB", (math.ceil(width * ratio), math.ceil(height * ratio)))
            image.load()
            small = _shrink(image, long_side)
        except ImageRefused:
            raise
        except Image.DecompressionBombError:
            raise ImageRefused(_too_many_pixels()) from None
        except UnidentifiedImageError:
            raise ImageRefused(_unreadable()) from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            if "truncated" in str(exc).lower() or isinstance(exc, EOFError):
                raise ImageRefused(
                    "The image file is incomplete (it seems cut short). Please upload it again."
                ) from None
            raise ImageRefused(_unreadable()) from None
        except MemoryError:
            raise ImageRefused(_too_many_pixels()) from None
        except Exception:  # any decoder failure: never a traceback for a bad file
            raise ImageRefused(_unreadable()) from None
    for step in _ORIENT.get(orientation, ()):
        small = small.transpose(step)
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return small, (width, height)


def _decoders() -> list[str]:
    """The allowed formats this Pillow can open (MPO, a phone's multi-picture JPEG, is
    opened by the JPEG decoder; HEIF only with its plugin)."""
    Image.init()
    return sorted(ALLOWED_FORMATS & set(Image.OPEN))


def _check_size(image: Image.Image) -> None:
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageRefused(_too_many_pixels(width, height))
    if min(width, height) < MIN_SIDE:
        raise ImageRefused(
            f"The image is too small ({width} x {height} pixels) to measure a footprint. "
            "Take the photo closer, with the whole print filling most of the frame."
        )
    if image.format not in ("JPEG", "MPO"):  # decoded whole: bound the memory it takes
        decoded = width * height * _BYTES_PER_PIXEL.get(image.mode, 4)
        if decoded > MAX_DECODED_BYTES:
            raise ImageRefused(
                f"This {image.format} picture is too big to open here ({width} x {height} "
                "pixels). Please send an ordinary phone photo (JPEG), or a smaller picture."
            )


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))
    except Exception:  # a broken EXIF block is no reason to refuse
        return 1


def _shrink(image: Image.Image, long_side: int) -> Image.Image:
    """Box-average down to ``long_side`` in strips, converting each strip to 8-bit RGB.

    Converting first would multiply the memory of a huge 16-bit or palette image; converting
    strip by strip keeps the peak at the decoded image plus one strip."""
    width, height = image.size
    ratio = long_side / max(width, height)
    out_w, out_h = max(1, round(width * ratio)), max(1, round(height * ratio))
    white = _white_level(image)  # of the whole picture, so that every strip has the same tones
    if ratio >= 0.5:  # small already (or draft-decoded): one step
        return _to_rgb(image, white).resize((out_w, out_h), Image.Resampling.BOX)
    factor = max(1, int(1 / ratio))  # integer box averaging, then a final exact resize
    rows = max(factor, (STRIP_BYTES // max(1, width * 4)) // factor * factor)
    reduced = Image.new("RGB", (math.ceil(width / factor), math.ceil(height / factor)))
    for top in range(0, height, rows):
        strip = _to_rgb(image.crop((0, top, width, min(height, top + rows))), white)
        reduced.paste(strip.reduce(factor), (0, top // factor))
    return reduced.resize((out_w, out_h), Image.Resampling.BOX)


_HIGH_DEPTH_MODES = ("I;16", "I;16L", "I;16B", "I;16N", "I", "F")


def _white_level(image: Image.Image) -> float:
    """The value that means white in a 16-bit, 32-bit or floating-point picture: 65535 for
    16-bit, 1.0 for floats in [0, 1], otherwise the picture's own maximum (at least 255)."""
    if image.mode not in _HIGH_DEPTH_MODES:
        return 255.0
    if image.mode.startswith("I;16"):
        return 65535.0
    high = float(image.getextrema()[1])  # no copy of the pixels
    if image.mode == "F" and 0 < high <= 1.0:
        return 1.0
    return max(255.0, high)


def _to_rgb(image: Image.Image, white: float = 255.0) -> Image.Image:
    """Any mode (16-bit, float, CMYK, palette, alpha) to 8-bit RGB on a white background;
    ``white`` is the value shown as white in high-depth modes (``_white_level``)."""
    mode = image.mode
    if mode in _HIGH_DEPTH_MODES:
        arr = np.asarray(image, dtype=np.float32)
        arr = np.clip(arr * (255.0 / white), 0, 255).astype(np.uint8)
        return Image.fromarray(arr, "L").convert("RGB")
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if mode == "RGB":
        return image
    return image.convert("RGB")


def _too_large_file(size: int) -> str:
    return (
        f"The file is too large ({size / 1e6:.0f} MB); please use a photo under "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB."
    )


def _too_many_pixels(width: int | None = None, height: int | None = None) -> str:
    size = f" ({width} x {height} pixels)" if width else ""
    return f"The image is far too large{size}. Please use an ordinary photo or scan."


def _unreadable() -> str:
    return f"This file is not a picture we can read. Please upload a photo ({FORMAT_NAMES})."
