"""A component form's score table, in either of its two shapes.

Shape A, one row per indicator: ตัวชี้วัด | ผลการดำเนินงาน | คะแนนที่ได้, then a รวม row; some
units print each indicator's weight and weighted score too (ตัวชี้วัด | น้ำหนัก | ผลการดำเนินงาน |
คะแนนที่ได้ | ค่าคะแนนถ่วงน้ำหนัก). Shape B, one row without an indicator column:
น้ำหนัก (ร้อยละ) | ผลการดำเนินงาน | คะแนนที่ได้ [| ค่าคะแนนถ่วงน้ำหนัก]. Columns are found by
their header labels (fuzzy), not by position alone. คะแนนที่ได้ is the weighted score unless a
ค่าคะแนนถ่วงน้ำหนัก column follows it; then it is the score in percent. A form may print its
five criteria under one เกณฑ์การให้คะแนน heading, numbered 1–5 on a row of their own: that row is
a heading, and the columns right of the criteria sit four cells further right in the body.

>>> from thaieval.schemas.page import Cell, Row
>>> header = Row(page=1, cells=[Cell(text=t) for t in ("ตัวชี้วัด", "ผลการดำเนินงาน", "คะแนนที่ได้")])
>>> column_roles(header)
{0: 'indicator', 1: 'col_result', 2: 'col_score'}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thaieval.parsers.cells import leading_number, level_of, numeric_cells, result_value_of
from thaieval.parsers.numerals import parse_number
from thaieval.parsers.vocabulary import best_label, match_label
from thaieval.schemas.forms import ParsedIndicator
from thaieval.schemas.page import Row
from thaieval.schemas.provenance import Prov

__all__ = ["ScoreTable", "column_roles", "is_header_row", "read_score_table"]

_ROLE_KEYS = (
    "col_weight",
    "col_result",
    "col_score",
    "col_weighted",
    "indicator",
    "col_form_criteria",
)


# Label score a header cell needs to give its column a role. Set by hand in the skeleton
# (f62841c), no sweep recorded.
_ROLE_SCORE = 80


def column_roles(row: Row) -> dict[int, str]:
    """Map cell index → role for a header row (roles: the vocabulary keys)."""
    roles: dict[int, str] = {}
    for i, cell in enumerate(row.cells):
        if not cell.text.strip():
            continue
        found = best_label(cell.text, _ROLE_KEYS, threshold=_ROLE_SCORE)
        if found.matched and found.key not in roles.values():
            roles[i] = found.key
    return roles


_RESULT_WORD = re.compile(r"^\s*(?:ร้อยละ|ระดับ)")


def _with_result_column(roles: dict[int, str], body: list[Row]) -> dict[int, str]:
    """``roles`` with the result column named by what its cells hold when OCR garbled its
    heading (ผลการดำเนินงาน read ``ขาละ``, or twice over: ``ผลการดำเนิ รดาเนนงาน``).

    A column no heading names is the result column when every body row that fills it
    states a level or a percentage there (``ระดับ 4``, ``ร้อยละ 79.08``), and it stands
    left of the score columns. An indicator's name (``ระดับความสำเร็จ…``) states no level.
    """
    if "col_result" in roles.values():
        return roles
    scores = [i for i, r in roles.items() if r in ("col_score", "col_weighted")]
    if not scores:
        return roles
    filled: dict[int, list[str]] = {}
    for row in body:
        if is_header_row(row) or _is_total_row(row):
            continue
        for i, cell in enumerate(row.cells):
            if i not in roles and i < min(scores) and cell.text.strip():
                filled.setdefault(i, []).append(cell.text)
    stated = [
        i
        for i, texts in filled.items()
        if all(level_of(t) is not None or _RESULT_WORD.match(t) for t in texts)
    ]
    if len(stated) != 1:
        return roles
    return {**roles, stated[0]: "col_result"}


def is_header_row(row: Row) -> bool:
    """Two or more column labels, among them a result or a score column."""
    roles = set(column_roles(row).values())
    return len(roles) >= 2 and bool(roles & {"col_result", "col_score"})


def _width(row: Row) -> int:
    """Cells up to the last one filled (trailing empty cells are the grid, not data)."""
    return max((i + 1 for i, c in enumerate(row.cells) if c.text.strip()), default=0)


def _is_level_numbering(row: Row) -> bool:
    """The criteria's second heading row: the levels 1 to 5 in order (๑–๕ alike), alone."""
    numbers = [parse_number(c.text) for c in row.cells if c.text.strip()]
    return [n.value if n is not None else None for n in numbers] == [1, 2, 3, 4, 5]


def _body_roles(roles: dict[int, str], head_width: int, row: Row) -> dict[int, str]:
    """``roles`` for a body row wider than its header: the one criteria heading spreads over
    one cell per level, so the columns right of it move by the extra cells."""
    extra = _width(row) - head_width
    criteria = next((i for i, r in roles.items() if r == "col_form_criteria"), None)
    if criteria is None or extra <= 0:
        return roles
    return {(i + extra if i > criteria else i): r for i, r in roles.items()}


@dataclass
class ScoreTable:
    shape: str  # "A" (indicator rows) or "B" (one weighted row)
    indicators: list[ParsedIndicator] = field(default_factory=list)
    total_score: float | None = None
    total_prov: Prov | None = None


