"""Does a page's text look like part of an evaluation form? The cheap test before full OCR.

Only labels specific to these forms count (a budget book also says ตัวชี้วัด and งบประมาณ):
the titles, the unit line, the ■ section headings, the signatory block, the score columns.

>>> has_form_vocabulary("งบประมาณรายจ่ายประจำปี แผนงานพื้นฐาน")
False
>>> has_form_vocabulary("ชื่อหน่วยงานผู้รับการประเมิน : สำนักงานเขตบางรัก")
True
>>> form_label_hits("ผลการประเมินผลการปฏิบัติราชการ รอบ 6 เดือน ประจำปีงบประมาณ พ.ศ. 2567")
['title_overall']
"""

from __future__ import annotations

from rapidfuzz import fuzz

from thaieval.parsers.vocabulary import LABELS

__all__ = ["FORM_KEYS", "OVERALL_OPENING", "form_label_hits", "has_form_vocabulary"]

FORM_KEYS = (
    "title_component",
    "title_overall",
    "unit",
    "results_heading",
    "reason",
    "recommendation",
    "evidence",
    "signatory_heading",
    "col_weighted",
    "col_criteria",  # the overall table's เป้าหมาย/เกณฑ์การให้คะแนน heading
)
# Every overall title opens with these words, whatever period or wording follows (split_forms
# types a title by them too).
OVERALL_OPENING = "ผลการประเมินผลการปฏิบัติ"
# The overall title however it goes on: its opening words (งาน or ราชการ) stand before the
# period or ประจำปีงบประมาณ (ผลการประเมินผลการปฏิบัติราชการ รอบ 6 เดือน ประจำปีงบประมาณ …),
# which the canonical spelling joins to them.
_OPENINGS = {"title_overall": (OVERALL_OPENING + "งาน", OVERALL_OPENING + "ราชการ")}


# partial_ratio a form label needs anywhere in a page's text, and the length (characters) below
# which a spelling is too short to find that way. Set by hand in df6fb1f, no sweep recorded.
FORM_LABEL_SCORE = 82.0
MIN_FORM_LABEL_LEN = 6


def form_label_hits(text: str, threshold: float = FORM_LABEL_SCORE) -> list[str]:
    """The form labels found (fuzzily) anywhere in ``text``."""
    compact = " ".join(text.split())
    hits = []
    for key in FORM_KEYS:
        for spelling in LABELS[key] + _OPENINGS.get(key, ()):
            if (
                len(spelling) >= MIN_FORM_LABEL_LEN
                and fuzz.partial_ratio(spelling, compact) >= threshold
            ):
                hits.append(key)
                break
    return hits


def has_form_vocabulary(text: str) -> bool:
    """True when at least one form-specific label is on the page."""
    return bool(form_label_hits(text))
