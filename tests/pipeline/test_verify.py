"""Verify: each score re-derived by the rules, compared within its printed precision."""

from __future__ import annotations

from pipeline.verify import verify_forms
from schemas.forms import ParsedForm, ParsedIndicator
from schemas.provenance import Prov


def _innovation(printed: str) -> ParsedForm:
    ind = ParsedIndicator(
        indicator_no=1,
        weight=10,
        score_pct=93.746,
        result_value=93.746,
        weighted_score=float(printed),
    )
    ind.prov["weighted_score"] = Prov(page=7, text=printed)
    return ParsedForm(form_type="component", component="2", indicators=[ind], total_weight=10)


def _checks(forms: list[ParsedForm]) -> list[str]:
    return [note.check for _, note in verify_forms(forms).flags]


def test_issue_trailing_zeros_are_padding_not_precision() -> None:
    # finance 2566 rounds to 2 decimals and prints 3: 9.370 is the rule's 9.3746 → 9.37
    assert "weighted_score_mismatch" not in _checks([_innovation("9.370")])
    assert "weighted_score_mismatch" in _checks([_innovation("9.360")])


def test_issue_overall_code_2_1_is_the_innovation_form() -> None:
    row = ParsedIndicator(indicator_no=1, indicator_code="2.1", weight=10, weighted_score=9.37)
    overall = ParsedForm(form_type="overall_summary", indicators=[row], total_score=9.37)
    assert "component_form_missing" not in _checks([overall, _innovation("9.37")])
    assert "component_form_missing" in _checks([overall])


def _list_form(weights: list[float | None]) -> ParsedForm:
    indicators = [
        ParsedIndicator(indicator_no=k, weight=w, level=4, weighted_score=8)
        for k, w in enumerate(weights, 1)
    ]
    return ParsedForm(
        form_type="component", component="1.1", indicators=indicators, total_weight=30
    )


def test_weights_printed_only_in_an_absent_overall_table_are_a_warning() -> None:
    notes = [n for _, n in verify_forms([_list_form([None, None, None])]).flags]
    weight = [(n.check, n.severity) for n in notes if n.field == "weight"]
    assert weight == [("weights_not_in_document", "warning")]


def test_a_weight_the_overall_table_leaves_unlinked_is_still_an_error() -> None:
    row = ParsedIndicator(indicator_no=1, indicator_code="1.1.1", weight=10, weighted_score=8)
    overall = ParsedForm(form_type="overall_summary", indicators=[row], total_score=8)
    notes = verify_forms([overall, _list_form([10, None, None])]).flags
    missing = [n for _, n in notes if n.check == "required_field_missing" and n.field == "weight"]
    assert [n.indicator_no for n in missing] == [2, 3]
    assert "weights_not_in_document" not in [n.check for _, n in notes]
