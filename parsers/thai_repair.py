"""Repair of damaged Thai text layers by rules that are certain from the Unicode structure alone.

``repair_thai_text`` never changes correct Thai; a foreign combining mark is replaced only where
the dictionary (:mod:`thaieval.parsers.thai_words`) leaves one choice. Lost marks are put back by
:mod:`thaieval.parsers.mark_restoration`.

>>> repair_thai_text("ประจ\ufffdาปี สารบััญ")
'ประจำปี สารบัญ'
"""

from __future__ import annotations

import re
import unicodedata

from thaieval.parsers.thai_script import MARK_ORDER, MARKS, NIKHAHIT, SARA_AA, SARA_AM, THAI_LETTERS
from thaieval.parsers.thai_words import segment

__all__ = ["repair_thai_text"]

_CONSONANTS = "\u0e01-\u0e2e"
_LEADING_VOWELS = "\u0e40-\u0e44"  # เ แ โ ใ ไ: written before the consonant they follow
_TONES = "\u0e48-\u0e4b"  # ่ ้ ๊ ๋

# Lao marks are drawn exactly like their Thai counterparts: map them one to one.
_LOOKALIKE_MARKS = str.maketrans(
    {
        "\u0eb1": "\u0e31",
        "\u0eb4": "\u0e34",
        "\u0eb5": "\u0e35",
        "\u0eb6": "\u0e36",
        "\u0eb7": "\u0e37",
        "\u0eb8": "\u0e38",
        "\u0eb9": "\u0e39",
        "\u0ec8": "\u0e48",
        "\u0ec9": "\u0e49",
        "\u0eca": "\u0e4a",
        "\u0ecb": "\u0e4b",
        "\u0ecc": "\u0e4c",
        "\u0ecd": "\u0e4d",
    }
)
# What a foreign mark in a Thai word may have been: nothing, ่, ้ or ํ (ระบบลំม for ล่ม).
_FOREIGN_MARK_CHOICES = ("", "\u0e48", "\u0e49", "\u0e4d")

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_REPLACEMENT_AS_AM = re.compile("\ufffd+" + SARA_AA)
# A font that doubles every mark writes U+FFFD after the second copy of ่ and ์ (ว่่�า for
# ว่า): there the U+FFFD is that font's noise, not a lost nikhahit, so it goes first.
_REPLACEMENT_AFTER_DOUBLED = re.compile(f"([{MARKS}])\\1\ufffd+")
_REPLACEMENT_AFTER_MARK = re.compile(f"([{MARKS}{SARA_AM}])\ufffd+")
_DOUBLED_SARA_AM = re.compile(f"{SARA_AM}+")
# Sara a closes a syllable: two in a row (ร้อยละะ) are one read twice.
_DOUBLED_SARA_A = re.compile("\u0e30{2,}")
# A space before a combining mark or before ะ า ำ ๅ: none of them can start a syllable.
# A mark written after a full stop belongs to no letter: OCR debris (พ.ุย. for พ.ย.).
_MARK_AFTER_STOP = re.compile(f"(?<=\\.)[{MARKS}]+")
_SPACE_BEFORE_DEPENDENT = re.compile(
    f"(?<=[{THAI_LETTERS}]) +(?=[{MARKS}\u0e30\u0e32\u0e33\u0e45])"
)
_DECOMPOSED_AM = re.compile(f"{NIKHAHIT}([{_TONES}]?){SARA_AA}")
_MARK_RUN = re.compile(f"[{MARKS}]{{2,}}")
# A tone after sara aa/am belongs before it; the space a broken font puts after the
# misplaced tone (ดา้ น for ด้าน) goes with it.
_TONE_AFTER_VOWEL = re.compile(f"([{SARA_AA}{SARA_AM}])([{_TONES}])(?: (?=[{_CONSONANTS}]))?")
# Syllables that cannot end a word, so a space after them is damage: mai han-akat always
# needs a final consonant (จั ด), and so does เ/แ with maitaikhu (เป็ น); a consonant bearing
# only a tone mark needs a vowel or final unless a leading vowel precedes it (ป้ อง, not ไม่).
_SPACE_AFTER_OPEN_SYLLABLE = re.compile(
    f"(?:(?<=\u0e31)|(?<=\u0e31[{_TONES}])|(?<=[\u0e40\u0e41][{_CONSONANTS}]\u0e47)"
    f"|(?<=[\u0e40\u0e41][{_CONSONANTS}]{{2}}\u0e47)"
    f"|(?<![{_LEADING_VOWELS}][{_CONSONANTS}][{_TONES}])"
    f"(?<![{_LEADING_VOWELS}][{_CONSONANTS}]{{2}}[{_TONES}])(?<=[{_CONSONANTS}][{_TONES}]))"
    f" (?=[{_CONSONANTS}])"
)


