"""Pure geometry: ruled tables from rules, rows from words."""

from __future__ import annotations

from thaieval.parsers.layout import join_lines, lines_from_words, page_rows
from thaieval.parsers.table_grid import find_tables, rules_from_boxes
from thaieval.schemas.page import Box, Word


def word(text: str, x0: float, top: float, x1: float, bottom: float | None = None) -> Word:
    return Word(
        text=text, box=Box(x0=x0, top=top, x1=x1, bottom=top + 10 if bottom is None else bottom)
    )


# A 3-column table: header row; a cell spanning rows 1-2 in column 0; a cell spanning
# columns 1-2 in row 1; two plain cells in row 2. Rules carry 1-pt jitter, as drawn.
H = [(0, 0, 300, 0), (0, 20.8, 300, 20.8), (0, 40, 300, 40.5), (100, 60, 300, 60), (0, 80, 300, 80)]
V = [(0, 0, 0, 80), (100, 0, 100, 80), (200.9, 0, 200.9, 40), (200, 60, 200, 80), (300, 0, 300, 80)]


def test_find_tables_merged_cells_get_spans() -> None:
    h = [(0, 0, 300, 0), (0, 20, 300, 20), (0, 40, 300, 40), (100, 60, 300, 60), (0, 80, 300, 80)]
    v = [(0, 0, 0, 80), (100, 0, 100, 80), (200, 0, 200, 40), (200, 60, 200, 80), (300, 0, 300, 80)]
    (grid,) = find_tables(h, v)
    assert (grid.n_rows, grid.n_cols) == (4, 3)
    spans = [(c.row, c.col, c.rowspan, c.colspan) for c in grid.cells]
    assert spans == [
        (0, 0, 1, 1), (0, 1, 1, 1), (0, 2, 1, 1),
        (1, 0, 1, 1), (1, 1, 1, 1), (1, 2, 1, 1),
        (2, 0, 2, 1), (2, 1, 1, 2),
        (3, 1, 1, 1), (3, 2, 1, 1),
    ]  # fmt: skip


def test_find_tables_snaps_jittered_rules() -> None:
    (grid,) = find_tables(H, V)
    assert [round(x) for x in grid.xs] == [0, 100, 200, 300]
    assert [round(y, 1) for y in grid.ys] == [0.0, 20.8, 40.0, 60.0, 80.0]


def test_lone_frame_is_not_a_table() -> None:
    h, v = rules_from_boxes([(20, 20, 500, 800)])
    assert find_tables(h, v) == []


def test_rules_from_boxes_thin_and_thick() -> None:
    h, v = rules_from_boxes([(0, 10, 100, 10.5), (50, 0, 50.5, 90), (0, 0, 10, 20)])
    assert h == [(0, 10.25, 100, 10.25), (0, 0, 10, 0), (0, 20, 10, 20)]
    assert v == [(50.25, 0, 50.25, 90), (0, 0, 0, 20), (10, 0, 10, 20)]


def test_open_bottom_table_is_closed_where_columns_end() -> None:
    h = [(0, 0, 200, 0), (0, 30, 200, 30)]  # no rule under the last row: the page ended
    v = [(0, 0, 0, 60), (100, 0, 100, 60), (200, 0, 200, 60)]
    (grid,) = find_tables(h, v)
    assert grid.n_rows == 2 and grid.ys[-1] == 60


def test_page_rows_merged_and_wrapped_cells() -> None:
    (grid,) = find_tables(H, V)
    words = [
        word("ตัวชี้วัด", 5, 5, 60),
        word("คะแนน", 105, 5, 150),
        word("รวม", 205, 5, 230),
        word("องค์ประกอบ", 5, 45, 60),  # rowspan cell, two lines
        word("ที่ 3", 5, 62, 30),
        word("น้ำหนัก", 105, 45, 150),  # colspan cell
        word("ร้อยละ", 155, 45, 190),
        word("10", 105, 65, 115),
        word("8.77", 205, 65, 230),
        word("ลงชื่อ", 5, 100, 40),  # free text below the table
        word("วันที่", 200, 100, 230),  # far right: its own cell
    ]
    rows = page_rows(3, words, [grid])
    assert [r.texts() for r in rows] == [
        ["ตัวชี้วัด", "คะแนน", "รวม"],
        ["องค์ประกอบที่ 3", "น้ำหนัก ร้อยละ", ""],
        ["", "10", "8.77"],
        ["ลงชื่อ", "วันที่"],
    ]
    assert [c.col for c in rows[1].cells] == [0, 1, 2]
    assert [r.table for r in rows] == [0, 0, 0, None]
    assert rows[1].cells[0].box == Box(x0=5, top=45, x1=60, bottom=72)
    assert rows[3].cells[0].col is None and rows[0].page == 3


def test_lines_from_words_clusters_by_vertical_overlap() -> None:
    words = [word("b", 50, 101, 60), word("a", 0, 100, 10), word("c", 0, 120, 10)]
    assert [[w.text for w in line] for line in lines_from_words(words)] == [["a", "b"], ["c"]]


def test_tall_word_does_not_chain_two_tight_lines() -> None:
    # A label whose box a mark of the line below stretched (82-107) overlaps both lines.
    words = [
        word("ชื่อหน่วยงานผู้รับการประเมิน", 53, 82, 187, 107),
        word(":", 194, 90, 196, 96),
        word("สำนักงานเขตจตุจักร", 201, 84, 297, 100),
        word("องค์ประกอบที่", 54, 97, 118, 113),
        word("การประเมินประสิทธิภาพผลการดำเนินงาน", 144, 97, 339, 113),
    ]
    assert [[w.text for w in line] for line in lines_from_words(words)] == [
        ["ชื่อหน่วยงานผู้รับการประเมิน", ":", "สำนักงานเขตจตุจักร"],
        ["องค์ประกอบที่", "การประเมินประสิทธิภาพผลการดำเนินงาน"],
    ]


def test_specks_above_a_line_stay_in_it() -> None:
    # A bullet or a mark read as a word overlaps the text below it: no line of its own.
    words = [word("ว", 60, 80, 68, 88), word("ควรสรุปบทเรียนจากการดำเนินงาน", 58, 84, 220, 100)]
    assert len(lines_from_words(words)) == 1


def test_join_lines_thai_wrap_has_no_space() -> None:
    assert join_lines(["ค่าคะแนน", "ถ่วงน้ำหนัก"]) == "ค่าคะแนนถ่วงน้ำหนัก"
    assert join_lines(["ระดับ 4", "(98.77)"]) == "ระดับ 4 (98.77)"
    assert join_lines(["Function", "Base"]) == "Function Base"


def test_a_wrapped_lines_short_words_split_from_the_line_above() -> None:
    # At 200 dpi a title's wrapped tail (ทันสมัย โปร่งใส คล่องตัว) chains into the line above.
    words = [
        word("ทันสมัย", 52, 133, 89, 158),
        word("ตัวชี้วัด", 53, 121, 89, 142),
        word("3.1:", 91, 128, 115, 137),
        word("โปร่งใส", 96, 133, 130, 158),
        word("ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่าน", 122, 117, 511, 147),
        word("คล่องตัว", 134, 133, 175, 158),
    ]
    assert [[w.text for w in line] for line in lines_from_words(words)] == [
        ["ตัวชี้วัด", "3.1:", "ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่าน"],
        ["ทันสมัย", "โปร่งใส", "คล่องตัว"],
    ]
