"""FootCheck's core: image analysis, indices, questionnaire, exercises, recommender, adherence,
charts, storage, reports and the command line. Pure Python; the Streamlit UI lives in ``app.py``,
``app_pages/`` and ``ui/`` and only calls into this package.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from footcheck.imaging.analyze import ImprintResult

__version__ = "0.1.0"
DISCLAIMER = (
    "FootCheck is a self-help tool, not medical advice: it cannot diagnose or treat anything. "
    "If you are worried about your symptoms, see a doctor or physiotherapist."
)


def analyze_imprint(source: bytes | str | Path) -> ImprintResult:
    """Measure the footprint(s) in a photo; see ``footcheck.imaging.analyze``.

    Imported lazily so that ``import footcheck`` stays cheap for the pages that never analyse.
    """
    from footcheck.imaging.analyze import analyze_imprint as _analyze

    return _analyze(source)


__all__ = ["DISCLAIMER", "analyze_imprint"]
