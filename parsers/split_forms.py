"""Split a document's rows into its forms, at each form title.

A component form starts at its title (แบบสรุปผลคะแนน…, matched fuzzily); the overall summary
at ผลการประเมินผลการปฏิบัติงานประจำปีงบประมาณ. A title that only opens with the overall's words
(ผลการประเมินผลการปฏิบัติราชการ รอบ 6 เดือน ประจำปี…, the words between vary) is typed by what
follows it: the overall table's header (the 1–5 คะแนน criteria, หมายเหตุ) or a component form's
unit line (ชื่อหน่วยงานผู้รับการประเมิน), never by the title string alone. Rows before the
first title hold no form.

>>> from thaieval.schemas.page import Cell, Row
>>> rows = [Row(page=1, cells=[Cell(text=t)]) for t in ("x", "แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ", "y")]
>>> [(s.form_type, len(s.rows)) for s in split_forms(rows)]
[('component', 2)]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from thaieval.parsers.form_vocabulary import OVERALL_OPENING
from thaieval.parsers.overall_columns import CRITERIA, header_role
from thaieval.parsers.vocabulary import match_label
from thaieval.schemas.page import Row

__all__ = ["FormSegment", "form_title_of", "split_forms"]


@dataclass
class FormSegment:
    form_type: str  # "overall_summary" or "component"
    rows: list[Row] = field(default_factory=list)


_OVERALL_COLUMNS = frozenset((*CRITERIA, "criteria_group", "note"))
# Set by hand in 2f38560, no sweep recorded.
_LOOKAHEAD = 12  # rows after a title within which its table's header or unit line stands


# A line shorter than this (characters) is no form title. Label scores of the component and the
# overall title: set by hand in the skeleton (f62841c), no sweep recorded; ratio of the overall
# title's opening words: set by hand in 2f38560, no sweep recorded.
_MIN_TITLE_LEN = 20
_COMPONENT_TITLE_SCORE = 78
_OVERALL_TITLE_SCORE = 82
_OPENING_SCORE = 85


def _title_kind(text: str) -> str:
    """What the title words alone say: ``component``, ``overall_summary``, ``opening`` (the
    overall's opening words, the rest unlike its usual title) or ``""``."""
    if len(text) < _MIN_TITLE_LEN:
        return ""
    if match_label(text, "title_component", threshold=_COMPONENT_TITLE_SCORE).matched:
        return "component"
    if match_label(text, "title_overall", threshold=_OVERALL_TITLE_SCORE).matched:
        return "overall_summary"
    body = text.strip()
    if body.startswith("แบบ"):  # "แบบ ผลการประเมินผล…": the form's name before the title
        body = body[3:].strip()
    return (
        "opening"
        if fuzz.ratio(body[: len(OVERALL_OPENING)], OVERALL_OPENING) >= _OPENING_SCORE
        else ""
    )


def _kind_by_contents(rows: list[Row]) -> str:
    """``overall_summary`` when the overall table's header comes first in ``rows`` (or, that
    header unread, the overall's ของหน่วยงาน line with no component's unit line after it),
    ``component`` when a component form's unit line does, else ``""``."""
    unit_of = False
    for row in rows:
        if _title_kind(row.text) in ("component", "overall_summary"):
            break
        if match_label(row.text, "unit").matched:
            return "component"
        roles = {header_role(c.text) for c in row.filled()}
        if roles & _OVERALL_COLUMNS and len(roles - {""}) >= 2:
            return "overall_summary"
        unit_of = unit_of or match_label(row.text, "unit_of").matched
    return "overall_summary" if unit_of else ""


def form_title_of(row: Row, following: list[Row] | None = None) -> str:
    """``"component"``, ``"overall_summary"`` or ``""`` for a row that starts no form;
    ``following`` (the rows after it) types a title whose words alone do not."""
    kind = _title_kind(row.text)
    if kind == "opening":
        return _kind_by_contents(following or [])
    if kind == "overall_summary" and following:
        return _kind_by_contents(following) or kind
    return kind


# Set by hand in d5d7f62, no sweep recorded.
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
    for at, row in enumerate(rows):
        kind = form_title_of(row, rows[at + 1 : at + 1 + _LOOKAHEAD])
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
