"""Split a document's rows into its forms, at each form title.

A component form starts at its title (แบบสรุปผลคะแนน…, matched fuzzily); the overall summary
at ผลการประเมินผลการปฏิบัติงานประจำปีงบประมาณ. Rows before the first title hold no form.

>>> from schemas.page import Cell, Row
>>> rows = [Row(page=1, cells=[Cell(text=t)]) for t in ("x", "แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ", "y")]
>>> [(s.form_type, len(s.rows)) for s in split_forms(rows)]
[('component', 2)]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.vocabulary import match_label
from schemas.page import Row

__all__ = ["FormSegment", "form_title_of", "split_forms"]


@dataclass
class FormSegment:
    form_type: str  # "overall_summary" or "component"
    rows: list[Row] = field(default_factory=list)


def form_title_of(row: Row) -> str:
    """``"component"``, ``"overall_summary"`` or ``""`` for a row that starts no form."""
    text = row.text
    if len(text) < 20:
        return ""
    if match_label(text, "title_component", threshold=78).matched:
        return "component"
    if match_label(text, "title_overall", threshold=82).matched:
        return "overall_summary"
    return ""


_HEAD_ROWS = 2  # title lines above a form's unit line: the title and ของหน่วยงาน… พ.ศ.


def _second_unit_line(segment: FormSegment, row: Row) -> bool:
    """A unit line (ชื่อหน่วยงานผู้รับการประเมิน) in a component segment that has one
    already: the next form, whose title OCR garbled past recognition (``แลไรมปนคทหก``)."""
    return (
        segment.form_type == "component"
        and match_label(row.text, "unit").matched
        and any(match_label(r.text, "unit").matched for r in segment.rows)
    )


def split_forms(rows: list[Row]) -> list[FormSegment]:
    """Segments in document order, each starting at its title row (or, when OCR garbled the
    title, at the title lines above the form's unit line)."""
    segments: list[FormSegment] = []
    for row in rows:
        kind = form_title_of(row)
        if kind:
            segments.append(FormSegment(kind, [row]))
        elif segments and _second_unit_line(segments[-1], row):
            current = segments[-1].rows
            head = [r for r in current[-_HEAD_ROWS:] if r.page == row.page]
            del current[len(current) - len(head) :]
            segments.append(FormSegment("component", [*head, row]))
        elif segments:
            segments[-1].rows.append(row)
    return segments
