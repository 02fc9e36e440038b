from __future__ import annotations

from thaieval.parsers.person_names import mend_name


def test_space_between_listed_first_and_family_name() -> None:
    assert mend_name("นายธนพลวงศ์ใหญ่") == "นายธนพล วงศ์ใหญ่"


def test_names_outside_the_lists_and_spaced_names_stay() -> None:
    for name in ("นางสาวผู้สดี แย้มอยู่", "นายสมมติ", "นายชานศเจียมเมืองปัก", "ธนพลวงศ์ใหญ่"):
        assert mend_name(name) == name


def test_a_speck_between_the_names_goes() -> None:
    assert mend_name("นายปิยะพงษ์ เซ ทองคำ") == "นายปิยะพงษ์ ทองคำ"


def test_listed_parts_prefers_a_printing_the_lists_know() -> None:
    from thaieval.parsers.person_names import listed_parts

    assert listed_parts("นายปิยะพงษ์ ทองคำ") > listed_parts("นายปยะพงษ์ ทองคำ")


def test_marks_ocr_lost_come_back_from_the_lists() -> None:
    # Loma scan: กิตติศักดิ์ lost its ์ and มั่นคง its ่, Latin debris read between them.
    assert mend_name("นายกิตติศักดิ als So มันคง") == "นายกิตติศักดิ์ มั่นคง"
    assert mend_name("นายสมศักดิ เรืองศรี") == "นายสมศักดิ์ เรืองศรี"


def test_marks_read_are_never_taken_away_or_changed() -> None:
    # ผู้สดี is no listed name; ผุสดี is, with other marks: the reading stands.
    assert mend_name("นางสาวผู้สดี แย้มอยู่") == "นางสาวผู้สดี แย้มอยู่"
    assert mend_name("นายสมศักดิ์ เรื่องศรี") == "นายสมศักดิ์ เรื่องศรี"


def test_a_thai_word_between_the_names_is_not_debris() -> None:
    assert mend_name("นายสมศักดิ์ ณ อยุธยา") == "นายสมศักดิ์ ณ อยุธยา"
    assert mend_name("นายสมศักดิ์ เรือง ศรีสุข") == "นายสมศักดิ์ เรือง ศรีสุข"
