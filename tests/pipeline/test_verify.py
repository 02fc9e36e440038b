"""Verify: each score re-derived by the rules, compared within its printed precision."""

from __future__ import annotations

from thaieval.pipeline.verify.document import verify_forms
from thaieval.schemas.forms import ROW_VALUE, TOTAL_WEIGHT, ParsedForm, ParsedIndicator
from thaieval.schemas.provenance import Prov


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


def _notes(forms: list[ParsedForm]) -> list[tuple[str, str, str, str]]:
    return [(n.check, n.severity, n.expected, n.found) for _, n in verify_forms(forms).flags]


def _checks_of(forms: list[ParsedForm]) -> list[tuple[int | None, str, str]]:
    return [(c.indicator_no, c.rule, c.status) for _, c in verify_forms(forms).checks]


def _one_row(**values: object) -> ParsedForm:
    """A 3.x form of one indicator, signed in the window, with its total printed."""
    ind = ParsedIndicator(indicator_no=1, indicator_code="3.2", **values)  # type: ignore[arg-type]
    return ParsedForm(
        form_type="component",
        component="3.2",
        unit_name="สำนักงานเขตบางรัก",
        fiscal_year=2567,
        period="end_of_year",
        has_signatory=True,
        signed_date="2024-10-07",
        total_weight=10,
        total_score=ind.weighted_score,
        indicators=[ind],
    )


def test_issue_a_criteria_result_without_thresholds_is_unchecked_not_a_level_error() -> None:
    # ร้อยละ 94.24 (ระดับ 4) of weight 10 scored 9.696: 4.848 points, between levels 4 and 5
    form = _one_row(weight=10, level=4, result_value=94.24, weighted_score=9.696)
    assert _notes([form]) == []
    assert _checks_of([form])[:2] == [
        (1, "weighted_score", "unchecked"),
        (1, "level_band", "passed"),
    ]
    check = verify_forms([form]).checks[0][1]
    assert check.reason.startswith("a criteria-based result whose thresholds")


def test_a_weighted_score_outside_its_levels_band_is_an_error() -> None:
    # level 4 of weight 10 gives 8 to 10 (not reached); 10.5 and 7.5 contradict the level
    for found in (7.5, 10.5):
        form = _one_row(weight=10, level=4, result_value=94.24, weighted_score=found)
        assert _notes([form]) == [("weighted_score_mismatch", "error", "8..10", f"{found:g}")]


def test_level_5_of_a_criteria_result_is_the_whole_weight() -> None:
    form = _one_row(weight=10, level=5, result_value=99.1, weighted_score=9.9)
    assert _notes([form]) == [("weighted_score_mismatch", "error", "10", "9.9")]


def test_a_level_based_row_keeps_the_level_rule() -> None:
    # ระดับ 4 and nothing else: exactly 4/5 of the weight
    form = _one_row(weight=10, level=4, weighted_score=9.696)
    assert _notes([form]) == [("weighted_score_mismatch", "error", "8", "9.696")]
    assert _checks_of([form])[0] == (1, "weighted_score", "failed")


def test_a_result_cell_read_as_nothing_is_an_unchecked_warning() -> None:
    form = _one_row(weight=10, weighted_score=8)
    assert _notes([form]) == [("unchecked", "warning", "", "")]
    assert verify_forms([form]).flags[0][1].field == "result_text"


def test_an_unread_weighted_score_is_an_unchecked_warning_and_leaves_the_total_unchecked() -> None:
    form = _one_row(weight=10, level=4)
    form.total_score = 8
    assert _notes([form]) == [("unchecked", "warning", "", "")]
    totals = [c for c in _checks_of([form]) if c[1] == "total_score"]
    # the rule's 8 stands in for the score not read: agreeing with it is not a pass
    assert totals == [(None, "total_score", "unchecked")]


def test_a_total_that_disagrees_with_a_stand_in_is_still_an_error() -> None:
    form = _one_row(weight=10, level=4)
    form.total_score = 9
    assert ("form_total_mismatch", "error", "8", "9") in _notes([form])


