"""The contract's tables (../shared/CONTRACT.md), one pydantic model per table.

Field order is column order. Columns beyond the contract's come last (``box``, ``line``,
``marker`` …); the contract's names keep their meaning.

>>> FlagRecord.columns()[:4]
['document_id', 'form_id', 'severity', 'check']
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning"]
Method = Literal["text", "ocr", "mixed", "ocr-text", ""]
Status = Literal["ok", "no_form", "failed"]
FormType = Literal["overall_summary", "component"]
Period = Literal["end_of_year", "mid_year", ""]
Section = Literal["reason", "weakness", "strength", "recommendation", "evidence"]


class Record(BaseModel):
    """A row of one contract table."""

    model_config = ConfigDict(extra="forbid")
    table: ClassVar[str] = ""

    @classmethod
    def columns(cls) -> list[str]:
        return list(cls.model_fields)


class DocumentRecord(Record):
    table: ClassVar[str] = "documents"
    document_id: str
    source_path: str
    sha256: str
    page_count: int | None = None
    method: Method = ""
    status: Status = "ok"
    error: str = ""
    form_count: int = 0
    pages_skipped: int = 0
    mean_ocr_confidence: float | None = None
    file_size: int | None = None
    seconds: float | None = None
    skip_reasons: str = ""
    read_options: str = ""  # the options that change a result (``dpi=300``), for re-runs


class FormRecord(Record):
    table: ClassVar[str] = "forms"
    form_id: str
    document_id: str
    source_path: str
    page_start: int | None = None
    page_end: int | None = None
    form_type: FormType
    component: str = ""
    component_title: str = ""
    fiscal_year: int | None = None
    period: Period = ""
    unit_name: str = ""
    parent_unit: str = ""
    total_weight: float | None = None
    total_score: float | None = None
    total_score_recomputed: float | None = None
    evaluator_name: str = ""
    evaluator_position: str = ""
    signed_date: str = ""
    evaluator_office: str = ""
    indicator_title: str = ""
    line_start: int | None = None
    line_end: int | None = None
    filled_from: str = ""  # header values the form does not print: ``field: source``
    # Where period came from: "title" (the form's own title or header), "forms" (not
    # printed: the unit's component forms all print that period), "" (none).
    period_source: str = ""
    # A person's review (thaieval.pipeline.review): the value read beside a reviewed number, which the
    # column before now holds as corrected, and what was decided.
    total_weight_read: float | None = None
    total_score_read: float | None = None
    reviewed: str = ""


class IndicatorRecord(Record):
    table: ClassVar[str] = "indicators"
    form_id: str
    indicator_no: int
    indicator_code: str = ""
    indicator_name: str = ""
    weight: float | None = None
    criteria: str = ""
    result_text: str = ""
    result_value: float | None = None
    level: int | None = None
    score_pct: float | None = None
    weighted_score: float | None = None
    weighted_score_recomputed: float | None = None
    page: int | None = None
    confidence: float | None = None
    box: str = ""
    line: int | None = None
    filled_from: str = ""
    indicator_ref: str = ""
    level_source: str = ""  # printed, derived_criteria, derived_score or filled
    note: str = ""  # the overall table's หมายเหตุ (remark) cell
    # A person's review (thaieval.pipeline.review): the value read beside each reviewed number.
    weight_read: float | None = None
    result_value_read: float | None = None
    level_read: int | None = None
    score_pct_read: float | None = None
    weighted_score_read: float | None = None
    reviewed: str = ""


class ScoreItemRecord(Record):
    table: ClassVar[str] = "score_items"
    form_id: str
    indicator_no: int
    part: int | None = None
    item: str = ""
    max_score: float | None = None
    score: float | None = None
    note: str = ""
    page: int | None = None
    box: str = ""
    line: int | None = None


class FindingRecord(Record):
    table: ClassVar[str] = "findings"
    form_id: str
    section: Section
    item_no: int
    text: str
    marker: str = ""
    page: int | None = None
    line: int | None = None


class FlagRecord(Record):
    table: ClassVar[str] = "flags"
    document_id: str
    form_id: str = ""
    severity: Severity
    check: str
    field: str = ""
    expected: str = ""
    found: str = ""
    message: str
    page: int | None = None
    box: str = ""
    line: int | None = None
    indicator_no: int | None = None
    reviewed: str = ""  # a person's decision on the value flagged (thaieval.pipeline.review)


class CheckRecord(Record):
    """One application of one scoring rule: ``passed``, ``failed`` (a flag says how) or
    ``unchecked`` (an input not printed or not read, or taken from the value it would check).

    Not in the contract: it says what verify could and could not check.
    """

    table: ClassVar[str] = "checks"
    document_id: str
    form_id: str = ""
    indicator_no: int | None = None
    rule: str
    status: Literal["passed", "failed", "unchecked"]
    inputs: str = ""
    reason: str = ""


class PageRecord(Record):
    """One source page: how it was read, or why it was passed over, and what was noticed.

    Not in the contract: it tells an auditor which pages were OCR'd, turned or skipped.
    """

    table: ClassVar[str] = "pages"
    document_id: str
    source_path: str
    page: int
    method: str = ""
    status: Literal["read", "skipped"] = "read"
    skip_reason: str = ""
    word_count: int | None = None
    mean_ocr_confidence: float | None = None
    turned_degrees: int | None = None
    skew_degrees: float | None = None
    notes: str = ""


class RereadRecord(Record):
    """One number of an OCR'd page read a second time after verify, and why: a reviewer
    sees what was read twice and what became of it (``changed``, ``confirmed``, ``kept`` or
    ``failed``). ``box`` is in the source page's frame, as every exported box.

    Not in the contract.
    """

    table: ClassVar[str] = "rereads"
    document_id: str
    page: int
    box: str = ""
    before: str = ""
    after: str = ""
    method: str = ""
    confidence: float | None = None
    reason: str = ""
    status: Literal["changed", "confirmed", "kept", "failed"]
    message: str = ""


ALL_RECORDS: tuple[type[Record], ...] = (
    DocumentRecord,
    PageRecord,
    FormRecord,
    IndicatorRecord,
    ScoreItemRecord,
    FindingRecord,
    FlagRecord,
    CheckRecord,
    RereadRecord,
)


class DocumentResult(BaseModel):
    """Everything one input produced: the unit of work and of commit."""

    document: DocumentRecord
    forms: list[FormRecord] = []
    indicators: list[IndicatorRecord] = []
    score_items: list[ScoreItemRecord] = []
    findings: list[FindingRecord] = []
    flags: list[FlagRecord] = []
    pages: list[PageRecord] = []
    checks: list[CheckRecord] = []
    # The parsed forms as JSON: the reading that a reviewer's corrections are applied to and
    # verified again (thaieval.pipeline.review.reading keeps it beside the tables; not a table itself).
    reading: str = ""
    rereads: list[RereadRecord] = []

    def tables(self) -> dict[str, list[Record]]:
        return {
            "documents": [self.document],
            "pages": list(self.pages),
            "forms": list(self.forms),
            "indicators": list(self.indicators),
            "score_items": list(self.score_items),
            "findings": list(self.findings),
            "flags": list(self.flags),
            "checks": list(self.checks),
            "rereads": list(self.rereads),
        }
