"""The overall summary: one wide table of every indicator of the unit and the grand total.

Where the reader gives columns (a grid, or text whose cells line up with the header), a
number means what its column's header says (:mod:`thaieval.parsers.overall_columns`). OCR text
scatters its cells: a name may be split around its code, with the numbers on the line of
the first half (``ระดับความสำเร็จใน… | 10 | 10,000 | 30,000`` then ``1.1.1 ความสัมพันธ์…``),
or on its group's heading (``1.2 … | 20 | 20,000 | 20,000`` then ``1.2.1 …``). Rows are read
as events — codes, name fragments, numbers — and each run of numbers is paired with the leaf
indicator it belongs to; what each number is then follows from how many there are and their
order, never from whether the scoring rules hold for them (a row that breaks a rule keeps its
printed numbers, so the check can see it). Subtotal rows (``รวม 1.1``) are not indicators.

>>> from thaieval.schemas.page import Cell
>>> rows = [Row(page=1, cells=[Cell(text=t) for t in line.split("|")]) for line in (
...     "ผลการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2567",
...     "องค์ประกอบที่ 3 ศักยภาพ (Potential Base)|3.2 การเบิกจ่าย|10|92|94|96|98|100|98.77|8.770",
...     "รวม 3|10|8.770", "ผลการดำเนินการ|100|8.770")]
>>> [(i.indicator_code, i.weighted_score) for i in parse_overall_summary(rows).indicators]
[('3.2', 8.77)]
"""

from __future__ import annotations

import re

from thaieval.parsers.cells import leading_code, level_of, numeric_cells
from thaieval.parsers.form_header import fiscal_year_of, split_unit, title_period
from thaieval.parsers.lost_codes import gap_code
from thaieval.parsers.numerals import parse_number
from thaieval.parsers.overall_columns import (
    Columns,
    column_centres,
    header_columns,
    is_header_row,
    read_by_column,
    regrid,
)
from thaieval.parsers.overall_events import (
    RowEvent,
    leaf_codes,
    mark_merged_groups,
    pair_numbers,
    put_back_second_dots,
    row_event,
)
from thaieval.parsers.overall_numbers import (
    merged_group_scores,
    numbers_meaning,
    unplaced_note,
    values_by_column,
    values_by_count,
)
from thaieval.parsers.vocabulary import contains_label, match_label
from thaieval.schemas.forms import ParsedForm, ParsedIndicator
from thaieval.schemas.page import Row
from thaieval.schemas.provenance import Prov

__all__ = ["numbers_meaning", "parse_overall_summary"]  # numbers_meaning: for older imports


def _is_header(row: Row) -> bool:
    text = row.text
    return bool(re.search(r"[1-5]\s*คะแนน", text)) or (
        contains_label(text, "col_weight") and contains_label(text, "indicator")
    )


# The grand-total row has at most this many filled cells, and its label read anywhere in a cell
# needs this partial_ratio. Set by hand in e732ef3, no sweep recorded.
_GRAND_TOTAL_MAX_CELLS = 4
_GRAND_TOTAL_SCORE = 92
# A subtotal's label รวม is followed by at most this many characters (a short code, garbled).
# Set by hand in 2f38560, no sweep recorded.
_SUBTOTAL_REST_MAX = 8
# An uncoded row weighing the others' sum less this (weights print 2 decimals) is the grand
# total. Set by hand in f1af328, no sweep recorded.
_WEIGHT_SUM_SLACK = 0.01


def _columns_lost(row: Row) -> bool:
    """A row of text input whose empty cells were dropped: its columns cannot be told apart."""
    return all(c.col is None and c.text.strip() for c in row.cells)


def _is_grand_total(row: Row) -> bool:
    """The ผลการดำเนินการ row: the label (in a cell a merged cell may share) and no code."""
    filled = row.filled()
    codes = [c for c in filled if leading_code(c.text)[0] and parse_number(c.text) is None]
    if len(filled) > _GRAND_TOTAL_MAX_CELLS or codes:
        return False
    if match_label(filled[0].text, "grand_total").matched:
        return True
    return any(contains_label(c.text, "grand_total", threshold=_GRAND_TOTAL_SCORE) for c in filled)


def _is_subtotal(row: Row) -> bool:
    """A ``รวม 1.1 | 35 | 32.624`` row: the label รวม and at most a short code (OCR may
    garble it, ``รวม (๘)``) in its first cell, and numbers; not an indicator."""
    filled = row.filled()
    if not filled or not numeric_cells(row, max_value=100):
        return False
    first = filled[0].text.strip()
    label = match_label(first, "total")
    return (
        label.matched
        and len(label.rest) <= _SUBTOTAL_REST_MAX
        and not contains_label(first, "grand_total")
    )


