"""Render a ``Document`` as the printed Word forms: the overall table, then one form each.

>>> from samples.seed_doc import seed_document
>>> r = render_document(seed_document()); r.form_pages[0]
(1, 2)
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from samples.layout import MARGIN, Cell, Writer
from samples.model import (
    CRITERIA_BY_BOARD,
    SECTION_LABELS,
    ComponentForm,
    Document,
    Indicator,
    SectionName,
)
from samples.shaping import exact_text_layer
from samples.thai_format import format_number, format_thai_date, to_thai_digits

__all__ = ["Rendered", "render_document"]

SECTION_ORDER: tuple[SectionName, ...] = (
    "reason",
    "evidence",
    "weakness",
    "strength",
    "recommendation",
)
STANDARD: tuple[SectionName, ...] = ("reason", "weakness", "strength", "recommendation")


@dataclass
class Rendered:
    pdf: bytes
    form_pages: list[tuple[int, int]]  # overall first, then each printed component form
    pages: list[list[str]]  # the lines and table rows of each page, as printed


class _Printer:
    def __init__(self, doc: Document, seed: int) -> None:
        self.doc = doc
        self.w = Writer(doc.font, seed=seed)

    def t(self, text: str) -> str:
        return to_thai_digits(text) if self.doc.thai_digits else text

    def n(self, value: Decimal | None, decimals: int | None = None, trim: bool = False) -> str:
        if value is None:
            return ""
        places = self.doc.decimals if decimals is None else decimals
        return format_number(value, places, self.doc.thai_digits, trim)

    def w_(self, value: Decimal) -> str:
        """A weight: whole numbers bare."""
        return format_number(value, 2, self.doc.thai_digits, trim=True)

    # -- overall -----------------------------------------------------------------------
    def overall(self) -> tuple[int, int]:
        doc, w = self.doc, self.w
        w.new_page("L")
        start = w.page_no
        year = doc.fiscal_year
        title = f"ผลการประเมินผลการปฏิบัติงานประจำปีงบประมาณ พ.ศ. {year}"
        if doc.period == "mid_year":
            title += f" ({doc.period_label})"
        w.para(self.t(title), bold=True, align="C")
        w.para(f"ของหน่วยงาน {doc.unit_name}", bold=True, align="C")
        w.gap(6)
        w.set_scale(0.78)
        widths = [92.0, 196, 42, 40, 40, 40, 40, 40, 70, 56, 86]
        header = [
            [Cell("องค์ประกอบ", align="C", bold=True), Cell("ตัวชี้วัด", align="C", bold=True),
             Cell("น้ำหนัก (ร้อยละ)", align="C", bold=True),
             Cell("เป้าหมาย/เกณฑ์การให้คะแนน", 5, "C", True),
             Cell("ผลการดำเนินการ", 2, "C", True), Cell("หมายเหตุ", align="C", bold=True)],
            [Cell(cont=True), Cell(cont=True), Cell(cont=True)]
            + [Cell(self.t(f"{k} คะแนน"), align="C", bold=True) for k in range(1, 6)]
            + [Cell("ผลการดำเนินงานตามตัวชี้วัด", align="C", bold=True),
               Cell("ค่าคะแนนที่ได้", align="C", bold=True), Cell(cont=True)],
        ]  # fmt: skip
        rows: list[list[Cell]] = []
        for comp_no in sorted({f.comp_no for f in doc.forms}):
            forms = [f for f in doc.forms if f.comp_no == comp_no]
            first = len(rows)
            for form in forms:
                inds = [i for i in form.indicators if i.in_overall]
                if comp_no == 1:
                    board = any(i.kind == "level" for i in inds)
                    rows.append([Cell(cont=True), Cell(self.t(f"{form.component} {form.sub_title}")),
                                 Cell(), Cell(CRITERIA_BY_BOARD if board else "", 5, "C"),
                                 Cell(), Cell(), Cell()])  # fmt: skip
                group_total = sum((i.overall_weighted for i in inds), Decimal(0))
                for k, ind in enumerate(inds):
                    rows.append(self._overall_row(ind, comp_no == 1, k, group_total))
            if len(rows) > first:
                rows[first][0] = Cell(self.t(f"องค์ประกอบที่ {comp_no} {forms[0].comp_title}"))
        rows.append([Cell("ผลการดำเนินการ", 2, "C", True), Cell(self.w_(doc.overall_weight_total or Decimal(0)), align="C"),
                     Cell("", 5), Cell(), Cell(self.n(doc.overall_total), align="C", bold=True), Cell()])  # fmt: skip
        w.table(widths, rows, header)
        w.set_scale(1.0)
        return start, w.page_no

    def _overall_row(
        self, ind: Indicator, in_group: bool, k: int, group_total: Decimal
    ) -> list[Cell]:
        if ind.criteria:
            crit = [Cell(self.t(format(c.normalize(), "f")), align="C") for c in ind.criteria]
        elif in_group:
            crit = [Cell(cont=True, span=5)]  # merged with the sub-component's board cell
        else:
            crit = [Cell(CRITERIA_BY_BOARD, 5, "C")]
        score = Cell(self.n(ind.overall_weighted), align="C")
        if self.doc.group_scores and in_group:
            score = Cell(self.n(group_total), align="C") if k == 0 else Cell(cont=True)
        return [
            Cell(cont=True),
            Cell(self.t(f"{ind.code} {ind.name}")),
            Cell(self.w_(ind.overall_weight), align="C"),
            *crit,
            Cell(self.t(ind.overall_result_text), align="C"),
            score,
            Cell(self.t(ind.note)),
        ]

    # -- component forms -----------------------------------------------------------------
    def component(self, form: ComponentForm) -> tuple[int, int]:
        doc, w = self.doc, self.w
        w.new_page("P")
        start = w.page_no
        year = form.year_override or doc.fiscal_year
        w.para("แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ", bold=True, align="C")
        w.para(self.t(f"ของหน่วยงานสังกัดกรุงเทพมหานคร ประจำปีงบประมาณ พ.ศ. {year} ({doc.period_label})"),
               bold=True, align="C")  # fmt: skip
        w.gap(8)
        unit = form.unit_override or doc.unit_name
        if form.show_parent and doc.parent_unit:
            unit = f"{unit} {doc.parent_unit}"
        w.para(f"ชื่อหน่วยงานผู้รับการประเมิน : {unit}", bold=True)
        w.para(self.t(f"องค์ประกอบที่ {form.comp_no} : {form.comp_title}"), bold=True)
        if form.comp_no == 1:
            w.para(self.t(f"{form.component} {form.sub_title}"), bold=True)
        elif form.component == "2":
            w.para(self.t(f"ตัวชี้วัด : {form.sub_title}"), bold=True)
        else:
            label = "ตัวชี้วัดที่" if form.component.endswith(("2", "3")) else "ตัวชี้วัด"
            w.para(self.t(f"{label} {form.component} : {form.sub_title}"), bold=True)
        if form.partners is not None:
            w.para(f"หน่วยงานที่ร่วมดำเนินการ : {form.partners}".rstrip(), bold=True)
        if form.shape == "list":
            weight = "" if form.declared_weight is None else self.w_(form.declared_weight)
            w.para(f"ผลคะแนน (น้ำหนักคะแนนรวม {self.t(weight)} คะแนน) :", bold=True)
        else:
            w.para("ผลคะแนน :", bold=True)
        w.gap(4)
        self._score_table(form)
        w.gap(6)
        w.para("ผลการตรวจติดตามประเมินผล :", bold=True)
        for section in SECTION_ORDER:
            items = [f for f in form.findings if f.section == section]
            if not items and section not in STANDARD:
                continue
            w.bullet_heading(SECTION_LABELS[section])
            if section == "reason" and form.parts:
                self._parts(form)
            if not items and not (section == "reason" and form.parts):
                w.para("-ไม่มี-", indent=20)
            for f in items:
                text = self.t(f.text)
                if f.marker == "number":
                    w.para(text, indent=20, hanging=self.t(f"{f.item_no}."))
                elif f.marker == "dash":
                    w.para(text, indent=20, hanging="-")
                elif f.marker == "indicator":
                    w.para(self.t(f"ตัวชี้วัดที่ {f.item_no} : ") + text, indent=20)
                else:
                    w.para(text, indent=20)
            w.gap(3)
        self._signatory(form)
        return start, w.page_no

    def _score_table(self, form: ComponentForm) -> None:
        w = self.w
        dec = form.decimals
        full = w.width
        if form.shape == "list":
            numbered = len(form.indicators) > 1
            rows = [
                [Cell(self.t(f"{k}. {i.name}" if numbered else i.name)),
                 Cell(self.t(i.result_text), align="C"),
                 Cell(self.n(i.weighted, dec, trim=True), align="C")]
                for k, i in enumerate(form.indicators, 1)
            ]  # fmt: skip
            total = (
                "" if form.declared_total is None else self.n(form.declared_total, dec, trim=True)
            )
            rows.append(
                [Cell(), Cell("รวม", align="C", bold=True), Cell(total, align="C", bold=True)]
            )
            head = [Cell("ตัวชี้วัด", align="C", bold=True), Cell("ผลการดำเนินงาน", align="C", bold=True),
                    Cell("คะแนนที่ได้", align="C", bold=True)]  # fmt: skip
            w.table([full - 190, 120, 70], rows, [head])
            return
        ind = form.indicators[0]
        head = [Cell("น้ำหนัก (ร้อยละ)", align="C", bold=True), Cell("ผลการดำเนินงาน", align="C", bold=True),
                Cell("คะแนนที่ได้", align="C", bold=True)]  # fmt: skip
        weight = Cell("" if ind.weight is None else self.w_(ind.weight), align="C")
        result = Cell(self.t(ind.result_text), align="C")
        if form.shape == "simple":
            row = [weight, result, Cell(self.n(ind.weighted, dec, trim=True), align="C")]
            w.table([full / 3] * 3, [row], [head])
            return
        head.append(Cell("ค่าคะแนนถ่วงน้ำหนัก", align="C", bold=True))
        pct_dec = 3 if form.shape == "innovation" else 2
        row = [weight, result, Cell(self.n(ind.score_pct, pct_dec), align="C"),
               Cell(self.n(ind.weighted, 3 if form.shape == "innovation" else dec), align="C")]  # fmt: skip
        w.table([full / 4] * 4, [row], [head])

    def _parts(self, form: ComponentForm) -> None:
        w = self.w
        full = w.width
        widths = [full * 0.46, 48, 60, full * 0.54 - 108]
        for k, part in enumerate(form.parts):
            w.ensure(w.line_h * 5)
            w.para(self.t(f"ส่วนที่ {part.no} : {part.title}"), bold=True)
            head = [Cell(part.first_header, align="C", bold=True), Cell("คะแนน", align="C", bold=True),
                    Cell("คะแนนที่ได้", align="C", bold=True), Cell("หมายเหตุ", align="C", bold=True)]  # fmt: skip
            rows = [
                [Cell(self.t(f"{s.item} {s.glued}".strip())), Cell(self.n(s.max_score, 3, trim=True), align="C"),
                 Cell(self.n(s.score, 3, trim=True), align="C"), Cell(self.t(s.note))]
                for s in part.steps
            ]  # fmt: skip
            if k == len(form.parts) - 1:
                max_total = sum((s.max_score for p in form.parts for s in p.steps), Decimal(0))
                if any(s.glued for p in form.parts for s in p.steps):
                    max_total = Decimal(100)  # the lost row's points are still in the printed total
                rows.append([Cell("คะแนนรวม", align="C", bold=True), Cell(self.n(max_total, 3, trim=True), align="C"),
                             Cell(self.n(form.innovation_total, 3, trim=True), align="C", bold=True), Cell()])  # fmt: skip
            w.table(widths, rows, [head])
            w.gap(4)

    def _signatory(self, form: ComponentForm) -> None:
        sig = form.signatory
        if sig is None:
            return
        w = self.w
        x = MARGIN + w.width * 0.40
        lines = 6 + (1 if sig.office else 0)
        w.ensure(w.line_h * lines + 10)
        w.gap(10)
        w.text_at(MARGIN + w.width * 0.30, "เจ้าหน้าที่ผู้สรุปผลการตรวจติดตามประเมินผล :", bold=True)
        w.y += w.line_h * 1.6
        w.text_at(x, "ลงชื่อ" + sig.dots)
        if sig.scrawl:
            w.text_at(x + 70, sig.scrawl, italic=True)
        else:
            w.scrawl(x + 60, w.y + w.line_h * 0.6, 110)
        w.y += w.line_h
        w.text_at(x + 20, f"({sig.name})")
        w.y += w.line_h
        w.text_at(x, self.t(f"ตำแหน่ง {sig.position}"))
        w.y += w.line_h
        if sig.office:
            w.text_at(x, sig.office)
            w.y += w.line_h
        date_text = format_thai_date(sig.signed_date, sig.date_style)
        if self.doc.thai_digits:
            date_text = to_thai_digits(date_text)
        w.text_at(x, f"วัน/เดือน/ปี{sig.dots} {date_text}")
        w.y += w.line_h


def render_document(doc: Document, seed: int = 0) -> Rendered:
    """Lay the document out; the PDF bytes are the same for the same document and seed."""
    with exact_text_layer():
        p = _Printer(doc, seed)
        pages = [p.overall()]
        pages += [p.component(f) for f in doc.forms if f.printed]
        buf = io.BytesIO()
        p.w.pdf.output(buf)
    return Rendered(buf.getvalue(), pages, p.w.pages)
