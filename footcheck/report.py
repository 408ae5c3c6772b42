"""A PDF summary for a physiotherapist or doctor: arch results, symptoms and red flags, the
routine, and adherence and pain charts for a chosen date range.

Charts are the same Altair charts the app shows, rendered offline to PNG with vl-convert.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import altair as alt

from footcheck import adherence, charts
from footcheck.pdf import GREY, Document
from footcheck.questionnaire import SYMPTOM_QUESTIONS, triage
from footcheck.store import Store
from footcheck.vocabulary import REGION_LABELS, count_words


class ReportError(ValueError):
    """The report cannot be made as asked (no such profile, dates the wrong way round)."""


def _chart_png(chart: alt.TopLevelMixin, width: int = 520) -> io.BytesIO:
    import vl_convert

    from footcheck.pdf import _fonts_registered

    _fonts_registered()
    spec = charts.spec(chart.properties(width=width))
    return io.BytesIO(vl_convert.vegalite_to_png(spec, scale=2))


def clinician_report(
    store: Store, profile_name: str, start: date | None = None, end: date | None = None
) -> bytes:
    """The report as PDF bytes; ``start``/``end`` limit the adherence and pain part."""
    profile = store.profile_by_name(profile_name)
    if profile is None:
        raise ReportError(f"There is no profile called {profile_name}.")
    end = end or date.today()
    start = start or end - timedelta(days=89)  # at most 13 weeks, from the first data on
    if start > end:
        raise ReportError("The start date is after the end date.")
    summary = adherence.summarize(
        store.sessions(profile.id),
        store.exercise_logs(profile.id),
        store.checkins(profile.id),
        store.routines(profile.id),
        end,
        start,
    )
    if summary is not None:  # the period starts at the first data, never before
        start = summary.start
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
        for code, label in REGION_LABELS.items():
            entry = pain.get(code)
            if isinstance(entry, dict):
                side = f", {entry['side']}" if entry.get("side") else ""
                lines.append(
                    f"{label}{side}: now {entry.get('now')}/10, worst 24 h {entry.get('worst')}/10"
                )
        if lines:
            pdf.bullets(lines)
        labels = {q.id: q for q in SYMPTOM_QUESTIONS}
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
        plan = routine.plan
        pdf.paragraph(
            f"Since {routine.created_on:%d %b %Y}: about {plan.total_minutes:.0f} minutes, "
            f"{routine.days_per_week} days a week."
        )
        pdf.bullets([f"{item.name}: {item.dose_text}" for item in plan.items])

    # Adherence and pain.
    pdf.subheading("Adherence and pain")
    if summary is None or summary.daily.empty:
        pdf.paragraph("No sessions logged.")
        return pdf.output_bytes()
    kept = summary.average_kept
    pdf.paragraph(
        f"{count_words(summary.sessions, 'session')} in the period; plan kept in "
        f"{summary.weeks_met} of {count_words(len(summary.weeks), 'week')}"
        + (f" (average {kept * 100:.0f}%)" if kept is not None else "")
        + f". Current streak {count_words(summary.streak.current, 'session')}, best "
        f"{summary.streak.best}. Habit strength {(summary.strength or 0) * 100:.0f}%."
    )
    pdf.image(_chart_png(charts.weekly_bars(summary.weeks)), w=pdf.epw)
    pain = summary.pain
    if not pain.empty:
        change = ""
        if not summary.before_after.empty:
            means = summary.before_after.groupby("when")["pain"].mean()
            change = (
                f" Average pain before sessions {means.get('before', float('nan')):.1f}, after "
                f"{means.get('after', float('nan')):.1f}."
            )
        first_pain = pain.iloc[0]
        pdf.paragraph(
            f"Pain (0-10, morning check-in or before sessions; days without a score are left "
            f"out): {first_pain['pain']:.0f} on {first_pain['date']:%d %b}, the first day with "
            f"a score; 7-day average {pain['rolling'].iloc[-1]:.1f} at the end." + change
        )
        if pdf.get_y() > 200:
            pdf.add_page()
        pdf.image(_chart_png(charts.pain_and_adherence(pain, summary.weeks)), w=pdf.epw)
    return pdf.output_bytes()
