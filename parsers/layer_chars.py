"""Characters of a text layer: Thai private-use glyph codes mapped, Latin ligatures
decomposed, unreadable ones found.

Thai fonts made for Windows and the Mac carry positioned variants of the marks (a tone
lowered when no upper vowel is under it, shifted left over ป ฝ ฟ) and ญ ฐ without their
descender, encoded at fixed private-use code points. Chromium, Word and LibreOffice write
those code points into the PDF's text layer, so ``หน่วยงาน`` is extracted as
``หน\\uf70aวยงาน``. The table is public and fixed: it is the one HarfBuzz's Thai shaper
uses to pick the variants (``thai_pua_shape`` in ``src/hb-ot-shaper-thai.cc``,
harfbuzz/harfbuzz: SD, SDL, SL and RD mappings, Windows code point then Mac code point).

A mapped mark may come out before the lower vowel it sits over (``ผ\\uf70bู`` for ผู้):
:func:`map_thai_pua` puts each run of marks back in typing order.

Latin fonts draw ff, fi, fl, ffi, ffl and st as one glyph, and a layer may name that glyph
by its Unicode presentation form (U+FB00–FB06: ``Traﬀy`` for Traffy); the form is a
drawing, not a letter, so :func:`map_layer_chars` spells it out as its letters.

:func:`drop_unmappable` is the last guard before a value is written: U+0000, U+FFFD and
private-use code points have no reading, so they never reach a CSV.

>>> map_thai_pua("หน\\uf70aวยงาน ผ\\uf70bูบริหาร ยุทธศาสตร\\uf70e")
'หน่วยงาน ผู้บริหาร ยุทธศาสตร์'
>>> map_layer_chars("Tra\\ufb00y e\\ufb03cient")
'Traffy efficient'
>>> drop_unmappable("หน\\uf7ffวยงาน\\x00")
('หนวยงาน', '\\uf7ff\\x00')
"""

from __future__ import annotations

import re

from thaieval.parsers.thai_script import MARK_ORDER

__all__ = [
    "LATIN_LIGATURES",
    "THAI_PUA",
    "drop_unmappable",
    "is_unmappable",
    "map_layer_chars",
    "map_thai_pua",
    "unmappable_names",
]

_MAI_EK, _MAI_THO, _MAI_TRI, _MAI_CHATTAWA, _THANTHAKHAT = "่", "้", "๊", "๋", "์"

# Private-use code point → the standard character it draws (HarfBuzz, see above).
THAI_PUA: dict[str, str] = {
    # Windows (Microsoft / Adobe Thai fonts)
    "\uf700": "ฐ",  # without descender
    "\uf701": "ิ",  # shifted left
    "\uf702": "ี",
    "\uf703": "ึ",
    "\uf704": "ื",
    "\uf705": _MAI_EK,  # shifted down and left
    "\uf706": _MAI_THO,
    "\uf707": _MAI_TRI,
    "\uf708": _MAI_CHATTAWA,
    "\uf709": _THANTHAKHAT,
    "\uf70a": _MAI_EK,  # shifted down
    "\uf70b": _MAI_THO,
    "\uf70c": _MAI_TRI,
    "\uf70d": _MAI_CHATTAWA,
    "\uf70e": _THANTHAKHAT,
    "\uf70f": "ญ",  # without descender
    "\uf710": "ั",  # shifted left
    "\uf711": "ํ",
    "\uf712": "็",
    "\uf713": _MAI_EK,
    "\uf714": _MAI_THO,
    "\uf715": _MAI_TRI,
    "\uf716": _MAI_CHATTAWA,
    "\uf717": _THANTHAKHAT,
    "\uf718": "ุ",  # shifted down
    "\uf719": "ู",
    "\uf71a": "ฺ",
    # Mac (Apple's corporate-use subarea)
    "\uf884": "ั",  # shifted left
    "\uf885": "ิ",
    "\uf886": "ี",
    "\uf887": "ึ",
    "\uf888": "ื",
    "\uf889": "็",
    "\uf88a": _MAI_EK,
    "\uf88b": _MAI_EK,  # shifted down
    "\uf88c": _MAI_EK,  # shifted down and left
    "\uf88d": _MAI_THO,
    "\uf88e": _MAI_THO,
    "\uf88f": _MAI_THO,
    "\uf890": _MAI_TRI,
    "\uf891": _MAI_TRI,
    "\uf892": _MAI_TRI,
    "\uf893": _MAI_CHATTAWA,
    "\uf894": _MAI_CHATTAWA,
    "\uf895": _MAI_CHATTAWA,
    "\uf896": _THANTHAKHAT,
    "\uf897": _THANTHAKHAT,
    "\uf898": _THANTHAKHAT,
    "\uf899": "ํ",
    "\uf89a": "ญ",
    "\uf89b": "ุ",
    "\uf89c": "ู",
    "\uf89d": "ฺ",
    "\uf89e": "ฐ",
}
_TABLE = str.maketrans(THAI_PUA)

# Latin presentation forms (Alphabetic Presentation Forms block) → the letters they join;
# their compatibility decompositions, written out so the table is plain to read.
LATIN_LIGATURES: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",  # long s + t
    "\ufb06": "st",
}
_LIGATURE_TABLE = str.maketrans(LATIN_LIGATURES)

# Typing order of the marks on one letter: vowel (upper or lower), maitaikhu, tone, then
# thanthakhat and nikhahit (the order thaieval.parsers.thai_repair also uses).
_MARK_RUN = re.compile(f"[{''.join(MARK_ORDER)}]{{2,}}")
_UNMAPPABLE = re.compile("[\x00\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff]")


def map_thai_pua(text: str) -> str:
    """``text`` with the Thai private-use code points mapped and their mark runs reordered.

    Text without a code point of the table is returned unchanged.

    >>> map_thai_pua("\\uf70fาติ ฐ\\uf718")
    'ญาติ ฐุ'
    """
    mapped = text.translate(_TABLE)
    if mapped == text:
        return text
    return _MARK_RUN.sub(lambda m: "".join(sorted(m.group(), key=MARK_ORDER.__getitem__)), mapped)


def map_layer_chars(text: str) -> str:
    """A text layer's ``text`` as letters: ligatures spelt out, Thai private-use codes mapped.

    >>> map_layer_chars("\\ufb01le \\uf70fาติ")
    'file ญาติ'
    """
    return map_thai_pua(text.translate(_LIGATURE_TABLE))


def is_unmappable(char: str) -> bool:
    """U+0000, U+FFFD or a private-use code point: a character with no reading.

    >>> is_unmappable("\\uf70a"), is_unmappable("่")
    (True, False)
    """
    return _UNMAPPABLE.fullmatch(char) is not None


def drop_unmappable(text: str) -> tuple[str, str]:
    """``text`` without its unmappable characters, and the characters dropped (in order)."""
    dropped = "".join(_UNMAPPABLE.findall(text))
    return (_UNMAPPABLE.sub("", text), dropped) if dropped else (text, "")


def unmappable_names(chars: str) -> str:
    """Code points of ``chars`` as ``U+XXXX``, each once with its count.

    >>> unmappable_names("\\uf70a\\x00\\uf70a")
    'U+F70A ×2, U+0000'
    """
    counts: dict[str, int] = {}
    for char in chars:
        counts[char] = counts.get(char, 0) + 1
    return ", ".join(f"U+{ord(c):04X}" + (f" ×{n}" if n > 1 else "") for c, n in counts.items())
