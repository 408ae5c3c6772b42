"""Turning whatever a person uploads into a small grey image to measure, or a clear refusal.

A footprint needs about a thousand pixels along its long side, not twelve megapixels, so large
JPEGs are decoded at reduced scale (Pillow's draft mode lets libjpeg skip most of the work) and
other formats are shrunk right after decoding. Every failure becomes ``ImageRefused`` with a
sentence the person can act on.
"""

from __future__ import annotations

import contextlib
import io
import math
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

WORK_LONG_SIDE = 500  # analysis resolution: at least this many pixels on the long side
PREVIEW_LONG_SIDE = 900  # the overlay picture
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 120_000_000  # larger is a decompression bomb, not a photo
MIN_SIDE = 64

try:  # HEIC/HEIF from iPhones, when the maintained plugin is installed
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - optional
    pass


class ImageRefused(Exception):
    """The file cannot be used; ``str(exc)`` says why and what to do."""


@dataclass
class LoadedImage:
    gray: np.ndarray  # float32 in [0, 1], working resolution
    rgb: Image.Image  # the photo at working resolution (RGB, or L for grey JPEGs), for the overlay
    original_size: tuple[int, int]  # (width, height) after EXIF rotation
    scale: float  # working pixels per original pixel


def read_source(source: bytes | bytearray | memoryview | str | Path) -> bytes:
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
            raise ImageRefused(
                f"The file is too large ({size / 1e6:.0f} MB); please use a photo under "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB."
            )
        data = path.read_bytes()
    if not data:
        raise ImageRefused("The file is empty. Please choose the photo again.")
    if len(data) > MAX_FILE_BYTES:
        raise ImageRefused(
            f"The file is too large ({len(data) / 1e6:.0f} MB); please use a photo under "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB."
        )
    return data


def load_image(data: bytes) -> LoadedImage:
    """Decode, orient and shrink a photo; raise ``ImageRefused`` for anything unusable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageRefused(
                    f"The image is far too large ({width} x {height} pixels). "
                    "Please use an ordinary photo or scan."
                )
            if min(width, height) < MIN_SIDE:
                raise ImageRefused(
                    f"The image is too small ({width} x {height} pixels) to measure a footprint. "
                    "Take the photo closer, with the whole print filling most of the frame."
                )
            image.seek(0)  # first frame of an animation
            long_side = max(width, height)
            if image.format == "JPEG" and long_side > 2 * WORK_LONG_SIDE:
                # libjpeg decodes at 1/2, 1/4 or 1/8 scale, skipping most of the work; draft
                # picks the smallest scale that still gives WORK_LONG_SIDE pixels.
                ratio = WORK_LONG_SIDE / long_side
                # Grey is all the measurement needs, and skips libjpeg's colour conversion;
                # the picture shown back (the overlay) is grey too, which makes the drawing
                # stand out.
                image.draft("L", (math.ceil(width * ratio), math.ceil(height * ratio)))
            image.load()
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(
            "The image is far too large (too many pixels). Please use an ordinary photo or scan."
        ) from None
    except UnidentifiedImageError:
        raise ImageRefused(_unreadable()) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        if "truncated" in str(exc).lower() or isinstance(exc, EOFError):
            raise ImageRefused(
                "The image file is incomplete (it seems cut short). Please upload it again."
            ) from None
        raise ImageRefused(_unreadable()) from None
    except Exception:  # any decoder failure: never a traceback for a bad file
        raise ImageRefused(_unreadable()) from None

    with contextlib.suppress(Exception):  # a broken EXIF block is no reason to refuse
        image = ImageOps.exif_transpose(image)
    original_size = _original_size(image, width, height)
    picture = image if image.mode == "L" else _to_rgb(image)
    factor = max(picture.size) // WORK_LONG_SIDE
    if factor > 1:  # box-average down to between 1x and 2x the working size
        picture = picture.reduce(factor)
    grey = picture if picture.mode == "L" else picture.convert("L")
    gray = np.asarray(grey, dtype=np.float32) / 255.0
    return LoadedImage(gray, picture, original_size, picture.size[0] / original_size[0])


def _original_size(image: Image.Image, width: int, height: int) -> tuple[int, int]:
    """Full-resolution size in the displayed orientation (draft mode shrank ``image``)."""
    if image.size[0] >= image.size[1]:
        return (max(width, height), min(width, height))
    return (min(width, height), max(width, height))


def _to_rgb(image: Image.Image) -> Image.Image:
    """Any mode (16-bit, float, CMYK, palette, alpha) to 8-bit RGB on a white background."""
    mode = image.mode
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        arr = np.asarray(image, dtype=np.float64)
        top = 65535.0 if mode.startswith("I;16") or arr.max() > 255 else 255.0
        if mode == "F" and arr.max() <= 1.0:
            top = 1.0
        arr = np.clip(arr / top * 255.0, 0, 255).astype(np.uint8)
        return Image.fromarray(arr, "L").convert("RGB")
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if mode == "RGB":
        return image
    return image.convert("RGB")


def _unreadable() -> str:
    return (
        "This file is not a picture we can read. Please upload a photo "
        "(JPEG, PNG, WebP, HEIC, GIF or TIFF)."
    )
