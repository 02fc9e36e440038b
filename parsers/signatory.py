"""The signatory block: ลงชื่อ, (name with title), ตำแหน่ง, office line, วัน/เดือน/ปี.

>>> from thaieval.schemas.page import Cell, Row
>>> rows = [Row(page=1, cells=[Cell(text=t)]) for t in ("ลงชื่อ.....", "(นางสาวผู้สดี แยมอยู่)", "ตำแหน่งหัวหน้ากลุ่ม 1", "วัน/เดือน/ปี.. 17 ต.ค. 2567")]
>>> s = read_signatory(rows)
>>> (s.name, s.position, s.date)
('นางสาวผู้สดี แยมอยู่', 'หัวหน้ากลุ่ม 1', '2024-10-17')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from thaieval.parsers.dates import parse_thai_date
from thaieval.parsers.vocabulary import POSITION_GRADES, match_label
from thaieval.schemas.page import Row
from thaieval.schemas.provenance import Prov

__all__ = ["Signatory", "completes_grade", "is_name_row", "is_signatory_start", "read_signatory"]

# A speck read after the closing bracket (``(นายปิยะพงษ์ ทองคำ) 2``) is no part of the name.
_NAME = re.compile(r"^\(?\s*((?:นาย|นางสาว|นาง|น\.ส\.|ดร\.|ว่าที่)[^()]*?)\s*(?:\)\s*\S{0,2}|\)?)$")


@dataclass
class Signatory:
    found: bool = False
    name: str = ""
    position: str = ""
    office: str = ""
    date: str = ""
    prov: dict[str, Prov] = field(default_factory=dict)


# A ลงชื่อ line is shorter than this (characters); a longer one is a sentence naming a signature.
# Set by hand in the skeleton (f62841c), no sweep recorded.
_SIGN_LINE_MAX_LEN = 80
# Label score of the ตำแหน่ง line. Set by hand in f62841c, no sweep recorded.
_POSITION_SCORE = 90


def is_signatory_start(row: Row) -> bool:
    """The heading เจ้าหน้าที่ผู้สรุปผล… or a ลงชื่อ line."""
    text = row.text
    return match_label(text, "signatory_heading").matched or (
        match_label(text, "sign").matched and len(text) < _SIGN_LINE_MAX_LEN
    )


def is_name_row(row: Row) -> bool:
    """A bracketed name with its title: ``(นางสาวกนกวรรณ ศรีสุข)``."""
    text = row.text.strip()
    return text.startswith("(") and _NAME.match(text) is not None


# The name line with its title misread (``เพายธาพล วงศ์ใหญ่)`` for ``(นายธนพล วงศ์ใหญ่)``):
# a short line of Thai closed by a bracket, between ลงชื่อ and ตำแหน่ง.
_BRACKETED = re.compile(r"^\(?\s*([\u0e01-\u0e4e][^()]{2,40}?)\s*\)$")


# A grade read this close (ratio) across the break is that grade: OCR slips a mark or two.
# Set by hand in 8af1c59, no sweep recorded.
_GRADE_MATCH = 90.0


def completes_grade(position: str, text: str) -> bool:
    """Is ``text`` (the line under a position) the rest of the grade the position was cut in?

    A wrap may split ``ชำนาญการพิเศษ`` after ``ชำนาญการ``; an office line under the position
    (``สำนักงานเขตบางรัก``) completes no grade. Only a single word can be the grade's rest.

    >>> completes_grade("นักวิเคราะห์นโยบายและแผนชำนาญการ", "พิเศษ")
    True
    >>> completes_grade("นักวิเคราะห์นโยบายและแผนชำนาญการ", "สำนักงานเขตบางรัก")
    False
    """
    word = text.strip()
    if not word or " " in word or not position:
        return False
    joined = position.rstrip() + word
    return any(
        len(grade) > len(word) and fuzz.ratio(joined[-len(grade) :], grade) >= _GRADE_MATCH
        for grade in POSITION_GRADES
    )


def read_signatory(rows: list[Row]) -> Signatory:
    """Read the block from its rows (a row of other text before ลงชื่อ is passed over)."""
    sig = Signatory()
    after_position = False
    for row in rows:
        text = row.text.strip()
        if not text:
            continue
        prov = Prov.of_cell(row)
        if match_label(text, "sign").matched:
            sig.found = True
            continue
        name = _NAME.match(text)
        if name and text.startswith("(") and not sig.name:
            sig.found, sig.name = True, " ".join(name.group(1).split())
            sig.prov["evaluator_name"] = prov
            continue
        bracketed = _BRACKETED.match(text)
        if bracketed and sig.found and not sig.name and not sig.position:
            sig.name = " ".join(bracketed.group(1).split())
            sig.prov["evaluator_name"] = prov
            continue
        position = match_label(text, "position", threshold=_POSITION_SCORE)
        if position.matched and not sig.position:
            sig.position = position.rest
            sig.prov["evaluator_position"] = prov
            after_position = True
            continue
        date_label = match_label(text, "date")
        if date_label.matched or (sig.found and parse_thai_date(text)):
            day = parse_thai_date(date_label.rest if date_label.matched else text)
            if day is not None:
                sig.date = day.isoformat()
                sig.prov["signed_date"] = prov
            sig.found = True
            after_position = False
            continue
        if (
            after_position
            and not sig.date
            and not sig.office
            and completes_grade(sig.position, text)
        ):
            sig.position += text  # the grade's end, wrapped onto the next line
            continue
        if after_position and not sig.date:
            sig.office = f"{sig.office} {text}".strip()
    return sig
