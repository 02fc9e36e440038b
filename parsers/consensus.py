"""One text from several readings of it: a document prints the same strings more than once.

The overall table and each component form print the same indicator names; the unit is
printed on every form; one evaluator signs several forms. OCR damages each printing in its
own places, so the readings are aligned and, where they disagree, the reading that leaves
fewer characters outside the dictionary is kept (between two dictionary readings, the more
likely one, :func:`thaieval.parsers.thai_words.log_probability`); a space either reading prints
between two words is kept. Where three
or more readings are given and most of them agree exactly, that reading wins outright.

>>> consensus(["ระดับความสำเร็จในการจัดระเบียบพื้นทิสาธารณะ", "ระดับความสำเร็จในการจัดระเบียบพื้นที่สาธารณะ"])
'ระดับความสำเร็จในการจัดระเบียบพื้นที่สาธารณะ'
>>> consensus(["ที่ทันสมัยโปร่งใส คล่องตัว", "ที่ทันสมัย โปร่งใส คล่องตัว"])
'ที่ทันสมัย โปร่งใส คล่องตัว'
"""

from __future__ import annotations

import math
import re
from collections import Counter
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from thaieval.parsers.thai_words import log_probability, segment
from thaieval.parsers.vocabulary import BASE_TAGS, match_label

__all__ = ["clean_name", "clean_title", "cluster", "consensus", "garbled"]

_THAI = re.compile("[\u0e01-\u0e2e]")
_THAI_END = re.compile("[\u0e01-\u0e4e]$")
_THAI_START = re.compile("[\u0e01-\u0e2e\u0e40-\u0e44]")
_MARK = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# Set by hand in c655723, no sweep recorded.
SAME_TEXT = 85.0  # readings this close (ratio, spaces ignored) are one printed text


# Words outside the Thai dictionary that are text all the same: Latin words written with a
# capital or in brackets (Traffy, (Joint, KPIs)). Numbers count as unknown: every reading
# prints a real one, and only debris is read in one reading alone.
_LEGIT = re.compile(r"(?<!\S)(?:\(?[A-Z][A-Za-z]*\)?|\([A-Za-z]+\)?)(?!\S)")


def _unknown(text: str) -> int:
    """Characters of ``text`` (spaces left out) that belong to no dictionary word."""
    bare = _LEGIT.sub(" ", text).replace(" ", "")
    return sum(len(token) for token, known in segment(bare) if not known)


def garbled(text: str) -> float:
    """How garbled ``text`` reads: minus the log-probability of its words per character
    (spaces left out). Thai text scores 1–3; OCR garbage, read as strings of short rare
    words, above 4.

    >>> garbled("ความสำเร็จของการเบิกจ่าย") < 2 < 4 < garbled("กรรถาเกกห์เทกทรหรักก")
    True
    """
    bare = text.replace(" ", "")
    return -log_probability(bare) / len(bare) if bare else math.inf


def _likelier(swapped: str, current: str, same_span: bool) -> bool:
    """Does ``swapped`` read better: fewer characters outside the dictionary, or, for a
    substitution of one span by another, as many but more likely words (นำ → น้ำ)?

    Dropping or adding whole words is never judged by likelihood: a shorter text is always
    more likely, and a word one reading lost is no less printed.
    """
    have, want = _unknown(current), _unknown(swapped)
    if want != have:
        return want < have
    return same_span and log_probability(swapped.replace(" ", "")) > log_probability(
        current.replace(" ", "")
    )


def _at_word_break(text: str, index: int) -> bool:
    """Does ``index`` of ``text`` fall between two dictionary words (where a space may be)?"""
    left, right = text[:index].split(" ")[-1], text[index:].split(" ")[0]
    if not left or not right:
        return True
    offset, tokens = 0, segment(left + right)
    for number, (token, known) in enumerate(tokens):
        if offset == len(left):
            return known and tokens[number - 1][1]
        offset += len(token)
    return False


_CAPITALISED = re.compile(r"^\(?[A-Z][A-Za-z]+")


