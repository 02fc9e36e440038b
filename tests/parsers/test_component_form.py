"""A component form's zones: a zone that is not found must not hide the ones after it."""

from __future__ import annotations

from thaieval.parsers.component_form import parse_component_form
from thaieval.schemas.forms import ROW_VALUE
from thaieval.schemas.page import Cell, Row

HEADER = [
    "แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ",
    "ของหน่วยงานสังกัดกรุงเทพมหานคร ประจำปีงบประมาณ พ.ศ. 2568 (รอบ 6 เดือน)",
    "ชื่อหน่วยงานผู้รับการประเมิน : สำนักงานเขตบางรัก",
    "องค์ประกอบที่ 1 : การประเมินประสิทธิภาพผลการดำเนินงาน (Performance Base)",
    "1.2 ประสิทธิภาพของการขับเคลื่อนการบูรณาการ (Joint KPIs)",
    "ผลคะแนน (น้ำหนักคะแนนรวม 20 คะแนน) :",
]
SECTIONS = ["ผลการตรวจติดตามประเมินผล :", "■ จุดอ่อน", "1. ก", "2. ข", "■ จุดแข็ง", "-ไม่มี-"]
SIGNATORY = [
    "เจ้าหน้าที่ผู้สรุปผลการตรวจติดตามประเมินผล :",
    "ลงชื่อ.....",
    "(นางสาวกมลวรรณ ศรีสุข)",
    "ตำแหน่ง นักวิเคราะห์นโยบายและแผนชำนาญการ",
    "วัน/เดือน/ปี 25 มี.ค. 68",
]


def _rows(lines: list[str]) -> list[Row]:
    return [
        Row(page=1, line=n, cells=[Cell(text=t) for t in line.split("\t")])
        for n, line in enumerate(lines, 1)
    ]


def test_a_whole_form() -> None:
    table = ["ตัวชี้วัด\tผลการดำเนินงาน\tคะแนนที่ได้", "ระดับความสำเร็จ ก\tระดับ 4\t16", "\tรวม\t16"]
    form = parse_component_form(_rows(HEADER + table + SECTIONS + SIGNATORY))
    assert (form.component, form.fiscal_year, form.period) == ("1.2", 2568, "mid_year")
    assert (form.unit_name, form.total_weight, form.total_score) == ("สำนักงานเขตบางรัก", 20, 16)
    assert [(i.indicator_code, i.level, i.weighted_score) for i in form.indicators] == [
        ("1.2.1", 4, 16)
    ]
    assert [(f.section, f.text) for f in form.findings] == [("weakness", "ก"), ("weakness", "ข")]
    assert (form.evaluator_name, form.signed_date) == ("นางสาวกมลวรรณ ศรีสุข", "2025-03-25")
    assert form.notes == []


def test_sections_and_signatory_are_read_when_the_table_header_is_lost() -> None:
    form = parse_component_form(
        _rows([*HEADER, "ระดับความสำเร็จ ก ระดับ 4 16", *SECTIONS, *SIGNATORY])
    )
    assert [n.check for n in form.notes] == ["required_field_missing"]
    assert form.indicators == []
    assert [f.text for f in form.findings] == ["ก", "ข"]
    assert (form.evaluator_name, form.signed_date) == ("นางสาวกมลวรรณ ศรีสุข", "2025-03-25")


def test_a_project_name_does_not_start_the_signatory_block() -> None:
    steps = [
        "■ เหตุผลของคะแนน",
        "ส่วนที่ 3 : ผลการดำเนินการ",
        "การดำเนินการ\tคะแนน\tคะแนนที่ได้\tหมายเหตุ",
        "ชื่อโครงการ คลังภาพข่าวออนไลน์\t20\t18",
        "มีการนำนวัตกรรมไปใช้ภายในปีงบประมาณ\t15\t10",
    ]
    table = ["น้ำหนัก (ร้อยละ)\tผลการดำเนินงาน\tคะแนนที่ได้\tค่าคะแนนถ่วงน้ำหนัก", "10\t28\t28\t2.8"]
    form = parse_component_form(_rows(HEADER + table + steps + SIGNATORY))
    assert [(s.part, s.max_score, s.score) for s in form.score_items] == [(3, 20, 18), (3, 15, 10)]
    assert form.evaluator_name == "นางสาวกมลวรรณ ศรีสุข"


