"""Rewrite the ToUnicode maps of a rendered PDF: complete them, or damage them like real files.

The glyphs and their positions are untouched, so the page looks the same; only what a text
extractor reads changes. Kinds of damage (see /work/shared/real/README.md):

- ``lost``: tone marks map to nothing, sara am reads as U+FFFD + sara aa (``ประจ�าปี``);
- ``doubled``: mai han-akat and tone marks come out twice, mai ek and thanthakhat
  followed by U+FFFD.

>>> damage_mapping("่ำ", "lost"), damage_mapping("ั้", "doubled")
('\ufffdา', 'ัั้้')
"""

from __future__ import annotations

import io
import re
from typing import Literal

import pikepdf

__all__ = ["Damage", "damage_mapping", "rewrite_text_layer"]

Damage = Literal["none", "lost", "doubled"]

_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
_TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
SARA_AA, SARA_AM = "\u0e32", "\u0e33"


def damage_mapping(text: str, kind: Damage) -> str:
    """What one glyph's text becomes under ``kind``."""
    if kind == "lost":
        return "".join(ch for ch in text if ch not in _TONES).replace(SARA_AM, "\ufffd" + SARA_AA)
    if kind == "doubled":
        out = []
        for ch in text:
            if ch in "\u0e48\u0e4c":
                out.append(ch + ch + "\ufffd")
            elif ch in "\u0e31\u0e49\u0e4a\u0e4b":
                out.append(ch + ch)
            else:
                out.append(ch)
        return "".join(out)
    return text


def _codes_with_width(widths: pikepdf.Array) -> set[int]:
    codes: set[int] = set()
    items = list(widths)
    i = 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], pikepdf.Array):
            codes.update(range(first, first + len(items[i + 1])))
            i += 2
        else:
            codes.update(range(first, int(items[i + 1]) + 1))
            i += 3
    return codes


def _cmap(entries: dict[int, str]) -> bytes:
    lines = []
    items = sorted(entries.items())
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for code, text in chunk:
            utf16 = text.encode("utf-16-be").hex().upper()
            lines.append(f"<{code:04X}> <{utf16}>")
        lines.append("endbfchar")
    body = "\n".join(lines)
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{body}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode("ascii")


def rewrite_text_layer(pdf: bytes, kind: Damage) -> bytes:
    """Give every glyph code an explicit mapping (empty for a cluster's silent marks), damaged by ``kind``."""
    src = pikepdf.open(io.BytesIO(pdf))
    seen: set[tuple[int, int]] = set()
    for page in src.pages:
        fonts = page.Resources.get("/Font")
        if not isinstance(fonts, pikepdf.Dictionary):
            continue
        for _, font in fonts.items():
            if "/ToUnicode" not in font or font.ToUnicode.objgen in seen:
                continue
            seen.add(font.ToUnicode.objgen)
            raw = font.ToUnicode.read_bytes()
            entries = {
                int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
                for code, text in _ENTRY.findall(raw.split(b"endcodespacerange", 1)[-1])
            }
            if "/DescendantFonts" in font:
                for code in _codes_with_width(
                    pikepdf.Array(font.DescendantFonts[0].get("/W", pikepdf.Array()))
                ):
                    entries.setdefault(code, "")
            for code, text in entries.items():
                entries[code] = damage_mapping(text, kind)
            font.ToUnicode.write(_cmap(entries))
    out = io.BytesIO()
    src.save(out, deterministic_id=True)
    return out.getvalue()
