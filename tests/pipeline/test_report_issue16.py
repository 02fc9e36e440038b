"""Issue 16, the report: a header misread is no unit of its own, each chart total is the sum
of its bars, the report's size is bounded, and its words are Thai with English beside them."""

from __future__ import annotations

import csv
import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import SEED, SHARED, run_cli
from thaieval.pipeline.report.budget import DETAIL_MB
from thaieval.pipeline.report.labels import LABELS
from thaieval.pipeline.report.source import LINE_CHARS, SourceLookup

FAMILY_TEXT = SHARED / "family" / "text"
SIX = ("01_khet_bangrak", "02_medical", "03_drainage", "05_environment", "06_public_relations")
SIX += ("10_city_law_enforcement",)
MISREAD = "สำนัดการแฟทบ์"  # สำนักการแพทย์ with two letters misread: too far to be mended


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def chart_bars(html_text: str) -> list[dict[str, object]]:
    """Every bar of the chart: its unit, the values of its parts, the printed total and the
    overall table's number when one is printed beside it."""
    bars = []
    for match in re.finditer(r'<g class="bar" data-unit="([^"]*)">(.*?)</g>', html_text, re.S):
        body = match.group(2)
        declared = re.search(r'class="declared"[^>]*>[^<]*?([\d.]+)</text>', body)
        bars.append(
            {
                "unit": unescape(match.group(1)),
                "parts": [float(v) for v in re.findall(r'data-value="([^"]+)"', body)],
                "total": re.search(r'class="total">([^<]*)</text>', body).group(1),  # type: ignore[union-attr]
                "declared": declared.group(1) if declared else None,
            }
        )
    return bars