def test_issue_text_input_title_wrapped_over_two_lines() -> None:
    # publicworks' OCR text: the 3.1 title continues on a line of its own, and the partner
    # line after a 1.2 title is a label, not a continuation.
    header = [
        *HEADER[:3],
        "องค์ประกอบที่ 3 : ศักยภาพในการดำเนินการของหน่วยงาน (Potential Base)",
        "ตัวชี้วัด 3.1 : ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐเพื่อบริหารราชการที่ทันสมัย",
        "โปร่งใส คล่องตัว",
        "ผลคะแนน :",
    ]
    form = parse_component_form(_rows(header + SECTIONS + SIGNATORY))
    assert form.component == "3.1"
    assert form.component_title.endswith("ราชการที่ทันสมัยโปร่งใส คล่องตัว")
    partner = [*HEADER[:5], "หน่วยงานที่ร่วมดำเนินการ : สำนักการคลัง", HEADER[5]]
    form = parse_component_form(_rows(partner + SECTIONS + SIGNATORY))
    assert form.component_title == "ประสิทธิภาพของการขับเคลื่อนการบูรณาการ (Joint KPIs)"


def test_text_input_innovation_name_line_is_no_part_of_the_titles() -> None:
    # Seed-style OCR text of an innovation form: the component line, the indicator line and
    # the innovation's own name (ชื่อนวัตกรรม : …), each a line; the name continues neither.
    title = "ประสิทธิภาพในการบริหารจัดการและพัฒนานวัตกรรม (Innovation Base)"
    header = [
        *HEADER[:3],
        f"องค์ประกอบที่ 2 : {title}",
        "ตัวชี้วัด : ความสำเร็จในการพัฒนานวัตกรรม",
        "ชื่อนวัตกรรม : แผนที่จุดเสี่ยงน้ำท่วม (Flood Risk Map)",
        "ผลคะแนน :",
    ]
    form = parse_component_form(_rows(header + SECTIONS + SIGNATORY))
    assert (form.component, form.component_title) == ("2", title)
    assert form.indicator_title == "ความสำเร็จในการพัฒนานวัตกรรม"
    # Unlabelled, the line still does not run on past the title's closing (… Base) tag.
    header[5] = "แผนที่จุดเสี่ยงน้ำท่วม"
    del header[4]
    form = parse_component_form(_rows(header + SECTIONS + SIGNATORY))
    assert form.component_title == title


def test_signatory_found_by_its_name_over_its_position_when_the_heading_is_lost() -> None:
    table = ["ตัวชี้วัด\tผลการดำเนินงาน\tคะแนนที่ได้", "ระดับความสำเร็จ ก\tระดับ 4\t16"]
    garbled = ["> =) 3 D wD ปผลการตรวจติดตามประเมินผล :", *SIGNATORY[2:]]
    form = parse_component_form(_rows(HEADER + table + SECTIONS + garbled))
    assert (form.evaluator_name, form.signed_date) == ("นางสาวกมลวรรณ ศรีสุข", "2025-03-25")


def test_a_name_line_whose_title_was_misread_is_still_the_name() -> None:
    table = ["ตัวชี้วัด\tผลการดำเนินงาน\tคะแนนที่ได้", "ระดับความสำเร็จ ก\tระดับ 4\t16"]
    signatory = [*SIGNATORY[:2], "เพายธาพล วงศ์ใหญ่)", *SIGNATORY[3:]]
    form = parse_component_form(_rows(HEADER + table + SECTIONS + signatory))
    assert form.evaluator_name == "เพายธาพล วงศ์ใหญ่"
    assert form.evaluator_position == "นักวิเคราะห์นโยบายและแผนชำนาญการ"


def test_a_speck_after_the_name_bracket_is_no_part_of_it() -> None:
    table = ["ตัวชี้วัด\tผลการดำเนินงาน\tคะแนนที่ได้", "ระดับความสำเร็จ ก\tระดับ 4\t16"]
    signatory = [*SIGNATORY[:2], "(นางสาวกมลวรรณ ศรีสุข) 2", *SIGNATORY[3:]]
    form = parse_component_form(_rows(HEADER + table + SECTIONS + signatory))
    assert form.evaluator_name == "นางสาวกมลวรรณ ศรีสุข"


def test_a_one_row_tables_numbers_stand_for_the_forms_totals_and_say_so() -> None:
    # น้ำหนัก | ผลการดำเนินงาน | คะแนนที่ได้ | ค่าคะแนนถ่วงน้ำหนัก prints no total row
    table = [
        "น้ำหนัก (ร้อยละ)\tผลการดำเนินงาน\tคะแนนที่ได้\tค่าคะแนนถ่วงน้ำหนัก",
        "20\tระดับ 4 (98.77)\t87.70\t17.54",
    ]
    form = parse_component_form(_rows(HEADER + table + SECTIONS + SIGNATORY))
    assert (form.total_weight, form.total_score) == (20, 17.54)
    # the header prints the total weight; only the total score is the row's
    assert form.filled == {"total_score": ROW_VALUE}
