"""The review report: evidence crops, tables, escaping, the chart, and the page in Chromium."""

from __future__ import annotations

import base64
import csv
import html
import io
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from tests.pipeline.report_fixtures import (
    LOW_BOX,
    TEXT_FLAG_LINE,
    U1,
    U2,
    VALUE_BOX,
    write_dataset,
    write_pdf,
)
from thaieval.pipeline.export.store import Store
from thaieval.pipeline.report.build import build_report, render_report
from thaieval.pipeline.report.chart import Bar, bars_of_forms, chart_svg
from thaieval.pipeline.report.data import load_report_data
from thaieval.pipeline.report.source import DPI, SourceLookup, crop_around, resolve_source
from thaieval.pipeline.report.units import differs
from thaieval.pipeline.run.cli import app
from thaieval.schemas.page import Box

SCALE = DPI / 72.0


class _Cards(HTMLParser):
    """Every ``<article class="card …">`` of a report: its attributes, text, image, lines."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[dict[str, Any]] = []
        self.sections: list[str] = []
        self.images: dict[str, str] = {}  # id → src, for the copies that name a first image
        self._depth = 0
        self._in_highlight = False
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "section" and "unit" in a.get("class", ""):
            self.sections.append(a["data-unit"])
        if tag == "article":
            self.cards.append(
                {**a, "text": "", "img": None, "highlight": None, "lines": 0, "caption": ""}
            )
            self._depth = 1
            return
        if not self._depth:
            return
        self._depth += tag not in ("img",)
        card = self.cards[-1]
        if tag == "img":
            if "id" in a:
                self.images[a["id"]] = a["src"]
            card["img"] = a.get("src") or self.images[a["data-same-as"]]
            card["same_as"] = a.get("data-same-as")
        if tag == "span" and a.get("class") in ("hl", "ln"):
            card["lines"] += 1
            self._in_highlight = a["class"] == "hl"
            if self._in_highlight:
                card["highlight"] = ""
        self._in_caption = self._in_caption or tag == "figcaption"

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1
            self._in_highlight = self._in_highlight and tag != "span"
            self._in_caption = self._in_caption and tag != "figcaption"

    def handle_data(self, data: str) -> None:
        if self._depth:
            card = self.cards[-1]
            card["text"] += data
            if self._in_highlight:
                card["highlight"] += data
            if self._in_caption:
                card["caption"] += data


def _cards(html_text: str) -> _Cards:
    parser = _Cards()
    parser.feed(html_text)
    return parser


def _image(data_uri: str) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1]))).convert("RGB")


def _red_bbox(image: Image.Image) -> tuple[int, int, int, int] | None:
    """Bounding box of the drawn (crimson) pixels."""
    mask = Image.eval(image.split()[0], lambda v: 255 if v > 150 else 0)
    green = Image.eval(image.split()[1], lambda v: 255 if v < 100 else 0)
    blue = Image.eval(image.split()[2], lambda v: 255 if v < 130 else 0)
    both = Image.eval(
        Image.merge("RGB", (mask, green, blue)).convert("L"), lambda v: 255 if v > 250 else 0
    )
    return both.getbbox()


@pytest.fixture
def dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    out = write_dataset(tmp_path / "run")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # sources then resolve relative to the output's parent
    return out


def test_differs_within_half_a_unit_of_the_printed_decimal() -> None:
    assert not differs(8.77, 8.7700001)
    assert not differs(9.514, 9.5143)
    assert differs(9.514, 9.5146)
    assert differs(10.0, 9.6)
    assert differs(10.0, 9.99)  # a printed 10 is compared as 10.00
    assert not differs(None, 3.0)


def test_resolve_source_tries_the_cwd_then_the_output_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "run" / "src").mkdir(parents=True)
    source = tmp_path / "run" / "src" / "a.pdf"
    source.write_bytes(b"%PDF")
    monkeypatch.chdir(tmp_path)
    assert (
        resolve_source("run/src/a.pdf", tmp_path / "run" / "out")
        == tmp_path / "run" / "src" / "a.pdf"
    )
    assert resolve_source("src/a.pdf", tmp_path / "run" / "out") == (
        tmp_path / "run" / "src" / "a.pdf"
    )
    assert resolve_source(str(source), tmp_path / "x") == source
    assert resolve_source("src/missing.pdf", tmp_path / "run" / "out") is None
    assert resolve_source("", tmp_path) is None


def test_crop_is_a_band_around_the_box_with_the_box_drawn(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "a.pdf")
    page = SourceLookup(tmp_path).page_image(pdf, 1)
    assert page.size == (827, 1170)  # A4 (595.28 × 841.89 pt) at 100 dpi, rounded up
    box = Box.from_text(VALUE_BOX)
    assert box is not None
    band = crop_around(page, box, SCALE)
    top = int((200 - 40) * SCALE)
    assert band.size == (827, int((216 + 40) * SCALE) + 1 - top)
    # The outline lies 3 px outside the box, 2 px wide; getbbox's right and bottom are exclusive.
    drawn = (100 * SCALE - 3, 200 * SCALE - top - 3, 160 * SCALE + 3, 216 * SCALE - top + 3)
    assert _red_bbox(band) == (int(drawn[0]), int(drawn[1]), int(drawn[2]) + 1, int(drawn[3]) + 1)
    inside = band.crop(
        (int(100 * SCALE) + 3, 200 * SCALE - top + 3, int(160 * SCALE) - 3, 216 * SCALE - top - 3)
    )
    assert int(np.asarray(inside.convert("L")).min()) < 80  # the printed 87.145 is in the box


def test_report_lists_every_flag_with_its_evidence(dataset: Path) -> None:
    path = build_report(dataset)
    assert path == dataset / "report.html"
    text = path.read_text(encoding="utf-8")
    parsed = _cards(text)
    flags = [c for c in parsed.cards if "flag" in c["class"].split()]
    assert Counter((c["data-form"], c["data-check"]) for c in flags) == Counter(
        [
            ("docA-02", "weighted_score_mismatch"),
            ("docA-02", "low_ocr_confidence"),
            ("docA-01", "overall_weight_sum"),
            ("docA-01", "overall_row_missing"),
            ("", "header_mismatch"),
            ("docB-01", "form_total_mismatch"),
            ("docC-01", "numbered_list_gap"),
        ]
    )
    by_check = {c["data-check"]: c for c in flags}
    assert {c["data-unit"] for c in flags if c["data-form"] != "docC-01"} == {U1}
    assert by_check["numbered_list_gap"]["data-unit"] == U2

    mismatch = by_check["weighted_score_mismatch"]
    assert mismatch["data-severity"] == "error" and mismatch["data-component"] == "1.1"
    assert "ค่าที่ควรเป็น24ค่าที่พบ30" in mismatch["text"].replace(" ", "")
    band = _image(mismatch["img"])
    assert band.width == 827
    red = _red_bbox(band)
    assert red is not None and abs(red[0] - 135) <= 2 and abs(red[2] - 226) <= 2

    whole = _image(by_check["overall_weight_sum"]["img"])  # page 2, no box: the page, halved
    # Of the two flags on page 2 without a box, the second (in flags.csv order) names the
    # first one's image, the report's first, instead of holding a copy.
    assert by_check["overall_row_missing"]["same_as"] is None
    assert by_check["overall_weight_sum"]["same_as"] == "crop-1"
    assert by_check["overall_row_missing"]["img"] == by_check["overall_weight_sum"]["img"]
    assert text.count("data:image/png;base64,") == 1
    assert whole.width == 414 and abs(whole.height / whole.width - 842 / 595) < 0.01

    assert by_check["header_mismatch"]["img"] is None
    assert by_check["header_mismatch"]["caption"] == "ไม่ได้บันทึกหน้าไว้"  # no page recorded
    assert by_check["form_total_mismatch"]["img"] is None
    assert by_check["form_total_mismatch"]["caption"] == "ไม่พบไฟล์ต้นฉบับ: gone/b.pdf"

    lines = by_check["numbered_list_gap"]
    assert lines["highlight"] == f"{TEXT_FLAG_LINE:>4} บรรทัดที่ {TEXT_FLAG_LINE}"
    assert lines["lines"] == 7  # line 5 and three either side

    low = [c for c in parsed.cards if "lowconf" in c["class"].split()]
    assert [(c["data-check"], c["data-component"]) for c in low] == [
        ("low_confidence_number", "1.1")
    ]
    assert "ความเชื่อมั่น OCR 40" in low[0]["text"] and low[0]["img"] is not None

    assert parsed.sections == [U2, U1]
    assert "&lt;ทดสอบ&gt; &amp; &quot;หนึ่ง&quot;" in text and "<ทดสอบ>" not in text
    assert "ไม่มีจุดอ่อน &lt;b&gt;" in text
    assert text.count('<td class="num diff">') == 4  # indicator 1 and the total of form 1.1
    assert "PDF is encrypted; decrypt it first" in text
    assert '<dt data-en="documents">เอกสาร</dt><dd>4</dd>' in text
    assert '<dt data-en="failed">อ่านไม่สำเร็จ</dt><dd>1</dd>' in text
    assert 'src="http' not in text and "<link" not in text


def test_chart_has_a_bar_per_unit_and_year(dataset: Path) -> None:
    bars = bars_of_forms(load_report_data(dataset / "dataset.sqlite").forms)
    # U1's 2566 document: its overall table declares 87.145, its one component form 30.
    assert bars == [
        Bar(U2, "2567", [("3.2", 8.77)]),
        Bar(U1, "2566", [("1.1", 30.0)], 87.145),
        Bar(U1, "2567", [("1.1", 27.5)]),
    ]
    svg = chart_svg(bars)
    assert svg.count("<rect") == 2 + 3  # a legend swatch per component, a part per bar
    # The unit is named once beside its first bar; each bar's tooltip names it too.
    assert svg.count(f'class="unit">{html.escape(U1)}</text>') == 1
    assert svg.count('class="unit">') == 2  # the second bar of U1 has no label
    assert svg.count("&lt;ทดสอบ&gt;") == 5  # two labels' data-unit, three tooltips
    # The printed total is the sum of the bar; the overall table's differing total is named.
    assert '>30</text><line class="declared"' in svg and ">27.5</text>" in svg
    assert 'data-en="overall table: 87.145">ตารางสรุประบุ 87.145</text>' in svg
    assert svg.count('class="declared"') == 2  # the tick and its number, on that bar only
    assert chart_svg([]) == ""


def test_a_unit_read_only_in_its_overall_table_is_one_part() -> None:
    forms = [
        {"form_id": "a-1", "document_id": "a", "unit_name": "ก", "fiscal_year": 2567,
         "period": "end_of_year", "form_type": "overall_summary", "total_score": 92.739},
    ]  # fmt: skip
    (bar,) = bars_of_forms(forms)
    assert bar == Bar("ก", "2567", [("overall", 92.739)]) and bar.total == 92.739
    assert 'data-en="overall">ตารางสรุป</text>' in chart_svg([bar])


def test_units_come_from_the_documents() -> None:
    """A minority reading joins its document's unit; a tie another document settles is
    settled; one nothing settles is unsure, shown as such and not counted as a unit."""
    from thaieval.pipeline.report.data import UNSURE_UNIT, ReportData

    def form(doc: str, n: int, unit: str) -> dict[str, object]:
        return {"form_id": f"{doc}-{n}", "document_id": doc, "unit_name": unit,
                "fiscal_year": 2567, "period": "end_of_year", "form_type": "component",
                "component": f"1.{n}", "total_score": 10.0}  # fmt: skip

    forms = [form("a", 1, "บางรัก"), form("a", 2, "บางรัก"), form("a", 3, "บางรัด")]
    forms += [form("b", 1, "บางรัก"), form("b", 2, "บางจัก")]  # tied; a reads บางรัก surely
    forms += [form("c", 1, "ดุสิต"), form("c", 2, "ดุสิด")]  # tied; nothing settles it
    data = ReportData([], forms, [], [], [], [])
    units = {u.name: u for u in data.units()}
    assert list(units) == ["บางรัก", UNSURE_UNIT]
    assert len(units["บางรัก"].forms) == 5 and data.unit_count() == 1
    assert data.unsure_documents() == 1
    lookup = SourceLookup(Path("."))
    text = render_report(data, lookup, "t")
    assert '<dt data-en="units">หน่วยงาน</dt><dd>1</dd>' in text
    assert "ชื่อหน่วยงานอ่านไม่ชัด: แบบในเอกสารเดียวกันอ่านได้ต่างกัน (ดุสิด / ดุสิต)" in text
    assert text.count("หัวแบบนี้อ่านชื่อหน่วยงานได้ว่า «บางรัด»") == 1
    assert text.count("หัวแบบนี้อ่านชื่อหน่วยงานได้ว่า «บางจัก»") == 1


def test_report_command_rebuilds_from_sqlite_without_sources(dataset: Path) -> None:
    first = build_report(dataset).read_text(encoding="utf-8")
    (dataset / "report.html").unlink()
    result = CliRunner().invoke(app, ["report", str(dataset)])
    assert result.exit_code == 0, result.output
    assert (dataset / "report.html").read_text(encoding="utf-8") == first  # deterministic
    shutil.rmtree(dataset.parent / "src")
    assert CliRunner().invoke(app, ["report", str(dataset)]).exit_code == 0
    captions = [
        c["caption"] for c in _cards((dataset / "report.html").read_text(encoding="utf-8")).cards
    ]
    assert captions.count("ไม่พบไฟล์ต้นฉบับ: src/a.pdf") == 6  # 5 flags, 1 low-confidence


def test_low_confidence_box_is_cropped_at_its_own_place(dataset: Path) -> None:
    text = build_report(dataset).read_text(encoding="utf-8")
    low = next(c for c in _cards(text).cards if "lowconf" in c["class"].split())
    band = _image(low["img"])
    top = int((400 - 40) * SCALE)
    assert band.height == int((416 + 40) * SCALE) + 1 - top
    assert LOW_BOX in low["caption"]


def test_evidence_says_why_there_is_no_crop(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "a.pdf")
    text = tmp_path / "c.txt"
    text.write_text("หนึ่ง\nสอง\n", encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    lookup = SourceLookup(tmp_path)
    pdf_doc = {"source_path": str(pdf), "method": "text"}
    assert (
        lookup.evidence(pdf_doc, 9, VALUE_BOX, None).note.en
        == "could not render a.pdf: a.pdf has no page 9"
    )
    assert lookup.evidence(pdf_doc, None, VALUE_BOX, None).note.en == "no page recorded"
    text_doc = {"source_path": str(text), "method": "ocr-text"}
    assert lookup.evidence(text_doc, 1, "", 3).note.en == "no source line recorded"
    shown = lookup.evidence(text_doc, 1, "", 2)
    assert (shown.kind, shown.lines, shown.highlight) == ("lines", [(1, "หนึ่ง"), (2, "สอง")], 2)
    failed = lookup.evidence({"source_path": str(broken), "method": "text"}, 1, "", None)
    assert failed.kind == "none" and failed.note.en.startswith("could not render broken.pdf: ")
    assert failed.note.th.startswith("แสดง broken.pdf ไม่ได้: ")


def test_report_of_an_empty_dataset(tmp_path: Path) -> None:
    Store(tmp_path / "dataset.sqlite").close()
    text = build_report(tmp_path).read_text(encoding="utf-8")
    assert 'data-en="No flags: every number adds up.">ไม่มีรายการแจ้งเตือน' in text
    assert "<svg" not in text
    assert '<dt data-en="documents">เอกสาร</dt><dd>0</dd>' in text and _cards(text).cards == []


# --- the page in a browser --------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "tests" / "_output"


def _sample_inputs(tmp: Path) -> list[Path]:
    """The seed text, a born-digital sample PDF and a scanned sample page (TIFF)."""
    from tests.conftest import SEED

    archive = ROOT / "samples" / "archive"
    pdf = next(iter(sorted(archive.glob("text/nongchok-2567.pdf"))), None)
    tif = next(iter(sorted(archive.glob("image/nongchok-2567.form1.1.tif"))), None)
    if pdf is None or tif is None:
        from samples.generate import write_set

        write_set(tmp / "samples", 2567, False, ("nongchok-2567",))
        pdf = tmp / "samples" / "text" / "nongchok-2567.pdf"
        tif = tmp / "samples" / "image" / "nongchok-2567.form1.1.tif"
    return [SEED, pdf, tif]


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import run_cli

    tmp = tmp_path_factory.mktemp("report_run")
    out = tmp / "out"
    done = run_cli(
        "run", *[str(p) for p in _sample_inputs(tmp)], "--out", str(out), "--workers", "1"
    )
    assert done.returncode == 0, done.stderr
    build_report(out)
    return out


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


CARDS_JS = """Array.from(document.querySelectorAll('.card.flag')).map(c => ({
  form: c.dataset.form, check: c.dataset.check, unit: c.dataset.unit,
  message: c.querySelector('.msg').textContent,
  image: Array.from(c.querySelectorAll('img.crop')).some(i => i.complete && i.naturalWidth > 0),
  lines: c.querySelector('pre.lines .hl') !== null,
  visible: c.offsetParent !== null}))"""


# What the reader sees first: the page's language, headings, filter names and card labels.
WORDS_JS = """({lang: document.documentElement.lang, title: document.title,
  overview: document.querySelector('#overview h2').textContent,
  counts: Array.from(document.querySelectorAll('dl.counts dt')).slice(0, 3).map(d => d.textContent),
  filter: document.querySelector('nav.filters label').textContent.trim().split(' ')[0],
  option: document.querySelector('#filter-severity option[value=error]').textContent,
  expected: document.querySelector('.card.flag dt').textContent,
  button: document.getElementById('lang-toggle').textContent,
  legend: document.querySelector('.chart-note').textContent.slice(0, 16)})"""
THAI_WORDS = {
    "lang": "th",
    "title": "รายงานตรวจทานผลการประเมิน — out",
    "overview": "ภาพรวม",
    "counts": ["เอกสาร", "หน้า", "แบบประเมิน"],
    "filter": "หน่วยงาน",
    "option": "ข้อผิดพลาด",
    "expected": "ค่าที่ควรเป็น",
    "button": "English",
    "legend": "ตัวเลขท้ายแท่งคื",  # the first 16 characters
}
ENGLISH_WORDS = {
    "lang": "en",
    "title": "thaieval review — out",
    "overview": "Overview",
    "counts": ["documents", "pages", "forms"],
    "filter": "unit",
    "option": "error",
    "expected": "expected",
    "button": "ภาษาไทย",
    "legend": "The number after",
}
# Every bar as drawn: its parts' values and widths, and the number printed after it.
CHART_JS = """Array.from(document.querySelectorAll('svg.chart g.bar')).map(g => ({
  unit: g.dataset.unit,
  parts: Array.from(g.querySelectorAll('rect.part')).map(r => [Number(r.dataset.value), r.getBBox().width]),
  total: g.querySelector('text.total').textContent,
  declared: (g.querySelector('text.declared') || {textContent: ''}).textContent}))"""


def _check_chart(bars: list[dict[str, Any]], forms: dict[str, dict[str, str]]) -> None:
    """Each printed total is the sum of its bar's parts, and the bar is drawn that long."""
    assert bars
    scales = [width / value for bar in bars for value, width in bar["parts"] if value]
    scale = scales[0]
    assert all(abs(s - scale) < 1e-4 * scale for s in scales)  # one scale for every part
    for bar in bars:
        total = sum(value for value, _ in bar["parts"])
        assert bar["total"] == f"{total:.3f}".rstrip("0").rstrip("."), bar
        drawn = sum(width for _, width in bar["parts"]) / scale
        assert abs(drawn - total) < 0.01, bar
    components = {(f["unit_name"], f["component"]) for f in forms.values() if f["component"]}
    assert sum(len(bar["parts"]) for bar in bars) == len(components)


