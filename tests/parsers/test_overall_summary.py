"""The overall table: what a row's numbers mean, and rows in every layout OCR leaves."""

from __future__ import annotations

import pytest

from parsers.overall_summary import _unlabelled_total, numbers_meaning, parse_overall_summary
from schemas.forms import ParsedIndicator
from schemas.page import Cell, Row


@pytest.mark.parametrize(
    ("values", "meaning"),
    [
        ([10, 10, 30], {"weight": 10, "weighted_score": 10, "group_score": 30}),  # seed 1.1.x
        ([20, 20, 20], {"weight": 20, "weighted_score": 20, "group_score": 20}),
        ([10, 95.143, 9.514], {"weight": 10, "result_value": 95.143, "weighted_score": 9.514}),
        ([10, 4, 8], {"weight": 10, "result_value": 4, "weighted_score": 8, "level": 4}),
        # Level 4 of weight 5 is 4, but so is a one-indicator group's score: the seed's reading.
        ([5, 4, 4], {"weight": 5, "weighted_score": 4, "group_score": 4}),
        ([15, 12, 27], {"weight": 15, "weighted_score": 12, "group_score": 27}),
        ([10, 8], {"weight": 10, "weighted_score": 8}),
        (
            [10, 30, 25, 20, 15, 10, 17, 7.2],
            {
                "weight": 10,
                "criteria": [30, 25, 20, 15, 10],
                "result_value": 17,
                "weighted_score": 7.2,
            },
        ),
    ],
)
def test_numbers_meaning(values: list[float], meaning: dict[str, object]) -> None:
    assert numbers_meaning(values) == meaning


def _parse(lines: list[str]) -> list[tuple[object, ...]]:
    rows = [
        Row(page=1, line=n, cells=[Cell(text=t) for t in line.split("\t")])
        for n, line in enumerate(lines, 1)
    ]
    form = parse_overall_summary(rows)
    return [
        (i.indicator_code, i.weight, i.criteria, i.result_value, i.level, i.weighted_score)
        for i in form.indicators
    ] + [("total", form.total_score)]


HEAD = [
    "ผลการประเมินผลการปฏิบัติงานประจำปีงบประมาณ พ.ศ. 2567",
    "ของหน่วยงาน สำนักงานเขตตัวอย่าง",
    "องค์ประกอบ\tตัวชี้วัด\tน้ำหนัก (ร้อยละ)\tเป้าหมาย/เกณฑ์การให้คะแนน",
    "\t\t\t1 คะแนน\t2 คะแนน\t3 คะแนน\t4 คะแนน\t5 คะแนน",
]
EXPECTED = [
    ("1.1.1", 10, [], None, 4, 8),
    ("2", 10, [], 90, None, 9),
    ("3.2", 10, [92, 94, 96, 98, 100], 97, None, 7),
    ("total", 24),
]


def test_clean_rows_one_per_line() -> None:
    lines = [
        "องค์ประกอบที่ 1 การประเมิน (Performance Base)\t1.1 ประสิทธิภาพ (Function Base)",
        "\t1.1.1 ระดับความสำเร็จ ก\t10\t\t\t\t\t\tระดับ 4\t8",
        "องค์ประกอบที่ 2 นวัตกรรม (Innovation Base)\tความสำเร็จในการพัฒนานวัตกรรม\t10\t\t\t\t\t\t90.000\t9.000",
        "องค์ประกอบที่ 3 ศักยภาพ (Potential Base)\t3.2 การเบิกจ่าย\t10\t92\t94\t96\t98\t100\t97.00\t7.00",
        "ผลการดำเนินการ\t\t\t\t\t\t\t\t\t24",
    ]
    assert _parse(HEAD + lines) == EXPECTED


