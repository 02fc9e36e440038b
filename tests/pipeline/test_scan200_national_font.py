"""A 200 dpi scan in a national font (K2D-like, seed 7 cityplanning-2566 page 3): tesseract
reads the sub-component code ``๑.๑`` as ``๐.๐``; its ``(Function Base)`` tag still names it.
The fixture is a crop of the generated page (the national fonts are fetched from npm, so the
page is committed rather than rendered here).
"""

from __future__ import annotations

from pathlib import Path

from thaieval.parsers.form_header import read_header_row
from thaieval.pipeline.pages.read import read_pages
from thaieval.schemas.forms import ParsedForm

FIXTURE = Path(__file__).parent.parent / "fixtures" / "scan200" / "national_font_header.png"


def test_a_misread_sub_component_code_is_named_by_its_tag() -> None:
    form = ParsedForm(form_type="component")
    rows = [row for page in read_pages(FIXTURE, "image") for row in page.rows]
    for row in rows:
        read_header_row(form, row)
    assert form.component == "1.1"
    assert form.component_title.endswith("(Function Base)")
