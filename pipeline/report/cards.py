"""Cards of the review report: one per flag and one per low-confidence number, each with
its evidence (a crop with the box drawn, or the source lines), filterable by data attributes.

>>> from thaieval.pipeline.report.source import Evidence
>>> evidence_html(Evidence("none", "source file not found: a.pdf"))
'<figure class="evidence missing"><figcaption>source file not found: a.pdf</figcaption></figure>'
"""

from __future__ import annotations

from html import escape

from thaieval.pipeline.export.tables import format_value
from thaieval.pipeline.report.data import Row
from thaieval.pipeline.report.source import Evidence, SourceLookup

__all__ = [
    "LOW_CONFIDENCE_CHECK",
    "CardMaker",
    "data_attrs",
    "evidence_html",
]

LOW_CONFIDENCE_CHECK = "low_confidence_number"  # the filter's name for an unflagged doubtful number


def data_attrs(**values: str) -> str:
    """``data-*`` attributes, escaped: ``data_attrs(unit="ก")`` → `` data-unit="ก"``.

    >>> data_attrs(unit='a"b', severity="error")
    ' data-unit="a&quot;b" data-severity="error"'
    """
    return "".join(f' data-{k}="{escape(v, quote=True)}"' for k, v in values.items())


def evidence_html(evidence: Evidence, image_attrs: str = "") -> str:
    """A ``<figure>`` holding the crop or the source lines, captioned with where they are
    from; ``image_attrs`` replaces the image's ``src`` (see :class:`CardMaker`)."""
    caption = f"<figcaption>{escape(evidence.note)}</figcaption>"
    if evidence.kind == "image":
        alt = escape(evidence.note, quote=True)
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
    parts = [f"page {page}"] if page is not None else []
    parts += [f"line {line}"] if line is not None else []
    return ", ".join(parts)


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
        field = str(flag.get("field") or "") + (f" · indicator {indicator}" if indicator else "")
        return (
            f'<article class="card flag sev-{escape(severity)}"{attrs}>'
            f'<header><span class="sev">{escape(severity)}</span> <code>{escape(check)}</code> '
            f'<span class="field">{escape(field)}</span> '
            f'<span class="where">{escape(_where(flag.get("page"), flag.get("line")))}</span></header>'
            f'<p class="msg">{escape(str(flag.get("message") or ""))}</p>'
            f'<dl><dt>expected</dt><dd class="expected">{escape(str(flag.get("expected") or "–"))}</dd>'
            f'<dt>found</dt><dd class="found">{escape(str(flag.get("found") or "–"))}</dd></dl>'
            f"{self.evidence(document, flag)}</article>"
        )

    def low_confidence_card(self, indicator: Row, unit: str, component: str, document: Row) -> str:
        """A number read with low OCR confidence that no flag covers, shown like a flag."""
        attrs = data_attrs(
            unit=unit, component=component, severity="warning", check=LOW_CONFIDENCE_CHECK
        )
        value = format_value(indicator.get("weighted_score"))
        name = str(indicator.get("indicator_name") or "")
        where = _where(indicator.get("page"), indicator.get("line"))
        return (
            f'<article class="card lowconf sev-warning"{attrs}>'
            f'<header><span class="sev">low confidence</span> '
            f"<code>indicator {escape(str(indicator.get('indicator_no')))}</code> "
            f'<span class="where">{escape(where)}</span></header>'
            f'<p class="msg">{escape(name)}: read {escape(value or "–")} with OCR confidence '
            f"{escape(format_value(indicator.get('confidence')))}</p>"
            f"{self.evidence(document, indicator)}</article>"
        )
