"""The per-unit part of the review report: each form's score table as extracted (declared
beside recomputed, differences highlighted), its innovation steps, findings and flags.

>>> differs(8.77, 8.7700001), differs(10.0, 9.6), differs(9.514, 9.5143)
(False, True, False)
"""

from __future__ import annotations

from html import escape

from thaieval.pipeline.export.tables import format_value
from thaieval.pipeline.report.cards import CardMaker, data_attrs
from thaieval.pipeline.report.data import ReportData, Row, Unit, component_label
from thaieval.pipeline.verify.document import LOW_CONFIDENCE

__all__ = ["differs", "unit_section"]

SECTIONS = {
    "reason": "เหตุผลของคะแนน (reasons)",
    "weakness": "จุดอ่อน (weaknesses)",
    "strength": "จุดแข็ง (strengths)",
    "recommendation": "ข้อเสนอแนะเพื่อการพัฒนา (recommendations)",
    "evidence": "หลักฐานอ้างอิง (evidence)",
}
PERIODS = {"end_of_year": "ระยะสิ้นปีงบประมาณ", "mid_year": "รอบ 6 เดือน", "": ""}
INDICATOR_COLUMNS = (
    "#", "code", "indicator", "weight", "criteria", "result", "level", "score %",
    "weighted (declared)", "weighted (recomputed)", "confidence", "source",
)  # fmt: skip


def differs(declared: float | None, recomputed: float | None) -> bool:
    """Whether two values disagree beyond half a unit of the declared value's last decimal
    (at least two decimals: a printed 10 is compared as 10.00)."""
    if declared is None or recomputed is None:
        return False
    text = format_value(float(declared))
    decimals = max(len(text.partition(".")[2]), 2)
    return abs(float(declared) - float(recomputed)) > 0.5 * 10**-decimals + 1e-9


def _cell(value: object, cls: str = "") -> str:
    text = format_value(value) if not isinstance(value, str) else value
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{escape(text)}</td>"


def _source(row: Row) -> str:
    if row.get("line") is not None:
        return f"line {row['line']}"
    return f"p. {row['page']}" if row.get("page") is not None else ""


def _indicator_row(ind: Row, flagged: set[int]) -> str:
    declared, recomputed = ind.get("weighted_score"), ind.get("weighted_score_recomputed")
    diff = "diff" if differs(declared, recomputed) else ""
    conf = ind.get("confidence")
    low = "lowconf" if conf is not None and conf < LOW_CONFIDENCE else ""
    row_cls = " ".join(c for c in ("flagged" if ind["indicator_no"] in flagged else "", diff) if c)
    cells = [
        _cell(ind.get("indicator_no")),
        _cell(ind.get("indicator_code") or ""),
        _cell(ind.get("indicator_name") or "", "name"),
        _cell(ind.get("weight")),
        _cell((ind.get("criteria") or "").replace("|", " | ")),
        _cell(ind.get("result_text") or format_value(ind.get("result_value"))),
        _cell(ind.get("level")),
        _cell(ind.get("score_pct")),
        _cell(declared, " ".join(c for c in ("num", diff, low) if c)),
        _cell(recomputed, " ".join(c for c in ("num", diff) if c)),
        _cell(conf, low),
        _cell(_source(ind)),
    ]
    attr = f' class="{row_cls}"' if row_cls else ""
    return f"<tr{attr}>{''.join(cells)}</tr>"


def _score_table(form: Row, indicators: list[Row], flagged: set[int]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in INDICATOR_COLUMNS)
    body = "".join(_indicator_row(ind, flagged) for ind in indicators)
    declared, recomputed = form.get("total_score"), form.get("total_score_recomputed")
    diff = " diff" if differs(declared, recomputed) else ""
    foot = (
        f'<tr class="total"><td colspan="3">รวม (total)</td>{_cell(form.get("total_weight"))}'
        f'<td colspan="4"></td>{_cell(declared, "num" + diff)}{_cell(recomputed, "num" + diff)}'
        '<td colspan="2"></td></tr>'
    )
    return f'<table class="scores"><thead><tr>{head}</tr></thead><tbody>{body}</tbody><tfoot>{foot}</tfoot></table>'


def _steps_table(items: list[Row]) -> str:
    if not items:
        return ""
    rows = "".join(
        f"<tr>{_cell(i.get('part'))}{_cell(i.get('item') or '', 'name')}{_cell(i.get('max_score'), 'num')}"
        f"{_cell(i.get('score'), 'num')}{_cell(i.get('note') or '', 'name')}</tr>"
        for i in items
    )
    head = "<tr><th>part</th><th>step</th><th>max</th><th>score</th><th>note</th></tr>"
    return f'<details class="steps"><summary>innovation steps ({len(items)})</summary><table class="scores"><thead>{head}</thead><tbody>{rows}</tbody></table></details>'


