"""``DIR/report.html``: the review report, one self-contained file built from
``dataset.sqlite`` (no OCR is run; the source files are read again only to crop them).

Overview (counts, flags by check, failures, the chart of totals), then one section per unit:
each form's score table with declared and recomputed values, its findings, and a card per
flag with a crop of the source around the value (or the source lines of a text input).
Filters by unit, component, severity and check run in the page, without a network.

>>> build_report(Path("out/demo"))  # doctest: +SKIP
PosixPath('out/demo/report.html')
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from thaieval.pipeline.report.assets import CSS, SCRIPT
from thaieval.pipeline.report.cards import LOW_CONFIDENCE_CHECK, CardMaker
from thaieval.pipeline.report.data import (
    ReportData,
    component_key,
    component_label,
    load_report_data,
)
from thaieval.pipeline.report.overview import overview_section
from thaieval.pipeline.report.source import SourceLookup
from thaieval.pipeline.report.units import unit_section

__all__ = ["REPORT_NAME", "build_report", "render_report"]

REPORT_NAME = "report.html"


def _select(name: str, label: str, values: list[str]) -> str:
    options = "".join(
        f'<option value="{escape(v, quote=True)}">{escape(v)}</option>' for v in values
    )
    return (
        f'<label>{escape(label)} <select id="filter-{name}" name="{name}">'
        f'<option value="">all</option>{options}</select></label>'
    )


def _filters(data: ReportData, has_low_confidence: bool) -> str:
    units = [u.name for u in data.units()]
    components = sorted(
        {component_label(f) for f in data.forms},
        key=lambda c: (c != "overall", component_key(c)),
    )
    checks = sorted({str(f.get("check") or "") for f in data.flags})
    if has_low_confidence:
        checks.append(LOW_CONFIDENCE_CHECK)
    return (
        '<nav class="filters">'
        + _select("unit", "unit", units)
        + _select("component", "component", components)
        + _select("severity", "severity", ["error", "warning"])
        + _select("check", "check", checks)
        + '<button type="button" id="filter-reset">show all</button><span id="shown"></span></nav>'
    )


def render_report(data: ReportData, lookup: SourceLookup, title: str) -> str:
    """The whole HTML page for ``data``; crops come from ``lookup``."""
    cards = CardMaker(lookup)
    units = "".join(unit_section(unit, data, cards) for unit in data.units())
    filters = _filters(data, f' data-check="{LOW_CONFIDENCE_CHECK}"' in units)
    return (
        '<!DOCTYPE html>\n<html lang="th"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        '<p class="meta">Each flag shows the values compared and the source around them '
        "(the box drawn in red). Filter below; the address keeps the filter.</p>"
        f"{filters}{overview_section(data)}{units}"
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def build_report(out_dir: Path) -> Path:
    """Write ``out_dir/report.html`` from ``out_dir/dataset.sqlite`` and return its path.

    The file is written beside its destination and renamed, so a reader never sees half.
    """
    data = load_report_data(out_dir / "dataset.sqlite")
    html_text = render_report(
        data, SourceLookup(out_dir), f"thaieval review — {out_dir.resolve().name}"
    )
    path = out_dir / REPORT_NAME
    # A plain open (not mkstemp) so the file gets the usual permissions, not 0600.
    tmp = out_dir / f".{REPORT_NAME}.{os.getpid()}.tmp"
    try:
        tmp.write_text(html_text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
