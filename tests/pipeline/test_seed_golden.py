"""The seed document end to end: the values issue 2 lists, exactly, and a golden snapshot."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import GEN_TEST_DATA, run_cli
from thaieval.pipeline.run.process import Options, process_document
from thaieval.schemas.records import DocumentResult

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "seed"


@pytest.fixture(scope="module")
def seed_result(seed_path: Path) -> DocumentResult:
    return process_document(seed_path, str(seed_path), Options())


def _forms(result: DocumentResult) -> dict[str, object]:
    return {f.component or "overall": f for f in result.forms}


def _indicators(result: DocumentResult, component: str) -> list:  # type: ignore[type-arg]
    form_id = _forms(result)[component].form_id  # type: ignore[attr-defined]
    return [i for i in result.indicators if i.form_id == form_id]


def test_seven_forms_with_common_header(seed_result: DocumentResult) -> None:
    forms = seed_result.forms
    assert [f.component for f in forms] == ["", "1.1", "1.2", "1.3", "2", "3.1", "3.2"]
    assert forms[0].form_type == "overall_summary"
    for f in forms:
        assert f.fiscal_year == 2567
        assert f.period == "end_of_year"
        assert f.unit_name == "สำนักงานการต่างประเทศ"
        # the overall table and the innovation form print the unit alone
        printed = f.component not in ("", "2")
        assert f.parent_unit == ("สำนักปลัดกรุงเทพมหานคร" if printed else "")
    assert seed_result.document.status == "ok"
    assert seed_result.document.method == "ocr-text"


def test_overall_summary(seed_result: DocumentResult) -> None:
    overall = _forms(seed_result)["overall"]
    rows = _indicators(seed_result, "overall")
    assert overall.total_score == 98.284  # type: ignore[attr-defined]
    assert overall.total_score_recomputed == pytest.approx(98.284, abs=1e-6)  # type: ignore[attr-defined]
    assert sum(r.weight for r in rows) == 100
    # printed rows keep their places; the row OCR lost is filled from its form, last
    assert [r.indicator_ref for r in rows] == [
        "1.1.1", "1.1.2", "1.1.3", "1.2.1", "1.3.1", "1.3.2", "3.1", "3.2", "2"
    ]  # fmt: skip
    assert [r.indicator_code for r in rows][-1] == ""  # not printed: filled
    filled = [r for r in rows if r.filled_from]
    assert [(r.indicator_ref, r.weight, r.weighted_score) for r in filled] == [("2", 10, 9.514)]
    r32 = rows[-2]
    assert (r32.criteria, r32.result_value, r32.weighted_score) == ("92|94|96|98|100", 98.77, 8.77)


def test_component_1(seed_result: DocumentResult) -> None:
    f11 = _forms(seed_result)["1.1"]
    assert (f11.total_weight, f11.total_score) == (30, 30)  # type: ignore[attr-defined]
    rows = _indicators(seed_result, "1.1")
    assert [(r.weight, r.level, r.weighted_score) for r in rows] == [(10, 5, 10)] * 3
    rows = _indicators(seed_result, "1.2")
    assert [(r.weight, r.level, r.weighted_score) for r in rows] == [(20, 5, 20)]
    assert _forms(seed_result)["1.3"].total_score == 20  # type: ignore[attr-defined]
    assert len(_indicators(seed_result, "1.3")) == 2


def test_component_2_innovation(seed_result: DocumentResult) -> None:
    (row,) = _indicators(seed_result, "2")
    assert (row.weight, row.result_value, row.weighted_score) == (10, 95.143, 9.514)
    form_id = _forms(seed_result)["2"].form_id  # type: ignore[attr-defined]
    items = [s for s in seed_result.score_items if s.form_id == form_id]
    assert [s.score for s in items] == [20, 15.143, 20, 10, 15]
    assert [s.part for s in items] == [1, 2, 3, 3, 3]


def test_component_3(seed_result: DocumentResult) -> None:
    (r31,) = _indicators(seed_result, "3.1")
    assert (r31.weight, r31.result_value, r31.level, r31.weighted_score) == (10, 100, 5, 10)
    (r32,) = _indicators(seed_result, "3.2")
    assert (r32.weight, r32.result_value, r32.level) == (10, 98.77, 4)
    assert (r32.score_pct, r32.weighted_score, r32.criteria) == (87.70, 8.77, "92|94|96|98|100")
    assert r32.weighted_score_recomputed == pytest.approx(8.77, abs=1e-6)


def test_signatories(seed_result: DocumentResult) -> None:
    got = {
        f.component: (f.evaluator_name, f.signed_date)
        for f in seed_result.forms
        if f.form_type == "component"
    }
    assert got == {
        "1.1": ("", ""),
        "1.2": ("นางวิมลพรรณ พิมสาร", "2024-05-05"),
        "1.3": ("นางวิมลพรรณ พิมสาร", "2024-07-03"),
        "2": ("นายชานศ เจียมเมืองปัก", "2024-10-07"),
        "3.1": ("นางวิมลพรรณ พิมสาร", "2024-10-01"),
        "3.2": ("นางสาวผู้สดี แยมอยู่", "2024-10-17"),
    }
    assert _forms(seed_result)["3.2"].evaluator_position == "หัวหน้ากลุ่มติดตามและประเมินผล 1"  # type: ignore[attr-defined]


def test_flags_are_exactly_the_known_inconsistencies(seed_result: DocumentResult) -> None:
    by_form = {f.form_id: f.component or "overall" for f in seed_result.forms}
    got = sorted((f.severity, f.check, by_form.get(f.form_id, "")) for f in seed_result.flags)
    assert got == [
        ("error", "innovation_steps_mismatch", "2"),
        ("warning", "date_outside_fiscal_window", "1.2"),
        ("warning", "date_outside_fiscal_window", "1.3"),
        ("warning", "numbered_list_gap", "2"),
        ("warning", "overall_row_missing", "overall"),
        ("warning", "signatory_missing", "1.1"),
    ]
    steps = next(f for f in seed_result.flags if f.check == "innovation_steps_mismatch")
    assert (steps.expected, steps.found) == ("95.143", "80.143")
    gap = next(f for f in seed_result.flags if f.check == "numbered_list_gap")
    assert gap.found == "1,2,5,6,7,8"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row.pop("seconds", None)
        row.pop("source_path", None)
    return rows


TABLES = ("documents", "forms", "indicators", "score_items", "findings", "flags", "checks")


def test_cli_output_matches_golden_files(seed_path: Path, tmp_path: Path) -> None:
    proc = run_cli("run", str(seed_path), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "7 forms" in proc.stderr and "Traceback" not in proc.stderr
    for table in TABLES:
        produced = tmp_path / "out" / f"{table}.csv"
        assert produced.read_bytes().startswith(b"\xef\xbb\xbf")
        golden = GOLDEN / f"{table}.csv"
        if GEN_TEST_DATA:
            GOLDEN.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(produced.read_bytes())
        assert _read(produced) == _read(golden), table
