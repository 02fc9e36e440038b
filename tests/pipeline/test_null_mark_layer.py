"""A text layer whose mark variants map to U+0000: the class Chromium prints with fonts
that pick positioned marks by their own substitutions (Kodchasan, IBM Plex Sans Thai).

Such a font has no private-use code points: a lowered or shifted mark (ที่, เป้า, น้ำ) is a
glyph no character reaches, and Chromium's ToUnicode maps it to U+0000. Those glyphs are
lost marks (zero width, no text): the page is read as text, the marks restored by the
dictionary or OCR of their words, and no U+0000 reaches a CSV. Before, 31 such glyphs sent
the whole page to OCR and its overall table came back with misread numbers.

The fixture is page 1 of ``bangkhen-2567-mid.chromium.pdf`` (``samples.generate --set full
--seed 7 --unit bangkhen-2567-mid --variant chromium``): the mid-year overall table in
Kodchasan, Thai digits, 31 mark glyphs mapped to U+0000. Committed because its font comes
from npm (``samples.fonts``), which tests must not need.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pdfplumber
import pytest

from tests.conftest import run_cli
from tests.pipeline.pdf_fixtures import layer_char
from thaieval.parsers.layer_chars import is_unmappable
from thaieval.pipeline.pages.text_layer.raw_words import raw_words
from thaieval.pipeline.pages.text_layer.read import read_text_layer

FIXTURE = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "chromium"
    / "bangkhen_midyear_overall_null_marks.pdf"
)

# The truth's first indicators of the overall table (code, weight, weighted score).
EXPECTED = [
    ("1.1.1", 5.0, 5.0),
    ("1.1.2", 5.0, 3.0),
    ("1.1.3", 10.0, 10.0),
    ("1.1.4", 15.0, 12.0),
    ("1.2.1", 10.0, 8.0),
    ("1.2.2", 10.0, 8.0),
    ("1.3.1", 5.0, 5.0),
]


def _char(text: str, x: float, width: float = 5.0) -> dict[str, object]:
    return layer_char(text, x, width, font="AAAAAA+Kodchasan-Regular")


def test_zero_width_null_glyph_is_a_lost_mark() -> None:
    # ที่ drawn as ท, ี, and a shifted ่ whose ToUnicode entry is U+0000
    (word,) = raw_words([_char("ท", 0), _char("ี", 4.5, 0), _char("\x00", 4.5, 0), _char("น", 5)])
    assert word.text({}) == "ทีน"
    assert word.lost_marks() == [0]


def test_wide_null_glyph_is_not_taken_for_a_mark() -> None:
    # A glyph that advances the pen is a letter, not a mark: it is left for the classifier.
    words = raw_words([_char("ก", 0), _char("\x00", 5), _char("ข", 10)])
    assert "\x00" in "".join(w.text({}) for w in words)


def test_fixture_layer_maps_marks_to_null() -> None:
    with pdfplumber.open(FIXTURE) as pdf:
        nulls = [c for c in pdf.pages[0].chars if c["text"] == "\x00"]
    assert len(nulls) == 31 and all(c["width"] < 0.5 for c in nulls)


def test_page_is_read_as_text_with_its_marks_restored() -> None:
    (page,) = read_text_layer(FIXTURE)
    assert page.method == "text"
    text = " ".join(cell.text for row in page.rows for cell in row.cells)
    assert not [c for c in text if is_unmappable(c)]
    # ครึ่ง and ปี lost their marks in the layer; the dictionary puts them back
    assert "ระยะครึ่งปี ประจำปีงบประมาณ" in text


@pytest.fixture(scope="module")
def null_mark_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("null-marks") / "out"
    proc = run_cli("run", str(FIXTURE), "--out", str(out), timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    return out


def _rows(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_overall_table_numbers_read_from_the_layer(null_mark_run: Path) -> None:
    (page,) = _rows(null_mark_run, "pages")
    assert page["method"] in ("text", "mixed")  # never the whole page by OCR
    rows = [
        (r["indicator_code"], float(r["weight"]), float(r["weighted_score"]))
        for r in _rows(null_mark_run, "indicators")
    ]
    assert rows[: len(EXPECTED)] == EXPECTED


def test_no_null_reaches_a_csv(null_mark_run: Path) -> None:
    for path in sorted(null_mark_run.glob("*.csv")):
        text = path.read_text(encoding="utf-8-sig")
        assert not [c for c in text if is_unmappable(c)], path.name
