from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thaieval.parsers.mark_restoration import restore_lost_marks
from thaieval.parsers.thai_repair import repair_thai_text
from thaieval.parsers.thai_words import thai_word_ratio

SEED = Path("/work/shared/seed/000_653e087d120b85ad.txt")
KNOWN_SEED_DAMAGE = ("สม่าเสมอ", "ลំม")


@cache
def clean_seed_phrases() -> list[str]:
    """Space-separated Thai phrases of the seed, without its two known damaged words."""
    if not SEED.exists():
        return ["สำนักงานการต่างประเทศดำเนินได้ตามเป้าหมาย", "ต่าง ๆ", "ไม่มี"]
    words = re.findall(r"[\u0e00-\u0e7f]+", SEED.read_text(encoding="utf-8"))
    return sorted({w for w in words if not any(d in w for d in KNOWN_SEED_DAMAGE)})


clean_thai = st.lists(st.sampled_from(clean_seed_phrases()), min_size=1, max_size=8).map(" ".join)
damaged_thai = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x0E01, 0x0E3B)]
        + [chr(c) for c in range(0x0E40, 0x0E4F)]
        + [" ", "\ufffd", "\u200b", "\u17c6", "\u0ec8", "\u00ad"]
    ),
    max_size=40,
)


# --- repair_thai_text: one test per rule -----------------------------------------------------


def test_zero_width_characters_and_soft_hyphens_are_removed() -> None:
    assert repair_thai_text("ก\u200bา\u200cร\u200dป\ufeffระ\u00adเมิน") == "การประเมิน"


def test_replacement_character_before_sara_aa_is_sara_am() -> None:
    assert repair_thai_text("ประจ\ufffdาปี") == "ประจำปี"
    assert repair_thai_text("น้\ufffdา") == "น้ำ"


def test_replacement_character_after_a_mark_is_dropped_other_ones_kept() -> None:
    assert repair_thai_text("ผลสััมฤทธิ์์\ufffd") == "ผลสัมฤทธิ์"
    assert repair_thai_text("\ufffdก") == "\ufffdก"


def test_replacement_after_a_doubled_mark_is_noise_not_sara_am() -> None:
    # A font that doubles marks writes ่่� for ่: before sara aa it must not become ำ.
    assert repair_thai_text("ส่่\ufffdองสว่่\ufffdาง") == "ส่องสว่าง"
    assert repair_thai_text("เบิกจ่่\ufffdาย ระหว่่\ufffdาง") == "เบิกจ่าย ระหว่าง"
    assert repair_thai_text("ต่่\ufffdำ") == "ต่ำ"


def test_doubled_marks_are_single() -> None:
    assert repair_thai_text("สารบััญ") == "สารบัญ"
    assert repair_thai_text("สิ่่\ufffdงแวดล้้อม") == "สิ่งแวดล้อม"


def test_decomposed_sara_am_is_composed_with_the_tone_before_it() -> None:
    assert repair_thai_text("ลดความเหลือมลํา") == "ลดความเหลือมลำ"
    assert repair_thai_text("น\u0e49\u0e4d\u0e32") == "น้ำ"
    assert repair_thai_text("น\u0e4d\u0e49\u0e32") == "น้ำ"


def test_tone_typed_before_the_vowel_is_swapped() -> None:
    assert repair_thai_text("ก\u0e48\u0e35") == "กี่"
    assert repair_thai_text("ท\u0e48\u0e35") == "ที่"


def test_tone_after_sara_aa_moves_back_with_the_space_a_broken_font_added() -> None:
    assert repair_thai_text("ยุทธศาสตร์ดา้ นการสร้าง") == "ยุทธศาสตร์ด้านการสร้าง"


def test_space_before_a_mark_or_a_following_vowel_is_removed() -> None:
    assert repair_thai_text("ค ่ะ") == "ค่ะ"
    assert repair_thai_text("ก ารประเมิน") == "การประเมิน"


def test_space_after_a_syllable_that_cannot_end_is_removed() -> None:
    assert repair_thai_text("ความเป็ นธรรม") == "ความเป็นธรรม"
    assert repair_thai_text("การป้ องกัน") == "การป้องกัน"
    assert repair_thai_text("จั ดการ") == "จัดการ"


def test_spaces_after_complete_syllables_are_kept() -> None:
    text = "ไม่ ได้ แม่ ของ ใคร่ ครวญ ต่าง ๆ ก็ ได้ ทั้งนี้ ข้อมูล ปี งบประมาณ"
    assert repair_thai_text(text) == text


def test_lao_lookalike_marks_are_mapped() -> None:
    assert repair_thai_text("ก\u0ec8าง") == "ก่าง"


def test_foreign_mark_becomes_the_only_mark_that_makes_a_word() -> None:
    assert repair_thai_text("เครื\u17c6องมือ") == "เครื่องมือ"


def test_foreign_mark_is_dropped_when_several_marks_make_words() -> None:
    # ลม, ล่ม and ล้ม are all words: the dictionary cannot choose, so nothing is guessed.
    assert repair_thai_text("ระบบลំมบ่อย") == "ระบบลมบ่อย"


def test_seed_is_unchanged_except_its_foreign_mark() -> None:
    if not SEED.exists():
        pytest.skip("seed document not available")
    seed = SEED.read_text(encoding="utf-8")
    assert repair_thai_text(seed) == seed.replace("ลំม", "ลม")


