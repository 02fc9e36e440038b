"""Remove HTML and Markdown that another OCR engine left in its text.

Block tags end a line; inline tags and emphasis marks vanish; entities are decoded.

>>> split_blocks("<p>■ จุดอ่อน</p> <p>ระบบล่ม</p>")
['■ จุดอ่อน', 'ระบบล่ม']
>>> strip_inline("<u>ตัวชี้วัดที่ 2</u> **หลักฐาน**")
'ตัวชี้วัดที่ 2 หลักฐาน'
"""

from __future__ import annotations

import html
import re

__all__ = ["split_blocks", "strip_inline", "strip_markup"]

# Tags that start or end a block: each becomes a line break.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ol|ul|tr|table|tbody|thead|h[1-6]|blockquote)\b[^>]*>", re.IGNORECASE
)
_ANY_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
# Markdown emphasis around text; a lone "*" (a footnote mark like "* ผล…") stays.
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def strip_inline(text: str) -> str:
    """Drop every tag and Markdown emphasis, decode entities, fold white space."""
    text = _ANY_TAG.sub(" ", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("**", "")
    text = _HEADING.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    return " ".join(text.split())


def split_blocks(text: str) -> list[str]:
    """Split a line at block tags into its paragraphs (inline markup stripped, blanks dropped)."""
    parts = _BLOCK_TAG.split(text)
    return [p for p in (strip_inline(part) for part in parts) if p]


def strip_markup(text: str) -> str:
    """Like :func:`split_blocks`, joined by spaces: for a table cell that must stay one cell."""
    return " ".join(split_blocks(text))
