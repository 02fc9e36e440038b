"""Standard titles: OCR slips and wrap spaces snap to the vocabulary, another wording does not."""

from __future__ import annotations

from thaieval.parsers.standard_titles import STANDARD_TITLES, snap_titles, standard_title
from thaieval.schemas.forms import ParsedForm, ParsedIndicator

DIGITAL = STANDARD_TITLES[7]  # ร้อยละความสำเร็จ…ภาครัฐ เพื่อบริหารราชการที่ยืดหยุ่น โปร่งใส คล่องตัว


def test_slips_of_ocr_snap_to_the_title() -> None:
    # Norasi scan: ใน read ไน, the ค of ภาครัฐ lost, a space dropped.
    read = "ร้อยละความสำเร็จไนการยกระดับการเปลี่ยนผ่านดิจิทัลภารัฐเพื่อบริหารราชการที่ยืดหยุ่น โปร่งใส คล่องตัว"
    assert standard_title(read) == DIGITAL


def test_a_space_a_wrap_put_inside_the_title_goes() -> None:
    read = STANDARD_TITLES[4].replace("พัฒนานวัตกรรม", "พัฒนา นวัตกรรม")
    assert standard_title(read) == STANDARD_TITLES[4]


def test_another_wording_is_left_as_read() -> None:
    # The seed's overall table words 3.1 with ทันสมัย, its form with ยืดหยุ่น: each is its own.
    assert standard_title(DIGITAL.replace("ยืดหยุ่น", "ทันสมัย")) == STANDARD_TITLES[8]
    other = DIGITAL.replace("ยืดหยุ่น", "ทันสมัย ยืดหยุ่น")
    assert standard_title(other) == other
    reworded = DIGITAL.replace("ที่ยืดหยุ่น", "ที่คล่องแคล่ว")
    assert standard_title(reworded) == reworded
    assert standard_title("ความสำเร็จของการเบิกจ่ายเงินในภาพรวม") == (
        "ความสำเร็จของการเบิกจ่ายเงินในภาพรวม"
    )
    assert standard_title("ระดับความสำเร็จในการจัดระเบียบพื้นที่") == ("ระดับความสำเร็จในการจัดระเบียบพื้นที่")
    assert standard_title("") == ""


def test_slips_close_together_are_a_different_word() -> None:
    # Two 2-letter edits side by side are a word changed, not two slips.
    read = "ความสำเร็จของการเบิกจ่ายงบลงทุนในภาพรวม"
    assert standard_title(read) == read


def test_snap_titles_reads_every_title_and_indicator_name() -> None:
    form = ParsedForm(form_type="component", component="3.1", component_title=DIGITAL[:-3] + "ตว")
    form.indicator_title = form.component_title
    form.indicators = [
        ParsedIndicator(indicator_no=1, indicator_name="ความสำเร็จของการเบิกจ่ายงบประมาณในภาพรวน")
    ]
    snap_titles([form])
    assert (form.component_title, form.indicator_title) == (DIGITAL, DIGITAL)
    assert form.indicators[0].indicator_name == "ความสำเร็จของการเบิกจ่ายงบประมาณในภาพรวม"
