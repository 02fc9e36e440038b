"""One indicator's score re-derived by the rule that applies, and what could not be checked.

The rules of FORMS.md: *criteria* (five thresholds and a result give points, interpolated
between levels), *innovation* (a score out of 100), *level* (an indicator whose result is a
level and nothing else). A criteria-based indicator whose thresholds we cannot read still
states its level (``ร้อยละ 94.24 (ระดับ 4)``): its points lie between that level and the
next, so its weighted score must lie in that band. Its exact score is unchecked, never an
error: an error is raised only when the numbers we have contradict each other.

A level is ``printed``, or derived and said so: ``derived_criteria`` (the whole part of the
points from the result and the thresholds), ``derived_score`` (an overall row that states no
level and whose thresholds are not read: the whole part of its points 5·score/weight). A check never passes on a
derived input, nor on a value filled from the form it would be compared with.

>>> from thaieval.schemas.forms import ParsedForm, ParsedIndicator
>>> form = ParsedForm(form_type="component", component="3.2")
>>> ind = ParsedIndicator(indicator_no=1, weight=10, level=4, result_value=94.24,
...                       weighted_score=9.696)
>>> [(c.rule, c.status) for c in check_indicator(form, ind).checks]
[('weighted_score', 'unchecked'), ('level_band', 'passed')]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from thaieval.parsers.numerals import FLOAT_EPSILON, close, tolerance
from thaieval.parsers.scoring import (
    criteria_points,
    innovation_weighted,
    level_from_points,
    level_weighted,
    points_weighted,
)
from thaieval.pipeline.verify.checks import Check, fmt, inputs_text
from thaieval.schemas.forms import ParsedForm, ParsedIndicator, ParseNote
from thaieval.schemas.provenance import Prov

__all__ = [
    "LOW_CONFIDENCE",
    "LOW_CONFIDENCE_CHECK",
    "IndicatorOutcome",
    "Recomputed",
    "check_indicator",
    "decimals",
    "is_innovation",
    "note",
    "recompute_indicator",
]

# Set by hand in the skeleton (f62841c), no sweep recorded.
# Confidence (0–100, one scale for every reader) below which a number is doubtful and flagged:
# tesseract's word confidence, and the glyph classifier's probability mapped so that its
# model's accept threshold is this bar (pipeline/ocr/digit_model.confidence). Skeleton, f62841c.
LOW_CONFIDENCE = 60.0
LOW_CONFIDENCE_CHECK = "low_ocr_confidence"  # the flag a number read under it carries


def decimals(prov: Prov | None, value: float) -> int:
    """Significant decimals as printed: from the provenance text, else from the value.

    Trailing zeros do not count: a sheet that rounds to 2 decimals and shows 3 prints 9.370
    for 9.3746, and that is the rule's 9.37, not a mismatch at the third decimal.
    """
    text = prov.text if prov and prov.text else f"{value}"
    for sep in (".", ","):
        if sep in text:
            return len(text.rsplit(sep, 1)[1].strip(" /*%").rstrip("0"))
    return 0


def note(
    check: str, severity: str, message: str, prov: Prov | None = None, **kw: object
) -> ParseNote:
    return ParseNote(check=check, severity=severity, message=message, prov=prov or Prov(), **kw)


def is_innovation(form: ParsedForm, ind: ParsedIndicator) -> bool:
    if form.form_type == "overall_summary":
        return ind.indicator_code.split(".")[0] == "2" and not ind.criteria
    return form.component.split(".")[0] == "2" or "innovation" in form.component_title.lower()


@dataclass
class Recomputed:
    weighted: float | None = None
    points: float | None = None
    rule: str = ""


def recompute_indicator(form: ParsedForm, ind: ParsedIndicator) -> Recomputed:
    """Weighted score by the rule that applies (criteria, innovation, level); None if none does.

    The level rule is a level-based indicator's: one that prints a result or thresholds
    besides its level is scored by its criteria, whose points a level alone does not give.
    """
    if ind.weight is None:
        return Recomputed()
    result = _result(ind)
    if len(ind.criteria) == 5 and result is not None:
        points = criteria_points(result, ind.criteria)
        return Recomputed(points_weighted(ind.weight, points), points, "criteria")
    if is_innovation(form, ind):
        score = ind.score_pct if ind.score_pct is not None else ind.result_value
        if score is not None:
            return Recomputed(innovation_weighted(ind.weight, score), None, "innovation")
        return Recomputed()
    if ind.level is not None and result is None and not ind.criteria:
        return Recomputed(level_weighted(ind.weight, ind.level), float(ind.level), "level")
    return Recomputed()


def _result(ind: ParsedIndicator) -> float | None:
    return ind.criteria_result if ind.criteria_result is not None else ind.result_value


@dataclass
class IndicatorOutcome:
    recomputed: Recomputed
    checks: list[Check] = field(default_factory=list)
    notes: list[ParseNote] = field(default_factory=list)
    level: int | None = None  # the level exported: printed or derived
    level_source: str = ""


# (rule, reason, field to warn about: "" for none)
Unchecked = Callable[..., None]
Inputs = dict[str, object]


def _src(ind: ParsedIndicator, name: str) -> str:
    """Where a value not read on this row came from ("" when it was)."""
    if ind.filled_from:
        return f"filled from {ind.filled_from}"
    return f"from {ind.filled[name]}" if name in ind.filled else ""


def _level_of_score(ind: ParsedIndicator) -> int | None:
    """The level a row's own weight and weighted score give: its points are 5·score/weight
    (weighted = w·p/5), the level their whole part (10 of 10 → 5; 6.652 of 10 → 3.326 → 3).
    A score within its printed precision of a whole level is that level."""
    if ind.weight is None or ind.weighted_score is None or ind.weight <= 0:
        return None
    points = ind.weighted_score * 5 / ind.weight
    slack = tolerance(decimals(ind.prov.get("weighted_score"), ind.weighted_score))
    if abs(points - round(points)) * ind.weight / 5 <= slack + FLOAT_EPSILON:
        points = round(points)
    level = level_from_points(points)
    # points under 1 or over 5 follow from no result: the row's numbers are not a score
    return level if level >= 1 and points <= 5 else None


def check_indicator(form: ParsedForm, ind: ParsedIndicator) -> IndicatorOutcome:
    """The checks of one indicator row, the flags of those that failed or could not be made,
    and the level it has (printed or derived)."""
    rec = recompute_indicator(form, ind)
    printed = "printed" if ind.level is not None else ""
    out = IndicatorOutcome(rec, level=ind.level, level_source=printed)
    if ind.level is not None and (ind.filled_from or "level" in ind.filled):
        out.level_source = "filled"
    label = ind.indicator_code or str(ind.indicator_no)
    no = ind.indicator_no
    result = _result(ind)
    inputs: Inputs = {
        "weight": (ind.weight, _src(ind, "weight")),
        "level": (ind.level, _src(ind, "level")),
        "result": (result, _src(ind, "criteria") if ind.criteria_result is not None else ""),
        "criteria": (ind.criteria, _src(ind, "criteria")),
        "weighted_score": (ind.weighted_score, _src(ind, "weighted_score")),
    }
    if rec.rule == "criteria" and rec.points is not None and ind.level is None:
        out.level, out.level_source = level_from_points(rec.points), "derived_criteria"
    overall = form.form_type == "overall_summary"
    if overall and rec.rule == "" and ind.level is None and not is_innovation(form, ind):
        derived = _level_of_score(ind)
        if derived is not None:
            out.level, out.level_source = derived, "derived_score"

    def unchecked(rule: str, reason: str, warn: str = "") -> None:
        out.checks.append(Check(rule, "unchecked", inputs_text(**inputs), reason, no))
        if warn:
            out.notes.append(
                note(
                    "unchecked",
                    "warning",
                    f"indicator {label}: its {rule.replace('_', ' ')} cannot be checked: {reason}",
                    Prov(page=ind.page, box=ind.box, line=ind.line),
                    field=warn,
                    indicator_no=no,
                )
            )

    if ind.filled_from:
        unchecked("weighted_score", f"the row is not printed here: {_src(ind, 'weighted_score')}")
    elif ind.weight is None:
        # required_field_missing or weights_not_in_document already say so
        unchecked("weighted_score", "no weight printed or read")
    elif rec.weighted is None:
        _without_rule(form, ind, out, unchecked)
    else:
        _apply_rule(ind, rec, out, inputs, unchecked)
    out.notes += _low_confidence(ind, label)
    return out


def _apply_rule(
    ind: ParsedIndicator,
    rec: Recomputed,
    out: IndicatorOutcome,
    inputs: Inputs,
    unchecked: Unchecked,
) -> None:
    label = ind.indicator_code or str(ind.indicator_no)
    no = ind.indicator_no
    if ind.weighted_score is None:
        unchecked(
            "weighted_score", "the weighted score is not printed or not read", "weighted_score"
        )
    else:
        prov = ind.prov.get("weighted_score")
        assert rec.weighted is not None  # the caller applies a rule only where one gives it
        ok = close(ind.weighted_score, rec.weighted, decimals(prov, ind.weighted_score))
        out.checks.append(
            Check(
                "weighted_score",
                "passed" if ok else "failed",
                f"rule={rec.rule} " + inputs_text(**inputs),
                "",
                no,
            )
        )
        if not ok:
            out.notes.append(
                note(
                    "weighted_score_mismatch",
                    "error",
                    f"indicator {label}: weighted score {fmt(ind.weighted_score)} but the "
                    f"{rec.rule} rule gives {fmt(rec.weighted)}",
                    prov,
                    field="weighted_score",
                    expected=fmt(rec.weighted),
                    found=fmt(ind.weighted_score),
                    indicator_no=no,
                )
            )
    if rec.rule == "criteria" and rec.points is not None:
        _check_points(ind, rec.points, label, out, inputs)


def _without_rule(
    form: ParsedForm, ind: ParsedIndicator, out: IndicatorOutcome, unchecked: Unchecked
) -> None:
    """No rule gives the score: say why, and check the level's band where one is stated."""
    result = _result(ind)
    if is_innovation(form, ind):
        unchecked("weighted_score", "the innovation score out of 100 is not read", "score_pct")
    elif ind.level is not None:
        unread = ind.weighted_score is None and form.form_type == "component"
        unchecked(
            "weighted_score",
            "a criteria-based result whose thresholds are not printed or not read: "
            "the criteria rule cannot be applied"
            + ("; the weighted score is not read" if unread else ""),
            "weighted_score" if unread else "",
        )
        _check_band(ind, out)
    elif out.level_source == "derived_score":
        unchecked("weighted_score", "the level is derived from the weighted score it would check")
    elif result is not None or ind.criteria:
        unchecked("weighted_score", "neither a level nor five readable thresholds with a result")
    elif form.form_type == "component":
        unchecked("weighted_score", "the result cell gives no level or result", "result_text")
    else:
        unchecked("weighted_score", "the result cell gives no level or result")


