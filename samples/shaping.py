"""A text layer that reads back exactly: fpdf2's harfbuzz shaping with a fixed glyph→text map.

fpdf2 gives a shaped cluster's text to its first glyph and leaves the others unmapped, so a
sara am (drawn as nikhahit + sara aa) extracts as ``ำ(cid:34)``. Here the cluster's text goes
to its widest glyph and the zero-width marks map to nothing, which pdfminer, poppler and
PDFium all read back in stream order as the original string.

>>> with exact_text_layer():
...     pass
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from fpdf.fonts import TTFFont

__all__ = ["empty_glyph_codes", "exact_text_layer"]


def _shape_text(
    self: TTFFont, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
) -> Sequence[dict[str, Any]]:
    if not text:
        return []
    infos, positions = self.perform_harfbuzz_shaping(text, font_size_pt, text_shaping_params)
    starts = sorted({int(g.cluster) for g in infos})
    ends = {c: (starts[i + 1] if i + 1 < len(starts) else len(text)) for i, c in enumerate(starts)}
    owner: dict[int, int] = {}
    for i, g in enumerate(infos):
        c = int(g.cluster)
        if c not in owner or positions[i].x_advance > positions[owner[c]].x_advance:
            owner[c] = i
    out: list[dict[str, Any]] = []
    for i, gi in enumerate(infos):
        c = int(gi.cluster)
        uni = tuple(ord(ch) for ch in text[c : ends[c]]) if owner[c] == i else ()
        name = self.ttfont.getGlyphName(gi.codepoint)
        width = round(self.scale * self.ttfont["hmtx"].metrics[name][0])
        glyph = self.subset.get_glyph(
            glyph=gi.codepoint, unicode=uni, glyph_name=name, glyph_width=width
        )
        if glyph is None:
            continue
        pos = positions[i]
        moved = width != pos.x_advance or pos.x_offset or pos.y_offset or pos.y_advance
        out.append(
            {
                "mapped_char": self.subset.pick_glyph(glyph),
                "x_advance": pos.x_advance,
                "y_advance": pos.y_advance,
                "x_offset": pos.x_offset,
                "y_offset": pos.y_offset,
                "force_positioning": bool(moved),
            }
        )
    return out


@contextmanager
def exact_text_layer() -> Iterator[None]:
    """Render inside this block to get the cluster mapping above (restored afterwards)."""
    original = TTFFont.shape_text
    TTFFont.shape_text = _shape_text  # type: ignore[method-assign]
    try:
        yield
    finally:
        TTFFont.shape_text = original  # type: ignore[method-assign]


def empty_glyph_codes(font: TTFFont) -> list[int]:
    """Codes of the glyphs that carry no text (zero-width parts of a cluster)."""
    return sorted(
        code
        for glyph, code in font.subset.items()
        if glyph is not None and isinstance(glyph.unicode, tuple) and not glyph.unicode
    )
