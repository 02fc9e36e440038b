"""The generator end to end on two small units: determinism, text layers, truth beside files."""

from __future__ import annotations

import io
import random
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from samples.generate import _one_page_form, form_truth, write_set
from samples.model import Document
from samples.ocr_text import ocr_markdown
from samples.scan import degrade, pack_pdf, pack_tiff, rasterise
from samples.synth import PLANS, synthetic_document
from samples.textlayer import rewrite_text_layer
from samples.thai_format import format_number, to_thai_digits
from thaieval.schemas.truth import load_truth

SEED = 2567
UNIT = "prd-2567"  # no scans in the committed set: quick to write
THAI_UNIT = "finance-2566"  # also carries a text-damaged variant
ARCHIVE = Path(__file__).resolve().parents[2] / "samples" / "archive"


def _page_texts(pdf: bytes) -> list[str]:
    """Each page's characters in content-stream order (spaces are real glyphs)."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return ["".join(c["text"] for c in page.chars) for page in doc.pages]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    for out in (a, b):
        write_set(out, SEED, full=False, keys=(UNIT, THAI_UNIT))
    return a, b


def test_same_seed_gives_identical_files(written: tuple[Path, Path]) -> None:
    a, b = written
    files = sorted(str(p.relative_to(a)) for p in a.rglob("*") if p.is_file())
    assert files == [
        "text-damaged/finance-2566.damaged.pdf",
        "text-damaged/finance-2566.damaged.truth.json",
        "text/finance-2566.pdf",
        "text/finance-2566.truth.json",
        "text/prd-2567.pdf",
        "text/prd-2567.truth.json",
    ]
    for rel in files:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_other_seed_changes_the_document() -> None:
    plan = next(p for p in PLANS if p.key == UNIT)
    one, two = synthetic_document(plan, 1), synthetic_document(plan, 2)
    assert _values(one) != _values(two)


def _values(doc: Document) -> list[str]:
    return [str(i.weighted) for i in doc.indicators()] + [
        f.signatory.signed_date for f in doc.forms if f.signatory
    ]


def test_clean_text_layer_prints_the_truth_exactly(written: tuple[Path, Path]) -> None:
    pdf = (written[0] / "text" / f"{UNIT}.pdf").read_bytes()
    truth = load_truth(written[0] / "text" / f"{UNIT}.truth.json")
    pages = _page_texts(pdf)
    assert len(pages) == truth.page_count == truth.forms[-1].page_end
    overall = truth.forms[0]
    text = "".join(pages[overall.page_start - 1 : overall.page_end])  # type: ignore[operator]
    assert truth.unit_name in text
    squeezed = text.replace(" ", "")  # a cell's line break drops the space it fell on
    for row in overall.indicators:
        assert f"{row.indicator_code}{row.indicator_name}".replace(" ", "") in squeezed
        assert format_number(_dec(row.weighted_score), 3) in text
    assert format_number(_dec(overall.total_score), 3) in text
    for form in truth.forms[1:]:
        text = "".join(pages[form.page_start - 1 : form.page_end])  # type: ignore[operator]
        assert f"ชื่อหน่วยงานผู้รับการประเมิน : {truth.unit_name}" in text
        for ind in form.indicators:
            assert ind.result_text in text
        for finding in form.findings:
            assert finding.text.replace(" ", "") in text.replace(" ", "")
        assert form.evaluator_name in text


def _dec(value: float | None) -> Decimal:
    assert value is not None
    return Decimal(str(value))


def test_thai_digit_unit_prints_thai_digits(tmp_path: Path) -> None:
    plan = next(p for p in PLANS if p.key == "latkrabang-2567")
    assert plan.thai_digits
    from samples.render import render_document

    doc = synthetic_document(plan, SEED)
    text = "".join(_page_texts(render_document(doc).pdf)[:2])
    assert doc.overall_total is not None
    assert format_number(doc.overall_total, doc.decimals, thai=True) in text
    assert to_thai_digits(f"พ.ศ. {doc.fiscal_year}") in text


def test_damaged_layer_loses_marks_but_keeps_the_truth(written: tuple[Path, Path]) -> None:
    folder = written[0]
    clean = _page_texts((folder / "text" / f"{THAI_UNIT}.pdf").read_bytes())
    damaged = _page_texts((folder / "text-damaged" / f"{THAI_UNIT}.damaged.pdf").read_bytes())
    assert len(clean) == len(damaged)
    assert "สำนักการคลัง" in clean[2] and "สำนักการคลัง" not in damaged[2]
    assert "ส\ufffdานักการคลัง" in damaged[2]
    assert "\u0e48" in clean[2] and "\u0e48" not in damaged[2]  # mai ek lost
    truth = load_truth(folder / "text" / f"{THAI_UNIT}.truth.json")
    truth_d = load_truth(folder / "text-damaged" / f"{THAI_UNIT}.damaged.truth.json")
    assert truth_d.variant == "text-damaged"
    assert truth_d.model_copy(update={"file": truth.file, "variant": "text"}) == truth


def test_doubled_damage_repeats_marks(written: tuple[Path, Path]) -> None:
    pdf = (written[0] / "text" / f"{UNIT}.pdf").read_bytes()
    page = _page_texts(rewrite_text_layer(pdf, "doubled"))[2]
    assert "ชื่่\ufffdอหน่่\ufffdวยงาน" in page
    assert "ชื่อหน่วยงาน" not in page


def test_scans_keep_a4_page_size_and_dpi(written: tuple[Path, Path]) -> None:
    pdf = (written[0] / "text" / f"{UNIT}.pdf").read_bytes()
    images = rasterise(pdf, 50)[2:4]  # portrait form pages
    assert images[0].size == (414, 585)
    rng = random.Random(3)
    pages = [degrade(img, rng, 50) for img in images]
    packed = pack_pdf(pages, 50, 50)
    with pdfplumber.open(io.BytesIO(packed)) as doc:
        assert len(doc.pages) == 2 and doc.pages[0].chars == []
        assert (round(float(doc.pages[0].width)), round(float(doc.pages[0].height))) == (596, 842)
    tiff = Image.open(io.BytesIO(pack_tiff(pages, 50)))
    assert getattr(tiff, "n_frames", 1) == 2 and tiff.info["dpi"] == (50, 50)


def test_ocr_markdown_separates_pages(written: tuple[Path, Path]) -> None:
    from samples.render import render_document

    plan = next(p for p in PLANS if p.key == UNIT)
    rendered = render_document(synthetic_document(plan, SEED))
    text = ocr_markdown(rendered.pages, random.Random(0))
    assert text.count("\f") == len(rendered.pages) - 1
    assert "แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ" in text


def test_a_cut_out_form_without_its_weights_expects_no_weight_mismatch() -> None:
    """dusit 1.1 declares 25 for weights adding to 30; cut out of its document, the form
    prints neither weight (two indicators), so its truth cannot expect the flag."""
    truth = load_truth(ARCHIVE / "text" / "dusit-2567.truth.json")
    assert any(f.check == "form_weight_mismatch" for f in truth.injected)
    cut = form_truth(truth, "1.1", "dusit-2567.form1.1.tif", "image")
    assert [f.check for f in cut.injected if f.check == "form_weight_mismatch"] == []
    assert all(i.weight is None for i in cut.forms[0].indicators)


def test_a_page_image_holds_a_form_that_fits_on_one_page() -> None:
    truth = load_truth(ARCHIVE / "text" / "dusit-2567.truth.json")
    assert _one_page_form(truth, "3.1") == "3.1"
    long = [
        f.model_copy(update={"page_end": f.page_end + 1}) if f.component == "3.1" else f
        for f in truth.forms
        if f.page_end is not None
    ]
    two_pages = truth.model_copy(update={"forms": long})
    chosen = _one_page_form(two_pages, "3.1")
    form = next(f for f in two_pages.forms if f.component == chosen)
    assert chosen != "3.1" and form.form_type == "component" and form.page_start == form.page_end
