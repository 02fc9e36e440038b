"""The overview chart: one horizontal bar per unit and year, split into its components.

Drawn as inline SVG (no script, no external file), so the report opens offline. Bars of one
unit sit together, one per fiscal year and period, so year over year reads down the group.

>>> bars = [Bar("สำนักงาน ก", "2567", [("1.1", 30.0), ("2", 9.514)], 39.514)]
>>> svg = chart_svg(bars)
>>> svg.startswith("<svg") and "39.514" in svg
True
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from thaieval.pipeline.export.tables import format_value
from thaieval.pipeline.report.data import Row, component_key

__all__ = ["Bar", "bars_of_forms", "chart_svg"]

PALETTE = (
    "#1f77b4", "#6baed6", "#9ecae1", "#ff7f0e", "#2ca02c", "#98df8a",
    "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#7f7f7f",
)  # fmt: skip
LABEL_W, BAR_W, TOTAL_W = 380, 520, 70
YEAR_W = 100  # room for "2567 (6 เดือน)" between the unit's name and its bar
ROW_H, UNIT_GAP, LEGEND_H = 22, 10, 30
PERIODS = {"end_of_year": "", "mid_year": " (6 เดือน)", "": ""}


@dataclass
class Bar:
    """One unit in one fiscal year: component totals in component order, and the total."""

    unit: str
    year: str
    segments: list[tuple[str, float]]
    total: float | None


def bars_of_forms(forms: list[Row]) -> list[Bar]:
    """A :class:`Bar` per (unit, fiscal year, period): the declared component totals, and
    the overall summary's total (their sum when the summary is missing).

    >>> forms = [
    ...     {"unit_name": "ก", "fiscal_year": 2567, "period": "end_of_year", "form_type": "component", "component": "1.1", "total_score": 30.0},
    ...     {"unit_name": "ก", "fiscal_year": 2567, "period": "end_of_year", "form_type": "component", "component": "2", "total_score": 9.5},
    ... ]
    >>> bars_of_forms(forms)[0].total
    39.5
    """
    groups: dict[tuple[str, int, str], list[Row]] = defaultdict(list)
    for form in forms:
        key = (form.get("unit_name") or "", form.get("fiscal_year") or 0, form.get("period") or "")
        groups[key].append(form)
    bars = []
    for (unit, year, period), group in sorted(groups.items()):
        parts: dict[str, float] = {}
        overall = None
        for form in group:
            if form.get("form_type") == "overall_summary":
                overall = overall if overall is not None else form.get("total_score")
            elif form.get("total_score") is not None:
                parts.setdefault(form.get("component") or "?", float(form["total_score"]))
        segments = sorted(parts.items(), key=lambda kv: component_key(kv[0]))
        total = overall if overall is not None else (sum(parts.values()) if parts else None)
        label = (str(year) if year else "?") + PERIODS.get(period, "")
        bars.append(Bar(unit or "?", label, segments, total))
    return bars


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "") -> str:
    attrs = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{attrs}>{html.escape(text)}</text>'


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chart_svg(bars: list[Bar]) -> str:
    """The chart as an ``<svg>`` element; an empty string when there is nothing to draw."""
    if not bars:
        return ""
    components = sorted({c for b in bars for c, _ in b.segments}, key=component_key)
    colour = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(components)}
    top = max(
        [100.0, *[b.total or 0.0 for b in bars], *[sum(v for _, v in b.segments) for b in bars]]
    )
    scale = BAR_W / top
    parts: list[str] = []
    for i, comp in enumerate(components):
        swatch = 10 + i * 62
        parts.append(f'<rect x="{swatch}" y="8" width="12" height="12" fill="{colour[comp]}"/>')
        parts.append(_text(swatch + 16, 18, comp))
    y = LEGEND_H
    previous = None
    for bar in bars:
        if previous is not None and bar.unit != previous:
            y += UNIT_GAP
        label = _short(bar.unit) if bar.unit != previous else ""
        previous = bar.unit
        parts.append(f"<g><title>{html.escape(f'{bar.unit} {bar.year}')}</title>")
        if label:  # the name links to the unit's filtered view
            link = html.escape(f"#unit={quote(bar.unit)}", quote=True)
            parts.append(
                f'<a href="{link}">{_text(LABEL_W - YEAR_W, y + 15, label, "end", "unit")}</a>'
            )
        parts.append(_text(LABEL_W - 6, y + 15, bar.year, "end", "year"))
        x = float(LABEL_W)
        for comp, value in bar.segments:
            width = max(value * scale, 0.0)
            tip = html.escape(f"{comp}: {format_value(value)}")
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{ROW_H - 6}" '
                f'fill="{colour[comp]}"><title>{tip}</title></rect>'
            )
            x += width
        total = "–" if bar.total is None else format_value(round(bar.total, 3))
        parts.append(_text(LABEL_W + BAR_W + 6, y + 15, total, "start", "total"))
        parts.append("</g>")
        y += ROW_H
    width, height = LABEL_W + BAR_W + TOTAL_W, y + 6
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="total score per unit and component">'
        + "".join(parts)
        + "</svg>"
    )
