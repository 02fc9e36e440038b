"""The overall table's columns, told by their header labels, and a row's numbers by column.

The header names each column (น้ำหนัก, 1…5 คะแนน, ผลการดำเนินงานตามตัวชี้วัด, ค่าคะแนนที่ได้,
หมายเหตุ), matched fuzzily; a column the header leaves unread is inferred from its neighbours
(the five criteria under เป้าหมาย/เกณฑ์การให้คะแนน, result and score under ผลการดำเนินการ).
A row's numbers then mean what their column means, whatever the scoring rules say of them.
A cell's place is its grid column where the reader found a grid, else its index in the row
(tab-separated text); an index is trusted only where the row lines up with the header.

>>> from thaieval.schemas.page import Cell
>>> def row(*texts): return Row(page=1, cells=[Cell(text=t) for t in texts])
>>> head = [row("องค์ประกอบ", "ตัวชี้วัด", "น้ำหนัก (ร้อยละ)", "เป้าหมาย/เกณฑ์การให้คะแนน",
...             "", "", "", "", "ผลการดำเนินการ", "", "หมายเหตุ"),
...         row("", "", "", "1 คะแนน", "2 คะแนน", "3 คะแนน", "4 คะแนน", "5 คะแนน")]
>>> columns = header_columns(head)
>>> [columns.roles[p] for p in sorted(columns.roles)][2:]
['weight', 'c1', 'c2', 'c3', 'c4', 'c5', 'result', 'score', 'note']
>>> read = read_by_column(row("", "3.2 การเบิกจ่าย", "10", "92", "94", "96", "98", "100",
...                           "98.77", "8.770"), columns)
>>> {k: v.value for k, v in read.numbers.items() if k in ("weight", "result", "score")}
{'weight': 10.0, 'result': 98.77, 'score': 8.77}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from thaieval.parsers.cells import CellNumber, cell_numbers, level_of
from thaieval.parsers.digits import thai_to_arabic
from thaieval.parsers.layout import words_text
from thaieval.parsers.numerals import parse_number
from thaieval.parsers.vocabulary import LABELS
from thaieval.schemas.page import Cell, Row, Word, union_boxes

__all__ = [
    "CRITERIA",
    "Columns",
    "RowByColumn",
    "column_centres",
    "header_columns",
    "is_header_row",
    "read_by_column",
    "regrid",
]

CRITERIA = ("c1", "c2", "c3", "c4", "c5")
NUMERIC_ROLES = frozenset(("weight", *CRITERIA, "result", "score"))

# Header labels by role, from the vocabulary; "result_group" is the ผลการดำเนินการ heading
# printed over the result and score columns.
_ROLE_LABELS: dict[str, tuple[str, ...]] = {
    "component": LABELS["col_component"],
    "indicator": LABELS["indicator"],
    "weight": LABELS["col_weight"],
    "criteria_group": LABELS["col_criteria"],
    "result": LABELS["col_result"][1:],
    "result_group": LABELS["grand_total"],
    "score": LABELS["col_score"],
    "note": LABELS["col_note"],
}
# A header cell is its label whole; OCR noise leaves about a fifth of it wrong. Set by hand in
# 2f38560, no sweep recorded.
_LABEL_SCORE = 75.0
_CRITERION = re.compile(r"^([1-5])\s*ค\S{0,2}แนน$")


def _compact(text: str) -> str:
    return re.sub(r"[\s.:]+", "", thai_to_arabic(text))


# The labels as header_role compares them, compacted once.
_COMPACT_LABELS = {
    role: tuple(_compact(s) for s in spellings) for role, spellings in _ROLE_LABELS.items()
}


def header_role(text: str) -> str:
    """The role a header cell's text names, or ``""``.

    >>> [header_role(t) for t in ("น้ำ หนัก (ร้อย ละ)", "๓ คะแนน", "ค๊าคะแนน . ทีได้", "ผลการ")]
    ['weight', 'c3', 'score', '']
    """
    compact = _compact(text)
    if not compact:
        return ""
    m = _CRITERION.match(re.sub(r"\s+", " ", thai_to_arabic(text).strip()))
    if m:
        return f"c{m.group(1)}"
    best, best_score = "", 0.0
    for role, spellings in _COMPACT_LABELS.items():
        for spelling in spellings:
            score = fuzz.ratio(compact, spelling)
            if score > best_score:
                best, best_score = role, score
    return best if best_score >= _LABEL_SCORE else ""


def is_header_row(row: Row) -> bool:
    """A row of the table's header: two or more cells name columns, and none is a number."""
    filled = row.filled()
    if any(parse_number(c.text) is not None for c in filled):
        return False
    roles = {header_role(c.text) for c in filled} - {""}
    # ผลการดำเนินการ alone is also the grand total's label, องค์ประกอบ alone a heading's start
    return len(roles - {"result_group", "component", "indicator"}) >= 1 and len(roles) >= 2


