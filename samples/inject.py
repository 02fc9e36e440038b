"""Inconsistencies put into a finished document, each recorded in ``doc.injected``.

Each edit changes printed values so that exactly the named check fails: dependent totals are
recomputed unless the total itself is the fault.

>>> from samples.synth import PLANS, synthetic_document
>>> doc = synthetic_document(PLANS[0], 1); overall_total_mismatch(doc); doc.injected[0][0]
'overall_total_mismatch'
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from samples.build import D
from samples.model import ComponentForm, Document, Indicator
from samples.scoring import level_weighted
from samples.thai_format import quantize

__all__ = ["INJECTIONS"]


def _overall_no(doc: Document, ind: Indicator) -> int:
    rows = [i for i in doc.indicators() if i.in_overall]
    return rows.index(ind) + 1


def _retotal(doc: Document) -> None:
    for form in doc.forms:
        if form.shape == "list":
            form.declared_weight = sum((i.weight for i in form.indicators), Decimal(0))
            form.declared_total = sum((i.weighted for i in form.indicators), Decimal(0))
    inds = doc.indicators()
    doc.overall_weight_total = sum((i.overall_weight for i in inds), Decimal(0))
    doc.overall_total = sum((i.overall_weighted for i in inds), Decimal(0))


def _list_forms(doc: Document) -> list[ComponentForm]:
    return [f for f in doc.forms if f.shape == "list" and f.printed]


def _form(doc: Document, component: str) -> ComponentForm:
    return next(f for f in doc.forms if f.component == component)


def weighted_score_mismatch(doc: Document) -> None:
    """A level indicator prints more points than w × L / 5, in both tables."""
    form = _list_forms(doc)[0]
    k, ind = next((k, i) for k, i in enumerate(form.indicators, 1) if i.kind == "level")
    ind.level = min(ind.level or 4, 4)
    ind.result_text = f"ระดับ {ind.level}"
    ind.overall_result_text, ind.overall_level = ind.result_text, ind.level
    ind.weighted = quantize(level_weighted(ind.weight, ind.level) + ind.weight / 5, doc.decimals)
    ind.overall_weighted = ind.weighted
    _retotal(doc)
    note = f"ระดับ {ind.level} of weight {ind.weight} prints {ind.weighted}"
    doc.flag("weighted_score_mismatch", "error", form.component, "component", k, note)
    doc.flag("weighted_score_mismatch", "error", form.component, "overall_summary", _overall_no(doc, ind), note)  # fmt: skip


def form_total_mismatch(doc: Document) -> None:
    """The รวม row of the last list form is 1.5 points off the sum of its rows."""
    form = _list_forms(doc)[-1]
    assert form.declared_total is not None
    form.declared_total += D("1.5")
    doc.flag(
        "form_total_mismatch", "error", form.component, note=f"รวม prints {form.declared_total}"
    )


def numbered_list_gap(doc: Document) -> None:
    """The innovation form's evidence list skips 3 and 4 (as the seed's does)."""
    form = _form(doc, "2")
    for f in form.findings:
        if f.section == "evidence" and f.item_no >= 3:
            f.item_no += 2
    doc.flag("numbered_list_gap", "warning", "2", note="evidence list reads 1, 2, 5, 6, 7")


def overall_weight_sum(doc: Document) -> None:
    """One level indicator weighs 5 more everywhere: the unit's weights add to 105."""
    form = _list_forms(doc)[0]
    ind = next(i for i in form.indicators if i.kind == "level")
    ind.weight += 5
    ind.overall_weight = ind.weight
    assert ind.level is not None
    ind.weighted = quantize(level_weighted(ind.weight, ind.level), doc.decimals)
    ind.overall_weighted = ind.weighted
    _retotal(doc)
    doc.flag("overall_weight_sum", "error", "", "overall_summary", note="weights add to 105")


def date_outside_fiscal_window(doc: Document) -> None:
    """A form signed outside its period's window: before the year ended, or after it."""
    form = next(f for f in reversed(doc.forms) if f.signatory and f.printed)
    assert form.signatory is not None
    ce = doc.fiscal_year - 543
    signed = date(ce, 8, 14) if doc.period == "end_of_year" else date(ce, 11, 20)
    form.signatory.signed_date = signed.isoformat()
    doc.flag("date_outside_fiscal_window", "warning", form.component, note=f"signed {signed}")


def signatory_missing(doc: Document) -> None:
    """The second list form prints no signatory block."""
    form = _list_forms(doc)[1]
    form.signatory = None
    doc.flag("signatory_missing", "warning", form.component)


