from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from thaieval.parsers.digits import arabic_to_thai, thai_to_arabic


def test_thai_digits_become_arabic_and_nothing_else_changes() -> None:
    assert thai_to_arabic("วันที่ ๗ ตุลาคม ๒๕๖๗ (98.77)") == "วันที่ 7 ตุลาคม 2567 (98.77)"


def test_every_digit_maps_to_its_value() -> None:
    assert thai_to_arabic("๐๑๒๓๔๕๖๗๘๙") == "0123456789"
    assert arabic_to_thai("0123456789") == "๐๑๒๓๔๕๖๗๘๙"


def test_arabic_to_thai_keeps_separators_and_letters() -> None:
    assert arabic_to_thai("ระดับ 4 (98.770), 1/2") == "ระดับ ๔ (๙๘.๗๗๐), ๑/๒"


@given(st.text())
def test_round_trip_on_any_text_without_thai_digits(text: str) -> None:
    plain = thai_to_arabic(text)
    assert thai_to_arabic(arabic_to_thai(plain)) == plain
    assert len(arabic_to_thai(text)) == len(text)
