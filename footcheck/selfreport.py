"""The arch test's questions, and how a measured print and a person's answers are combined.

The photo is a measurement; the answers are a person's impression. When both exist and agree,
confidence goes up. When they disagree, the app says so and trusts the photo if it was of good
quality, the answers if the photo was poor, and lowers its confidence either way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from footcheck.imaging.quality import MAX_CONFIDENCE
from footcheck.vocabulary import ARCH_WORDS

ARCH_QUESTIONS = {
    "looks_like": (
        "Which picture looks most like your print?",
        {"high": "High arch", "normal": "Normal arch", "flat": "Flat arch", "unsure": "Not sure"},
    ),
    "shoe_wear": (
        "Where do your shoes wear out first?",
        {"inner": "Inner edge", "outer": "Outer edge", "even": "Evenly", "unsure": "Not sure"},
    ),
    "arch_drops": (
        "When you stand up, does the arch of your foot seem to sink to the floor?",
        {"yes": "Yes", "no": "No", "unsure": "Not sure"},
    ),
    "ankles_roll_in": (
        "Seen from behind, do your ankles lean inwards when you stand?",
        {"yes": "Yes", "no": "No", "unsure": "Not sure"},
    ),
}


@dataclass(frozen=True)
class SelfReport:
    arch_type: str | None
    strength: float  # 0..1, how clear the answers are


def self_reported_type(answers: Mapping[str, Any]) -> SelfReport:
    """Votes: the picture chosen counts most; shoe wear, a sinking arch and ankles rolling in
    point to a flat foot; outer-edge wear and a firm arch to a high one."""
    votes = {"high": 0.0, "normal": 0.0, "flat": 0.0}
    looks = answers.get("looks_like")
    if looks in votes:
        votes[looks] += 2.0
    if answers.get("shoe_wear") == "inner":
        votes["flat"] += 0.7
    elif answers.get("shoe_wear") == "outer":
        votes["high"] += 0.7
    elif answers.get("shoe_wear") == "even":
        votes["normal"] += 0.5
    if answers.get("arch_drops") == "yes":
        votes["flat"] += 0.7
    elif answers.get("arch_drops") == "no":
        votes["normal"] += 0.2
        votes["high"] += 0.2
    if answers.get("ankles_roll_in") == "yes":
        votes["flat"] += 0.6
    elif answers.get("ankles_roll_in") == "no":
        votes["normal"] += 0.3
    total = sum(votes.values())
    if total == 0:
        return SelfReport(None, 0.0)
    best = max(votes, key=lambda k: (votes[k], k == "normal"))
    return SelfReport(best, round(votes[best] / total, 3))


@dataclass(frozen=True)
class Decision:
    arch_type: str
    source: str  # photo | answers | photo+answers
    confidence: float
    note: str  # what the person is told about how the result was reached


def decide(
    photo_type: str | None,
    photo_confidence: float,
    photo_quality: float,
    report: SelfReport,
) -> Decision | None:
    """The arch type to record for one foot, from a photo result, the answers, or both."""
    if photo_type is None and report.arch_type is None:
        return None
    if photo_type is None:
        confidence = round(min(0.6, 0.3 + 0.3 * report.strength), 3)
        return Decision(
            report.arch_type,
            "answers",
            confidence,
            "Based on your answers only, so it is less certain than a measured print.",
        )
    if report.arch_type is None:
        return Decision(
            photo_type, "photo", min(MAX_CONFIDENCE, photo_confidence), "Measured from your photo."
        )
    if report.arch_type == photo_type:
        confidence = round(min(MAX_CONFIDENCE, photo_confidence + (1 - photo_confidence) * 0.4), 3)
        return Decision(
            photo_type, "photo+answers", confidence, "Your photo and your answers agree."
        )
    words_photo, words_answers = ARCH_WORDS[photo_type], ARCH_WORDS[report.arch_type]
    if photo_quality >= 0.6:
        return Decision(
            photo_type,
            "photo+answers",
            round(photo_confidence * 0.8, 3),
            f"Your photo measured {words_photo}, but your answers suggest {words_answers}. We go "
            "with the photo, because it is a measurement while the answers are an impression; "
            "if you are unsure, retake the photo in good light.",
        )
    return Decision(
        report.arch_type,
        "photo+answers",
        round(min(0.55, 0.3 + 0.25 * report.strength), 3),
        f"Your photo measured {words_photo}, but it was not very clear, and your answers "
        f"suggest {words_answers}. We go with your answers for now; a clearer photo would "
        "settle it.",
    )


def side_difference(left_ai: float | None, right_ai: float | None) -> str | None:
    """A sentence when the two feet differ enough to matter (about 1 in 5 people differ)."""
    if left_ai is None or right_ai is None:
        return None
    gap = abs(left_ai - right_ai)
    if gap < 0.03:
        return None
    flatter = "left" if left_ai > right_ai else "right"
    return (
        f"Your {flatter} foot's print is noticeably flatter (Arch Index {gap:.2f} higher). "
        "Differences between the feet are common; the routine works on both, and it is worth "
        "watching whether the gap changes."
    )


HONEST_NOTE = (
    "What a print can and cannot tell: it shows the arch standing still. In a large study of "
    "1,930 adults (the Framingham Foot Study) the shape of the standing arch was not linked to "
    "low back pain, while the way the foot moves when walking was, in women. So a flat or high "
    "print is not the cause of your pain, and a normal one does not rule your feet out; the "
    "exercises aim at how the foot works."
)
