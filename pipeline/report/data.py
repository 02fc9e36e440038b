"""The review report's view of ``dataset.sqlite``: the tables as dicts, grouped by unit.

A *unit* is the evaluated unit; its forms may come from several documents and fiscal years.
Units are counted from the documents, as the pipeline reads them (one unit per document): a
document's unit is the ``unit_name`` most of its forms read, and a form whose header reads
another name is shown under it, its reading named, never as a unit of its own. When a
document's readings tie, the one another document reads surely decides; otherwise the
document's unit is unsure (:data:`UNSURE_UNIT`) and shown as such. Flags follow their document.

>>> data = load_report_data(Path("out/demo/dataset.sqlite"))  # doctest: +SKIP
>>> [u.name for u in data.units()][:1]  # doctest: +SKIP
['สำนักงานการต่างประเทศ']
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "NO_UNIT",
    "UNSURE_UNIT",
    "DocumentUnit",
    "ReportData",
    "Row",
    "Unit",
    "component_key",
    "component_label",
    "document_units",
    "load_report_data",
]

Row = dict[str, Any]
NO_UNIT = "(no unit)"  # documents that failed or hold no form, or whose forms read no unit
UNSURE_UNIT = "(unit unsure)"  # documents whose forms disagree on their unit, evenly

# Same order as flags.csv (pipeline/export/tables.py), so the report lists flags as the CSV does.
_ORDER = {
    "documents": "source_path, document_id",
    "forms": "form_id",
    "indicators": "form_id, indicator_no",
    "score_items": "form_id, indicator_no, part, rowid",
    "findings": "form_id, section, item_no",
    "flags": 'document_id, form_id, severity, "check", rowid',
}


def component_key(component: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key putting ``1.2`` before ``1.10`` and the overall summary (``""``) first.

    >>> sorted(["3.2", "", "1.10", "1.2"], key=component_key)
    ['', '1.2', '1.10', '3.2']
    """
    # numbers before text, so that an OCR'd oddity ("3ก") never compares an int with a str
    return tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\s]+", component) if p
    )


def component_label(form: Row) -> str:
    """What the filter and headings call a form's component: ``1.1`` or ``overall``.

    >>> component_label({"form_type": "overall_summary", "component": ""})
    'overall'
    """
    if form.get("form_type") == "overall_summary":
        return "overall"
    return str(form.get("component") or "?")


@dataclass(frozen=True)
class DocumentUnit:
    """The unit of one document: ``name`` (or :data:`NO_UNIT`, :data:`UNSURE_UNIT`) and every
    distinct reading its forms hold, most frequent first."""

    name: str
    readings: tuple[str, ...] = ()


def document_units(forms: list[Row]) -> dict[str, DocumentUnit]:
    """The unit of each document that has forms, from its forms' ``unit_name`` readings.

    >>> forms = [{"document_id": "a", "unit_name": "ดุสิต"}, {"document_id": "a", "unit_name": "ดุสิต"},
    ...          {"document_id": "a", "unit_name": "ดูสิด"}, {"document_id": "b", "unit_name": "ดุสิต"},
    ...          {"document_id": "c", "unit_name": "บางรัก"}, {"document_id": "c", "unit_name": "บางรัด"}]
    >>> units = document_units(forms)
    >>> units["a"].name, units["a"].readings, units["c"].name
    ('ดุสิต', ('ดุสิต', 'ดูสิด'), '(unit unsure)')
    """
    readings: dict[str, Counter[str]] = defaultdict(Counter)
    for form in forms:
        counts = readings[form["document_id"]]
        if form.get("unit_name"):
            counts[form["unit_name"]] += 1
    decided: dict[str, DocumentUnit] = {}
    tied: dict[str, list[str]] = {}
    for doc, counts in readings.items():
        ranked = counts.most_common()
        names = tuple(name for name, _ in ranked)
        if not ranked:
            decided[doc] = DocumentUnit(NO_UNIT)
        elif len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            decided[doc] = DocumentUnit(ranked[0][0], names)
        else:
            tied[doc] = [name for name, n in ranked if n == ranked[0][1]]
    sure = {u.name for u in decided.values()}
    for doc, candidates in tied.items():
        # Another document reading one of them (and one only) is the evidence; else unsure.
        confirmed = [name for name in candidates if name in sure]
        every = tuple(name for name, _ in readings[doc].most_common())
        name = confirmed[0] if len(confirmed) == 1 else UNSURE_UNIT
        decided[doc] = DocumentUnit(name, every)
    return decided


