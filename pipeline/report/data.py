"""The review report's view of ``dataset.sqlite``: the tables as dicts, grouped by unit.

A *unit* is the evaluated unit (``forms.unit_name``); its forms may come from several
documents and fiscal years. A flag belongs to the unit of its form, a document-level flag to
the unit of its document's first form.

>>> data = load_report_data(Path("out/demo/dataset.sqlite"))  # doctest: +SKIP
>>> [u.name for u in data.units()][:1]  # doctest: +SKIP
['สำนักงานการต่างประเทศ']
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "NO_UNIT",
    "ReportData",
    "Row",
    "Unit",
    "component_key",
    "component_label",
    "load_report_data",
]

Row = dict[str, Any]
NO_UNIT = "(no unit)"  # documents that failed or hold no form

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

    def unit_of_flag(self, flag: Row) -> str:
        """The unit a flag is filed under (:data:`NO_UNIT` when its document has no form)."""
        form = self.form_by_id.get(flag.get("form_id") or "")
        if form is None:
            form = next((f for f in self.forms if f["document_id"] == flag["document_id"]), None)
        return (form.get("unit_name") or NO_UNIT) if form else NO_UNIT

    def units(self) -> list[Unit]:
        """Units in name order, each with its forms and flags; :data:`NO_UNIT` last."""
        units: dict[str, Unit] = {}
        for form in sorted(self.forms, key=_form_order):
            name = form.get("unit_name") or NO_UNIT
            units.setdefault(name, Unit(name)).forms.append(form)
        for flag in self.flags:
            name = self.unit_of_flag(flag)
            units.setdefault(name, Unit(name)).flags.append(flag)
        return sorted(units.values(), key=lambda u: (u.name == NO_UNIT, u.name))

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
