"""A date line read again with the Thai model: the month taken, the glyph-read digits kept."""

from __future__ import annotations

from thaieval.pipeline.ocr.passes.date_rows import merged_date


def test_latin_month_replaced_by_the_thai_reading() -> None:
    first = "วัน/เดือน/ปี...... ๒๐ WE. ๖๗"  # พ.ย. read as Latin; the digits already right
    again = "วัน/เดือน/ปี...... ๒๐ พ.ย. ๑ณ 7"  # the Thai model gets the month, not the year
    assert merged_date(first, again) == "วัน/เดือน/ปี...... ๒๐ พ.ย. ๖๗"


def test_second_reading_kept_when_it_alone_is_a_date() -> None:
    assert merged_date("วัน/เดือน/ปี ฒ/อ/๒๕", "วัน/เดือน/ปี 7/6/2567") == "วัน/เดือน/ปี 7/6/2567"


def test_nothing_when_neither_is_a_date() -> None:
    assert merged_date("วัน/เดือน/ปี ab cd", "วัน/เดือน/ปี ef gh") == ""


def test_a_month_with_a_mark_for_its_point_takes_the_second_reading_s_month() -> None:
    # "พิย." for พ.ย.: the first reading's year (matched as glyphs) stays, not the second's
    # clipped "๒๕" (a year 2525).
    first, again = "วัน/เดือน/ปี...... ๑ พิย. ๖๘", "วัน/เดือน/ปี..... ๑ พย. ๒๕"
    assert merged_date(first, again) == "วัน/เดือน/ปี...... ๑ พย. ๖๘"
    # A sara u for the point is the point (thaieval.parsers.dates): that reading is a date already.
    first = "วัน/เดือน/ปี...... ๑ พุย. ๖๘"
    assert merged_date(first, again) == first


def test_a_month_glued_to_digits_in_the_second_reading_is_cut_free() -> None:
    first, again = "วัน/เดือน/ปี...... ๑๒ A.A. ๖๗", "วัน/เดือน/ปี...... ๑๒ ต.ค.๒๓ ๖๗"
    assert merged_date(first, again) == "วัน/เดือน/ปี...... ๑๒ ต.ค. ๖๗"


def test_a_day_read_as_a_symbol_takes_the_second_reading_s_day_and_keeps_the_year() -> None:
    first, again = "วัน/เดือน/ปี..... © ตุลาคม ๒๕๖๗", "วัน/เดือน/ปี.... ๑ ตุลาคม ๒๕๐๓ 7"
    assert merged_date(first, again) == "วัน/เดือน/ปี..... ๑ ตุลาคม ๒๕๖๗"
