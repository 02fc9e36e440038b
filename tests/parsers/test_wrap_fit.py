"""Wrapped lines: was the break a wrap, and did it swallow a space (by the fit of the next word)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from thaieval.parsers.layout import join_cell_lines
from thaieval.parsers.line_wrap import merge_wrapped_rows, text_right_edge
from thaieval.parsers.wrap_fit import boundary, first_token_width, join_wrapped
from thaieval.schemas.page import Box, Cell, Row, Word


def word(text: str, x0: float, x1: float, top: float = 0.0) -> Word:
    return Word(text=text, box=Box(x0=x0, top=top, x1=x1, bottom=top + 13.5))


def line(text: str, x0: float, x1: float, top: float) -> Row:
    words = [word(text, x0, x1, top)]
    return Row(page=1, cells=[Cell(text=text, box=words[0].box, words=words)])


def test_first_thai_token_is_a_share_of_the_word_by_spacing_characters() -> None:
    # "โปร่งใส" is the whole word; in "ทำให้การวิเคราะห์" the first token ทำ has 2 of 14
    # spacing characters (the marks ้ ิ ์ sit on their base and take no width).
    assert first_token_width([word("โปร่งใส", 100, 130)]) == 30
    assert abs(first_token_width([word("ทำให้การวิเคราะห์", 0, 140)]) - 20) < 1e-9


def test_a_damaged_layer_split_before_sara_am_counts_as_one_word() -> None:
    whole = first_token_width([word("สำนักงาน", 0, 40)])
    split = first_token_width([word("ส", 0, 5), word("ำนักงาน", 5, 40)])
    assert abs(whole - split) < 6


def test_boundary_fits_space_wrap() -> None:
    nxt = [word("คล่องตัว", 50, 78)]
    assert boundary(400, nxt, limit=500) == "fits"
    assert boundary(469, nxt, limit=500) == "space"  # 469+28 ≤ 498.5 < 469+3+28
    assert boundary(480, nxt, limit=500) == "wrap"


def test_join_wrapped_punctuation_never_takes_a_space() -> None:
    assert join_wrapped("หน่วยงาน (Joint KPIs", ")") == "หน่วยงาน (Joint KPIs)"
    assert join_wrapped("การประชาสัมพันธ์/", "จำหน่ายผลิตภัณฑ์") == "การประชาสัมพันธ์/จำหน่ายผลิตภัณฑ์"
    assert join_wrapped("Certificate", "Authority") == "Certificate Authority"
    assert join_wrapped("สำนักงาน-", "การต่างประเทศ") == "สำนักงานการต่างประเทศ"


@given(st.text(alphabet="กขคงจ่้ะาิ ", min_size=1), st.text(alphabet="กขคงจ่้ะาิ ", min_size=1))
def test_join_wrapped_keeps_every_character_but_spaces(left: str, right: str) -> None:
    joined = join_wrapped(left, right)
    assert joined.replace(" ", "") == (left + right).replace(" ", "")
    assert join_wrapped(left, right, spaced=True).replace(" ", "") == joined.replace(" ", "")


def test_issue_title_wrap_past_a_signatory_line_drawn_beyond_the_margin() -> None:
    # bangrak 3.1: the office line under ตำแหน่ง runs to x=568 and made the title's second
    # line look like a line of its own; the right edge mirrors the left margin instead.
    title = line(
        "ตัวชี้วัด 3.1 : ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐเพื่อบริหาร", 52.8, 528.1, 155.8
    )
    rest = line("ราชการที่ทันสมัย โปร่งใส คล่องตัว", 52.8, 243.7, 173.7)
    office = line("กองติดตามและประเมินผล สำนักยุทธศาสตร์และประเมินผล", 250.9, 568.1, 566.9)
    assert text_right_edge([title, rest, office], 595.0) == 528.1
    merged = merge_wrapped_rows([title, rest, office], 595.0)
    assert merged[0].text.endswith("เพื่อบริหารราชการที่ทันสมัย โปร่งใส คล่องตัว")
    assert len(merged) == 2


def test_a_line_that_starts_with_a_label_word_inside_a_sentence_still_continues() -> None:
    above = line(
        "ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) saraban@bangkok.go.th และไปรษณีย์อิเล็กทรอนิกส์", 72.8, 540.0, 100
    )
    below = line(
        "ของหน่วยงานและหรือส่วนราชการ ชื่อโดเมน @bangkok.go.th ที่กรุงเทพมหานครจัดสรรให้", 89.8, 400, 118
    )
    (merged,) = merge_wrapped_rows([above, below], 595.0)
    assert "อิเล็กทรอนิกส์ของหน่วยงาน" in merged.text


def test_a_heading_label_with_its_colon_stays_a_line_of_its_own() -> None:
    above = line(
        "ประสิทธิภาพของการขับเคลื่อนการบูรณาการการดำเนินงานร่วมกันระหว่างหน่วยงาน (Joint KPIs)",
        52.8,
        540.0,
        100,
    )
    below = line("หน่วยงานที่ร่วมดำเนินการ : สำนักยุทธศาสตร์และประเมินผล", 52.8, 330, 118)
    assert len(merge_wrapped_rows([above, below], 595.0)) == 2


def test_cell_lines_get_back_the_space_the_break_swallowed() -> None:
    cell = Box(x0=145.0, top=0, x1=330.0, bottom=60)  # padding 3 pt: text fills to 327
    lines = [
        [word("ดิจิทัลภาครัฐเพื่อบริหารราชการที่ทันสมัย", 148, 299)],
        [word("โปร่งใส", 148, 172.7)],  # 299 + 24.7 fits without a space, not with one
    ]
    assert join_cell_lines(lines, cell) == "ดิจิทัลภาครัฐเพื่อบริหารราชการที่ทันสมัย โปร่งใส"
    wrapped = [[word("ดิจิทัลภาครัฐเพื่อบริหารราชการที่ทันสมัย", 148, 310)], lines[1]]
    assert join_cell_lines(wrapped, cell) == "ดิจิทัลภาครัฐเพื่อบริหารราชการที่ทันสมัยโปร่งใส"
