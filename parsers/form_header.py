"""The header of a form: fiscal year, period, unit and parent, component and total weight.

>>> split_unit("สำนักงานการต่างประเทศ สำนักปลัดกรุงเทพมหานคร")
('สำนักงานการต่างประเทศ', 'สำนักปลัดกรุงเทพมหานคร')
>>> fiscal_year_of("ของหน่วยงานสังกัดกรุงเทพมหานคร ประจำปีงบประมาณ พ.ศ. 2567")
2567
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from thaieval.parsers.base_tags import SUB_TAGS, component_by_tag, has_zero_part, tag_code
from thaieval.parsers.consensus import clean_title
from thaieval.parsers.digits import thai_to_arabic
from thaieval.parsers.standard_titles import TAG_CODES
from thaieval.parsers.vocabulary import LABELS, best_label, match_label
from thaieval.schemas.forms import ParsedForm
from thaieval.schemas.page import Row
from thaieval.schemas.provenance import Prov

__all__ = [
    "component_of",
    "fiscal_year_of",
    "merged_sub_component",
    "period_of",
    "read_header_row",
    "split_unit",
    "title_period",
    "total_weight_of",
]

# OCR may garble พ.ศ. (``W.A.``) between ปีงบประมาณ and the year: one short token is skipped.
_YEAR = re.compile(r"(?:พ\.?\s?ศ\.?|ปีงบประมาณ)\s*(?:[^\s\d]{1,5}\s*)?(\d{4})")
_BASE = re.compile(r"\(\s*[A-Za-z][A-Za-z ]*\)")
# น้ำหนัก as OCR leaves it: tone mark or sara am lost (นำหนัก, น้าหนัก, นาหนัก).
_TOTAL_WEIGHT = re.compile(r"น\S{0,2}หนัก\S*\s*(?:คะแนน)?\s*รวม\s*(\d+(?:\.\d+)?)")


def fiscal_year_of(text: str) -> int | None:
    """The Buddhist Era year printed after พ.ศ. or ปีงบประมาณ, within 2400–2700."""
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        if 2400 <= year <= 2700:
            return year
    return None


# partial_ratio the closer period label needs. Set by hand in the skeleton (f62841c), no sweep
# recorded.
PERIOD_SCORE = 75


def period_of(text: str) -> str:
    """``end_of_year`` / ``mid_year`` by the closer period label (fuzzy), or ``""``."""
    scores = {
        period: max(fuzz.partial_ratio(s, text) for s in LABELS[key])
        for period, key in (("end_of_year", "period_end"), ("mid_year", "period_mid"))
    }
    period, score = max(scores.items(), key=lambda kv: kv[1])
    return period if score >= PERIOD_SCORE else ""


def title_period(text: str) -> str:
    """The period a title or header line prints (its ระยะ / รอบ words), or ``""``.

    >>> [title_period(t) for t in ("ผลการประเมินผลการปฏิบัติราชการ รอบ ๖ เดือน ประจำปีงบประมาณ",
    ...     "ประจำปีงบประมาณ พ.ศ. 2567 (ระยะสิ้นปีงบประมาณ)", "ประจำปีงบประมาณ พ.ศ. 2567")]
    ['mid_year', 'end_of_year', '']
    """
    if "ระยะ" not in text and "รอบ" not in text:
        return ""
    return period_of(thai_to_arabic(text))


def split_unit(text: str) -> tuple[str, str]:
    """Unit and parent from ``"<unit> <parent>"``: the parent starts at the first later word
    that opens an organisation's name (สำนัก…, กอง…, กรุงเทพมหานคร); words before it still
    belong to the unit, whose own name may hold spaces.

    >>> split_unit("สำนักวัฒนธรรม กีฬาและการท่องเที่ยว")
    ('สำนักวัฒนธรรม กีฬาและการท่องเที่ยว', '')
    """
    words = text.replace("-", "").split()
    if not words:
        return "", ""
    # Specks OCR read after the unit (";", "|") are no parent: a parent is Thai words.
    words = words[:1] + [w for w in words[1:] if _THAI_LETTER.search(w)]
    at = next(
        (i for i, w in enumerate(words[1:], 1) if _opens_unit(w) or w == _UNDER),
        len(words),
    )
    parent = words[at + 1 :] if at < len(words) and words[at] == _UNDER else words[at:]
    return " ".join(words[:at]), " ".join(parent)


_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
_UNDER = "สังกัด"  # "<unit> สังกัด <parent>"
# How a BMA organisation's name opens; OCR may lose a mark or a letter, so by similarity.
# Ratio a word's opening needs against an organisation head (one slip in สำนัก). Set by hand in
# ca6e75e, no sweep recorded.
_UNIT_HEAD_SCORE = 80
_UNIT_HEADS = ("สำนัก", "สำนักงาน", "กอง", "ฝ่าย", "กรุงเทพมหานคร")


def _opens_unit(word: str) -> bool:
    """Whether ``word`` opens an organisation's name (สำนักปลัด…, กรุงเทพมหานคร).

    >>> _opens_unit("สำนักปลัดกรุงเทพมหานคร"), _opens_unit("กีฬาและการท่องเที่ยว")
    (True, False)
    """
    return any(
        fuzz.ratio(word[: len(head)], head) >= _UNIT_HEAD_SCORE and len(word) >= len(head)
        for head in _UNIT_HEADS
    )


# What the label match left of a label OCR read twice (ประเมิ เมิน : สำนัก…): one short word
# and the label's colon.
_LABEL_TAIL = re.compile(r"^\S{1,6}\s*[:：]\s*(?=\S)")


def _after_label_tail(rest: str) -> str:
    """``"เมิน : สำนักการคลัง"`` → ``"สำนักการคลัง"``: the unit follows the label's colon.

    >>> _after_label_tail("เมิน : สำนักการคลัง"), _after_label_tail("สำนักการคลัง")
    ('สำนักการคลัง', 'สำนักการคลัง')
    """
    return _LABEL_TAIL.sub("", rest, count=1)


def total_weight_of(text: str) -> float | None:
    """``ผลคะแนน (น้ำหนักคะแนนรวม 30 คะแนน)`` → 30."""
    m = _TOTAL_WEIGHT.search(text.replace(" ", ""))
    return float(m.group(1)) if m else None


def component_of(text: str) -> tuple[str, str]:
    """Component number and title from ``องค์ประกอบที่ 2 : … (Innovation Base)``."""
    found = match_label(text, "component")
    if not found.matched:
        return "", ""
    m = re.match(r"(\d)\s*[:：]?\s*(.*)", found.rest)
    if not m:
        # The digit lost (``องค์ประกอบที่] : …``): what stands before the colon is its remains.
        title = re.sub(r"^[^\u0e01-\u0e2e(]{0,4}[:：]\s*", "", found.rest).strip()
        return component_by_tag("", title), title
    # A misread digit (``๐``, ``4`` for ``1``) is outvoted by the title's base tag; a zero,
    # which no component is numbered, is no reading at all.
    number = "" if has_zero_part(m.group(1)) else m.group(1)
    return component_by_tag(number, m.group(2)), m.group(2).strip()


# The indicator line run onto the component line by OCR, after it (``… (Potential Base)
# ตัวชี้วัดที่ 3.2``, its label garbled ``AIBAaN``) or word by word into it (``องค์ประกอบที่
# ตวชวดท 3.2 : 3 ความสำเร็จ… : ศักยภาพ…``). A component line prints no two-level code of its
# own, so one standing alone and ending the line or followed by a colon is the indicator's.
_MERGED_CODE = re.compile(r"(?<![\d.])(\d\.\d)(?![\d.])\s*(?:[:：]\s*(.*))?$")


def merged_sub_component(number: str, body: str) -> tuple[str, str]:
    """The sub-component code and title a component line's ``body`` holds, or ``("", "")``.

    ``number`` is the component read before it (``""`` when the merge hid it); the code must
    fall under it. Of the title, a lone digit (the component's number) is dropped and a
    ``:`` (the component's own label) ends it.

    >>> merged_sub_component("3", "ศักยภาพ (Potential Base) AIBAaN 3.2")
    ('3.2', '')
    >>> merged_sub_component("", "ตวชวดท 3.2 : 3 ความสำเร็จ : ศักยภาพ (Po")
    ('3.2', 'ความสำเร็จ')
    """
    m = _MERGED_CODE.search(body)
    if not m or (number and not m.group(1).startswith(number + ".")):
        return "", ""
    rest = re.sub(r"^\d\s+", "", (m.group(2) or "").strip())
    return m.group(1), re.split(r"\s[:：]", rest)[0].strip()


# Label score of ตัวชี้วัด / ตัวชี้วัดที่ on a form's header lines. Set by hand in the skeleton
# (f62841c; the best_label use in c655723), no sweep recorded.
_INDICATOR_LABEL_SCORE = 85


def _sub_component(text: str, component: str = "") -> tuple[str, str]:
    """``1.1 … (Function Base)``, ``ตัวชี้วัด 3.1 : …`` or ``ตัวชี้วัดที่ 3.2 : …`` → code, title.

    >>> _sub_component("AIBAaN 3.2 : ความสำเร็จของการเบิกจ่าย", "3")
    ('3.2', 'ความสำเร็จของการเบิกจ่าย')
    """
    body, labelled = text, False
    for key in ("indicator_no", "indicator"):
        found = match_label(text, key, threshold=_INDICATOR_LABEL_SCORE)
        if found.matched:
            body, labelled = found.rest, True
            break
    m = re.match(r"(\d[.,]\d{1,2})\s*[:：]?\s*(.+)", body)
    if m is None and component and not labelled:
        # The code's dot lost (12, 13) before a titled sub-component: N.M under component N.
        m = re.match(rf"({re.escape(component)})(\d)\s+(?=\D)(.+\))$", body)
        if m:
            return f"{m.group(1)}.{m.group(2)}", m.group(3).strip()
    if m is None and not labelled:
        # The label read as Latin letters (``AIBAaN 3.2 : ความสำเร็จ…``): a code and its colon
        # after one such word still make the indicator line.
        m = re.match(r"[A-Za-z]{2,12}\s+(\d\.\d{1,2})\s*[:：]\s*(.+)", body)
    if m is None and labelled:
        # The component title's tail run in before the code (``ตัวชี้วัด กนิธิ… 3.1 : ร้อยละ…``):
        # after the label, a code followed by its colon is still the code.
        m = re.search(r"(?<![\d.])(\d\.\d{1,2})(?![\d.])\s*[:：]\s*(.+)", body)
    if m and not has_zero_part(m.group(1)):
        return m.group(1).replace(",", "."), m.group(2).strip()
    return "", ""


_BEFORE_THAI = re.compile(r"^[^\u0e01-\u0e2e]+")


def _digits(m: re.Match[str]) -> int:
    return sum(ch.isdigit() for ch in m.group())


# A code's remains before a tagged title are this many characters at most. Set by hand in
# bbbf8a9, no sweep recorded.
_CODE_REMAINS_MAX_LEN = 6


def _sub_component_by_tag(text: str) -> tuple[str, str]:
    """A sub-component line whose code OCR garbled (``(๑) ประสิทธิภาพ… (Function Base)``):
    its tag names it. The line starts with its title's Thai, after at most a code's remains.

    >>> _sub_component_by_tag("(1) ประสิทธิภาพในการดำเนินงาน (Function Base)")
    ('1.1', 'ประสิทธิภาพในการดำเนินงาน (Function Base)')
    >>> _sub_component_by_tag("องค์ประกอบที่ 1 : การประเมิน (Function Base)")
    ('', '')
    >>> _sub_component_by_tag("๐.๒ ประสิทธิภาพของการขับเคลื่อน (Joint KPIs)")
    ('1.2', 'ประสิทธิภาพของการขับเคลื่อน (Joint KPIs)')
    """
    title = clean_title(text)
    code = next((c for tag, c in TAG_CODES.items() if title.endswith(tag)), "")
    code = code or tag_code(title, SUB_TAGS)
    lead = _BEFORE_THAI.match(text.strip())
    # What stands before the Thai is a code's remains, short and of one digit at most: two
    # digits are a code whose dot was lost (22), read by _sub_component or not this one. A
    # dotted code reaching here was refuted there (``๐.๒``: a zero part, or outside its
    # component): its digits were misread, and the tag names the line.
    dotted = lead is not None and bool(re.search(r"\d\s*[.,]\s*\d", lead.group()))
    if not code or (
        lead is not None
        and (
            len(lead.group().strip()) > _CODE_REMAINS_MAX_LEN or (_digits(lead) > 1 and not dotted)
        )
    ):
        return "", ""
    title = _BEFORE_THAI.sub("", title)
    if match_label(title, "component").matched or match_label(title, "indicator").matched:
        return "", ""
    return code, title


def read_header_row(form: ParsedForm, row: Row) -> bool:
    """Fill header fields ``row`` holds; True when it held one."""
    text = row.text
    prov = Prov.of_cell(row)
    if form.fiscal_year is None and (year := fiscal_year_of(text)):
        form.fiscal_year = year
        form.prov["fiscal_year"] = prov
    if not form.period and (period := title_period(text)):
        form.period = period  # type: ignore[assignment]
        form.prov["period"] = prov
    unit = match_label(text, "unit")
    if unit.matched:
        form.unit_name, form.parent_unit = split_unit(_after_label_tail(unit.rest))
        form.prov["unit_name"] = prov
        return True
    number, title = component_of(text)
    component_line = match_label(text, "component")
    code, rest = (
        merged_sub_component(number, component_line.rest) if component_line.matched else ("", "")
    )
    if code and form.component in ("", number, code.split(".")[0]):
        form.component, form.component_title = code, rest
        form.indicator_title = form.indicator_title or rest
        form.prov["component"] = prov
        return True
    if number:
        form.component = form.component or number
        form.component_title = title
        form.prov["component"] = prov
        return True
    code, title = _sub_component(text, form.component if "." not in form.component else "")
    if code and (not form.component or code.startswith(form.component.split(".")[0] + ".")):
        form.component = code
        if match_label(text, "indicator", threshold=_INDICATOR_LABEL_SCORE).matched:
            form.indicator_title = title
        form.component_title = title
        form.prov["component"] = prov
        return True
    code, title = _sub_component_by_tag(text)
    if code and thai_to_arabic(form.component) in ("", code.split(".")[0]):
        form.component, form.component_title = code, title
        form.prov["component"] = prov
        return True
    indicator = best_label(text, ("indicator_no", "indicator"), threshold=_INDICATOR_LABEL_SCORE)
    if indicator.matched and indicator.rest and not form.indicator_title:
        form.indicator_title = indicator.rest
        return True
    if match_label(text, "score_heading").matched:
        weight = total_weight_of(text)
        if weight is not None:
            form.total_weight = weight
            form.prov["total_weight"] = prov
        return True
    return False


def strip_base(title: str) -> str:
    """Title without its ``(Function Base)`` tag, for matching across forms."""
    return _BASE.sub("", title).strip()
