"""Review decisions as data: applied to the kept reading, verified again, kept across re-runs
and new readings (in conflict when a new reading disagrees), and carried by a CSV file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import run_cli
from tests.pipeline.review_fixtures import copy_run, pdf_sha, read_csv, run_sample
from thaieval.parsers.digits import arabic_to_thai
from thaieval.pipeline.export.store import Store
from thaieval.pipeline.pages.records import PAGE_FLAG_CHECKS
from thaieval.pipeline.review.apply import reassemble, rewrite_document
from thaieval.pipeline.review.corrections import record_for, write
from thaieval.pipeline.review.decide import Problem, connect, decide
from thaieval.pipeline.review.keys import BadValue, Target, item_id, parse_typed
from thaieval.pipeline.review.queue import build_queue
from thaieval.pipeline.review.reading import forms_json, load_forms
from thaieval.schemas.records import DocumentRecord


def _decide(out: Path, target: Target, **body: str) -> None:
    db = connect(out / "dataset.sqlite")
    try:
        decide(db, item_id(target), None, {"who": "สมชาย", **body})
    finally:
        db.close()


def _form(out: Path, sha: str, component: str) -> dict[str, str]:
    return next(
        f
        for f in read_csv(out / "forms.csv")
        if f["document_id"] == sha[:16] and f["component"] == component
    )


def _rows(out: Path, table: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(out / "dataset.sqlite")
    try:
        return sorted(db.execute(f'SELECT * FROM "{table}"'), key=repr)
    finally:
        db.close()


def _export(out: Path) -> None:
    from thaieval.pipeline.export.tables import export_all

    store = Store(out / "dataset.sqlite")
    try:
        export_all(store, out)
    finally:
        store.close()


def test_the_kept_reading_gives_back_the_stored_rows(sample_run: Path) -> None:
    """Verify re-runs on a reading as it ran in the pipeline: nothing changes without a decision."""
    db = sqlite3.connect(sample_run / "dataset.sqlite")
    db.row_factory = sqlite3.Row
    for doc_row in db.execute("SELECT * FROM documents"):
        values = dict(zip(doc_row.keys(), tuple(doc_row), strict=True))
        doc = DocumentRecord(**{k: v for k, v in values.items() if v is not None})
        reading = load_forms(db, doc.document_id)
        assert reading, doc.source_path
        again = reassemble(doc, reading)
        for table, key in (("forms", "document_id"), ("checks", "document_id")):
            stored = [
                tuple(r)
                for r in db.execute(f"SELECT * FROM {table} WHERE {key} = ?", (doc.document_id,))
            ]
            mine = [
                tuple(None if v == "" else v for v in r.model_dump().values())
                for r in getattr(again, table)
            ]
            assert stored == mine, table
        flags = [
            tuple(r)
            for r in db.execute("SELECT * FROM flags WHERE document_id = ?", (doc.document_id,))
            if r["check"] not in PAGE_FLAG_CHECKS
        ]
        assert flags == [
            tuple(None if v == "" else v for v in f.model_dump().values()) for f in again.flags
        ]


def test_a_corrected_total_that_adds_up_loses_its_flag(run: Path) -> None:
    sha = pdf_sha(run)
    form = _form(run, sha, "1.3")
    assert form["total_score"] == "17.5"
    assert any(
        f["check"] == "form_total_mismatch"
        for f in read_csv(run / "flags.csv")
        if f["form_id"] == form["form_id"]
    )
    _decide(run, Target(sha, "1.3", "", "total_score"), decision="corrected", value="๑๖")
    _export(run)
    form = _form(run, sha, "1.3")
    assert (form["total_score"], form["total_score_read"]) == ("16", "17.5")
    assert form["reviewed"].startswith("total_score: corrected by สมชาย")
    assert not [
        f
        for f in read_csv(run / "flags.csv")
        if f["form_id"] == form["form_id"] and f["severity"] == "error"
    ]
    checks = [
        c
        for c in read_csv(run / "checks.csv")
        if c["form_id"] == form["form_id"] and c["rule"] == "total_score"
    ]
    assert [c["status"] for c in checks] == ["passed"] and "total_score=16" in checks[0]["inputs"]
    (decision,) = read_csv(run / "corrections.csv")
    assert (decision["value_read"], decision["value_corrected"], decision["decision"]) == (
        "17.5",
        "16",
        "corrected",
    )
    # the same in every export: Parquet, the workbook and the database itself
    import pandas as pd
    from openpyxl import load_workbook

    parquet = pd.read_parquet(run / "parquet" / "forms.parquet")
    row = parquet[parquet["form_id"] == form["form_id"]].iloc[0]
    assert (row["total_score"], row["total_score_read"]) == (16.0, 17.5)
    sheet = load_workbook(run / "dataset.xlsx", read_only=True)["forms"]
    rows = list(sheet.values)
    header = list(rows[1])  # row 1 is the Thai header, row 2 the column names
    cells = next(dict(zip(header, r, strict=True)) for r in rows[2:] if r[0] == form["form_id"])
    assert (cells["total_score"], cells["total_score_read"]) == (16, 17.5)
    assert str(cells["reviewed"]).startswith("total_score: corrected")
    db = sqlite3.connect(run / "dataset.sqlite")
    stored = db.execute(
        "SELECT total_score, total_score_read FROM forms WHERE form_id = ?", (form["form_id"],)
    ).fetchone()
    db.close()
    assert stored == (16.0, 17.5)


def test_a_correction_that_still_breaks_a_rule_stays_flagged(run: Path) -> None:
    sha = pdf_sha(run)
    _decide(
        run, Target(sha, "overall", "1.1.1", "weighted_score"), decision="corrected", value="25"
    )
    _export(run)
    overall = _form(run, sha, "")
    row = next(
        i
        for i in read_csv(run / "indicators.csv")
        if i["form_id"] == overall["form_id"] and i["indicator_no"] == "1"
    )
    assert (
        row["weighted_score"],
        row["weighted_score_read"],
        row["weighted_score_recomputed"],
    ) == ("25", "30", "24")
    flags = [f for f in read_csv(run / "flags.csv") if f["form_id"] == overall["form_id"]]
    mismatch = next(f for f in flags if f["check"] == "weighted_score_mismatch")
    assert (mismatch["expected"], mismatch["found"]) == ("24", "25")
    assert mismatch["reviewed"].startswith("corrected by สมชาย")
    # the overall total no longer adds up with the person's 25: verify says so
    assert any(f["check"] == "overall_total_mismatch" for f in flags)


def test_unreadable_leaves_the_value_empty_and_flagged(run: Path) -> None:
    sha = pdf_sha(run)
    _decide(run, Target(sha, "1.1", "1.1.1", "weighted_score"), decision="unreadable")
    _export(run)
    form = _form(run, sha, "1.1")
    row = next(i for i in read_csv(run / "indicators.csv") if i["form_id"] == form["form_id"])
    assert (row["weighted_score"], row["weighted_score_read"]) == ("", "30")
    assert "unreadable" in row["reviewed"]
    flag = next(f for f in read_csv(run / "flags.csv") if f["check"] == "reviewed_unreadable")
    assert flag["form_id"] == form["form_id"] and flag["field"] == "weighted_score"
    checks = [
        c
        for c in read_csv(run / "checks.csv")
        if c["form_id"] == form["form_id"] and c["rule"] in ("weighted_score", "total_score")
    ]
    assert checks and "passed" not in {c["status"] for c in checks if c["rule"] == "weighted_score"}


def _new_reading(out: Path, sha: str, total: float) -> None:
    """Save the document again as a new release would read it: form 1.3's total as ``total``."""
    store = Store(out / "dataset.sqlite")
    try:
        doc_row = store.db.execute("SELECT * FROM documents WHERE sha256 = ?", (sha,))
        names = [c[0] for c in doc_row.description]
        values = dict(zip(names, doc_row.fetchone(), strict=True))
        doc = DocumentRecord(**{k: v for k, v in values.items() if v is not None})
        reading = load_forms(store.db, doc.document_id)
        assert reading is not None
        form = next(f for f in reading if f.component == "1.3")
        form.total_score = total
        form.prov["total_score"] = form.prov["total_score"].model_copy(
            update={"text": f"{total:g}"}
        )
        result = reassemble(doc, reading)
        result.reading = forms_json(reading)
        store.save(result)
    finally:
        store.close()


