"""Which scanned pages are read whole, which are screened, and which are passed over."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from fpdf import FPDF

from tests.pipeline.scan_fixtures import FONT, form_pdf, image_pdf, rasterise
from thaieval.pipeline.pages.pdf import read_pdf_pages
from thaieval.schemas.page import Page

BUDGET = [
    "งบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2565",
    "แผนงานพื้นฐานด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์",
    "ผลผลิต: ผู้สำเร็จการศึกษาระดับปริญญาตรี งบประมาณทั้งสิ้น 120,000,000 บาท",
]


def _budget_page(path: Path, lines: list[str] = BUDGET) -> np.ndarray:
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("Laksaman", "", FONT)
    pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.set_font("Laksaman", size=16)
    for i, line in enumerate(lines):
        pdf.set_xy(50, 60 + 30 * i)
        pdf.cell(495, 24, line)
    pdf.output(str(path))
    return rasterise(path, dpi=150)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> list[Page]:
    tmp = tmp_path_factory.mktemp("mixed")
    budget = _budget_page(tmp / "budget.pdf")
    form = rasterise(form_pdf(tmp / "form.pdf"), dpi=150)
    blank = np.full_like(form, 255)
    scan = image_pdf([budget, budget, blank, form], tmp / "mixed.pdf", dpi=150)
    return read_pdf_pages(scan, dpi=150)


def test_a_range_opening_scanned_page_is_read_whole_even_without_a_form(mixed: list[Page]) -> None:
    first = mixed[0]
    assert first.method == "ocr" and not first.skipped and first.rows


def test_after_a_page_with_no_form_pages_are_screened_and_passed_over(mixed: list[Page]) -> None:
    assert [p.skipped for p in mixed] == [False, True, True, False]
    assert "screen" in mixed[1].skip_reason


def test_the_form_after_formless_pages_is_still_read(mixed: list[Page]) -> None:
    form = mixed[3]
    assert form.method == "ocr"
    assert any("แบบสรุปผลคะแนน" in r.text for r in form.rows)


# An overall table's page whose title puts the period first and says ราชการ (not the usual
# ผลการประเมินผลการปฏิบัติงานประจำปีงบประมาณ), its table's header under it.
MID_YEAR_OVERALL = [
    "ผลการประเมินผลการปฏิบัติราชการ รอบ 6 เดือน ประจำปีงบประมาณ พ.ศ. 2568",
    "ของหน่วยงาน สำนักงานเขตคลองเตย",
    "องค์ประกอบ   ตัวชี้วัด   น้ำหนัก (ร้อยละ)   เป้าหมาย/เกณฑ์การให้คะแนน",
]


def test_an_overall_page_titled_another_way_after_formless_pages_is_read(tmp_path: Path) -> None:
    budget = _budget_page(tmp_path / "budget.pdf")
    overall = _budget_page(tmp_path / "overall.pdf", MID_YEAR_OVERALL)
    pages = read_pdf_pages(
        image_pdf([budget, budget, overall], tmp_path / "b.pdf", dpi=150), dpi=150
    )
    assert [p.skipped for p in pages] == [False, True, False]
    assert any("รอบ 6 เดือน" in r.text.replace("๖", "6") for r in pages[2].rows)
