"""The checks of /tmp/checks.md recomputed from a truth document (test helper, not verify).

Returns the set of ``(check, component, form_type)`` a document violates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from thaieval.schemas.truth import TruthDocument, TruthForm, TruthIndicator

Add = Callable[..., None]
TOL = 0.0051  # half a unit of the 2nd decimal, with room for float noise


def points(value: float, t: list[float]) -> float:
    rising = t[0] <= t[-1]

    def reached(v: float, target: float) -> bool:
        return v >= target if rising else v <= target

    if reached(value, t[4]):
        return 5.0
    if not reached(value, t[0]):
        return 0.0
    k = max(i for i in range(5) if reached(value, t[i]))
    return k + 1 + (value - t[k]) / (t[k + 1] - t[k])


def row_component(code: str) -> str:
    if code.startswith("2"):
        return "2"
    return ".".join(code.split(".")[:2])


def _overall_points(row: TruthIndicator) -> float | None:
    if row.criteria and row.result_value is not None:
        return points(row.result_value, [float(x) for x in row.criteria.split("|")])
    if row.level is not None:
        return float(row.level)
    return None


def violations(doc: TruthDocument) -> set[tuple[str, str, str]]:
    out: set[tuple[str, str, str]] = set()
    overall = next(f for f in doc.forms if f.form_type == "overall_summary")
    comps = [f for f in doc.forms if f.form_type == "component"]
    by_comp: dict[str, list[TruthIndicator]] = defaultdict(list)
    for row in overall.indicators:
        by_comp[row_component(row.indicator_code)].append(row)

    def add(check: str, component: str = "", form_type: str = "component") -> None:
        out.add((check, component, form_type))

    # overall rows by their own rule
    for row in overall.indicators:
        p = _overall_points(row)
        comp = row_component(row.indicator_code)
        if comp == "2" and row.result_value is not None and row.weight is not None:
            expected = row.result_value * row.weight / 100
        elif p is not None and row.weight is not None:
            expected = row.weight * p / 5
        else:
            continue
        if abs(expected - (row.weighted_score or 0)) > TOL:
            add("weighted_score_mismatch", comp, "overall_summary")

    filled_w = sum(r.weight or 0 for r in overall.indicators)
    filled_s = sum(r.weighted_score or 0 for r in overall.indicators)
    for form in comps:
        rows = by_comp.get(form.component, [])
        names = {r.indicator_name: r for r in rows}
        for ind in form.indicators:
            match = names.get(ind.indicator_name)
            if match is None and len(form.indicators) == 1 and rows:
                match = rows[0]
            if match is None:
                add("overall_row_missing", form.component, "overall_summary")
                filled_w += ind.weight or 0
                filled_s += ind.weighted_score or 0
                continue
            _check_component_indicator(form, ind, match, add)
        if form.component == "2":
            steps = sum(s.score or 0 for s in form.score_items)
            if abs(steps - (form.indicators[0].result_value or 0)) > TOL:
                add("innovation_steps_mismatch", "2")
        _check_form(form, rows, add)
        _check_dates(doc, form, add)
        if not form.evaluator_name:
            add("signatory_missing", form.component)
        if form.unit_name != doc.unit_name or form.fiscal_year != doc.fiscal_year:
            add("header_mismatch", form.component)
        sections: dict[str, list[int]] = defaultdict(list)
        for f in form.findings:
            if f.item_no >= 1:
                sections[f.section].append(f.item_no)
        if any(nums != list(range(1, len(nums) + 1)) for nums in sections.values()):
            add("numbered_list_gap", form.component)
    printed = {f.component for f in comps}
    for comp in by_comp:
        if comp not in printed:
            add("component_form_missing", comp, "overall_summary")
    if abs(filled_w - 100) > TOL:
        add("overall_weight_sum", "", "overall_summary")
    if overall.total_score is None or abs(filled_s - overall.total_score) > TOL * 4:
        add("overall_total_mismatch", "", "overall_summary")
    return out


def _check_component_indicator(
    form: TruthForm, ind: TruthIndicator, row: TruthIndicator, add
) -> None:
    weight = ind.weight if ind.weight is not None else row.weight
    assert weight is not None
    if form.component == "2":
        expected = (ind.result_value or 0) * weight / 100
        pct = ind.result_value
    else:
        p: float | None
        if row.criteria:
            value = ind.result_value if ind.result_value is not None else row.result_value
            p = points(value or 0, [float(x) for x in row.criteria.split("|")])
            if ind.level is not None and ind.level != max(1, int(p)) and form.component != "3.1":
                add("level_mismatch", form.component)
        else:
            p = float(ind.level) if ind.level is not None else None
        if p is None:
            return
        expected = weight * p / 5
        pct = p * 20
    if abs(expected - (ind.weighted_score or 0)) > TOL:
        add("weighted_score_mismatch", form.component)
    if ind.score_pct is not None and pct is not None and abs(ind.score_pct - pct) > TOL:
        add("score_pct_mismatch", form.component)
    if abs((row.weighted_score or 0) - (ind.weighted_score or 0)) > TOL or (
        ind.weight is not None and ind.weight != row.weight
    ):
        add("overall_component_mismatch", form.component, "overall_summary")


def _check_form(form: TruthForm, rows: list[TruthIndicator], add: Add) -> None:
    if form.total_score is None or form.total_weight is None:
        add("required_field_missing", form.component)
        return
    total = sum(i.weighted_score or 0 for i in form.indicators)
    if abs(total - form.total_score) > TOL:
        add("form_total_mismatch", form.component)
    weights = sum(
        i.weight if i.weight is not None else (r.weight or 0)
        for i, r in zip(form.indicators, rows, strict=False)
    )
    if rows and abs(weights - form.total_weight) > TOL:
        add("form_weight_mismatch", form.component)


def _check_dates(doc: TruthDocument, form: TruthForm, add: Add) -> None:
    if not form.signed_date or form.fiscal_year is None:
        return
    signed = date.fromisoformat(form.signed_date)
    ce = form.fiscal_year - 543
    if doc.period == "end_of_year":
        ok = date(ce, 10, 1) <= signed <= date(ce + 1, 3, 31)
    else:
        ok = date(ce - 1, 10, 1) <= signed <= date(ce, 9, 30)
    if not ok:
        add("date_outside_fiscal_window", form.component)
