"""What needs a person: error flags, numbers read with low OCR confidence, values filled from
another form, decisions in conflict with a new reading, and every value already decided (so
a decision stays in view after the flag it answered is gone).

One :class:`Item` per value (:class:`~thaieval.pipeline.review.keys.Target`), whatever brought it to
the queue, with what the reviewer needs beside the crop: the value in force and the value
read, the recomputed value, the rules applied to it (``checks``) and its flags now.

>>> queue = build_queue(sqlite3.connect(":memory:"))  # doctest: +SKIP
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from thaieval.pipeline.assemble.records import form_id_of
from thaieval.pipeline.export.tables import format_value
from thaieval.pipeline.review.apply import CONFLICT_CHECK
from thaieval.pipeline.review.corrections import ensure_table, in_force
from thaieval.pipeline.review.keys import (
    FORM_FIELDS,
    INDICATOR_FIELDS,
    Target,
    correctable,
    form_keys,
    indicator_keys,
    item_id,
)
from thaieval.pipeline.review.reading import ensure_table as ensure_readings
from thaieval.pipeline.review.reading import load_forms
from thaieval.pipeline.review.record import CorrectionRecord
from thaieval.pipeline.verify.indicator import LOW_CONFIDENCE_CHECK
from thaieval.schemas.forms import ROW_VALUE, TOTAL_WEIGHT, ParsedForm
from thaieval.schemas.provenance import Prov

__all__ = ["Item", "build_document", "build_queue", "document_rows", "find_item"]


Row = dict[str, Any]


@dataclass
class Item:
    """One value for a person to decide."""

    id: str
    target: Target
    reasons: list[str]  # error, low_confidence, filled, conflict, decided
    document: Row
    form: Row
    indicator: Row | None
    value: str  # in force (corrected where decided)
    value_read: str  # as read by the pipeline
    recomputed: str
    flags: list[Row] = field(default_factory=list)
    checks: list[Row] = field(default_factory=list)
    decision: CorrectionRecord | None = None
    prov: Prov = field(default_factory=Prov)

    @property
    def state(self) -> str:
        if "conflict" in self.reasons:
            return "conflict"
        return "decided" if self.decision else "open"

    def summary(self) -> dict[str, Any]:
        ind = self.indicator or {}
        return {
            "id": self.id,
            "state": self.state,
            "reasons": self.reasons,
            "document_id": self.document["document_id"],
            "source_path": self.document["source_path"],
            "form_id": self.form["form_id"],
            "form_key": self.target.form_key,
            "unit": self.form.get("unit_name") or "",
            "component": self.form.get("component") or "overall",
            "indicator": self.target.indicator,
            "indicator_name": ind.get("indicator_name") or "",
            "field": self.target.field,
            "correctable": correctable(self.target),
            "value": self.value,
            "value_read": self.value_read,
            "recomputed": self.recomputed,
            "recomputed_column": "weighted_score_recomputed"
            if self.target.indicator
            else "total_score_recomputed",
            "severity": "error" if any(f["severity"] == "error" for f in self.flags) else "",
            "decision": self.decision.model_dump() if self.decision else None,
        }

    def detail(self) -> dict[str, Any]:
        return {
            **self.summary(),
            "flags": self.flags,
            "checks": self.checks,
            "page": self.prov.page,
            "line": self.prov.line,
            "box": self.prov.box.as_text() if self.prov.box else "",
        }


def _from_another_form(source: str | None) -> bool:
    """Whether a filled value was taken from another form (not from the form's own row or
    total, which verify already marks unchecked)."""
    return bool(source) and source not in (ROW_VALUE, TOTAL_WEIGHT)


def _rows(db: sqlite3.Connection, sql: str, args: tuple[Any, ...] = ()) -> list[Row]:
    cursor = db.execute(sql, args)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor]


class _Document:
    """One document's rows and reading, with the keys of its forms and rows."""

    def __init__(self, db: sqlite3.Connection, doc: Row, reading: list[ParsedForm]) -> None:
        doc_id = doc["document_id"]
        self.doc, self.reading = doc, reading
        self.forms = {
            f["form_id"]: f
            for f in _rows(db, 'SELECT * FROM "forms" WHERE "document_id" = ?', (doc_id,))
        }
        self.indicators = {
            (i["form_id"], i["indicator_no"]): i
            for i in _rows(
                db,
                'SELECT i.* FROM "indicators" i JOIN "forms" f USING ("form_id") '
                'WHERE f."document_id" = ?',
                (doc_id,),
            )
        }
        self.flags = _rows(
            db, 'SELECT * FROM "flags" WHERE "document_id" = ? ORDER BY rowid', (doc_id,)
        )
        self.checks = _rows(
            db, 'SELECT * FROM "checks" WHERE "document_id" = ? ORDER BY rowid', (doc_id,)
        )
        self.form_key: dict[str, str] = {}
        self.row_key: dict[tuple[str, int], str] = {}
        self.where: dict[tuple[str, str], tuple[str, int | None, ParsedForm, Any]] = {}
        for fi, (key, form) in enumerate(zip(form_keys(reading), reading, strict=True)):
            form_id = form_id_of(doc_id, fi + 1)
            self.form_key[form_id] = key
            self.where[(key, "")] = (form_id, None, form, None)
            for ikey, ind in zip(indicator_keys(form.indicators), form.indicators, strict=True):
                self.row_key[(form_id, ind.indicator_no)] = ikey
                self.where[(key, ikey)] = (form_id, ind.indicator_no, form, ind)

    def target_of(self, form_id: str, indicator_no: int | None, name: str) -> Target | None:
        key = self.form_key.get(form_id)
        if key is None:
            return None
        ikey = "" if indicator_no is None else self.row_key.get((form_id, indicator_no))
        if ikey is None:
            return None
        return Target(self.doc["sha256"], key, ikey, name)

    def candidates(self) -> dict[Target, list[str]]:
        """Targets and why each is in the queue (before decisions are added)."""
        out: dict[Target, list[str]] = {}

        def add(target: Target | None, reason: str) -> None:
            if target is not None and reason not in out.setdefault(target, []):
                out[target].append(reason)

        for flag in self.flags:
            if not flag["form_id"]:
                continue  # a page's warning: nothing on it a person can type
            reason = {"error": "error"}.get(flag["severity"], "")
            if flag["check"] == LOW_CONFIDENCE_CHECK:
                reason = "low_confidence"
            if flag["check"] == CONFLICT_CHECK:
                reason = "conflict"
            if reason:
                add(
                    self.target_of(flag["form_id"], flag["indicator_no"], flag["field"] or ""),
                    reason,
                )
        for (key, ikey), (_, _, form, ind) in self.where.items():
            if ind is None:
                for name in FORM_FIELDS:
                    if _from_another_form(form.filled.get(name)):
                        add(Target(self.doc["sha256"], key, "", name), "filled")
                continue
            for name in INDICATOR_FIELDS:
                row_filled = ind.filled_from and getattr(ind, name) is not None
                if _from_another_form(ind.filled.get(name)) or (
                    row_filled and name in ("weight", "weighted_score")
                ):
                    add(Target(self.doc["sha256"], key, ikey, name), "filled")
        return out

    def item(
        self, target: Target, reasons: list[str], decision: CorrectionRecord | None
    ) -> Item | None:
        where = self.where.get((target.form_key, target.indicator))
        if where is None:
            return None
        form_id, ind_no, form, ind = where
        form_row = self.forms.get(form_id, {"form_id": form_id})
        ind_row = self.indicators.get((form_id, ind_no)) if ind_no is not None else None
        row = ind_row if ind_no is not None else form_row
        flags = [
            f
            for f in self.flags
            if f["form_id"] == form_id
            and f["indicator_no"] == ind_no
            and f["field"] == target.field
        ]
        value = format_value((row or {}).get(target.field))
        read = (row or {}).get(f"{target.field}_read")
        value_read = format_value(read) if decision and read is not None else value
        if not correctable(target):
            value = value_read = next((str(f["found"] or "") for f in flags), "")
        recomputed = format_value(
            (ind_row or {}).get("weighted_score_recomputed")
            if ind_no is not None
            else form_row.get("total_score_recomputed")
        )
        checks = [
            c
            for c in self.checks
            if c["form_id"] == form_id
            and c["indicator_no"] == ind_no
            and (ind_no is not None or c["rule"] == target.field)
        ]
        source = ind if ind is not None else form
        prov = source.prov.get(target.field) or (
            Prov(page=ind.page, box=ind.box, line=ind.line)
            if ind is not None
            else Prov(page=form.page_start, line=form.line_start)
        )
        if prov.page is None and flags:
            prov = Prov(page=flags[0]["page"], line=flags[0]["line"])
        if decision is not None and "decided" not in reasons:
            reasons = [*reasons, "decided"]
        return Item(
            item_id(target),
            target,
            reasons,
            self.doc,
            form_row,
            ind_row,
            value,
            value_read,
            recomputed,
            flags,
            checks,
            decision,
            prov,
        )


