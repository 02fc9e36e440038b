"""The ``ocr-text`` variant: a document as another OCR engine returns it (Markdown with HTML).

Tables come out tab-separated, section bullets bold, some sections wrapped in ``<p>``, the
decimal point read as a comma in the overall table, and the period label misread once, as
in the seed. Pages are separated by form feeds.

>>> import random; ocr_markdown([["■ จุดแข็ง", "ข้อ 1"]], random.Random(0)).splitlines()[0]
'<p>■ จุดแข็ง</p>'
"""

from __future__ import annotations

import random
import re

__all__ = ["ocr_markdown"]

_DECIMAL = re.compile(r"(\d)\.(\d{3})\b")


def ocr_markdown(pages: list[list[str]], rng: random.Random) -> str:
    out_pages = []
    for n, lines in enumerate(pages):
        out: list[str] = []
        for line in lines:
            text = line
            if n == 0 and "\t" in text:
                text = _DECIMAL.sub(r"\1,\2", text)  # 98.770 → 98,770
            if "ระยะสิ้นปีงบประมาณ" in text and rng.random() < 0.5:
                text = text.replace("ระยะสิ้นปีงบประมาณ", "ระยะสั้นปีงบประมาณ")
            if text.startswith("■ "):
                label = text[2:]
                text = f"■ **{label}**" if rng.random() < 0.6 else f"<p>■ {label}</p>"
            elif text.startswith("ลงชื่อ"):
                text = "ลงชื่อ..... "
            out.append(text)
        out_pages.append("\n\n".join(out))
    return "\n\f\n".join(out_pages) + "\n"
