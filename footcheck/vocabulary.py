"""The words FootCheck stores and shows, each defined once: codes and their labels.

The store validates against these codes, the pages show their labels, the export documents
them, and the questionnaire and the recommender use them. A new code is added here only.
"""

from __future__ import annotations

ARCH_TYPES = ("high", "normal", "flat")
ARCH_WORDS = {"high": "a high arch", "normal": "a normal arch", "flat": "a flat (low) arch"}
FEET = ("left", "right")
ARCH_SOURCES = ("photo", "answers", "photo+answers")

RED_FLAG_LEVELS = ("none", "urgent", "emergency")

REGION_LABELS = {
    "lower_back": "Lower back",
    "mid_back": "Middle of the back",
    "neck": "Neck",
    "hip": "Hip",
    "knee": "Knee",
    "ankle": "Ankle",
    "foot": "Foot or heel",
}
REGIONS = tuple(REGION_LABELS)
SIDED_REGIONS = ("hip", "knee", "ankle", "foot")
SIDE_LABELS = {"left": "Left", "right": "Right", "both": "Both"}

STATUS_LABELS = {"done": "Done", "partial": "Partly", "skipped": "Skipped"}
STATUSES = tuple(STATUS_LABELS)
SKIP_REASON_LABELS = {
    "no_time": "No time",
    "pain": "Pain",
    "forgot": "Forgot",
    "no_equipment": "No equipment",
    "other": "Other",
}
SKIP_REASONS = tuple(SKIP_REASON_LABELS)
DIFFICULTY_LABELS = {"too_easy": "Too easy", "right": "About right", "too_hard": "Too hard"}
DIFFICULTIES = tuple(DIFFICULTY_LABELS)
COMPARED_LABELS = {"better": "Better", "same": "The same", "worse": "Worse"}
COMPARED = tuple(COMPARED_LABELS)


def count_words(count: int, one: str, many: str | None = None) -> str:
    """'1 questionnaire', '2 questionnaires': the plural said right everywhere."""
    return f"{count} {one if count == 1 else (many or one + 's')}"