def test_rows_stripped_of_empty_cells() -> None:
    lines = [
        "องค์ประกอบที่ 1 การประเมิน (Performance Base)\t1.1 ประสิทธิภาพ (Function Base)",
        "1.1.1 ระดับความสำเร็จ ก\t10\tระดับ 4\t8",
        "องค์ประกอบที่ 2 นวัตกรรม (Innovation Base)\tความสำเร็จในการพัฒนานวัตกรรม\t10\t90.000\t9.000",
        "องค์ประกอบที่ 3 ศักยภาพ (Potential Base)\t3.2 การเบิกจ่าย\t10\t92\t94\t96\t98\t100\t97.00\t7.00",
        "ผลการดำเนินการ\t24",
    ]
    assert _parse(HEAD + lines) == EXPECTED


def test_rows_padded_and_scattered_with_ocr_commas() -> None:
    pad = "\t" * 11
    lines = [
        "องค์ประกอบที่ 1 การประเมิน (Performance Base)\t1.1 ประสิทธิภาพ (Function Base)" + pad,
        pad + "ระดับความสำเร็จ\tระดับ 4\t10\t8,000\t8,000" + pad,
        pad + "1.1.1 ก" + pad,
        "องค์ประกอบที่ 2 นวัตกรรม (Innovation Base)\tความสำเร็จในการพัฒนานวัตกรรม\t10\t90,000\t9,000"
        + pad,
        "องค์ประกอบที่ 3 ศักยภาพ (Potential Base)" + pad,
        "\t\t\t3.2 การเบิกจ่าย\t10\t92\t94\t96\t98\t100\t97,000\t7,000\t* หมายเหตุ" + pad,
        "ผลการดำเนินการ" + pad,
        "\t\t\t\t24,000" + pad,
    ]
    got = _parse(HEAD + lines)
    assert got == EXPECTED


def test_issue_seed_result_column_under_a_merged_group_score() -> None:
    # The seed prints each 1.1.x row's 10.000 under ผลการดำเนินงานตามตัวชี้วัด and a merged
    # 30.000 under ค่าคะแนนที่ได้; counting numbers reads the 10 as a score, the grid as a result.
    def grid(*texts: str) -> Row:
        return Row(page=1, table=0, cells=[Cell(text=t, col=c) for c, t in enumerate(texts)])

    rows = [
        Row(page=1, cells=[Cell(text="ผลการประเมินผลการปฏิบัติงานประจำปีงบประมาณ พ.ศ. 2567")]),
        grid(
            "องค์ประกอบ",
            "ตัวชี้วัด",
            "น้ำหนัก (ร้อยละ)",
            "เป้าหมาย/เกณฑ์การให้คะแนน",
            "",
            "",
            "",
            "",
            "ผลการดำเนินการ",
        ),
        grid(
            "",
            "",
            "",
            "1 คะแนน",
            "2 คะแนน",
            "3 คะแนน",
            "4 คะแนน",
            "5 คะแนน",
            "ผลการดำเนินงานตามตัวชี้วัด",
            "ค่าคะแนนที่ได้",
        ),
        grid("องค์ประกอบที่ 1", "1.1 ประสิทธิภาพ (Function Base)"),
        grid("", "1.1.1 ระดับความสำเร็จ ก", "10", "", "", "", "", "", "10.000", "20.000"),
        grid("", "1.1.2 ระดับความสำเร็จ ข", "10", "", "", "", "", "", "10.000", ""),
    ]
    form = parse_overall_summary(rows)
    got = [
        (i.indicator_code, i.result_value, i.result_text, i.weighted_score) for i in form.indicators
    ]
    assert got == [("1.1.1", 10, "10.000", 10), ("1.1.2", 10, "10.000", 10)]


def test_issue_text_input_grand_total_with_its_weight() -> None:
    # publicworks' OCR text prints "ผลการดำเนินการ | 105 | 90.56", its empty cells dropped
    lines = [
        "องค์ประกอบที่ 1 การประเมิน (Performance Base)\t1.1 ประสิทธิภาพ (Function Base)",
        "1.1.1 ระดับความสำเร็จ ก\t105\tระดับ 4\t84",
        "ผลการดำเนินการ\t105\t90.56",
    ]
    rows = [Row(page=1, cells=[Cell(text=t) for t in line.split("\t")]) for line in HEAD + lines]
    form = parse_overall_summary(rows)
    assert (form.total_weight, form.total_score) == (105, 90.56)