def _place(row: Row, index: int) -> int:
    col = row.cells[index].col
    return col if col is not None else index


@dataclass
class Columns:
    """Column place → role (weight, c1–c5 or criteria_group where they merged, result,
    score, note, component, indicator)."""

    roles: dict[int, str] = field(default_factory=dict)
    width: int = 0  # cells in the header's widest row

    def place_of(self, role: str) -> int | None:
        return _place_of(self.roles, role)

    def role_at(self, row: Row, index: int) -> str:
        """The role of the column ``row.cells[index]`` stands in: its grid column, or for
        text input its index when the row keeps as many cells as the header (its empty
        cells kept, so it lines up); ``""`` where that cannot be told."""
        col = row.cells[index].col
        if col is None and len(row.cells) == self.width:
            col = index
        return self.roles.get(col, "") if col is not None else ""

    @property
    def usable(self) -> bool:
        """Weight and score are both placed: enough to read a row by column."""
        return self.place_of("weight") is not None and self.place_of("score") is not None


def _place_of(roles: dict[int, str], role: str) -> int | None:
    """The first column place holding ``role``, or None."""
    return next((p for p, r in roles.items() if r == role), None)


def _infer(roles: dict[int, str], groups: dict[str, int]) -> None:
    """Fill the columns the header leaves unnamed from the groups printed over them."""
    free = lambda p: p not in roles  # noqa: E731
    crit = [p for p, r in roles.items() if r in CRITERIA]
    if not crit and "criteria_group" in groups:
        start = groups["criteria_group"]
        if all(free(start + k) for k in range(5)):
            roles.update({start + k: CRITERIA[k] for k in range(5)})
    elif crit:  # some of 1…5 read: the others stand beside them in order
        anchor = min(crit)
        base = anchor - CRITERIA.index(roles[anchor])
        for k in range(5):
            if free(base + k):
                roles[base + k] = CRITERIA[k]
    result, score = _place_of(roles, "result"), _place_of(roles, "score")
    if result is None and score is None and "result_group" in groups:
        result = groups["result_group"]
        if free(result):
            roles[result] = "result"
    if result is not None and score is None and free(result + 1):
        roles[result + 1] = "score"
    elif score is not None and result is None and free(score - 1):
        roles[score - 1] = "result"
    weight, first_crit = _place_of(roles, "weight"), _place_of(roles, "c1")
    if weight is None and first_crit is not None and free(first_crit - 1):
        roles[first_crit - 1] = "weight"


def header_columns(rows: list[Row]) -> Columns:
    """The columns named by ``rows`` (the header's one or two rows)."""
    roles: dict[int, str] = {}
    groups: dict[str, int] = {}
    for row in rows:
        for i, cell in enumerate(row.cells):
            role = header_role(cell.text) if cell.text.strip() else ""
            if not role:
                continue
            place = _place(row, i)
            if role in ("criteria_group", "result_group"):
                groups.setdefault(role, place)
            elif roles.get(place) in (None, "component", "indicator") or role in NUMERIC_ROLES:
                roles[place] = role
    _infer(roles, groups)
    if groups.get("criteria_group") is not None and groups["criteria_group"] not in roles:
        # The 1…5 columns merged into one (their rules unread): the criteria column, whose
        # words (ตามเกณฑ์…) are no name; its numbers are still read by count.
        roles[groups["criteria_group"]] = "criteria_group"
    return Columns(roles, max((len(r.cells) for r in rows), default=0))


@dataclass
class RowByColumn:
    """A row's numbers by the role of the column each stands in."""

    numbers: dict[str, CellNumber] = field(default_factory=dict)
    result_text: str = ""  # a result printed as words (ระดับ 4)


def read_by_column(row: Row, columns: Columns) -> RowByColumn | None:
    """``row``'s numbers by column, or None when a number stands where the header names no
    number (the row does not line up with the header: it is read by count and order)."""
    if not columns.usable:
        return None
    out = RowByColumn()
    for i, cell in enumerate(row.cells):
        if not cell.text.strip():
            continue
        role = columns.roles.get(_place(row, i), "")
        found = cell_numbers(row, i, split=True)
        if role == "result" and not found and level_of(cell.text) is not None:
            out.result_text = cell.text.strip()
            continue
        if not found:
            continue
        if role not in NUMERIC_ROLES:
            return None
        if role in CRITERIA and len(found) == 5 - CRITERIA.index(role):
            # criteria whose column rules the reader lost: one cell, several numbers
            for k, cn in enumerate(found):
                out.numbers[CRITERIA[CRITERIA.index(role) + k]] = cn
        elif len(found) == 1:
            out.numbers[role] = found[0]
        else:
            return None
    if "weight" not in out.numbers:
        return None
    if all(row.cells[i].col is None for i in range(len(row.cells))) and not _lines_up(out):
        return None
    return out


