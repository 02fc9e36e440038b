"""Decisions applied to a document's reading, verified again, and written as its rows.

The reading (:mod:`thaieval.pipeline.review.reading`) is never changed: a copy of its forms gets the
values people decided, and :func:`~thaieval.pipeline.verify.document.verify_forms` and
:func:`~thaieval.pipeline.assemble.records.assemble` run on that copy as they ran on the reading, so a
corrected number that still breaks a rule stays flagged and one that now adds up is no longer
flagged. Each reviewed number keeps the value read beside it (``weighted_score_read`` …) and
the row says what was decided (``reviewed``).

A decision attaches to its value by key (:class:`~thaieval.pipeline.review.keys.Target`). When a new
reading (``--force``, a new release) gives a value that is neither the value read when the
person decided nor the value they decided, the decision is still applied (a person looked at
the page) but is in conflict: ``reviewed`` says so, a ``review_conflict`` warning is flagged
and the value is back in the queue. A decision whose value is no longer read at all is
flagged ``review_detached``.

>>> same(16.0, "16"), same(None, ""), same(8.77, "8.770"), same(3, "4")
(True, True, True, False)
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from thaieval.pipeline.assemble.records import assemble, form_id_of, guard_unmappable
from thaieval.pipeline.export.tables import format_value
from thaieval.pipeline.pages.records import PAGE_FLAG_CHECKS
from thaieval.pipeline.review.corrections import in_force
from thaieval.pipeline.review.keys import (
    BadValue,
    Target,
    correctable,
    form_keys,
    indicator_keys,
    parse_typed,
)
from thaieval.pipeline.review.reading import load_forms
from thaieval.pipeline.review.record import CorrectionRecord
from thaieval.pipeline.verify.document import verify_forms
from thaieval.schemas.forms import ParsedForm, ParsedIndicator
from thaieval.schemas.provenance import Prov
from thaieval.schemas.records import (
    DocumentRecord,
    DocumentResult,
    FlagRecord,
    FormRecord,
    IndicatorRecord,
    Record,
)

__all__ = ["Applied", "corrected_result", "reassemble", "rewrite_document", "same"]

CONFLICT_CHECK = "review_conflict"
DETACHED_CHECK = "review_detached"
UNREADABLE_CHECK = "reviewed_unreadable"


def same(value: object, text: str) -> bool:
    """Whether a stored value and a decision's text are the same number (or both empty)."""
    if value is None or value == "":
        return text == ""
    if text == "":
        return False
    try:
        return abs(float(str(value)) - float(text)) < 1e-9
    except ValueError:
        return str(value) == text


@dataclass
class Applied:
    """What became of one decision on this reading."""

    decision: CorrectionRecord
    found: bool  # the value is still read (its form, row and field exist)
    reading_now: str = ""  # the value this reading gives, as exported
    conflict: bool = False
    form_id: str = ""
    indicator_no: int | None = None

    def verdict(self) -> str:
        """``corrected by สมชาย 2026-12-06``, and the conflict when there is one."""
        d = self.decision
        text = f"{d.decision} by {d.who} {d.at[:10]}"
        if self.conflict:
            text += f" (conflict: read {d.value_read or 'empty'} then, {self.reading_now or 'empty'} now)"
        return text

    def reviewed_text(self) -> str:
        return f"{self.decision.field}: {self.verdict()}"


def reassemble(doc: DocumentRecord, forms: list[ParsedForm]) -> DocumentResult:
    """The rows of ``forms`` exactly as the pipeline makes them (verify, assemble, guard)."""
    return guard_unmappable(assemble(doc, forms, verify_forms(forms)))


def _locate(
    forms: list[ParsedForm], target: Target
) -> tuple[int, ParsedForm, ParsedIndicator | None] | None:
    keys = form_keys(forms)
    if target.form_key not in keys:
        return None
    fi = keys.index(target.form_key)
    form = forms[fi]
    if not target.indicator:
        return fi, form, None
    rows = indicator_keys(form.indicators)
    if target.indicator not in rows:
        return None
    return fi, form, form.indicators[rows.index(target.indicator)]


