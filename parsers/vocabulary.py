"""The fixed labels of the forms, matched fuzzily: OCR never prints a label twice the same way.

A label is found at the start of a text (after bullets and spaces): the text's prefix of about
the label's length is compared with each spelling by edit-distance ratio. Short labels (four
characters or fewer) must match exactly, since one wrong character is a different word.

>>> match_label("แบบสรุปลักษณะการตรวจติดตามประเมินผลการปฏิบัติราชการ", "title_component").matched
True
>>> match_label("ชื่อหน่วยงานผู้รับการประเมิน : สำนักงานเขตบางรัก", "unit").rest
'สำนักงานเขตบางรัก'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

__all__ = [
    "LABELS",
    "POSITION_GRADES",
    "LabelMatch",
    "best_label",
    "clean_lead",
    "contains_label",
    "match_label",
]

# Each key lists the spellings a form prints for one label; the first is canonical.
LABELS: dict[str, tuple[str, ...]] = {
    # Title of a component form; OCR has printed แบบสรุปลักษณะ for แบบสรุปผลคะแนน.
    "title_component": ("แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ",),
    # Title of the overall summary table of a unit.
    "title_overall": ("ผลการประเมินผลการปฏิบัติงานประจำปีงบประมาณ",),
    "unit": ("ชื่อหน่วยงานผู้รับการประเมิน",),
    "unit_of": ("ของหน่วยงาน",),
    "component": ("องค์ประกอบที่",),
    "indicator_no": ("ตัวชี้วัดที่",),
    "indicator": ("ตัวชี้วัด",),
    # The innovation form's own line under its title (ชื่อนวัตกรรม : ระบบนัดหมาย…).
    "innovation_name": ("ชื่อนวัตกรรม",),
    "score_heading": ("ผลคะแนน",),
    "joint_units": ("หน่วยงานที่ร่วมดำเนินการ",),
    "results_heading": ("ผลการตรวจติดตามประเมินผล",),
    "reason": ("เหตุผลของคะแนน",),
    "weakness": ("จุดอ่อน",),
    "strength": ("จุดแข็ง",),
    "recommendation": ("ข้อเสนอแนะเพื่อการพัฒนา", "ข้อเสนอแนะ"),
    "evidence": ("หลักฐานอ้างอิง",),
    "signatory_heading": ("เจ้าหน้าที่ผู้สรุปผลการตรวจติดตามประเมินผล",),
    "sign": ("ลงชื่อ",),
    "position": ("ตำแหน่ง",),
    "date": ("วัน/เดือน/ปี", "วัน เดือน ปี", "วันที่"),
    "part": ("ส่วนที่",),
    "total": ("รวม", "คะแนนรวม"),
    "grand_total": ("ผลการดำเนินการ",),
    # The merged criteria cell of the overall table when no 1–5 thresholds are printed.
    "criteria_by_committee": ("ค่าเป้าหมายเป็นไปตามมติคณะกรรมการกลาง กำหนด",),
    # Column headers of the score tables.
    "col_weight": ("น้ำหนัก (ร้อยละ)", "น้ำหนัก"),
    "col_result": ("ผลการดำเนินงาน", "ผลการดำเนินงานตามตัวชี้วัด"),
    "col_score": ("คะแนนที่ได้", "ค่าคะแนนที่ได้"),
    "col_weighted": ("ค่าคะแนนถ่วงน้ำหนัก",),
    "col_step": ("ขั้นตอนการดำเนินการ", "การดำเนินการ"),
    "col_max": ("คะแนน",),
    "col_note": ("หมายเหตุ",),
    "col_criteria": ("เป้าหมาย/เกณฑ์การให้คะแนน",),
    # A component form's criteria heading, over five cells numbered 1–5 on a row below.
    "col_form_criteria": ("เกณฑ์การให้คะแนน",),
    "col_component": ("องค์ประกอบ",),
    # Periods: the seed's ระยะสั้นปีงบประมาณ is OCR damage of ระยะสิ้นปีงบประมาณ.
    "period_end": ("ระยะสิ้นปีงบประมาณ", "รอบสิ้นปีงบประมาณ", "รอบ 12 เดือน"),
    "period_mid": ("ระยะครึ่งปีงบประมาณ", "ระยะครึ่งปี", "รอบครึ่งปี", "รอบ 6 เดือน"),
    "none": ("-ไม่มี-", "ไม่มี"),
}

# The bracketed tag that ends a component's or sub-component's title.
BASE_TAGS: tuple[str, ...] = (
    "(Performance Base)",
    "(Function Base)",
    "(Joint KPIs)",
    "(Agenda Base)",
    "(Innovation Base)",
    "(Potential Base)",
)

# The grades a civil-service position ends with (นักวิเคราะห์นโยบายและแผน + ชำนาญการพิเศษ):
# a word a wrap put on the next line completes one of them.
POSITION_GRADES: tuple[str, ...] = (
    "ปฏิบัติการ",
    "ชำนาญการ",
    "ชำนาญการพิเศษ",
    "เชี่ยวชาญ",
    "ทรงคุณวุฒิ",
    "ปฏิบัติงาน",
    "ชำนาญงาน",
    "อาวุโส",
    "ทักษะพิเศษ",
)

# Labels this short (in characters) must match exactly: one wrong character is another word.
# Set by hand in the skeleton (f62841c), no sweep recorded.
EXACT_LABEL_LEN = 4
# Edit-distance ratio (0-100) a text's prefix needs to start with a label. Set by hand in the
# skeleton (f62841c), no sweep recorded.
LABEL_THRESHOLD = 80.0
# partial_ratio a label needs to occur anywhere in a text. Set by hand in f62841c, no sweep
# recorded.
CONTAINS_THRESHOLD = 85.0
# A prefix scoring this much is taken as is, without retrying on the texts stripped of marks.
# Set by hand in a3c0f45 (with the mark-less retry: scan200 form recall 85.7% -> 100%), not swept.
SURE_LABEL_SCORE = 90
# A label of n characters is compared with prefixes n ± max(1, n // LABEL_SLACK_DIVISOR) long.
# Set by hand in f62841c, no sweep recorded.
LABEL_SLACK_DIVISOR = 8

SECTION_KEYS = ("reason", "weakness", "strength", "recommendation", "evidence")

# Bullets, quotes and markup debris that may precede a label.
_LEAD = re.compile(r"^[\s■□▪●•◆\-–*#>:.]+")
_COLON = re.compile(r"^\s*[:：]?\s*[.…]*\s*")


def clean_lead(text: str) -> str:
    """Drop bullets and markup before a label: ``"■ จุดแข็ง"`` → ``"จุดแข็ง"``."""
    return _LEAD.sub("", text.replace("**", "")).strip()


@dataclass(frozen=True)
class LabelMatch:
    key: str
    score: float
    rest: str  # the text after the label (and a colon), stripped

    @property
    def matched(self) -> bool:
        return self.score > 0


_NO_MATCH_SCORE = 0.0


def _prefix_score(text: str, spelling: str) -> tuple[float, int]:
    """Best ratio of ``spelling`` against prefixes of ``text`` near its length, and that length."""
    n = len(spelling)
    if n <= EXACT_LABEL_LEN:
        ok = text.startswith(spelling)
        return (100.0 if ok else 0.0), n
    best, best_len = 0.0, n
    # One character either way for short labels: with two, "ชื่อ" (of ชื่อโครงการ) scores 80
    # against "ลงชื่อ", and a project's name would start a signatory block.
    slack = max(1, n // LABEL_SLACK_DIVISOR)
    for length in range(max(1, n - slack), min(len(text), n + slack) + 1):
        score = fuzz.ratio(text[:length], spelling)
        if score > best:
            best, best_len = score, length
    return best, best_len


# Thai vowel and tone marks written above or below a letter: OCR drops them first.
_MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d"
)


def _without_marks(text: str) -> tuple[str, list[int]]:
    """``text`` without marks above and below, and the index in ``text`` of each kept char."""
    kept = [(i, ch) for i, ch in enumerate(text) if ch not in _MARKS]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


def _prefix_score_any(body: str, spelling: str) -> tuple[float, int]:
    """:func:`_prefix_score`, or, when that fails, the same on the texts without their marks
    (``ตวชวดท 3.2`` is ตัวชี้วัดที่ with every mark lost); the length is in ``body``."""
    score, length = _prefix_score(body, spelling)
    if score > 0 and score >= SURE_LABEL_SCORE:
        return score, length
    bare_spelling, _ = _without_marks(spelling)
    bare_body, index = _without_marks(body)
    if len(bare_spelling) <= EXACT_LABEL_LEN or bare_spelling == spelling:
        return score, length
    bare_score, bare_len = _prefix_score(bare_body, bare_spelling)
    if bare_score <= score or bare_len == 0:
        return score, length
    end = index[bare_len - 1] + 1 if bare_len <= len(index) else len(body)
    while end < len(body) and body[end] in _MARKS:
        end += 1  # the marks of the label's last letter belong to the label
    return bare_score, end


def match_label(text: str, key: str, threshold: float = LABEL_THRESHOLD) -> LabelMatch:
    """Does ``text`` start with the label ``key``? Score 0 when it does not.

    >>> match_label("ตวชวดท 3.2 : ความสำเร็จ", "indicator_no", 85).rest
    '3.2 : ความสำเร็จ'
    """
    body = clean_lead(text)
    best = LabelMatch(key, _NO_MATCH_SCORE, "")
    best_len = -1
    for spelling in LABELS[key]:
        score, length = _prefix_score_any(body, spelling)
        # Of two spellings that both match, the longer reading wins: ข้อเสนอแนะเพื่อการพัฒนว is
        # the long label damaged, not the short one followed by text.
        if score >= threshold and (length, score) > (best_len, best.score):
            rest = _COLON.sub("", body[length:], count=1).strip()
            best, best_len = LabelMatch(key, score, rest), length
    return best


def best_label(
    text: str, keys: tuple[str, ...] | list[str], threshold: float = LABEL_THRESHOLD
) -> LabelMatch:
    """The best-scoring label among ``keys`` at the start of ``text`` (score 0 if none)."""
    best = LabelMatch("", _NO_MATCH_SCORE, "")
    for key in keys:
        found = match_label(text, key, threshold)
        if found.score > best.score:
            best = found
    return best


def contains_label(text: str, key: str, threshold: float = CONTAINS_THRESHOLD) -> bool:
    """Does the label occur anywhere in ``text`` (fuzzy substring)?"""
    for spelling in LABELS[key]:
        if len(spelling) <= EXACT_LABEL_LEN:
            if spelling in text:
                return True
        elif fuzz.partial_ratio(spelling, text) >= threshold:
            return True
    return False
