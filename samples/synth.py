"""Synthetic units: a plan per unit, contents drawn from a seeded RNG, scores by the rules.

>>> doc = synthetic_document(PLANS[0], seed=7); sum(i.weight for i in doc.indicators())
Decimal('100')
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from samples import vocabulary as V
from samples.build import D, finish_document
from samples.fonts import NATIONAL
from samples.model import (
    ComponentForm,
    DigitScope,
    Document,
    Finding,
    Indicator,
    Marker,
    OverallLayout,
    Part,
    Period,
    Shape,
    Signatory,
    Step,
    TitleStyle,
)
from samples.thai_format import DATE_STYLES, quantize

__all__ = ["PLANS", "DigitScript", "UnitPlan", "redrawn", "synthetic_document"]


@dataclass(frozen=True)
class UnitPlan:
    key: str
    unit: str
    parent: str
    year: int
    period: Period
    period_label: str
    font: str
    thai_digits: bool = False
    district: bool = True
    with_3_3: bool = False
    long_forms: bool = False
    falling: bool = False
    decimals: int = 3
    damage: str = ""  # "", "lost" or "doubled": the text-damaged variant's kind
    # Classes of documents drawn by other hands (see ../shared/family):
    layout: OverallLayout = (
        "A"  # overall table: A (heading rows, merged criteria) or B (codes, รวม 1.x)
    )
    portrait: bool = False  # the overall table on a portrait page
    digit_scope: DigitScope = ""  # Thai digits in the "forms" or "overall" tables only
    title_style: TitleStyle = "plain"  # "official": ผลการประเมินผลการปฏิบัติราชการ …; "round_first"
    form_weights: bool = False  # 1.x forms print each indicator's weight
    value_first: bool = False  # ร้อยละ 94.24 (ระดับ 4)
    mixed: bool = False  # weights of 5, 10 and 15, more criteria rows, 1.1 from 25 to 40
    chromium: bool = False  # also printed from HTML by headless Chromium


EOY, MID, HALF = "ระยะสิ้นปีงบประมาณ", "รอบ 6 เดือน", "ระยะครึ่งปี"
B: dict[str, Any] = {"layout": "B", "mixed": True, "value_first": True}
PLANS = (
    UnitPlan("bangrak-2567", "สำนักงานเขตบางรัก", "", 2567, "end_of_year", EOY, "Laksaman", damage="doubled"),
    UnitPlan("chatuchak-2567-mid", "สำนักงานเขตจตุจักร", "", 2567, "mid_year", MID, "Garuda", thai_digits=True, with_3_3=True),
    UnitPlan("finance-2566", "สำนักการคลัง", "", 2566, "end_of_year", EOY, "Norasi", district=False, long_forms=True, decimals=2, damage="lost"),
    UnitPlan("environment-2568-mid", "สำนักสิ่งแวดล้อม", "", 2568, "mid_year", HALF, "Loma", district=False, with_3_3=True, falling=True),
    UnitPlan("latkrabang-2567", "สำนักงานเขตลาดกระบัง", "", 2567, "end_of_year", EOY, "Sawasdee", thai_digits=True, falling=True),
    UnitPlan("prd-2567", "สำนักงานประชาสัมพันธ์", "สำนักปลัดกรุงเทพมหานคร", 2567, "end_of_year", EOY, "Laksaman", district=False, falling=True, long_forms=True),
    UnitPlan("nongchok-2567", "สำนักงานเขตหนองจอก", "", 2567, "end_of_year", EOY, "Laksaman", damage="doubled"),
    UnitPlan("publicworks-2566", "สำนักการโยธา", "", 2566, "end_of_year", EOY, "Garuda", district=False, decimals=2),
    UnitPlan("bangkhunthian-2568", "สำนักงานเขตบางขุนเทียน", "", 2568, "end_of_year", EOY, "Norasi", with_3_3=True, falling=True),
    UnitPlan("health-2567-mid", "สำนักอนามัย", "", 2567, "mid_year", MID, "Loma", district=False, thai_digits=True),
    UnitPlan("dusit-2567", "สำนักงานเขตดุสิต", "", 2567, "end_of_year", EOY, "Laksaman", with_3_3=True, long_forms=True, damage="lost"),
    # Drawn like the documents of other hands: national fonts, layout B, portrait overall
    # tables, Thai digits in one table kind, other wordings, fiscal years 2565-2568.
    UnitPlan("medical-2565", "สำนักการแพทย์", "", 2565, "end_of_year", EOY, "Sarabun", district=False, form_weights=True, title_style="official", **B),
    UnitPlan("khlongtoei-2566-mid", "สำนักงานเขตคลองเตย", "", 2566, "mid_year", MID, "Chakra Petch", portrait=True, digit_scope="overall", title_style="round_first", mixed=True),
    UnitPlan("drainage-2568", "สำนักการระบายน้ำ", "", 2568, "end_of_year", EOY, "Noto Serif Thai", district=False, thai_digits=True, title_style="official", mixed=True, value_first=True, damage="lost"),
    UnitPlan("pathumwan-2565-mid", "สำนักงานเขตปทุมวัน", "", 2565, "mid_year", MID, "K2D", portrait=True, digit_scope="forms", title_style="round_first", with_3_3=True, **B),
    UnitPlan("culture-2567", "สำนักวัฒนธรรม กีฬาและการท่องเที่ยว", "", 2567, "end_of_year", EOY, "Kinnari", district=False, digit_scope="forms", title_style="official", form_weights=True, chromium=True, **B),
    UnitPlan("laksi-2568-mid", "สำนักงานเขตหลักสี่", "", 2568, "mid_year", MID, "IBM Plex Sans Thai", portrait=True, title_style="official", mixed=True, value_first=True, chromium=True),
    UnitPlan("cityplanning-2566", "สำนักการวางผังและพัฒนาเมือง", "สำนักปลัดกรุงเทพมหานคร", 2566, "end_of_year", EOY, "KoHo", district=False, thai_digits=True, long_forms=True, form_weights=True, **B),
    UnitPlan("saimai-2568", "สำนักงานเขตสายไหม", "", 2568, "end_of_year", EOY, "", form_weights=True, **B),  # font drawn by the seed
    UnitPlan("bangkhen-2567-mid", "สำนักงานเขตบางเขน", "", 2567, "mid_year", HALF, "Kodchasan", with_3_3=True, digit_scope="overall", title_style="round_first", mixed=True, value_first=True, chromium=True),
)  # fmt: skip


DigitScript = Literal["thai", "arabic"]


def redrawn(plan: UnitPlan, font: str = "", digits: DigitScript | None = None) -> UnitPlan:
    """``plan`` drawn in ``font`` and/or with every number in ``digits`` ("thai" or "arabic");
    what the document says is the plan's (neither is drawn from its seeded RNG), so is its truth.

    >>> p = redrawn(PLANS[0], "Sarabun", "thai"); (p.key, p.font, p.thai_digits, p.digit_scope)
    ('bangrak-2567', 'Sarabun', True, '')
    """
    if digits not in (None, "thai", "arabic"):
        raise ValueError(f"digits must be 'thai' or 'arabic', not {digits!r}")
    plan = replace(plan, font=font or plan.font)
    if digits is None:
        return plan
    return replace(plan, thai_digits=digits == "thai", digit_scope="")


class _Gen:
    def __init__(self, plan: UnitPlan, seed: int) -> None:
        self.plan = plan
        self.seed = seed
        self.used: set[str] = set()
        self.rng = random.Random(f"{seed}:{plan.key}")

    def level(self) -> int:
        return self.rng.choice((3, 4, 4, 5, 5, 5))

    def criteria_indicator(self, code: str, weight: int, falling: bool) -> Indicator:
        pool: tuple[tuple[str, tuple[int, ...], int], ...] = V.FALLING if falling else V.RISING
        if self.plan.mixed:  # more indicators, and two rows never share a name
            pool += V.MORE_FALLING if falling else V.MORE_RISING
            pool = tuple(x for x in pool if x[0] not in self.used) or pool
        name, t, places = self.rng.choice(pool)
        self.used.add(name)
        lo, hi = min(t), max(t)
        value = quantize(D(self.rng.uniform(lo + (hi - lo) * 0.3, hi + (hi - lo) * 0.1)), places)
        if self.plan.mixed and name.startswith("ร้อยละ"):
            value = min(value, D(100))  # a percentage above 100 is no real result
        return Indicator(
            code, name, D(weight), "criteria", criteria=tuple(D(x) for x in t), result=value
        )

    def split(self, total: int) -> list[int]:
        """Weights of 5, 10 and 15 adding to ``total``, at most four of them."""
        out: list[int] = []
        while total > 0:
            w = (
                total
                if len(out) == 3
                else self.rng.choice([x for x in (5, 10, 10, 15) if x <= total])
            )
            out.append(w)
            total -= w
        return out

    def sub_indicators(self, component: str, total: int) -> list[Indicator]:
        if self.plan.mixed:
            weights = self.split(total)
        else:
            weights = [10] * (total // 10) if total > 10 and self.rng.random() < 0.7 else [total]
        names = list(V.DISTRICT_LEVEL if self.plan.district else V.DEPARTMENT_LEVEL)
        self.rng.shuffle(names)
        out = []
        share = 0.45 if self.plan.mixed else 0.25
        for k, w in enumerate(weights, 1):
            code = f"{component}.{k}"
            if self.rng.random() < share:
                out.append(
                    self.criteria_indicator(code, w, self.plan.falling and self.rng.random() < 0.6)
                )
            else:
                out.append(Indicator(code, names[k - 1], D(w), "level", level=self.level()))
        return out

    def date(self, late: bool = False) -> str:
        ce = self.plan.year - 543
        if self.plan.period == "mid_year":
            start = date(ce, 4, 1)
            d = start + timedelta(days=self.rng.randrange(0, 80))
        else:
            d = date(ce, 10, 1) + timedelta(days=self.rng.randrange(0, 75))
        return d.isoformat()

    def signatory(self) -> Signatory:
        name, position = self.rng.choice(V.EVALUATORS)
        return Signatory(
            name,
            position,
            self.date(),
            self.rng.choice(DATE_STYLES),
            office=self.rng.choice(V.OFFICES) if self.rng.random() < 0.3 else "",
            dots=self.rng.choice(("....", "..", "", "......")),
            scrawl=name.split()[0][3:] if self.rng.random() < 0.3 else "",
        )

    def pick(self, pool: tuple[str, ...], n: int) -> list[str]:
        return self.rng.sample(pool, min(n, len(pool)))

    def findings(self, inds: list[Indicator], long: bool) -> list[Finding]:
        unit = self.plan.unit
        out: list[Finding] = []
        if len(inds) > 1:
            for k, ind in enumerate(inds, 1):
                done = (
                    "ดำเนินการได้ตามเป้าหมาย"
                    if ind.level == 5
                    else "ดำเนินการได้บางส่วน ยังไม่ครบตามเป้าหมาย"
                )
                out.append(Finding("reason", k, f"{unit}{done}", "indicator"))
        else:
            out.append(
                Finding("reason", 1, f"{unit}ดำเนินการตามแผนที่กำหนดและรายงานผลครบถ้วน", "paragraph")
            )
        marker: Marker = self.rng.choice(("number", "dash", "paragraph"))
        weak = self.pick(V.WEAKNESSES, 5 if long else self.rng.choice((0, 1, 2)))
        for k, text in enumerate(weak, 1):
            out.append(Finding("weakness", k, text, marker if len(weak) > 1 else "paragraph"))
        for k, text in enumerate(
            self.pick(V.STRENGTHS, 5 if long else self.rng.choice((1, 2, 3))), 1
        ):
            out.append(Finding("strength", k, text, "number"))
        n_rec = 12 if long else self.rng.choice((0, 1, 2, 3))
        for k, text in enumerate(self.pick(V.RECOMMENDATIONS, n_rec), 1):
            out.append(Finding("recommendation", k, text, "number"))
        return out

    def innovation(self) -> ComponentForm:
        rng = self.rng
        subs = [quantize(D(rng.uniform(lo, hi)), 3) for lo, hi in ((1.5, 5), (4, 8), (3, 7))]
        project = rng.choice(V.PROJECTS)
        part3 = [
            Step(f"ชื่อโครงการ {project} ตัวชี้วัดที่ 1 นวัตกรรมที่พัฒนาแล้วเสร็จ 1 ระบบ", D(20), D(rng.choice((20, 20, 15))), "พัฒนาระบบแล้วเสร็จตามเป้าหมาย"),
            Step("ตัวชี้วัดที่ 2 ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม ไม่น้อยกว่าร้อยละ 80", D(10), D(rng.choice((10, 10, 5))), f"ร้อยละ {rng.randrange(80, 97)}.{rng.randrange(100, 999)}"),
            Step("ตัวชี้วัดที่ 3 ประโยชน์ของนวัตกรรม", D(15), D(rng.choice((15, 15, "7.5"))), "ลดระยะเวลาการให้บริการ"),
            Step("มีการนำนวัตกรรมไปใช้ภายในปีงบประมาณ", D(15), D(15), ""),
        ]  # fmt: skip
        parts = [
            Part(1, "การค้นหาและคัดเลือกแนวคิด", [Step("การค้นหาและคัดเลือกแนวคิด", D(20), D(rng.choice((20, 20, 15))))]),
            Part(2, "การกลั่นกรองนวัตกรรม", [Step(
                "คณะกรรมการพัฒนานวัตกรรมกรุงเทพมหานครพิจารณากลั่นกรองโครงการนวัตกรรมฯ", D(20), sum(subs, Decimal(0)),
                f"-แผนการดำเนินการ {subs[0]} คะแนน -ความคิดริเริ่มสร้างสรรค์ {subs[1]} คะแนน -ประโยชน์ของนวัตกรรม {subs[2]} คะแนน")]),
            Part(3, "ผลการดำเนินการ", part3, first_header="การดำเนินการ"),
        ]  # fmt: skip
        score = sum((s.score for p in parts for s in p.steps), Decimal(0))
        ind = Indicator("2.1", V.INNOVATION_NAME, D(10), "innovation", result=score)
        evidence = [
            Finding("evidence", k, t, "number") for k, t in enumerate(self.pick(V.EVIDENCE, 5), 1)
        ]
        findings = evidence + [f for f in self.findings([ind], False) if f.section != "reason"]
        return ComponentForm("2", 2, V.INNO, V.INNOVATION_NAME, "innovation", [ind], findings=findings,
                             parts=parts, innovation_total=score, signatory=self.signatory(),
                             show_parent=self.rng.random() < 0.5)  # fmt: skip

    def potential(self, component: str, weight: int) -> ComponentForm:
        rng = self.rng
        if component == "3.1":
            ind = Indicator("3.1", V.DIGITAL, D(weight), "criteria", criteria=tuple(D(x) for x in (3, 4, 5, 6, 7)),
                            result=D(rng.choice((5, 6, 7, 7))))  # fmt: skip
        elif component == "3.2":
            ind = Indicator("3.2", V.BUDGET, D(weight), "criteria", criteria=tuple(D(x) for x in (92, 94, 96, 98, 100)),
                            result=quantize(D(rng.uniform(94.5, 100)), 2))  # fmt: skip
        else:
            ind = Indicator("3.3", V.COMPLAINTS, D(weight), "criteria", criteria=tuple(D(x) for x in (10, 8, 6, 4, 2)),
                            result=quantize(D(rng.uniform(2.5, 9)), 1))  # fmt: skip
        shape: Shape = "weighted" if rng.random() < 0.75 else "simple"
        return ComponentForm(component, 3, V.POT, ind.name, shape, [ind], findings=self.findings([ind], False),
                             signatory=self.signatory())  # fmt: skip

    def national_font(self) -> str:
        """A national font drawn by the seed (a plan without a font of its own)."""
        return random.Random(f"{self.seed}:{self.plan.key}:font").choice(sorted(NATIONAL))

    def document(self) -> Document:
        p = self.plan
        comp3 = ["3.1", "3.2", "3.3"] if p.with_3_3 else ["3.1", "3.2"]
        comp1_total = 100 - 10 - 10 * len(comp3)
        if p.mixed:  # 1.1 from 25 to 40, every sub-component at least 5
            w11 = self.rng.choice([w for w in (25, 30, 35, 40) if w <= comp1_total - 10])
            w12 = self.rng.choice([w for w in (10, 15, 20) if w <= comp1_total - w11 - 5])
        else:
            w11 = self.rng.choice((30, 30, 20))
            w12 = self.rng.choice((10, 20))
        w13 = comp1_total - w11 - w12
        forms: list[ComponentForm] = []
        for k, (component, total) in enumerate((("1.1", w11), ("1.2", w12), ("1.3", w13))):
            inds = self.sub_indicators(component, total)
            long = p.long_forms and k == 0
            forms.append(ComponentForm(component, 1, V.PERF, V.SUB_TITLES[component], "list", inds,
                                       findings=self.findings(inds, long), signatory=self.signatory(),
                                       partners=self.rng.choice(V.PARTNERS) if component == "1.2" else None))  # fmt: skip
        forms.append(self.innovation())
        forms += [self.potential(c, 10) for c in comp3]
        doc = Document(
            source_id=p.key,
            unit_name=p.unit,
            parent_unit=p.parent,
            fiscal_year=p.year,
            period=p.period,
            period_label=p.period_label,
            forms=forms,
            decimals=p.decimals,
            thai_digits=p.thai_digits,
            font=p.font or self.national_font(),
            damage=p.damage,  # type: ignore[arg-type]
            overall_layout=p.layout,
            overall_portrait=p.portrait,
            digit_scope=p.digit_scope,
            title_style=p.title_style,
            form_codes=p.layout == "B",
            form_weights=p.form_weights,
            form_thresholds=p.layout == "B",
            value_first=p.value_first,
            chromium=p.chromium,
        )
        finish_document(doc)
        return doc


def synthetic_document(plan: UnitPlan, seed: int) -> Document:
    """A consistent document for ``plan``; the same plan and seed give the same document."""
    return _Gen(plan, seed).document()
