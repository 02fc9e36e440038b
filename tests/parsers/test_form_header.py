"""Header fields as OCR leaves them."""

from __future__ import annotations

import pytest

from thaieval.parsers.form_header import (
    fiscal_year_of,
    read_header_row,
    split_unit,
    total_weight_of,
)
from thaieval.schemas.forms import ParsedForm
from thaieval.schemas.page import Cell, Row


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("ประจำปีงบประมาณ พ.ศ. 2567 (ระยะสิ้นปีงบประมาณ)", 2567),
        ("ประจำปีงบประมาณ W.A. 2567 (รอบ 6 เดือน)", 2567),  # พ.ศ. read as Latin letters
        ("ประจำปีงบประมาณ 2568", 2568),
        ("ประจำปีงบประมาณ พ.ศ. 12 2567", None),  # a number between is not skipped
    ],
)
def test_fiscal_year(text: str, year: int | None) -> None:
    assert fiscal_year_of(text) == year


@pytest.mark.parametrize(
    "text",
    ["ผลคะแนน (น้ำหนักคะแนนรวม 30 คะแนน) :", "ผลคะแนน (นำหนักคะแนนรวม 30 คะแนน) :", "น้าหนักรวม 30"],
)
def test_total_weight_with_marks_lost(text: str) -> None:
    assert total_weight_of(text) == 30


def test_specks_after_the_unit_are_no_parent() -> None:
    assert split_unit("สำนักงานเขตบางรัก ;") == ("สำนักงานเขตบางรัก", "")
    assert split_unit("สำนักงานประชาสัมพันธ์ สำนักปลัดกรุงเทพมหานคร")[1] == "สำนักปลัดกรุงเทพมหานคร"


def _header(text: str) -> ParsedForm:
    """A component form whose header is the one line ``text``."""
    form = ParsedForm(form_type="component")
    read_header_row(form, Row(page=1, cells=[Cell(text=text)]))
    return form


def test_an_indicator_line_run_onto_the_component_line_gives_the_sub_component() -> None:
    text = "องค์ประกอบที่ 3 : ศักยภาพในการดำเนินการของหน่วยงาน (Potential Base) AIBAaN 3.2"
    form = _header(text)
    assert form.component == "3.2"
    # Without a code after the Base tag, or with another component's, the line is the component's.
    for line in (
        "องค์ประกอบที่ 3 : ศักยภาพ (Potential Base)",
        "องค์ประกอบที่ 3 : ศักยภาพ (Potential Base) 1.2",
    ):
        other = _header(line)
        assert other.component == "3"


def test_an_indicator_line_interleaved_with_the_component_line_gives_the_sub_component() -> None:
    text = "องค์ประกอบที่ ตวชวดท 3.2 : 3 ความสำเร็จของการเบิกจ่าย : ศักยภาพในการดำเนินการ (Po"
    form = _header(text)
    assert (form.component, form.component_title) == ("3.2", "ความสำเร็จของการเบิกจ่าย")
    # A number inside the title, not standing before a colon or at the end, is no code.
    line = "องค์ประกอบที่ 1 : การประเมินผล (ร้อยละ 2.5) (Performance Base)"
    plain = _header(line)
    assert plain.component == "1"


def test_an_indicator_line_with_text_run_in_before_its_code_keeps_the_code() -> None:
    text = "ตัวชี้วัด กนิธิมยาโปรงใชวกลอตัว 3.1 : ร้อยละความสำเร็จ"
    form = _header(text)
    assert (form.component, form.indicator_title) == ("3.1", "ร้อยละความสำเร็จ")


def _headers(*lines: str) -> ParsedForm:
    form = ParsedForm(form_type="component")
    for line in lines:
        read_header_row(form, Row(page=1, cells=[Cell(text=line)]))
    return form


