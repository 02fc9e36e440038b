"""The map-to-schemas stage: parsed forms + verification → the contract's records, with ids.

Every box leaves here in the source page's frame (:func:`thaieval.schemas.frame.source_box`
through the page's :class:`~thaieval.schemas.frame.PageFrame`), whatever turn or deskew OCR
read the page with: parsing and verify work in the upright frame, a reviewer's crop of the
source page needs the source's.

:func:`guard_unmappable` is the last step before a document's records are written: a
character no text layer could map (U+0000, U+FFFD, private use) is dropped from every
value, and a document-level warning says what was dropped and where.

>>> form_id_of("653e087d120b85ad", 3)
'653e087d120b85ad-03'
"""

from __future__ import annotations

from thaieval.parsers.layer_chars import drop_unmappable, unmappable_names
from thaieval.pipeline.verify.document import Verification
from thaieval.schemas.forms import ParsedForm, ParsedIndicator
from thaieval.schemas.frame import PageFrame, source_box
from thaieval.schemas.page import Box, Page, Reread
from thaieval.schemas.records import (
    CheckRecord,
    DocumentRecord,
    DocumentResult,
    FindingRecord,
    FlagRecord,
    FormRecord,
    IndicatorRecord,
    Record,
    RereadRecord,
    ScoreItemRecord,
)

__all__ = ["assemble", "form_id_of", "guard_unmappable", "reread_records"]

UNMAPPABLE_CHECK = "unmappable_characters"


def form_id_of(document_id: str, position: int) -> str:
    """Stable form id: the document id and the form's 1-based position."""
    return f"{document_id}-{position:02d}"


# Decimals a recomputed value is stored with (the sheets print 3 at most, so a rounding of ours
# never shows), and a word confidence. Set by hand in the skeleton (f62841c) and 8a9fdce; no
# sweep recorded.
RECOMPUTED_DECIMALS = 4
CONFIDENCE_DECIMALS = 2


def _round(value: float | None, digits: int = RECOMPUTED_DECIMALS) -> float | None:
    return None if value is None else round(value, digits)


def _criteria(values: list[float]) -> str:
    return "|".join(f"{v:g}" for v in values)


def _sources(filled: dict[str, str]) -> str:
    return "; ".join(f"{name}: {source}" for name, source in sorted(filled.items()))


def _filled_from(ind: ParsedIndicator) -> str:
    """Where the row's values not read on it came from: the whole row (``component 3.1``),
    or field by field (``weight: overall table row 1.1.2``)."""
    return ind.filled_from or _sources(ind.filled)


def _row_confidence(prov: dict) -> float | None:
    confs = [
        p.confidence
        for name, p in prov.items()
        if name in ("weight", "weighted_score", "score_pct", "result_value")
        and p.confidence is not None
    ]
    return min(confs) if confs else None


class _Boxes:
    """Boxes of one document's pages as exported: in each page's source frame."""

    def __init__(self, pages: list[Page]) -> None:
        self.frames: dict[int, PageFrame] = {p.number: p.frame for p in pages if p.frame}

    def text(self, page: int | None, box: Box | None) -> str:
        frame = self.frames.get(page) if page is not None else None
        return source_box(frame, box)


def reread_records(
    document_id: str, rereads: list[Reread], pages: list[Page]
) -> list[RereadRecord]:
    """The rows of ``rereads.csv`` for one document's second readings."""
    boxes = _Boxes(pages)
    return [
        RereadRecord(
            document_id=document_id,
            page=r.page,
            box=boxes.text(r.page, r.box),
            before=r.before,
            after=r.after,
            method=r.method,
            confidence=_round(r.confidence, CONFIDENCE_DECIMALS),
            reason=r.reason,
            status=r.status,
            message=r.message,
        )
        for r in rereads
    ]


