"""Component numbers OCR misread in the national fonts at 200 dpi: the base tag decides."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thaieval.parsers.base_tags import COMPONENT_TAGS, SUB_TAGS, has_zero_part, tag_code
from thaieval.parsers.form_header import read_header_row
from thaieval.schemas.forms import ParsedForm
from thaieval.schemas.page import Cell, Row

_PERFORMANCE = "การประเมินประสิทธิภาพผลการดําเนินงาน (Performance Base)"
_FUNCTION = "ประสิทธิภาพในการดําเนินงานภารกิจหลักตามยุทธศาสตร์กรุงเทพมหานคร (Function Base)"
_JOINT = "ประสิทธิภาพของการขับเคลื่อนการบูรณาการการดําเนินงานร่วมกันระหว่างหน่วยงาน (Joint KPIs)"
_AGENDA = "ประสิทธิภาพของการดําเนินการกิจกรรมตามนโยบายผู้บริหารหรือภารกิจพิเศษ (Agenda Base)"


def _read(*lines: str) -> ParsedForm:
    form = ParsedForm(form_type="component")
    for line in lines:
        read_header_row(form, Row(page=1, cells=[Cell(text=line)]))
    return form


# Lines as tesseract read them off the seed-7 scan200 pages (Sarabun, K2D … at 200 dpi).
@pytest.mark.parametrize(
    ("component_line", "sub_line", "code"),
    [
        (f"องค์ประกอบที่ ๐ : {_PERFORMANCE}", f"๐.๐ {_FUNCTION}", "1.1"),  # ๑ read ๐
        (f"องค์ประกอบที่ ๑:การประ เมิน{_PERFORMANCE[9:]}", f"๐.๒ {_JOINT}", "1.2"),
        (f"องค์ประกอบที่ 4: {_PERFORMANCE}", f"1.1 {_FUNCTION}", "1.1"),  # 1 read 4
        (f"องค์ประกอบที่] : {_PERFORMANCE}", f"13 {_AGENDA}", "1.3"),  # 1 read ]
        (f"องค์ประกอบที่ ๑ : {_PERFORMANCE}", f"9.9 {_FUNCTION}", "1.1"),
    ],
    ids=["zeros", "zero-part", "one-as-four", "one-as-bracket", "code-as-nines"],
)
def test_misread_component_numbers_follow_the_tags(
    component_line: str, sub_line: str, code: str
) -> None:
    assert _read(component_line, sub_line).component == code


def test_an_indicator_code_with_a_zero_part_is_no_code() -> None:
    # ๓.๑ read ๓.๐: left as component 3, for the overall table's names to place.
    form = _read(
        "องค์ประกอบที่ ๓ : ศักยภาพในการดําเนินการของหน่วยงาน (Potential ธิลร๑)",
        "ตัวชี้วัด ๓.๐ : ร้อยละความสําเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐ",
    )
    assert form.component == "3"


def test_a_line_without_a_tag_keeps_its_number() -> None:
    assert _read("องค์ประกอบที่ 2 : การบริหารจัดการ").component == "2"


@given(st.sampled_from(sorted({**COMPONENT_TAGS, **SUB_TAGS})), st.integers(0, len("Base")))
def test_tags_are_read_through_a_slip(word: str, cut: int) -> None:
    tags = COMPONENT_TAGS if word in COMPONENT_TAGS else SUB_TAGS
    slipped = word[:-1] + "l" if word[-1] != "l" else word[:-1] + "i"
    assert tag_code(f"ชื่อ ({slipped} {'Base'[:cut]})", tags) == tags[word]


@given(st.lists(st.integers(1, 19), min_size=1, max_size=3))
def test_codes_numbered_from_one_have_no_zero_part(parts: list[int]) -> None:
    assert not has_zero_part(".".join(map(str, parts)))
    assert has_zero_part(".".join(map(str, [*parts, 0])))
