"""The review report's words, Thai first with English beside them: every label the report
prints is a :class:`Label`, written in Thai with its English in ``data-en``; the page's
language button swaps them (``report.html#lang=en`` opens it in English).

Data (unit names, flag messages, findings) is shown as the dataset holds it; only the
report's own words are here.

>>> label("count_forms").html()
'<span data-en="forms">แบบประเมิน</span>'
>>> label("component", component="1.1").en
'component 1.1'
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

__all__ = ["LABELS", "Label", "label"]

# key: (Thai, English); {names} are filled by label().
LABELS: dict[str, tuple[str, str]] = {
    "title": ("รายงานตรวจทานผลการประเมิน — {name}", "thaieval review — {name}"),
    "intro": (
        "รายการแจ้งเตือนแต่ละรายการแสดงค่าที่นำมาเทียบกันและต้นฉบับรอบค่านั้น (กรอบสีแดง) "
        "เลือกตัวกรองด้านล่างได้ ที่อยู่ของหน้าจะจำตัวกรองไว้",
        "Each flag shows the values compared and the source around them (the box drawn in "
        "red). Filter below; the address keeps the filter.",
    ),
    "language": ("English", "ภาษาไทย"),  # the button names the other language
    "filter_unit": ("หน่วยงาน", "unit"),
    "filter_component": ("องค์ประกอบ", "component"),
    "filter_severity": ("ความรุนแรง", "severity"),
    "filter_check": ("การตรวจ", "check"),
    "all": ("ทั้งหมด", "all"),
    "show_all": ("แสดงทั้งหมด", "show all"),
    "error": ("ข้อผิดพลาด", "error"),
    "warning": ("ข้อสังเกต", "warning"),
    "overall": ("ตารางสรุป", "overall"),
    "overview": ("ภาพรวม", "Overview"),
    "count_documents": ("เอกสาร", "documents"),
    "count_pages": ("หน้า", "pages"),
    "count_forms": ("แบบประเมิน", "forms"),
    "count_units": ("หน่วยงาน", "units"),
    "count_units_unsure": ("เอกสารที่อ่านชื่อหน่วยงานไม่ชัด", "documents whose unit is unsure"),
    "count_flags": ("รายการแจ้งเตือน", "flags"),
    "count_errors": ("ข้อผิดพลาด", "errors"),
    "count_warnings": ("ข้อสังเกต", "warnings"),
    "count_failed": ("อ่านไม่สำเร็จ", "failed"),
    "chart_title": ("คะแนนรวมรายหน่วยงานและองค์ประกอบ", "Total score per unit and component"),
    "chart_note": (
        "ตัวเลขท้ายแท่งคือผลรวมของทุกส่วนในแท่ง (คะแนนรวมที่แบบของแต่ละองค์ประกอบระบุ) "
        "เมื่อตารางสรุประบุคะแนนรวมไม่ตรงกับผลรวมนี้ จะมีขีดดำบอกตำแหน่งและตัวเลขที่ตารางสรุประบุ",
        "The number after a bar is the sum of its parts (the totals the component forms "
        "declare). Where the overall table declares another total, a black tick marks it and "
        "its number follows.",
    ),
    "chart_aria": ("คะแนนรวมรายหน่วยงานและองค์ประกอบ", "total score per unit and component"),
    "chart_declared": ("ตารางสรุประบุ {total}", "overall table: {total}"),
    "chart_overall_only": ("ตารางสรุป", "overall table"),
    "flags_by_check": ("รายการแจ้งเตือนแยกตามการตรวจ", "Flags by check"),
    "no_flags": ("ไม่มีรายการแจ้งเตือน: ตัวเลขทุกตัวรวมกันได้ถูกต้อง", "No flags: every number adds up."),
    "col_check": ("การตรวจ", "check"),
    "col_errors": ("ข้อผิดพลาด", "errors"),
    "col_warnings": ("ข้อสังเกต", "warnings"),
    "failed_documents": ("เอกสารที่อ่านไม่สำเร็จ ({n})", "Failed documents ({n})"),
    "col_file": ("ไฟล์", "file"),
    "col_error": ("สาเหตุ", "error"),
    "col_no": ("ลำดับ", "#"),
    "col_code": ("รหัส", "code"),
    "col_indicator": ("ตัวชี้วัด", "indicator"),
    "col_weight": ("น้ำหนัก", "weight"),
    "col_criteria": ("เกณฑ์การให้คะแนน", "criteria"),
    "col_result": ("ผลการดำเนินงาน", "result"),
    "col_level": ("ระดับ", "level"),
    "col_score_pct": ("ร้อยละของคะแนน", "score %"),
    "col_declared": ("คะแนนถ่วงน้ำหนัก (ตามแบบ)", "weighted (declared)"),
    "col_recomputed": ("คะแนนถ่วงน้ำหนัก (คำนวณใหม่)", "weighted (recomputed)"),
    "col_confidence": ("ความเชื่อมั่น OCR", "confidence"),
    "col_source": ("ที่มา", "source"),
    "total": ("รวม", "total"),
    "steps": ("ขั้นตอนของนวัตกรรม ({n})", "innovation steps ({n})"),
    "col_part": ("ส่วน", "part"),
    "col_step": ("ขั้นตอน", "step"),
    "col_max": ("คะแนนเต็ม", "max"),
    "col_score": ("คะแนน", "score"),
    "col_note": ("หมายเหตุ", "note"),
    "findings": ("ข้อค้นพบ ({n})", "findings ({n})"),
    "reason": ("เหตุผลของคะแนน", "reasons"),
    "weakness": ("จุดอ่อน", "weaknesses"),
    "strength": ("จุดแข็ง", "strengths"),
    "recommendation": ("ข้อเสนอแนะเพื่อการพัฒนา", "recommendations"),
    "evidence": ("หลักฐานอ้างอิง", "evidence"),
    "end_of_year": ("ระยะสิ้นปีงบประมาณ", "end of year"),
    "mid_year": ("รอบ 6 เดือน", "mid-year"),
    "overall_summary": ("ตารางสรุปผลคะแนน", "overall summary"),
    "component": ("องค์ประกอบที่ {component}", "component {component}"),
    "page": ("หน้า {page}", "page {page}"),
    "pages": ("หน้า {first}–{last}", "pages {first}–{last}"),
    "line": ("บรรทัด {line}", "line {line}"),
    "page_line": ("หน้า {page}, บรรทัด {line}", "page {page}, line {line}"),
    "signed": ("ลงนาม {name} {date}", "signed {name} {date}"),
    "document_flags": ("รายการแจ้งเตือนของทั้งเอกสาร", "document flags"),
    "unit_summary": (
        "{forms} แบบ · {flags} รายการแจ้งเตือน ({errors} ข้อผิดพลาด)",
        "{forms} forms · {flags} flags ({errors} errors)",
    ),
    "unit_unsure": (
        "ชื่อหน่วยงานอ่านไม่ชัด: แบบในเอกสารเดียวกันอ่านได้ต่างกัน ({names})",
        "unit name not read with confidence: the forms of one document read {names}",
    ),
    "no_unit": ("ไม่มีชื่อหน่วยงาน", "no unit"),
    "unit_unsure_short": ("ชื่อหน่วยงานอ่านไม่ชัด", "unit unsure"),
    "form_reads_unit": (
        "หัวแบบนี้อ่านชื่อหน่วยงานได้ว่า «{name}» ต่างจากแบบอื่นของเอกสาร",
        "this form's header reads the unit «{name}», unlike the document's other forms",
    ),
    "expected": ("ค่าที่ควรเป็น", "expected"),
    "found": ("ค่าที่พบ", "found"),
    "indicator_no": ("ตัวชี้วัดที่ {n}", "indicator {n}"),
    "low_confidence": ("ความเชื่อมั่นต่ำ", "low confidence"),
    "low_confidence_read": (
        "{name}: อ่านได้ {value} ด้วยความเชื่อมั่น OCR {confidence}",
        "{name}: read {value} with OCR confidence {confidence}",
    ),
    "source_missing": ("ไม่พบไฟล์ต้นฉบับ: {path}", "source file not found: {path}"),
    "no_page": ("ไม่ได้บันทึกหน้าไว้", "no page recorded"),
    "no_line": ("ไม่ได้บันทึกบรรทัดไว้", "no source line recorded"),
    "cannot_render": ("แสดง {name} ไม่ได้: {error}", "could not render {name}: {error}"),
    "crop": ("{name}, หน้า {page}, กรอบ {box}", "{name}, page {page}, box {box}"),
    "whole_page": (
        "{name}, หน้า {page} (ไม่มีกรอบ: ทั้งหน้า)",
        "{name}, page {page} (no box: whole page)",
    ),
    "source_line": ("{name}, บรรทัด {line}", "{name}, line {line}"),
    "shown": ("แสดง {n} จาก {total} รายการแจ้งเตือน", "{n} of {total} flags shown"),
    "left_out": (
        "รายงานแสดงรายละเอียดได้ไม่เกิน {limit} MB: อีก {forms} แบบ ({flags} รายการแจ้งเตือน) "
        "ไม่ได้แสดงรายละเอียดไว้ ค่าทุกค่าอยู่ใน forms.csv, indicators.csv และ flags.csv",
        "The report holds at most {limit} MB of detail: {forms} more forms ({flags} flags) are "
        "not shown in detail; every value is in forms.csv, indicators.csv and flags.csv.",
    ),
    "unit_left_out": (
        "อีก {forms} แบบของหน่วยงานนี้ไม่ได้แสดงรายละเอียด เพราะขนาดรายงานมีขีดจำกัด (ค่าทุกค่าอยู่ใน forms.csv)",
        "{forms} more forms of this unit are not shown in detail, for the report's size limit (every value is in forms.csv)",
    ),
}


@dataclass(frozen=True)
class Label:
    """One piece of the report's own text, in Thai and in English."""

    th: str
    en: str

    def html(self, tag: str = "span", attrs: str = "") -> str:
        """``<tag data-en="English">ไทย</tag>``: the page's language button swaps them."""
        return f"<{tag}{attrs}{self.attrs()}>{escape(self.th)}</{tag}>"

    def attrs(self) -> str:
        """The ``data-en`` attribute alone, for an element that holds :attr:`th` as its text."""
        return f' data-en="{escape(self.en, quote=True)}"'


def label(key: str, **values: object) -> Label:
    """The label ``key`` with ``values`` filled in (both languages)."""
    th, en = LABELS[key]
    return Label(th.format(**values), en.format(**values))
