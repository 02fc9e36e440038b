"""Second readings applied to the pages: the one place a re-read changes a word.

:func:`thaieval.pipeline.ocr.reread.read_again` returns :class:`~thaieval.schemas.page.Reread`
records and changes nothing; :func:`apply_rereads` applies them in order. No OpenCV or
tesseract here, so a document with no OCR'd page imports neither.

>>> from thaieval.schemas.page import Box, Cell, Row, Word
>>> box = Box(x0=10, top=10, x1=40, bottom=20)
>>> page = Page(number=1, method="ocr", rows=[Row(page=1, cells=[
...     Cell(text="(9.574)", words=[Word(text="(9.574)", box=box, confidence=70.0)])])])
>>> apply_rereads([page], [Reread(page=1, box=box, before="9.574", after="9.514",
...     confidence=91.0, status="changed")])
1
>>> page.rows[0].cells[0].text, page.issues[0].category
('(9.514)', 'reread_rule')
"""

from __future__ import annotations

from thaieval.schemas.page import Box, Cell, Page, PageIssue, Reread, Word

__all__ = ["apply_rereads"]


def _word_at(page: Page, box: Box, bare: str) -> tuple[Cell, int] | None:
    for row in page.rows:
        for cell in row.cells:
            for i, word in enumerate(cell.words):
                if word.box == box and word.text.strip("()") == bare:
                    return cell, i
    return None


def apply_rereads(pages: list[Page], rereads: list[Reread]) -> int:
    """Apply second readings to the pages, in order: a changed number replaces its word (and
    its cell's text and confidence) and is noted on the page, a failed one is noted as such.
    Returns how many numbers changed."""
    by_page = {p.number: p for p in pages}
    changed = 0
    for reread in rereads:
        page = by_page[reread.page]
        if reread.status == "failed":
            page.issues.append(
                PageIssue(stage="verify", category="reread_failed", message=reread.message)
            )
            continue
        found = _word_at(page, reread.box, reread.before) if reread.box is not None else None
        if reread.status != "changed" or found is None:
            continue
        cell, index = found
        word = cell.words[index]
        text = word.text.replace(reread.before, reread.after)
        cell.words[index] = Word(text=text, box=word.box, confidence=reread.confidence)
        cell.text = cell.text.replace(word.text, text, 1)
        values = [w.confidence for w in cell.words if w.confidence is not None]
        cell.confidence = min(values) if values else None
        page.issues.append(
            PageIssue(
                stage="verify",
                category="reread_rule",
                message="a number breaking a scoring rule read again: "
                f"{reread.before!r} → {reread.after!r}",
            )
        )
        changed += 1
    return changed