def _check_band(ind: ParsedIndicator, out: IndicatorOutcome) -> None:
    """A stated level L of weight w: the weighted score lies in [w·L/5, w·(L+1)/5), or is w
    at level 5 (criteria points reach 5 only at the last threshold)."""
    assert ind.weight is not None and ind.level is not None
    inputs = inputs_text(weight=ind.weight, level=ind.level, weighted_score=ind.weighted_score)
    if ind.weighted_score is None:
        out.checks.append(
            Check(
                "level_band",
                "unchecked",
                inputs,
                "the weighted score is not read",
                ind.indicator_no,
            )
        )
        return
    low = level_weighted(ind.weight, ind.level)
    high = level_weighted(ind.weight, min(ind.level + 1, 5))
    slack = tolerance(decimals(ind.prov.get("weighted_score"), ind.weighted_score)) + FLOAT_EPSILON
    value = ind.weighted_score
    inside = low - slack <= value <= high + slack
    out.checks.append(
        Check("level_band", "passed" if inside else "failed", inputs, "", ind.indicator_no)
    )
    if not inside:
        label = ind.indicator_code or str(ind.indicator_no)
        span = fmt(low) if ind.level == 5 else f"{fmt(low)}..{fmt(high)}"
        out.notes.append(
            note(
                "weighted_score_mismatch",
                "error",
                f"indicator {label}: weighted score {fmt(value)} is outside level {ind.level}'s "
                f"band of weight {fmt(ind.weight)} ({span})",
                ind.prov.get("weighted_score"),
                field="weighted_score",
                expected=span,
                found=fmt(value),
                indicator_no=ind.indicator_no,
            )
        )


