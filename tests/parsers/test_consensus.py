from __future__ import annotations

from thaieval.parsers.consensus import clean_name, clean_title, cluster, consensus, garbled
from thaieval.parsers.link_forms import link_forms
from thaieval.parsers.thai_repair import repair_thai_text
from thaieval.schemas.forms import ParsedForm, ParsedIndicator
from thaieval.schemas.provenance import Prov

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


def test_a_wrapped_tail_one_reading_lost_is_put_back() -> None:
    full = "ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐเพื่อบริหารราชการที่ทันสมัย โปร่งใส คล่องตัว"
    cut = "ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐเพื่อบริหารราชการที่"
    assert consensus([cut, full]) == full


def test_clean_title_snaps_the_tag_and_keeps_the_sub_component() -> None:
    assert (
        clean_title("งานร่วมกันระหว่างหน่วยงาน (70ไท1ะ KPIs)") == "งานร่วมกันระหว่างหน่วยงาน (Joint KPIs)"
    )
    assert clean_title("จำนวนวันเฉลี่ย Traffy Fondue (วัน)") == "จำนวนวันเฉลี่ย Traffy Fondue (วัน)"
    merged = "การประเมินผลการดำเนินงาน (Performance Base) AV. ประสิทธิภาพของงาน (Joint KPIs)"
    assert clean_title(merged) == "ประสิทธิภาพของงาน (Joint KPIs)"


def test_garbage_reads_worse_than_text() -> None:
    assert garbled("โรกหธาพใน กชาการดาพตกา ตารามทา") > 4 > garbled("นายปิยะพงษ์ ทองคำ")


def test_a_garbled_form_name_takes_the_overall_tables_reading() -> None:
    overall = ParsedForm(form_type="overall_summary")
    good = "ความสำเร็จของการเบิกจ่ายงบประมาณในภาพรวม"
    overall.indicators = [
        ParsedIndicator(indicator_no=1, indicator_code="3.2", indicator_name=good)
    ]
    form = ParsedForm(form_type="component", component="3.2")
    form.component_title = form.indicator_title = "กรรถาเกกห์เทกทรหรักก"
    form.indicators = [
        ParsedIndicator(indicator_no=1, indicator_code="3.2", indicator_name=form.indicator_title)
    ]
    for ind in (*overall.indicators, *form.indicators):
        ind.prov["weighted_score"] = Prov(confidence=90.0)
    link_forms([overall, form])
    assert form.indicators[0].indicator_name == good
    assert form.component_title == good


def test_a_signatorys_name_is_read_once_for_the_document() -> None:
    forms = [_form("สำนักงานเขตดุสิต") for _ in range(3)]
    forms[0].evaluator_name = "นายธนพลวงศ์ใหญ่"
    forms[1].evaluator_name = "นายปิยะพงษ์ nase"
    forms[2].evaluator_name = "นายปิยะพงษ์ ทองคำ"
    link_forms(forms)
    assert [f.evaluator_name for f in forms] == [
        "นายธนพล วงศ์ใหญ่",
        "นายปิยะพงษ์ ทองคำ",
        "นายปิยะพงษ์ ทองคำ",
    ]


def _ocr(ind: ParsedIndicator) -> ParsedIndicator:
    ind.prov["weighted_score"] = Prov(confidence=90.0)
    return ind


def test_a_forms_title_is_read_with_the_overall_tables_printing_of_it() -> None:
    group = "ประสิทธิภาพในการบริหารจัดการและพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน (Innovation Base)"
    sub = "ประสิทธิภาพในการดำเนินงานภารกิจหลักตามยุทธศาสตร์กรุงเทพมหานคร (Function Base)"
    overall = ParsedForm(form_type="overall_summary")
    overall.group_titles = {
        "1": "การประเมินประสิทธิภาพผลการดำเนินงาน (Performance Base)",
        "1.1": sub,
        "2": group,
    }
    overall.indicators = [
        _ocr(ParsedIndicator(indicator_no=1, indicator_code="2.1", indicator_name=NAME))
    ]
    garbled_form = ParsedForm(form_type="component", component="2")
    garbled_form.component_title = (
        "โรกหธาพใน กชาการดาพตกา ตารามทา พลารจากหปฏิบัติงานของหน่วยงาน (Innovation Base)"
    )
    garbled_form.indicators = [_ocr(ParsedIndicator(indicator_no=1, indicator_name=NAME))]
    lost_line = ParsedForm(form_type="component", component="1.1")
    lost_line.component_title = overall.group_titles["1"]  # the 1.1 line lost, the 1 line read
    lost_line.indicators = [_ocr(ParsedIndicator(indicator_no=1, indicator_name="ระดับความสำเร็จ"))]
    link_forms([overall, garbled_form, lost_line])
    assert garbled_form.component_title == group
    assert lost_line.component_title == sub


def test_clean_name_keeps_a_short_number_and_spaces_between_words() -> None:
    assert clean_name("15 นาที และพื้นที่สีเขียว") == "15 นาที และพื้นที่สีเขียว"
    assert clean_name("111 ระดับความสำเร็จ") == "ระดับความสำเร็จ"
    assert clean_name("ตัวชี้วัดระดับความสำเร็จในการพัฒนา") == "ระดับความสำเร็จในการพัฒนา"
    kept = "ร้อยละของปริมาณขยะที่ต้องนำไปกำจัด เทียบกับปีที่ผ่านมา"
    assert clean_name(kept) == kept
    assert clean_name("ความสำ เร็จในการพัฒนา") == "ความสำเร็จในการพัฒนา"


def test_a_title_whose_wrapped_line_was_lost_is_completed_from_the_table() -> None:
    group = "ประสิทธิภาพในการบริหารจัดการและพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน (Innovation Base)"
    overall = ParsedForm(form_type="overall_summary", group_titles={"2": group})
    overall.indicators = [
        _ocr(ParsedIndicator(indicator_no=1, indicator_code="2.1", indicator_name=NAME))
    ]
    form = ParsedForm(form_type="component", component="2")
    form.component_title = "ประสิทธิภาพในการบริหารจัดการและพัฒนานวัตกรรมเพื่อ"
    form.indicators = [_ocr(ParsedIndicator(indicator_no=1, indicator_name=NAME))]
    link_forms([overall, form])
    assert form.component_title == group


def test_a_form_reading_far_worse_than_the_tables_takes_the_tables() -> None:
    good = "ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐเพื่อบริหารราชการที่ทันสมัย โปร่งใส คล่องตัว"
    junk = "ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐเพื่อบริหารราชการที่ทั 4 กบัน Wane)"
    overall = ParsedForm(form_type="overall_summary")
    overall.indicators = [
        _ocr(ParsedIndicator(indicator_no=1, indicator_code="3.1", indicator_name=good))
    ]
    form = ParsedForm(
        form_type="component", component="3.1", component_title=junk, indicator_title=junk
    )
    form.indicators = [
        _ocr(ParsedIndicator(indicator_no=1, indicator_code="3.1", indicator_name=junk))
    ]
    sub = ParsedForm(
        form_type="component", component="1.1", component_title="ประสิทธิภาพหลัก (Function Base)"
    )
    sub.indicators = [_ocr(ParsedIndicator(indicator_no=1, indicator_name=NAME))]
    link_forms([overall, form, sub])
    assert (form.indicators[0].indicator_name, form.component_title) == (good, good)
    assert sub.component_title == "ประสิทธิภาพหลัก (Function Base)"