def _unlabelled_total(
    indicators: list[ParsedIndicator], printed_at: dict[int, int]
) -> ParsedIndicator | None:
    """The grand-total row whose ผลการดำเนินการ label OCR lost: uncoded, printed after every
    coded row, and weighing at least all the rows above it together (weights are shares of
    the whole, so no indicator does)."""
    coded = [o for o in indicators if o.code_printed]
    if not coded:
        return None
    last = max(printed_at[id(o)] for o in coded)
    for ind in indicators:
        if ind.code_printed or printed_at[id(ind)] < last or ind.weight is None:
            continue
        others = sum(o.weight or 0 for o in indicators if o is not ind)
        if others > 0 and ind.weight >= others - _WEIGHT_SUM_SLACK:
            return ind
    return None


def _fill_lost_codes(indicators: list[ParsedIndicator], printed_at: dict[int, int]) -> None:
    """An uncoded row (known only by its component) printed among its component's coded rows
    takes the code they leave a gap for (:func:`thaieval.parsers.lost_codes.gap_code`); sorted under
    its bare component it would shift every later row by one."""
    codes = {ind.indicator_code for ind in indicators}
    for ind in indicators:
        comp = ind.indicator_code
        if ind.code_printed or not comp or "." in comp:
            continue
        at = printed_at[id(ind)]
        # Coded rows of the same component, in the order printed.
        coded = sorted(
            (printed_at[id(o)], o.indicator_code)
            for o in indicators
            if o.code_printed and o.indicator_code.startswith(comp + ".")
        )
        if not coded:
            continue  # a component printed whole (2): its row is the component's own
        before = [c for i, c in coded if i < at]
        after = [c for i, c in coded if i > at]
        code = gap_code(before[-1] if before else "", after[0] if after else "", codes)
        if code:
            ind.indicator_code = code
            codes.add(code)


def _indicator(
    code: str, name: str, numbers_ev: RowEvent | None, leaf: RowEvent | None
) -> tuple[ParsedIndicator, list[float]]:
    """The indicator a leaf row and its numbers make, and the numbers left unplaced."""
    row = (numbers_ev or leaf).row  # type: ignore[union-attr]
    ind = ParsedIndicator(
        indicator_no=0,
        code_printed=leaf is not None,
        indicator_code=code,
        indicator_name=name,
        page=row.page,
        line=row.line,
    )
    boxes = [e.row.box for e in (numbers_ev, leaf) if e is not None and e.row.box is not None]
    ind.box = boxes[0].union(boxes[1]) if len(boxes) == 2 else (boxes[0] if boxes else None)
    if leaf is not None:
        ind.prov["indicator_name"] = Prov.of_cell(leaf.row)
    ind.note = " ".join(dict.fromkeys(e.note for e in (leaf, numbers_ev) if e and e.note))
    if numbers_ev is None:
        return ind, []
    result_text = numbers_ev.result_text or (leaf.result_text if leaf else "")
    if numbers_ev.by_column is not None:
        values_by_column(ind, numbers_ev.by_column, numbers_ev.row)
        result_text = numbers_ev.by_column.result_text or result_text
        unplaced: list[float] = []
    else:
        unplaced = values_by_count(
            ind,
            numbers_ev.numbers,
            numbers_ev.row,
            level_printed=bool(result_text),
            merged=numbers_ev.merged_group,
        )
    if result_text and ind.result_value is None:
        ind.result_text = result_text
        ind.level = level_of(result_text)
    return ind, unplaced


def _header_columns(rows: list[Row]) -> Columns:
    """The columns the table's first header names (a repeated header names the same)."""
    header = [r for r in rows[1:] if _is_header(r) or is_header_row(r)]
    return header_columns(header[:2])