@settings(max_examples=150, deadline=None)
@given(clean_thai)
def test_repair_leaves_clean_thai_unchanged(text: str) -> None:
    assert repair_thai_text(text) == text


@settings(max_examples=300, deadline=None)
@given(damaged_thai)
def test_repair_is_idempotent(text: str) -> None:
    once = repair_thai_text(text)
    assert repair_thai_text(once) == once


# --- restore_lost_marks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "restored"),
    [
        ("สม่าเสมอ", "สม่ำเสมอ"),
        ("พืนฐาน", "พื้นฐาน"),
        ("ความเชือมโยง", "ความเชื่อมโยง"),
        ("ทังสิน", "ทั้งสิ้น"),
        ("ลดความเหลือมลํา", "ลดความเหลื่อมล้ำ"),
        ("ประจ\ufffdาปี", "ประจำปี"),
        ("การดําเนินภารกิจพืนฐาน", "การดำเนินภารกิจพื้นฐาน"),
        ("เพือสนับสนุนยุทธศาสตร์", "เพื่อสนับสนุนยุทธศาสตร์"),
        ("ฉบับที 12", "ฉบับที่ 12"),
    ],
)
def test_lost_marks_are_restored(damaged: str, restored: str) -> None:
    assert restore_lost_marks(damaged) == restored


@pytest.mark.parametrize(
    ("damaged", "restored"),
    [
        ("แผนแม่บทภายใต้ยทุ ธศาสตร์ชาติ", "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ"),
        ("การทุจริตประพฤติมชิ อบ", "การทุจริตประพฤติมิชอบ"),
        ("กฎหมายและกระบวนการยุตธิ รรม", "กฎหมายและกระบวนการยุติธรรม"),
        ("แผนงานยุทธศาสตร์พฒั นา", "แผนงานยุทธศาสตร์พัฒนา"),
    ],
)
def test_marks_moved_one_letter_on_are_moved_back(damaged: str, restored: str) -> None:
    assert restore_lost_marks(damaged) == restored


def test_ambiguous_restoration_is_left_alone() -> None:
    # รวมทั้ง|สิน and รวม|ทั้งสิ้น are both dictionary readings of similar likelihood.
    assert restore_lost_marks("รวมทังสิน") == "รวมทังสิน"


def test_seed_changes_only_at_its_lost_sara_am() -> None:
    if not SEED.exists():
        pytest.skip("seed document not available")
    seed = SEED.read_text(encoding="utf-8")
    expected = seed.replace("สม่าเสมอ", "สม่ำเสมอ").replace("ลំม", "ลม")
    assert restore_lost_marks(seed) == expected


@settings(max_examples=100, deadline=None)
@given(clean_thai)
def test_restore_leaves_clean_thai_unchanged(text: str) -> None:
    assert restore_lost_marks(text) == text


# --- thai_word_ratio ------------------------------------------------------------------------


def test_word_ratio_of_clean_and_damaged_text() -> None:
    assert thai_word_ratio("ความเชื่อมโยงยุทธศาสตร์ชาติ") == 1.0
    assert thai_word_ratio("ความเชือมโยงยุทธศาสตร์ชาติ") == pytest.approx(5 / 6)
    assert thai_word_ratio("12.5 abc") == 1.0


def test_mark_after_a_full_stop_is_debris() -> None:
    assert repair_thai_text("25 พ.ุย. 67") == "25 พ.ย. 67"
    assert repair_thai_text("ก.พ. และ พ.ศ. 2567") == "ก.พ. และ พ.ศ. 2567"


def test_ocr_restoration_takes_compounds_with_a_lost_mark() -> None:
    from thaieval.parsers.mark_restoration import restore_lost_marks

    damaged = "ระดับความสำเร็จในการจัดการนำท่วมขังและการลอกท่อระบายนำ ในซอยและจุดเสียง"
    assert restore_lost_marks(damaged, compounds=True) == (
        "ระดับความสำเร็จในการจัดการน้ำท่วมขังและการลอกท่อระบายน้ำ ในซอยและจุดเสี่ยง"
    )
    # A text layer's restoration is left as it was: นำ and เสียง are words.
    assert restore_lost_marks("จุดเสียง") == "จุดเสียง"
    # Correct text stays.
    for text in ("การนำเทคโนโลยีมาใช้", "สำนักงานเขตบางรักดำเนินการได้ตามเป้าหมาย", "เสียงของประชาชน"):
        assert restore_lost_marks(text, compounds=True) == text


_DECOMPOSED_SARA_AM = re.compile("\u0e4d[\u0e48-\u0e4b]?\u0e32")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["\u0e4d\u0e32", "\u0e4d\u0e49\u0e32", "\u0e32", "\u0e4d", "\u0e33"])
        | damaged_thai,
        max_size=8,
    ).map("".join)
)
def test_repaired_text_never_holds_a_decomposed_sara_am(text: str) -> None:
    """ำ read as ํ + า (how OCR and many text layers give it) is composed here and only here:
    every reader's text goes through ``repair_thai_text`` in the normalise stage."""
    assert not _DECOMPOSED_SARA_AM.search(repair_thai_text(text))
