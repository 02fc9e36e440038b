"""No character without a Unicode reading reaches a record; the document says what was dropped."""

from __future__ import annotations

from thaieval.pipeline.assemble.records import UNMAPPABLE_CHECK, guard_unmappable
from thaieval.schemas.records import (
    DocumentRecord,
    DocumentResult,
    FindingRecord,
    FlagRecord,
    FormRecord,
    IndicatorRecord,
    PageRecord,
)


def _result() -> DocumentResult:
    doc = DocumentRecord(document_id="d", source_path="a.pdf", sha256="")
    form = FormRecord(
        form_id="d-01",
        document_id="d",
        source_path="a.pdf",
        page_start=3,
        form_type="component",
        unit_name="สำนักการแพทย์",
        evaluator_name="นายสมชาย ใจดี",
    )
    indicator = IndicatorRecord(form_id="d-01", indicator_no=1, indicator_name="ร้อยละ", page=3)
    finding = FindingRecord(form_id="d-01", section="strength", item_no=1, text="ดี", page=4)
    return DocumentResult(document=doc, forms=[form], indicators=[indicator], findings=[finding])


def test_clean_records_are_left_alone() -> None:
    result = _result()
    before = result.model_dump()
    assert guard_unmappable(result).model_dump() == before


def test_unmappable_characters_are_dropped_and_reported_where() -> None:
    result = _result()
    result.indicators[0].indicator_name = "ร\uf70bอยละ"
    result.findings[0].text = "ดี\x00\ufffd"
    result.pages.append(PageRecord(document_id="d", source_path="a.pdf", page=4, notes="x\ue123"))
    guard_unmappable(result)
    assert (result.indicators[0].indicator_name, result.findings[0].text) == ("รอยละ", "ดี")
    assert result.pages[0].notes == "x"
    (flag,) = result.flags
    assert isinstance(flag, FlagRecord)
    assert (flag.form_id, flag.severity, flag.check) == ("", "warning", UNMAPPABLE_CHECK)
    assert (flag.field, flag.found, flag.page) == (
        "notes",
        "U+E123, U+F70B, U+0000, U+FFFD",
        4,
    )
    assert flag.message == (
        "4 characters without a Unicode reading dropped: U+E123 in pages.notes (page 4);"
        " U+F70B in indicators.indicator_name (form d-01, page 3);"
        " U+0000, U+FFFD in findings.text (form d-01, page 4)"
    )