@pytest.fixture(scope="module")
def six_units(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six family texts: in one, form 1.2's header reads the unit as :data:`MISREAD`; the
    บางรัก text stops after form 1.1, so its overall table declares more than its forms."""
    root = tmp_path_factory.mktemp("six_units")
    folder = root / "in"
    folder.mkdir()
    for name in SIX:
        shutil.copy(FAMILY_TEXT / f"bma2567_{name}.txt", folder / f"{name}.txt")
        (folder / f"{name}.txt").chmod(0o644)
    medical = folder / "02_medical.txt"
    lines = medical.read_text(encoding="utf-8").split("\n")
    headers = [i for i, line in enumerate(lines) if line.startswith("ชื่อหน่วยงานผู้รับการประเมิน")]
    lines[headers[1]] = lines[headers[1]].replace("สำนักการแพทย์", MISREAD)
    medical.write_text("\n".join(lines), encoding="utf-8")
    bangrak = folder / "01_khet_bangrak.txt"
    lines = bangrak.read_text(encoding="utf-8").split("\n")
    forms = [i for i, line in enumerate(lines) if line.startswith("แบบสรุปผลคะแนน")]
    bangrak.write_text("\n".join(lines[: forms[1]]), encoding="utf-8")
    out = root / "out"
    proc = run_cli("run", str(folder), "--out", str(out), "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    return out


def test_a_misread_header_is_no_unit_of_its_own(six_units: Path) -> None:
    forms = _csv(six_units / "forms.csv")
    # The situation: seven unit names read in six documents.
    assert len({f["document_id"] for f in forms}) == 6
    assert len({f["unit_name"] for f in forms}) == 7 and MISREAD in {f["unit_name"] for f in forms}
    text = (six_units / "report.html").read_text(encoding="utf-8")
    assert '<dt data-en="units">หน่วยงาน</dt><dd>6</dd>' in text
    sections = re.findall(r'<section class="unit" data-unit="([^"]*)"', text)
    assert len(sections) == 6 and MISREAD not in sections and "สำนักการแพทย์" in sections
    assert MISREAD not in re.findall(r'<option value="([^"]*)"', text)
    # The misread form is under its document's unit, its reading named as such.
    medical = text[text.index('<section class="unit" data-unit="สำนักการแพทย์"') :]
    medical = medical[: medical.index("</section>")]
    assert medical.count('<div class="form"') == 1 + 7  # its document's flags, its 7 forms
    assert 'data-check="header_mismatch"' in medical
    assert f"หัวแบบนี้อ่านชื่อหน่วยงานได้ว่า «{MISREAD}» ต่างจากแบบอื่นของเอกสาร" in medical
    assert f"this form&#x27;s header reads the unit «{MISREAD}»" in medical
    assert all(b["unit"] != MISREAD for b in chart_bars(text))


def test_each_chart_total_is_the_sum_of_its_bars(six_units: Path) -> None:
    text = (six_units / "report.html").read_text(encoding="utf-8")
    bars = chart_bars(text)
    assert len(bars) == 6
    for bar in bars:
        assert bar["total"] == f"{sum(bar['parts']):.3f}".rstrip("0").rstrip("."), bar  # type: ignore[arg-type]
    # บางรัก: form 1.1 alone was read (19.632); its overall table declares 71.222, which is
    # printed as the table's, beside the bar, not as the bar's total.
    bangrak = next(b for b in bars if b["unit"] == "สำนักงานเขตบางรัก")
    assert bangrak["parts"] == [19.632] and bangrak["total"] == "19.632"
    assert bangrak["declared"] == "71.222"
    assert "ตารางสรุประบุ 71.222" in text and 'data-en="overall table: 71.222"' in text
    assert "ตัวเลขท้ายแท่งคือผลรวมของทุกส่วนในแท่ง" in text  # the chart says what the total is
    # A bar whose forms add up to what the overall table declares prints no second number.
    medical = next(b for b in bars if b["unit"] == "สำนักการแพทย์")
    assert medical["declared"] is None and medical["total"] == "89.277"
    assert len(medical["parts"]) == 6
    # Where the family injected an overall total that its forms do not add up to, both show.
    environment = next(b for b in bars if b["unit"] == "สำนักสิ่งแวดล้อม")
    assert (environment["total"], environment["declared"]) == ("75.006", "75.204")


def test_labels_are_thai_first_with_english(six_units: Path) -> None:
    text = (six_units / "report.html").read_text(encoding="utf-8")
    assert text.startswith('<!DOCTYPE html>\n<html lang="th">')
    for th, en in LABELS.values():
        assert th and en and th != en
        assert re.search(r"[\u0e01-\u0e5b]", th) or th == "English", th
    for words in ("ภาพรวม", "รายการแจ้งเตือนแยกตามการตรวจ", "ค่าที่ควรเป็น", "ค่าที่พบ"):
        assert f">{words}<" in text, words
    assert '<button type="button" id="lang-toggle" data-en="ภาษาไทย">English</button>' in text
    # The report's own words are not left in English outside data-en.
    visible = re.sub(r'data-en="[^"]*"', "", text.split("<body", 1)[1].split("<script>")[0])
    for english in ("Overview", "Flags by check", "expected", "documents", "show all"):
        assert f">{english}<" not in visible, english


@pytest.mark.slow
def test_report_size_is_bounded(tmp_path: Path) -> None:
    """A large text input (the seed twelve times over) gives a report within the limit; what
    does not fit is counted, and a crop is never named by a copy whose first was left out."""
    big = tmp_path / "in" / "seed12.txt"
    big.parent.mkdir()
    big.write_bytes(SEED.read_bytes() * 12)
    out = tmp_path / "out"
    proc = run_cli("run", str(big), "--out", str(out), "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    forms = _csv(out / "forms.csv")
    flags = _csv(out / "flags.csv")
    assert len(forms) == 84
    whole = (out / "report.html").read_text(encoding="utf-8")
    assert (
        '<p class="left-out"' not in whole and whole.count('<div class="form"') == 84
    )  # under 8 MB
    assert DETAIL_MB == 8.0

    limit = 0.1
    proc = run_cli("report", str(out), "--max-mb", str(limit))
    assert proc.returncode == 0, proc.stderr
    report = out / "report.html"
    text = report.read_text(encoding="utf-8")
    shown = text.count('<div class="form"')
    shown_flags = text.count('<article class="card flag')
    overview = len(text[: text.index('<section class="unit"')].encode("utf-8"))
    assert 0 < shown < 84
    assert report.stat().st_size <= limit * 1024 * 1024 + overview + 10_000
    assert report.stat().st_size < len(whole.encode("utf-8")) / 3
    note = re.search(r'<p class="left-out" id="left-out" data-en="([^"]*)">', text)
    assert note is not None
    assert unescape(note.group(1)) == (
        f"The report holds at most {limit:g} MB of detail: {84 - shown} more forms "
        f"({len(flags) - shown_flags} flags) are not shown in detail; every value is in "
        "forms.csv, indicators.csv and flags.csv."
    )
    ids = set(re.findall(r'<img class="crop" id="([^"]+)"', text))
    assert set(re.findall(r'data-same-as="([^"]+)"', text)) <= ids


def test_a_long_source_line_is_cut(tmp_path: Path) -> None:
    """A text input with megabytes on one line shows an excerpt of it, saying how much is cut."""
    source = tmp_path / "long.txt"
    source.write_text("หนึ่ง\n" + "ก" * 1_000_000 + "\nสาม\n", encoding="utf-8")
    evidence = SourceLookup(tmp_path).evidence(
        {"source_path": str(source), "method": "ocr-text"}, 1, "", 2
    )
    assert [n for n, _ in evidence.lines] == [1, 2, 3]
    assert evidence.lines[1][1] == "ก" * LINE_CHARS + f" … (+{1_000_000 - LINE_CHARS:,})"
