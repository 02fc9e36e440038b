"""Fuzzy label matching: damaged labels match, look-alike words do not."""

from __future__ import annotations

import pytest

from thaieval.parsers.vocabulary import best_label, match_label


@pytest.mark.parametrize(
    ("text", "key", "rest"),
    [
        ("แบบสรุปลักษณะการตรวจติดตามประเมินผลการปฏิบัติราชการ", "title_component", ""),
        ("แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฎิบัติราชการ", "title_component", ""),
        ("ชื่อหน่วยงานผู้รับการประเมีน : สำนักงานเขตจตุจักร", "unit", "สำนักงานเขตจตุจักร"),
        ("■ เหตุผลขอมคะแนน", "reason", ""),
        ("■ จุดแข่ง", "strength", ""),
        ("ลงซื่อ.....", "sign", ""),
        ("วัน/เดีอน/ปี 8 ตุลาคม 2567", "date", "8 ตุลาคม 2567"),
        ("**ชื่อหน่วยงานผู้รับการประเมิน :** สำนักการระบายน้ำ", "unit", "สำนักการระบายน้ำ"),
        ("ตวชวดท 3.2 : ความสำเร็จ", "indicator_no", "3.2 : ความสำเร็จ"),  # every mark lost
        ("เจ้าหน้าทผู้สรุปผลการตรวจตดตามประเม่นผล :", "signatory_heading", ""),
    ],
)
def test_damaged_labels_match(text: str, key: str, rest: str) -> None:
    found = match_label(text, key)
    assert found.matched and found.rest == rest


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ชื่อโครงการ คลังภาพข่าวออนไลน์", "sign"),  # issue 2: cut a form at its part-3 table
        ("ชื่อหน่วยงานผู้รับการประเมิน : สำนักงานเขตบางรัก", "sign"),
        ("ระบบสารบรรณ", "reason"),
    ],
)
def test_look_alike_words_do_not_match(text: str, key: str) -> None:
    assert not match_label(text, key).matched


def test_the_longer_spelling_wins_when_both_match() -> None:
    # The short spelling ข้อเสนอแนะ matches exactly, but the text is the long label damaged.
    found = match_label("ข้อเสนอแนะเพื่อการพัฒนว", "recommendation")
    assert found.matched and found.rest == "ว"
    assert match_label("ข้อเสนอแนะ", "recommendation").rest == ""
    assert match_label("ผลการดำเนินงานตามตัวชี้วัด", "col_result").rest == ""


def test_best_label_picks_the_column() -> None:
    keys = ("col_weight", "col_result", "col_score", "col_weighted", "indicator")
    assert best_label("ค่าคะแนนถ่วงน้ำหนัก", keys).key == "col_weighted"
    assert best_label("น้ำหนัก (ร้อยละ)", keys).key == "col_weight"
    assert best_label("หมายเหตุ", keys).key == ""
