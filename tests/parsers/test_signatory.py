"""The signatory block: a position whose grade a wrap cut, and the office line under it."""

from __future__ import annotations

from thaieval.parsers.signatory import completes_grade, read_signatory
from thaieval.schemas.page import Cell, Row


def _rows(lines: list[str]) -> list[Row]:
    return [
        Row(page=1, line=n, cells=[Cell(text=t)]) for n, line in enumerate(lines, 1) for t in [line]
    ]


def test_a_grade_wrapped_onto_the_next_line_completes_the_position() -> None:
    # Scanned 1.x forms (Laksaman, a narrow signatory column): ชำนาญการพิเศษ cut after
    # ชำนาญการ.
    sig = read_signatory(
        _rows(
            [
                "ลงชื่อ.....",
                "(นางพรทิพย์ วงศ์สวัสดิ์)",
                "ตำแหน่ง นักวิเคราะห์นโยบายและแผนชำนาญการ",
                "พิเศษ",
                "วัน/เดือน/ปี..... 23 ตุลาคม 2567",
            ]
        )
    )
    assert (sig.position, sig.office, sig.date) == (
        "นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ",
        "",
        "2024-10-23",
    )


def test_an_office_line_under_a_whole_position_stays_the_office() -> None:
    sig = read_signatory(
        _rows(
            [
                "ลงชื่อ.....",
                "(นายธนพล วงศ์ใหญ่)",
                "ตำแหน่ง นักวิเคราะห์นโยบายและแผนชำนาญการ",
                "สำนักงานเขตบางรัก",
                "วัน/เดือน/ปี 17 ต.ค. 2567",
            ]
        )
    )
    assert (sig.position, sig.office) == ("นักวิเคราะห์นโยบายและแผนชำนาญการ", "สำนักงานเขตบางรัก")


def test_grades_cut_anywhere_and_read_with_a_slip() -> None:
    assert completes_grade("นักวิชาการคอมพิวเตอร์ชำนาญ", "การ")
    assert completes_grade("นักวิเคราะห์นโยบายและแผนชำนาญการ", "พิเศบ")  # ษ read บ
    assert not completes_grade("นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ", "พิเศษ")
    assert not completes_grade("หัวหน้ากลุ่มติดตามและประเมินผล", "3")
    assert not completes_grade("นักทรัพยากรบุคคลปฏิบัติการ", "กลุ่มงาน บริหาร")