def test_grand_total_weight_when_the_weight_heading_is_unread() -> None:
    # prd at 200 dpi: the heading น้ำหนัก (ร้อยละ) read as "Bw นาหนก (ร้อยละ)"
    head = [HEAD[0], HEAD[1], HEAD[2].replace("น้ำหนัก (ร้อยละ)", "Bw นาหนก (ร้อยละ)"), HEAD[3]]
    lines = [
        "องค์ประกอบที่ 3 ศักยภาพ (Potential Base)\t3.2 ความสำเร็จของการเบิกจ่าย\t10\t92\t94\t96\t98\t100\t98.710\t8.710",
        "ผลการดำเนินการ\t\t100\t\t\t\t\t\t\t82.574",
    ]
    rows = [Row(page=1, cells=[Cell(text=t) for t in line.split("\t")]) for line in head + lines]
    form = parse_overall_summary(rows)
    assert (form.total_weight, form.total_score) == (100, 82.574)


def test_an_unlabelled_total_row_is_the_total_not_an_indicator() -> None:
    def row(code: str, printed: bool, weight: float) -> ParsedIndicator:
        return ParsedIndicator(
            indicator_no=0, indicator_code=code, code_printed=printed, weight=weight
        )

    rows = [row("3.1", True, 60), row("3.2", True, 40), row("3", False, 100)]
    at = {id(r): i for i, r in enumerate(rows)}
    assert _unlabelled_total(rows, at) is rows[2]
    # An uncoded row of ordinary weight, or printed before the coded rows, is an indicator.
    small = [row("3.1", True, 60), row("3.2", True, 30), row("3", False, 10)]
    assert _unlabelled_total(small, {id(r): i for i, r in enumerate(small)}) is None
    assert _unlabelled_total(rows, {id(rows[0]): 1, id(rows[1]): 2, id(rows[2]): 0}) is None


def test_the_tables_titles_of_components_and_sub_components_are_kept() -> None:
    from parsers.overall_summary import parse_overall_summary
    from schemas.page import Cell, Row

    lines = [
        ["องค์ประกอบ", "ตัวชี้วัด", "น้ำหนัก (ร้อยละ)", "ผลการดำเนินการ"],
        ["องค์ประกอบที่ 1 การประเมินผล (Performance Base)", "1.1 ประสิทธิภาพหลัก (Function Base)", "", ""],
        ["", "1.1.1 ระดับความสำเร็จ ก", "10", "10"],
    ]
    rows = [Row(page=1, cells=[Cell(text=t) for t in line]) for line in lines]
    form = parse_overall_summary(rows)
    assert form.group_titles == {
        "1": "การประเมินผล (Performance Base)",
        "1.1": "ประสิทธิภาพหลัก (Function Base)",
    }


def test_a_code_that_lost_its_second_dot_under_a_three_level_component() -> None:
    from parsers.overall_summary import parse_overall_summary
    from schemas.page import Cell, Row

    lines = [
        ["องค์ประกอบ", "ตัวชี้วัด", "น้ำหนัก (ร้อยละ)", "ผลการดำเนินการ"],
        ["องค์ประกอบที่ 1 การประเมินผล (Performance Base)", "1.1.1 ระดับความสำเร็จ ก", "10", "10"],
        ["", "1.21 ระดับความสำเร็จ ข", "20", "12"],
        ["", "1.3.1 ระดับความสำเร็จ ค", "10", "8"],
    ]
    rows = [Row(page=1, cells=[Cell(text=t) for t in line]) for line in lines]
    form = parse_overall_summary(rows)
    assert [i.indicator_code for i in form.indicators] == ["1.1.1", "1.2.1", "1.3.1"]