def test_a_new_reading_that_disagrees_with_both_is_in_conflict(run: Path) -> None:
    sha = pdf_sha(run)
    target = Target(sha, "1.3", "", "total_score")
    _decide(run, target, decision="corrected", value="16")
    _new_reading(run, sha, 18.0)
    _export(run)
    form = _form(run, sha, "1.3")
    assert (form["total_score"], form["total_score_read"]) == ("16", "18")  # the decision holds
    assert "conflict: read 17.5 then, 18 now" in form["reviewed"]
    conflict = next(f for f in read_csv(run / "flags.csv") if f["check"] == "review_conflict")
    assert (conflict["form_id"], conflict["expected"], conflict["found"]) == (
        form["form_id"],
        "16",
        "18",
    )
    db = connect(run / "dataset.sqlite")
    states = {i.target: i.state for i in build_queue(db)}
    db.close()
    assert states[target] == "conflict"
    # a reading that agrees with the correction is no conflict
    _new_reading(run, sha, 16.0)
    _export(run)
    assert "conflict" not in _form(run, sha, "1.3")["reviewed"]
    assert not [f for f in read_csv(run / "flags.csv") if f["check"] == "review_conflict"]


def test_a_decision_whose_value_is_gone_is_flagged_detached(run: Path) -> None:
    sha = pdf_sha(run)
    db = connect(run / "dataset.sqlite")
    try:
        db.execute("BEGIN IMMEDIATE")
        write(db, [record_for(Target(sha, "9.9", "", "total_score"), "corrected", "1", "2", "ก")])
        rewrite_document(db, sha[:16])
        db.execute("COMMIT")
    finally:
        db.close()
    _export(run)
    flag = next(f for f in read_csv(run / "flags.csv") if f["check"] == "review_detached")
    assert flag["form_id"] == "" and "9.9" in flag["message"]


