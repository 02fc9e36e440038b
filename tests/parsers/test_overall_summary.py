"""The overall table: what a row's numbers mean, and rows in every layout OCR leaves."""

from __future__ import annotations

import pytest

from thaieval.parsers.overall_summary import (
    _unlabelled_total,
    numbers_meaning,
    parse_overall_summary,
)
from thaieval.schemas.forms import ParsedIndicator
from thaieval.schemas.page import Cell, Row


@pytest.mark.parametrize(
    ("values", "cues", "meaning"),
    [
        # A score cell merged over a group (the seed's 30,000 repeated on 1.1.x's rows).
        (
            [10, 10, 30],
            {"merged_group": True},
            {"weight": 10, "weighted_score": 10, "group_score": 30},
        ),
        (
            [20, 20, 20],
            {"merged_group": True},
            {"weight": 20, "weighted_score": 20, "group_score": 20},
        ),
        ([10, 95.143, 9.514], {}, {"weight": 10, "result_value": 95.143, "weighted_score": 9.514}),
        # By order, the result column comes before the score: no level is made of a bare 4.
        ([10, 4, 8], {}, {"weight": 10, "result_value": 4, "weighted_score": 8}),
        # The same numbers beside a result printed as words: score and a merged group score.
        ([5, 4, 4], {"level_printed": True}, {"weight": 5, "weighted_score": 4, "group_score": 4}),
        (
            [15, 12, 27],
            {"merged_group": True},
            {"weight": 15, "weighted_score": 12, "group_score": 27},
        ),
        ([10, 8], {}, {"weight": 10, "weighted_score": 8}),
        (
            [10, 30, 25, 20, 15, 10, 17, 7.2],
            {},
            {
                "weight": 10,
                "criteria": [30, 25, 20, 15, 10],
                "result_value": 17,
                "weighted_score": 7.2,
            },
        ),
        # Criteria partly lost: no count says which of the rest is result or score.
        ([10, 92, 94, 96, 98.77, 8.77], {}, {"weight": 10, "ambiguous": [92, 94, 96, 98.77, 8.77]}),
    ],
)
def test_numbers_meaning(
    values: list[float], cues: dict[str, bool], meaning: dict[str, object]
) -> None:
    assert numbers_meaning(values, **cues) == meaning


@pytest.mark.parametrize(
    ("values", "cues"),
    [
        ([10, 4, 9], {}),  # level 4 of weight 10 gives 8, printed 9
        ([15, 2, 15], {}),  # level 2 of weight 15 gives 6, printed 15
        ([10, 9.5], {}),
        ([5, 5, 4], {"level_printed": True}),
    ],
)
def test_a_row_that_breaks_the_rule_keeps_its_printed_numbers(
    values: list[float], cues: dict[str, bool]
) -> None:
    """The meaning never depends on whether weight × level / 5 gives the score."""
    meaning = numbers_meaning(values, **cues)
    assert meaning["weighted_score"] == (values[1] if len(values) == 2 or cues else values[2])
    assert "ambiguous" not in meaning


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
    from thaieval.parsers.overall_summary import parse_overall_summary
    from thaieval.schemas.page import Cell, Row

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
    from thaieval.parsers.overall_summary import parse_overall_summary
    from thaieval.schemas.page import Cell, Row

    lines = [
        ["องค์ประกอบ", "ตัวชี้วัด", "น้ำหนัก (ร้อยละ)", "ผลการดำเนินการ"],
        ["องค์ประกอบที่ 1 การประเมินผล (Performance Base)", "1.1.1 ระดับความสำเร็จ ก", "10", "10"],
        ["", "1.21 ระดับความสำเร็จ ข", "20", "12"],
        ["", "1.3.1 ระดับความสำเร็จ ค", "10", "8"],
    ]
    rows = [Row(page=1, cells=[Cell(text=t) for t in line]) for line in lines]
    form = parse_overall_summary(rows)
    assert [i.indicator_code for i in form.indicators] == ["1.1.1", "1.2.1", "1.3.1"]


def _rows(lines: list[str]) -> list[Row]:
    return [
        Row(page=1, line=n, cells=[Cell(text=t) for t in line.split("\t")])
        for n, line in enumerate(lines, 1)
    ]


