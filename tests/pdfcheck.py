"""Reading PDFs back in tests: their text (pypdf) and how much of each page is drawn on."""

from __future__ import annotations

import io

import numpy as np
import pypdf
import pypdfium2


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def inked_fractions(data: bytes) -> list[float]:
    """Per page, the share of pixels that are not white once rendered (0 = blank page)."""
    document = pypdfium2.PdfDocument(data)
    shares = []
    for page in document:
        image = np.asarray(page.render(scale=0.5).to_pil().convert("L"))
        shares.append(float((image < 240).mean()))
    document.close()
    return shares
