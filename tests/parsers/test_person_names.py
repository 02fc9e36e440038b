from __future__ import annotations

from parsers.person_names import mend_name


def test_space_between_listed_first_and_family_name() -> None:
    assert mend_name("นายธนพลวงศ์ใหญ่") == "นายธนพล วงศ์ใหญ่"


def test_names_outside_the_lists_and_spaced_names_stay() -> None:
    for name in ("นางสาวผู้สดี แย้มอยู่", "นายสมมติ", "นายชานศเจียมเมืองปัก", "ธนพลวงศ์ใหญ่"):
        assert mend_name(name) == name


def test_a_speck_between_the_names_goes() -> None:
    assert mend_name("นายปิยะพงษ์ เซ ทองคำ") == "นายปิยะพงษ์ ทองคำ"


def test_listed_parts_prefers_a_printing_the_lists_know() -> None:
    from parsers.person_names import listed_parts

    assert listed_parts("นายปิยะพงษ์ ทองคำ") > listed_parts("นายปยะพงษ์ ทองคำ")
