"""A small dataset for the report tests, written with the real store: a born-digital PDF with
values at known boxes, a text input, and a document whose source has gone.

Units: U1 (a PDF of fiscal year 2566 and a missing PDF of 2567) and U2 (a text input).
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from thaieval.pipeline.export.store import Store
from thaieval.schemas.records import (
    DocumentRecord,
    DocumentResult,
    FindingRecord,
    FlagRecord,
    FormRecord,
    IndicatorRecord,
)

FONT = "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"
U1 = 'สำนักงานเขต <ทดสอบ> & "หนึ่ง"'  # markup characters: the report must escape them
U2 = "สำนักงานการต่างประเทศ"
VALUE_BOX = "100.0,200.0,160.0,216.0"  # where the PDF prints "87.145" on page 1
LOW_BOX = "100.0,400.0,160.0,416.0"  # where it prints "7.50"
TEXT_LINES = [f"บรรทัดที่ {n}" for n in range(1, 11)]
TEXT_FLAG_LINE = 5


def write_pdf(path: Path) -> Path:
    """Two A4 pages: page 1 prints 87.145 and 7.50 inside their boxes, page 2 a title."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("Laksaman", "", FONT)
    pdf.set_font("Laksaman", size=14)
    pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.set_xy(100, 200)
    pdf.cell(60, 16, "87.145")
    pdf.set_xy(100, 400)
    pdf.cell(60, 16, "7.50")
    pdf.add_page()
    pdf.set_xy(72, 72)
    pdf.cell(300, 20, "ผลการประเมิน หน้า 2")
    pdf.output(str(path))
    return path


def _form(form_id: str, doc: DocumentRecord, unit: str, year: int, **extra: object) -> FormRecord:
    values: dict[str, object] = {
        "form_id": form_id,
        "document_id": doc.document_id,
        "source_path": doc.source_path,
        "page_start": 1,
        "page_end": 1,
        "fiscal_year": year,
        "period": "end_of_year",
        "unit_name": unit,
        "form_type": "component",
        **extra,
    }
    return FormRecord.model_validate(values)


def _pdf_document() -> DocumentResult:
    doc = DocumentRecord(
        document_id="docA",
        source_path="src/a.pdf",
        sha256="a" * 64,
        page_count=2,
        method="text",
        form_count=2,
    )
    overall = _form(
        "docA-01",
        doc,
        U1,
        2566,
        form_type="overall_summary",
        total_score=87.145,
        total_score_recomputed=87.145,
    )
    comp = _form(
        "docA-02",
        doc,
        U1,
        2566,
        component="1.1",
        total_weight=30,
        total_score=30,
        total_score_recomputed=24,
    )
    indicators = [
        IndicatorRecord(form_id="docA-02", indicator_no=1, weight=30, level=4, weighted_score=30, weighted_score_recomputed=24, page=1, box=VALUE_BOX),
        IndicatorRecord(form_id="docA-02", indicator_no=2, weight=10, weighted_score=7.5, weighted_score_recomputed=7.5, page=1, box=LOW_BOX, confidence=40.0),
        IndicatorRecord(form_id="docA-02", indicator_no=3, weight=10, weighted_score=9.0, weighted_score_recomputed=9.0, page=1, box=LOW_BOX, confidence=30.0),
    ]  # fmt: skip
    flags = [
        FlagRecord(document_id="docA", form_id="docA-02", severity="error", check="weighted_score_mismatch", field="weighted_score", expected="24", found="30", message="indicator 1.1.1: weighted score 30 but the level rule gives 24", page=1, box=VALUE_BOX, indicator_no=1),
        FlagRecord(document_id="docA", form_id="docA-02", severity="warning", check="low_ocr_confidence", field="weighted_score", found="9", message="indicator 3 read with confidence 30", page=1, box=LOW_BOX, indicator_no=3),
        FlagRecord(document_id="docA", form_id="docA-01", severity="warning", check="overall_weight_sum", field="weight", expected="100", found="110", message="weights add up to 110, not 100", page=2),
        FlagRecord(document_id="docA", form_id="docA-01", severity="warning", check="overall_row_missing", field="indicators", expected="2", message="indicator 2 is missing from the overall table", page=2),
        FlagRecord(document_id="docA", severity="warning", check="header_mismatch", field="unit_name", message="the forms name two units"),
    ]  # fmt: skip
    return DocumentResult(document=doc, forms=[overall, comp], indicators=indicators, flags=flags)


def _missing_document() -> DocumentResult:
    doc = DocumentRecord(
        document_id="docB",
        source_path="gone/b.pdf",
        sha256="b" * 64,
        page_count=1,
        method="ocr",
        form_count=1,
    )
    comp = _form(
        "docB-01", doc, U1, 2567, component="1.1", total_score=27.5, total_score_recomputed=27.5
    )
    flag = FlagRecord(document_id="docB", form_id="docB-01", severity="error", check="form_total_mismatch", expected="27.5", found="28", message="total 28 but the indicators add up to 27.5", page=1, box=VALUE_BOX)  # fmt: skip
    return DocumentResult(document=doc, forms=[comp], flags=[flag])


def _text_document() -> DocumentResult:
    doc = DocumentRecord(
        document_id="docC",
        source_path="src/c.txt",
        sha256="c" * 64,
        page_count=1,
        method="ocr-text",
        form_count=1,
    )
    comp = _form(
        "docC-01", doc, U2, 2567, component="3.2", total_score=8.77, total_score_recomputed=8.77
    )
    finding = FindingRecord(form_id="docC-01", section="weakness", item_no=1, text="ไม่มีจุดอ่อน <b>")
    flag = FlagRecord(document_id="docC", form_id="docC-01", severity="warning", check="numbered_list_gap", field="findings.evidence", expected="1,2,3", found="1,3", message="the evidence list skips 2", page=1, line=TEXT_FLAG_LINE)  # fmt: skip
    return DocumentResult(document=doc, forms=[comp], findings=[finding], flags=[flag])


def write_dataset(root: Path) -> Path:
    """``root/src`` with the sources and ``root/out/dataset.sqlite``; returns the out folder."""
    (root / "src").mkdir(parents=True)
    write_pdf(root / "src" / "a.pdf")
    (root / "src" / "c.txt").write_text("\n".join(TEXT_LINES) + "\n", encoding="utf-8")
    out = root / "out"
    out.mkdir()
    store = Store(out / "dataset.sqlite")
    failed = DocumentRecord(document_id="docD", source_path="src/broken.pdf", sha256="d" * 64, status="failed", error="PDF is encrypted; decrypt it first")  # fmt: skip
    for result in (
        _pdf_document(),
        _missing_document(),
        _text_document(),
        DocumentResult(document=failed),
    ):
        store.save(result)
    store.close()
    return out
