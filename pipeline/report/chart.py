"""The overview chart: one horizontal bar per unit and year, split into its components.

Drawn as inline SVG (no script, no external file), so the report opens offline. Bars of one
unit sit together, one per fiscal year and period, so year over year reads down the group.
A bar's parts are the totals its component forms declare, and the number after it is their
sum — the same numbers, always. The overall table's declared total, when it says another
number, is a tick on the bar's axis with that number beside it (the bar is not stretched to
it: what a missing form would have added is not known).

>>> bars = [Bar("สำนักงาน ก", "2567", [("1.1", 30.0), ("2", 9.514)], 92.739)]
>>> svg = chart_svg(bars)
>>> svg.startswith("<svg") and ">39.514</text>" in svg and "92.739" in svg
True
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from thaieval.pipeline.export.tables import format_value
from thaieval.pipeline.report.data import NO_UNIT, UNSURE_UNIT, Row, component_key
from thaieval.pipeline.report.labels import Label, label

__all__ = ["OVERALL_PART", "Bar", "bars_of_forms", "chart_svg"]

PALETTE = (
    "#1f77b4", "#6baed6", "#9ecae1", "#ff7f0e", "#2ca02c", "#98df8a",
    "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#7f7f7f",
)  # fmt: skip
LABEL_W, BAR_W, TOTAL_W, DECLARED_W = 380, 520, 70, 150
YEAR_W = 100  # room for "2567 (6 เดือน)" between the unit's name and its bar
ROW_H, UNIT_GAP, LEGEND_H = 22, 10, 30
PERIODS = {"end_of_year": "", "mid_year": " (6 เดือน)", "": ""}
OVERALL_PART = "overall"  # the one part of a bar whose unit's component forms were not read
SPECIAL_UNITS = {NO_UNIT: "no_unit", UNSURE_UNIT: "unit_unsure_short"}


@dataclass
class Bar:
    """One unit in one fiscal year: component totals in component order, and the total the
    overall table declares (None when there is none, or it is the bar's only part)."""

    unit: str
    year: str
    segments: list[tuple[str, float]]
    declared: float | None = None

    @property
    def total(self) -> float:
        """The number printed after the bar: the sum of its parts."""
        return round(sum(v for _, v in self.segments), 3)

    @property
    def declared_differs(self) -> bool:
        return self.declared is not None and abs(self.declared - self.total) > 0.0005


def bars_of_forms(forms: list[Row], unit_of: dict[str, str] | None = None) -> list[Bar]:
    """A :class:`Bar` per (unit, fiscal year, period): the declared component totals, and the
    overall table's declared total. ``unit_of`` maps a form_id to the unit it is shown under
    (default: its ``unit_name``); a document whose unit is unsure gets bars of its own.

    >>> forms = [
    ...     {"form_id": "a-1", "document_id": "a", "unit_name": "ก", "fiscal_year": 2567, "period": "end_of_year", "form_type": "overall_summary", "component": "", "total_score": 92.739},
    ...     {"form_id": "a-2", "document_id": "a", "unit_name": "ก", "fiscal_year": 2567, "period": "end_of_year", "form_type": "component", "component": "1.1", "total_score": 30.0},
    ... ]
    >>> bar = bars_of_forms(forms)[0]
    >>> bar.segments, bar.total, bar.declared
    ([('1.1', 30.0)], 30.0, 92.739)
    """
    groups: dict[tuple[str, int, str, str], list[Row]] = defaultdict(list)
    for form in forms:
        unit = (unit_of or {}).get(form["form_id"], form.get("unit_name") or NO_UNIT)
        apart = (form.get("document_id") or "") if unit == UNSURE_UNIT else ""
        year, period = form.get("fiscal_year") or 0, form.get("period") or ""
        groups[(unit, year, period, apart)].append(form)
    bars = []
    for (unit, year, period, _), group in sorted(groups.items()):
        parts: dict[str, float] = {}
        declared = None
        for form in group:
            if form.get("form_type") == "overall_summary":
                if declared is None and form.get("total_score") is not None:
                    declared = float(form["total_score"])
            elif form.get("total_score") is not None:
                parts.setdefault(form.get("component") or "?", float(form["total_score"]))
        segments = sorted(parts.items(), key=lambda kv: component_key(kv[0]))
        if not segments and declared is not None:  # only the overall table: its total is the bar
            segments, declared = [(OVERALL_PART, declared)], None
        label_ = (str(year) if year else "?") + PERIODS.get(period, "")
        bars.append(Bar(unit, label_, segments, declared))
    return bars


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "") -> str:
    attrs = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{attrs}>{html.escape(text)}</text>'


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _name(text: str, x: float, y: float, anchor: str, cls: str, words: Label | None) -> str:
    """An SVG text: ``words`` (both languages) when given, else ``text`` as it is."""
    attrs = f' class="{cls}"' if cls else ""
    shown = words.th if words else text
    extra = words.attrs() if words else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{attrs}{extra}>'
        f"{html.escape(shown)}</text>"
    )


