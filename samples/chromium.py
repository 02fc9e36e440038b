"""The born-digital variant another hand makes: each form as HTML+CSS printed by headless Chromium.

Chromium writes its own text layer: with the TLWG faces, a Thai mark that shaping moves (a
tone mark over a tall vowel, sara am's nikhahit) is a glyph whose only code point is private
use (U+F700–U+F71A), and that is what the PDF maps it to, as in many real files. Every form is
printed on its own and the PDFs joined, so each form's pages are known for the truth.

>>> table = html_table(Table([30.0, 70.0], [[Cell("a", span=2)]], [[Cell("x"), Cell("y")]]))
>>> table.endswith('<tbody><tr><td colspan="2">a</td></tr></tbody></table>')
True
"""

from __future__ import annotations

import html
import io
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf

from samples.fonts import font_path
from samples.layout import FONT_SIZES, NATIONAL_SIZE, Cell
from samples.model import SECTION_LABELS, ComponentForm, Document
from samples.render import SECTION_ORDER, STANDARD, Rendered, Table, _Printer

__all__ = ["chromium_binary", "html_table", "render_chromium"]

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer",
)  # fmt: skip


def chromium_binary() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def html_table(table: Table) -> str:
    """Rows of ``Cell`` as an HTML table: a ``cont`` cell extends the cell above (rowspan)."""

    def starts(row: list[Cell]) -> list[tuple[int, Cell]]:
        out, col = [], 0
        for cell in row:
            out.append((col, cell))
            col += cell.span
        return out

    def render(rows: list[list[Cell]], tag: str) -> list[str]:
        laid = [starts(r) for r in rows]
        covered: set[tuple[int, int]] = set()  # (row, col) of cont cells a rowspan above draws
        lines = []
        for i, row in enumerate(laid):
            cells = []
            for col, cell in row:
                if cell.cont and (i, col) in covered:
                    continue
                # A rowspan takes only the cont cells of the same columns straight below: a
                # merged criteria cell (5 columns) is not continued by one criterion cell, and
                # a cont cell whose cell above is not its own is drawn empty (as the text
                # variant draws it), not left out, which would shift the row's cells left.
                span = 1
                while i + span < len(laid) and any(
                    c == col and x.cont and x.span == cell.span for c, x in laid[i + span]
                ):
                    covered.add((i + span, col))
                    span += 1
                attrs = f' colspan="{cell.span}"' if cell.span > 1 else ""
                attrs += f' rowspan="{span}"' if span > 1 else ""
                cls = " ".join(k for k, on in (("c", cell.align == "C"), ("b", cell.bold)) if on)
                attrs += f' class="{cls}"' if cls else ""
                cells.append(f"<{tag}{attrs}>{_esc(cell.text)}</{tag}>")
            lines.append("<tr>" + "".join(cells) + "</tr>")
        return lines

    total = sum(table.widths)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in table.widths)
    head = "".join(render(table.header, "th"))
    body = "".join(render(table.rows, "td"))
    return f"<table><colgroup>{cols}</colgroup><thead>{head}</thead><tbody>{body}</tbody></table>"


def _page(doc: Document, body: str, landscape: bool, scale: float = 1.0) -> str:
    size = FONT_SIZES.get(doc.font, NATIONAL_SIZE) * scale
    faces = "".join(
        f'@font-face{{font-family:"Form";src:url("{font_path(doc.font, w).as_uri()}");'
        f"font-weight:{w};}}"
        for w in (400, 700)
    )
    css = (
        f"{faces}@page{{size:A4 {'landscape' if landscape else 'portrait'};margin:16mm 17mm}}"
        f'body{{font-family:"Form";font-size:{size:.2f}pt;line-height:1.3;margin:0}}'
        "p{margin:0}.t{text-align:center;font-weight:700}.h{font-weight:700}"
        "table{border-collapse:collapse;width:100%;table-layout:fixed;margin:3pt 0}"
        "thead{display:table-header-group}tr{break-inside:avoid}"
        "td,th{border:0.6pt solid #000;padding:2pt 3pt;vertical-align:top;text-align:left;"
        "font-weight:400}.c{text-align:center}.b{font-weight:700}"
        ".i{margin-left:20pt}.n{margin-left:38pt;text-indent:-18pt}"
        ".sig{margin:12pt 0 0 40%;break-inside:avoid}.sig .h{margin-left:-10%}"
    )
    return f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><style>{css}</style></head><body>{body}</body></html>'


def _overall(p: _Printer) -> str:
    doc = p.doc
    body = f'<p class="t">{_esc(p.overall_title())}</p><p class="t">ของหน่วยงาน {_esc(doc.unit_name)}</p>'
    scale = 0.72 if doc.overall_portrait else 0.78
    return _page(doc, body + html_table(p.overall_table()), not doc.overall_portrait, scale)


