"""The per-unit part of the review report: each form's score table as extracted (declared
beside recomputed, differences highlighted), its innovation steps, findings and flags.

>>> differs(8.77, 8.7700001), differs(10.0, 9.6), differs(9.514, 9.5143)
(False, True, False)
"""

from __future__ import annotations

from html import escape

from thaieval.pipeline.export.tables import format_value
from thaieval.pipeline.report.budget import DetailBudget
from thaieval.pipeline.report.cards import CardMaker, data_attrs
from thaieval.pipeline.report.data import (
    NO_UNIT,
    UNSURE_UNIT,
    ReportData,
    Row,
    Unit,
    component_label,
)
from thaieval.pipeline.report.labels import label
from thaieval.pipeline.report.source import excerpt
from thaieval.pipeline.verify.indicator import LOW_CONFIDENCE, LOW_CONFIDENCE_CHECK

__all__ = ["differs", "unit_section"]

SECTIONS = ("reason", "weakness", "strength", "recommendation", "evidence")  # label keys
INDICATOR_COLUMNS = (
    "col_no", "col_code", "col_indicator", "col_weight", "col_criteria", "col_result",
    "col_level", "col_score_pct", "col_declared", "col_recomputed", "col_confidence", "col_source",
)  # fmt: skip
TEXT_CHARS = 2000  # a finding or an indicator name shown up to here (the CSV holds it whole)


def differs(declared: float | None, recomputed: float | None) -> bool:
    """Whether two values disagree beyond half a unit of the declared value's last decimal
    (at least two decimals: a printed 10 is compared as 10.00)."""
    if declared is None or recomputed is None:
        return False
    text = format_value(float(declared))
    decimals = max(len(text.partition(".")[2]), 2)
    return abs(float(declared) - float(recomputed)) > 0.5 * 10**-decimals + 1e-9


def _cell(value: object, cls: str = "") -> str:
    text = format_value(value) if not isinstance(value, str) else excerpt(value, TEXT_CHARS)
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{escape(text)}</td>"


def _source(row: Row) -> str:
    if row.get("line") is not None:
        return f"<td>{label('line', line=row['line']).html()}</td>"
    if row.get("page") is not None:
        return f"<td>{label('page', page=row['page']).html()}</td>"
    return "<td></td>"


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
        _source(ind),
    ]
    attr = f' class="{row_cls}"' if row_cls else ""
    return f"<tr{attr}>{''.join(cells)}</tr>"


