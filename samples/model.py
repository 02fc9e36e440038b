"""What the generator renders: a unit's document as printed, values already rounded.

Every printed value lives here once; the renderer prints it and ``to_truth`` copies it into
the truth JSON, so the two cannot drift apart. Injected inconsistencies edit these fields.

>>> Indicator(code="3.1", name="x", weight=Decimal(10), kind="level", level=5).kind
'level'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from samples.thai_format import DateStyle

Kind = Literal["level", "criteria", "innovation"]
Shape = Literal["list", "weighted", "simple", "innovation"]
SectionName = Literal["reason", "weakness", "strength", "recommendation", "evidence"]
Marker = Literal["number", "dash", "indicator", "paragraph", "none"]
Period = Literal["end_of_year", "mid_year"]
OverallLayout = Literal["A", "B"]  # A: sub-component heading rows; B: codes and รวม 1.x rows
DigitScope = Literal["", "forms", "overall"]  # Thai digits in these tables only
TitleStyle = Literal["plain", "official", "round_first"]

SECTION_LABELS: dict[SectionName, str] = {
    "reason": "เหตุผลของคะแนน",
    "weakness": "จุดอ่อน",
    "strength": "จุดแข็ง",
    "recommendation": "ข้อเสนอแนะเพื่อการพัฒนา",
    "evidence": "หลักฐานอ้างอิง",
}
CRITERIA_BY_BOARD = "ค่าเป้าหมายเป็นไปตามมติคณะกรรมการกลาง กำหนด"


@dataclass
class Indicator:
    """One indicator; ``overall_*`` is how the overall table prints it (normally the same)."""

    code: str  # as printed in the overall table: 1.1.1, 2.1, 3.2
    name: str
    weight: Decimal
    kind: Kind
    level: int | None = None  # stated level
    criteria: tuple[Decimal, ...] = ()
    result: Decimal | None = None  # criteria result, or the innovation score out of 100
    result_text: str = ""  # component form's result cell
    score_pct: Decimal | None = None
    weighted: Decimal = Decimal(0)
    overall_weight: Decimal = Decimal(0)
    overall_result_text: str = ""
    overall_result_value: Decimal | None = None
    overall_level: int | None = None
    overall_weighted: Decimal = Decimal(0)
    note: str = ""  # หมายเหตุ of the overall table
    in_overall: bool = True


@dataclass
class Finding:
    section: SectionName
    item_no: int
    text: str
    marker: Marker = "number"


@dataclass
class Signatory:
    name: str  # with its title, as printed in brackets
    position: str
    signed_date: str  # ISO
    date_style: DateStyle = "full"
    office: str = ""  # printed on the line below the position
    dots: str = "....."
    scrawl: str = ""  # a signature read as text; empty → a drawn squiggle


@dataclass
class Step:
    item: str
    max_score: Decimal
    score: Decimal
    note: str = ""
    glued: str = ""  # text of a lost row printed inside this cell (the seed's merged row)


@dataclass
class Part:
    no: int
    title: str
    steps: list[Step]
    first_header: str = "ขั้นตอนการดำเนินการ"


@dataclass
class ComponentForm:
    component: str  # 1.1, 2, 3.2
    comp_no: int
    comp_title: str  # "การประเมินประสิทธิภาพผลการดำเนินงาน (Performance Base)"
    sub_title: str  # sub-component (1.x), indicator title (2, 3.x)
    shape: Shape
    indicators: list[Indicator]
    declared_weight: Decimal | None = None  # "น้ำหนักคะแนนรวม N คะแนน" (list shape)
    declared_total: Decimal | None = None  # the รวม row (list shape)
    findings: list[Finding] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    signatory: Signatory | None = None
    partners: str | None = None  # "หน่วยงานที่ร่วมดำเนินการ :" (Joint KPIs)
    printed: bool = True  # False: listed in the overall table, no form of its own
    unit_override: str = ""  # a header that disagrees with the document
    year_override: int | None = None
    show_parent: bool = True
    innovation_total: Decimal | None = None  # "คะแนนรวม" of the parts tables
    decimals: int | None = None  # print precision when it differs from the document's

    @property
    def component_title(self) -> str:
        return self.comp_title if self.component == "2" else self.sub_title


@dataclass
class Document:
    source_id: str
    unit_name: str
    parent_unit: str
    fiscal_year: int
    period: Period
    period_label: str  # ระยะสิ้นปีงบประมาณ, รอบ 6 เดือน, ระยะครึ่งปี
    forms: list[ComponentForm]
    decimals: int = 3
    thai_digits: bool = False
    font: str = "Laksaman"
    group_scores: bool = False  # the seed's merged score cell per sub-component
    overall_layout: OverallLayout = "A"
    overall_portrait: bool = False
    digit_scope: DigitScope = ""  # with thai_digits False: Thai digits in these tables only
    title_style: TitleStyle = "plain"
    form_codes: bool = False  # 1.x forms print full codes (1.1.2) instead of 1., 2.
    form_weights: bool = False  # 1.x forms print a weight column
    form_thresholds: bool = False  # 3.x forms print the five thresholds
    chromium: bool = False  # also printed from HTML by headless Chromium (``chromium/``)
    value_first: bool = False  # criteria results read ร้อยละ 94.24 (ระดับ 4), not ระดับ 4 (94.24)
    overall_weight_total: Decimal | None = None
    overall_total: Decimal | None = None
    damage: Literal["", "lost", "doubled"] = ""
    injected: list[tuple[str, str, str, str, int | None, str]] = field(default_factory=list)
    # (check, severity, component, form_type, indicator_no, note)

    def indicators(self) -> list[Indicator]:
        return [i for f in self.forms for i in f.indicators]

    def flag(
        self,
        check: str,
        severity: str,
        component: str = "",
        form_type: str = "component",
        indicator_no: int | None = None,
        note: str = "",
    ) -> None:
        self.injected.append((check, severity, component, form_type, indicator_no, note))
