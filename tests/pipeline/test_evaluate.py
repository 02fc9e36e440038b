"""``thaieval eval``: a dataset written from the truth scores 100%; damage scores what it predicts."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from thaieval.pipeline.evaluate.run import (
    EvalReport,
    Thresholds,
    check_thresholds,
    dataset_from_truth,
    eval_command,
    evaluate,
    format_report,
)
from thaieval.schemas.truth import (
    TruthDocument,
    TruthFinding,
    TruthFlag,
    TruthForm,
    TruthIndicator,
    TruthScoreItem,
    dump_truth,
)

UNIT = "สำนักงานเขตลาดกระบัง"  # 20 characters
UNIT_TWO_WRONG = "สำนักงานเขตลาคกระบัว"
PARENT = "สำนักปลัดกรุงเทพมหานคร"


def _innovation() -> TruthIndicator:
    return TruthIndicator(
        indicator_no=1,
        indicator_code="2",
        indicator_name="ระดับความสำเร็จของการพัฒนานวัตกรรม",
        weight=10,
        result_text="95.143",
        result_value=95.143,
        score_pct=95.143,
        weighted_score=9.514,
    )


def _budget(weighted: float) -> TruthIndicator:
    return TruthIndicator(
        indicator_no=1,
        indicator_code="3.2",
        indicator_name="ร้อยละการเบิกจ่ายงบประมาณ",
        weight=10,
        criteria="92|94|96|98|100",
        result_text="ระดับ 4 (98.77)",
        result_value=98.77,
        level=4,
        score_pct=87.70,
        weighted_score=weighted,
    )


def _function_base() -> TruthIndicator:
    return TruthIndicator(
        indicator_no=1,
        indicator_code="1.1.1",
        indicator_name="ระดับความสำเร็จของการดำเนินงานตามภารกิจหลัก",
        weight=30,
        result_text="ระดับ 5",
        level=5,
        weighted_score=30,
    )


def _form(form_type: str, component: str, period: str, **fields: object) -> TruthForm:
    return TruthForm.model_validate(
        {
            "form_type": form_type,
            "component": component,
            "fiscal_year": 2567,
            "period": period,
            "unit_name": UNIT,
            "parent_unit": PARENT,
            "evaluator_name": "นางสาวสมศรี ใจดี",
            "evaluator_position": "นักวิเคราะห์นโยบายและแผนชำนาญการ",
            "signed_date": "2024-10-17",
            **fields,
        }
    )


def make_doc(file: str, variant: str, *, inconsistent: bool = False) -> TruthDocument:
    """Four forms, six indicators; ``inconsistent`` declares 9.77 for 8.77 and injects flags."""
    period = "mid_year" if inconsistent else "end_of_year"
    budget_score = 9.77 if inconsistent else 8.77
    overall = _form(
        "overall_summary",
        "",
        period,
        total_weight=50,
        total_score=30 + 9.514 + budget_score,
        page_start=1,
        page_end=1,
        evaluator_name="",
        evaluator_position="",
        signed_date="",
        indicators=[
            _function_base(),
            _innovation().model_copy(update={"indicator_no": 2}),
            _budget(budget_score).model_copy(update={"indicator_no": 3}),
        ],
    )
    function_base = _form(
        "component",
        "1.1",
        period,
        component_title="ประสิทธิผลของการปฏิบัติราชการ (Function Base)",
        total_weight=30,
        total_score=30,
        page_start=2,
        page_end=2,
        indicators=[_function_base()],
        findings=[
            TruthFinding(section="reason", item_no=1, text="ดำเนินการครบทุกขั้นตอน"),
            TruthFinding(section="reason", item_no=2, text="มีหลักฐานครบถ้วน"),
            TruthFinding(section="strength", item_no=1, text="บุคลากรมีความรู้"),
        ],
    )
    innovation = _form(
        "component",
        "2",
        period,
        component_title="การพัฒนานวัตกรรม (Innovation Base)",
        total_weight=10,
        total_score=9.514,
        page_start=3,
        page_end=4,
        indicators=[_innovation()],
        score_items=[
            TruthScoreItem(part=1, item="มีการศึกษาปัญหา", max_score=20, score=20),
            TruthScoreItem(part=2, item="มีการออกแบบนวัตกรรม", max_score=30, score=25.143),
            TruthScoreItem(part=3, item="มีการนำไปใช้", max_score=50, score=50),
        ],
    )
    budget = _form(
        "component",
        "3.2",
        period,
        component_title="การเบิกจ่ายงบประมาณ (Potential Base)",
        total_weight=10,
        total_score=budget_score,
        page_start=5,
        page_end=5,
        indicators=[_budget(budget_score)],
        findings=[TruthFinding(section="recommendation", item_no=1, text="ควรเร่งรัดการเบิกจ่าย")],
    )
    injected = (
        [
            TruthFlag(
                check="weighted_score_mismatch",
                severity="error",
                component="3.2",
                field="weighted_score",
                indicator_no=1,
            ),
            TruthFlag(check="date_outside_fiscal_window", severity="warning", component="1.1"),
            TruthFlag(check="header_mismatch", severity="warning"),
        ]
        if inconsistent
        else []
    )
    return TruthDocument(
        file=file,
        variant=variant,  # type: ignore[arg-type]
        source_id=file.split(".")[0],
        unit_name=UNIT,
        fiscal_year=2567,
        period=period,  # type: ignore[arg-type]
        page_count=5,
        consistent=not inconsistent,
        forms=[overall, function_base, innovation, budget],
        injected=injected,
    )


DOCS = [make_doc("a.pdf", "scan300"), make_doc("b.pdf", "text", inconsistent=True)]
FORMS = 8  # four a document
WEIGHTED_SCORES = 12  # six indicators a document


@pytest.fixture
def run(tmp_path: Path) -> tuple[Path, Path]:
    """(out_dir holding a perfect dataset, truth_dir holding DOCS)."""
    truth_dir, out_dir = tmp_path / "truth", tmp_path / "out"
    truth_dir.mkdir()
    for doc in DOCS:
        dump_truth(doc, truth_dir / (doc.file.split(".")[0] + ".truth.json"))
    dataset_from_truth(DOCS, out_dir)
    return out_dir, truth_dir


def edit_table(out_dir: Path, table: str, change: Callable[[list[dict[str, str]]], None]) -> None:
    """Rewrite ``table``.csv after ``change`` edits its rows in place."""
    path = out_dir / f"{table}.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = list(reader.fieldnames or []), list(reader)
    change(rows)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)


def drop_rows(out_dir: Path, table: str, drop: Callable[[dict[str, str]], bool]) -> None:
    def change(rows: list[dict[str, str]]) -> None:
        rows[:] = [row for row in rows if not drop(row)]

    edit_table(out_dir, table, change)


def form_id(out_dir: Path, file: str, component: str, form_type: str = "component") -> str:
    with (out_dir / "documents.csv").open(encoding="utf-8-sig") as handle:
        doc_id = next(r["document_id"] for r in csv.DictReader(handle) if r["source_path"] == file)
    with (out_dir / "forms.csv").open(encoding="utf-8-sig") as handle:
        return next(
            r["form_id"]
            for r in csv.DictReader(handle)
            if r["document_id"] == doc_id
            and r["component"] == component
            and r["form_type"] == form_type
        )


def value(report: EvalReport, name: str, group: str = "all") -> float | None:
    return report.metric(name).tally(group).value


def test_dataset_from_truth_scores_100_percent_on_everything(run: tuple[Path, Path]) -> None:
    report = evaluate(*run)
    assert report.groups == ["all", "text", "scan300"]
    for metric in report.metrics:
        for group in report.groups:
            tally = metric.tally(group)
            if metric.kind in ("cer", "count"):
                assert tally.num == 0, (metric.name, group)
            elif tally.den:
                assert tally.value == 1.0, (metric.name, group)
    assert report.metric("forms.recall").tally().den == FORMS
    assert report.metric("indicators.weighted_score").tally().den == WEIGHTED_SCORES
    assert report.metric("text.unit_name").tally().den == FORMS * len(UNIT)
    assert report.metric("flags.recall").tally().den == 3
    assert report.metric("summary.numeric_exact").tally("scan300").value == 1.0
    assert report.missed_forms == report.missed_flags == report.false_errors == []
    assert report.mismatches == []
    assert report.extra_rows == {}


def test_every_summary_threshold_passes_on_a_perfect_dataset(run: tuple[Path, Path]) -> None:
    strict = Thresholds(
        min_form_recall=100,
        min_numeric_exact=100,
        max_text_cer=0,
        min_flag_recall=100,
        max_false_errors=0,
    )
    assert check_thresholds(evaluate(*run), strict) == []


def test_one_wrong_weighted_score_of_n_scores_n_minus_one_over_n(run: tuple[Path, Path]) -> None:
    out_dir, truth_dir = run
    target = form_id(out_dir, "a.pdf", "3.2")

    def damage(rows: list[dict[str, str]]) -> None:
        next(r for r in rows if r["form_id"] == target)["weighted_score"] = "8.78"

    edit_table(out_dir, "indicators", damage)
    report = evaluate(out_dir, truth_dir)
    assert value(report, "indicators.weighted_score") == (WEIGHTED_SCORES - 1) / WEIGHTED_SCORES
    assert value(report, "indicators.weighted_score", "scan300") == 5 / 6
    assert value(report, "indicators.weighted_score", "text") == 1.0
    assert value(report, "indicators.weight") == 1.0
    assert report.mismatches == [
        "a.pdf: component 3.2 #1: indicators.weighted_score: 8.77 ≠ '8.78'"
    ]


@pytest.mark.parametrize(
    ("printed", "exact"), [("8.7704", True), ("8.7705", True), ("8.7706", False)]
)
def test_numbers_match_within_half_a_unit_of_the_third_decimal(
    run: tuple[Path, Path], printed: str, exact: bool
) -> None:
    out_dir, truth_dir = run
    target = form_id(out_dir, "a.pdf", "3.2")

    def damage(rows: list[dict[str, str]]) -> None:
        next(r for r in rows if r["form_id"] == target)["weighted_score"] = printed

    edit_table(out_dir, "indicators", damage)
    expected = 1.0 if exact else 5 / 6
    assert value(evaluate(out_dir, truth_dir), "indicators.weighted_score", "scan300") == expected


def test_a_deleted_form_drops_recall_by_one_form_and_misses_its_values(
    run: tuple[Path, Path],
) -> None:
    out_dir, truth_dir = run
    remove_form(out_dir, "a.pdf", "2")
    report = evaluate(out_dir, truth_dir)
    assert value(report, "forms.recall") == (FORMS - 1) / FORMS
    assert value(report, "forms.recall", "scan300") == 3 / 4
    assert value(report, "summary.form_recall", "text") == 1.0
    # its one indicator and three score items are missed, not skipped
    assert value(report, "indicators.weighted_score") == (WEIGHTED_SCORES - 1) / WEIGHTED_SCORES
    assert value(report, "score_items.score") == 3 / 6
    assert report.missed_forms == ["a.pdf: component 2"]


def test_two_wrong_characters_of_a_20_character_unit_name_is_cer_one_tenth(
    run: tuple[Path, Path],
) -> None:
    out_dir, truth_dir = run

    def damage(rows: list[dict[str, str]]) -> None:
        for row in rows:
            row["unit_name"] = UNIT_TWO_WRONG

    edit_table(out_dir, "forms", damage)
    report = evaluate(out_dir, truth_dir)
    assert value(report, "text.unit_name") == pytest.approx(0.1, abs=1e-12)
    assert value(report, "forms.unit_name") == 0.0
    text_chars = report.metric("summary.text_cer").tally().den
    assert report.metric("summary.text_cer").tally().num == 2 * FORMS
    assert value(report, "summary.text_cer") == 2 * FORMS / text_chars


def test_a_dropped_flag_is_one_missed_flag(run: tuple[Path, Path]) -> None:
    out_dir, truth_dir = run
    drop_rows(out_dir, "flags", lambda row: row["check"] == "weighted_score_mismatch")
    report = evaluate(out_dir, truth_dir)
    assert value(report, "flags.recall") == 2 / 3
    assert value(report, "flag_checks.weighted_score_mismatch") == 0.0
    assert value(report, "flag_checks.header_mismatch") == 1.0
    assert report.missed_flags == ["b.pdf: component 3.2: weighted_score_mismatch"]


def test_a_flag_on_the_wrong_form_is_not_recalled(run: tuple[Path, Path]) -> None:
    out_dir, truth_dir = run
    wrong = form_id(out_dir, "b.pdf", "1.1")

    def move(rows: list[dict[str, str]]) -> None:
        next(r for r in rows if r["check"] == "weighted_score_mismatch")["form_id"] = wrong

    edit_table(out_dir, "flags", move)
    report = evaluate(out_dir, truth_dir)
    assert value(report, "flags.recall") == 2 / 3
    # and the error now sits on a form no injected error explains
    assert report.metric("summary.false_errors").tally().num == 1


def test_document_level_flags_are_recalled_without_a_form(run: tuple[Path, Path]) -> None:
    out_dir, truth_dir = run

    def to_document(rows: list[dict[str, str]]) -> None:
        for row in rows:
            row["form_id"] = ""

    edit_table(out_dir, "flags", to_document)
    report = evaluate(out_dir, truth_dir)
    assert value(report, "flags.recall") == 1.0
    assert report.metric("summary.false_errors").tally().num == 0


@pytest.mark.parametrize(
    ("file", "component", "check", "field", "false_errors"),
    [
        ("a.pdf", "1.1", "form_total_mismatch", "total_score", 1),
        ("b.pdf", "1.1", "form_total_mismatch", "total_score", 1),
        # b.pdf's 3.2 carries an injected weighted_score_mismatch: an error about another
        # number of that form is not excused by it; one about its weighted score is
        ("b.pdf", "3.2", "form_total_mismatch", "total_score", 1),
        ("b.pdf", "3.2", "overall_component_mismatch", "weighted_score", 0),
        ("b.pdf", "3.2", "weighted_score_mismatch", "weighted_score", 0),
    ],
)
def test_an_error_flag_on_a_consistent_form_is_one_false_error(
    run: tuple[Path, Path], file: str, component: str, check: str, field: str, false_errors: int
) -> None:
    out_dir, truth_dir = run
    target = form_id(out_dir, file, component)
    doc_id = target.split("-")[0]

    def add(rows: list[dict[str, str]]) -> None:
        row = dict.fromkeys(rows[0], "")
        rows.append(
            row
            | {"document_id": doc_id, "form_id": target, "severity": "error"}
            | {"check": check, "field": field, "message": "numbers do not add up"}
        )

    edit_table(out_dir, "flags", add)
    report = evaluate(out_dir, truth_dir)
    assert report.metric("summary.false_errors").tally().num == false_errors
    assert value(report, "flags.recall") == 1.0
    assert len(report.false_errors) == false_errors


def test_a_missing_document_counts_its_forms_and_flags_as_misses(run: tuple[Path, Path]) -> None:
    out_dir, truth_dir = run
    drop_rows(out_dir, "documents", lambda row: row["source_path"] == "b.pdf")
    report = evaluate(out_dir, truth_dir)
    assert value(report, "documents.found") == 1 / 2
    assert value(report, "forms.recall") == 4 / 8
    assert value(report, "forms.recall", "text") == 0.0
    assert value(report, "flags.recall") == 0.0
    assert value(report, "text.unit_name") == 0.5
    assert report.missed_documents == ["b.pdf"]


def test_a_failed_document_is_not_found_and_says_why(run: tuple[Path, Path]) -> None:
    out_dir, truth_dir = run

    def fail(rows: list[dict[str, str]]) -> None:
        rows[0] |= {"status": "failed", "error": "PDF is encrypted", "form_count": "0"}

    edit_table(out_dir, "documents", fail)
    doc_id = form_id(out_dir, "a.pdf", "2").split("-")[0]
    for table in ("forms", "flags"):
        drop_rows(out_dir, table, lambda row: row["document_id"] == doc_id)
    report = evaluate(out_dir, truth_dir)
    assert value(report, "documents.found") == 1 / 2
    assert value(report, "forms.recall", "scan300") == 0.0
    assert report.missed_documents == ["a.pdf: failed: PDF is encrypted"]


def test_malformed_cells_and_extra_columns_are_misses_not_crashes(run: tuple[Path, Path]) -> None:
    out_dir, truth_dir = run

    def damage(rows: list[dict[str, str]]) -> None:
        rows[0]["weighted_score"] = "ten"
        rows[0]["indicator_no"] = "one"
        for row in rows:
            row["my_column"] = "x"

    path = out_dir / "indicators.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = [*(reader.fieldnames or []), "my_column"], list(reader)
    damage(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:  # and no BOM
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)
    report = evaluate(out_dir, truth_dir)
    assert value(report, "indicators.weighted_score") == (WEIGHTED_SCORES - 1) / WEIGHTED_SCORES
    assert report.extra_rows == {"indicators": 1}


def test_a_value_the_truth_lacks_counts_as_wrong(run: tuple[Path, Path]) -> None:
    out_dir, truth_dir = run

    def invent(rows: list[dict[str, str]]) -> None:
        rows[0]["score_pct"] = "100"  # overall row 1 is level-based: no percent printed

    edit_table(out_dir, "indicators", invent)
    report = evaluate(out_dir, truth_dir)
    # 4 percents in the truth a document, plus the invented one
    assert report.metric("indicators.score_pct").tally().den == 9
    assert value(report, "indicators.score_pct") == 8 / 9


def test_variant_folders_with_the_same_file_name_match_their_own_run(tmp_path: Path) -> None:
    truth_dir, out_dir = tmp_path / "archive", tmp_path / "out"
    for variant in ("text", "scan300"):
        (truth_dir / variant).mkdir(parents=True)
        dump_truth(make_doc("a.pdf", variant), truth_dir / variant / "a.truth.json")
    dataset_from_truth([make_doc("samples/archive/scan300/a.pdf", "scan300")], out_dir)
    report = evaluate(out_dir, truth_dir)
    assert value(report, "documents.found", "scan300") == 1.0
    assert value(report, "documents.found", "text") == 0.0
    assert report.missed_documents == ["text/a.pdf"]


def remove_form(out_dir: Path, file: str, component: str) -> None:
    target = form_id(out_dir, file, component)
    drop_rows(out_dir, "forms", lambda row: row["form_id"] == target)


def test_thresholds_report_each_failure_on_one_line(run: tuple[Path, Path]) -> None:
    out_dir, truth_dir = run
    remove_form(out_dir, "a.pdf", "2")
    drop_rows(out_dir, "flags", lambda row: row["check"] == "weighted_score_mismatch")
    report = evaluate(out_dir, truth_dir)
    failures = check_thresholds(
        report, Thresholds(min_form_recall=90, min_flag_recall=100, max_false_errors=0)
    )
    assert failures == ["form recall 87.50% < 90% (all)", "flag recall 66.67% < 100% (all)"]
    assert check_thresholds(report, Thresholds(min_form_recall=90, group="text")) == []
    assert check_thresholds(report, Thresholds(min_numeric_exact=99.5, group="image")) == [
        "numeric fields exact: nothing scored in group 'image' (limit 99.5%)"
    ]
    assert check_thresholds(report, Thresholds(max_false_errors=-1)) == [
        "false error flags 0 > -1 (all)"
    ]


def test_eval_command_prints_writes_json_and_returns_the_status(
    run: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir, truth_dir = run
    status = eval_command(
        out_dir,
        truth_dir,
        json_out=None,
        min_form_recall=100,
        min_numeric_exact=99.5,
        max_text_cer=2.0,
        min_flag_recall=None,
        max_false_errors=0,
    )
    assert status == 0
    saved = EvalReport.model_validate(json.loads((out_dir / "eval.json").read_text("utf-8")))
    assert saved == evaluate(out_dir, truth_dir)
    assert "numeric_exact" in capsys.readouterr().out

    remove_form(out_dir, "a.pdf", "2")
    json_out = out_dir.parent / "new" / "folder" / "eval.json"
    status = eval_command(
        out_dir,
        truth_dir,
        json_out=json_out,
        min_form_recall=100,
        min_numeric_exact=None,
        max_text_cer=None,
        min_flag_recall=None,
        max_false_errors=None,
    )
    assert status == 1
    assert capsys.readouterr().out.endswith("FAILED:\n  form recall 87.50% < 100% (all)\n")
    assert json.loads(json_out.read_text("utf-8"))["missed_forms"] == ["a.pdf: component 2"]


def test_eval_command_without_a_dataset_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = eval_command(
        tmp_path / "none",
        tmp_path,
        json_out=None,
        min_form_recall=None,
        min_numeric_exact=None,
        max_text_cer=None,
        min_flag_recall=None,
        max_false_errors=None,
    )
    assert status == 2
    assert capsys.readouterr().err == (
        f"thaieval eval: no dataset at {tmp_path / 'none'}: documents.csv is missing\n"
    )


def test_the_table_has_one_column_per_group_and_the_summary_lines(run: tuple[Path, Path]) -> None:
    lines = format_report(evaluate(*run)).splitlines()
    assert lines[2].split() == ["metric", "all", "text", "scan300"]
    summary = lines[lines.index("summary") + 1 :][:6]
    assert [line.split()[0] for line in summary] == [
        "form_recall",
        "numeric_exact",
        "text_cer",
        "flag_recall",
        "false_errors",
        "warnings_on_consistent",
    ]
    assert summary[0].split() == ["form_recall", "100.00%", "8", "100.00%", "4", "100.00%", "4"]
    assert summary[4].split() == ["false_errors", "0", "0", "0"]


def _add_flag(out_dir: Path, file: str, component: str, severity: str, check: str) -> None:
    target = form_id(out_dir, file, component)

    def add(rows: list[dict[str, str]]) -> None:
        row = dict.fromkeys(rows[0], "")
        rows.append(
            row
            | {"document_id": target.split("-")[0], "form_id": target, "severity": severity}
            | {"check": check, "message": "suspicious"}
        )

    edit_table(out_dir, "flags", add)


def test_warnings_on_consistent_forms_are_counted_and_listed(run: tuple[Path, Path]) -> None:
    out_dir, truth_dir = run
    _add_flag(out_dir, "a.pdf", "1.1", "warning", "numbered_list_gap")
    _add_flag(out_dir, "b.pdf", "3.2", "warning", "low_ocr_confidence")  # an injected form
    report = evaluate(out_dir, truth_dir)
    assert report.metric("summary.warnings_on_consistent").tally().num == 1
    assert report.warnings_on_consistent == ["a.pdf: component 1.1: numbered_list_gap"]
    assert report.metric("summary.false_errors").tally().num == 0


def test_the_fiscal_year_is_not_pooled_with_the_numbers(run: tuple[Path, Path]) -> None:
    out_dir, truth_dir = run

    def misread(rows: list[dict[str, str]]) -> None:
        for row in rows:
            row["fiscal_year"] = "2561"

    edit_table(out_dir, "forms", misread)
    report = evaluate(out_dir, truth_dir)
    assert value(report, "forms.fiscal_year") == 0.0
    assert value(report, "summary.numeric_exact") == 1.0
