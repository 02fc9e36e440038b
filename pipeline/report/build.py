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
from thaieval.pipeline.report.budget import DETAIL_MB, DetailBudget
from thaieval.pipeline.report.cards import LOW_CONFIDENCE_CHECK, CardMaker
from thaieval.pipeline.report.data import (
    NO_UNIT,
    UNSURE_UNIT,
    ReportData,
    component_key,
    component_label,
    load_report_data,
)
from thaieval.pipeline.report.labels import Label, label
from thaieval.pipeline.report.overview import overview_section
from thaieval.pipeline.report.source import SourceLookup
from thaieval.pipeline.report.units import unit_section

__all__ = ["REPORT_NAME", "build_report", "render_report"]

REPORT_NAME = "report.html"
SHOWN_AS = {
    "overall": "overall",
    "error": "error",
    "warning": "warning",
    NO_UNIT: "no_unit",
    UNSURE_UNIT: "unit_unsure_short",
}  # option values shown in words


def _select(name: str, values: list[str]) -> str:
    options = []
    for v in values:
        words: Label | None = label(SHOWN_AS[v]) if v in SHOWN_AS else None
        text = words.th if words else v
        extra = words.attrs() if words else ""
        options.append(f'<option value="{escape(v, quote=True)}"{extra}>{escape(text)}</option>')
    everything = label("all").html("option", ' value=""')
    return (
        f"<label>{label('filter_' + name).html()} "
        f'<select id="filter-{name}" name="{name}">{everything}{"".join(options)}</select></label>'
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
    reset = label("show_all").html("button", ' type="button" id="filter-reset"')
    return (
        '<nav class="filters">'
        + _select("unit", units)
        + _select("component", components)
        + _select("severity", ["error", "warning"])
        + _select("check", checks)
        + f'{reset}<span id="shown"></span>'
        + label("language").html("button", ' type="button" id="lang-toggle"')
        + "</nav>"
    )


def render_report(
    data: ReportData, lookup: SourceLookup, name: str, max_mb: float = DETAIL_MB
) -> str:
    """The whole HTML page for ``data``; crops come from ``lookup``; at most ``max_mb`` of
    per-form detail (see :mod:`thaieval.pipeline.report.budget`)."""
    cards = CardMaker(lookup)
    budget = DetailBudget.of_megabytes(max_mb)
    units = data.units()
    sections = "".join(
        unit_section(unit, data, cards, budget, len(units) - i) for i, unit in enumerate(units)
    )
    filters = _filters(data, f' data-check="{LOW_CONFIDENCE_CHECK}"' in sections)
    left_out = ""
    if budget.forms_left_out or budget.flags_left_out:
        said = label(
            "left_out",
            limit=f"{max_mb:g}",
            forms=budget.forms_left_out,
            flags=budget.flags_left_out,
        )
        left_out = said.html("p", ' class="left-out" id="left-out"')
    title = label("title", name=name)
    # The counter's words, for the script, in both languages.
    shown = label("shown", n="{n}", total="{total}")
    intro = label("intro").html("p", ' class="meta"')
    return (
        '<!DOCTYPE html>\n<html lang="th"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title{title.attrs()}>{escape(title.th)}</title><style>{CSS}</style></head>"
        f'<body data-shown-th="{escape(shown.th, quote=True)}" data-shown-en="{escape(shown.en, quote=True)}">'
        f"{title.html('h1')}{intro}"
        f"{filters}{overview_section(data, left_out)}{sections}"
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def build_report(out_dir: Path, max_mb: float = DETAIL_MB) -> Path:
    """Write ``out_dir/report.html`` from ``out_dir/dataset.sqlite`` and return its path.

    The file is written beside its destination and renamed, so a reader never sees half.
    """
    data = load_report_data(out_dir / "dataset.sqlite")
    html_text = render_report(data, SourceLookup(out_dir), out_dir.resolve().name, max_mb)
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
