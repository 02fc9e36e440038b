"""OCR of stacked word crops: each crop's reading comes back with it, in page points."""

from __future__ import annotations

from pathlib import Path

from thaieval.parsers.lost_marks import skeleton
from thaieval.pipeline.pages.images import render_page
from thaieval.pipeline.pages.text_layer.mark_ocr import ocr_boxes
from thaieval.pipeline.pages.text_layer.read import read_text_layer

CLEAN = Path(__file__).resolve().parents[2] / "samples" / "archive" / "text" / "dusit-2567.pdf"


def test_stacked_crops_are_read_and_mapped_back_to_the_page() -> None:
    (page,) = read_text_layer(CLEAN, [1])
    wanted = [
        w
        for row in page.rows
        for c in row.cells
        for w in c.words
        if w.text in ("น้ำหนัก", "หมายเหตุ", "ขังและการลอกท่อระบายน้ำ")
    ]
    boxes = [w.box for w in wanted if w.box is not None]
    assert len(boxes) == 3
    read = ocr_boxes(render_page(CLEAN, 1, 300), boxes, lang="tha")
    # Each crop's letters come back with it (beside what bleeds in from the next line),
    # and their boxes lie over the crop's box.
    texts = ["".join(w.text for w in words) for words in read]
    assert all(skeleton(w.text) in skeleton(t) for w, t in zip(wanted, texts, strict=True))
    for box, words in zip(boxes, read, strict=True):
        for word in words:
            assert word.box is not None
            assert box.x0 - 4 <= word.box.x0 and word.box.x1 <= box.x1 + 4
            height = box.bottom - box.top  # a layer box starts at the ascent: marks are above
            assert box.top - height <= word.box.top and word.box.bottom <= box.bottom + height


def test_no_boxes_no_ocr() -> None:
    assert ocr_boxes(render_page(CLEAN, 1, 72), [], lang="tha") == []
