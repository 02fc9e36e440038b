"""The innovation form's breakdown: parts (ส่วนที่ 1, 2, 3), each a table of steps.

Step rows read ขั้นตอนการดำเนินการ | คะแนน | คะแนนที่ได้ | หมายเหตุ; the คะแนนรวม row holds the
declared maximum (100) and score out of 100.

>>> from thaieval.schemas.page import Cell, Row
>>> rows = [Row(page=1, cells=[Cell(text="ส่วนที่ 1 : การค้นหา")]),
...         Row(page=1, cells=[Cell(text=t) for t in ("การค้นหาและคัดเลือกแนวคิด", "20", "20", "")])]
>>> [(i.part, i.max_score, i.score) for i in read_steps(rows).items]
[(1, 20.0, 20.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thaieval.parsers.cells import numeric_cells
from thaieval.parsers.vocabulary import match_label
from thaieval.schemas.forms import ParsedScoreItem
from thaieval.schemas.page import Row
from thaieval.schemas.provenance import Prov

__all__ = ["Steps", "read_steps"]


@dataclass
class Steps:
    items: list[ParsedScoreItem] = field(default_factory=list)
    declared_max: float | None = None
    declared_score: float | None = None
    declared_prov: Prov | None = None
    rows_used: set[int] = field(default_factory=set)  # indices of rows that were table rows


def read_steps(rows: list[Row]) -> Steps:
    """Score items of every part in ``rows``."""
    steps = Steps()
    part: int | None = None
    for i, row in enumerate(rows):
        text = row.text
        found = match_label(text, "part")
        if found.matched:
            m = re.match(r"(\d)", found.rest)
            part = int(m.group(1)) if m else (part or 0) + 1
            steps.rows_used.add(i)
            continue
        if part is None:
            continue
        filled = row.filled()
        if len(filled) >= 3 and match_label(filled[0].text, "col_step").matched:
            steps.rows_used.add(i)
            continue
        nums = [n for n in numeric_cells(row, max_value=100) if n.index > 0]
        if len(nums) < 1 or len(filled) < 2:
            continue
        steps.rows_used.add(i)
        first = filled[0].text.strip()
        if match_label(first, "total").matched and len(first) <= 10:
            steps.declared_max = nums[0].value
            steps.declared_score = nums[-1].value if len(nums) > 1 else None
            steps.declared_prov = nums[-1].prov()
            continue
        note_cells = [c.text.strip() for c in row.cells[nums[-1].index + 1 :] if c.text.strip()]
        item = ParsedScoreItem(
            indicator_no=1,
            part=part,
            item=first,
            max_score=nums[0].value,
            score=nums[1].value if len(nums) > 1 else None,
            note=" ".join(note_cells),
        )
        item.prov["max_score"] = nums[0].prov()
        if len(nums) > 1:
            item.prov["score"] = nums[1].prov()
        item.prov["item"] = Prov.of_cell(row, row.cells[0])
        steps.items.append(item)
    return steps
