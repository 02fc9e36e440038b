"""Born-digital test PDFs rendered with fpdf2 and HarfBuzz shaping (Laksaman, a TLWG font).

Each builder writes one PDF and returns its path; the expected rows are the data the
builders print, so a test compares what comes back with what went in.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image

FONT = "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"

TITLE = "แบบสรุปผลคะแนนการตรวจติดตามประเมินผล หน่วยงาน: สำนักงานการต่างประเทศ"
SCORE_ROWS = [
    ["ตัวชี้วัด", "น้ำหนัก", "ผลการดำเนินงาน", "คะแนนที่ได้"],
    ["1. ระดับความสำเร็จในการจัดกิจกรรมกระชับและส่งเสริมความสัมพันธ์เมืองพี่เมืองน้อง", "10", "ระดับ 5", "10"],
    ["2. ร้อยละของการเบิกจ่ายงบประมาณ", "10", "ระดับ 4 (98.77)", "8.77"],
]
# A merged block: a cell spanning two rows and one spanning two columns.
MERGED_FIRST = ["องค์ประกอบที่ 3 ศักยภาพ", "น้ำหนักรวม", "20"]  # rowspan 2, colspan 2, plain
MERGED_SECOND = ["ค่าคะแนนถ่วงน้ำหนัก", "ผ่าน", "18.77"]
COL_WIDTHS = (220, 60, 120, 80)

LONG_HEADER = ["ลำดับ", "ขั้นตอนการดำเนินการ", "คะแนน"]
LONG_ROWS = [[str(i), f"ขั้นตอนที่ {i} การจัดทำแผนปฏิบัติการและติดตามผล", f"{i}.5"] for i in range(1, 41)]


def _document() -> FPDF:
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("Laksaman", "", FONT)
    pdf.set_font("Laksaman", size=14)
    pdf.set_text_shaping(True)
    return pdf


def score_table_pdf(path: Path) -> Path:
    """One page: a title line and a ruled score table with a wrapped and merged cells."""
    pdf = _document()
    pdf.add_page()
    pdf.cell(text=TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    with pdf.table(col_widths=COL_WIDTHS, text_align="LEFT", first_row_as_headings=False) as table:
        for values in SCORE_ROWS:
            row = table.row()
            for value in values:
                row.cell(value)
        row = table.row()
        row.cell(MERGED_FIRST[0], rowspan=2)
        row.cell(MERGED_FIRST[1], colspan=2)
        row.cell(MERGED_FIRST[2])
        row = table.row()
        for value in MERGED_SECOND:
            row.cell(value)
    pdf.output(str(path))
    return path


def long_table_pdf(path: Path) -> Path:
    """A 40-row table that continues on the next page, its heading row repeated there."""
    pdf = _document()
    pdf.add_page()
    plain = FontFace(emphasis="")  # the headings in the regular face: no bold Laksaman added
    with pdf.table(col_widths=(60, 300, 80), text_align="LEFT", headings_style=plain) as table:
        for values in [LONG_HEADER, *LONG_ROWS]:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.output(str(path))
    return path


def open_table_pdf(path: Path) -> Path:
    """Page 1 ends a table with no bottom rule; page 2 continues it with no top rule."""
    pdf = _document()
    xs = (50, 200, 300)
    for page_rows, open_bottom in (([["ก", "หนึ่ง"], ["ข", "สอง"]], True), ([["ค", "สาม"]], False)):
        pdf.add_page()
        top = 100.0
        ys = [top + 30 * i for i in range(len(page_rows) + 1)]
        first_rule = 0 if open_bottom else 1  # page 2 has no top rule
        last_rule = len(ys) - 1 if open_bottom else len(ys)  # page 1 has no bottom rule
        for y in ys[first_rule:last_rule]:
            pdf.line(xs[0], y, xs[-1], y)
        for x in xs:
            pdf.line(x, ys[0], x, ys[-1])
        for i, values in enumerate(page_rows):
            for j, value in enumerate(values):
                pdf.text(xs[j] + 5, ys[i] + 20, value)
    pdf.output(str(path))
    return path


def scanned_pdf(path: Path) -> Path:
    """A page that is one full-page image and no text."""
    image = Image.new("L", (200, 280), color=255)
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=pdf.w, h=pdf.h)
    pdf.output(str(path))
    return path


def layer_char(text: str, x: float, width: float = 5.0, font: str = "F") -> dict[str, object]:
    """One character as pdfplumber gives it from a text layer, on a 12 pt line at ``x``."""
    return {
        "text": text,
        "x0": x,
        "x1": x + width,
        "top": 0.0,
        "bottom": 12.0,
        "size": 12.0,
        "width": width,
        "fontname": font,
    }
