"""The Chromium variant's HTML tables: merged cells drawn where the layout puts them.

Layout A merges a sub-component's criteria (five columns) over its level rows; a row of five
numeric criteria between them breaks that merge. Before, the first criterion cell took the
level rows' continuation as its own (``rowspan`` by start column alone) and the level rows'
result and score slid left under the criteria headers: two seed-7 mid-year overall tables
(laksi-2568-mid) printed ``ระดับ 4`` under ``2 คะแนน``.
"""

from __future__ import annotations

import re

from samples.chromium import html_table
from samples.layout import Cell
from samples.render import Table


def _rows(table: Table) -> list[str]:
    return re.findall(r"<tr>(.*?)</tr>", html_table(table))


def test_a_merge_is_continued_only_by_cells_of_its_own_columns() -> None:
    # heading (merged criteria), a numeric-criteria row, two level rows continuing the merge
    body = [
        [Cell("1.1"), Cell("ค่าเป้าหมาย", span=3), Cell("")],
        [Cell("1.1.1"), Cell("80"), Cell("85"), Cell("90"), Cell("89.450")],
        [Cell("1.1.2"), Cell("", span=3, cont=True), Cell("ระดับ 4")],
        [Cell("1.1.3"), Cell("", span=3, cont=True), Cell("ระดับ 5")],
    ]
    rows = _rows(Table([10.0] * 5, body, [[Cell(str(i)) for i in range(5)]]))
    assert "rowspan" not in rows[2]  # the criterion 80 stays in its own row
    assert rows[3] == '<td>1.1.2</td><td colspan="3" rowspan="2"></td><td>ระดับ 4</td>'
    assert rows[4] == "<td>1.1.3</td><td>ระดับ 5</td>"


def test_a_merge_straight_above_still_spans_down() -> None:
    body = [
        [Cell("องค์ประกอบที่ 1"), Cell("1.1")],
        [Cell("", cont=True), Cell("1.2")],
    ]
    rows = _rows(Table([10.0, 10.0], body, [[Cell("a"), Cell("b")]]))
    assert rows[1] == '<td rowspan="2">องค์ประกอบที่ 1</td><td>1.1</td>'
    assert rows[2] == "<td>1.2</td>"