def _got(form: object) -> list[tuple[object, ...]]:
    return [
        (i.indicator_code, i.weight, i.criteria, i.result_value, i.level, i.weighted_score)
        for i in form.indicators  # type: ignore[attr-defined]
    ] + [("total", form.total_weight, form.total_score)]  # type: ignore[attr-defined]


HEAD_B = [
    "ผลการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2567 (ระยะสิ้นปีงบประมาณ)",
    "ของหน่วยงาน สำนักการแพทย์",
    "องค์ประกอบ\tตัวชี้วัด\tน้ำหนัก (ร้อยละ)\tเป้าหมาย/เกณฑ์การให้คะแนน\t\t\t\t\tผลการดำเนินการ\t\tหมายเหตุ",
    "\t\t\t1 คะแนน\t2 คะแนน\t3 คะแนน\t4 คะแนน\t5 คะแนน\tผลการดำเนินงานตามตัวชี้วัด\tค่าคะแนนที่ได้\t",
]
COMMITTEE = "ค่าเป้าหมายเป็นไปตามมติคณะกรรมการกลางกำหนด\t\t\t\t"


def test_layout_b_subtotal_rows_and_codes_on_every_row() -> None:
    # Layout B: every row prints its full code, and a รวม 1.x row closes each sub-component
    # (its weight and score are the group's, not an indicator's); OCR may garble its code.
    lines = [
        "องค์ประกอบที่ 1 การประเมินประสิทธิภาพ (Performance Base)\t1.1.1 ระดับความสำเร็จ ก\t10\t"
        + COMMITTEE
        + "\tระดับ 5\t10.000\t",
        "\t1.1.2 ร้อยละความพึงพอใจ\t10\t80\t85\t90\t95\t100\t94.06\t7.624\t",
        "\tรวม 1.1\t20\t\t\t\t\t\t\t17.624\t",
        "\t1.2.1 ระดับความสำเร็จ ข\t5\t" + COMMITTEE + "\tระดับ 4\t5.000\t",
        "\tรวม (๘)\t5\t\t\t\t\t\t\t5.000\t",
        "องค์ประกอบที่ 3 ศักยภาพ (Potential Base)\t3.2 การเบิกจ่าย\t10\t92\t94\t96\t98\t100\t98.51\t8.510\t",
        "รวมผลการดำเนินการ\t\t35\t\t\t\t\t\t\t31.134\t",
    ]
    assert _got(parse_overall_summary(_rows(HEAD_B + lines))) == [
        ("1.1.1", 10, [], None, 5, 10),
        ("1.1.2", 10, [80, 85, 90, 95, 100], 94.06, None, 7.624),
        # level 4 of weight 5 gives 4: the printed 5 is kept for the check to see
        ("1.2.1", 5, [], None, 4, 5),
        ("3.2", 10, [92, 94, 96, 98, 100], 98.51, None, 8.51),
        ("total", 35, 31.134),
    ]


def test_thai_digits_and_a_sub_component_heading_row() -> None:
    head = [HEAD_B[0], HEAD_B[1], HEAD_B[2], HEAD_B[3].replace("1 คะแนน", "๑ คะแนน")]
    lines = [
        "องค์ประกอบที่ ๑ การประเมินประสิทธิภาพ (Performance Base)\t"
        "1.1 ประสิทธิภาพในการดำเนินงาน (Function Base)\t\t\t\t\t\t\t\t\t",
        "\t1.1.1 ร้อยละของการระบายน้ำ\t๑๐\t๗๕\t๘๐\t๘๕\t๙๐\t๙๕\t๘๕.๘๐\t๖.๓๒๐\t",
        "\t1.1.2 ระดับความสำเร็จ ค\t๕\t" + COMMITTEE + "\tระดับ ๒\t๒.๐๐๐\t",
        "รวมผลการดำเนินการ\t\t๑๕\t\t\t\t\t\t\t๘.๓๒๐\t",
    ]
    form = parse_overall_summary(_rows(head + lines))
    assert _got(form) == [
        ("1.1.1", 10, [75, 80, 85, 90, 95], 85.8, None, 6.32),
        ("1.1.2", 5, [], None, 2, 2),
        ("total", 15, 8.32),
    ]
    assert form.group_titles["1.1"] == "ประสิทธิภาพในการดำเนินงาน (Function Base)"


