from __future__ import annotations

from thaieval.parsers.split_forms import split_forms
from thaieval.schemas.page import Cell, Row

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


def test_an_overall_title_in_other_words_is_typed_by_the_table_that_follows() -> None:
    from thaieval.parsers.split_forms import split_forms
    from thaieval.schemas.page import Cell, Row

    def rows(*lines: str) -> list[Row]:
        return [Row(page=1, cells=[Cell(text=t) for t in line.split("\t")]) for line in lines]

    overall = rows(
        "ผลการประเมินผลการปฏิบัติราชการ รอบ 6 เดือน ประจำปีงบประมาณ พ.ศ. 2567",
        "ของหน่วยงาน สำนักงานเขตบางรัก",
        "องค์ประกอบ\tตัวชี้วัด\tน้ำหนัก (ร้อยละ)\tเป้าหมาย/เกณฑ์การให้คะแนน\tหมายเหตุ",
        "1 คะแนน\t2 คะแนน\t3 คะแนน\t4 คะแนน\t5 คะแนน",
    )
    component = rows(
        "แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ",
        "ของหน่วยงานสังกัดกรุงเทพมหานคร ประจำปีงบประมาณ พ.ศ. 2567 (รอบ 6 เดือน)",
        "ชื่อหน่วยงานผู้รับการประเมิน : สำนักงานเขตบางรัก",
    )
    assert [(s.form_type, len(s.rows)) for s in split_forms(overall + component)] == [
        ("overall_summary", 4),
        ("component", 3),
    ]
    # The same opening words before a component form's unit line do not make an overall table.
    odd = rows(
        "ผลการประเมินผลการปฏิบัติราชการ รอบ 6 เดือน ประจำปีงบประมาณ พ.ศ. 2567",
        "ชื่อหน่วยงานผู้รับการประเมิน : สำนักงานเขตบางรัก",
    )
    assert [s.form_type for s in split_forms(odd)] == ["component"]
