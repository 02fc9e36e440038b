"""A whole document's rows → its forms, linked: the parse and link stages as pure functions.

:func:`parse_forms` splits the rows at the forms' titles and parses each form alone;
:func:`link_document` then fills what one form takes from another (weights and criteria from
the overall table, titles snapped to the standard ones, levels of bare results).

>>> parse_document([]), link_document(parse_forms([]))
([], [])
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

__all__ = ["document_rows", "link_document", "parse_document", "parse_forms"]


def document_rows(pages: list[Page]) -> list[Row]:
    """All rows of the pages that were read, in page order."""
    return [row for page in pages if not page.skipped for row in page.rows]


def parse_forms(rows: list[Row]) -> list[ParsedForm]:
    """Every form in ``rows``, in document order, each parsed on its own (not yet linked)."""
    forms: list[ParsedForm] = []
    for segment in split_forms(rows):
        if segment.form_type == "overall_summary":
            forms.append(parse_overall_summary(segment.rows))
        else:
            forms.append(parse_component_form(segment.rows))
    return forms


def link_document(forms: list[ParsedForm]) -> list[ParsedForm]:
    """``forms`` linked to each other: what a form does not print, taken from another."""
    return bare_levels(snap_titles(link_forms(forms)))


def parse_document(rows: list[Row]) -> list[ParsedForm]:
    """Every form in ``rows``, in document order, linked."""
    return link_document(parse_forms(rows))