def test_a_grid_row_whose_column_rules_were_lost_is_read_by_its_words_boxes() -> None:
    # OCR found no rule between the name and the numbers of one row: the whole line is one
    # cell; its numbers go to the columns under which they stand.
    from thaieval.schemas.page import Box, Word

    xs = {2: 400.0, 8: 620.0, 9: 680.0}

    def cell(col: int, text: str) -> Cell:
        x = xs.get(col, 150.0 + col)
        return Cell(text=text, col=col, box=Box(x0=x, top=0, x1=x + 20, bottom=10))

    def grid(*cells: Cell) -> Row:
        full = [Cell(text="", col=c) for c in range(11)]
        for c in cells:
            full[c.col] = c  # type: ignore[index]
        return Row(page=1, table=0, cells=full)

    def word(text: str, x: float) -> Word:
        return Word(text=text, box=Box(x0=x, top=0, x1=x + 20, bottom=10))

    words = [word("1.2.1", 150), word("ระดับความสำเร็จ", 175), word("20", 400)]
    words += [word("ค่าเป้าหมาย", 440), word("ระดับ", 605), word("5", 630), word("20.000", 680)]
    swallowed = Cell(text=" ".join(w.text for w in words), col=1, words=words)
    rows = [
        Row(page=1, cells=[Cell(text=HEAD_B[0])]),
        grid(*(Cell(text=t, col=c) for c, t in enumerate(HEAD_B[2].split("\t")) if t)),
        grid(*(Cell(text=t, col=c) for c, t in enumerate(HEAD_B[3].split("\t")) if t)),
        grid(cell(1, "1.1.1 ระดับความสำเร็จ ก"), cell(2, "10"), cell(8, "ระดับ 4"), cell(9, "8.000")),
        grid(cell(1, "1.1.2 ระดับความสำเร็จ ข"), cell(2, "10"), cell(8, "ระดับ 3"), cell(9, "6.000")),
        grid(swallowed),
    ]
    got = [
        (i.indicator_code, i.weight, i.level, i.weighted_score)
        for i in parse_overall_summary(rows).indicators
    ]
    assert got == [("1.1.1", 10, 4, 8), ("1.1.2", 10, 3, 6), ("1.2.1", 20, 5, 20)]


def test_numbers_no_count_can_place_are_left_empty_and_reported() -> None:
    lines = [
        "องค์ประกอบที่ 3 ศักยภาพ (Potential Base)",
        "3.2 การเบิกจ่าย\t10\t92\t94\t96\t98.77\t8.770",  # criteria partly lost
    ]
    form = parse_overall_summary(_rows(HEAD + lines))
    ind = form.indicators[0]
    assert (ind.weight, ind.criteria, ind.result_value, ind.weighted_score) == (10, [], None, None)
    assert [(n.check, n.severity, n.indicator_no) for n in form.notes] == [
        ("overall_numbers_unplaced", "warning", 1)
    ]


def test_a_score_the_grid_left_empty_is_not_taken_from_the_result_column() -> None:
    # Only a group of rows scored by points shares a merged score cell; a criteria row whose
    # score cell is empty keeps its result as a result and its score empty.
    lines = [
        "องค์ประกอบที่ 1 การประเมินประสิทธิภาพ (Performance Base)\t1.1.1 ร้อยละ ก\t10\t80\t85\t90\t95\t100\t94.06\t7.624\t",
        "\t1.1.2 ร้อยละ ข\t10\t75\t80\t85\t90\t95\t87.33\t\t",
    ]
    rows = [
        Row(page=1, table=0, cells=[Cell(text=t, col=c) for c, t in enumerate(line.split("\t"))])
        for line in HEAD_B[2:] + lines
    ]
    form = parse_overall_summary([Row(page=1, cells=[Cell(text=HEAD_B[0])]), *rows])
    got = [
        (i.indicator_code, i.result_value, i.weighted_score, i.group_score) for i in form.indicators
    ]
    assert got == [("1.1.1", 94.06, 7.624, None), ("1.1.2", 87.33, None, None)]


