"""The overview at the top of the review report: counts, flags by check and severity,
failed documents, and the chart of totals.

>>> counts_of({"documents": 1, "pages": 1})
'<dl class="counts"><dt>documents</dt><dd>1</dd><dt>pages</dt><dd>1</dd></dl>'
"""

from __future__ import annotations

from collections import Counter
from html import escape
from urllib.parse import quote

from thaieval.pipeline.report.chart import bars_of_forms, chart_svg
from thaieval.pipeline.report.data import ReportData

__all__ = ["counts_of", "overview_section"]


def counts_of(counts: dict[str, int]) -> str:
    """A definition list of named counts."""
    items = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in counts.items())
    return f'<dl class="counts">{items}</dl>'


def _flag_table(data: ReportData) -> str:
    if not data.flags:
        return "<p>No flags: every number adds up.</p>"
    by_check = Counter((f.get("check") or "", f.get("severity") or "") for f in data.flags)
    checks = sorted({c for c, _ in by_check}, key=lambda c: (-by_check[(c, "error")], c))
    rows = "".join(
        f'<tr><td><a href="#check={quote(c)}"><code>{escape(c)}</code></a></td><td class="num">{by_check[(c, "error")] or ""}</td>'
        f'<td class="num">{by_check[(c, "warning")] or ""}</td></tr>'
        for c in checks
    )
    return (
        '<table class="bycheck"><thead><tr><th>check</th><th>errors</th><th>warnings</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _failures(data: ReportData) -> str:
    failed = data.failures()
    if not failed:
        return ""
    rows = "".join(
        f"<tr><td>{escape(str(d.get('source_path') or ''))}</td><td>{escape(str(d.get('error') or ''))}</td></tr>"
        for d in failed
    )
    return (
        f"<h3>Failed documents ({len(failed)})</h3>"
        f'<table class="failures"><thead><tr><th>file</th><th>error</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def overview_section(data: ReportData) -> str:
    """The ``<section id="overview">`` of the report."""
    severities = Counter(f.get("severity") for f in data.flags)
    counts = {
        "documents": len(data.documents),
        "pages": sum(int(d.get("page_count") or 0) for d in data.documents),
        "forms": len(data.forms),
        "units": len({f.get("unit_name") for f in data.forms}),
        "flags": len(data.flags),
        "errors": severities["error"],
        "warnings": severities["warning"],
        "failed": len(data.failures()),
    }
    chart = chart_svg(bars_of_forms(data.forms))
    chart_block = (
        f'<h3>Total score per unit and component</h3><div class="chartbox">{chart}</div>'
        if chart
        else ""
    )
    return (
        f'<section id="overview"><h2>Overview</h2>{counts_of(counts)}'
        f"{chart_block}<h3>Flags by check</h3>{_flag_table(data)}{_failures(data)}</section>"
    )
