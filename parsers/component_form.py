"""One component form (แบบสรุปผลคะแนน…) from its rows: header, score table, findings, signatory.

The rows fall into zones found by their labels: the header down to the score table, the
table down to ผลการตรวจติดตามประเมินผล (or the first ■ section), the sections down to the
signatory block.

>>> from thaieval.schemas.page import Cell, Row
>>> rows = [Row(page=1, cells=[Cell(text=t)]) for t in (
...     "แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ",
...     "ของหน่วยงานสังกัดกรุงเทพมหานคร ประจำปีงบประมาณ พ.ศ. 2567 (ระยะสิ้นปีงบประมาณ)")]
>>> f = parse_component_form(rows)
>>> (f.fiscal_year, f.period)
(2567, 'end_of_year')
"""

from __future__ import annotations

from thaieval.parsers.findings import is_section_row, read_findings
from thaieval.parsers.form_header import read_header_row
from thaieval.parsers.innovation import read_steps
from thaieval.parsers.line_wrap import ends_title
from thaieval.parsers.score_table import is_header_row, read_score_table
from thaieval.parsers.signatory import is_name_row, is_signatory_start, read_signatory
from thaieval.parsers.vocabulary import LABELS, best_label, match_label
from thaieval.parsers.wrap_fit import join_wrapped
from thaieval.schemas.forms import ROW_VALUE, ParsedForm, ParseNote
from thaieval.schemas.page import Row
from thaieval.schemas.provenance import Prov

__all__ = ["parse_component_form"]


def _zones(rows: list[Row]) -> tuple[int, int, int]:
    """Indices where the table, the sections and the signatory start (``len(rows)`` if absent).

    A zone that is not found does not hide the ones after it: without a table header the
    sections are still looked for after the header, and without sections the signatory.
    """
    n = len(rows)
    table = next((i for i, r in enumerate(rows) if is_header_row(r)), n)
    start = table if table < n else 0
    sections = next(
        (
            i
            for i in range(start, n)
            if match_label(rows[i].text, "results_heading").matched or is_section_row(rows[i])
        ),
        n,
    )
    signatory = next(
        (
            i
            for i in range(sections if sections < n else start, n)
            if is_signatory_start(rows[i]) or _name_above_position(rows, i)
        ),
        n,
    )
    return table, min(sections, signatory), signatory


# Label score of the ตำแหน่ง line under a bracketed name (2de7c47), and of any label that starts
# a line of text input instead of continuing a title (8da03b6). Set by hand, no sweep recorded.
_POSITION_SCORE = 90
_ANY_LABEL_SCORE = 85


def _name_above_position(rows: list[Row], i: int) -> bool:
    """A bracketed name over a ตำแหน่ง line starts the signatory block when OCR lost its
    heading and its ลงชื่อ line."""
    return (
        is_name_row(rows[i])
        and i + 1 < len(rows)
        and match_label(rows[i + 1].text, "position", threshold=_POSITION_SCORE).matched
    )


def _continues_title(row: Row) -> bool:
    """A line of text input (no geometry to judge a wrap by) that no label or code starts.

    Text another OCR engine wrote keeps the page's line breaks, so a long title arrives as
    two lines; on PDF pages :mod:`thaieval.parsers.line_wrap` has already joined wrapped lines.
    """
    filled = row.filled()
    if row.box is not None or len(filled) != 1:
        return False
    text = filled[0].text.strip()
    starts_new = not text or text[0].isdigit()
    return (
        not starts_new and not best_label(text, tuple(LABELS), threshold=_ANY_LABEL_SCORE).matched
    )


def _append_title(form: ParsedForm, text: str) -> None:
    # A title its (… Base) tag closed takes no more lines (as on PDF pages, thaieval.parsers.line_wrap).
    if not ends_title(form.component_title):
        form.component_title = join_wrapped(form.component_title, text)
    if form.indicator_title and not ends_title(form.indicator_title):
        form.indicator_title = join_wrapped(form.indicator_title, text)


def parse_component_form(rows: list[Row]) -> ParsedForm:
    """Parse a component form; problems become notes on the form, never exceptions."""
    form = ParsedForm(form_type="component")
    if rows:
        form.page_start, form.page_end = rows[0].page, rows[-1].page
        form.line_start, form.line_end = rows[0].line, rows[-1].line
    table_at, sections_at, signatory_at = _zones(rows)
    titled = False  # the row before set a title a wrapped line may continue
    for row in rows[: min(table_at, sections_at)]:
        if titled and _continues_title(row):
            _append_title(form, row.text)
            continue
        before = (form.component_title, form.indicator_title)
        read_header_row(form, row)
        titled = (form.component_title, form.indicator_title) != before

    table = read_score_table(rows[table_at:sections_at])
    if table is not None:
        form.indicators = table.indicators
        if table.total_score is not None:
            form.total_score = table.total_score
            if table.total_prov is not None:
                form.prov["total_score"] = table.total_prov
        if table.shape == "B" and form.indicators:
            only = form.indicators[0]
            # A one-row table prints no total: the row's numbers are the form's, said so, so
            # that verify does not count the row as agreeing with itself.
            if form.total_weight is None and only.weight is not None:
                form.total_weight = only.weight
                form.filled["total_weight"] = ROW_VALUE
            if form.total_score is None and only.weighted_score is not None:
                form.total_score = only.weighted_score
                form.filled["total_score"] = ROW_VALUE
                if "weighted_score" in only.prov:
                    form.prov["total_score"] = only.prov["weighted_score"]
    else:
        form.notes.append(
            ParseNote(
                severity="error",
                check="required_field_missing",
                field="indicators",
                message="no score table found on the form",
                prov=Prov.of_cell(rows[0]) if rows else Prov(),
            )
        )

    section_rows = rows[sections_at:signatory_at]
    steps = read_steps(section_rows)
    form.score_items = steps.items
    form.steps_declared_max, form.steps_declared_score = steps.declared_max, steps.declared_score
    if steps.declared_prov is not None:
        form.prov["steps_declared_score"] = steps.declared_prov
    form.findings = read_findings(section_rows, skip=steps.rows_used)

    sig = read_signatory(rows[signatory_at:])
    form.has_signatory = sig.found
    form.evaluator_name, form.evaluator_position, form.signed_date = (
        sig.name,
        sig.position,
        sig.date,
    )
    form.evaluator_office = sig.office
    form.prov.update(sig.prov)
    _number_indicators(form)
    return form


def _number_indicators(form: ParsedForm) -> None:
    """Codes under the form's component: indicator 2 of form 1.1 is 1.1.2; a single-row 3.1 is 3.1."""
    comp = form.component
    for position, ind in enumerate(form.indicators, start=1):
        ind.indicator_no = position
        if ind.indicator_code:
            continue
        if comp.count(".") == 1 and len(form.indicators) == 1 and form.indicator_title:
            ind.indicator_code = comp
            ind.code_printed = True  # the form's ตัวชี้วัด 3.1 line prints it
            ind.indicator_name = ind.indicator_name or form.indicator_title
        elif comp.count(".") == 1:
            ind.indicator_code = f"{comp}.{position}"
        elif comp and len(form.indicators) == 1:
            ind.indicator_code = comp
            ind.indicator_name = ind.indicator_name or form.indicator_title