def test_criteria_level_contradiction_is_an_error() -> None:
    form = _one_row(
        weight=10, level=1, result_value=99.03, criteria=[92, 94, 96, 98, 100], weighted_score=9.03
    )
    assert _notes([form]) == [("level_mismatch", "error", "4", "1")]


def test_derived_levels_say_how_they_were_derived() -> None:
    crit = ParsedIndicator(
        indicator_no=1,
        indicator_code="3.2",
        weight=10,
        criteria=[92, 94, 96, 98, 100],
        result_value=98.77,
        weighted_score=8.77,
    )
    level_row = ParsedIndicator(indicator_no=2, indicator_code="1.1.1", weight=10, weighted_score=8)
    # a criteria row whose thresholds were not read: 6.652 of 10 is 3.326 points, level 3
    unread = ParsedIndicator(
        indicator_no=3, indicator_code="1.2.2", weight=10, result_value=86.63, weighted_score=6.652
    )
    nothing = ParsedIndicator(indicator_no=4, indicator_code="1.3.1", weight=10, weighted_score=1)
    over = ParsedIndicator(indicator_no=5, indicator_code="1.3.2", weight=10, weighted_score=12)
    rows = [crit, level_row, unread, nothing, over]
    overall = ParsedForm(form_type="overall_summary", indicators=rows)
    result = verify_forms([overall])
    assert result.derived_level == {(0, 1): 4, (0, 2): 4, (0, 3): 3}
    assert result.level_source == {
        (0, 1): "derived_criteria",
        (0, 2): "derived_score",
        (0, 3): "derived_score",
        (0, 4): "",
        (0, 5): "",
    }
    # a level derived from the weighted score cannot pass the rule that checks that score
    assert [(c.indicator_no, c.status) for _, c in result.checks if c.rule == "weighted_score"] == [
        (1, "passed"),
        (2, "unchecked"),
        (3, "unchecked"),
        (4, "unchecked"),
        (5, "unchecked"),
    ]


def test_issue_a_one_row_forms_total_is_not_checked_against_itself() -> None:
    form = _one_row(weight=10, level=4, weighted_score=8)
    form.filled = {"total_score": ROW_VALUE, "total_weight": ROW_VALUE}
    statuses = {c[1]: c[2] for c in _checks_of([form]) if c[0] is None}
    assert statuses["total_score"] == "unchecked" and statuses["total_weight"] == "unchecked"


def test_a_weight_taken_from_the_forms_total_does_not_pass_the_weight_check() -> None:
    form = _one_row(weight=10, level=4, weighted_score=8)
    form.indicators[0].filled["weight"] = TOTAL_WEIGHT
    assert [c for c in _checks_of([form]) if c[1] == "total_weight"] == [
        (None, "total_weight", "unchecked")
    ]


def test_a_filled_overall_row_cannot_agree_with_its_source() -> None:
    form = _one_row(weight=10, level=4, weighted_score=8)
    copy = form.indicators[0].model_copy(deep=True)
    copy.filled_from = "component 3.2"
    overall = ParsedForm(form_type="overall_summary", indicators=[copy], total_score=8)
    agreement = [c for c in _checks_of([overall, form]) if c[1].startswith("overall_")]
    assert agreement == [
        (1, "overall_weight", "unchecked"),
        (1, "overall_weighted_score", "unchecked"),
    ]


def test_a_weight_taken_from_the_overall_row_does_not_agree_with_it() -> None:
    row = ParsedIndicator(indicator_no=1, indicator_code="3.2", weight=10, weighted_score=8)
    overall = ParsedForm(form_type="overall_summary", indicators=[row], total_score=8)
    form = _one_row(weight=10, level=4, weighted_score=8)
    form.indicators[0].filled["weight"] = "overall table row 3.2"
    agreement = [c for c in _checks_of([overall, form]) if c[1].startswith("overall_")]
    assert agreement == [
        (1, "overall_weight", "unchecked"),
        (1, "overall_weighted_score", "passed"),
    ]