@pytest.mark.slow
def test_report_in_headless_chromium(chromium: str, sample_run: Path) -> None:
    from tests.pipeline.cdp_pipe import Browser

    flags = _csv(sample_run / "flags.csv")
    forms = {f["form_id"]: f for f in _csv(sample_run / "forms.csv")}
    docs = {d["document_id"]: d for d in _csv(sample_run / "documents.csv")}
    unit_of_doc = {
        f["document_id"]: f["unit_name"] for f in sorted(forms.values(), key=lambda f: f["form_id"])
    }
    assert len(flags) >= 10 and len({unit_of_doc[d] for d in docs}) == 2

    with Browser.launch(chromium) as browser:
        page = browser.open((sample_run / "report.html").as_uri(), width=1280, height=1400)
        shot = browser.screenshot(page, OUTPUT / "report.png")
        cards = browser.evaluate(page, CARDS_JS)
        assert browser.console_errors(page) == []
        assert browser.evaluate(page, WORDS_JS) == THAI_WORDS
        _check_chart(browser.evaluate(page, CHART_JS), forms)
        assert {u.split(":", 1)[0] for u in browser.requested_urls(page)} <= {"file", "data"}

        listed = Counter((c["form"], c["check"], c["message"]) for c in cards)
        assert listed == Counter((f["form_id"], f["check"], f["message"]) for f in flags)
        for card in cards:
            text_input = docs[forms[card["form"]]["document_id"]]["method"] == "ocr-text"
            assert card["lines"] if text_input else card["image"], card

        unit = unit_of_doc[sorted(docs)[0]]
        expected = sum(unit_of_doc[f["document_id"]] == unit for f in flags)
        browser.evaluate(
            page,
            "(() => { const s = document.getElementById('filter-unit');"
            f" s.value = {unit!r}; s.dispatchEvent(new Event('change')); }})()",
        )
        filtered = browser.evaluate(page, CARDS_JS)
        sections = browser.evaluate(
            page,
            "Array.from(document.querySelectorAll('section.unit')).filter(s => s.offsetParent !== null).map(s => s.dataset.unit)",
        )
        assert sections == [unit]
        assert [c["unit"] for c in filtered if c["visible"]] == [unit] * expected
        assert 0 < expected < len(flags)
        assert (
            browser.evaluate(page, "document.getElementById('shown').textContent")
            == f"แสดง {expected} จาก {len(flags)} รายการแจ้งเตือน"
        )
        # The links of the overview's table set the filter through the address.
        check = Counter(f["check"] for f in flags).most_common(1)[0][0]
        browser.evaluate(
            page,
            "new Promise(done => { addEventListener('hashchange', () => setTimeout(done, 0),"
            f" {{once: true}}); document.querySelector('a[href=\"#check={check}\"]').click(); }})",
        )
        by_link = [c["check"] for c in browser.evaluate(page, CARDS_JS) if c["visible"]]
        assert by_link == [check] * sum(f["check"] == check for f in flags)
        assert browser.evaluate(page, "document.getElementById('filter-unit').value") == ""
        assert browser.console_errors(page) == []
        browser.evaluate(page, "document.getElementById('filter-reset').click()")
        browser.evaluate(
            page,
            "(() => { const s = document.getElementById('filter-unit');"
            f" s.value = {unit!r}; s.dispatchEvent(new Event('change')); }})()",
        )
        # A second view for the README: the filtered unit's first form, its table and flags.
        browser.evaluate(
            page,
            "document.querySelector('div.form:not([hidden]) .card.flag').closest('div.form').scrollIntoView()",
        )
        flag_shot = browser.screenshot(page, OUTPUT / "report-flags.png")
        # English on request: the button swaps every label, the address keeps the choice,
        # and the same button brings the Thai back.
        browser.evaluate(page, "document.getElementById('lang-toggle').click()")
        assert browser.evaluate(page, WORDS_JS) == ENGLISH_WORDS
        assert "lang=en" in browser.evaluate(page, "location.hash")
        shown_en = browser.evaluate(page, "document.getElementById('shown').textContent")
        assert shown_en == f"{expected} of {len(flags)} flags shown"
        browser.evaluate(page, "document.getElementById('lang-toggle').click()")
        assert browser.evaluate(page, WORDS_JS) == THAI_WORDS
        assert browser.console_errors(page) == []
    assert shot.stat().st_size > 10_000 and flag_shot.stat().st_size > 10_000