def _merge(base: str, other: str) -> str:
    """``base`` with each disagreement taken from ``other`` where that reads better."""
    out = base
    # Work from the end so that earlier offsets stay valid as regions are swapped.
    blocks = SequenceMatcher(None, base, other, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(blocks):
        if tag == "equal":
            continue
        mine, theirs = out[i1:i2], other[j1:j2]
        if mine.replace(" ", "") == theirs.replace(" ", ""):
            # A space one reading prints between two words is kept; OCR also puts spaces
            # inside words (ความสำ เร็จ), which are not.
            if " " in theirs and " " not in mine and _at_word_break(out, i1):
                out = out[:i1] + theirs + out[i2:]
            continue
        if not _THAI.search(mine + theirs) or _CAPITALISED.match(mine.strip()):
            continue  # Latin against Latin, or a name in Latin letters read as Thai
        if _CAPITALISED.match(theirs.strip()) and _unknown(mine):
            out = out[:i1] + theirs + out[i2:]  # a Latin name (Traffy) read as no Thai word
            continue
        swapped = out[:i1] + theirs + out[i2:]
        if not mine.strip() and _unknown(theirs) == 0 and len(theirs.strip()) > 1:
            out = swapped  # words one reading lost (a wrapped line's tail): OCR drops, not adds
            continue
        marks_only = all(_MARK.match(ch) for ch in mine + theirs)
        if _likelier(swapped, out, tag == "replace" or marks_only):
            out = swapped
    return out


def consensus(readings: list[str]) -> str:
    """The best single text from ``readings`` of one printed string (empty ones ignored)."""
    texts = [t for t in readings if t]
    if not texts:
        return ""
    counts = Counter(texts)
    top, n = counts.most_common(1)[0]
    if len(texts) >= 3 and n * 2 > len(texts):
        return top
    ranked = sorted(
        counts, key=lambda t: (_unknown(t), -counts[t], -len(t.replace(" ", "")), t.count(" "), t)
    )
    out = ranked[0]
    for other in ranked[1:]:
        out = _merge(out, other)
    return " ".join(out.split())


def cluster(texts: list[str], threshold: float = SAME_TEXT) -> list[list[int]]:
    """Indexes of ``texts`` grouped into printings of one string (ratio, spaces ignored).

    >>> cluster(["สำนักงานเขตดุสิต", "สำนักงานเขตดูสิต", "นายธนพล วงศ์ใหญ่", ""])
    [[0, 1], [2]]
    """
    groups: list[list[int]] = []
    bare = [t.replace(" ", "") for t in texts]
    for i, text in enumerate(bare):
        if not text:
            continue
        for group in groups:
            if fuzz.ratio(bare[group[0]], text) >= threshold:
                group.append(i)
                break
        else:
            groups.append([i])
    return groups


_LEAD_JUNK = re.compile(r"^(?:[^\s\u0e01-\u0e2e(]+\s+)+(?=[\u0e01-\u0e2e])")
_TRAIL_JUNK = re.compile(r"\s*[:;,.]+$")
_BEFORE_BRACKET = re.compile(r"\s*[,;:.]+\s*(?=\()")


_THAI_WORD = re.compile("[\u0e01-\u0e2e]{2,}")
# A number of one or two digits may begin a name (15 นาที); a longer one is a code whose
# dots OCR lost (111 for 1.1.1).
_SHORT_NUMBER = re.compile(r"[0-9]{1,2}\s+")
_LONE_MARK = re.compile(r"(?<=\S) [.;:,] (?=\S)")


# Label score of ตัวชี้วัด read into the start of a name. Set by hand in d142d26, no sweep
# recorded.
_NAME_LABEL_SCORE = 90


def clean_name(text: str) -> str:
    """A name or title without what OCR left around it: tokens with no Thai letter before
    its first Thai word (``1 : ``, ``; ``, ``32) ``, the code ``111`` read without its
    dots), the label ตัวชี้วัด read into it, a lone stop or colon between its words, a
    colon or comma after its end or before its bracketed tag, and spaces OCR put inside a
    word (``ความสำ เร็จ``).

    >>> clean_name("; ความสำเร็จของการเบิกจ่ายงบประมาณในภาพรวม :")
    'ความสำเร็จของการเบิกจ่ายงบประมาณในภาพรวม'
    >>> clean_name("ประสิทธิภาพของหน่วยงาน , (Innovation Base)")
    'ประสิทธิภาพของหน่วยงาน (Innovation Base)'
    >>> clean_name("131 ตัวชี้วัดระดับความสำเร็จในการคัดแยกขยะ . มูลฝอย")
    'ระดับความสำเร็จในการคัดแยกขยะ มูลฝอย'
    >>> clean_name("ความสำ เร็จในการพัฒนาสวน 15 นาที")
    'ความสำเร็จในการพัฒนาสวน 15 นาที'
    """
    out = _TRAIL_JUNK.sub("", _BEFORE_BRACKET.sub(" ", text.strip()))
    lead = _LEAD_JUNK.match(out)
    if lead and not _SHORT_NUMBER.fullmatch(lead.group()):
        out = out[lead.end() :]
    out = _LONE_MARK.sub(" ", out)
    label = match_label(out, "indicator", threshold=_NAME_LABEL_SCORE)
    if label.matched and _THAI_START.match(label.rest):
        out = label.rest
    return _join_split_words(out)


def _join_split_words(text: str) -> str:
    """Without the spaces that split a dictionary word (``ความสำ เร็จ``): a space between
    two Thai letters goes when a word read across it leaves fewer characters outside the
    dictionary than the two sides read apart."""
    parts = text.split(" ")
    out = parts[0]
    for part in parts[1:]:
        left, right = out.split(" ")[-1], part
        thai = _THAI_END.search(left) and _THAI_START.match(right)
        if thai and _unknown(left + right) < _unknown(left) + _unknown(right):
            out += part
        else:
            out += " " + part
    return out


# A title's last words when they are its tag: from an opening bracket, or the last two words.
_TAG_TAIL = re.compile(r"\s*(\([^()]*\)?|\S+\s+\S+\)?)$")
# Both set by hand in de78379, no sweep recorded.
_TAG_MATCH = 75.0  # a tag read this close (ratio, case ignored) is that tag
_TAG_MATCH_LAST = 50.0  # … or this close when its last word was read right


def _snap_tag(title: str) -> str:
    """The title with its trailing tag read as the closest known one (``Goint KPIs)`` →
    ``(Joint KPIs)``); the tags are a fixed vocabulary, like the labels. A tag whose last
    word (Base, KPIs) was read right needs less of the rest to match."""
    m = _TAG_TAIL.search(title)
    if not m:
        return title
    tail = m.group(1)
    if "(" not in tail and not tail.endswith(")"):
        return title
    last = tail.strip("() ").split(" ")[-1]
    scored = [
        (fuzz.ratio(tail.lower(), tag.lower()), last == tag.strip("()").split(" ")[-1], tag)
        for tag in BASE_TAGS
    ]
    score, same_last, tag = max(scored)
    if score < _TAG_MATCH and not (same_last and score >= _TAG_MATCH_LAST):
        return title
    return f"{title[: m.start()].rstrip()} {tag}".strip()


def clean_title(title: str) -> str:
    """A component title: :func:`clean_name`, the tag snapped to the vocabulary, and of a
    component line that OCR ran into the sub-component line (``การประเมิน… (Performance
    Base) AV. ประสิทธิภาพของ… (Joint KPIs)``), the sub-component's part.

    >>> clean_title("ประสิทธิภาพของการบูรณาการร่วมกันระหว่างหน่วยงาน Goint KPIs)")
    'ประสิทธิภาพของการบูรณาการร่วมกันระหว่างหน่วยงาน (Joint KPIs)'
    >>> clean_title("การประเมินผล (Performance Base) AV. ประสิทธิภาพของงาน (Joint KPIs)")
    'ประสิทธิภาพของงาน (Joint KPIs)'
    """
    out = _snap_tag(clean_name(title))
    tags = [m for m in re.finditer(r"\([A-Za-z][A-Za-z ]*\)", out)]
    if len(tags) >= 2 and out.endswith(tags[-1].group()):
        rest = clean_name(out[tags[-2].end() :].strip())
        if _THAI_WORD.search(rest):
            out = rest
    return out
