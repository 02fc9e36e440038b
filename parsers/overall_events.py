"""The overall table's rows read as events, and each run of numbers paired with its indicator.

OCR text scatters an overall row's cells: a name may be split around its code, with the
numbers on the line of the first half, or on its group's heading. Each row becomes a
:class:`RowEvent` (its code, name fragments, numbers, component, note), and
:func:`pair_numbers` gives each leaf code the row whose numbers are its own.

>>> from thaieval.parsers.overall_columns import header_columns
>>> from thaieval.schemas.page import Cell
>>> row = Row(page=1, cells=[Cell(text=t) for t in ("1.1.1 ความสัมพันธ์", "10", "10,000")])
>>> ev = row_event(0, row, "1", header_columns([]))
>>> ev.code, ev.code_name, [n.value for n in ev.numbers]
('1.1.1', 'ความสัมพันธ์', [10.0, 10.0])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thaieval.parsers.cells import CellNumber, leading_code, level_of, numeric_cells
from thaieval.parsers.lost_codes import under_component
from thaieval.parsers.numerals import parse_number
from thaieval.parsers.overall_columns import CRITERIA, Columns, RowByColumn
from thaieval.parsers.vocabulary import contains_label, match_label
from thaieval.schemas.page import Row

__all__ = [
    "RowEvent",
    "leaf_codes",
    "mark_merged_groups",
    "pair_numbers",
    "put_back_second_dots",
    "row_event",
]


@dataclass
class RowEvent:
    index: int
    row: Row
    code: str = ""
    code_name: str = ""
    component: str = ""
    fragments: list[str] = field(default_factory=list)
    numbers: list[CellNumber] = field(default_factory=list)
    result_text: str = ""
    group_title: str = ""  # a component's title, printed in the first column
    by_column: RowByColumn | None = None  # the numbers by their columns, where known
    merged_group: bool = False  # its last number is a score cell merged over its group
    note: str = ""  # the หมายเหตุ column's text (an innovation's own name, a remark)


# partial_ratio of the merged criteria cell's wording (ค่าเป้าหมายเป็นไปตามมติ…). Set by hand in
# the skeleton (f62841c), no sweep recorded.
_COMMITTEE_SCORE = 80
# A result cell stating a level (ระดับ 5) is shorter than this (characters); longer is a name.
# Set by hand in f62841c, no sweep recorded.
_RESULT_TEXT_MAX_LEN = 40


def row_event(index: int, row: Row, component: str, columns: Columns) -> RowEvent:
    ev = RowEvent(index, row, component=component)
    for i, cell in enumerate(row.cells):
        text = cell.text.strip()
        if not text:
            continue
        role = columns.role_at(row, i)
        if role == "note":
            ev.note = " ".join(filter(None, (ev.note, text)))
            continue
        if (role in CRITERIA or role == "criteria_group") and parse_number(
            text, max_value=100
        ) is None:
            # criteria printed as words in the merged 1…5 cell (ตามเกณฑ์…): not the name
            continue
        comp = match_label(text, "component")
        if comp.matched:
            m = re.match(r"(\d)\s*[:：]?\s*(.*)", comp.rest)
            if m:
                ev.component, ev.group_title = m.group(1), m.group(2).strip()
            continue
        code, name = leading_code(text)
        if code and not ev.code and parse_number(text, max_value=100) is None:
            # a name cell that swallowed the merged criteria cell still gives its code
            ev.code, ev.code_name = under_component(code, ev.component), name
            continue
        if contains_label(
            text, "criteria_by_committee", threshold=_COMMITTEE_SCORE
        ) or text.startswith("*"):
            continue
        if level_of(text) is not None and len(text) < _RESULT_TEXT_MAX_LEN:
            ev.result_text = text
            continue
        ev.fragments.append(text)
    nums = numeric_cells(row, max_value=100, split=True)
    ev.numbers = nums
    ev.fragments = [f for f in ev.fragments if not any(n.cell.text.strip() == f for n in nums)]
    return ev


_TWO_LEVELS_ONE_DOT = re.compile(r"^(\d)\.([1-9])([1-9])$")


def put_back_second_dots(events: list[RowEvent]) -> None:
    """``1.21`` read where the component's codes have three levels (1.1.1, 1.3.2) is 1.2.1
    with its second dot lost; a component of two-level codes (3.1, 3.12) is left alone."""
    codes = {e.code for e in events if e.code}
    for ev in events:
        m = _TWO_LEVELS_ONE_DOT.match(ev.code)
        if not m:
            continue
        three_level = any(c.startswith(m.group(1) + ".") and c.count(".") == 2 for c in codes)
        fixed = f"{m.group(1)}.{m.group(2)}.{m.group(3)}"
        if three_level and fixed not in codes:
            ev.code = fixed


def leaf_codes(events: list[RowEvent]) -> set[str]:
    codes = {e.code for e in events if e.code}
    return {c for c in codes if not any(o.startswith(c + ".") for o in codes)}


# A row of numbers without a code lends them to an indicator row at most this many rows away.
# Set by hand in the skeleton (f62841c), no sweep recorded.
_NUMBERS_REACH = 2


def pair_numbers(events: list[RowEvent], leaves: set[str]) -> dict[str, RowEvent]:
    """Which number row belongs to which leaf code."""
    owner: dict[str, RowEvent] = {}
    leaf_rows = [e for e in events if e.code in leaves]
    for ev in events:
        if len(ev.numbers) >= 2 and ev.code in leaves:
            owner[ev.code] = ev
    for ev in events:
        if len(ev.numbers) < 2 or ev.code in leaves:
            continue
        if ev.code:  # a group heading carrying its only indicator's numbers
            for leaf in leaf_rows:
                if leaf.code.startswith(ev.code + ".") and leaf.code not in owner:
                    owner[leaf.code] = ev
                    break
            continue
        after = [
            leaf
            for leaf in leaf_rows
            if leaf.code not in owner and 0 < leaf.index - ev.index <= _NUMBERS_REACH
        ]
        before = [
            leaf
            for leaf in leaf_rows
            if leaf.code not in owner and 0 < ev.index - leaf.index <= _NUMBERS_REACH
        ]
        target = after[0] if after else (before[-1] if before else None)
        if target is not None:
            owner[target.code] = ev
    return owner


def mark_merged_groups(events: list[RowEvent]) -> None:
    """Rows read by count whose last number is a score cell merged over their group: OCR
    repeats it on each row of the group (``… | 30,000`` three times), or on a one-row group
    prints it beside the row's own equal score (``20 | 12,000 | 12,000``)."""
    numbered = [e for e in events if e.by_column is None and len(e.numbers) >= 3]
    for k, ev in enumerate(numbered):
        last = ev.numbers[-1].value
        beside = numbered[max(k - 1, 0) : k] + numbered[k + 1 : k + 2]
        ev.merged_group = ev.numbers[-2].value == last or any(
            o.numbers[-1].value == last and o.component == ev.component for o in beside
        )