COMPONENT_1 = "องค์ประกอบที่ 1 : การประเมินประสิทธิภาพผลการดำเนินงาน (Performance Base)"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("1,3 ประสิทธิภาพของการดำเนินการกิจกรรมตามนโยบาย (Agenda Base)", "1.3"),
        ("12 ประสิทธิภาพของการขับเคลื่อนการบูรณาการ (Joint KPIs)", "1.2"),
        ("15 นาที ประสิทธิภาพ", "1"),  # no tag: a number in text, not a code
        ("22 ประสิทธิภาพของการขับเคลื่อน (Joint KPIs)", "1"),  # not under component 1
    ],
)
def test_a_sub_component_code_with_its_dot_misread(line: str, code: str) -> None:
    assert _headers(COMPONENT_1, line).component == code


def test_the_unit_follows_the_colon_of_a_label_read_twice() -> None:
    form = _header("ชื่อหน่วยงานผู้รับการประเมิ เมิน : สำนักการคลัง")
    assert (form.unit_name, form.parent_unit) == ("สำนักการคลัง", "")


def test_an_indicator_line_labelled_with_ti_keeps_its_label_out_of_the_title() -> None:
    form = _header("ตัวชี้วัดที่ ความสำเร็จของการเบิกจ่ายงบประมาณในภาพรวม")
    assert form.indicator_title == "ความสำเร็จของการเบิกจ่ายงบประมาณในภาพรวม"


def test_a_sub_component_line_with_its_code_garbled_is_named_by_its_tag() -> None:
    # Loma scan with Thai digits: ๑.๑ read as (๑) (digits made Arabic by normalise).
    title = "ประสิทธิภาพในการดำเนินงานภารกิจหลักตามยุทธศาสตร์กรุงเทพมหานคร (Function Base)"
    form = _headers(
        "องค์ประกอบที่ 1 : การประเมินประสิทธิภาพผลการดำเนินงาน (Performance Base)", f"(1) {title}"
    )
    assert (form.component, form.component_title) == ("1.1", title)
    joint = _headers("องค์ประกอบที่ 1 : การประเมิน (Performance Base)", "ประสิทธิภาพ (Goint KPIs)")
    assert (joint.component, joint.component_title) == ("1.2", "ประสิทธิภาพ (Joint KPIs)")
    # Under another component, or after a long run of other text, the tag names nothing.
    other = _headers("องค์ประกอบที่ 3 : ศักยภาพ (Potential Base)", f"(1) {title}")
    assert other.component == "3"
    debris = _headers("องค์ประกอบที่ 1 : การประเมิน (Performance Base)", f"ABCDEFGH 12 {title}")
    assert debris.component == "1"


def test_a_unit_name_of_several_words_keeps_them_and_a_parent_opens_with_an_organisation() -> None:
    # A unit whose own name holds a space (a Chromium-printed culture office, layout B).
    assert split_unit("สำนักวัฒนธรรม กีฬาและการท่องเที่ยว") == (
        "สำนักวัฒนธรรม กีฬาและการท่องเที่ยว",
        "",
    )
    assert split_unit("สำนักวัฒนธรรม กีฬาและการท่องเที่ยว สำนักปลัดกรุงเทพมหานคร") == (
        "สำนักวัฒนธรรม กีฬาและการท่องเที่ยว",
        "สำนักปลัดกรุงเทพมหานคร",
    )
    # OCR split a unit inside its name: the halves stay one unit, not unit and parent.
    assert split_unit("สำนักงาน เขตบางรัก") == ("สำนักงาน เขตบางรัก", "")
    # A parent after สังกัด, and one whose first mark OCR lost.
    assert split_unit("สำนักงานการต่างประเทศ สังกัด สำนักปลัดกรุงเทพมหานคร")[1] == ("สำนักปลัดกรุงเทพมหานคร")
    assert split_unit("สำนักงานการต่างประเทศ สานักปลัดกรุงเทพมหานคร")[1] == ("สานักปลัดกรุงเทพมหานคร")