def chart_svg(bars: list[Bar]) -> str:
    """The chart as an ``<svg>`` element; an empty string when there is nothing to draw."""
    if not bars:
        return ""
    components = sorted({c for b in bars for c, _ in b.segments}, key=component_key)
    colour = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(components)}
    top = max([100.0, *[b.total for b in bars], *[b.declared or 0.0 for b in bars]])
    scale = BAR_W / top
    parts: list[str] = []
    for i, comp in enumerate(components):
        swatch = 10 + i * 62
        parts.append(f'<rect x="{swatch}" y="8" width="12" height="12" fill="{colour[comp]}"/>')
        words = label("overall") if comp == OVERALL_PART else None
        parts.append(_name(comp, swatch + 16, 18, "start", "", words))
    y = LEGEND_H
    previous = None
    for bar in bars:
        if previous is not None and bar.unit != previous:
            y += UNIT_GAP
        first = bar.unit != previous or bar.unit == UNSURE_UNIT
        previous = bar.unit
        special = SPECIAL_UNITS.get(bar.unit)
        words = label(special) if special else None
        parts.append(f'<g class="bar" data-unit="{html.escape(bar.unit, quote=True)}">')
        parts.append(f"<title>{html.escape(f'{bar.unit} {bar.year}')}</title>")
        if first:  # the name links to the unit's filtered view
            link = html.escape(f"#unit={quote(bar.unit)}", quote=True)
            name = _name(_short(bar.unit), LABEL_W - YEAR_W, y + 15, "end", "unit", words)
            parts.append(f'<a href="{link}">{name}</a>')
        parts.append(_text(LABEL_W - 6, y + 15, bar.year, "end", "year"))
        x = float(LABEL_W)
        for comp, value in bar.segments:
            width = max(value * scale, 0.0)
            tip = html.escape(f"{comp}: {format_value(value)}")
            parts.append(
                f'<rect class="part" x="{x:.3f}" y="{y + 3}" width="{width:.3f}" height="{ROW_H - 6}" '
                f'fill="{colour[comp]}" data-value="{format_value(value)}"><title>{tip}</title></rect>'
            )
            x += width
        total = format_value(bar.total) if bar.segments else "–"
        parts.append(_text(LABEL_W + BAR_W + 6, y + 15, total, "start", "total"))
        if bar.declared is not None and bar.declared_differs:
            tick = LABEL_W + bar.declared * scale
            parts.append(
                f'<line class="declared" x1="{tick:.1f}" x2="{tick:.1f}" y1="{y}" y2="{y + ROW_H}" '
                'stroke="#000" stroke-width="2"/>'
            )
            said = label("chart_declared", total=format_value(round(bar.declared, 3)))
            parts.append(
                _name(said.th, LABEL_W + BAR_W + TOTAL_W, y + 15, "start", "declared", said)
            )
        parts.append("</g>")
        y += ROW_H
    width, height = LABEL_W + BAR_W + TOTAL_W + DECLARED_W, y + 6
    aria = label("chart_aria")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{html.escape(aria.th, quote=True)}">'
        + "".join(parts)
        + "</svg>"
    )
