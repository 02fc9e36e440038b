"""fpdf2-rendered Thai tables come back as the rows and cells that were printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pipeline.pdf_fixtures import (
    LONG_HEADER,
    LONG_ROWS,
    MERGED_FIRST,
    MERGED_SECOND,
    SCORE_ROWS,
    TITLE,
    long_table_pdf,
    open_table_pdf,
    score_table_pdf,
)
from thaieval.pipeline.bench.text_layer import bench_text_layer
from thaieval.pipeline.pages.text_layer.read import read_text_layer


def test_score_table_rows_cells_and_columns(tmp_path: Path) -> None:
    (page,) = read_text_layer(score_table_pdf(tmp_path / "score.pdf"))
    assert (page.number, page.method, page.issues) == (1, "text", [])
    assert [r.texts() for r in page.rows] == [
        [TITLE],
        *SCORE_ROWS,  # row 1 col 0 wraps over two lines in a 220-pt column: one cell
        [MERGED_FIRST[0], MERGED_FIRST[1], "", MERGED_FIRST[2]],  # colspan 2: text once
        ["", *MERGED_SECOND],  # rowspan 2: empty below its first row
    ]
    assert [r.table for r in page.rows] == [None, 0, 0, 0, 0, 0]
    for row in page.rows[1:]:
        assert [c.col for c in row.cells] == [0, 1, 2, 3]
    wrapped = page.rows[2].cells[0]
    assert wrapped.box is not None and wrapped.box.bottom - wrapped.box.top > 30  # two lines
    assert " ".join(w.text for w in wrapped.words).replace(" ", "") == SCORE_ROWS[1][0].replace(
        " ", ""
    )


def test_table_continued_on_next_page(tmp_path: Path) -> None:
    pages = read_text_layer(long_table_pdf(tmp_path / "long.pdf"))
    assert [p.number for p in pages] == [1, 2]
    rows = [r.texts() for p in pages for r in p.rows]
    first_page = len(pages[0].rows)
    assert rows[0] == LONG_HEADER and rows[first_page] == LONG_HEADER  # repeated heading
    assert rows[1:first_page] + rows[first_page + 1 :] == LONG_ROWS
    assert {r.table for p in pages for r in p.rows} == {0}


def test_open_ended_table_keeps_its_last_row(tmp_path: Path) -> None:
    pages = read_text_layer(open_table_pdf(tmp_path / "open.pdf"))
    assert [[r.texts() for r in p.rows] for p in pages] == [
        [["ก", "หนึ่ง"], ["ข", "สอง"]],
        [["ค", "สาม"]],
    ]
    assert all(r.table == 0 for p in pages for r in p.rows)


def test_page_numbers_select_pages(tmp_path: Path) -> None:
    path = long_table_pdf(tmp_path / "long.pdf")
    (page,) = read_text_layer(path, [2])
    assert page.number == 2 and page.rows[-1].texts() == LONG_ROWS[-1]
    with pytest.raises(ValueError, match="page 3 does not exist"):
        read_text_layer(path, [3])


def test_bench_reports_both_timings(tmp_path: Path) -> None:
    result = bench_text_layer([score_table_pdf(tmp_path / "b.pdf")])
    assert result["pages"] == 1
    assert result["text_layer_s"] > 0 and result["extract_words_s"] > 0
    assert result["ratio"] == pytest.approx(
        result["text_layer_s"] / result["extract_words_s"], rel=1e-3
    )