def document_rows(db: sqlite3.Connection, document_ids: list[str] | None = None) -> list[Row]:
    """The ``documents`` rows (all, or those of ``document_ids``), in the queue's order."""
    sql = 'SELECT * FROM "documents"'
    args: tuple[str, ...] = ()
    if document_ids is not None:
        args = tuple(document_ids)
        sql += f' WHERE "document_id" IN ({", ".join("?" * len(args))})'
    return _rows(db, sql + ' ORDER BY "source_path", "document_id"', args)


def build_document(
    db: sqlite3.Connection, doc: Row, decided: dict[Target, CorrectionRecord]
) -> list[Item]:
    """The items of one document (``doc`` its ``documents`` row), in form and row order;
    ``decided`` holds the decisions in force (of this document, or of more)."""
    reading = load_forms(db, doc["document_id"])
    if reading is None:
        return []
    document = _Document(db, doc, reading)
    candidates = document.candidates()
    for target in decided:
        if target.sha256 == doc["sha256"]:
            candidates.setdefault(target, [])
    order = {t: i for i, t in enumerate(document.where)}
    items = []
    for target in sorted(
        candidates, key=lambda t: (order.get((t.form_key, t.indicator), 0), t.field)
    ):
        item = document.item(target, candidates[target], decided.get(target))
        if item is not None:
            items.append(item)
    return items


def build_queue(db: sqlite3.Connection, document_id: str | None = None) -> list[Item]:
    """Every item of the dataset (or of one document), in document, form and row order."""
    ensure_table(db)
    ensure_readings(db)
    docs = document_rows(db, None if document_id is None else [document_id])
    decided = in_force(db, docs[0]["sha256"] if document_id is not None and docs else None)
    return [item for doc in docs for item in build_document(db, doc, decided)]


def find_item(db: sqlite3.Connection, wanted: str, document_id: str | None = None) -> Item | None:
    """The item with id ``wanted`` (looked for in ``document_id`` alone when given), or None."""
    return next((i for i in build_queue(db, document_id) if i.id == wanted), None)