def _findings(findings: list[Row]) -> str:
    if not findings:
        return ""
    out = []
    for section, title in SECTIONS.items():
        items = [f for f in findings if f.get("section") == section]
        if items:
            lis = "".join(
                f'<li value="{int(f.get("item_no") or 1)}">{escape(str(f.get("text") or ""))}</li>'
                for f in items
            )
            out.append(f"<h5>{escape(title)}</h5><ol>{lis}</ol>")
    return f'<details class="findings"><summary>findings ({len(findings)})</summary>{"".join(out)}</details>'


def _form_heading(form: Row, document: Row) -> str:
    kind = component_label(form)
    title = "overall summary" if kind == "overall" else f"component {kind}"
    pages = form.get("page_start"), form.get("page_end")
    where = f"pages {pages[0]}–{pages[1]}" if pages[0] != pages[1] else f"page {pages[0]}"
    source = str(document.get("source_path") or "")
    details = [
        f"{form.get('fiscal_year') or '?'} {PERIODS.get(form.get('period') or '', '')}".strip(),
        f"{source.rsplit('/', 1)[-1]} ({document.get('method') or '?'}), {where}",
    ]
    if form.get("evaluator_name") or form.get("signed_date"):
        details.append(
            f"signed {form.get('evaluator_name') or '?'} {form.get('signed_date') or ''}".strip()
        )
    meta = " · ".join(escape(d) for d in details)
    return (
        f"<h3>{escape(title)} <small>{escape(str(form.get('component_title') or ''))}</small></h3>"
        f'<p class="meta">{meta}</p>'
    )


def _form_block(form: Row, unit: Unit, data: ReportData, cards_of: CardMaker) -> str:
    component = component_label(form)
    document = data.document_by_id.get(form["document_id"], {})
    flags = [f for f in unit.flags if f.get("form_id") == form["form_id"]]
    flagged = {int(f["indicator_no"]) for f in flags if f.get("indicator_no") is not None}
    lowconf_flagged = {
        int(f["indicator_no"])
        for f in flags
        if f.get("check") == "low_ocr_confidence" and f.get("indicator_no") is not None
    }
    indicators = data.indicators_of.get(form["form_id"], [])
    cards = [cards_of.flag_card(f, unit.name, component, document) for f in flags]
    cards += [
        cards_of.low_confidence_card(ind, unit.name, component, document)
        for ind in indicators
        if ind.get("confidence") is not None
        and ind["confidence"] < LOW_CONFIDENCE
        and ind["indicator_no"] not in lowconf_flagged
    ]
    attrs = data_attrs(unit=unit.name, component=component, form=form["form_id"])
    return (
        f'<div class="form"{attrs}>{_form_heading(form, document)}'
        f"{_score_table(form, indicators, flagged)}{_steps_table(data.score_items_of.get(form['form_id'], []))}"
        f"{_findings(data.findings_of.get(form['form_id'], []))}"
        f'<div class="cards">{"".join(cards)}</div></div>'
    )


def unit_section(unit: Unit, data: ReportData, cards_of: CardMaker) -> str:
    """A unit's ``<section>``: document-level flags first, then every form in order."""
    form_ids = {f["form_id"] for f in unit.forms}
    loose = [f for f in unit.flags if (f.get("form_id") or "") not in form_ids]
    blocks = []
    if loose:
        cards = "".join(
            cards_of.flag_card(f, unit.name, "", data.document_by_id.get(f["document_id"], {}))
            for f in loose
        )
        attrs = data_attrs(unit=unit.name, component="", form="")
        blocks.append(
            f'<div class="form"{attrs}><h3>document flags</h3><div class="cards">{cards}</div></div>'
        )
    blocks += [_form_block(form, unit, data, cards_of) for form in unit.forms]
    errors = sum(f.get("severity") == "error" for f in unit.flags)
    summary = f"{len(unit.forms)} forms · {len(unit.flags)} flags ({errors} errors)"
    years = ", ".join(str(y) for y in unit.years)
    return (
        f'<section class="unit"{data_attrs(unit=unit.name)}>'
        f"<h2>{escape(unit.name)} <small>{escape(years)}</small></h2>"
        f'<p class="meta">{escape(summary)}</p>{"".join(blocks)}</section>'
    )