def _score_table(form: Row, indicators: list[Row], flagged: set[int]) -> str:
    head = "".join(label(c).html("th") for c in INDICATOR_COLUMNS)
    body = "".join(_indicator_row(ind, flagged) for ind in indicators)
    declared, recomputed = form.get("total_score"), form.get("total_score_recomputed")
    diff = " diff" if differs(declared, recomputed) else ""
    total = label("total").html("td", ' colspan="3"')
    foot = (
        f'<tr class="total">{total}{_cell(form.get("total_weight"))}'
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
    head = "".join(
        label(k).html("th") for k in ("col_part", "col_step", "col_max", "col_score", "col_note")
    )
    summary = label("steps", n=len(items)).html("summary")
    return f'<details class="steps">{summary}<table class="scores"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></details>'


def _findings(findings: list[Row]) -> str:
    if not findings:
        return ""
    out = []
    for section in SECTIONS:
        items = [f for f in findings if f.get("section") == section]
        if items:
            lis = "".join(
                f'<li value="{int(f.get("item_no") or 1)}">{escape(excerpt(str(f.get("text") or ""), TEXT_CHARS))}</li>'
                for f in items
            )
            out.append(f"{label(section).html('h5')}<ol>{lis}</ol>")
    summary = label("findings", n=len(findings)).html("summary")
    return f'<details class="findings">{summary}{"".join(out)}</details>'


def _form_heading(form: Row, document: Row, shown_under: str) -> str:
    kind = component_label(form)
    title = label("overall_summary") if kind == "overall" else label("component", component=kind)
    first, last = form.get("page_start"), form.get("page_end")
    where = label("pages", first=first, last=last) if first != last else label("page", page=first)
    source = str(document.get("source_path") or "")
    period = form.get("period") or ""
    details = [
        escape(str(form.get("fiscal_year") or "?"))
        + (" " + label(period).html() if period in ("end_of_year", "mid_year") else ""),
        f"{escape(source.rsplit('/', 1)[-1])} ({escape(str(document.get('method') or '?'))}), "
        + where.html(),
    ]
    if form.get("evaluator_name") or form.get("signed_date"):
        signed = label(
            "signed", name=form.get("evaluator_name") or "?", date=form.get("signed_date") or ""
        )
        details.append(signed.html())
    reading = str(form.get("unit_name") or "")
    if reading and reading != shown_under:  # a header that reads another unit, named as such
        details.append(label("form_reads_unit", name=reading).html("span", ' class="unsure"'))
    small = escape(excerpt(str(form.get("component_title") or ""), TEXT_CHARS))
    return (
        f'<h3>{title.html()} <small>{small}</small></h3><p class="meta">{" · ".join(details)}</p>'
    )


def _flags_of(form: Row, unit: Unit) -> list[Row]:
    return [f for f in unit.flags if f.get("form_id") == form["form_id"]]


def _form_block(form: Row, unit: Unit, data: ReportData, cards_of: CardMaker) -> str:
    component = component_label(form)
    document = data.document_by_id.get(form["document_id"], {})
    flags = _flags_of(form, unit)
    flagged = {int(f["indicator_no"]) for f in flags if f.get("indicator_no") is not None}
    lowconf_flagged = {
        int(f["indicator_no"])
        for f in flags
        if f.get("check") == LOW_CONFIDENCE_CHECK and f.get("indicator_no") is not None
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
        f'<div class="form"{attrs}>{_form_heading(form, document, unit.name)}'
        f"{_score_table(form, indicators, flagged)}{_steps_table(data.score_items_of.get(form['form_id'], []))}"
        f"{_findings(data.findings_of.get(form['form_id'], []))}"
        f'<div class="cards">{"".join(cards)}</div></div>'
    )


def _unit_title(unit: Unit) -> str:
    if unit.name == UNSURE_UNIT:
        names = sorted({str(f.get("unit_name")) for f in unit.forms if f.get("unit_name")})
        return label("unit_unsure", names=" / ".join(names)).html()
    if unit.name == NO_UNIT:
        return label("no_unit").html()
    return escape(unit.name)


def _loose_block(loose: list[Row], unit: Unit, data: ReportData, cards_of: CardMaker) -> str:
    """The flags of a unit's documents that belong to no form."""
    cards = "".join(
        cards_of.flag_card(f, unit.name, "", data.document_by_id.get(f["document_id"], {}))
        for f in loose
    )
    attrs = data_attrs(unit=unit.name, component="", form="")
    heading = label("document_flags").html("h3")
    return f'<div class="form"{attrs}>{heading}<div class="cards">{cards}</div></div>'


def unit_section(
    unit: Unit, data: ReportData, cards_of: CardMaker, budget: DetailBudget, units_to_go: int
) -> str:
    """A unit's ``<section>``: document-level flags first, then every form in order, as many
    as the unit's share of ``budget`` holds (the rest are counted as left out)."""
    form_ids = {f["form_id"] for f in unit.forms}
    loose = [f for f in unit.flags if (f.get("form_id") or "") not in form_ids]
    allowance, spent = budget.allowance(units_to_go), 0
    blocks = []
    left_out = 0
    for form in [None, *unit.forms] if loose else unit.forms:
        if spent >= allowance:  # nothing more fits: not even rendered (crops cost time)
            flags = len(loose) if form is None else len(_flags_of(form, unit))
            budget.leave_out(int(form is not None), flags)
            left_out += form is not None
            continue
        mark = cards_of.checkpoint()
        if form is None:
            block, flags = _loose_block(loose, unit, data, cards_of), len(loose)
        else:
            block = _form_block(form, unit, data, cards_of)
            flags = len(_flags_of(form, unit))
        size = len(block.encode("utf-8"))
        if spent + size <= allowance:
            blocks.append(block)
            spent += size
        else:  # its crops are not embedded: a later copy must not name them
            cards_of.rollback(mark)
            budget.leave_out(int(form is not None), flags)
            left_out += form is not None
    budget.spend(spent)
    if left_out:
        blocks.append(label("unit_left_out", forms=left_out).html("p", ' class="left-out"'))
    errors = sum(f.get("severity") == "error" for f in unit.flags)
    summary = label("unit_summary", forms=len(unit.forms), flags=len(unit.flags), errors=errors)
    years = ", ".join(str(y) for y in unit.years)
    meta = ' class="meta"'
    return (
        f'<section class="unit"{data_attrs(unit=unit.name)}>'
        f"<h2>{_unit_title(unit)} <small>{escape(years)}</small></h2>"
        f"{summary.html('p', meta)}{''.join(blocks)}</section>"
    )
