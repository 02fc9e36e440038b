"""The classes of documents other hands draw: national fonts, layout B, portrait overall tables,
Thai digits in one table kind, other wordings, fiscal years 2565–2568, Chromium's text layer."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from samples.build import D, finish_indicator
from samples.chromium import chromium_binary, render_chromium
from samples.fonts import NATIONAL, font_path
from samples.generate import NEW_CLASS_UNITS, main
from samples.model import Document, Indicator
from samples.render import Rendered, render_document
from samples.scoring import criteria_points
from samples.synth import PLANS, synthetic_document
from samples.textlayer import rewrite_text_layer
from samples.to_truth import to_truth
from tests.samples.rules import violations
from thaieval.schemas.truth import TruthDocument

SEED = 2567


def _plan(key: str):  # type: ignore[no-untyped-def]
    return next(p for p in PLANS if p.key == key)


def _pages(pdf: bytes) -> list[str]:
    """Each page's characters, read from the text layer the generator writes."""
    with pdfplumber.open(io.BytesIO(rewrite_text_layer(pdf, "none"))) as doc:
        return ["".join(c["text"] for c in page.chars) for page in doc.pages]


def _truth(doc: Document) -> TruthDocument:
    printed = sum(1 for f in doc.forms if f.printed)
    return to_truth(doc, Rendered(b"", [(1, 1)] * (printed + 1), [[]]), "x.pdf", "text")


def test_the_new_units_cover_the_classes() -> None:
    plans = [_plan(k) for k in NEW_CLASS_UNITS]
    assert {p.year for p in plans} == {2565, 2566, 2567, 2568}
    assert {(p.period, p.period_label) for p in plans} >= {
        ("end_of_year", "ระยะสิ้นปีงบประมาณ"),
        ("mid_year", "รอบ 6 เดือน"),
    }
    assert {p.layout for p in plans} == {"A", "B"}
    assert any(p.portrait and p.period == "mid_year" for p in plans)
    assert {p.digit_scope for p in plans} == {"", "forms", "overall"}
    assert any(p.thai_digits for p in plans)
    assert {p.title_style for p in plans} >= {"official", "round_first"}
    assert any(p.chromium for p in plans)
    assert all(p.font in NATIONAL or p.font in ("", "Kinnari") for p in plans)


@pytest.mark.parametrize("seed", [SEED, 7, 11])
@pytest.mark.parametrize("key", NEW_CLASS_UNITS)
def test_new_units_satisfy_every_rule_at_any_seed(key: str, seed: int) -> None:
    doc = synthetic_document(_plan(key), seed)
    truth = _truth(doc)
    assert violations(truth) == set()
    assert sum(i.weight or 0 for i in truth.forms[0].indicators) == 100
    start, end = date(doc.fiscal_year - 544, 10, 1), date(doc.fiscal_year - 543, 9, 30)
    for form in truth.forms[1:]:
        signed = date.fromisoformat(form.signed_date)
        if doc.period == "mid_year":  # รอบ 6 เดือน: signed in the fiscal year's second half
            assert date(start.year + 1, 4, 1) <= signed <= end, signed
        else:
            assert end < signed <= date(end.year + 1, 3, 31), signed


def test_value_first_result_is_interpolated() -> None:
    ind = Indicator("1.1.2", "ร้อยละความพึงพอใจ", D(10), "criteria",
                    criteria=tuple(D(t) for t in (80, 85, 90, 95, 100)), result=D("94.24"))  # fmt: skip
    finish_indicator(ind, 3, value_first=True)
    assert criteria_points(D("94.24"), ind.criteria) == Decimal("3.848")
    assert (ind.result_text, ind.level, ind.weighted) == (
        "ร้อยละ 94.24 (ระดับ 3)",
        3,
        Decimal("7.696"),
    )


def test_national_font_merges_thai_and_latin() -> None:
    face = TTFont(str(font_path("Sarabun", 700)))
    cmap = face.getBestCmap()
    assert 0x0E01 in cmap and ord("A") in cmap and ord("7") in cmap and 0x0E33 in cmap
    assert "GSUB" in face and "GPOS" in face  # the marks are still placed by shaping


def test_layout_b_prints_codes_subtotals_weights_and_thresholds() -> None:
    doc = synthetic_document(_plan("medical-2565"), SEED)
    rendered = render_document(doc, SEED)
    pages = _pages(rendered.pdf)
    start, end = rendered.form_pages[0]
    overall = "".join(pages[start - 1 : end])
    assert end > start  # the overall table runs over two pages
    assert "ผลการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2565 (ระยะสิ้นปีงบประมาณ)" in overall
    for sub in ("1.1", "1.2", "1.3"):
        assert f"รวม {sub}" in overall
    assert "รวมผลการดำเนินการ" in overall
    form_1_1 = pages[rendered.form_pages[1][0] - 1]
    first = doc.forms[0].indicators[0]
    assert f"{first.code} " in form_1_1 and "น้ำหนัก" in form_1_1
    assert f"{first.weight}" in form_1_1
    three = doc.forms[-1]
    page = pages[rendered.form_pages[-1][0] - 1]
    assert "เกณฑ์การให้คะแนน" in page
    assert "".join(format(t.normalize(), "f") for t in three.indicators[0].criteria) in page


def test_portrait_mid_year_overall_prints_thai_digits_only_there() -> None:
    doc = synthetic_document(_plan("khlongtoei-2566-mid"), SEED)
    rendered = render_document(doc, SEED)
    with pdfplumber.open(io.BytesIO(rewrite_text_layer(rendered.pdf, "none"))) as pdf:
        first = pdf.pages[0]
        assert first.width < first.height
        overall = "".join(c["text"] for c in first.chars)
        form = "".join(c["text"] for c in pdf.pages[rendered.form_pages[1][0] - 1].chars)
    assert "ผลการประเมินผลการปฏิบัติราชการ รอบ 6 เดือน ประจำปีงบประมาณ พ.ศ. 2566" in overall
    assert "๑๐๐" in overall  # the grand total's weight
    assert "รอบ 6 เดือน ประจำปีงบประมาณ พ.ศ. 2566" in form
    assert not any("๐" <= ch <= "๙" for ch in form)


@pytest.mark.skipif(chromium_binary() is None, reason="chromium is not installed")
def test_chromium_text_layer_carries_private_use_marks() -> None:
    full = synthetic_document(_plan("culture-2567"), SEED)
    doc = replace(full, forms=[f for f in full.forms if f.component == "3.2"])
    printed = render_chromium(doc, SEED)
    with pdfplumber.open(io.BytesIO(printed.pdf)) as pdf:  # Chromium's own layer, as printed
        pages = ["".join(c["text"] for c in page.chars) for page in pdf.pages]
    assert printed.form_pages[-1][1] == len(pages) == len(printed.pages)
    text = "".join(pages)
    assert any(0xF700 <= ord(ch) <= 0xF71A for ch in text)  # as Chromium writes TLWG marks
    assert "ความสำเร็จของการเบิกจ่ายงบประมาณ" not in text  # ำ is split: nikhahit is private use
    assert printed.pdf == render_chromium(doc, SEED).pdf


def test_variant_option_writes_only_those_folders(tmp_path: Path) -> None:
    main(["--out", str(tmp_path), "--set", "full", "--seed", "7", "--unit", "khlongtoei-2566-mid",
          "--variant", "ocr-text"])  # fmt: skip
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == [
        "ocr-text/khlongtoei-2566-mid.ocr.md",
        "ocr-text/khlongtoei-2566-mid.ocr.truth.json",
    ]
