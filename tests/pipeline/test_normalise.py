"""The normalise stage: markup out, HTML tables into cells, digits Arabic."""

from __future__ import annotations

from thaieval.pipeline.normalise.page_text import html_table_rows, normalise_pages
from thaieval.schemas.page import Cell, Page, Row


def _texts(*lines: str) -> list[list[str]]:
    rows = [
        Row(page=1, line=n, cells=[Cell(text=t) for t in line.split("\t")])
        for n, line in enumerate(lines, 1)
    ]
    (page,) = normalise_pages([Page(number=1, rows=rows)])
    return [r.texts() for r in page.rows]


def test_html_table_rows_become_cells_with_empty_cells_kept() -> None:
    got = _texts(
        "<table><tr><th>ตัวชี้วัด</th><th>คะแนนที่ได้</th></tr>",
        "<tr><td>๑. ระดับ<br>ความสำเร็จ</td><td>๑๐</td></tr>",
        "<tr><td></td><td>รวม</td><td>๑๐</td></tr></table>",
    )
    assert got == [["ตัวชี้วัด", "คะแนนที่ได้"], ["1. ระดับ ความสำเร็จ", "10"], ["", "รวม", "10"]]


def test_paragraphs_lists_and_markdown() -> None:
    got = _texts(
        "<p>■ จุดแข็ง</p>",
        "<ol><li>มีอาสาสมัคร</li><li>ผู้ค้าให้ความร่วมมือ</li></ol>",
        "### ■ จุดอ่อน",
        "2. **งบประมาณ**ไม่เพียงพอ",
        "<p><u>ตัวชี้วัดที่ ๒</u> ความพึงพอใจ</p>\t10\t10",
    )
    assert got == [
        ["■ จุดแข็ง"],
        ["มีอาสาสมัคร"],
        ["ผู้ค้าให้ความร่วมมือ"],
        ["■ จุดอ่อน"],
        ["2. งบประมาณไม่เพียงพอ"],
        ["ตัวชี้วัดที่ 2 ความพึงพอใจ", "10", "10"],
    ]


def test_no_table_cell_no_table() -> None:
    assert html_table_rows("<p>ข้อความ</p>") is None
