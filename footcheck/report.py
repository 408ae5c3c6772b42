"""A PDF summary for a physiotherapist or doctor: arch results, symptoms and red flags, the
routine, and adherence and pain charts for a chosen date range.

Charts are the same Altair charts the app shows, rendered offline to PNG with vl-convert.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import altair as alt

from footcheck import adherence, charts
from footcheck.exercises import load_catalogue
from footcheck.handout import dose_line
from footcheck.pdf import GREY, Document
from footcheck.questionnaire import QUESTIONS, REGIONS, triage
from footcheck.recommend import complete_plan
from footcheck.store import Store


def _chart_png(chart: alt.TopLevelMixin, width: int = 520) -> io.BytesIO:
    import vl_convert

    from footcheck.pdf import _fonts_registered

    _fonts_registered()
    spec = chart.properties(width=width).to_dict()
    return io.BytesIO(vl_convert.vegalite_to_png(spec, scale=2))


def clinician_report(
    store: Store, profile_name: str, start: date | None = None, end: date | None = None
) -> bytes:
    """The report as PDF bytes; ``start``/``end`` limit the adherence and pain part."""
    profile = store.profile_by_name(profile_name)
    if profile is None:
        raise ValueError(f"No profile called {profile_name!r}.")
    end = end or date.today()
    start = start or end - timedelta(days=89)
    if start > end:
        raise ValueError("The start date is after the end date.")
    catalogue = load_catalogue()
    pdf = Document(f"FootCheck report: {profile.name}")
    pdf.heading(f"FootCheck summary for {profile.name}")
    pdf.paragraph(
        f"Period {start:%d %b %Y} to {end:%d %b %Y}. Prepared {date.today():%d %b %Y} from "
        "self-reported data and home footprint photos; for discussion with a clinician.",
        colour=GREY,
    )

    # Arch results.
    pdf.subheading("Footprint (wet test) results")
    latest = store.latest_arch(profile.id)
    if not latest:
        pdf.paragraph("No arch test recorded.")
    for foot in ("left", "right"):
        record = latest.get(foot)
        if record is None:
            continue
        top = pdf.get_y()
        if record.thumbnail_png:
            pdf.image(io.BytesIO(record.thumbnail_png), x=pdf.l_margin, y=top, h=36)
            pdf.set_xy(pdf.l_margin + 32, top)
        values = (
            f"AI {record.arch_index:.3f}, CSI {record.chippaux_smirak * 100:.0f}%, "
            f"Staheli {record.staheli:.2f}"
            if record.arch_index is not None
            else "no measurement (answers only)"
        )
        pdf.set_font("DejaVu", "B", 10)
        pdf.multi_cell(
            0,
            5,
            f"{foot.capitalize()} foot: {record.arch_type} arch",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_x(pdf.l_margin + (32 if record.thumbnail_png else 0))
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(
            0,
            4.5,
            f"{values}. Source: {record.source}; confidence {record.confidence * 100:.0f}%; "
            f"tested {record.test_date:%d %b %Y}. Cut-offs: AI <= 0.21 high, >= 0.26 flat.",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_y(max(pdf.get_y(), top + (38 if record.thumbnail_png else 0)) + 1)

    # Questionnaire.
    pdf.subheading("Symptoms and red flags")
    questionnaire = store.latest_questionnaire(profile.id)
    if questionnaire is None:
        pdf.paragraph("No questionnaire recorded.")
    else:
        answers = questionnaire.answers
        result = triage(answers)
        level = {"none": "none reported", "urgent": "URGENT", "emergency": "EMERGENCY"}
        pdf.paragraph(
            f"Answered {questionnaire.taken_on:%d %b %Y}. Red flags: {level[result.level]}"
            + (f" ({'; '.join(result.reasons)})." if result.reasons else ".")
        )
        pain = answers.get("pain") if isinstance(answers.get("pain"), dict) else {}
        lines = []
        for code, label in REGIONS:
            entry = pain.get(code)
            if isinstance(entry, dict):
                side = f", {entry['side']}" if entry.get("side") else ""
                lines.append(
                    f"{label}{side}: now {entry.get('now')}/10, worst 24 h {entry.get('worst')}/10"
                )
        if lines:
            pdf.bullets(lines)
        labels = {q.id: q for q in QUESTIONS}
        facts = []
        for key in ("duration", "age_group", "worse", "sport", "footwear", "sitting_hours"):
            value = answers.get(key)
            if value in (None, [], ""):
                continue
            options = dict(labels[key].options)
            shown = (
                ", ".join(options.get(x, str(x)) for x in value)
                if isinstance(value, list)
                else options.get(value, str(value))
            )
            facts.append(f"{labels[key].text}: {shown}")
        if facts:
            pdf.paragraph("; ".join(facts) + ".", size=8.5)

    # Routine.
    pdf.subheading("Current home routine")
    routine = store.active_routine(profile.id)
    if routine is None:
        pdf.paragraph("No routine saved.")
    else:
        plan = complete_plan(routine.plan, catalogue)
        pdf.paragraph(
            f"Since {routine.created_on:%d %b %Y}: about {plan['total_minutes']:.0f} minutes, "
            f"{routine.days_per_week} days a week."
        )
        pdf.bullets([f"{catalogue.get(e['id']).name}: {dose_line(e)}" for e in plan["exercises"]])

    # Adherence and pain.
    pdf.subheading("Adherence and pain")
    sessions = store.sessions(profile.id)
    if sessions.empty:
        pdf.paragraph("No sessions logged.")
        return pdf.output_bytes()
    periods = adherence.plan_periods(store.routines(profile.id))
    logs = store.exercise_logs(profile.id)
    daily = adherence.daily_completion(sessions, logs, periods)
    weeks = adherence.weekly_adherence(daily, periods, start, end)
    in_range = daily[(daily["date"].dt.date >= start) & (daily["date"].dt.date <= end)]
    streak = adherence.streaks(daily, periods, end)
    first = daily["date"].min().date()
    scores = adherence.habit_strength(daily, periods, first, end)
    kept = weeks["adherence"].mean() * 100 if len(weeks) else 0
    pdf.paragraph(
        f"{int(in_range['done'].sum())} sessions in the period; plan kept in "
        f"{int(weeks['met'].sum())} of {len(weeks)} weeks (average {kept:.0f}%). Current streak "
        f"{streak.current} sessions, best {streak.best}. Habit strength "
        f"{scores['score'].iloc[-1] * 100:.0f}%."
    )
    pdf.image(_chart_png(charts.weekly_bars(weeks)), w=pdf.epw)
    pain = adherence.pain_series(daily, store.checkins(profile.id), start, end)
    if not pain.empty:
        before_after = adherence.pain_before_after(in_range)
        change = ""
        if not before_after.empty:
            means = before_after.groupby("when")["pain"].mean()
            change = (
                f" Average pain before sessions {means.get('before', float('nan')):.1f}, after "
                f"{means.get('after', float('nan')):.1f}."
            )
        pdf.paragraph(
            f"Pain (0-10, morning check-in or before sessions): {pain['pain'].iloc[0]:.0f} at the "
            f"start of the period, 7-day average {pain['rolling'].iloc[-1]:.1f} at the end."
            + change
        )
        if pdf.get_y() > 200:
            pdf.add_page()
        pdf.image(_chart_png(charts.pain_and_adherence(pain, weeks)), w=pdf.epw)
    return pdf.output_bytes()
