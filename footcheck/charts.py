"""Altair chart builders. Each takes an already aggregated DataFrame and returns a chart;
``spec`` turns one into the Vega-Lite dict the pages and the report draw.

Patterns that render well inside Streamlit (docs/streamlit.md): ordinal x for weeks, a
fixed step height for the calendar, layered charts with independent y scales.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from footcheck.indices import AI_FLAT_MIN, AI_HIGH_MAX

GREEN = "#2E7D6B"
AMBER = "#F9A825"
RED = "#C62828"
GREY = "#B0BEC5"
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

# Altair checks every piece of a chart against the Vega-Lite schema as it is built, and the
# whole again when it becomes a dict: about 150 ms of a Progress page here. Only this module
# builds charts, from fixed code, and the tests check every chart against the schema
# (tests/test_adherence.py), so the app skips both checks.
alt.utils.schemapi.disable_debug_mode()
# Channels are written as objects (alt.X, alt.Tooltip, alt.ColorValue), never as bare strings,
# lists of strings or alt.value/alt.condition dicts: Altair turns those into objects by
# searching its schema, 2-7 ms each, a third of the Progress page's time.


def spec(chart: alt.TopLevelMixin) -> dict:
    """The chart as a Vega-Lite specification, without the schema check (see above)."""
    return chart.to_dict(validate=False)


def calendar_heatmap(cal: pd.DataFrame) -> alt.Chart:
    """A calendar grid: weekdays across, weeks down (so a year fits a phone's width),
    colour = share of the routine done. Weeks are labelled with their Monday's date, or with
    the month where one begins when the range is long."""
    weeks = cal["week"].drop_duplicates().sort_values()
    long_range = len(weeks) > 10
    labels = {}
    for monday in weeks:
        sunday = monday + pd.Timedelta(days=6)
        if not long_range:
            labels[monday] = (
                f"{monday:%d %b %Y}" if monday.year != sunday.year else f"{monday:%d %b}"
            )
        elif monday.day == 1 or sunday.month != monday.month:  # the week holds a 1st
            first = sunday if sunday.month != monday.month else monday
            labels[monday] = f"{first:%b %Y}"
        else:
            labels[monday] = ""
    data = cal.assign(
        day=cal["date"].dt.strftime("%a %d %b %Y"),
        weekday_name=cal["weekday"].map(lambda i: WEEKDAYS[i]),
        percent=(cal["completion"] * 100).round().astype(int),
        week_label=cal["week"].map(labels),
    )[["day", "weekday_name", "week", "week_label", "percent", "logged", "note"]]
    data["week"] = data["week"].dt.strftime("%Y-%m-%d")
    label_of = {w.strftime("%Y-%m-%d"): labels[w] for w in weeks}
    expr = "{" + ", ".join(f"'{k}': '{v}'" for k, v in label_of.items()) + "}[datum.value]"
    return (
        alt.Chart(data)
        .mark_rect(stroke="white", strokeWidth=2, cornerRadius=2)
        .encode(
            x=alt.X("weekday_name:O", sort=WEEKDAYS, title=None, axis=alt.Axis(orient="top")),
            y=alt.Y("week:O", title=None, axis=alt.Axis(labelExpr=expr, ticks=False)),
            # Grey, unless the day was logged: then the share done (alt.condition would build
            # the same through Altair's schema search, 7 ms a chart).
            color=alt.ColorValue(
                "#ECEFF1",
                condition=alt.ConditionalPredicateMarkPropFieldOrDatumDef(
                    test="datum.logged",
                    field="percent",
                    type="quantitative",
                    scale=alt.Scale(domain=[0, 100], range=["#E0F2F1", GREEN]),
                    legend=alt.Legend(title="% of routine", orient="bottom"),
                ),
            ),
            tooltip=[
                alt.Tooltip("day:N", title="Day"),
                alt.Tooltip("percent:Q", title="% done"),
                alt.Tooltip("note:N", title="Note"),
            ],
        )
        .properties(height=alt.Step(16), width=alt.Step(26))
    )


def day_axis(days: int) -> alt.Axis:
    """Dates on a time axis: whole days only (never "06 AM"); over a long range one tick per
    month (or per quarter beyond a year and a half), so that no month is named twice."""
    if days <= 75:
        return alt.Axis(format="%d %b", tickMinStep=86_400_000, labelOverlap=True)
    step = 1 if days <= 550 else 3
    return alt.Axis(
        format="%b %Y", tickCount={"interval": "month", "step": step}, labelOverlap=True
    )


def weekly_bars(weeks: pd.DataFrame) -> alt.LayerChart:
    """Sessions per week against the plan: green when met, amber when not, dashed target."""
    data = weeks.assign(
        week_label=weeks["week"].dt.strftime("%d %b %y"),
        status=weeks["met"].map({True: "plan met", False: "below plan"}),
    )[["week_label", "done", "planned", "status"]]
    base = alt.Chart(data).encode(x=alt.X("week_label:O", title="Week starting", sort=None))
    bars = base.mark_bar().encode(
        y=alt.Y("done:Q", title="Sessions"),
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=["plan met", "below plan"], range=[GREEN, AMBER]),
            legend=alt.Legend(title=None, orient="top"),
        ),
        tooltip=[alt.Tooltip(name) for name in ("week_label", "done", "planned", "status")],
    )
    target = base.mark_tick(color=RED, thickness=2, size=24, strokeDash=[4, 2]).encode(
        y=alt.Y("planned:Q")
    )
    return alt.layer(bars, target).properties(height=220)


def habit_strength_chart(scores: pd.DataFrame) -> alt.Chart:
    days = max(1, len(scores))
    data = scores.assign(percent=(scores["score"] * 100).round(1))[["date", "percent"]]
    return (
        alt.Chart(data)
        .mark_area(
            line={"color": GREEN},
            color=alt.Gradient(
                gradient="linear",
                stops=[
                    alt.GradientStop(color="white", offset=0),
                    alt.GradientStop(color=GREEN, offset=1),
                ],
                x1=1,
                x2=1,
                y1=1,
                y2=0,
            ),
        )
        .encode(
            x=alt.X("date:T", title=None, axis=day_axis(days)),
            y=alt.Y("percent:Q", title="Habit strength (%)", scale=alt.Scale(domain=[0, 100])),
            tooltip=[alt.Tooltip("date:T", title="Day"), alt.Tooltip("percent:Q", title="%")],
        )
        .properties(height=200)
    )


def pain_and_adherence(pain: pd.DataFrame, weeks: pd.DataFrame) -> alt.LayerChart:
    """Weekly adherence bars behind the pain trend (rolling mean), each on its own scale."""
    days = max(1, (pain["date"].max() - pain["date"].min()).days + 1) if len(pain) else 1
    bars = (
        alt.Chart(
            weeks.assign(
                percent=(weeks["adherence"] * 100).round(),
                week_end=weeks["week"] + pd.Timedelta(days=6),
            )[["week", "week_end", "percent"]]
        )
        .mark_bar(color=GREY, opacity=0.6)
        .encode(
            x=alt.X("week:T", title=None, axis=day_axis(days)),
            x2=alt.X2("week_end:T"),
            y=alt.Y("percent:Q", title="Plan kept (%)", scale=alt.Scale(domain=[0, 100])),
            y2=alt.Y2Datum(0),
            tooltip=[alt.Tooltip("week:T", title="Week of"), alt.Tooltip("percent:Q", title="%")],
        )
    )
    line = (
        alt.Chart(pain[["date", "pain", "rolling"]])
        .mark_line(color=RED, strokeWidth=2.5)
        .encode(
            x=alt.X("date:T"),
            y=alt.Y(
                "rolling:Q", title="Pain, 7-day average (0-10)", scale=alt.Scale(domain=[0, 10])
            ),
            tooltip=[
                alt.Tooltip("date:T", title="Day"),
                alt.Tooltip("pain:Q", title="Pain"),
                alt.Tooltip("rolling:Q", title="7-day average", format=".1f"),
            ],
        )
    )
    return alt.layer(bars, line).resolve_scale(y="independent").properties(height=240)


def before_after_chart(pairs: pd.DataFrame) -> alt.Chart:
    """Pain before and after each session, as dots joined per session."""
    return (
        alt.Chart(pairs)
        .mark_line(point=True)
        .encode(
            x=alt.X("when:N", sort=["before", "after"], title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("mean(pain):Q", title="Average pain (0-10)", scale=alt.Scale(domain=[0, 10])),
            color=alt.ColorValue(GREEN),
            tooltip=[alt.Tooltip("when:N"), alt.Tooltip("mean(pain):Q", format=".1f")],
        )
        .properties(height=200, width=220)
    )


def exercise_rates_chart(rates: pd.DataFrame) -> alt.Chart:
    """Done / partly / skipped per exercise; long names wrap onto two lines, never cut."""
    data = rates.assign(percent=(rates["share"] * 100).round(), label=rates["exercise"].map(_wrap))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y(
                "label:N",
                title=None,
                sort="-x",
                axis=alt.Axis(labelExpr="split(datum.label, '|')", labelLimit=0),
            ),
            x=alt.X("percent:Q", title="% of logged days", stack="zero"),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=["done", "partial", "skipped"], range=[GREEN, AMBER, GREY]),
                legend=alt.Legend(title=None, orient="top"),
            ),
            tooltip=[alt.Tooltip(name) for name in ("exercise", "status", "percent", "count")],
        )
        .properties(height=alt.Step(30))
    )


def _wrap(name: str, width: int = 18) -> str:
    """A label split at spaces into lines of about ``width`` characters, joined by '|'."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "|".join(lines)


def arch_history_chart(tests: pd.DataFrame) -> alt.LayerChart:
    """Arch Index per foot over time, over the high / normal / flat bands (0.21 / 0.26)."""
    data = tests.dropna(subset=["arch_index"])[["test_date", "foot", "arch_index", "arch_type"]]
    bands = pd.DataFrame(
        {
            "low": [0.0, AI_HIGH_MAX, AI_FLAT_MIN],
            "high": [AI_HIGH_MAX, AI_FLAT_MIN, 0.45],
            "band": ["high arch", "normal", "flat"],
        }
    )
    shade = (
        alt.Chart(bands)
        .mark_rect(opacity=0.12)
        .encode(
            y=alt.Y("low:Q", title="Arch Index", scale=alt.Scale(domain=[0, 0.45])),
            y2=alt.Y2("high:Q"),
            color=alt.Color(
                "band:N",
                scale=alt.Scale(
                    domain=["high arch", "normal", "flat"], range=["#1565C0", GREEN, AMBER]
                ),
                legend=alt.Legend(title=None),
            ),
        )
    )
    points = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("test_date:T", title=None),
            y=alt.Y("arch_index:Q"),
            strokeDash=alt.StrokeDash("foot:N", legend=alt.Legend(title="Foot")),
            color=alt.ColorValue("#37474F"),
            tooltip=[
                alt.Tooltip("test_date:T"),
                alt.Tooltip("foot:N"),
                alt.Tooltip("arch_index:Q", format=".3f"),
                alt.Tooltip("arch_type:N"),
            ],
        )
    )
    return alt.layer(shade, points).properties(height=220)


def prime() -> None:
    """Build and discard one small chart. Altair loads its dataframe layer (narwhals) on the
    first chart a process builds, 60-90 ms that would otherwise fall on a page's first visit
    (ui/warmup.py calls this in the background)."""
    day = pd.Timestamp("2026-01-05")
    spec(habit_strength_chart(pd.DataFrame({"date": [day], "score": [0.5]})))