def test_rows_paired_only_by_place_that_name_other_indicators_are_not_compared() -> None:
    # the overall table lost row 1.2.1 and its 1.1.2 row took the code 1.2: the form of 1.2,
    # which prints no code, is paired with it by its place alone
    row = ParsedIndicator(
        indicator_no=2,
        indicator_code="1.2",
        code_printed=True,
        indicator_name="ระดับความสำเร็จในการบังคับใช้กฎหมายว่าด้วยการรักษาความสะอาด (Joint KPIs)",
        weight=15,
        level=2,
        weighted_score=15,
    )
    overall = ParsedForm(form_type="overall_summary", indicators=[row], total_score=15)
    form = _one_row(weight=20, level=5, weighted_score=20)
    form.component = "1.2"
    form.indicators[0].indicator_code = "1.2"
    form.indicators[0].indicator_name = "ระดับความสำเร็จในการลดปัญหาฝุ่นละออง PM2.5 ร่วมกับหน่วยงาน"
    checks = [n.check for fi, n in verify_forms([overall, form]).flags if fi == 1]
    assert "overall_component_mismatch" not in checks
    agreement = [c for c in _checks_of([overall, form]) if c[1].startswith("overall_")]
    assert agreement == [
        (1, "overall_weight", "unchecked"),
        (1, "overall_weighted_score", "unchecked"),
    ]
    # the same names, a printed mismatch: an error
    form.indicators[0].indicator_name = row.indicator_name
    checks = [n.check for fi, n in verify_forms([overall, form]).flags if fi == 1]
    assert checks.count("overall_component_mismatch") == 2


def test_an_unread_score_beside_a_stated_level_is_an_unchecked_warning() -> None:
    form = _one_row(weight=10, level=4, result_value=94.24)
    form.total_score = 9.696
    assert _notes([form]) == [("unchecked", "warning", "", "")]
    assert _checks_of([form])[:2] == [
        (1, "weighted_score", "unchecked"),
        (1, "level_band", "unchecked"),
    ]


def test_a_total_read_unsure_is_flagged_low_confidence_with_its_page_and_box() -> None:
    # The glyph classifier's readings its model does not accept sit under the bar too.
    from thaieval.pipeline.verify.indicator import LOW_CONFIDENCE
    from thaieval.schemas.page import Box

    form = _innovation("9.375")
    form.total_score = 9.375
    box = Box(x0=500, top=290, x1=530, bottom=300)
    form.prov["total_score"] = Prov(page=2, box=box, text="๙.๓๗๕", confidence=LOW_CONFIDENCE - 1)
    form.prov["total_weight"] = Prov(page=2, text="๑๐", confidence=LOW_CONFIDENCE)
    low = [n for _, n in verify_forms([form]).flags if n.check == "low_ocr_confidence"]
    assert [(n.severity, n.field, n.found, n.prov.page, n.prov.box) for n in low] == [
        ("warning", "total_score", "๙.๓๗๕", 2, box)
    ]


def test_a_step_score_read_unsure_is_flagged_low_confidence_with_its_page_and_box() -> None:
    """An innovation step's score is a number like any other: unsure, it is flagged."""
    from thaieval.pipeline.verify.indicator import LOW_CONFIDENCE
    from thaieval.schemas.forms import ParsedScoreItem
    from thaieval.schemas.page import Box

    form = _innovation("9.375")
    box = Box(x0=400, top=310, x1=420, bottom=322)
    sure = ParsedScoreItem(item="ขั้นที่ 1", max_score=2, score=2)
    sure.prov["score"] = Prov(page=3, text="๒", confidence=LOW_CONFIDENCE + 20)
    unsure = ParsedScoreItem(item="ขั้นที่ 2", max_score=3, score=3)
    unsure.prov["max_score"] = Prov(page=3, text="๓", confidence=LOW_CONFIDENCE)
    unsure.prov["score"] = Prov(page=3, box=box, text="๓", confidence=LOW_CONFIDENCE - 10)
    form.score_items = [sure, unsure]
    low = [n for _, n in verify_forms([form]).flags if n.check == "low_ocr_confidence"]
    assert [(n.field, n.found, n.prov.page, n.prov.box) for n in low] == [("score", "๓", 3, box)]
    assert low[0].message.startswith("step 2 score read as '๓'")