def test_a_table_over_two_pages_repeats_its_header() -> None:
    # The header printed again on page 2 (its ผลการดำเนินการ heading included) is neither a
    # row nor the grand total.
    page1 = [
        "\t1.1.1 ระดับความสำเร็จ ก\t10\t" + COMMITTEE + "\tระดับ 4\t8.000\t",
        "\tรวม 1.1\t10\t\t\t\t\t\t\t8.000\t",
    ]
    page2 = [
        "องค์ประกอบที่ 3 ศักยภาพ (Potential Base)\t3.1 ร้อยละ ข\t10\t3\t4\t5\t6\t7\t7\t10.000\t",
        "รวมผลการดำเนินการ\t\t20\t\t\t\t\t\t\t18.000\t",
    ]
    rows = _rows(HEAD_B + page1) + [
        row.model_copy(update={"page": 2}) for row in _rows(HEAD_B[2:] + page2)
    ]
    assert _got(parse_overall_summary(rows)) == [
        ("1.1.1", 10, [], None, 4, 8),
        ("3.1", 10, [3, 4, 5, 6, 7], 7, None, 10),
        ("total", 20, 18),
    ]


INNOVATION = (
    "องค์ประกอบที่ 2 ประสิทธิภาพในการบริหารจัดการ (Innovation Base)\tความสำเร็จในการพัฒนานวัตกรรม\t10\t"
    "ตามเกณฑ์การประเมินนวัตกรรมที่คณะกรรมการกำหนด (คะแนนเต็ม 100)\t\t\t\t\t82.107\t8.211\t"
    "แผนที่จุดเสี่ยงน้ำท่วม (Flood Risk Map)"
)
TOTAL_10 = "รวมผลการดำเนินการ\t\t10\t\t\t\t\t\t\t8.211\t"


@pytest.mark.parametrize("grid", [True, False], ids=["grid", "text-with-empty-cells"])
def test_criteria_words_and_the_remark_column_are_not_the_name(grid: bool) -> None:
    # The uncoded innovation row prints its criteria as words in the merged 1…5 cell and the
    # innovation's own name under หมายเหตุ: each stays in its column, the remark kept as note.
    rows = _rows([*HEAD_B, INNOVATION, TOTAL_10])
    if grid:
        rows = rows[:2] + [
            row.model_copy(
                update={
                    "table": 0,
                    "cells": [c.model_copy(update={"col": k}) for k, c in enumerate(row.cells)],
                }
            )
            for row in rows[2:]
        ]
    ind = parse_overall_summary(rows).indicators[0]
    assert (ind.indicator_name, ind.note) == (
        "ความสำเร็จในการพัฒนานวัตกรรม",
        "แผนที่จุดเสี่ยงน้ำท่วม (Flood Risk Map)",
    )
    assert (ind.weight, ind.criteria, ind.result_value, ind.weighted_score) == (
        10,
        [],
        82.107,
        8.211,
    )


def test_a_text_row_that_dropped_its_empty_cells_keeps_its_words_in_the_name() -> None:
    # Without its empty cells a text row's indexes do not line up with the header: no cell
    # is taken for the remark column by its index.
    squeezed = "\t".join(c for c in INNOVATION.split("\t") if c)
    ind = parse_overall_summary(_rows([*HEAD_B, squeezed, TOTAL_10])).indicators[0]
    assert ind.note == ""


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("ผลการประเมินผลการปฏิบัติราชการ รอบ 6 เดือน ประจำปีงบประมาณ พ.ศ. 2568", "mid_year"),
        ("ผลการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ (ระยะครึ่งปี)", "mid_year"),
        (HEAD_B[0], "end_of_year"),
        ("ผลการประเมินผลการปฏิบัติงานประจำปีงบประมาณ พ.ศ. 2567", ""),
    ],
)
def test_the_period_is_read_from_the_overall_tables_own_title(title: str, period: str) -> None:
    form = parse_overall_summary(_rows([title, *HEAD_B[1:], INNOVATION, TOTAL_10]))
    assert (form.period, "period" in form.filled) == (period, False)
    assert form.prov["period"].text == title if period else "period" not in form.prov