def _role_cell(row: Row, roles: dict[int, str], role: str) -> int | None:
    for i, r in roles.items():
        if r == role and i < len(row.cells) and row.cells[i].text.strip():
            return i
    return None


def _fill_result(ind: ParsedIndicator, row: Row, index: int) -> None:
    cell = row.cells[index]
    ind.result_text = cell.text.strip()
    ind.prov["result_text"] = Prov.of_cell(row, cell)
    ind.level = level_of(ind.result_text)
    number = result_value_of(ind.result_text)
    if number is not None:
        ind.result_value = number.value
        ind.prov["result_value"] = Prov.of_cell(row, cell, text=number.text)


def _set_number(ind: ParsedIndicator, name: str, row: Row, index: int, max_value: float) -> None:
    cell = row.cells[index]
    number = parse_number(cell.text, max_value=max_value)
    if number is not None:
        setattr(ind, name, number.value)
        ind.prov[name] = Prov.of_cell(row, cell, text=number.text)


def _fill_scores(ind: ParsedIndicator, row: Row, roles: dict[int, str]) -> None:
    """Weight, score percent and weighted score from their columns, by the rule above."""
    weight_i = _role_cell(row, roles, "col_weight")
    if weight_i is not None:
        _set_number(ind, "weight", row, weight_i, max_value=100)
    score_i = _role_cell(row, roles, "col_score")
    weighted_i = _role_cell(row, roles, "col_weighted")
    cap = ind.weight if ind.weight is not None else 100
    if "col_weighted" in roles.values():
        if weighted_i is not None:
            _set_number(ind, "weighted_score", row, weighted_i, max_value=cap)
        if score_i is not None:
            _set_number(ind, "score_pct", row, score_i, max_value=100)
    elif score_i is not None:
        _set_number(ind, "weighted_score", row, score_i, max_value=cap)


def _shape_a_row(row: Row, roles: dict[int, str], position: int) -> ParsedIndicator | None:
    name_i = _role_cell(row, roles, "indicator")
    if name_i is None:
        name_i = next((i for i, c in enumerate(row.cells) if c.text.strip()), None)
    if name_i is None:
        return None
    printed, name = leading_number(row.cells[name_i].text)
    ind = ParsedIndicator(
        indicator_no=printed or position,
        indicator_name=name,
        page=row.page,
        box=row.box,
        line=row.line,
    )
    ind.prov["indicator_name"] = Prov.of_cell(row, row.cells[name_i])
    result_i = _role_cell(row, roles, "col_result")
    if result_i is not None and result_i != name_i:
        _fill_result(ind, row, result_i)
    known = {i for i, r in roles.items() if r != "indicator"}
    if not known & {i for i, c in enumerate(row.cells) if c.text.strip()} - {name_i, result_i}:
        # The cells are not under their headers (a row shifted by OCR): the score is the
        # last number of the row.
        nums = [n for n in numeric_cells(row) if n.index not in (name_i, result_i)]
        if nums:
            _set_number(ind, "weighted_score", row, nums[-1].index, max_value=100)
        return ind
    _fill_scores(ind, row, {i: r for i, r in roles.items() if i != name_i})
    return ind


def _shape_b_row(row: Row, roles: dict[int, str]) -> ParsedIndicator | None:
    ind = ParsedIndicator(indicator_no=1, page=row.page, box=row.box, line=row.line)
    if _role_cell(row, roles, "col_weight") is None:
        return None
    result_i = _role_cell(row, roles, "col_result")
    if result_i is not None:
        _fill_result(ind, row, result_i)
    _fill_scores(ind, row, roles)
    return ind if ind.weight is not None else None


def _is_total_row(row: Row) -> bool:
    return any(
        match_label(c.text, "total").matched and len(c.text.strip()) <= 10 for c in row.cells
    )


def read_score_table(rows: list[Row]) -> ScoreTable | None:
    """Read the table whose header is the first header row of ``rows``; None if there is none."""
    start = next((i for i, r in enumerate(rows) if is_header_row(r)), None)
    if start is None:
        return None
    roles = _with_result_column(column_roles(rows[start]), rows[start + 1 :])
    kinds = set(roles.values())
    table = ScoreTable(shape="B" if "col_weight" in kinds and "indicator" not in kinds else "A")
    pending_name = ""
    head_width = _width(rows[start])
    criteria_heading = "col_form_criteria" in kinds
    for row in rows[start + 1 :]:
        if is_header_row(row) or (criteria_heading and _is_level_numbering(row)):
            continue
        row_roles = _body_roles(roles, head_width, row)
        if _is_total_row(row):
            nums = numeric_cells(row, max_value=100)
            if nums:
                table.total_score = nums[-1].value
                table.total_prov = nums[-1].prov()
            continue
        if table.shape == "B":
            ind = _shape_b_row(row, row_roles)
            if ind is not None and not table.indicators:
                table.indicators.append(ind)
            continue
        has_values = bool(numeric_cells(row)) or level_of(row.text) is not None
        if not has_values:
            # A name that wrapped onto a row of its own belongs to the row beside it.
            if table.indicators and not pending_name:
                table.indicators[-1].indicator_name += row.text.strip()
            else:
                pending_name += row.text.strip()
            continue
        ind = _shape_a_row(row, row_roles, len(table.indicators) + 1)
        if ind is not None:
            if pending_name:
                ind.indicator_name = (pending_name + ind.indicator_name).strip()
                pending_name = ""
            table.indicators.append(ind)
    return table
