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
class Table:
    widths: list[float]
    rows: list[list[Cell]]
    header: list[list[Cell]]


@dataclass
class Rendered:
    pdf: bytes
    form_pages: list[tuple[int, int]]  # overall first, then each printed component form
    pages: list[list[str]]  # the lines and table rows of each page, as printed


class _Printer:
    def __init__(self, doc: Document, seed: int) -> None:
        self.doc = doc
        self.w = Writer(doc.font, seed=seed)
        self.cells_thai = doc.thai_digits  # Thai digits in the table being drawn

    def t(self, text: str) -> str:
        return to_thai_digits(text) if self.doc.thai_digits else text

    def c(self, text: str) -> str:
        """A table cell's text (Thai digits where the document prints them in this table)."""
        return to_thai_digits(text) if self.cells_thai else text

    def tables(self, scope: str) -> None:
        """Draw the next tables with the digits the document uses in ``scope``."""
        self.cells_thai = self.doc.thai_digits or self.doc.digit_scope == scope

    def n(self, value: Decimal | None, decimals: int | None = None, trim: bool = False) -> str:
        if value is None:
            return ""
        places = self.doc.decimals if decimals is None else decimals
        return format_number(value, places, self.cells_thai, trim)

    def w_(self, value: Decimal) -> str:
        """A weight: whole numbers bare."""
        return format_number(value, 2, self.cells_thai, trim=True)

    def title(self, lead: str) -> str:
        """``lead`` with the fiscal year and the period as the document words them."""
        doc = self.doc
        year = f"ประจำปีงบประมาณ พ.ศ. {doc.fiscal_year}"
        if doc.title_style == "round_first":
            return self.t(f"{lead} {doc.period_label} {year}")
        return self.t(f"{lead} {year} ({doc.period_label})")

    # -- overall -----------------------------------------------------------------------
    def overall_title(self) -> str:
        doc = self.doc
        if doc.title_style != "plain":
            return self.title("ผลการประเมินผลการปฏิบัติราชการ")
        title = f"ผลการประเมินผลการปฏิบัติงานประจำปีงบประมาณ พ.ศ. {doc.fiscal_year}"
        if doc.period == "mid_year":
            title += f" ({doc.period_label})"
        return self.t(title)

    def overall(self) -> tuple[int, int]:
        doc, w = self.doc, self.w
        portrait = doc.overall_portrait
        w.new_page("P" if portrait else "L")
        start = w.page_no
        w.para(self.overall_title(), bold=True, align="C")
        w.para(f"ของหน่วยงาน {doc.unit_name}", bold=True, align="C")
        w.gap(6)
        # A portrait page is two thirds of a landscape one wide: same columns, smaller type.
        fit = w.width / 742.0 if portrait else 1.0
        w.set_scale(0.78 * fit**0.5 * (0.92 if portrait else 1.0))
        table = self.overall_table()
        w.table(table.widths, table.rows, table.header)
        w.set_scale(1.0)
        return start, w.page_no

    def overall_table(self) -> Table:
        doc = self.doc
        fit = self.w.width / 742.0 if doc.overall_portrait else 1.0
        widths = [x * fit for x in (92.0, 196, 42, 40, 40, 40, 40, 40, 70, 56, 86)]
        self.tables("overall")
        header = [
            [Cell("องค์ประกอบ", align="C", bold=True), Cell("ตัวชี้วัด", align="C", bold=True),
             Cell("น้ำหนัก (ร้อยละ)", align="C", bold=True),
             Cell("เป้าหมาย/เกณฑ์การให้คะแนน", 5, "C", True),
             Cell("ผลการดำเนินการ", 2, "C", True), Cell("หมายเหตุ", align="C", bold=True)],
            [Cell(cont=True), Cell(cont=True), Cell(cont=True)]
            + [Cell(self.c(f"{k} คะแนน"), align="C", bold=True) for k in range(1, 6)]
            + [Cell("ผลการดำเนินงานตามตัวชี้วัด", align="C", bold=True),
               Cell("ค่าคะแนนที่ได้", align="C", bold=True), Cell(cont=True)],
        ]  # fmt: skip
        layout_b = doc.overall_layout == "B"
        rows: list[list[Cell]] = []
        for comp_no in sorted({f.comp_no for f in doc.forms}):
            forms = [f for f in doc.forms if f.comp_no == comp_no]
            first = len(rows)
            for form in forms:
                inds = [i for i in form.indicators if i.in_overall]
                if comp_no == 1 and not layout_b:
                    board = any(i.kind == "level" for i in inds)
                    rows.append([Cell(cont=True), Cell(self.c(f"{form.component} {form.sub_title}")),
                                 Cell(), Cell(CRITERIA_BY_BOARD if board else "", 5, "C"),
                                 Cell(), Cell(), Cell()])  # fmt: skip
                group_total = sum((i.overall_weighted for i in inds), Decimal(0))
                for k, ind in enumerate(inds):
                    in_group = comp_no == 1 and not layout_b
                    rows.append(self._overall_row(ind, in_group, k, group_total))
                if comp_no == 1 and layout_b and inds:
                    weight = sum((i.overall_weight for i in inds), Decimal(0))
                    rows.append([Cell(cont=True), Cell(self.c(f"รวม {form.component}"), bold=True),
                                 Cell(self.w_(weight), align="C", bold=True), Cell("", 5), Cell(),
                                 Cell(self.n(group_total), align="C", bold=True), Cell()])  # fmt: skip
            if len(rows) > first:
                rows[first][0] = Cell(self.c(f"องค์ประกอบที่ {comp_no} {forms[0].comp_title}"))
        label = "รวมผลการดำเนินการ" if layout_b else "ผลการดำเนินการ"
        rows.append([Cell(label, 2, "C", True), Cell(self.w_(doc.overall_weight_total or Decimal(0)), align="C"),
                     Cell("", 5), Cell(), Cell(self.n(doc.overall_total), align="C", bold=True), Cell()])  # fmt: skip
        return Table(widths, rows, header)

    def _overall_row(
        self, ind: Indicator, in_group: bool, k: int, group_total: Decimal
    ) -> list[Cell]:
        if ind.criteria:
            crit = [Cell(self.c(format(c.normalize(), "f")), align="C") for c in ind.criteria]
        elif in_group:
            crit = [Cell(cont=True, span=5)]  # merged with the sub-component's board cell
        else:
            crit = [Cell(CRITERIA_BY_BOARD, 5, "C")]
        score = Cell(self.n(ind.overall_weighted), align="C")
        if self.doc.group_scores and in_group:
            score = Cell(self.n(group_total), align="C") if k == 0 else Cell(cont=True)
        return [
            Cell(cont=True),
            Cell(self.c(f"{ind.code} {ind.name}")),
            Cell(self.w_(ind.overall_weight), align="C"),
            *crit,
            Cell(self.c(ind.overall_result_text), align="C"),
            score,
            Cell(self.t(ind.note)),
        ]

    # -- component forms -----------------------------------------------------------------
    def component(self, form: ComponentForm) -> tuple[int, int]:
        w = self.w
        w.new_page("P")
        start = w.page_no
        self.tables("forms")
        titles, lines = self.form_heading(form)
        for line in titles:
            w.para(line, bold=True, align="C")
        w.gap(8)
        for line in lines:
            w.para(line, bold=True)
        w.gap(4)
        table = self.score_table(form)
        w.table(table.widths, table.rows, table.header)
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

    def form_heading(self, form: ComponentForm) -> tuple[list[str], list[str]]:
        """A form's centred title lines and the bold lines under them, down to ผลคะแนน."""
        doc = self.doc
        year = form.year_override or doc.fiscal_year
        if doc.title_style == "round_first":
            heading = f"ของหน่วยงานสังกัดกรุงเทพมหานคร {doc.period_label} ประจำปีงบประมาณ พ.ศ. {year}"
        else:
            heading = f"ของหน่วยงานสังกัดกรุงเทพมหานคร ประจำปีงบประมาณ พ.ศ. {year} ({doc.period_label})"
        titles = ["แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ", self.t(heading)]
        unit = form.unit_override or doc.unit_name
        if form.show_parent and doc.parent_unit:
            unit = f"{unit} {doc.parent_unit}"
        lines = [f"ชื่อหน่วยงานผู้รับการประเมิน : {unit}",
                 self.t(f"องค์ประกอบที่ {form.comp_no} : {form.comp_title}")]  # fmt: skip
        if form.comp_no == 1:
            lines.append(self.t(f"{form.component} {form.sub_title}"))
        elif form.component == "2":
            lines.append(self.t(f"ตัวชี้วัด : {form.sub_title}"))
        else:
            label = "ตัวชี้วัดที่" if form.component.endswith(("2", "3")) else "ตัวชี้วัด"
            lines.append(self.t(f"{label} {form.component} : {form.sub_title}"))
        if form.partners is not None:
            lines.append(f"หน่วยงานที่ร่วมดำเนินการ : {form.partners}".rstrip())
        if form.shape == "list":
            weight = form.declared_weight
            printed = "" if weight is None else format_number(weight, 2, trim=True)
            lines.append(f"ผลคะแนน (น้ำหนักคะแนนรวม {self.t(printed)} คะแนน) :")
        else:
            lines.append("ผลคะแนน :")
        return titles, lines

    def signed_text(self, form: ComponentForm) -> str:
        assert form.signatory is not None
        text = format_thai_date(form.signatory.signed_date, form.signatory.date_style)
        return to_thai_digits(text) if self.doc.thai_digits else text

    def list_table(self, form: ComponentForm) -> Table:
        """A 1.x form's rows: numbered 1., 2. (or full codes), optionally with their weights."""
        w, dec, doc = self.w, form.decimals, self.doc
        numbered = len(form.indicators) > 1 or doc.form_codes
        rows = []
        for k, i in enumerate(form.indicators, 1):
            label = f"{i.code if doc.form_codes else f'{k}.'} {i.name}" if numbered else i.name
            row = [Cell(self.c(label))]
            if doc.form_weights:
                row.append(Cell(self.w_(i.weight), align="C"))
            row += [Cell(self.c(i.result_text), align="C"),
                    Cell(self.n(i.weighted, dec, trim=True), align="C")]  # fmt: skip
            rows.append(row)
        total = "" if form.declared_total is None else self.n(form.declared_total, dec, trim=True)
        total_row = [Cell(), Cell("รวม", align="C", bold=True), Cell(total, align="C", bold=True)]
        head = [Cell("ตัวชี้วัด", align="C", bold=True), Cell("ผลการดำเนินงาน", align="C", bold=True),
                Cell("คะแนนที่ได้", align="C", bold=True)]  # fmt: skip
        widths = [w.width - 190, 120, 70]
        if doc.form_weights:
            weight = "" if form.declared_weight is None else self.w_(form.declared_weight)
            total_row = [Cell("รวม", align="C", bold=True), Cell(weight, align="C", bold=True),
                         Cell(), Cell(total, align="C", bold=True)]  # fmt: skip
            head.insert(1, Cell("น้ำหนัก", align="C", bold=True))
            widths = [w.width - 240, 50, 120, 70]
        rows.append(total_row)
        return Table(widths, rows, [head])

    def score_table(self, form: ComponentForm) -> Table:
        dec = form.decimals
        full = self.w.width
        if form.shape == "list":
            return self.list_table(form)
        ind = form.indicators[0]
        head = [Cell("น้ำหนัก (ร้อยละ)", align="C", bold=True), Cell("ผลการดำเนินงาน", align="C", bold=True),
                Cell("คะแนนที่ได้", align="C", bold=True)]  # fmt: skip
        row = [Cell("" if ind.weight is None else self.w_(ind.weight), align="C"),
               Cell(self.c(ind.result_text), align="C")]  # fmt: skip
        if form.shape == "simple":
            row.append(Cell(self.n(ind.weighted, dec, trim=True), align="C"))
        else:
            head.append(Cell("ค่าคะแนนถ่วงน้ำหนัก", align="C", bold=True))
            pct_dec = 3 if form.shape == "innovation" else 2
            row += [Cell(self.n(ind.score_pct, pct_dec), align="C"),
                    Cell(self.n(ind.weighted, 3 if form.shape == "innovation" else dec), align="C")]  # fmt: skip
        if not (self.doc.form_thresholds and form.comp_no == 3 and ind.criteria):
            return Table([full / len(row)] * len(row), [row], [head])
        # The five thresholds between the weight and the result, under one spanning heading.
        marks = [Cell(self.c(format(t.normalize(), "f")), align="C") for t in ind.criteria]
        top = [head[0], Cell("เกณฑ์การให้คะแนน", 5, "C", True), *head[1:]]
        second = [Cell(cont=True)] + [
            Cell(self.c(f"{k}"), align="C", bold=True) for k in range(1, 6)
        ]
        second += [Cell(cont=True) for _ in head[1:]]
        rest = (full - 60 - 5 * 36) / (len(row) - 1)
        return Table(
            [60.0] + [36.0] * 5 + [rest] * (len(row) - 1),
            [[row[0], *marks, *row[1:]]],
            [top, second],
        )

    def _parts(self, form: ComponentForm) -> None:
        w = self.w
        for title, table in self.part_tables(form):
            w.ensure(w.line_h * 5)
            w.para(title, bold=True)
            w.table(table.widths, table.rows, table.header)
            w.gap(4)

    def part_tables(self, form: ComponentForm) -> list[tuple[str, Table]]:
        """The innovation form's step tables, each with its ส่วนที่ heading."""
        full = self.w.width
        widths = [full * 0.46, 48, 60, full * 0.54 - 108]
        out = []
        for k, part in enumerate(form.parts):
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
            out.append((self.t(f"ส่วนที่ {part.no} : {part.title}"), Table(widths, rows, [head])))
        return out

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
        w.text_at(x, f"วัน/เดือน/ปี{sig.dots} {self.signed_text(form)}")
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
