"""``thaieval run`` on a PDF printed by Chromium, whose text layer writes Thai marks as
private-use code points: the CSVs and the SQLite file hold the Thai the page shows."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pdfplumber
import pytest

from tests.conftest import run_cli
from tests.pipeline.cdp_pipe import find_chromium
from tests.pipeline.chromium_pdf import FORM, form_html, print_pdf
from tests.pipeline.pdf_fixtures import layer_char
from thaieval.parsers.layer_chars import is_unmappable
from thaieval.pipeline.pages.text_layer.classify import classify_words
from thaieval.pipeline.pages.text_layer.glyph_map import GlyphMap
from thaieval.pipeline.pages.text_layer.raw_words import raw_words


@pytest.fixture(scope="session")
def chromium_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The form printed once per session (Chromium takes a few seconds)."""
    if find_chromium() is None:
        pytest.skip("chromium is not installed (make setup installs it)")
    folder = tmp_path_factory.mktemp("chromium-form")
    return print_pdf(form_html(), folder / "form.pdf")


@pytest.fixture(scope="session")
def chromium_run(chromium_form: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("chromium-run") / "out"
    proc = run_cli("run", str(chromium_form), "--out", str(out), timeout=300)
    assert proc.returncode == 0, proc.stderr
    return out


def _rows(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_fixture_layer_carries_private_use_marks(chromium_form: Path) -> None:
    with pdfplumber.open(chromium_form) as pdf:
        text = "".join(c["text"] for page in pdf.pages for c in page.chars)
    assert {"\uf70a", "\uf70b"} <= set(text)  # lowered ่ and ้, as Chromium writes them


def test_no_unmappable_character_in_any_csv_or_sqlite(chromium_run: Path) -> None:
    for path in sorted(chromium_run.glob("*.csv")):
        text = path.read_text(encoding="utf-8-sig")
        assert not [c for c in text if is_unmappable(c)], path.name
    with sqlite3.connect(chromium_run / "dataset.sqlite") as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    assert not (isinstance(value, str) and any(map(is_unmappable, value))), table


def test_thai_text_reads_as_printed(chromium_run: Path) -> None:
    (form,) = _rows(chromium_run, "forms")
    assert (form["unit_name"], form["parent_unit"], form["evaluator_name"]) == (
        FORM["unit_name"],
        FORM["parent_unit"],
        FORM["evaluator_name"],
    )
    assert form["evaluator_position"] == FORM["evaluator_position"]
    (indicator,) = _rows(chromium_run, "indicators")
    assert indicator["indicator_name"] == FORM["indicator_name"]
    # Mapped, the layer is a clean one: read as text, not sent to OCR, nothing dropped.
    assert {p["method"] for p in _rows(chromium_run, "pages")} == {"text"}
    assert not [f for f in _rows(chromium_run, "flags") if f["check"] == "unmappable_characters"]


def _line(*words: str) -> list[dict[str, object]]:
    """Characters of ``words`` as a layer draws them: marks zero-width, a space between."""
    chars, x = [], 0.0
    for word in words:
        for ch in word:
            mark = ch in "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e" or "\uf700" <= ch <= "\uf8ff"
            mark = mark and ch != "\uf0b7" and ch not in "\uf700\uf70f"
            chars.append(layer_char(ch, x, 0.0 if mark else 5.0))
            x += 0.0 if mark else 5.0
        chars.append(layer_char(" ", x, 3.0))
        x += 3.0
    return chars


def test_private_use_marks_join_their_word_and_read_as_thai() -> None:
    (word,) = raw_words(_line("ผ\uf70bูบริหาร"))  # the tone, drawn first, stays in the word
    assert word.text({}) == "ผ\u0e49\u0e39บริหาร"
    layer = _line("ผ\uf70bูบริหาร", "หน\uf70aวยงาน", "ยุทธศาสตร\uf70e", "\uf70fาติ")
    verdict = classify_words(raw_words(layer), GlyphMap(), 0.0)
    assert [w.text for w in verdict.words] == ["ผู้บริหาร", "หน่วยงาน", "ยุทธศาสตร์", "ญาติ"]
    assert (verdict.kind, verdict.words_restored) == ("text", 0)


def test_unmapped_private_use_in_thai_words_makes_the_layer_damaged() -> None:
    words = ["สำนักงานการต\uf7f0างประเทศ", "ผลการดำเนินงานตามตัวชี้วัด"] * 3
    verdict = classify_words(raw_words(_line(*words)), GlyphMap(), 0.0)
    assert verdict.kind == "damaged" and verdict.unmappable_after == 3
    verdict = classify_words(raw_words(_line("ข้อมูล\x00", *words[1:2] * 4)), GlyphMap(), 0.0)
    assert verdict.kind == "damaged" and verdict.unmappable_after == 1


def test_a_symbol_font_bullet_is_left_out_not_damage() -> None:
    words = ["\uf0b7", "ผลการดำเนินงานตามตัวชี้วัด", "\uf0a7", "สำนักงานการต่างประเทศ"]
    verdict = classify_words(raw_words(_line(*words)), GlyphMap(), 0.0)
    assert verdict.kind == "text" and verdict.symbols_dropped == 2
    assert [w.text for w in verdict.words] == [words[1], words[3]]


def test_a_latin_ligature_glyph_reads_as_its_letters() -> None:
    # A Latin font's ff glyph named by its presentation form (U+FB00) in the layer.
    layer = _line("ระบบ", "Tra\ufb00y", "Fondue", "e\ufb03cient")
    verdict = classify_words(raw_words(layer), GlyphMap(), 0.0)
    assert [w.text for w in verdict.words] == ["ระบบ", "Traffy", "Fondue", "efficient"]