def _set_value(obj: ParsedForm | ParsedIndicator, name: str, decision: CorrectionRecord) -> None:
    """Put the decided value on the copy; its printed text is what the person typed, so the
    rules compare it to the decimals they typed."""
    text = "" if decision.decision == "unreadable" else decision.value_corrected
    try:
        value = parse_typed(text, name)[0] if text else None
    except BadValue:
        value = None  # an imported row was checked on import; never a made-up value
    old = getattr(obj, name)
    setattr(obj, name, value)
    obj.filled.pop(name, None)  # the person's value is read from the page, not borrowed
    prov = obj.prov.get(name) or Prov()
    obj.prov[name] = prov.model_copy(update={"text": text, "confidence": None})
    if isinstance(obj, ParsedIndicator) and name == "result_value":
        was = obj.criteria_result
        if was is not None and same(was, format_value(old)):
            obj.criteria_result = value  # the same cell, read for the criteria


def _record_value(base: DocumentResult, form_id: str, ind_no: int | None, name: str) -> object:
    if ind_no is None:
        rows: list[Record] = [f for f in base.forms if f.form_id == form_id]
    else:
        rows = [i for i in base.indicators if i.form_id == form_id and i.indicator_no == ind_no]
    return getattr(rows[0], name, None) if rows else None


def corrected_result(
    doc: DocumentRecord, reading: list[ParsedForm], decisions: dict[Target, CorrectionRecord]
) -> tuple[DocumentResult, list[Applied]]:
    """The document's rows with ``decisions`` applied to a copy of ``reading``."""
    base = reassemble(doc, [f.model_copy(deep=True) for f in reading])
    forms = [f.model_copy(deep=True) for f in reading]
    applied: list[Applied] = []
    for target, decision in sorted(decisions.items()):
        where = _locate(forms, target)
        if where is None:
            applied.append(Applied(decision, found=False))
            continue
        fi, form, ind = where
        done = Applied(
            decision,
            found=True,
            form_id=form_id_of(doc.document_id, fi + 1),
            indicator_no=ind.indicator_no if ind else None,
        )
        applied.append(done)
        if not correctable(target):
            continue  # accepted as read: the rows only say it was reviewed
        now = _record_value(base, done.form_id, done.indicator_no, target.field)
        done.reading_now = format_value(now)
        done.conflict = not same(now, decision.value_read) and not same(
            now, decision.value_corrected
        )
        _set_value(ind if ind is not None else form, target.field, decision)
    result = reassemble(doc, forms)
    _annotate(result, base, applied)
    return result, applied


def _annotate(result: DocumentResult, base: DocumentResult, applied: list[Applied]) -> None:
    notes: dict[tuple[str, int | None], list[str]] = {}
    for done in applied:
        d = done.decision
        if not done.found:
            result.flags.append(_flag(result, done, DETACHED_CHECK, _detached_message(d)))
            continue
        notes.setdefault((done.form_id, done.indicator_no), []).append(done.reviewed_text())
        if correctable(d.target):
            row = _row(result, done.form_id, done.indicator_no)
            if row is not None:
                value = _record_value(base, done.form_id, done.indicator_no, d.field)
                setattr(row, f"{d.field}_read", value)
        for flag in result.flags:
            if (flag.form_id, flag.indicator_no, flag.field) == (
                done.form_id,
                done.indicator_no,
                d.field,
            ):
                flag.reviewed = done.verdict()
        if done.conflict:
            result.flags.append(_flag(result, done, CONFLICT_CHECK, _conflict_message(done)))
        if d.decision == "unreadable":
            message = (
                f"{_label(done)}: {d.who} marked the value unreadable on the page "
                f"(read {d.value_read or 'empty'}); it is left empty"
            )
            result.flags.append(_flag(result, done, UNREADABLE_CHECK, message))
    for (form_id, ind_no), texts in notes.items():
        row = _row(result, form_id, ind_no)
        if row is not None:
            row.reviewed = "; ".join(texts)


