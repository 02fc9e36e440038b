from __future__ import annotations

from parsers.consensus import clean_name, cluster, consensus
from parsers.link_forms import link_forms
from parsers.thai_repair import repair_thai_text
from schemas.forms import ParsedForm, ParsedIndicator

NAME = "ระดับความสำเร็จในการจัดระเบียบพื้นที่สาธารณะและทางเท้าให้ปลอดภัย"


def test_the_dictionary_reading_wins_a_disagreement() -> None:
    a = "ระดับความสำเร็จในการจัดระเบียบพื้นทิสาธารณะและทางเท้าให้ปลอดภัย"  # mark misread
    b = "ระดับความสำเร็จในการจัดระเบียบพื้นที่สาธารณะและทางเท้าให้ปลอดภัย"
    assert consensus([a, b]) == NAME
    assert consensus([b, a]) == NAME


def test_a_word_one_reading_lost_is_not_dropped() -> None:
    full = "ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐเพื่อบริหารราชการที่ทันสมัย โปร่งใส คล่องตัว"
    cut = "ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐเพื่อบริหารราชการที่"
    assert consensus([cut, full]) == full


def test_spaces_inside_words_are_not_taken() -> None:
    assert consensus(["ความสำเร็จในการพัฒนา", "ความสำ เร็จในการพัฒนา"]) == "ความสำเร็จในการพัฒนา"


def test_latin_name_is_not_replaced_by_thai_misreading() -> None:
    a = "จำนวนวันเฉลี่ยผ่านระบบ Traffy Fondue (วัน)"
    assert consensus([a, "จำนวนวันเฉลี่ยผ่านระบบ โลกึ Fondue (วัน)"]) == a


def test_majority_of_three_wins() -> None:
    assert consensus(["สำนักงานเขตดูสิต", "สำนักงานเขตดุสิต", "สำนักงานเขตดุสิต"]) == "สำนักงานเขตดุสิต"


def test_cluster_keeps_different_texts_apart() -> None:
    assert cluster([NAME, "กรรถาเกกห์เทกทรหรักก", NAME]) == [[0, 2], [1]]


def test_clean_name_drops_code_leftovers_and_trailing_marks() -> None:
    assert clean_name("32) ความสำเร็จของการเบิกจ่าย") == "ความสำเร็จของการเบิกจ่าย"
    assert clean_name("1 : ร้อยละความสำเร็จ") == "ร้อยละความสำเร็จ"
    assert clean_name("ระหว่างหน่วยงาน (Joint KPIs):") == "ระหว่างหน่วยงาน (Joint KPIs)"


def test_doubled_sara_a_is_one() -> None:
    assert repair_thai_text("ร้อยละะความสำเร็จ") == "ร้อยละความสำเร็จ"


def _form(unit: str) -> ParsedForm:
    form = ParsedForm(form_type="component", component="1.1", unit_name=unit)
    form.indicators = [ParsedIndicator(indicator_no=1, indicator_name=NAME)]
    return form


def test_units_agree_across_a_documents_forms() -> None:
    forms = [_form("สำนักงานเขตดุสิต"), _form("สำนักงานเขตดูสิต"), _form("สำนักงานเขตดุสิต"), _form("")]
    link_forms(forms)
    assert {f.unit_name for f in forms} == {"สำนักงานเขตดุสิต"}