def assemble(
    document: DocumentRecord,
    forms: list[ParsedForm],
    check: Verification,
    pages: list[Page] | None = None,
    rereads: list[Reread] | None = None,
) -> DocumentResult:
    """Records of one document; the document row gets its form count. ``pages`` give the
    frames boxes are exported in (none: boxes as the parsers saw them)."""
    doc_id, source = document.document_id, document.source_path
    boxes = _Boxes(pages or [])
    result = DocumentResult(
        document=document.model_copy(update={"form_count": len(forms)}),
        rereads=reread_records(doc_id, rereads or [], pages or []),
    )
    form_ids: dict[int, str] = {}
    for fi, form in enumerate(forms):
        form_id = form_id_of(doc_id, fi + 1)
        form_ids[fi] = form_id
        result.forms.append(
            FormRecord(
                form_id=form_id,
                document_id=doc_id,
                source_path=source,
                page_start=form.page_start,
                page_end=form.page_end,
                form_type=form.form_type,
                component=form.component if form.form_type == "component" else "",
                component_title=form.component_title,
                fiscal_year=form.fiscal_year,
                period=form.period,
                unit_name=form.unit_name,
                parent_unit=form.parent_unit,
                total_weight=form.total_weight,
                total_score=form.total_score,
                total_score_recomputed=_round(check.form_recomputed.get(fi)),
                evaluator_name=form.evaluator_name,
                evaluator_position=form.evaluator_position,
                signed_date=form.signed_date,
                evaluator_office=form.evaluator_office,
                indicator_title=form.indicator_title,
                line_start=form.line_start,
                line_end=form.line_end,
                filled_from=_sources(form.filled),
                period_source="forms"
                if "period" in form.filled
                else "title"
                if form.period
                else "",
            )
        )
        for ind in form.indicators:
            result.indicators.append(
                IndicatorRecord(
                    form_id=form_id,
                    indicator_no=ind.indicator_no,
                    indicator_code=ind.indicator_code if ind.code_printed else "",
                    indicator_name=ind.indicator_name,
                    weight=ind.weight,
                    criteria=_criteria(ind.criteria),
                    result_text=ind.result_text,
                    result_value=ind.result_value,
                    level=ind.level
                    if ind.level is not None
                    else check.derived_level.get((fi, ind.indicator_no)),
                    score_pct=ind.score_pct,
                    weighted_score=ind.weighted_score,
                    weighted_score_recomputed=_round(
                        check.indicator_recomputed.get((fi, ind.indicator_no))
                    ),
                    page=ind.page,
                    confidence=_row_confidence(ind.prov),
                    box=boxes.text(ind.page, ind.box),
                    line=ind.line,
                    filled_from=_filled_from(ind),
                    indicator_ref=ind.indicator_code,
                    level_source=check.level_source.get((fi, ind.indicator_no), ""),
                    note=ind.note,
                )
            )
        for item in form.score_items:
            prov = item.prov.get("score") or item.prov.get("max_score")
            result.score_items.append(
                ScoreItemRecord(
                    form_id=form_id,
                    indicator_no=item.indicator_no,
                    part=item.part,
                    item=item.item,
                    max_score=item.max_score,
                    score=item.score,
                    note=item.note,
                    page=prov.page if prov else None,
                    box=boxes.text(prov.page, prov.box) if prov else "",
                    line=prov.line if prov else None,
                )
            )
        for finding in form.findings:
            result.findings.append(
                FindingRecord(
                    form_id=form_id,
                    section=finding.section,
                    item_no=finding.item_no,
                    text=finding.text,
                    marker=finding.marker,
                    page=finding.prov.page,
                    line=finding.prov.line,
                )
            )
    for flag_form, note in check.flags:
        result.flags.append(
            FlagRecord(
                document_id=doc_id,
                form_id=form_ids.get(flag_form, "") if flag_form is not None else "",
                severity=note.severity,
                check=note.check,
                field=note.field,
                expected=note.expected,
                found=note.found,
                message=note.message,
                page=note.prov.page,
                box=boxes.text(note.prov.page, note.prov.box),
                line=note.prov.line,
                indicator_no=note.indicator_no,
            )
        )
    for check_form, rule in check.checks:
        result.checks.append(
            CheckRecord(
                document_id=doc_id,
                form_id=form_ids.get(check_form, "") if check_form is not None else "",
                indicator_no=rule.indicator_no,
                rule=rule.rule,
                status=rule.status,
                inputs=rule.inputs,
                reason=rule.reason,
            )
        )
    return result


def _where(table: str, name: str, record: Record) -> str:
    """``forms.unit_name (form d-01, page 3)``: the column and the row it was dropped from."""
    row = []
    form_id = getattr(record, "form_id", "")
    if form_id:
        row.append(f"form {form_id}")
    for key in ("page", "page_start"):
        page = getattr(record, key, None)
        if isinstance(page, int):
            row.append(f"page {page}")
            break
    return f"{table}.{name}" + (f" ({', '.join(row)})" if row else "")


def guard_unmappable(result: DocumentResult) -> DocumentResult:
    """Drop every unmappable character from ``result``'s values, in place, and add one
    document-level warning listing what was dropped and where (none when nothing was).

    >>> doc = DocumentRecord(document_id="d", source_path="a.pdf", sha256="")
    >>> result = DocumentResult(document=doc, forms=[FormRecord(form_id="d-01", document_id="d",
    ...     source_path="a.pdf", page_start=2, form_type="component", unit_name="สำนัก\ufffdงาน")])
    >>> flag = guard_unmappable(result).flags[0]
    >>> result.forms[0].unit_name, flag.check, flag.message
    ('สำนักงาน', 'unmappable_characters', '1 character without a Unicode reading dropped: U+FFFD in forms.unit_name (form d-01, page 2)')
    """
    dropped: list[tuple[str, str, Record]] = []
    for table, records in result.tables().items():
        for record in records:
            for name, value in record:
                if not isinstance(value, str):
                    continue
                clean, chars = drop_unmappable(value)
                if chars:
                    setattr(record, name, clean)
                    dropped.append((chars, _where(table, name, record), record))
    if not dropped:
        return result
    chars = "".join(c for c, _, _ in dropped)
    places = "; ".join(f"{unmappable_names(c)} in {where}" for c, where, _ in dropped)
    count = len(chars)
    first = dropped[0][2]
    page = getattr(first, "page", None) or getattr(first, "page_start", None)
    result.flags.append(
        FlagRecord(
            document_id=result.document.document_id,
            severity="warning",
            check=UNMAPPABLE_CHECK,
            field=dropped[0][1].split(" ")[0].split(".", 1)[1],
            found=unmappable_names(chars),
            message=(
                f"{count} character{'s' if count != 1 else ''} without a Unicode reading"
                f" dropped: {places}"
            ),
            page=page if isinstance(page, int) else None,
        )
    )
    return result
