"""Form-like test pages for the OCR tests: drawn with fpdf2, rasterised, then damaged.

The page holds what the real forms hold: a Thai title, a ruled score table with Arabic and
Thai digits and a wrapped Thai cell, and a paragraph. ``TABLE`` and ``LINES`` are its truth.
"""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image

FONT = "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"

TITLE = "แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ"
UNIT = "ชื่อหน่วยงานผู้รับการประเมิน สำนักงานการต่างประเทศ"
COLUMNS = [170.0, 115.0, 85.0, 125.0]  # points; the table starts at x=50
TABLE_TOP = 140.0
TABLE: list[list[str]] = [
    ["ตัวชี้วัด", "ผลการดำเนินงาน", "คะแนนที่ได้", "ค่าคะแนนถ่วงน้ำหนัก"],
    ["ระดับความสำเร็จในการจัดกิจกรรมประชุม", "ระดับ 4 (98.77)", "87.70", "8.77"],
    ["การเบิกจ่ายงบประมาณ", "๙๘.๗๗", "๘๗.๗๐", "9.514"],
    ["รวม", "95.143", "10.000", "30.284"],
]
ROW_HEIGHTS = [30.0, 50.0, 30.0, 30.0]  # the second row wraps its first cell over two lines
PARAGRAPH = [
    "เหตุผลของคะแนน หน่วยงานดำเนินงานครบถ้วนตามแผน",
    "ข้อเสนอแนะเพื่อการพัฒนา ควรติดตามผลอย่างต่อเนื่อง",
]


def form_pdf(path: Path, *, blank: bool = False) -> Path:
    """Write the test form (or a blank page) as a one-page PDF with a text layer."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("Laksaman", "", FONT)
    pdf.set_text_shaping(True)
    pdf.add_page()
    if not blank:
        pdf.set_font("Laksaman", size=16)
        pdf.set_xy(50, 50)
        pdf.cell(495, 24, TITLE, align="C")
        pdf.set_xy(50, 85)
        pdf.cell(495, 24, UNIT)
        pdf.set_font("Laksaman", size=13)
        pdf.set_line_width(0.8)
        y = TABLE_TOP
        for cells, height in zip(TABLE, ROW_HEIGHTS, strict=True):
            x = 50.0
            for width, text in zip(COLUMNS, cells, strict=True):
                pdf.rect(x, y, width, height)
                pdf.set_xy(x + 4, y + 4)
                pdf.multi_cell(width - 8, 20, text, align="C")
                x += width
            y += height
        pdf.set_font("Laksaman", size=15)
        for i, line in enumerate(PARAGRAPH):
            pdf.set_xy(60, y + 40 + 28 * i)
            pdf.cell(480, 22, line)
    pdf.output(str(path))
    return path


def rasterise(pdf_path: Path, dpi: int = 300) -> np.ndarray:
    """The first page of a PDF as a grey image at ``dpi``."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        bitmap = pdf[0].render(scale=dpi / 72.0, grayscale=True)
        return np.array(bitmap.to_pil().convert("L"))
    finally:
        pdf.close()


def damage(
    gray: np.ndarray, *, angle: float = 1.5, noise: float = 12.0, quality: int = 60, seed: int = 7
) -> np.ndarray:
    """A scan-like copy: rotated by ``angle`` degrees, grey noise, JPEG at ``quality``."""
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    rng = np.random.default_rng(seed)
    noisy = out.astype(np.float32) + rng.normal(0, noise, out.shape).astype(np.float32)
    out = np.clip(noisy, 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)


def save_image(gray: np.ndarray, path: Path, dpi: int = 300) -> Path:
    """Save as PNG/JPEG/TIFF (by suffix) with the resolution in the file's metadata."""
    Image.fromarray(gray).save(path, dpi=(dpi, dpi))
    return path


def image_pdf(pages: list[np.ndarray], path: Path, dpi: int = 300) -> Path:
    """An image-only PDF, one full-page JPEG per page, as a scanner writes it."""
    pdf = FPDF(unit="pt", format="A4")
    for gray in pages:
        pdf.add_page()
        buffer = io.BytesIO()
        Image.fromarray(gray).save(buffer, format="JPEG", quality=85, dpi=(dpi, dpi))
        buffer.seek(0)
        pdf.image(buffer, x=0, y=0, w=pdf.w, h=pdf.h)
    pdf.output(str(path))
    return path


def cer(truth: str, found: str) -> float:
    """Character error rate: Levenshtein distance over the truth's length."""
    previous = list(range(len(found) + 1))
    for i, a in enumerate(truth, start=1):
        current = [i]
        for j, b in enumerate(found, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1] / max(len(truth), 1)
