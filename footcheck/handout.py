"""The one-page exercise handout: what to do, how much, why, and the safety rules.

Like the paper sheets physiotherapists hand out: a person can stick it on the fridge.
"""

from __future__ import annotations

from datetime import date

from footcheck.exercises import Catalogue, load_catalogue
from footcheck.figures import figure_svg
from footcheck.pdf import GREY, Document, svg_to_png
from footcheck.plan import Plan


def routine_pdf(
    plan: Plan,
    name: str,
    days: list[str],
    made_on: date | None = None,
    catalogue: Catalogue | None = None,
) -> bytes:
    """A PDF handout of a routine, on one page when it fits."""
    catalogue = catalogue or load_catalogue()
    made_on = made_on or date.today()
    pdf = Document(f"FootCheck routine for {name}")
    pdf.heading(f"Foot routine for {name}")
    when = ", ".join(days) if days else f"{plan.days_per_week} days a week"
    pdf.paragraph(
        f"About {plan.total_minutes:.0f} minutes, {when}. Made on {made_on.strftime('%d %B %Y')}.",
        colour=GREY,
    )
    for number, item in enumerate(plan.items, start=1):
        exercise = catalogue.get(item.id)
        top = pdf.get_y()
        if top > 250:
            pdf.add_page()
            top = pdf.get_y()
        pdf.image(svg_to_png(figure_svg(exercise.figure)), x=pdf.l_margin, y=top, w=27)
        pdf.set_xy(pdf.l_margin + 30, top)
        pdf.set_font("DejaVu", "B", 10)
        pdf.multi_cell(0, 5, f"{number}. {exercise.name}  ({item.dose_text})",
                       new_x="LMARGIN", new_y="NEXT")  # fmt: skip
        pdf.set_x(pdf.l_margin + 30)
        pdf.set_font("DejaVu", "", 8.5)
        pdf.multi_cell(0, 4, " ".join(exercise.steps), new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(pdf.l_margin + 30)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(0, 4, f"Why: {item.why}",
                       new_x="LMARGIN", new_y="NEXT")  # fmt: skip
        pdf.set_text_color(0, 0, 0)
        pdf.set_y(max(pdf.get_y(), top + 19) + 1)
    pdf.subheading("Stay safe")
    pdf.bullets(list(plan.safety))
    habits = [h.split(":")[0] for h in plan.habits]  # titles: the page stays one
    if habits:
        pdf.subheading("Everyday habits")
        pdf.paragraph(".  ".join(habits[:5]) + ".", size=9)
    return pdf.output_bytes()