def _lines_up(read: RowByColumn) -> bool:
    """A text row (no grid) is taken by index only when its numbers fill the header's
    pattern: a weight, then either all five criteria or none, and a score."""
    crit = [c for c in CRITERIA if c in read.numbers]
    return "score" in read.numbers and len(crit) in (0, 5)


# A number stands in a column when its centre is this close to the column's usual centre
# (the criteria columns of a landscape table are about 35 pt apart). Set by hand in 2f38560 from
# that spacing, no sweep recorded.
_NEAR = 12.0


def column_centres(rows: list[Row], columns: Columns) -> dict[int, float]:
    """The usual x-centre of each numeric column, from the numbers the grid placed there."""
    xs: dict[int, list[float]] = {}
    for row in rows:
        for cell in row.cells:
            if cell.col is None or cell.box is None or columns.roles.get(cell.col) is None:
                continue
            if columns.roles[cell.col] in NUMERIC_ROLES and parse_number(cell.text) is not None:
                xs.setdefault(cell.col, []).append((cell.box.x0 + cell.box.x1) / 2)
    return {col: sorted(v)[len(v) // 2] for col, v in xs.items() if len(v) >= 2}


def _near_column(word: Word, centres: dict[int, float]) -> int | None:
    if word.box is None:
        return None
    x = (word.box.x0 + word.box.x1) / 2
    col, centre = min(centres.items(), key=lambda kv: abs(kv[1] - x), default=(None, 0.0))
    return col if col is not None and abs(centre - x) <= _NEAR else None


def _past_weight(word: Word, columns: Columns, centres: dict[int, float]) -> bool:
    """Right of the weight column: where a result is printed, past the indicator's name."""
    weight = columns.place_of("weight")
    centre = centres.get(weight) if weight is not None else None
    return word.box is not None and centre is not None and word.box.x0 > centre


def _spill(
    words: list[Word], cells: list[Cell], columns: Columns, centres: dict[int, float]
) -> list[Word]:
    """Of a swallowing cell's other words, those standing over the criteria columns (the
    merged ค่าเป้าหมาย… cell) go to the first criteria column; the rest are the name."""
    first, last = columns.place_of("c1"), columns.place_of("c5")
    if first is None or last is None or first not in centres or last not in centres:
        return words
    span = (centres[first] - _NEAR, centres[last] + _NEAR)
    over = [w for w in words if w.box is not None and span[0] <= w.box.x0 <= span[1]]
    if not over or cells[first].text:
        return words
    cells[first] = Cell(
        text=words_text(over), box=union_boxes([w.box for w in over]), words=over, col=first
    )
    return [w for w in words if w not in over]


def regrid(row: Row, columns: Columns, centres: dict[int, float]) -> Row:
    """``row`` with the numbers (and ``ระดับ N``) that a cell of text swallowed moved to the
    empty columns they stand in, by their words' boxes: a grid row whose column rules the
    reader lost puts a whole line in one cell (``1.2.1 … ร่วมกับ 20 ค่าเป้าหมาย… ระดับ 5 20.000``)."""
    if not centres or any(c.col is None for c in row.cells):
        return row
    cells = list(row.cells)
    result = columns.place_of("result")
    moved = False
    for cell in row.cells:
        if cell.col is None or columns.roles.get(cell.col) in NUMERIC_ROLES:
            continue
        keep: list[Word] = []
        words = iter(enumerate(cell.words))
        for k, word in words:
            nxt = cell.words[k + 1] if k + 1 < len(cell.words) else None
            level = (
                nxt is not None
                and level_of(f"{word.text} {nxt.text}") is not None
                and _past_weight(nxt, columns, centres)
            )
            target = result if level else None
            if target is None and parse_number(word.text) is not None:
                target = _near_column(word, centres)
            if target is None or cells[target].text:
                keep.append(word)
                continue
            moving = [word, nxt] if level and nxt is not None else [word]
            if level:
                next(words)
            cells[target] = Cell(
                text=words_text(moving),
                box=union_boxes([w.box for w in moving]),
                words=moving,
                col=target,
            )
            moved = True
        if len(keep) < len(cell.words):
            keep = _spill(keep, cells, columns, centres)
            cells[cell.col] = cell.model_copy(
                update={
                    "text": words_text(keep),
                    "words": keep,
                    "box": union_boxes([w.box for w in keep]),
                }
            )
    return row.model_copy(update={"cells": cells}) if moved else row
