"""The Thai private-use table and the guard against characters without a reading."""

from __future__ import annotations

import unicodedata

from thaieval.parsers.layer_chars import (
    LATIN_LIGATURES,
    THAI_PUA,
    drop_unmappable,
    is_unmappable,
    map_layer_chars,
    map_thai_pua,
    unmappable_names,
)


def test_table_covers_the_windows_range_and_maps_to_thai() -> None:
    windows = {chr(c) for c in range(0xF700, 0xF71B)}
    assert windows <= THAI_PUA.keys()
    assert {chr(c) for c in range(0xF884, 0xF89F)} <= THAI_PUA.keys()  # the Mac range
    for code, char in THAI_PUA.items():
        assert unicodedata.name(char).startswith("THAI CHARACTER"), hex(ord(code))


def test_table_entries() -> None:
    expected = {
        "\uf700": "ฐ", "\uf70f": "ญ",  # without descender
        "\uf70a": "่", "\uf70b": "้", "\uf70c": "๊", "\uf70d": "๋", "\uf70e": "์",  # lowered
        "\uf705": "่", "\uf709": "์",  # lowered and shifted left
        "\uf713": "่", "\uf717": "์", "\uf710": "ั", "\uf711": "ํ", "\uf712": "็",  # shifted left
        "\uf701": "ิ", "\uf704": "ื",
        "\uf718": "ุ", "\uf719": "ู", "\uf71a": "ฺ",  # lowered below a descender
    }  # fmt: skip
    assert {k: THAI_PUA[k] for k in expected} == expected


def test_map_reorders_a_tone_written_before_its_lower_vowel() -> None:
    assert map_thai_pua("ผ\uf70bูบริหาร") == "ผู้บริหาร"
    assert map_thai_pua("สํานักงานการต\uf70aางประเทศ") == "สํานักงานการต่างประเทศ"
    assert map_thai_pua("ยุทธศาสตร\uf70eกรุงเทพ ป\uf713า") == "ยุทธศาสตร์กรุงเทพ ป่า"
    assert map_thai_pua("ปั\uf705น") == "ปั่น"  # a shifted tone over an upper vowel


def test_map_leaves_standard_text_alone() -> None:
    for text in ("ผู้บริหาร", "ที่นี่ 1.5", "", "\uf0b7 bullet", "ั่"):
        assert map_thai_pua(text) == text


def test_unmappable_characters() -> None:
    assert [is_unmappable(c) for c in "\x00\ufffd\ue000\uf8ff\uf70aก่ \U000f0001"] == [
        True, True, True, True, True, False, False, False, True,
    ]  # fmt: skip
    assert drop_unmappable("ผล\ufffd 10\x00") == ("ผล 10", "\ufffd\x00")
    assert drop_unmappable("ผล 10") == ("ผล 10", "")
    assert unmappable_names("\ufffd\uf0b7\ufffd") == "U+FFFD ×2, U+F0B7"


def test_every_latin_presentation_form_is_spelt_out_as_its_letters() -> None:
    assert set(LATIN_LIGATURES) == {chr(c) for c in range(0xFB00, 0xFB07)}
    for form, letters in LATIN_LIGATURES.items():
        assert unicodedata.normalize("NFKC", form) == letters, hex(ord(form))
    assert (
        map_layer_chars("ระบบ Tra\ufb00y Fondue \ufb02ood \ufb04") == "ระบบ Traffy Fondue flood ffl"
    )


def test_layer_chars_map_ligatures_and_thai_marks_together() -> None:
    assert map_layer_chars("e\ufb03cient หน\uf70aวยงาน") == "efficient หน่วยงาน"
    assert map_layer_chars("ﬅ") == "st"  # long s and t: a drawing of s and t