def test_criteria_words_stay_out_of_the_name_where_the_criteria_columns_merged() -> None:
    # A scan whose five criteria columns lost their rules: one เป้าหมาย/เกณฑ์… column.
    lines = [
        "องค์ประกอบ\tตัวชี้วัด\tน้ำหนัก (ร้อยละ)\tเป้าหมาย/เกณฑ์การให้คะแนน\tผลการดำเนินการ\t\tหมายเหตุ",
        "\t\t\t1 2 3 4 5 คะแนน\tผลการดำเนิน ค่าคะแนนที่ได้\t\t",
        "\t1.1.1 ร้อยละ ก\t20\t75 80 85 90 95\t85.80\t12.640\t",
        INNOVATION.replace("\t\t\t\t\t", "\t"),
        "รวมผลการดำเนินการ\t\t30\t\t\t20.851\t",
    ]
    rows = [Row(page=1, cells=[Cell(text=HEAD_B[0])])] + [
        Row(page=1, table=0, cells=[Cell(text=t, col=c) for c, t in enumerate(line.split("\t"))])
        for line in lines
    ]
    got = [
        (i.indicator_name, i.note, i.criteria, i.result_value, i.weighted_score)
        for i in parse_overall_summary(rows).indicators
    ]
    assert got == [
        ("ร้อยละ ก", "", [75, 80, 85, 90, 95], 85.8, 12.64),
        ("ความสำเร็จในการพัฒนานวัตกรรม", "แผนที่จุดเสี่ยงน้ำท่วม (Flood Risk Map)", [], 82.107, 8.211),
    ]


@pytest.mark.parametrize("misread", ["9.0.9", "1"])
def test_a_misread_row_code_does_not_move_its_row(misread: str) -> None:
    # Thai digits scanned at 200 dpi (issue 15: Sarabun printed 1.1.2 as ๑.๑.๒, OCR read 9.0.9;
    # Niramit's read 1): rows ordered by code moved that row to the end (or the top) and
    # shifted every later row's numbers by one. Rows keep their printed order; the misread
    # code is the only wrong value.
    head = [HEAD_B[0], HEAD_B[1], HEAD_B[2], HEAD_B[3].replace("1 คะแนน", "๑ คะแนน")]
    lines = [
        "องค์ประกอบที่ ๑ การประเมินประสิทธิภาพ (Performance Base)\t"
        "1.1 ประสิทธิภาพในการดำเนินงาน (Function Base)\t\t\t\t\t\t\t\t\t",
        "\t1.1.1 ร้อยละของการระบายน้ำ\t๑๐\t๗๕\t๘๐\t๘๕\t๙๐\t๙๕\t๘๕.๘๐\t๖.๓๒๐\t",
        f"\t{misread} ระดับความสำเร็จ ค\t๕\t" + COMMITTEE + "\tระดับ ๒\t๒.๐๐๐\t",
        "\t1.1.3 ร้อยละความพึงพอใจ\t๑๐\t๘๐\t๘๕\t๙๐\t๙๕\t๑๐๐\t๙๔.๐๖\t๗.๖๒๔\t",
        "องค์ประกอบที่ ๓ ศักยภาพ (Potential Base)\t3.2 การเบิกจ่าย\t๑๐\t๙๒\t๙๔\t๙๖\t๙๘\t๑๐๐"
        "\t๙๘.๕๑\t๘.๕๑๐\t",
        "รวมผลการดำเนินการ\t\t๓๕\t\t\t\t\t\t\t๒๔.๔๕๔\t",
    ]
    form = parse_overall_summary(_rows(head + lines))
    got = _got(form)
    assert [row[1:] for row in got] == [
        (10, [75, 80, 85, 90, 95], 85.8, None, 6.32),
        (5, [], None, 2, 2),
        (10, [80, 85, 90, 95, 100], 94.06, None, 7.624),
        (10, [92, 94, 96, 98, 100], 98.51, None, 8.51),
        (35, 24.454),
    ]
    assert [row[0] for row in got][::2] == ["1.1.1", "1.1.3", "total"]
    assert [ind.indicator_no for ind in form.indicators] == [1, 2, 3, 4]
