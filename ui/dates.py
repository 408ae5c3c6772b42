"""Dates as people read them: the year only when it is not this year."""

from __future__ import annotations

from datetime import date


def short_date(day: date, today: date | None = None) -> str:
    """'14 Nov' this year, '14 Nov 2025' for any other year."""
    today = today or date.today()
    return f"{day:%d %b}" if day.year == today.year else f"{day:%d %b %Y}"