def _check_points(
    ind: ParsedIndicator, points: float, label: str, out: IndicatorOutcome, inputs: Inputs
) -> None:
    no = ind.indicator_no
    pct = points / 5 * 100
    if ind.score_pct is not None:
        prov = ind.prov.get("score_pct")
        ok = close(ind.score_pct, pct, decimals(prov, ind.score_pct))
        out.checks.append(
            Check(
                "score_pct",
                "passed" if ok else "failed",
                inputs_text(**inputs, score_pct=ind.score_pct),
                "",
                no,
            )
        )
        if not ok:
            out.notes.append(
                note(
                    "score_pct_mismatch",
                    "error",
                    f"indicator {label}: score {fmt(ind.score_pct)}% but the criteria give {pct:.2f}%",
                    prov,
                    field="score_pct",
                    expected=f"{pct:.2f}",
                    found=fmt(ind.score_pct),
                    indicator_no=no,
                )
            )
    derived = level_from_points(points)
    if ind.level is None or out.level_source == "filled":
        return
    ok = ind.level == derived
    out.checks.append(Check("level", "passed" if ok else "failed", inputs_text(**inputs), "", no))
    if not ok:
        out.notes.append(
            note(
                "level_mismatch",
                "error",
                f"indicator {label}: stated level {ind.level} but result "
                f"{fmt(_result(ind))} reaches level {derived} of the criteria",
                ind.prov.get("result_text"),
                field="level",
                expected=str(derived),
                found=str(ind.level),
                indicator_no=no,
            )
        )


def _low_confidence(ind: ParsedIndicator, label: str) -> list[ParseNote]:
    out = []
    for name in ("weight", "weighted_score", "score_pct", "result_value"):
        prov = ind.prov.get(name)
        if prov and prov.confidence is not None and prov.confidence < LOW_CONFIDENCE:
            out.append(
                note(
                    LOW_CONFIDENCE_CHECK,
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
