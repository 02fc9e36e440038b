"""Tie the forms of one document together: the overall table and the component forms.

The component forms of shape A print no weights and no criteria; the overall table does.
An overall row the OCR lost is filled from its component form, and said so. Which row is a
form's is :mod:`thaieval.parsers.overall_rows`; texts printed twice are read as one by
:mod:`thaieval.parsers.shared_texts`.

>>> on_scale(5, [3, 4, 5, 6, 7]), on_scale(100, [3, 4, 5, 6, 7])
(True, False)
"""

from __future__ import annotations

from thaieval.parsers.overall_rows import overall_row_for, resolve_bare_components
from thaieval.parsers.shared_texts import (
    agree_evaluators,
    agree_units,
    clean_names,
    share_name,
    share_title,
)
from thaieval.schemas.forms import TOTAL_WEIGHT, ParsedForm, ParsedIndicator, ParseNote
from thaieval.schemas.provenance import Prov

__all__ = ["link_forms", "on_scale"]


def on_scale(value: float | None, criteria: list[float]) -> bool:
    """Whether ``value`` can be a result measured against ``criteria``: within their span
    on either side (7 of 3|4|5|6|7 is; a percentage 100 is not).

    >>> on_scale(5, [3, 4, 5, 6, 7]), on_scale(100, [3, 4, 5, 6, 7]), on_scale(None, [1, 2])
    (True, False, False)
    """
    if value is None or not criteria:
        return False
    lo, hi = min(criteria), max(criteria)
    span = hi - lo
    return lo - span <= value <= hi + span


def _fill_missing_row(overall: ParsedForm, form: ParsedForm, ind: ParsedIndicator) -> None:
    copy = ind.model_copy(deep=True)
    copy.filled_from = f"component {form.component}"
    copy.filled = {}
    copy.score_pct = None
    overall.indicators.append(copy)
    overall.notes.append(
        ParseNote(
            severity="warning",
            check="overall_row_missing",
            field="indicators",
            expected=ind.indicator_code,
            found="",
            message=(
                f"indicator {ind.indicator_code or form.component} is missing from the overall "
                f"table; filled from the component {form.component} form "
                f"(weight {ind.weight}, weighted score {ind.weighted_score})"
            ),
            prov=Prov(page=overall.page_start, line=overall.line_start),
            indicator_no=None,
        )
    )


def _weigh_only_row(form: ParsedForm) -> None:
    """A form of one indicator whose row prints no weight: the row weighs the form's total,
    taken with its provenance and said so (verify will not count it as agreeing with it)."""
    if len(form.indicators) != 1 or form.total_weight is None:
        return
    ind = form.indicators[0]
    if ind.weight is None:
        ind.weight = form.total_weight
        ind.prov["weight"] = form.prov.get("total_weight", Prov())
        ind.filled["weight"] = TOTAL_WEIGHT


def link_forms(forms: list[ParsedForm]) -> list[ParsedForm]:
    """Share what one form prints and another needs; returns the same forms, updated."""
    clean_names(forms)
    agree_units(forms)
    agree_evaluators(forms)
    overall = next((f for f in forms if f.form_type == "overall_summary"), None)
    components = [f for f in forms if f.form_type == "component"]
    if overall is None:
        for form in components:  # a file holding only the form: its one row weighs its total
            _weigh_only_row(form)
        return forms
    resolve_bare_components(overall, components)
    for form in components:
        share_title(overall, form)
    for form in components:
        for ind in form.indicators:
            row = overall_row_for(overall, form, ind)
            if row is None:
                _weigh_only_row(form)
                if ind.weight is not None and ind.weighted_score is not None:
                    _fill_missing_row(overall, form, ind)
                continue
            source = f"overall table row {row.indicator_code or row.indicator_no}"
            if ind.weight is None and row.weight is not None:
                ind.weight = row.weight
                ind.prov["weight"] = row.prov.get("weight", Prov())
                ind.filled["weight"] = source
            if not ind.criteria and row.criteria:
                ind.criteria = list(row.criteria)
                ind.prov["criteria"] = row.prov.get("criteria", Prov())
                ind.filled["criteria"] = source
                # The form may print the result on another scale (ร้อยละ 100 against 7 systems);
                # a result on the criteria's own scale is the form's to be judged by.
                if not on_scale(ind.result_value, ind.criteria):
                    ind.criteria_result = row.result_value
            if not row.indicator_name and ind.indicator_name:
                row.indicator_name = ind.indicator_name
            share_name(ind, row, form)
            if row.indicator_code and not ind.code_printed:
                ind.indicator_code = row.indicator_code
    # Rows filled from the forms come after the printed ones, which keep their positions.
    for position, ind in enumerate(overall.indicators, start=1):
        ind.indicator_no = position
    periods = {f.period for f in components if f.period}
    if not overall.period and len(periods) == 1:
        overall.period = periods.pop()
        overall.filled["period"] = "the component forms"
    if overall.fiscal_year is None:
        years = {f.fiscal_year for f in components if f.fiscal_year}
        overall.fiscal_year = years.pop() if len(years) == 1 else None
        if overall.fiscal_year is not None:
            overall.filled["fiscal_year"] = "the component forms"
    # parent_unit is left as printed: the contract keeps it empty where a form prints none.
    return forms
