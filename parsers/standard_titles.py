"""The titles every BMA form prints the same way: components, sub-components, common indicators.

The components' titles (``ประสิทธิภาพในการดำเนินงานภารกิจหลัก… (Function Base)``) and the
indicators every unit is judged on (3.1 digital transformation, 3.2 budget disbursement, the
innovation indicator) are a fixed vocabulary, like the labels. A reading that differs from one
of them only by OCR slips — a mark or a letter here and there (``ไนการ``, ``ภารัฐ``), a space
a wrap put inside a word (``พัฒนา นวัตกรรม``) — is that title. A reading that differs by a
word is another wording (the seed prints 3.1 once with ``ทันสมัย``, once with ``ยืดหยุ่น``)
and is left as read.

>>> standard_title("ประสิทธิภาพในการบริหารจัดการและพัฒนา นวัตกรรมเพื่อเพิ่มประสิทธิภาพ"
...                "การปฏิบัติงานของหน่วยงาน (Innovation Base)") == STANDARD_TITLES[4]
True
>>> standard_title("ความสำเร็จของการเบิกจ่ายเงินในภาพรวม")
'ความสำเร็จของการเบิกจ่ายเงินในภาพรวม'
"""

from __future__ import annotations

from difflib import SequenceMatcher

from rapidfuzz import fuzz

from thaieval.schemas.forms import ParsedForm

__all__ = ["STANDARD_TITLES", "TAG_CODES", "snap_titles", "standard_title"]

STANDARD_TITLES: tuple[str, ...] = (
    "การประเมินประสิทธิภาพผลการดำเนินงาน (Performance Base)",
    "ประสิทธิภาพในการดำเนินงานภารกิจหลักตามยุทธศาสตร์กรุงเทพมหานคร (Function Base)",
    "ประสิทธิภาพของการขับเคลื่อนการบูรณาการการดำเนินงานร่วมกันระหว่างหน่วยงาน (Joint KPIs)",
    "ประสิทธิภาพของการดำเนินการกิจกรรมตามนโยบายผู้บริหารหรือภารกิจพิเศษ (Agenda Base)",
    "ประสิทธิภาพในการบริหารจัดการและพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน (Innovation Base)",
    "ศักยภาพในการดำเนินการของหน่วยงาน (Potential Base)",
    "ความสำเร็จในการพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน",
    "ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐ เพื่อบริหารราชการที่ยืดหยุ่น โปร่งใส คล่องตัว",
    "ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐเพื่อบริหารราชการที่ทันสมัย โปร่งใส คล่องตัว",
    "ความสำเร็จของการเบิกจ่ายงบประมาณในภาพรวม",
)

# The sub-component a base tag names: a 1.x line whose code OCR garbled (``(๑)`` for ๑.๑)
# still says which it is by its tag.
TAG_CODES: dict[str, str] = {
    "(Function Base)": "1.1",
    "(Joint KPIs)": "1.2",
    "(Agenda Base)": "1.3",
}

# Both set by hand in bbbf8a9, no sweep recorded.
_CLOSE = 90.0  # readings this close (ratio, spaces ignored) are compared edit by edit
_SLIP = 2  # an edit of at most this many characters on either side is an OCR slip …
_KEEP = 3  # … when this many characters either side of it agree


def _slips_only(read: str, title: str) -> bool:
    """Does ``read`` differ from ``title`` (both without spaces) by small, separate edits?"""
    blocks = SequenceMatcher(None, read, title, autojunk=False).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(blocks):
        if tag == "equal":
            continue
        if i2 - i1 > _SLIP or j2 - j1 > _SLIP:
            return False
        for k in (n - 1, n + 1):
            if not 0 <= k < len(blocks):
                continue
            kind, b1, b2 = blocks[k][:3]
            # The title's first or last letters may be a short run: nothing lies beyond them.
            if kind != "equal" or (b2 - b1 < _KEEP and k not in (0, len(blocks) - 1)):
                return False
    return True


def standard_title(text: str) -> str:
    """``text``, or the standard title it is a reading of (see the module's docstring)."""
    bare = text.replace(" ", "")
    if not bare:
        return text
    best = max(STANDARD_TITLES, key=lambda t: fuzz.ratio(bare, t.replace(" ", "")))
    title = best.replace(" ", "")
    if fuzz.ratio(bare, title) < _CLOSE or not _slips_only(bare, title):
        return text
    return best


def snap_titles(forms: list[ParsedForm]) -> list[ParsedForm]:
    """The forms with their titles and indicator names read as the standard ones they are."""
    for form in forms:
        form.component_title = standard_title(form.component_title)
        form.indicator_title = standard_title(form.indicator_title)
        for ind in form.indicators:
            ind.indicator_name = standard_title(ind.indicator_name)
    return forms
