"""Handout PDF, calendar reminder, clinician report, figures and demo data, read back."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from footcheck.demo import create_demo
from footcheck.exercises import FIGURES, load_catalogue
from footcheck.figures import figure_svg
from footcheck.handout import routine_pdf
from footcheck.recommend import RecommendInput, recommend
from footcheck.reminders import default_days, routine_ics
from footcheck.report import ReportError, clinician_report
from footcheck.store import Store
from tests.conftest import ROOT, create_database, drop_database
from tests.pdfcheck import inked_fractions, pdf_text

PLAN = recommend(
    RecommendInput(arch_type="flat", equipment=("chair", "towel", "wall"), minutes_per_day=15)
)


def test_handout_is_one_readable_page() -> None:
    data = routine_pdf(PLAN, "Zoë Ödegaard", ["Monday", "Thursday"], made_on=date(2026, 3, 2))
    text = pdf_text(data)
    assert "Zoë Ödegaard" in text
    catalogue = load_catalogue()
    for item in PLAN.items:
        assert catalogue.get(item.id).name in text
    assert "5 out of 10" in text and "Monday, Thursday" in text
    assert "not medical advice" in text
    pages = inked_fractions(data)
    assert len(pages) == 1 and pages[0] > 0.02


def test_calendar_reminder_repeats_weekly_on_the_chosen_days() -> None:
    start = date(2026, 3, 4)  # a Wednesday
    data = routine_ics(PLAN, ["Monday", "Thursday"], time(7, 30), start=start)
    cal = Calendar.from_ical(data)
    (event,) = cal.walk("VEVENT")
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["RRULE"]["BYDAY"] == ["MO", "TH"]
    first = event.decoded("DTSTART")
    assert first.date() == date(2026, 3, 5) and first.time() == time(7, 30)  # next Thursday
    minutes = (event.decoded("DTEND") - first).total_seconds() / 60
    assert minutes == round(PLAN.total_minutes)
    assert "Short-foot exercise, seated" in str(event["DESCRIPTION"])
    assert cal.walk("VALARM")
    with pytest.raises(ValueError, match="at least one day"):
        routine_ics(PLAN, [], time(7, 30))


def test_default_days_spread_over_the_week() -> None:
    assert default_days(3) == ["Monday", "Wednesday", "Friday"]
    assert len(default_days(7)) == 7


@pytest.mark.parametrize("kind", FIGURES)
def test_every_figure_is_an_svg_drawing(kind: str) -> None:
    svg = figure_svg(kind)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<path" in svg or "<line" in svg or "<circle" in svg


def test_every_exercise_has_its_figure() -> None:
    for exercise in load_catalogue().exercises:
        assert exercise.figure in FIGURES


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Iterator[Store]:
    url = create_database(tmp_path_factory.mktemp("demo"))
    store = Store(url)
    create_demo(store, days=120, name="Demo")
    yield store
    drop_database(url)


def test_demo_history_is_realistic(demo_store: Store) -> None:
    profile = demo_store.profile_by_name("Demo")
    sessions = demo_store.sessions(profile.id)
    assert sessions["session_date"].max().date() <= date.today()
    assert sessions["session_date"].min().date() >= date.today() - timedelta(days=119)
    assert 40 < len(sessions) < 100  # gaps, not every day
    logs = demo_store.exercise_logs(profile.id)
    assert set(logs["status"]) == {"done", "partial", "skipped"}
    first, last = sessions["pain_before"].head(15).mean(), sessions["pain_before"].tail(15).mean()
    assert last < first  # pain improves
    assert set(demo_store.latest_arch(profile.id)) == {"left", "right"}
    assert demo_store.active_routine(profile.id) is not None
    assert len(demo_store.checkins(profile.id)) > 30


def test_five_years_of_demo_data(new_db_url) -> None:
    url = new_db_url()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "footcheck",
            "demo",
            "--db",
            url,
            "--days",
            "1826",
            "--profile",
            "Long",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    store = Store(url)
    profile = store.profile_by_name("Long")
    assert store.active_routine(profile.id).created_on == date.today() - timedelta(days=1825)
    sessions = store.sessions(profile.id)
    assert len(sessions) > 800 and sessions["session_date"].max().date() > date.today() - timedelta(
        7
    )


def test_clinician_report(demo_store: Store) -> None:
    end = date.today()
    data = clinician_report(demo_store, "Demo", end - timedelta(days=60), end)
    text = pdf_text(data)
    for phrase in (
        "FootCheck summary for Demo",
        "Left foot",
        "Right foot",
        "Red flags",
        "Current home routine",
        "sessions in the period",
        "Habit strength",
    ):
        assert phrase in text, phrase
    pages = inked_fractions(data)
    assert all(share > 0.01 for share in pages)
    with pytest.raises(ReportError, match="no profile called Nobody"):
        clinician_report(demo_store, "Nobody")
    with pytest.raises(ReportError, match="no profile called demo"):  # exact names only
        clinician_report(demo_store, "demo")


def test_report_period_starts_at_the_first_data(new_db_url) -> None:
    """Someone who started four days ago: no thirteen weeks of "plan not kept", no invented
    "pain 0" at a start before any data, and the same weekly figures as Progress shows."""
    from footcheck import adherence
    from footcheck.store import ExerciseLog, RoutineRecord, SessionEntry

    store = Store(new_db_url())
    person = store.create_profile("New")
    today = date.today()
    plan = recommend(RecommendInput(days_per_week=3))
    routine = store.save_routine(person.id, RoutineRecord(today - timedelta(days=3), plan, 3))
    for offset in (3, 1):
        store.save_session(
            person.id,
            SessionEntry(today - timedelta(days=offset),
                         [ExerciseLog(i.id, "done", i.sets) for i in plan.items],
                         pain_before=None, pain_after=None, routine_id=routine),
        )  # fmt: skip
    text = pdf_text(clinician_report(store, "New", today - timedelta(days=89), today))
    assert f"Period {today - timedelta(days=3):%d %b %Y}" in text
    assert "0 of 13 weeks" not in text and "Pain 0" not in text
    summary = adherence.summarize(
        store.sessions(person.id), store.exercise_logs(person.id), store.checkins(person.id),
        store.routines(person.id), today, today - timedelta(days=89),
    )  # fmt: skip
    assert summary is not None and summary.start == today - timedelta(days=3)
    assert f"plan kept in {summary.weeks_met} of" in " ".join(text.split())


def test_cli_report(demo_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "footcheck",
            "report",
            "--db",
            demo_store.url,
            "--profile",
            "Demo",
            "--out",
            str(out),
            "--from",
            "2026-01-01",
            "--to",
            date.today().isoformat(),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "FootCheck summary" in pdf_text(out.read_bytes())


def test_names_and_notes_print_exactly_as_typed(new_db_url) -> None:
    from footcheck.store import ExerciseLog, SessionEntry

    name = "**Łukasz** [link](http://x) =1+1"
    assert name in pdf_text(routine_pdf(PLAN, name, ["Monday"]))
    store = Store(new_db_url())
    person = store.create_profile(name)
    store.save_session(
        person.id, SessionEntry(date.today(), [ExerciseLog("toe_yoga", "done", 1)], note="_x_")
    )
    assert f"FootCheck summary for {name}" in " ".join(
        pdf_text(clinician_report(store, name)).split()
    )