def overall_component_mismatch(doc: Document) -> None:
    """The overall row of 3.1 prints a lower result and score than its form (each self-consistent)."""
    ind = _form(doc, "3.1").indicators[0]
    assert ind.result is not None
    points = 3 if ind.level != 3 else 2  # a whole-point result the form does not have
    lower = ind.criteria[points - 1]
    ind.overall_result_value = lower
    ind.overall_result_text = f"{quantize(lower, doc.decimals):.{doc.decimals}f}"
    ind.overall_level = points
    ind.overall_weighted = quantize(ind.weight * points / 5, doc.decimals)
    _retotal(doc)
    doc.flag("overall_component_mismatch", "error", "3.1", "overall_summary", _overall_no(doc, ind),
             f"overall {ind.overall_weighted}, form {ind.weighted}")  # fmt: skip


def innovation_steps_mismatch(doc: Document) -> None:
    """Part 1's step prints 5 points less than the declared score counts."""
    form = _form(doc, "2")
    step = form.parts[0].steps[0]
    step.score -= 5
    doc.flag("innovation_steps_mismatch", "error", "2", note="steps add to 5 less than the declared score")  # fmt: skip


def score_pct_mismatch(doc: Document) -> None:
    """The 3.2 form prints a score percent 5 points above its result's."""
    form = _form(doc, "3.2")
    form.shape = "weighted"
    ind = form.indicators[0]
    assert ind.score_pct is not None
    ind.score_pct += 5
    doc.flag("score_pct_mismatch", "error", "3.2", "component", 1, f"prints {ind.score_pct}")


def level_mismatch(doc: Document) -> None:
    """The 3.2 form states one level below what its result reaches."""
    form = _form(doc, "3.2")
    ind = form.indicators[0]
    assert ind.level is not None and ind.result is not None
    if ind.level < 2:
        raise ValueError("level 1 cannot be lowered")
    ind.level -= 1
    ind.result_text = f"ระดับ {ind.level} ({format(ind.result.normalize(), 'f')})"
    doc.flag("level_mismatch", "error", "3.2", "component", 1, f"states ระดับ {ind.level}")


def overall_total_mismatch(doc: Document) -> None:
    """The grand total is 1.25 points more than its rows."""
    assert doc.overall_total is not None
    doc.overall_total += D("1.25")
    doc.flag("overall_total_mismatch", "error", "", "overall_summary")


def header_mismatch(doc: Document) -> None:
    """Form 1.2 names another unit in its header (a copied template)."""
    form = _form(doc, "1.2")
    form.unit_override = "สำนักงานเขตบางกอกน้อย"
    doc.flag("header_mismatch", "warning", "1.2", note="unit printed as สำนักงานเขตบางกอกน้อย")


def form_weight_mismatch(doc: Document) -> None:
    """Form 1.1's header declares 5 more weight than its rows hold."""
    form = _form(doc, "1.1")
    assert form.declared_weight is not None
    form.declared_weight += 5
    doc.flag("form_weight_mismatch", "error", "1.1", note=f"declares {form.declared_weight}")


def overall_row_missing(doc: Document) -> None:
    """3.1 has no row in the overall table (the total still counts it; its form has the weight)."""
    ind = _form(doc, "3.1").indicators[0]
    ind.in_overall = False
    doc.flag("overall_row_missing", "warning", "3.1", "overall_summary", 1)


def component_form_missing(doc: Document) -> None:
    """The overall table lists 3.3 (or 3.2) but its form is not in the document."""
    form = _form(doc, "3.3") if any(f.component == "3.3" for f in doc.forms) else _form(doc, "3.2")
    form.printed = False
    doc.flag("component_form_missing", "warning", form.component, "overall_summary")


def required_field_missing(doc: Document) -> None:
    """Form 1.3's รวม row is left empty."""
    form = _form(doc, "1.3")
    form.declared_total = None
    doc.flag("required_field_missing", "error", "1.3", note="total_score")


INJECTIONS: dict[str, Callable[[Document], None]] = {
    f.__name__: f
    for f in (
        weighted_score_mismatch, form_total_mismatch, numbered_list_gap, overall_weight_sum,
        date_outside_fiscal_window, signatory_missing, overall_component_mismatch,
        innovation_steps_mismatch, score_pct_mismatch, level_mismatch, overall_total_mismatch,
        header_mismatch, form_weight_mismatch, overall_row_missing, component_form_missing,
        required_field_missing,
    )
}  # fmt: skip
