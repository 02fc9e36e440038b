"""The overview at the top of the review report: counts, flags by check and severity,
failed documents, and the chart of totals.

>>> counts_of({"count_documents": 1, "count_pages": 1})
'<dl class="counts"><dt data-en="documents">เอกสาร</dt><dd>1</dd><dt data-en="pages">หน้า</dt><dd>1</dd></dl>'
"""

from __future__ import annotations

from collections import Counter
from html import escape
from urllib.parse import quote

from thaieval.pipeline.report.chart import bars_of_forms, chart_svg
from thaieval.pipeline.report.data import ReportData
from thaieval.pipeline.report.labels import label

__all__ = ["counts_of", "overview_section"]


def counts_of(counts: dict[str, int]) -> str:
    """A definition list of counts, each named by its label key."""
    items = "".join(f"{label(k).html('dt')}<dd>{v}</dd>" for k, v in counts.items())
    return f'<dl class="counts">{items}</dl>'


def _flag_table(data: ReportData) -> str:
    if not data.flags:
        return label("no_flags").html("p")
    by_check = Counter((f.get("check") or "", f.get("severity") or "") for f in data.flags)
    checks = sorted({c for c, _ in by_check}, key=lambda c: (-by_check[(c, "error")], c))
    rows = "".join(
        f'<tr><td><a href="#check={quote(c)}"><code>{escape(c)}</code></a></td><td class="num">{by_check[(c, "error")] or ""}</td>'
        f'<td class="num">{by_check[(c, "warning")] or ""}</td></tr>'
        for c in checks
    )
    head = "".join(label(k).html("th") for k in ("col_check", "col_errors", "col_warnings"))
    return f'<table class="bycheck"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _failures(data: ReportData) -> str:
    failed = data.failures()
    if not failed:
        return ""
    rows = "".join(
        f"<tr><td>{escape(str(d.get('source_path') or ''))}</td><td>{escape(str(d.get('error') or ''))}</td></tr>"
        for d in failed
    )
    head = label("col_file").html("th") + label("col_error").html("th")
    return (
        label("failed_documents", n=len(failed)).html("h3")
        + f'<table class="failures"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )


def overview_section(data: ReportData, left_out: str = "") -> str:
    """The ``<section id="overview">`` of the report; ``left_out`` says what the report's
    size limit kept out of it (empty when everything is shown)."""
    severities = Counter(f.get("severity") for f in data.flags)
    counts = {
        "count_documents": len(data.documents),
        "count_pages": sum(int(d.get("page_count") or 0) for d in data.documents),
        "count_forms": len(data.forms),
        "count_units": data.unit_count(),
        "count_flags": len(data.flags),
        "count_errors": severities["error"],
        "count_warnings": severities["warning"],
        "count_failed": len(data.failures()),
    }
    if data.unsure_documents():
        counts["count_units_unsure"] = data.unsure_documents()
    unit_of = {f["form_id"]: data.unit_of_form(f) for f in data.forms}
    chart = chart_svg(bars_of_forms(data.forms, unit_of))
    chart_block = (
        label("chart_title").html("h3")
        + label("chart_note").html("p", ' class="meta chart-note"')
        + f'<div class="chartbox">{chart}</div>'
        if chart
        else ""
    )
    return (
        f'<section id="overview">{label("overview").html("h2")}{counts_of(counts)}{left_out}'
        f"{chart_block}{label('flags_by_check').html('h3')}{_flag_table(data)}{_failures(data)}</section>"
    )
