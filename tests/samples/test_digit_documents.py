"""Units re-drawn in another font and digit script (``redrawn``, ``--font``/``--digits``), and
the table of ``python -m samples.digits.documents``: its cells scored from a run's CSVs, its
totals pooled. The pipeline itself is not run here (``make digit-docs`` does that)."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pdfplumber
import pytest

from samples.digits.documents import (
    CellScore,
    cell_folder,
    draw_cell,
    format_pairs,
    format_table,
    paired_misses,
    score_cell,
)
from samples.digits.documents import total as total_of
from samples.generate import build_documents, main
from samples.synth import PLANS, redrawn, synthetic_document
from samples.to_truth import to_truth
from thaieval.pipeline.evaluate.dataset import dataset_from_truth
from thaieval.schemas.truth import load_truth

SEED = 2567
UNIT = "khlongtoei-2566-mid"  # Chakra Petch, Thai digits in the overall table only
PLAN = next(p for p in PLANS if p.key == UNIT)


def _digits_drawn(pdf: bytes) -> tuple[int, int]:
    """(Thai digits, Arabic digits) in the text layer of ``pdf``."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        # A glyph without a Unicode mapping comes out as "(cid:23)": not a digit drawn.
        text = "".join(c["text"] for page in doc.pages for c in page.chars if len(c["text"]) == 1)
    return sum("๐" <= ch <= "๙" for ch in text), sum("0" <= ch <= "9" for ch in text)


def test_redrawn_changes_font_and_digits_only() -> None:
    plan = redrawn(PLAN, "Garuda", "thai")
    assert (plan.font, plan.thai_digits, plan.digit_scope) == ("Garuda", True, "")
    assert redrawn(PLAN, "", "arabic").font == "Chakra Petch"
    assert redrawn(PLAN) == PLAN
    same, other = synthetic_document(PLAN, SEED), synthetic_document(plan, SEED)
    assert [i.weighted for i in same.indicators()] == [i.weighted for i in other.indicators()]
    with pytest.raises(ValueError):
        redrawn(PLAN, digits="roman")  # type: ignore[arg-type]


@pytest.mark.parametrize(("digits", "thai_only"), [("thai", True), ("arabic", False)])
def test_the_generator_draws_every_number_in_one_script_and_keeps_the_truth(
    digits: str, thai_only: bool
) -> None:
    (plain,) = build_documents(SEED, (UNIT,))
    (built,) = build_documents(SEED, (UNIT,), "Sarabun", digits)  # type: ignore[arg-type]
    assert built.doc.font == "Sarabun"
    thai, arabic = _digits_drawn(built.rendered.pdf)
    # The plan prints Thai digits in its overall table only: now in every table or in none.
    assert (thai > 100, arabic > 100) == (thai_only, not thai_only)
    assert min(thai, arabic) < 10  # a page number or a code of another script at most
    before = to_truth(plain.doc, plain.rendered, "x.pdf", "text")
    after = to_truth(built.doc, built.rendered, "x.pdf", "text")
    assert [f.model_dump() for f in after.forms] == [f.model_dump() for f in before.forms]


def test_the_generator_command_takes_font_and_digits(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path), "--unit", UNIT, "--variant", "text",
                 "--font", "Niramit", "--digits", "arabic"]) == 0  # fmt: skip
    pdf = (tmp_path / "text" / f"{UNIT}.pdf").read_bytes()
    assert _digits_drawn(pdf)[0] < 10
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path), "--font", "No Such Face"])