def parse_overall_summary(rows: list[Row]) -> ParsedForm:
    """Parse the overall summary table (cells possibly scattered over lines)."""
    form = ParsedForm(form_type="overall_summary")
    if rows:
        form.page_start, form.page_end = rows[0].page, rows[-1].page
        form.line_start, form.line_end = rows[0].line, rows[-1].line
    columns = _header_columns(rows)
    centres = column_centres(rows, columns)
    weight_col = columns.place_of("weight")
    events: list[RowEvent] = []
    component = ""
    total_label_seen = False
    for i, row in enumerate(rows):
        text = row.text
        if form.fiscal_year is None and (year := fiscal_year_of(text)):
            form.fiscal_year = year
            form.prov["fiscal_year"] = Prov.of_cell(row)
        if not events and not form.period and (period := title_period(text)):
            form.period = period  # type: ignore[assignment]
            form.prov["period"] = Prov.of_cell(row)
        unit = match_label(text, "unit_of")
        if unit.matched and not form.unit_name:
            form.unit_name, form.parent_unit = split_unit(unit.rest)
            form.prov["unit_name"] = Prov.of_cell(row)
            continue
        if i == 0 or _is_header(row) or is_header_row(row):
            continue
        filled = row.filled()
        if events and filled and _is_grand_total(row):
            total_label_seen = True
        nums = numeric_cells(row, max_value=100)
        if total_label_seen:
            if nums:
                form.total_score = nums[-1].value
                form.prov["total_score"] = nums[-1].prov()
            weight = [n for n in nums[:-1] if n.index == weight_col]
            if not weight and (weight_col is None or _columns_lost(row)) and len(nums) == 2:
                # weight then score, once empty cells are gone (or the weight column's
                # heading unread); a weight bounds its score
                weight = nums[:1] if nums[0].value >= nums[1].value else []
            if weight:
                form.total_weight = weight[0].value
                form.prov["total_weight"] = weight[0].prov()
            continue
        if _is_subtotal(row):
            continue
        row = regrid(row, columns, centres)
        ev = row_event(i, row, component, columns)
        if len(ev.numbers) >= 2:
            ev.by_column = read_by_column(row, columns)
        component = ev.component
        events.append(ev)

    put_back_second_dots(events)
    mark_merged_groups(events)
    leaves = leaf_codes(events)
    owner = pair_numbers(events, leaves)
    used = {id(ev) for ev in owner.values()}
    indicators: list[ParsedIndicator] = []
    printed_at: dict[int, int] = {}  # id(indicator) → index of the row that prints it
    read_by_col: set[int] = set()
    unplaced: dict[int, list[float]] = {}

    def add(ind: ParsedIndicator, left: list[float], ev: RowEvent, at: int) -> None:
        indicators.append(ind)
        printed_at[id(ind)] = at
        if ev is not None and ev.by_column is not None:
            read_by_col.add(id(ind))
        if left:
            unplaced[id(ind)] = left

    for ev in events:
        if ev.code in leaves:
            numbers_ev = owner.get(ev.code)
            name = ev.code_name
            if numbers_ev is not None and not numbers_ev.code and numbers_ev.fragments:
                fragment = " ".join(numbers_ev.fragments)
                # OCR may print a name's tail both in the cell and after the code.
                name = fragment if fragment.endswith(name) else fragment + name
            ind, left = _indicator(ev.code, name, numbers_ev, ev)
            add(ind, left, numbers_ev or ev, ev.index)
    for ev in events:  # numbers no code claims: an indicator printed without a code
        if len(ev.numbers) >= 2 and id(ev) not in used and not ev.code:
            ind, left = _indicator(ev.component, " ".join(ev.fragments), ev, None)
            add(ind, left, ev, ev.index)
    total_row = _unlabelled_total(indicators, printed_at)
    if total_row is not None:
        indicators.remove(total_row)
        unplaced.pop(id(total_row), None)
        if form.total_score is None and total_row.weighted_score is not None:
            form.total_weight = total_row.weight
            form.total_score = total_row.weighted_score
            form.prov["total_weight"] = total_row.prov.get("weight", Prov())
            form.prov["total_score"] = total_row.prov.get("weighted_score", Prov())
    for ev in events:  # the titles of components and sub-components, as the table prints them
        if ev.group_title:
            form.group_titles.setdefault(ev.component, ev.group_title)
        if ev.code and ev.code not in leaves and ev.code_name:
            form.group_titles.setdefault(ev.code, ev.code_name)
    _fill_lost_codes(indicators, printed_at)
    # Rows keep the order the table prints them in: ordered by code, one misread code (1.3.2
    # read 9.0.9) would move its row and shift every later row's values by one.
    indicators.sort(key=lambda ind: printed_at[id(ind)])
    merged_group_scores(indicators, read_by_col)
    for position, ind in enumerate(indicators, start=1):
        ind.indicator_no = position
        if id(ind) in unplaced:
            note = unplaced_note(ind, unplaced[id(ind)])
            note.indicator_no = position
            form.notes.append(note)
    form.indicators = indicators
    return form
