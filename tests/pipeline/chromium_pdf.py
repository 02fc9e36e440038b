"""Born-digital test PDFs printed by headless Chromium, as Word and browsers make them.

Chromium writes the positioned Thai marks of a TLWG font (Laksaman) into the text layer as
the fonts' private-use code points (U+F70A for a lowered ่, U+F70B for ้ …): the class of
text layer :mod:`thaieval.parsers.layer_chars` maps. fpdf2 (:mod:`tests.pipeline.pdf_fixtures`) does
not: it shapes with HarfBuzz's mark positioning and maps every glyph to its own character.
"""

from __future__ import annotations

import html
import subprocess
import tempfile
from pathlib import Path

from tests.pipeline.cdp_pipe import find_chromium

__all__ = ["FORM", "form_html", "print_pdf"]

# A one-indicator component form: its names, unit and indicator carry lowered tone marks
# (ผู้, ต่าง, น้ำ, ร่วม), a thanthakhat (ยุทธศาสตร์) and a lower vowel under a tone (ผู้).
FORM = {
    "unit_name": "สำนักงานการต่างประเทศ",
    "parent_unit": "สำนักปลัดกรุงเทพมหานคร",
    "indicator_name": "ระดับความสำเร็จของการจัดกิจกรรมร่วมกับเมืองพี่เมืองน้อง",
    "evaluator_name": "นางสาวผู้สดี แย้มอยู่",
    "evaluator_position": "หัวหน้าฝ่ายบริหารงานทั่วไป",
}


def form_html() -> str:
    """The page: a form 1.1 of fiscal year 2567 with one level-based indicator."""
    f = {k: html.escape(v) for k, v in FORM.items()}
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
body {{ font-family: Laksaman; font-size: 15pt; margin: 2cm; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ border: 1px solid #000; padding: 4px; }}
</style></head><body>
<p>แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ<br>
ของหน่วยงานสังกัดกรุงเทพมหานคร ประจำปีงบประมาณ พ.ศ. 2567 (ระยะสิ้นปีงบประมาณ)</p>
<p>ชื่อหน่วยงานผู้รับการประเมิน : {f["unit_name"]} {f["parent_unit"]}</p>
<p>องค์ประกอบที่ 1 : การประเมินประสิทธิภาพผลการดำเนินงาน (Performance Base)<br>
1.1 ประสิทธิภาพในการดำเนินงานภารกิจหลักตามยุทธศาสตร์กรุงเทพมหานคร (Function Base)</p>
<p>ผลคะแนน (น้ำหนักคะแนนรวม 10 คะแนน) :</p>
<table><tr><th>ตัวชี้วัด</th><th>ผลการดำเนินงาน</th><th>คะแนนที่ได้</th></tr>
<tr><td>1. {f["indicator_name"]}</td><td>ระดับ 5</td><td>10</td></tr>
<tr><td>รวม</td><td></td><td>10</td></tr></table>
<p>ผลการตรวจติดตามประเมินผล :</p>
<p>■ เหตุผลของคะแนน</p><p>ตัวชี้วัดที่ 1 : ดำเนินการได้ตามเป้าหมาย</p>
<p>■ ข้อเสนอแนะ</p><p>-ไม่มี-</p>
<p style="margin-left: 6cm">ลงชื่อ..................................................<br>
({f["evaluator_name"]})<br>ตำแหน่ง {f["evaluator_position"]}<br>
วัน/เดือน/ปี 7 ตุลาคม 2567</p>
</body></html>"""


def print_pdf(page_html: str, out: Path, timeout: float = 120) -> Path:
    """``page_html`` printed to ``out`` by headless Chromium (raises when Chromium is absent
    or fails)."""
    exe = find_chromium()
    if exe is None:
        raise FileNotFoundError("chromium is not installed (make setup installs it)")
    with tempfile.TemporaryDirectory(prefix="thaieval-print-") as tmp:
        source = Path(tmp) / "page.html"
        source.write_text(page_html, encoding="utf-8")
        subprocess.run(
            [
                exe,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={Path(tmp) / 'profile'}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out}",
                source.as_uri(),
            ],
            capture_output=True,
            timeout=timeout,
            check=True,
        )
    if not out.is_file():
        raise RuntimeError(f"chromium wrote no PDF to {out}")
    return out