@dataclass
class Unit:
    """One evaluated unit: its forms (sorted by year, period, component) and flags."""

    name: str
    forms: list[Row] = field(default_factory=list)
    flags: list[Row] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted({f["fiscal_year"] for f in self.forms if f.get("fiscal_year")})


@dataclass
class ReportData:
    """Every table of one dataset as lists of dicts, with look-ups by id."""

    documents: list[Row]
    forms: list[Row]
    indicators: list[Row]
    score_items: list[Row]
    findings: list[Row]
    flags: list[Row]

    def __post_init__(self) -> None:
        self.document_by_id = {d["document_id"]: d for d in self.documents}
        self.unit_of_document = document_units(self.forms)
        self.form_by_id = {f["form_id"]: f for f in self.forms}
        self.indicators_of: dict[str, list[Row]] = defaultdict(list)
        for row in self.indicators:
            self.indicators_of[row["form_id"]].append(row)
        self.score_items_of: dict[str, list[Row]] = defaultdict(list)
        for row in self.score_items:
            self.score_items_of[row["form_id"]].append(row)
        self.findings_of: dict[str, list[Row]] = defaultdict(list)
        for row in self.findings:
            self.findings_of[row["form_id"]].append(row)

    def unit_of_form(self, form: Row) -> str:
        """The unit a form is shown under: its document's (see :func:`document_units`)."""
        return self.unit_of_document[form["document_id"]].name

    def unit_of_flag(self, flag: Row) -> str:
        """The unit a flag is filed under (:data:`NO_UNIT` when its document has no form)."""
        unit = self.unit_of_document.get(flag.get("document_id") or "")
        return unit.name if unit else NO_UNIT

    def unit_count(self) -> int:
        """Units read surely: distinct document units, less the unsure and the unnamed."""
        names = {u.name for u in self.unit_of_document.values()}
        return len(names - {NO_UNIT, UNSURE_UNIT})

    def unsure_documents(self) -> int:
        return sum(u.name == UNSURE_UNIT for u in self.unit_of_document.values())

    def units(self) -> list[Unit]:
        """Units in name order, each with its forms and flags; :data:`NO_UNIT` last."""
        units: dict[str, Unit] = {}
        for form in sorted(self.forms, key=_form_order):
            name = self.unit_of_form(form)
            units.setdefault(name, Unit(name)).forms.append(form)
        for flag in self.flags:
            name = self.unit_of_flag(flag)
            units.setdefault(name, Unit(name)).flags.append(flag)
        special = (UNSURE_UNIT, NO_UNIT)
        return sorted(
            units.values(),
            key=lambda u: (
                u.name in special,
                special.index(u.name) if u.name in special else 0,
                u.name,
            ),
        )

    def failures(self) -> list[Row]:
        return [d for d in self.documents if d.get("status") == "failed"]


def _form_order(form: Row) -> tuple[Any, ...]:
    return (
        form.get("fiscal_year") or 0,
        form.get("period") != "end_of_year",  # the year's result before its mid-year round
        form.get("document_id") or "",
        form.get("form_type") != "overall_summary",
        component_key(form.get("component") or ""),
    )


def _table(db: sqlite3.Connection, name: str) -> list[Row]:
    try:
        cursor = db.execute(f'SELECT * FROM "{name}" ORDER BY {_ORDER[name]}')
    except sqlite3.OperationalError:  # a dataset written before the table existed
        return []
    cols = [c[0] for c in cursor.description]
    # The store keeps an unknown text as NULL; the report's code reads it as "" (as in the CSV).
    text = {r[1] for r in db.execute(f'PRAGMA table_info("{name}")') if r[2] == "TEXT"}
    return [
        {c: ("" if v is None and c in text else v) for c, v in zip(cols, row, strict=True)}
        for row in cursor
    ]


def load_report_data(path: Path) -> ReportData:
    """Read every table of ``dataset.sqlite`` (read-only use; the run's store is untouched)."""
    db = sqlite3.connect(str(path), timeout=60)
    try:
        tables = {name: _table(db, name) for name in _ORDER}
    finally:
        db.close()
    return ReportData(**tables)
