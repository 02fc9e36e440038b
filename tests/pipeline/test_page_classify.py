"""Every page of the real budget document is judged from its characters and images."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from tests.pipeline.pdf_fixtures import scanned_pdf, score_table_pdf
from thaieval.pipeline.pages.text_layer.classify import classify_page
from thaieval.pipeline.pages.text_layer.glyph_map import GlyphMap, plausibility
from thaieval.pipeline.pages.text_layer.raw_words import raw_words
from thaieval.pipeline.pages.text_layer.read import read_text_layer

BUDGET = Path(__file__).resolve().parents[3] / "shared" / "real" / "budget-2565-vol17.pdf"
EMPTY_PAGES = {2, 4, 8, 12, 26, 83}  # blank separator pages: no text, no image
# Covers (1, 84): letter-spaced title and a U+FFFD the repair cannot place. Contents pages
# (5-7): a font whose mapping adds marks to น and อ (หน้่วยงาน้อื่่น); a quarter of the
# words stay non-words after repair.
OCR_PAGES = {1, 5, 6, 7, 84}

pytestmark = pytest.mark.skipif(not BUDGET.exists(), reason="shared real documents not mounted")


@pytest.fixture(scope="module")
def budget_pages():  # type: ignore[no-untyped-def]
    return read_text_layer(BUDGET)


def test_every_budget_page_is_classified(budget_pages) -> None:  # type: ignore[no-untyped-def]
    assert len(budget_pages) == 84
    assert {p.number for p in budget_pages if p.skipped} == EMPTY_PAGES
    to_ocr = {p.number for p in budget_pages if p.method == "none"}
    assert to_ocr == OCR_PAGES
    for page in budget_pages:
        if page.number in OCR_PAGES:
            assert [i.category for i in page.issues] == ["needs_ocr"] and page.rows == []
        elif page.number not in EMPTY_PAGES:
            assert page.method == "text" and page.rows and page.issues == []


def test_repaired_pages_hold_no_lost_marks(budget_pages) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(p.text for p in budget_pages if p.method == "text")
    for damaged in ("พืนฐาน", "เพือ", "ความเชือมโยง", "ทังสิน", "(cid:", "\ufffd", "ยทุ ธ", "เป็ น"):
        assert damaged not in text
    for repaired in ("พื้นฐาน", "เพื่อ", "ความเชื่อมโยง", "รวมทั้งสิ้น", "ผลสัมฤทธิ์", "ลดความเหลื่อมล้ำ"):
        assert repaired in text


def test_page_10_after_repair(budget_pages) -> None:  # type: ignore[no-untyped-def]
    page = budget_pages[9]
    assert page.method == "text"
    assert "การดำเนินภารกิจพื้นฐาน" in page.text and "พืนฐาน" not in page.text


def test_page_measurements() -> None:
    with pdfplumber.open(BUDGET) as pdf:
        doubled = classify_page(pdf.pages[5])
        lost = classify_page(pdf.pages[9])
    assert doubled.kind == "damaged"
    assert (doubled.doubled_marks_before, doubled.doubled_marks_after) == (19, 0)
    assert (doubled.fffd_before, doubled.fffd_after) == (4, 0)
    assert doubled.ratio_after < 0.8
    assert lost.kind == "text"
    assert (lost.unknown_glyphs, lost.unresolved_glyphs) == (17, 0)
    assert lost.ratio_before < 0.96 and lost.ratio_after == 1.0


def test_glyphs_learned_from_the_budget_document() -> None:
    glyphs = GlyphMap()
    with pdfplumber.open(BUDGET) as pdf:
        for page in pdf.pages[8:30]:
            glyphs.learn(raw_words(page.chars))
    assert glyphs.learned[("DilleniaUPC", "(cid:201)")] == "่"
    assert glyphs.learned[("DilleniaUPC", "(cid:202)")] == "้"
    assert glyphs.learned[("DilleniaUPCBold", "(cid:202)")] == "้"


def test_shaped_fpdf2_cluster_glyphs_are_dropped(tmp_path: Path) -> None:
    with pdfplumber.open(score_table_pdf(tmp_path / "t.pdf")) as pdf:
        verdict = classify_page(pdf.pages[0])
    assert verdict.kind == "text" and verdict.unknown_glyphs > 0 and verdict.unresolved_glyphs == 0
    assert "น้ำหนัก" in [w.text for w in verdict.words]


def test_scanned_and_empty_pages(tmp_path: Path) -> None:
    with pdfplumber.open(scanned_pdf(tmp_path / "s.pdf")) as pdf:
        verdict = classify_page(pdf.pages[0])
    assert (verdict.kind, verdict.image_coverage) == ("scanned", 1.0)
    with pdfplumber.open(BUDGET) as pdf:
        assert classify_page(pdf.pages[1]).kind == "empty"


def test_plausibility_prefers_common_spelling() -> None:
    assert plausibility("รวมทั้งสิ้น") > plausibility("รวมทังสิน")
    assert plausibility("ผลสัมฤทธิ์") > plausibility("ผลสัมฤทธิ")


SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "archive"


def test_glyphs_drawn_without_text_keep_the_word_whole_and_are_counted() -> None:
    c = lambda t, x, w=5.0: {  # noqa: E731
        "text": t,
        "x0": x,
        "x1": x + w,
        "top": 0.0,
        "bottom": 12.0,
        "size": 12.0,
        "width": w,
        "fontname": "F",
    }
    # ต้นทาง with the tone's mapping emptied: one word, its tone lost on ต.
    (word,) = raw_words([c("ต", 0), c("", 5, 0), c("น", 5), c("ท", 10), c("า", 15), c("ง", 20)])
    assert word.text({}) == "ตนทาง" and word.lost_marks() == [0]
    # A mark glyph that carries a cluster's text is drawn wide: the next letter still joins.
    (word,) = raw_words([c("น", 0), c("", 5, 0), c("", 5, 0), c("้ำ", 5), c("ท", 10)])
    assert word.text({}) == "น้ำท" and word.lost_marks() == []


def test_lost_and_clean_layers_of_one_document() -> None:
    for name, lost in (
        ("text/dusit-2567.pdf", False),
        ("text-damaged/dusit-2567.damaged.pdf", True),
    ):
        with pdfplumber.open(SAMPLES / name) as pdf:
            verdict = classify_page(pdf.pages[0])
        assert verdict.kind == "text"
        assert (verdict.marks_lost > 0) == lost
        assert verdict.marks_from_dictionary + verdict.marks_unresolved == verdict.marks_lost
    assert "น้ำหนัก" in [w.text for w in verdict.words]  # the dictionary alone decides ้ here


def test_budget_document_draws_no_mark_without_text(budget_pages) -> None:  # type: ignore[no-untyped-def]
    assert not any(i.category == "lost_marks" for p in budget_pages for i in p.issues)
