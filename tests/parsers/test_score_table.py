"""The component form's score table in its shapes, read by column."""

from __future__ import annotations

from thaieval.parsers.score_table import column_roles, read_score_table
from thaieval.schemas.page import Cell, Row


def _rows(*lines: tuple[str, ...]) -> list[Row]:
    return [
        Row(page=1, line=n, cells=[Cell(text=t) for t in line]) for n, line in enumerate(lines, 1)
    ]


def _values(rows: list[Row]) -> list[tuple[object, ...]]:
    table = read_score_table(rows)
    assert table is not None
    return [
        (i.indicator_no, i.weight, i.level, i.result_value, i.score_pct, i.weighted_score)
        for i in table.indicators
    ]


def test_shape_a_levels_and_total() -> None:
    rows = _rows(
        ("ตัวชี้วัด", "ผลการดำเนินงาน", "คะแนนที่ได้"),
        ("1. ระดับความสำเร็จ ก", "ระดับ 5", "10"),
        ("2. ระดับความสำเร็จ ข", "ระดับ 4", "4"),
        ("", "รวม", "14"),
    )
    table = read_score_table(rows)
    assert table is not None and table.shape == "A" and table.total_score == 14
    assert _values(rows) == [(1, None, 5, None, None, 10), (2, None, 4, None, None, 4)]
    assert [i.indicator_name for i in table.indicators] == ["ระดับความสำเร็จ ก", "ระดับความสำเร็จ ข"]


def test_indicator_rows_with_weights_and_weighted_scores() -> None:
    rows = _rows(
        ("ตัวชี้วัด", "น้ำหนัก (ร้อยละ)", "ผลการดำเนินงาน", "คะแนนที่ได้", "ค่าคะแนนถ่วงน้ำหนัก"),
        ("1. ร้อยละของจุดเสี่ยง", "8", "ร้อยละ 92.50", "70.00", "5.600"),
        ("2. จำนวนวันเฉลี่ย", "6", "17 วัน", "72.00", "4.320"),
        ("รวม", "14", "", "", "9.920"),
    )
    table = read_score_table(rows)
    assert table is not None and table.shape == "A" and table.total_score == 9.92
    assert _values(rows) == [(1, 8, None, 92.5, 70.0, 5.6), (2, 6, None, 17, 72.0, 4.32)]


def test_shape_b_with_and_without_weighted_column() -> None:
    four = _rows(
        ("น้ำหนัก (ร้อยละ)", "ผลการดำเนินงาน", "คะแนนที่ได้", "ค่าคะแนนถ่วงน้ำหนัก"),
        ("10", "ระดับ 4 (98.77)", "87.70", "8.77"),
    )
    assert _values(four) == [(1, 10, 4, 98.77, 87.7, 8.77)]
    three = _rows(("น้ำหนัก (ร้อยละ)", "ผลการดำเนินงาน", "คะแนนที่ได้"), ("5", "7 ระบบ (ระดับ 5)", "5"))
    assert _values(three) == [(1, 5, 5, 7, None, 5)]


def test_ocr_comma_in_a_weighted_column_is_a_decimal_point() -> None:
    rows = _rows(
        ("น้ำหนัก (ร้อยละ)", "ผลการดำเนินงาน", "คะแนนที่ได้", "ค่าคะแนนถ่วงน้ำหนัก"),
        ("10", "95,143", "95,143", "9,514"),
    )
    assert _values(rows) == [(1, 10, None, 95.143, 95.143, 9.514)]


def test_no_header_no_table() -> None:
    assert read_score_table(_rows(("ผลคะแนน :",), ("10", "ระดับ 5"))) is None
    assert column_roles(Row(page=1, cells=[Cell(text="หมายเหตุ")])) == {}


def test_a_result_heading_ocr_garbled_is_named_by_its_cells() -> None:
    # Laksaman scan at 300 dpi: ผลการดำเนินงาน read ``ขาละ``, or twice over.
    for heading in ("ขาละ", "ผลการดำเนิ รดาเนนงาน"):
        rows = _rows(
            ("ตัวชี้วัด", heading, "คะแนนที่ได้"),
            ("1. ระดับความสำเร็จ ก", "ระดับ 4", "8"),
            ("2. ร้อยละของผู้สูงอายุ", "ร้อยละ 79.08 (ระดับ 2", "5.632"),
            ("รวม", "", "13.632"),
        )
        assert _values(rows) == [(1, None, 4, None, None, 8), (2, None, 2, 79.08, None, 5.632)]


def test_a_column_of_other_text_is_not_taken_for_the_result() -> None:
    rows = _rows(
        ("ตัวชี้วัด", "ขาละ", "คะแนนที่ได้"),
        ("1. ระดับความสำเร็จ ก", "ดำเนินการแล้ว", "8"),
        ("2. ระดับความสำเร็จ ข", "ระดับ 4", "8"),
    )
    assert _values(rows) == [(1, None, None, None, None, 8), (2, None, None, None, None, 8)]


def test_one_row_form_with_criteria_numbered_on_a_second_heading_row() -> None:
    # เกณฑ์การให้คะแนน heads five cells, numbered 1–5 (or ๑–๕) on a row of their own; the
    # numbering is no weight, and the columns right of the criteria move by four cells.
    head = ("น้ำหนัก (ร้อยละ)", "เกณฑ์การให้คะแนน", "ผลการดำเนินงาน", "คะแนนที่ได้", "ค่าคะแนนถ่วงน้ำหนัก")
    thai = _rows(
        head,
        ("๑", "๒", "๓", "๔", "๕"),
        ("๑๐", "๙๒", "๙๔", "๙๖", "๙๘", "๑๐๐", "๙๕.๙๔ (ระดับ ๒)", "๕๙.๔๐", "๕.๙๔๐"),
    )
    assert _values(thai) == [(1, 10, 2, 95.94, 59.4, 5.94)]
    arabic = _rows(
        head,
        ("1", "2", "3", "4", "5"),
        ("10", "3", "4", "5", "6", "7", "ร้อยละ 5 (ระดับ 3)", "60.00", "6.000"),
    )
    assert _values(arabic) == [(1, 10, 3, 5, 60.0, 6.0)]


def test_indicator_rows_with_criteria_cells_keep_their_columns() -> None:
    rows = _rows(
        ("ตัวชี้วัด", "น้ำหนัก", "เกณฑ์การให้คะแนน", "ผลการดำเนินงาน", "คะแนนที่ได้"),
        ("", "", "1", "2", "3", "4", "5", "", ""),
        ("1. ร้อยละของเรื่องร้องเรียน", "5", "80", "85", "90", "95", "100", "ร้อยละ 89.86", "2.972"),
    )
    assert _values(rows) == [(1, 5, None, 89.86, None, 2.972)]