def _row(
    result: DocumentResult, form_id: str, ind_no: int | None
) -> FormRecord | IndicatorRecord | None:
    rows: list[FormRecord] | list[IndicatorRecord]
    if ind_no is None:
        rows = [f for f in result.forms if f.form_id == form_id]
    else:
        rows = [i for i in result.indicators if i.form_id == form_id and i.indicator_no == ind_no]
    return rows[0] if rows else None


def _label(done: Applied) -> str:
    d = done.decision
    where = f"indicator {d.indicator}" if d.indicator else f"form {d.form_key}"
    return f"{d.field} of {where}"


def _conflict_message(done: Applied) -> str:
    d = done.decision
    return (
        f"{_label(done)}: this reading gives {done.reading_now or 'nothing'}, "
        f"but {d.who} decided {d.value_corrected or 'unreadable'} ({d.decision}) when it read "
        f"{d.value_read or 'nothing'}; the decision is kept, review it again"
    )


def _detached_message(d: CorrectionRecord) -> str:
    where = f"indicator {d.indicator} of form {d.form_key}" if d.indicator else f"form {d.form_key}"
    return (
        f"{d.who}'s decision on {d.field} of {where} ({d.decision} {d.value_corrected}) "
        "finds no such value in this reading; it is kept in corrections.csv"
    )


def _flag(result: DocumentResult, done: Applied, check: str, message: str) -> FlagRecord:
    d = done.decision
    return FlagRecord(
        document_id=result.document.document_id,
        form_id=done.form_id,
        severity="warning",
        check=check,
        field=d.field,
        expected=d.value_corrected,
        found=done.reading_now if done.found else "",
        message=message,
        indicator_no=done.indicator_no,
        reviewed=f"{d.decision} by {d.who} {d.at[:10]}",
    )


# --- the rows in the store ------------------------------------------------------------------

_REWRITTEN = ("forms", "indicators", "score_items", "findings", "checks", "flags")


def _insert(db: sqlite3.Connection, records: list[Record]) -> None:
    if not records:
        return
    cols = type(records[0]).columns()
    names = ", ".join(f'"{c}"' for c in cols)
    sql = f'INSERT INTO "{type(records[0]).table}" ({names}) VALUES ({", ".join("?" * len(cols))})'
    db.executemany(
        sql,
        [tuple(None if v == "" else v for v in r.model_dump().values()) for r in records],
    )


def _document(db: sqlite3.Connection, document_id: str) -> DocumentRecord | None:
    cursor = db.execute('SELECT * FROM "documents" WHERE "document_id" = ?', (document_id,))
    row = cursor.fetchone()
    if row is None:
        return None
    names = [c[0] for c in cursor.description]
    fields = set(DocumentRecord.model_fields)
    return DocumentRecord(
        **{k: v for k, v in zip(names, row, strict=True) if v is not None and k in fields}
    )


def rewrite_document(db: sqlite3.Connection, document_id: str) -> list[Applied]:
    """Replace the document's form rows, checks and flags (its page warnings stay) with the
    reading plus the decisions in force. Writes inside the caller's transaction."""
    doc = _document(db, document_id)
    reading = load_forms(db, document_id)
    if doc is None or reading is None:
        return []
    result, applied = corrected_result(doc, reading, in_force(db, doc.sha256))
    form_ids = [
        (r[0],)
        for r in db.execute('SELECT "form_id" FROM "forms" WHERE "document_id" = ?', (document_id,))
    ]
    for table in ("indicators", "score_items", "findings"):
        db.executemany(f'DELETE FROM "{table}" WHERE "form_id" = ?', form_ids)
    db.execute('DELETE FROM "forms" WHERE "document_id" = ?', (document_id,))
    db.execute('DELETE FROM "checks" WHERE "document_id" = ?', (document_id,))
    marks = ", ".join("?" * len(PAGE_FLAG_CHECKS))
    db.execute(
        f'DELETE FROM "flags" WHERE "document_id" = ? AND "check" NOT IN ({marks})',
        (document_id, *sorted(PAGE_FLAG_CHECKS)),
    )
    for records in (result.forms, result.indicators, result.score_items, result.findings):
        _insert(db, list(records))
    _insert(db, list(result.checks))
    _insert(db, list(result.flags))
    return applied