def _squiggle(rng: random.Random) -> str:
    """A signature: a few random strokes (a path, no text)."""
    points = " ".join(f"{x * 9},{10 + rng.uniform(-7, 7):.1f}" for x in range(13))
    return (
        '<svg width="110" height="20" style="vertical-align:middle">'
        f'<polyline points="{points}" fill="none" stroke="#000" stroke-width="0.9"/></svg>'
    )


def _form(p: _Printer, form: ComponentForm, rng: random.Random) -> str:
    p.tables("forms")
    titles, lines = p.form_heading(form)
    out = [f'<p class="t">{_esc(t)}</p>' for t in titles] + ['<p style="height:6pt"></p>']
    out += [f'<p class="h">{_esc(line)}</p>' for line in lines]
    out.append(html_table(p.score_table(form)))
    out.append('<p class="h">ผลการตรวจติดตามประเมินผล :</p>')
    for section in SECTION_ORDER:
        items = [f for f in form.findings if f.section == section]
        if not items and section not in STANDARD:
            continue
        out.append(f'<p class="h">■ {_esc(SECTION_LABELS[section])}</p>')
        if section == "reason" and form.parts:
            for title, table in p.part_tables(form):
                out.append(f'<p class="h">{_esc(title)}</p>{html_table(table)}')
        if not items and not (section == "reason" and form.parts):
            out.append('<p class="i">-ไม่มี-</p>')
        for f in items:
            text = _esc(p.t(f.text))
            if f.marker == "number":
                out.append(f'<p class="n">{_esc(p.t(f"{f.item_no}."))} {text}</p>')
            elif f.marker == "dash":
                out.append(f'<p class="n">- {text}</p>')
            elif f.marker == "indicator":
                out.append(f'<p class="i">{_esc(p.t(f"ตัวชี้วัดที่ {f.item_no} : "))}{text}</p>')
            else:
                out.append(f'<p class="i">{text}</p>')
    sig = form.signatory
    if sig is not None:
        mark = _esc(sig.scrawl) if sig.scrawl else _squiggle(rng)
        office = f"<p>{_esc(sig.office)}</p>" if sig.office else ""
        out.append(
            '<div class="sig"><p class="h">เจ้าหน้าที่ผู้สรุปผลการตรวจติดตามประเมินผล :</p>'
            f'<p style="margin-top:8pt">ลงชื่อ{sig.dots} {mark}</p><p>({_esc(sig.name)})</p>'
            f"<p>{_esc(p.t(f'ตำแหน่ง {sig.position}'))}</p>{office}"
            f"<p>วัน/เดือน/ปี{sig.dots} {_esc(p.signed_text(form))}</p></div>"
        )
    return _page(p.doc, "".join(out), landscape=False)


def _print(pages: list[str]) -> list[bytes]:
    """Each HTML page printed to PDF by headless Chromium (one profile, thrown away)."""
    binary = chromium_binary()
    if binary is None:
        raise RuntimeError("chromium is not installed (make setup installs it)")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, page in enumerate(pages):
            src, dst = Path(tmp) / f"{k}.html", Path(tmp) / f"{k}.pdf"
            src.write_text(page, encoding="utf-8")
            subprocess.run(
                [binary, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile",
                 f"--print-to-pdf={dst}", src.as_uri()],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            out.append(dst.read_bytes())
    return out


def render_chromium(doc: Document, seed: int = 0) -> Rendered:
    """The document as Chromium prints it; ``form_pages`` from each form's own page count."""
    p = _Printer(doc, seed)
    rng = random.Random(f"{seed}:{doc.source_id}:chromium")
    parts = _print([_overall(p)] + [_form(p, f, rng) for f in doc.forms if f.printed])
    joined = pikepdf.new()
    spans, page = [], 0
    for data in parts:
        with pikepdf.open(io.BytesIO(data)) as one:
            joined.pages.extend(one.pages)
            spans.append((page + 1, page + len(one.pages)))
            page += len(one.pages)
    # Chromium stamps the time it printed: a fixed date keeps the same seed's file the same.
    joined.docinfo = joined.make_indirect(
        pikepdf.Dictionary(
            Creator=pikepdf.String("Chromium"),
            Producer=pikepdf.String("Skia/PDF m120"),
            CreationDate=pikepdf.String("D:20241001000000+00'00'"),
        )
    )
    buf = io.BytesIO()
    joined.save(buf, deterministic_id=True)
    return Rendered(buf.getvalue(), spans, [[] for _ in range(page)])
