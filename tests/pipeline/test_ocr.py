"""OCR with real tesseract on a drawn, rotated, noisy, JPEG-damaged form page."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import ROOT, run_cli
from tests.pipeline.scan_fixtures import (
    COLUMNS,
    TABLE,
    cer,
    damage,
    form_pdf,
    image_pdf,
    rasterise,
    save_image,
)
from thaieval.parsers.thai_repair import repair_thai_text
from thaieval.pipeline.errors import OcrFailure
from thaieval.pipeline.ocr.glyph_classes import LOW_CONFIDENCE, floor_confidence
from thaieval.pipeline.ocr.number_reading import (
    choose_reading,
    number_shaped,
    numeric_like,
    page_as_read,
    reread_cell,
    well_formed,
)
from thaieval.pipeline.ocr.page import ocr_page
from thaieval.pipeline.ocr.preprocess import rotate
from thaieval.pipeline.ocr.tesseract_run import (
    Symbol,
    merge_symbols,
    parse_tsv,
    run_tesseract,
    without_mark_lines,
)
from thaieval.pipeline.pages.images import PageImage, iter_page_images
from thaieval.schemas.page import Page

NUMBERS = [row[1:] for row in TABLE[1:]]  # result, score, weighted score of each data row
NUMBERS[0][0] = "98.77"  # only the number of "ระดับ 4 (98.77)" is a number cell


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    return rasterise(form_pdf(tmp_path_factory.mktemp("ocr") / "form.pdf"))


@pytest.fixture(scope="module")
def scanned(clean: np.ndarray, tmp_path_factory: pytest.TempPathFactory) -> PageImage:
    path = save_image(damage(clean), tmp_path_factory.mktemp("ocr") / "damaged.jpg")
    (image,) = iter_page_images(path)
    return image


@pytest.fixture(scope="module")
def page(scanned: PageImage) -> Page:
    return ocr_page(scanned)


def _table_rows(page: Page) -> list[list[str]]:
    return [r.texts() for r in page.rows if r.table == 0]


def _check_numbers(page: Page) -> None:
    rows = _table_rows(page)
    assert len(rows) == len(TABLE)
    assert rows[1][1:] == ["ระดับ 4 (98.77)", "87.70", "8.77"]
    assert rows[2][1:] == ["๙๘.๗๗", "๘๗.๗๐", "9.514"]
    assert rows[3][1:] == ["95.143", "10.000", "30.284"]


def test_every_number_comes_back(page: Page) -> None:
    _check_numbers(page)
    assert page.method == "ocr" and not page.skipped


def test_thai_cells_and_lines_read_closely(page: Page) -> None:
    rows = _table_rows(page)
    truth = [TABLE[0], [TABLE[1][0]], [TABLE[2][0]], [TABLE[3][0]]]
    for found, expected in zip(rows, truth, strict=False):
        for got, want in zip(found, expected, strict=False):
            # The wrapped first cell is one cell, its broken word joined without a space.
            assert cer(want, repair_thai_text(got)) <= 0.15, (want, got)
    free = [r.text for r in page.rows if r.table is None]
    assert cer("แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ", free[0]) <= 0.05


def test_cells_sit_in_their_grid_columns_in_points(page: Page) -> None:
    edges = np.cumsum([50.0, *COLUMNS])
    for row in page.rows:
        if row.table != 0:
            continue
        for cell in row.cells:
            assert cell.col is not None
            if cell.box is None:
                continue
            assert edges[cell.col] - 2 <= cell.box.x0 < cell.box.x1 <= edges[cell.col + 1] + 2


def test_confidences(page: Page) -> None:
    words = [w for r in page.rows for c in r.cells for w in c.words]
    assert page.ocr_confidences == [w.confidence for w in words]
    for row in page.rows:
        for cell in row.cells:
            if cell.words:
                assert cell.confidence == min(w.confidence or 0 for w in cell.words)
    assert 60 < float(np.mean(page.ocr_confidences)) <= 100
    assert [i.category for i in page.issues].count("deskewed") == 1


def test_reread_cell_offers_the_thai_number(scanned: PageImage, page: Page) -> None:
    (cell,) = [c for r in page.rows for c in r.cells if c.text == "๙๘.๗๗"]
    assert cell.box is not None
    readings = reread_cell(page_as_read(scanned, page.ocr_correction), cell.box, variants=1)
    assert len(readings) == 2
    assert readings[-1][0] == "๙๘.๗๗"  # the glyph match, after tesseract's reading


def test_image_pdf_at_200_dpi(clean: np.ndarray, tmp_path: Path) -> None:
    import cv2

    small = cv2.resize(clean, None, fx=2 / 3, fy=2 / 3, interpolation=cv2.INTER_AREA)
    path = image_pdf([damage(small, angle=-0.8, seed=3)], tmp_path / "scan200.pdf", dpi=200)
    (image,) = iter_page_images(path)
    assert image.dpi == pytest.approx(200, abs=0.1)
    _check_numbers(ocr_page(image))


def test_upside_down_page_is_turned_and_reported(scanned: PageImage) -> None:
    flipped = PageImage(
        number=2,
        image=rotate(scanned.image, 180.0),
        dpi=scanned.dpi,
        width=scanned.width,
        height=scanned.height,
    )
    page = ocr_page(flipped)
    assert "upside_down" in [i.category for i in page.issues]
    _check_numbers(page)


def test_blank_page_is_skipped_without_tesseract() -> None:
    rng = np.random.default_rng(5)
    gray = np.clip(240 + rng.normal(0, 5, (3508, 2480)), 0, 255).astype(np.uint8)
    page = ocr_page(PageImage(number=4, image=gray, dpi=300, width=595.2, height=841.9))
    assert (page.skipped, page.skip_reason, page.rows) == (True, "blank page", [])
    assert [i.category for i in page.issues] == ["blank_page"]


def test_tesseract_failure_and_timeout_raise(clean: np.ndarray) -> None:
    with pytest.raises(OcrFailure, match="tesseract failed"):
        run_tesseract(clean[:200], lang="nosuchlang", psm=6, dpi=300, timeout=30)
    with pytest.raises(OcrFailure, match=r"timed out after 0\.01 s"):
        run_tesseract(clean, lang="tha+eng", psm=3, dpi=300, timeout=0.01)


def test_developer_cache_returns_the_same_outputs_without_tesseract(
    clean: np.ndarray, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("THAIEVAL_OCR_CACHE", str(tmp_path))
    strip = clean[:300]
    first = run_tesseract(strip, lang="tha+eng", psm=6, dpi=300, timeout=60, outputs=("txt",))
    assert len(list(tmp_path.rglob("*.json"))) == 1
    monkeypatch.setenv("THAIEVAL_TESSERACT_API", "0")  # no in-process tesseract either
    monkeypatch.setenv("PATH", "")  # a second tesseract run would now fail to start
    monkeypatch.setattr("shutil.which", lambda _name: "/nonexistent/tesseract")
    assert (
        run_tesseract(strip, lang="tha+eng", psm=6, dpi=300, timeout=60, outputs=("txt",)) == first
    )
    with pytest.raises(OcrFailure, match="could not be started"):
        run_tesseract(strip, lang="tha+eng", psm=7, dpi=300, timeout=60, outputs=("txt",))


# --- pure helpers -------------------------------------------------------------------------

TSV = """level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
4\t1\t1\t1\t1\t0\t10\t10\t300\t40\t-1\t
5\t1\t1\t1\t1\t1\t10\t10\t20\t40\t96.5\tแบ
5\t1\t1\t1\t1\t2\t32\t10\t10\t40\t91.0\tบ
5\t1\t1\t1\t1\t3\t80\t10\t20\t40\t88.0\tสร
5\t1\t1\t1\t1\t4\t102\t10\t20\t40\t97.0\tุป
5\t1\t1\t1\t2\t1\t10\t60\t40\t40\t93.0\t98.77
5\t1\t1\t1\t2\t2\t70\t60\t20\t40\t90.0\tระ
5\t1\t1\t1\t2\t3\t200\t60\t20\t40\t90.0\tดับ
"""


def test_tsv_symbols_merge_by_the_text_lines_spaces() -> None:
    symbols = parse_tsv(TSV)
    assert [s.text for s in symbols] == ["แบ", "บ", "สร", "ุป", "98.77", "ระ", "ดับ"]
    words = merge_symbols(symbols, "แบบ สรุป\n\n98.77 ระ ดับ\n")
    assert ["".join(s.text for s in w) for w in words] == ["แบบ", "สรุป", "98.77", "ระ", "ดับ"]


def test_tsv_symbols_merge_by_gaps_when_the_text_differs() -> None:
    words = merge_symbols(parse_tsv(TSV), "something else\n")
    # Thai within half a line height joins; 98.77 and ระ are different scripts with a gap.
    assert ["".join(s.text for s in w) for w in words] == ["แบบ", "สรุป", "98.77", "ระ", "ดับ"]
    assert isinstance(words[0][0], Symbol) and words[0][0].confidence == 96.5


def test_number_shapes() -> None:
    assert [well_formed(t) for t in ("10", "๙๘.๗๗", "98,770", "9.8.7", "8O", "")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    assert [numeric_like(t) for t in ("8 7", "๕๕.ญ๓", "รวม|", "ระดับ 4", "10.000")] == [
        True,
        True,
        False,
        False,
        True,
    ]


def test_choose_reading_never_takes_a_lone_disagreeing_reading() -> None:
    assert choose_reading(("8.77", 70.0), [("8.17", 80.0)], None) == ("8.77", 70.0)
    assert choose_reading(("8 7", 40.0), [("8.77", 60.0), ("8.77", 75.0)], None) == ("8.77", 75.0)
    assert choose_reading(("98,77", 60.0), [("98.77", 90.0)], None) == ("98,77", 60.0)
    thai = choose_reading(("๕๕.๓๓", 90.0), [("๕๕.๓๓", 90.0)], ("๙๘.๗๗", 85.0))
    assert thai == ("๙๘.๗๗", 85.0)
    # Thai digits the classifier does not accept, of tesseract's shape: taken with their low
    # confidence (flagged); under the floor of a Thai number at all, never.
    unsure = ("๙๘.๗๗", (floor_confidence() + LOW_CONFIDENCE) / 2)
    assert choose_reading(("๕๕.๓๓", 90.0), [], unsure) == unsure
    below = ("๙๘.๗๗", floor_confidence() / 2)
    assert choose_reading(("๕๕.๓๓", 90.0), [], below) == ("๕๕.๓๓", 90.0)
    assert choose_reading(("๕๕", 90.0), [], unsure) == ("๕๕", 90.0)  # another shape


def test_a_line_of_marks_alone_is_dropped() -> None:
    # Over a level bold line tesseract may read its tone marks as a line: "re a a oo".
    letters = [
        Symbol(ch, 20 * i, 100, 20 * i + 15, 130, 95.0, (1, 1, 2))
        for i, ch in enumerate("องค์ประกอบ")
    ]
    marks = [
        Symbol(t, 40 * i, 88, 40 * i + 12, 97, 80.0, (1, 1, 1))
        for i, t in enumerate(["re", "a", "oo"])
    ]
    kept = without_mark_lines(marks + letters)
    assert [s.text for s in kept] == list("องค์ประกอบ")


@pytest.mark.parametrize(
    ("text", "shaped"),
    [("๕๕.ฆญ่", True), ("87.7O", True), ("1.มี", False), ("ระดับ 4", False), ("รวม", False)],
)
def test_number_shaped(text: str, shaped: bool) -> None:
    assert number_shaped(text) is shaped


def test_a_number_whose_point_was_not_read_is_one_number() -> None:
    from thaieval.pipeline.ocr.passes.number_cells import _several_numbers
    from thaieval.schemas.page import Box, Cell, Word

    def cell(*spans: tuple[str, float, float]) -> Cell:
        words = [Word(text=t, box=Box(x0=a, top=0, x1=b, bottom=10)) for t, a, b in spans]
        return Cell(text=" ".join(t for t, _, _ in spans), words=words)

    assert not _several_numbers(cell(("5", 0, 5), ("388", 7, 22)))  # "5 388" is 5.388
    assert _several_numbers(cell(("70", 0, 10), ("75", 40, 50), ("80", 80, 90)))


def test_a_fragment_read_whole_twice_is_kept_once() -> None:
    from thaieval.pipeline.ocr.passes.thai_digit_words import _drop_repeated
    from thaieval.schemas.page import Box, Cell, Word

    words = [
        Word(text="๙๒.", box=Box(x0=338, top=197, x1=345, bottom=204), confidence=77),
        Word(text="๙๒.๓๗๑", box=Box(x0=349, top=192, x1=380, bottom=208), confidence=80),
    ]
    cell = Cell(text="๙๒. ๙๒.๓๗๑", words=words)
    assert _drop_repeated(cell)
    assert [w.text for w in cell.words] == ["๙๒.๓๗๑"]
    apart = [
        Word(text="๗๐", box=Box(x0=0, top=0, x1=10, bottom=10)),
        Word(text="๗๐", box=Box(x0=40, top=0, x1=50, bottom=10)),
    ]
    assert not _drop_repeated(Cell(text="๗๐ ๗๐", words=apart))  # two criteria a space apart


def test_a_number_split_in_two_words_is_read_once_from_both() -> None:
    # Tesseract made two words of ``๑๐๐.๐๐`` (an upside-down scan of latkrabang p8); each
    # word's crop cut through the other's digits, so they read ``๑๐๐.๐`` and ``๐.๐๐``.
    from PIL import Image, ImageDraw, ImageFont

    from tests.pipeline.scan_fixtures import FONT
    from thaieval.pipeline.ocr.passes.thai_digit_words import _join_split
    from thaieval.schemas.page import Box, Cell, Word

    font = ImageFont.truetype(FONT, 48)
    image = Image.new("L", (700, 120), 235)
    draw = ImageDraw.Draw(image)
    draw.text((100, 30), "๑๐๐.๐๐", font=font, fill=20)
    left, top, right, bottom = draw.textbbox((100, 30), "๑๐๐.๐๐", font=font)
    cut = left + (right - left) * 0.6  # points = pixels at 72 dpi
    words = [
        Word(text="๑๐๐.๐", box=Box(x0=left, top=top, x1=cut, bottom=bottom), confidence=20),
        Word(text="๐.๐๐", box=Box(x0=cut + 2, top=top, x1=right, bottom=bottom), confidence=20),
    ]
    cell = Cell(text="๑๐๐.๐ ๐.๐๐", words=words)
    assert _join_split(cell, np.array(image), 72.0)
    assert [w.text for w in cell.words] == ["๑๐๐.๐๐"]
    # Two numbers side by side share no ink: each stays.
    image = Image.new("L", (700, 120), 235)
    draw = ImageDraw.Draw(image)
    draw.text((100, 30), "๗๐   ๗๕", font=font, fill=20)
    left, top, right, bottom = draw.textbbox((100, 30), "๗๐   ๗๕", font=font)
    middle = (left + right) / 2
    apart = [
        Word(text="๗๐", box=Box(x0=left, top=top, x1=middle - 20, bottom=bottom)),
        Word(text="๗๕", box=Box(x0=middle + 10, top=top, x1=right, bottom=bottom)),
    ]
    assert not _join_split(Cell(text="๗๐ ๗๕", words=apart), np.array(image), 72.0)


@pytest.mark.slow
def test_pages_csv_reports_blank_and_upside_down_pages(tmp_path: Path) -> None:
    (form,) = iter_page_images(ROOT / "samples/archive/image/latkrabang-2567.p8.png")
    blank = np.full_like(form.image, 250)
    pdf = image_pdf(
        [form.image, blank, rotate(form.image, 180.0)], tmp_path / "scan.pdf", round(form.dpi)
    )
    out = tmp_path / "out"
    proc = run_cli("run", str(pdf), "--out", str(out), "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    with (out / "pages.csv").open(encoding="utf-8-sig", newline="") as fh:
        pages = list(csv.DictReader(fh))
    assert [(p["page"], p["status"], p["method"]) for p in pages] == [
        ("1", "read", "ocr"),
        ("2", "skipped", ""),
        ("3", "read", "ocr"),
    ]
    assert "blank" in pages[1]["skip_reason"]
    assert (pages[0]["turned_degrees"], pages[2]["turned_degrees"]) == ("0", "180")
    assert "upside_down" in pages[2]["notes"]
    assert float(pages[0]["mean_ocr_confidence"]) > 60
    with (out / "forms.csv").open(encoding="utf-8-sig", newline="") as fh:
        forms = list(csv.DictReader(fh))
    assert [(f["component"], f["page_start"]) for f in forms] == [("3.1", "1"), ("3.1", "3")]


def test_readings_tesseract_does_not_believe_never_outvote_the_first() -> None:
    # Two empty-confidence scraps of "(๘๗.๙๓)" read as "๕" do not replace a well-formed
    # first reading; the same two with confidence would.
    assert choose_reading(("87.93", 80.0), [("5", 0.0), ("5", 3.0)], None) == ("87.93", 80.0)
    assert choose_reading(("87.93", 80.0), [("5", 60.0), ("5", 3.0)], None) == ("5", 60.0)


@pytest.mark.parametrize("level", ["๔", "๕"])
def test_the_level_digit_ending_a_word_is_read_by_its_glyph(level: str) -> None:
    # Tesseract reads "ระดับ ๔" as one word and confuses ๔ with ๕; the word's last
    # digit-wide stretch is read by the glyph classifier.
    from PIL import Image, ImageDraw, ImageFont

    from tests.pipeline.scan_fixtures import FONT
    from thaieval.pipeline.ocr.passes.thai_digit_words import _level_digit
    from thaieval.schemas.page import Box

    font = ImageFont.truetype(FONT, 48)
    image = Image.new("L", (400, 120), 235)
    draw = ImageDraw.Draw(image)
    draw.text((30, 30), f"ระดับ {level}", font=font, fill=20)
    left, top, right, bottom = draw.textbbox((30, 30), f"ระดับ {level}", font=font)
    box = Box(x0=left, top=top, x1=right, bottom=bottom)  # points = pixels at 72 dpi
    reading = _level_digit(np.array(image), box, 72.0)
    assert reading is not None and reading[0] == level


def test_a_word_between_numbers_is_read_in_arabic_digits_when_the_classifier_sees_them() -> None:
    # "70 7S 80": the word between two numbers is read as the Arabic digits it is; Thai
    # letters there are not.
    from PIL import Image, ImageDraw, ImageFont

    from tests.pipeline.scan_fixtures import FONT
    from thaieval.pipeline.ocr.passes.thai_digit_words import _arabic_between

    font = ImageFont.truetype(FONT, 48)

    def drawn(text: str) -> np.ndarray:
        image = Image.new("L", (300, 120), 235)
        ImageDraw.Draw(image).text((40, 30), text, font=font, fill=20)
        return np.array(image)

    reading = _arabic_between(drawn("75"), (30, 200, 30, 100))
    assert reading is not None and reading[0] == "75"
    assert _arabic_between(drawn("๗๕"), (30, 200, 30, 100)) is None
    assert _arabic_between(drawn("ระดับ"), (30, 200, 30, 100)) is None
