"""Reading numbers and codes out of cells, keeping where each came from.

>>> leading_code("1.1.2 นานาชาติทางวิชาการ")
('1.1.2', 'นานาชาติทางวิชาการ')
>>> leading_number("3. ระบบสารบรรณ")
(3, 'ระบบสารบรรณ')
"""

from __future__ import annotations

import re

from thaieval.parsers.numerals import Number, find_numbers, parse_number
from thaieval.schemas.page import Cell, Row
from thaieval.schemas.provenance import Prov

__all__ = [
    "CellNumber",
    "cell_numbers",
    "leading_code",
    "leading_number",
    "level_of",
    "numeric_cells",
    "result_value_of",
]

_CODE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s|$|[^\d.])\s*")
# OCR reads a point of a three-part code as a comma (1,3.2); two parts (3,2) stay a number.
_CODE_COMMA = re.compile(r"^\s*(\d{1,2}[.,]\d{1,2}[.,]\d{1,2})\.?(?=\s|$|[^\d.,])\s*")
# "2." and "2)"; OCR also reads the point as a comma or a brace ("3, …", "1} …").
_NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[.),}]\s*(?!\d)")
# ระดับ as OCR leaves it: its first letter lost (ะดับ) or บ read as ย (ระดัย); a word that
# only ends in ดับ (ลำดับ) is not it.
# A speck between the word and its digit reads as a short Latin scrap (ระดับ we 5).
_LEVEL = re.compile(
    r"(?:ระดับ|(?<![^\s(])(?:ะดับ|รดับ|ระดัย|ระดย))(?:ที่)?\s*(?:[A-Za-z]{1,2}\s+)?(\d)(?!\d|\.\d)"
)
_PERCENT = re.compile(r"ร้อยละ\s*$")


def leading_code(text: str) -> tuple[str, str]:
    """A dotted code at the start (``3.2``, ``1.1.1``) and the rest; ``("", text)`` if none.

    >>> leading_code("1,3.2 ระดับความสำเร็จ")
    ('1.3.2', 'ระดับความสำเร็จ')
    """
    m = _CODE.match(text) or _CODE_COMMA.match(text)
    if not m:
        return "", text.strip()
    return m.group(1).replace(",", "."), text[m.end() :].strip()


def leading_number(text: str) -> tuple[int | None, str]:
    """A list number at the start (``"2. …"``, ``"2) …"``) and the rest."""
    m = _NUMBERED.match(text)
    if not m:
        return None, text.strip()
    return int(m.group(1)), text[m.end() :].strip()


def level_of(text: str) -> int | None:
    """The level 1–5 a result states: ``"ระดับ 4 (98.77)"`` → 4.

    >>> [level_of(t) for t in ("ระดับ 4 (98.77)", "ะดับ 4", "ระดัย5", "ลำดับ 4", "ระดับ we 5")]
    [4, 4, 5, None, 5]
    """
    m = _LEVEL.search(text)
    if m and 1 <= int(m.group(1)) <= 5:
        return int(m.group(1))
    return None


def result_value_of(text: str) -> Number | None:
    """The numeric result in a result cell, not the level: ``"ร้อยละ 100 (ระดับ 5)"`` → 100.

    A bare number or a percentage is a score out of 100, so an OCR comma in it is a decimal
    point (``"95,143"`` → 95.143); a count keeps its thousands (``"12,500 ต้น"`` → 12500).

    >>> [result_value_of(t).value for t in ("95,143", "ร้อยละ 98,770", "12,500 ต้น")]
    [95.143, 98.77, 12500.0]
    """
    whole = parse_number(text, max_value=100)
    if whole is not None:
        return whole
    level_spans = [m.span(1) for m in _LEVEL.finditer(text)]
    for number in find_numbers(text):
        if any(start <= number.start < end for start, end in level_spans):
            continue
        if _PERCENT.search(text[: number.start]) and number.value > 100:
            decimal = parse_number(number.text, max_value=100)
            return decimal if decimal is not None else number
        return number
    return None


class CellNumber:
    """A number read from one cell of a row, with its provenance."""

    __slots__ = ("cell", "index", "number", "row")

    def __init__(self, row: Row, index: int, cell: Cell, number: Number) -> None:
        self.row, self.index, self.cell, self.number = row, index, cell, number

    @property
    def value(self) -> float:
        return self.number.value

    def prov(self) -> Prov:
        return Prov.of_cell(self.row, self.cell, text=self.number.text)


def numeric_cells(
    row: Row, max_value: float | None = 100.0, *, split: bool = False
) -> list[CellNumber]:
    """Cells of ``row`` that hold exactly one number, in order (a ``*`` note is not one).

    With ``split``, a cell holding only numbers separated by spaces ("70 75 80 85 90", five
    criteria whose rules the layout lost) gives each of them.
    """
    return [n for i in range(len(row.cells)) for n in cell_numbers(row, i, max_value, split=split)]


def cell_numbers(
    row: Row, index: int, max_value: float | None = 100.0, *, split: bool = False
) -> list[CellNumber]:
    """The number cell ``index`` of ``row`` holds, or with ``split`` the numbers it holds
    separated by white space (criteria whose column rules the layout lost); ``[]`` if none.

    >>> from thaieval.schemas.page import Cell
    >>> row = Row(page=1, cells=[Cell(text="70 75 80 85 90"), Cell(text="98,770")])
    >>> [n.value for n in cell_numbers(row, 0, split=True)], [n.value for n in cell_numbers(row, 1)]
    ([70.0, 75.0, 80.0, 85.0, 90.0], [98.77])
    """
    cell = row.cells[index]
    text = cell.text.strip()
    if not text:
        return []
    number = parse_number(text, max_value=max_value)
    if number is not None:
        return [CellNumber(row, index, cell, number)]
    if split:
        parts = [parse_number(p, max_value=max_value) for p in text.split()]
        if len(parts) >= 2 and all(p is not None for p in parts):
            return [CellNumber(row, index, cell, p) for p in parts if p is not None]
    return []
