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
from dataclasses import dataclass, field

from thaieval.parsers.cells import CellNumber, leading_code, level_of, numeric_cells
from thaieval.parsers.form_header import fiscal_year_of, split_unit, title_period
from thaieval.parsers.lost_codes import code_key, gap_code, under_component
from thaieval.parsers.numerals import parse_number
from thaieval.parsers.overall_columns import (
    CRITERIA,
    Columns,
    RowByColumn,
    column_centres,
    header_columns,
    is_header_row,
    read_by_column,
    regrid,
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


@dataclass
class _RowEvent:
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


def _is_header(row: Row) -> bool:
    text = row.text
    return bool(re.search(r"[1-5]\s*คะแนน", text)) or (
        contains_label(text, "col_weight") and contains_label(text, "indicator")
    )


def _columns_lost(row: Row) -> bool:
    """A row of text input whose empty cells were dropped: its columns cannot be told apart."""
    return all(c.col is None and c.text.strip() for c in row.cells)


def _is_grand_total(row: Row) -> bool:
    """The ผลการดำเนินการ row: the label (in a cell a merged cell may share) and no code."""
    filled = row.filled()
    codes = [c for c in filled if leading_code(c.text)[0] and parse_number(c.text) is None]
    if len(filled) > 4 or codes:
        return False
    if match_label(filled[0].text, "grand_total").matched:
        return True
    return any(contains_label(c.text, "grand_total", threshold=92) for c in filled)


def _is_subtotal(row: Row) -> bool:
    """A ``รวม 1.1 | 35 | 32.624`` row: the label รวม and at most a short code (OCR may
    garble it, ``รวม (๘)``) in its first cell, and numbers; not an indicator."""
    filled = row.filled()
    if not filled or not numeric_cells(row, max_value=100):
        return False
    first = filled[0].text.strip()
    label = match_label(first, "total")
    return label.matched and len(label.rest) <= 8 and not contains_label(first, "grand_total")


def _event(index: int, row: Row, component: str, columns: Columns) -> _RowEvent:
    ev = _RowEvent(index, row, component=component)
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
        if contains_label(text, "criteria_by_committee", threshold=80) or text.startswith("*"):
            continue
        if level_of(text) is not None and len(text) < 40:
            ev.result_text = text
            continue
        ev.fragments.append(text)
    nums = numeric_cells(row, max_value=100, split=True)
    ev.numbers = nums
    ev.fragments = [f for f in ev.fragments if not any(n.cell.text.strip() == f for n in nums)]
    return ev


_TWO_LEVELS_ONE_DOT = re.compile(r"^(\d)\.([1-9])([1-9])$")


def _put_back_second_dots(events: list[_RowEvent]) -> None:
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


def _leaf_codes(events: list[_RowEvent]) -> set[str]:
    codes = {e.code for e in events if e.code}
    return {c for c in codes if not any(o.startswith(c + ".") for o in codes)}


def _pair(events: list[_RowEvent], leaves: set[str]) -> dict[str, _RowEvent]:
    """Which number row belongs to which leaf code."""
    owner: dict[str, _RowEvent] = {}
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
            leaf for leaf in leaf_rows if leaf.code not in owner and 0 < leaf.index - ev.index <= 2
        ]
        before = [
            leaf for leaf in leaf_rows if leaf.code not in owner and 0 < ev.index - leaf.index <= 2
        ]
        target = after[0] if after else (before[-1] if before else None)
        if target is not None:
            owner[target.code] = ev
    return owner


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
        if others > 0 and ind.weight >= others - 0.01:
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


def _mark_merged_groups(events: list[_RowEvent]) -> None:
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


def _indicator(
    code: str, name: str, numbers_ev: _RowEvent | None, leaf: _RowEvent | None
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
    events: list[_RowEvent] = []
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
        ev = _event(i, row, component, columns)
        if len(ev.numbers) >= 2:
            ev.by_column = read_by_column(row, columns)
        component = ev.component
        events.append(ev)

    _put_back_second_dots(events)
    _mark_merged_groups(events)
    leaves = _leaf_codes(events)
    owner = _pair(events, leaves)
    used = {id(ev) for ev in owner.values()}
    indicators: list[ParsedIndicator] = []
    printed_at: dict[int, int] = {}  # id(indicator) → index of the row that prints it
    read_by_col: set[int] = set()
    unplaced: dict[int, list[float]] = {}

    def add(ind: ParsedIndicator, left: list[float], ev: _RowEvent, at: int) -> None:
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
    indicators.sort(key=lambda ind: code_key(ind.indicator_code))
    merged_group_scores(indicators, read_by_col)
    for position, ind in enumerate(indicators, start=1):
        ind.indicator_no = position
        if id(ind) in unplaced:
            note = unplaced_note(ind, unplaced[id(ind)])
            note.indicator_no = position
            form.notes.append(note)
    form.indicators = indicators
    return form