def test_a_drawn_cell_is_scored_from_the_run_csvs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (pdf,) = draw_cell(docs, "Garuda", "thai", (UNIT,), forms=1, dpis=(200,), seed=SEED)
    folder = cell_folder("Garuda", "thai", 200)
    assert pdf == docs / folder / f"{UNIT}.{folder}.pdf"
    truth = load_truth(pdf.with_name(pdf.name.removesuffix(".pdf") + ".truth.json"))
    assert [f.form_type for f in truth.forms] == ["overall_summary"]
    out = tmp_path / "run"
    dataset_from_truth([truth], out)  # a perfect run …
    perfect = score_cell(out, docs / folder, "Garuda", 200, "thai")
    assert perfect.numbers_right == perfect.numbers > 20
    assert (perfect.forms_found, perfect.forms, perfect.false_errors) == (1, 1, 0)
    assert perfect.low_confidence == 0
    # … with one weighted score misread and one number flagged as doubtful.
    rows = list(csv.DictReader((out / "indicators.csv").open(encoding="utf-8-sig")))
    rows[0]["weighted_score"] = "9.999"
    with (out / "indicators.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with (out / "flags.csv").open(encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    with (out / "flags.csv").open("a", encoding="utf-8", newline="") as f:
        row = dict.fromkeys(header, "")
        row.update(document_id="d1", check="low_ocr_confidence", severity="warning")
        csv.DictWriter(f, fieldnames=header).writerow(row)
    one_wrong = score_cell(out, docs / folder, "Garuda", 200, "thai")
    assert one_wrong.numbers_right == perfect.numbers - 1
    assert one_wrong.low_confidence == 1
    (wrong,) = one_wrong.wrong  # named as the Arabic draw's same number would be
    assert wrong.startswith(f"{UNIT}.pdf: ") and "indicators.weighted_score" in wrong
    assert perfect.wrong == frozenset()
    assert (out / "eval.json").is_file()


def test_totals_pool_the_cells_of_one_script() -> None:
    cells = [
        CellScore("Sarabun", 300, "thai", 90, 100, 3, 3, 1, 2),
        CellScore("Sarabun", 200, "thai", 45, 100, 2, 3, 0, 5),
        CellScore("Sarabun", 300, "arabic", 100, 100, 3, 3, 0, 0),
    ]
    thai = total_of(cells, "thai")
    assert (thai.numbers_right, thai.numbers, thai.numbers_exact) == (135, 200, 67.5)
    assert (thai.forms_found, thai.forms, thai.false_errors, thai.low_confidence) == (5, 6, 1, 7)
    assert total_of(cells, "thai", 200).numbers_exact == 45.0
    assert math.isnan(total_of(cells, "arabic", 200).numbers_exact)
    lines = format_table(cells).splitlines()
    assert lines[2:5] == [
        "| Sarabun | 300 | thai | 90.00% of 100 | 3/3 | 1 | 2 |",
        "| Sarabun | 200 | thai | 45.00% of 100 | 2/3 | 0 | 5 |",
        "| Sarabun | 300 | arabic | 100.00% of 100 | 3/3 | 0 | 0 |",
    ]
    assert "| **total** | both | thai | 67.50% of 200 | 5/6 | 1 | 7 |" in lines
    assert "| **total** | both | arabic | 100.00% of 100 | 3/3 | 0 | 0 |" in lines


def test_paired_misses_count_each_number_by_the_scripts_it_was_wrong_in() -> None:
    cells = [
        CellScore("Sarabun", 300, "thai", wrong=frozenset({"a", "b", "c"})),
        CellScore("Sarabun", 300, "arabic", wrong=frozenset({"c"})),
        CellScore("Sarabun", 200, "thai", wrong=frozenset({"a"})),
        CellScore("Sarabun", 200, "arabic", wrong=frozenset({"d", "e"})),
        CellScore("Garuda", 300, "thai", wrong=frozenset({"a"})),  # no Arabic draw: not paired
    ]
    assert paired_misses(cells, "Sarabun", 300) == (2, 0, 1)
    assert paired_misses(cells, "Sarabun", 200) == (1, 2, 0)
    assert paired_misses(cells) == (3, 2, 1)
    assert format_pairs(cells).splitlines()[2:4] == [
        "| Sarabun | 300 | 2 | 0 | 1 |",
        "| Sarabun | 200 | 1 | 2 | 0 |",
    ]


def test_reusing_scans_that_are_not_there_is_a_usage_error(tmp_path: Path) -> None:
    from samples.digits.documents import main as digit_docs

    with pytest.raises(SystemExit) as stop:
        digit_docs(["--out", str(tmp_path), "--reuse-docs"])
    assert stop.value.code == 2
