"""Shared PDF layout (fpdf2) for the exercise handout and the clinician report.

Fonts are shipped in ``data/fonts`` (DejaVu, freely redistributable) so that names and notes in
any language print correctly on every machine.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from fpdf import FPDF

from footcheck import DISCLAIMER

FONT_DIR = Path(__file__).resolve().parent.parent / "data" / "fonts"
ACCENT = (46, 125, 107)
GREY = (90, 100, 96)


class Document(FPDF):
    """A4 page with FootCheck's header line and the not-medical-advice footer."""

    def __init__(self, title: str):
        super().__init__(format="A4")
        self.title_text = title
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(14, 14, 14)
        self.set_title(title)
        self.set_creator("FootCheck")
        self.add_page()

    def header(self) -> None:
        self.set_font("DejaVu", "B", 9)
        self.set_text_color(*ACCENT)
        self.cell(0, 5, "FootCheck", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("DejaVu", "", 7)
        self.set_text_color(*GREY)
        self.multi_cell(0, 3.5, DISCLAIMER + f"  Page {self.page_no()}.", align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: int = 15) -> None:
        self.set_font("DejaVu", "B", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def subheading(self, text: str) -> None:
        self.ln(1)
        self.set_font("DejaVu", "B", 11)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)

    def paragraph(self, text: str, size: float = 9.5, colour=(0, 0, 0)) -> None:
        self.set_font("DejaVu", "", size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.48, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)

    def bullets(self, items: list[str], size: float = 9) -> None:
        self.set_font("DejaVu", "", size)
        for item in items:
            self.multi_cell(0, size * 0.48, f"•  {item}", new_x="LMARGIN", new_y="NEXT")

    def output_bytes(self) -> bytes:
        return bytes(self.output())


@cache
def _fonts_registered() -> bool:
    import vl_convert

    vl_convert.register_font_directory(str(FONT_DIR))
    return True


def svg_to_png(svg: str, scale: float = 2.0) -> io.BytesIO:
    """Rasterise one of our SVG drawings for the PDF (offline, with our fonts)."""
    import vl_convert

    _fonts_registered()
    return io.BytesIO(vl_convert.svg_to_png(svg, scale=scale))
