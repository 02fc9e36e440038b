"""A whole document's rows → its forms, linked: the parse stage as one pure function.

>>> parse_document([])
[]
"""

from __future__ import annotations

from thaieval.parsers.component_form import parse_component_form
from thaieval.parsers.level_results import bare_levels
from thaieval.parsers.link_forms import link_forms
from thaieval.parsers.overall_summary import parse_overall_summary
from thaieval.parsers.split_forms import split_forms
from thaieval.parsers.standard_titles import snap_titles
from thaieval.schemas.forms import ParsedForm
from thaieval.schemas.page import Page, Row

__all__ = ["document_rows", "parse_document"]


def document_rows(pages: list[Page]) -> list[Row]:
    """All rows of the pages that were read, in page order."""
    return [row for page in pages if not page.skipped for row in page.rows]


def parse_document(rows: list[Row]) -> list[ParsedForm]:
    """Every form in ``rows``, in document order."""
    forms: list[ParsedForm] = []
    for segment in split_forms(rows):
        if segment.form_type == "overall_summary":
            forms.append(parse_overall_summary(segment.rows))
        else:
            forms.append(parse_component_form(segment.rows))
    return bare_levels(snap_titles(link_forms(forms)))
