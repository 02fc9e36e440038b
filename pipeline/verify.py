"""The verify stage: re-derive every score from the rules and cross-check the forms.

Inconsistencies are the product: a number is never "corrected" to make a total agree; it is
kept as printed and flagged with what was expected and where it was read. Values are compared
within half a unit of their last printed decimal.

>>> from schemas.forms import ParsedForm, ParsedIndicator
>>> form = ParsedForm(form_type="component", component="1.1", total_weight=10, total_score=10,
...                   indicators=[ParsedIndicator(indicator_no=1, weight=10, level=4, weighted_score=10)])
>>> [note.check for _, note in verify_forms([form]).flags]
['weighted_score_mismatch', 'required_field_missing', 'required_field_missing', 'signatory_missing']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from parsers.dates import fiscal_year_bounds
from parsers.link_forms import component_of_code
from parsers.numerals import close
from parsers.scoring import (
    criteria_points,
    innovation_weighted,
    level_from_points,
    level_weighted,
    points_weighted,
)
from schemas.forms import ParsedForm, ParsedIndicator, ParseNote
from schemas.provenance import Prov

__all__ = ["LOW_CONFIDENCE", "Verification", "recompute_indicator", "verify_forms"]

LOW_CONFIDENCE = 60.0  # tesseract word confidence below which a number is doubtful


@dataclass
class Verification:
    """Recomputed values and flags; keys are (form index, indicator_no)."""

    indicator_recomputed: dict[tuple[int, int], float] = field(default_factory=dict)
    form_recomputed: dict[int, float] = field(default_factory=dict)
    derived_level: dict[tuple[int, int], int] = field(default_factory=dict)
    flags: list[tuple[int | None, ParseNote]] = field(default_factory=list)


def _decimals(prov: Prov | None, value: float) -> int:
    """Significant decimals as printed: from the provenance text, else from the value.

    Trailing zeros do not count: a sheet that rounds to 2 decimals and shows 3 prints 9.370
    for 9.3746, and that is the rule's 9.37, not a mismatch at the third decimal.
    """
    text = prov.text if prov and prov.text else f"{value}"
    for sep in (".", ","):
        if sep in text:
            return len(text.rsplit(sep, 1)[1].strip(" /*%").rstrip("0"))
    return 0


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


def _is_innovation(form: ParsedForm, ind: ParsedIndicator) -> bool:
    if form.form_type == "overall_summary":
        return ind.indicator_code.split(".")[0] == "2" and not ind.criteria
    return form.component.split(".")[0] == "2" or "innovation" in form.component_title.lower()


@dataclass
class Recomputed:
    weighted: float | None = None
    points: float | None = None
    rule: str = ""


def recompute_indicator(form: ParsedForm, ind: ParsedIndicator) -> Recomputed:
    """Weighted score by the rule that applies (criteria, innovation, level); None if none does."""
    if ind.weight is None:
        return Recomputed()
    result = ind.criteria_result if ind.criteria_result is not None else ind.result_value
    if len(ind.criteria) == 5 and result is not None:
        points = criteria_points(result, ind.criteria)
        return Recomputed(points_weighted(ind.weight, points), points, "criteria")
    if _is_innovation(form, ind):
        score = ind.score_pct if ind.score_pct is not None else ind.result_value
        if score is not None:
            return Recomputed(innovation_weighted(ind.weight, score), None, "innovation")
    if ind.level is not None:
        return Recomputed(level_weighted(ind.weight, ind.level), float(ind.level), "level")
    return Recomputed()


def _note(
    check: str, severity: str, message: str, prov: Prov | None = None, **kw: object
) -> ParseNote:
    return ParseNote(check=check, severity=severity, message=message, prov=prov or Prov(), **kw)


def _check_indicator(form: ParsedForm, ind: ParsedIndicator, rec: Recomputed) -> list[ParseNote]:
    out: list[ParseNote] = []
    label = ind.indicator_code or str(ind.indicator_no)
    if rec.weighted is not None and ind.weighted_score is not None:
        prov = ind.prov.get("weighted_score")
        if not close(ind.weighted_score, rec.weighted, _decimals(prov, ind.weighted_score)):
            out.append(
                _note(
                    "weighted_score_mismatch",
                    "error",
                    f"indicator {label}: weighted score {_fmt(ind.weighted_score)} but the "
                    f"{rec.rule} rule gives {_fmt(rec.weighted)}",
                    prov,
                    field="weighted_score",
                    expected=_fmt(rec.weighted),
                    found=_fmt(ind.weighted_score),
                    indicator_no=ind.indicator_no,
                )
            )
    if rec.rule == "criteria" and rec.points is not None:
        pct = rec.points / 5 * 100
        prov = ind.prov.get("score_pct")
        if ind.score_pct is not None and not close(
            ind.score_pct, pct, _decimals(prov, ind.score_pct)
        ):
            out.append(
                _note(
                    "score_pct_mismatch",
                    "error",
                    f"indicator {label}: score {_fmt(ind.score_pct)}% but the criteria give {pct:.2f}%",
                    prov,
                    field="score_pct",
                    expected=f"{pct:.2f}",
                    found=_fmt(ind.score_pct),
                    indicator_no=ind.indicator_no,
                )
            )
        derived = level_from_points(rec.points)
        if ind.level is not None and ind.level != derived:
            out.append(
                _note(
                    "level_mismatch",
                    "error",
                    f"indicator {label}: stated level {ind.level} but result {_fmt(ind.criteria_result or ind.result_value)} "
                    f"reaches level {derived} of the criteria",
                    ind.prov.get("result_text"),
                    field="level",
                    expected=str(derived),
                    found=str(ind.level),
                    indicator_no=ind.indicator_no,
                )
            )
    for name in ("weight", "weighted_score", "score_pct", "result_value"):
        prov = ind.prov.get(name)
        if prov and prov.confidence is not None and prov.confidence < LOW_CONFIDENCE:
            out.append(
                _note(
                    "low_ocr_confidence",
                    "warning",
                    f"indicator {label}: {name} read as {prov.text!r} with OCR confidence "
                    f"{prov.confidence:.0f} on page {prov.page}",
                    prov,
                    field=name,
                    found=prov.text,
                    indicator_no=ind.indicator_no,
                )
            )
    return out


def _sum_known(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) if known and len(known) == len(values) else None


def _check_totals(form: ParsedForm, total: float | None) -> list[ParseNote]:
    out: list[ParseNote] = []
    is_overall = form.form_type == "overall_summary"
    if form.total_score is None:
        out.append(
            _note(
                "required_field_missing",
                "error",
                "the form's total score is not printed or could not be read",
                Prov(page=form.page_start, line=form.line_start),
                field="total_score",
            )
        )
    elif total is not None:
        prov = form.prov.get("total_score")
        if not close(form.total_score, total, _decimals(prov, form.total_score)):
            out.append(
                _note(
                    "overall_total_mismatch" if is_overall else "form_total_mismatch",
                    "error",
                    f"total {_fmt(form.total_score)} but the indicators add up to {_fmt(total)}",
                    prov,
                    field="total_score",
                    expected=_fmt(total),
                    found=_fmt(form.total_score),
                )
            )
    weights = _sum_known([i.weight for i in form.indicators])
    declared = 100.0 if is_overall else form.total_weight
    if weights is not None and declared is not None and not close(weights, declared, 2):
        out.append(
            _note(
                "overall_weight_sum" if is_overall else "form_weight_mismatch",
                "error",
                f"weights add up to {_fmt(weights)}, not {_fmt(declared)}",
                form.prov.get("total_weight") or Prov(page=form.page_start, line=form.line_start),
                field="total_weight" if not is_overall else "weight",
                expected=_fmt(declared),
                found=_fmt(weights),
            )
        )
    return out


def _check_steps(form: ParsedForm) -> list[ParseNote]:
    scores = [s.score for s in form.score_items if s.score is not None]
    if not scores:
        return []
    declared = form.steps_declared_score
    if declared is None and form.indicators:
        declared = form.indicators[0].score_pct
    if declared is None:
        return []
    total = sum(scores)
    if close(total, declared, 3):
        return []
    max_sum = sum(s.max_score or 0 for s in form.score_items)
    hint = ""
    if form.steps_declared_max and not close(max_sum, form.steps_declared_max, 2):
        hint = (
            f"; the steps' maximum scores add up to {_fmt(max_sum)} of {_fmt(form.steps_declared_max)}"
            ", so a step row may be merged into another cell"
        )
    prov = form.prov.get("steps_declared_score") or Prov(page=form.page_start, line=form.line_start)
    return [
        _note(
            "innovation_steps_mismatch",
            "error",
            f"the innovation steps add up to {_fmt(total)}, not the declared {_fmt(declared)}{hint}",
            prov,
            field="score",
            expected=_fmt(declared),
            found=_fmt(total),
            indicator_no=1,
        )
    ]


def _check_date(form: ParsedForm) -> list[ParseNote]:
    if not form.signed_date or form.fiscal_year is None:
        return []
    signed = date.fromisoformat(form.signed_date)
    start, end = fiscal_year_bounds(form.fiscal_year)
    prov = form.prov.get("signed_date")
    if form.period == "mid_year":
        low, high, why = start, end, "outside the fiscal year of a mid-year round"
    else:
        low, high = end, end + timedelta(days=365)
        why = (
            "before the fiscal year ended"
            if signed < end
            else "more than a year after the fiscal year"
        )
    if low <= signed <= high:
        return []
    return [
        _note(
            "date_outside_fiscal_window",
            "warning",
            f"signed {signed.isoformat()}, {why} (fiscal year {form.fiscal_year}: "
            f"{start.isoformat()} – {end.isoformat()})",
            prov,
            field="signed_date",
            expected=f"{low.isoformat()}..{high.isoformat()}",
            found=signed.isoformat(),
        )
    ]


def _check_lists(form: ParsedForm) -> list[ParseNote]:
    out: list[ParseNote] = []
    sections: dict[str, list[tuple[int, Prov]]] = {}
    for finding in form.findings:
        if finding.marker.endswith(".") and finding.marker[:-1].isdigit():
            sections.setdefault(finding.section, []).append(
                (int(finding.marker[:-1]), finding.prov)
            )
    for section, numbers in sections.items():
        found = [n for n, _ in numbers]
        expected = list(range(1, max(found) + 1))
        missing = sorted(set(expected) - set(found))
        if missing:
            out.append(
                _note(
                    "numbered_list_gap",
                    "warning",
                    f"the {section} list skips {', '.join(map(str, missing))} (reads {', '.join(map(str, found))})",
                    numbers[0][1],
                    field=f"findings.{section}",
                    expected=",".join(map(str, expected)),
                    found=",".join(map(str, found)),
                )
            )
    return out


def _check_required(form: ParsedForm, excerpt: bool) -> list[ParseNote]:
    out: list[ParseNote] = []
    where = Prov(page=form.page_start, line=form.line_start)
    for name in ("unit_name", "fiscal_year"):
        if not getattr(form, name):
            out.append(
                _note(
                    "required_field_missing",
                    "error",
                    f"{name} not found on the form",
                    where,
                    field=name,
                )
            )
    if form.form_type == "component" and not form.has_signatory:
        out.append(
            _note(
                "signatory_missing",
                "warning",
                f"form {form.component or '?'} prints no signatory block",
                Prov(page=form.page_end, line=form.line_end),
                field="evaluator_name",
            )
        )
    unweighted = [ind for ind in form.indicators if ind.weight is None]
    if unweighted and excerpt and len(form.indicators) > 1:
        # A multi-indicator form prints its weights nowhere but in the overall table; in a
        # document without that table they are unknown, not missing from the form.
        out.append(
            _note(
                "weights_not_in_document",
                "warning",
                f"form {form.component or '?'}: its indicators' weights are printed only in the "
                "overall score table, which this document does not include",
                where,
                field="weight",
            )
        )
        unweighted = []
    for ind in unweighted:
        out.append(
            _note(
                "required_field_missing",
                "error",
                f"indicator {ind.indicator_code or ind.indicator_no}: no weight printed or derivable",
                Prov(page=ind.page, box=ind.box, line=ind.line),
                field="weight",
                indicator_no=ind.indicator_no,
            )
        )
    return out


def _cross_check(forms: list[ParsedForm]) -> list[tuple[int | None, ParseNote]]:
    out: list[tuple[int | None, ParseNote]] = []
    overall_i = next((i for i, f in enumerate(forms) if f.form_type == "overall_summary"), None)
    comps = [(i, f) for i, f in enumerate(forms) if f.form_type == "component"]
    if overall_i is not None:
        overall = forms[overall_i]
        by_code = {i.indicator_code: i for i in overall.indicators if i.indicator_code}
        for fi, form in comps:
            for ind in form.indicators:
                row = by_code.get(ind.indicator_code)
                if row is None or row.filled_from:
                    continue
                for name in ("weight", "weighted_score"):
                    a, b = getattr(row, name), getattr(ind, name)
                    if a is None or b is None:
                        continue
                    decimals = min(
                        _decimals(row.prov.get(name), a), _decimals(ind.prov.get(name), b)
                    )
                    if not close(a, b, max(decimals, 2) if decimals else 2):
                        out.append(
                            (
                                fi,
                                _note(
                                    "overall_component_mismatch",
                                    "error",
                                    f"indicator {ind.indicator_code}: {name} {_fmt(b)} on form {form.component} "
                                    f"but {_fmt(a)} in the overall table",
                                    ind.prov.get(name),
                                    field=name,
                                    expected=_fmt(a),
                                    found=_fmt(b),
                                    indicator_no=ind.indicator_no,
                                ),
                            )
                        )
        have = {f.component for _, f in comps}
        wanted = {
            component_of_code(i.indicator_code) for i in overall.indicators if i.indicator_code
        }
        # a code 2.1 with a form "2": component 2 has one indicator and no sub-components
        missing = {c for c in wanted - have if c.split(".")[0] not in have}
        for comp in sorted(missing):
            out.append(
                (
                    overall_i,
                    _note(
                        "component_form_missing",
                        "warning",
                        f"the overall table lists component {comp} but the document has no form for it",
                        Prov(page=overall.page_start, line=overall.line_start),
                        field="component",
                        expected=comp,
                    ),
                )
            )
    for name in ("unit_name", "fiscal_year", "period"):
        values = {getattr(f, name) for f in forms if getattr(f, name)}
        if len(values) > 1:
            out.append(
                (
                    None,
                    _note(
                        "header_mismatch",
                        "warning",
                        f"the forms disagree on {name}: {', '.join(sorted(map(str, values)))}",
                        field=name,
                        found="|".join(sorted(map(str, values))),
                    ),
                )
            )
    return out


def verify_forms(forms: list[ParsedForm]) -> Verification:
    """Recompute every indicator and total of ``forms`` (one document) and flag what differs."""
    result = Verification()
    excerpt = not any(f.form_type == "overall_summary" for f in forms)
    for fi, form in enumerate(forms):
        for note in form.notes:
            result.flags.append((fi, note))
        sums: list[float | None] = []
        for ind in form.indicators:
            rec = recompute_indicator(form, ind)
            if rec.weighted is not None:
                result.indicator_recomputed[(fi, ind.indicator_no)] = rec.weighted
            if rec.rule == "criteria" and rec.points is not None:
                result.derived_level[(fi, ind.indicator_no)] = level_from_points(rec.points)
            sums.append(ind.weighted_score if ind.weighted_score is not None else rec.weighted)
            result.flags.extend((fi, n) for n in _check_indicator(form, ind, rec))
        total = _sum_known(sums)
        if total is not None:
            result.form_recomputed[fi] = total
        checks = _check_totals(form, total) + _check_steps(form) + _check_date(form)
        checks += _check_lists(form) + _check_required(form, excerpt)
        result.flags.extend((fi, n) for n in checks)
    result.flags.extend(_cross_check(forms))
    return result
