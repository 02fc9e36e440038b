from __future__ import annotations

from parsers.split_forms import split_forms
from schemas.page import Cell, Row

TITLE = "แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ"
YEAR = "ของหน่วยงานสังกัดกรุงเทพมหานคร ประจำปีงบประมาณ พ.ศ. 2567 (ระยะสิ้นปีงบประมาณ)"
UNIT = "ชื่อหน่วยงานผู้รับการประเมิน : สำนักงานเขตดุสิต"


def _rows(*pages: list[str]) -> list[Row]:
    return [Row(page=n, cells=[Cell(text=t)]) for n, lines in enumerate(pages, 1) for t in lines]


def test_a_form_whose_title_ocr_garbled_starts_at_its_unit_lines_header() -> None:
    rows = _rows([TITLE, YEAR, UNIT, "ตารางของฟอร์มแรก"], ["แลไรมปนคทหก", YEAR, UNIT, "ตารางที่สอง"])
    segments = split_forms(rows)
    assert [[r.text for r in s.rows] for s in segments] == [
        [TITLE, YEAR, UNIT, "ตารางของฟอร์มแรก"],
        ["แลไรมปนคทหก", YEAR, UNIT, "ตารางที่สอง"],
    ]


def test_a_form_over_two_pages_is_one_segment() -> None:
    rows = _rows([TITLE, YEAR, UNIT, "ตาราง"], ["ข้อเสนอแนะ", "ลงชื่อ"])
    assert len(split_forms(rows)) == 1