def test_decisions_survive_a_forced_re_run(run: Path) -> None:
    sha = pdf_sha(run)
    _decide(run, Target(sha, "1.3", "", "total_score"), decision="corrected", value="16")
    _decide(
        run, Target(sha, "1.1", "1.1.1", "weighted_score"), decision="accepted", note="as printed"
    )
    run_sample(run, "--force")
    form = _form(run, sha, "1.3")
    assert (form["total_score"], form["total_score_read"]) == ("16", "17.5")
    accepted = [
        f
        for f in read_csv(run / "flags.csv")
        if f["check"] == "weighted_score_mismatch"
        and f["form_id"] == _form(run, sha, "1.1")["form_id"]
    ]
    assert accepted and accepted[0]["reviewed"].startswith("accepted by สมชาย")
    assert len(read_csv(run / "corrections.csv")) == 2


def test_corrections_travel_as_csv(run: Path, sample_run: Path, tmp_path: Path) -> None:
    sha = pdf_sha(run)
    _decide(run, Target(sha, "1.3", "", "total_score"), decision="corrected", value="16")
    _decide(run, Target(sha, "1.1", "1.1.1", "weighted_score"), decision="accepted")
    exported = tmp_path / "decisions.csv"
    done = run_cli("corrections", "export", str(run), str(exported))
    assert done.returncode == 0 and "2 decisions" in done.stdout, done.stderr
    other = copy_run(sample_run, tmp_path / "other")
    done = run_cli("corrections", "import", str(other), str(exported))
    assert done.returncode == 0 and "2 decision(s) imported" in done.stdout, done.stderr
    assert (
        _form(other, sha, "1.3")["total_score"],
        _form(other, sha, "1.3")["total_score_read"],
    ) == ("16", "17.5")
    again = run_cli("corrections", "import", str(other), str(exported))
    assert "0 decision(s) imported, 2 already there" in again.stdout
    assert len(read_csv(other / "corrections.csv")) == 2


def test_an_import_with_a_bad_row_changes_nothing(run: Path, tmp_path: Path) -> None:
    sha = pdf_sha(run)
    _decide(run, Target(sha, "1.3", "", "total_score"), decision="corrected", value="16")
    exported = tmp_path / "decisions.csv"
    assert run_cli("corrections", "export", str(run), str(exported)).returncode == 0
    text = exported.read_text(encoding="utf-8-sig")
    bad = tmp_path / "bad.csv"
    row = (
        text.splitlines()[1]
        .replace(",16,corrected,", ",l6,corrected,")
        .replace(text.splitlines()[1][:32], "f" * 32)
    )
    bad.write_text(text + row + "\n", encoding="utf-8-sig")
    before = _rows(run, "corrections"), _rows(run, "forms")
    done = run_cli("corrections", "import", str(run), str(bad))
    assert done.returncode == 2
    assert (
        "line 3" in done.stderr
        and "'l6' is not a number" in done.stderr
        and "nothing imported" in done.stderr
    )
    assert (_rows(run, "corrections"), _rows(run, "forms")) == before


def test_a_field_that_cannot_be_typed_can_only_be_accepted(run: Path) -> None:
    seed_sha = next(
        d["sha256"] for d in read_csv(run / "documents.csv") if d["method"] == "ocr-text"
    )
    target = Target(seed_sha, "2", "2", "score")  # the innovation steps' sum: several cells
    with pytest.raises(Problem) as caught:
        _decide(run, target, decision="corrected", value="95.143")
    assert caught.value.status == 400 and "accept it as read" in caught.value.message
    _decide(run, target, decision="accepted", note="a step row merged into another cell")
    _export(run)
    flag = next(f for f in read_csv(run / "flags.csv") if f["check"] == "innovation_steps_mismatch")
    assert flag["reviewed"].startswith("accepted by สมชาย")


@given(st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False, allow_infinity=False))
def test_typed_numbers_are_read_in_thai_or_arabic_digits(value: object) -> None:
    text = f"{value}"
    assert parse_typed(arabic_to_thai(text), "weighted_score") == parse_typed(
        text, "weighted_score"
    )
    assert parse_typed(text, "weighted_score")[0] == pytest.approx(float(text))


@pytest.mark.parametrize("typed", ["", "x", "1O", "9,5", "1.2.3", "--1", "-3", "๕ก"])
def test_what_is_not_one_number_is_refused(typed: str) -> None:
    with pytest.raises(BadValue):
        parse_typed(typed, "weight")


@pytest.mark.parametrize("typed", ["0", "6", "4.5"])
def test_a_level_is_a_whole_number_from_one_to_five(typed: str) -> None:
    with pytest.raises(BadValue, match="level"):
        parse_typed(typed, "level")
