"""Cards of the review report: one per flag and one per low-confidence number, each with
its evidence (a crop with the box drawn, or the source lines), filterable by data attributes.

>>> from thaieval.pipeline.report.source import Evidence
>>> evidence_html(Evidence("none", label("source_missing", path="a.pdf")))
'<figure class="evidence missing"><figcaption data-en="source file not found: a.pdf">ไม่พบไฟล์ต้นฉบับ: a.pdf</figcaption></figure>'
"""

from __future__ import annotations

from html import escape

from thaieval.pipeline.export.tables import format_value
from thaieval.pipeline.report.data import Row
from thaieval.pipeline.report.labels import label
from thaieval.pipeline.report.source import Evidence, SourceLookup, excerpt

__all__ = [
    "LOW_CONFIDENCE_CHECK",
    "CardMaker",
    "data_attrs",
    "evidence_html",
]

LOW_CONFIDENCE_CHECK = "low_confidence_number"  # the filter's name for an unflagged doubtful number
VALUE_CHARS = 500  # a flag's expected or found value, or its message, shown up to here


def data_attrs(**values: str) -> str:
    """``data-*`` attributes, escaped: ``data_attrs(unit="ก")`` → `` data-unit="ก"``.

    >>> data_attrs(unit='a"b', severity="error")
    ' data-unit="a&quot;b" data-severity="error"'
    """
    return "".join(f' data-{k}="{escape(v, quote=True)}"' for k, v in values.items())


def evidence_html(evidence: Evidence, image_attrs: str = "") -> str:
    """A ``<figure>`` holding the crop or the source lines, captioned with where they are
    from; ``image_attrs`` replaces the image's ``src`` (see :class:`CardMaker`)."""
    caption = evidence.note.html("figcaption")
    if evidence.kind == "image":
        alt = escape(evidence.note.th, quote=True)
        src = image_attrs or f'src="{evidence.data_uri}"'
        return f'<figure class="evidence"><img class="crop" {src} alt="{alt}">{caption}</figure>'
    if evidence.kind == "lines":
        lines = "".join(
            f'<span class="{"hl" if n == evidence.highlight else "ln"}">'
            f"<b>{n:>4}</b> {escape(text)}</span>"
            for n, text in evidence.lines
        )
        return f'<figure class="evidence"><pre class="crop lines">{lines}</pre>{caption}</figure>'
    return f'<figure class="evidence missing">{caption}</figure>'


def _where(page: object, line: object) -> str:
    if page is not None and line is not None:
        return label("page_line", page=page, line=line).html("span", ' class="where"')
    if page is not None:
        return label("page", page=page).html("span", ' class="where"')
    if line is not None:
        return label("line", line=line).html("span", ' class="where"')
    return '<span class="where"></span>'


class CardMaker:
    """Builds the cards of one report. An image shown a second time (two flags on one page
    with no box) is embedded once: later copies name the first (``data-same-as``) and the
    page's script copies its ``src``."""

    def __init__(self, lookup: SourceLookup) -> None:
        self.lookup = lookup
        self._image_ids: dict[str, str] = {}

    def evidence(self, document: Row, row: Row) -> str:
        """The evidence figure for a flag or indicator ``row`` of ``document``."""
        evidence = self.lookup.evidence(
            document, row.get("page"), row.get("box") or "", row.get("line")
        )
        if evidence.kind != "image":
            return evidence_html(evidence)
        first = self._image_ids.get(evidence.data_uri)
        if first is not None:
            return evidence_html(evidence, f'data-same-as="{first}"')
        image_id = self._image_ids[evidence.data_uri] = f"crop-{len(self._image_ids) + 1}"
        return evidence_html(evidence, f'id="{image_id}" src="{evidence.data_uri}"')

    def checkpoint(self) -> int:
        """How many images are embedded so far: :meth:`rollback` forgets those after it."""
        return len(self._image_ids)

    def rollback(self, mark: int) -> None:
        """Forget the images embedded after ``mark`` (their cards were left out of the
        report), so that no later copy names an image the page does not hold."""
        for key in list(self._image_ids)[mark:]:
            del self._image_ids[key]

    def flag_card(self, flag: Row, unit: str, component: str, document: Row) -> str:
        """One flag: severity, check, field, message, expected and found, and its evidence."""
        severity = str(flag.get("severity") or "")
        check = str(flag.get("check") or "")
        attrs = data_attrs(
            unit=unit,
            component=component,
            severity=severity,
            check=check,
            form=str(flag.get("form_id") or ""),
        )
        indicator = flag.get("indicator_no")
        field = escape(str(flag.get("field") or ""))
        if indicator:
            field += " · " + label("indicator_no", n=indicator).html()
        sev = (
            label(severity).html("span", ' class="sev"') if severity in ("error", "warning") else ""
        )

        def value(key: str) -> str:
            return escape(excerpt(str(flag.get(key) or "–"), VALUE_CHARS))

        return (
            f'<article class="card flag sev-{escape(severity)}"{attrs}>'
            f"<header>{sev} <code>{escape(check)}</code> "
            f'<span class="field">{field}</span> '
            f"{_where(flag.get('page'), flag.get('line'))}</header>"
            f'<p class="msg">{value("message")}</p>'
            f'<dl>{label("expected").html("dt")}<dd class="expected">{value("expected")}</dd>'
            f'{label("found").html("dt")}<dd class="found">{value("found")}</dd></dl>'
            f"{self.evidence(document, flag)}</article>"
        )

    def low_confidence_card(self, indicator: Row, unit: str, component: str, document: Row) -> str:
        """A number read with low OCR confidence that no flag covers, shown like a flag."""
        attrs = data_attrs(
            unit=unit, component=component, severity="warning", check=LOW_CONFIDENCE_CHECK
        )
        read = label(
            "low_confidence_read",
            name=excerpt(str(indicator.get("indicator_name") or ""), VALUE_CHARS),
            value=format_value(indicator.get("weighted_score")) or "–",
            confidence=format_value(indicator.get("confidence")),
        )
        number = label("indicator_no", n=indicator.get("indicator_no"))
        sev = label("low_confidence").html("span", ' class="sev"')
        where = _where(indicator.get("page"), indicator.get("line"))
        msg = read.html("p", ' class="msg"')
        return (
            f'<article class="card lowconf sev-warning"{attrs}>'
            f"<header>{sev} <code>{number.html()}</code> {where}</header>"
            f"{msg}{self.evidence(document, indicator)}</article>"
        )