def repair_thai_text(text: str) -> str:
    """Fix Unicode damage that has exactly one correct reading; correct Thai is unchanged.

    >>> repair_thai_text("สิ่่\ufffdงแวดล้้อม เป็ นธรรม ลดความเหลือมลํา")
    'สิ่งแวดล้อม เป็นธรรม ลดความเหลือมลำ'
    """
    for _ in range(4):  # the rules feed each other (a swap can expose a space): run to a fixpoint
        repaired = _repair_once(text)
        if repaired == text:
            break
        text = repaired
    return text


def _repair_once(text: str) -> str:
    text = _INVISIBLE.sub("", text).translate(_LOOKALIKE_MARKS)
    text = _REPLACEMENT_AFTER_DOUBLED.sub(r"\1\1", text)
    text = _REPLACEMENT_AS_AM.sub(SARA_AM, text)
    text = _REPLACEMENT_AFTER_MARK.sub(r"\1", text)
    text = _SPACE_BEFORE_DEPENDENT.sub("", text)
    text = _MARK_AFTER_STOP.sub("", text)
    text = _DECOMPOSED_AM.sub(lambda m: m.group(1) + SARA_AM, text)
    text = _DOUBLED_SARA_AM.sub(SARA_AM, text)
    text = _DOUBLED_SARA_A.sub("\u0e30", text)
    text = _MARK_RUN.sub(lambda m: _canonical_marks(m.group()), text)
    text = _TONE_AFTER_VOWEL.sub(r"\2\1", text)
    text = _SPACE_AFTER_OPEN_SYLLABLE.sub("", text)
    return _replace_foreign_marks(text)


def _canonical_marks(marks: str) -> str:
    """One copy of each mark, in typing order (สารบััญ → สารบัญ; tone typed before vowel)."""
    unique = dict.fromkeys(marks)
    return "".join(sorted(unique, key=MARK_ORDER.__getitem__))


def _is_foreign_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc") and not "\u0e00" <= char <= "\u0e7f"


def _replace_foreign_marks(text: str) -> str:
    """A non-Thai combining mark after a Thai letter becomes the one mark that makes a word."""
    if not any(_is_foreign_mark(c) for c in text):
        return text
    chars = list(text)
    for index, char in enumerate(text):
        if not _is_foreign_mark(char) or index == 0 or not _is_thai_letter(text[index - 1]):
            continue
        chars[index] = _choose_mark(text, index)
    return "".join(chars)


def _is_thai_letter(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e4e"


def _choose_mark(text: str, index: int) -> str:
    """The choice that makes the Thai run around ``index`` dictionary words, if only one does."""
    start, end = index, index + 1
    while start > 0 and _is_thai_letter(text[start - 1]):
        start -= 1
    while end < len(text) and _is_thai_letter(text[end]):
        end += 1
    unknown_by_choice: dict[str, int] = {}
    for choice in _FOREIGN_MARK_CHOICES:
        run = text[start:index] + choice + text[index + 1 : end]
        if _word_at(run, index - start - 1):
            unknown_by_choice[choice] = sum(len(t) for t, known in segment(run) if not known)
    fewest = min(unknown_by_choice.values(), default=0)
    fitting = [choice for choice, unknown in unknown_by_choice.items() if unknown == fewest]
    return fitting[0] if len(fitting) == 1 else ""


def _word_at(run: str, position: int) -> bool:
    """Whether the token covering ``position`` in the best segmentation of ``run`` is a word."""
    offset = 0
    for token, known in segment(run):
        if offset <= position < offset + len(token):
            return known
        offset += len(token)
    return False
