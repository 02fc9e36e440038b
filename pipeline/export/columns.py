"""The type of every column of every table, one source for SQLite, Parquet, Excel and pandas.

A column's type comes from its record field (``int`` → integer, ``float`` → decimal, else
text), except dates, which the records hold as ISO text. A table added to the records gets
its types with no entry here; a Thai header falls back to the contract name. The whole list
is published as ``DIR/columns.csv``.

>>> from thaieval.schemas.records import FormRecord
>>> [(c.name, c.type) for c in columns_of(FormRecord) if c.name in ("component", "fiscal_year")]
[('component', 'text'), ('fiscal_year', 'integer')]
>>> column_type("text").pandas, column_type("integer").sqlite, column_type("date").parquet
('string', 'INTEGER', 'date32')
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from thaieval.schemas.records import Record

__all__ = [
    "KEYS",
    "THAI",
    "Column",
    "ColumnType",
    "column_type",
    "columns_of",
    "logical_type",
]

Logical = Literal["text", "integer", "decimal", "date"]

DATE_COLUMNS = frozenset({"signed_date"})  # ISO YYYY-MM-DD text in the records and CSVs

# Primary keys where the key is unique by construction (a document's id, a form's position,
# a page's number); other tables are indexed by their document_id or form_id.
KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("document_id",),
    "pages": ("document_id", "page"),
    "forms": ("form_id",),
    "skipped": ("source_path",),
}


@dataclass(frozen=True)
class ColumnType:
    name: Logical
    sqlite: str
    parquet: str
    pandas: str  # the dtype pandas.read_parquet gives
    excel: str


_TYPES = {
    t.name: t
    for t in (
        ColumnType("text", "TEXT", "string", "string", "text"),
        ColumnType("integer", "INTEGER", "int64", "Int64", "number"),
        ColumnType("decimal", "REAL", "float64", "float64", "number"),
        ColumnType("date", "TEXT", "date32", "object", "date (yyyy-mm-dd)"),
    )
}


def column_type(name: Logical) -> ColumnType:
    return _TYPES[name]


THAI: dict[str, str] = {
    "document_id": "รหัสเอกสาร",
    "source_path": "ไฟล์ต้นฉบับ",
    "sha256": "ค่าแฮช SHA-256",
    "page_count": "จำนวนหน้า",
    "method": "วิธีอ่าน",
    "status": "สถานะ",
    "error": "ข้อผิดพลาด",
    "form_count": "จำนวนแบบฟอร์ม",
    "pages_skipped": "จำนวนหน้าที่ข้าม",
    "mean_ocr_confidence": "ความเชื่อมั่น OCR เฉลี่ย",
    "file_size": "ขนาดไฟล์ (ไบต์)",
    "seconds": "เวลาที่ใช้ (วินาที)",
    "skip_reasons": "เหตุผลที่ข้ามหน้า",
    "read_options": "ตัวเลือกการอ่าน",
    "page": "หน้า",
    "skip_reason": "เหตุผลที่ข้าม",
    "word_count": "จำนวนคำ",
    "turned_degrees": "หมุนหน้า (องศา)",
    "skew_degrees": "ความเอียง (องศา)",
    "notes": "หมายเหตุ",
    "form_id": "รหัสแบบฟอร์ม",
    "page_start": "หน้าแรก",
    "page_end": "หน้าสุดท้าย",
    "form_type": "ประเภทแบบฟอร์ม",
    "component": "องค์ประกอบ",
    "component_title": "ชื่อองค์ประกอบ",
    "fiscal_year": "ปีงบประมาณ (พ.ศ.)",
    "period": "รอบการประเมิน",
    "unit_name": "หน่วยงาน",
    "parent_unit": "หน่วยงานต้นสังกัด",
    "total_weight": "น้ำหนักรวม",
    "total_score": "คะแนนรวม",
    "total_score_recomputed": "คะแนนรวม (คำนวณใหม่)",
    "evaluator_name": "ผู้ประเมิน",
    "evaluator_position": "ตำแหน่งผู้ประเมิน",
    "signed_date": "วันที่ลงนาม",
    "evaluator_office": "สังกัดผู้ประเมิน",
    "indicator_title": "ชื่อตัวชี้วัดของแบบฟอร์ม",
    "line_start": "บรรทัดแรก",
    "line_end": "บรรทัดสุดท้าย",
    "indicator_no": "ลำดับตัวชี้วัด",
    "indicator_code": "รหัสตัวชี้วัด",
    "indicator_name": "ชื่อตัวชี้วัด",
    "weight": "น้ำหนัก",
    "criteria": "เกณฑ์การให้คะแนน",
    "result_text": "ผลการดำเนินงาน",
    "result_value": "ค่าผลการดำเนินงาน",
    "level": "ระดับ",
    "score_pct": "คะแนน (ร้อยละ)",
    "weighted_score": "คะแนนถ่วงน้ำหนัก",
    "weighted_score_recomputed": "คะแนนถ่วงน้ำหนัก (คำนวณใหม่)",
    "confidence": "ความเชื่อมั่น",
    "box": "ตำแหน่งบนหน้า",
    "line": "บรรทัด",
    "filled_from": "เติมจาก",
    "indicator_ref": "ตัวชี้วัดอ้างอิง",
    "part": "ส่วน",
    "item": "รายการ",
    "max_score": "คะแนนเต็ม",
    "score": "คะแนน",
    "note": "หมายเหตุ",
    "section": "หมวด",
    "item_no": "ข้อ",
    "text": "ข้อความ",
    "marker": "เครื่องหมายข้อ",
    "severity": "ความรุนแรง",
    "check": "รายการตรวจ",
    "field": "คอลัมน์",
    "expected": "ค่าที่ควรเป็น",
    "found": "ค่าที่พบ",
    "message": "คำอธิบาย",
    "reason": "เหตุผล",
    # a person's review (thaieval.pipeline.review)
    "total_weight_read": "น้ำหนักรวม (ค่าที่อ่านได้)",
    "total_score_read": "คะแนนรวม (ค่าที่อ่านได้)",
    "weight_read": "น้ำหนัก (ค่าที่อ่านได้)",
    "result_value_read": "ค่าผลการดำเนินงาน (ค่าที่อ่านได้)",
    "level_read": "ระดับ (ค่าที่อ่านได้)",
    "score_pct_read": "คะแนน (ร้อยละ) (ค่าที่อ่านได้)",
    "weighted_score_read": "คะแนนถ่วงน้ำหนัก (ค่าที่อ่านได้)",
    "reviewed": "ผลการตรวจทาน",
    "decision_id": "รหัสการตัดสิน",
    "form_key": "แบบฟอร์ม",
    "indicator": "ตัวชี้วัด",
    "value_read": "ค่าที่อ่านได้",
    "value_corrected": "ค่าที่แก้ไข",
    "decision": "ผลการตัดสิน",
    "who": "ผู้ตรวจทาน",
    "at": "เวลาที่ตัดสิน",
    "supersedes": "แทนการตัดสิน",
    "before": "ค่าที่อ่านครั้งแรก",
    "after": "ค่าที่อ่านครั้งที่สอง",
}


@dataclass(frozen=True)
class Column:
    table: str
    name: str
    type: Logical
    thai: str

    @property
    def kind(self) -> ColumnType:
        return _TYPES[self.type]


def logical_type(name: str, annotation: Any) -> Logical:
    """``text``, ``integer``, ``decimal`` or ``date`` for a record field."""
    if name in DATE_COLUMNS:
        return "date"
    args = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    if int in args:
        return "integer"
    if float in args:
        return "decimal"
    return "text"


def columns_of(record: type[Record]) -> list[Column]:
    """The record's columns in order, with their types and Thai headers."""
    return [
        Column(record.table, name, logical_type(name, field.annotation), THAI.get(name, name))
        for name, field in record.model_fields.items()
    ]
