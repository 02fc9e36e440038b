"""A form of component 1 whose sub-component line OCR lost is placed by its indicators' names."""

from __future__ import annotations

from thaieval.parsers.link_forms import link_forms
from thaieval.parsers.sub_component import code_by_title, sub_component_by_names
from thaieval.schemas.forms import ParsedForm, ParsedIndicator

ROWS = {
    "1.1.1": "ร้อยละของถนนที่ได้รับการซ่อมแซม",
    "1.1.2": "ระดับความสำเร็จในการจัดเก็บขยะมูลฝอย",
    "1.2.1": "จำนวนผู้เข้าร่วมอบรมหลักสูตรการป้องกันอัคคีภัย",
    "2.1": "ความสำเร็จในการพัฒนานวัตกรรม",
}


def _ind(code: str, name: str) -> ParsedIndicator:
    return ParsedIndicator(indicator_no=1, indicator_code=code, indicator_name=name)


def _overall() -> ParsedForm:
    return ParsedForm(form_type="overall_summary", indicators=[_ind(c, n) for c, n in ROWS.items()])


def _form(component: str, *names: str) -> ParsedForm:
    return ParsedForm(
        form_type="component", component=component, indicators=[_ind("", n) for n in names]
    )


def test_a_bare_form_takes_the_group_its_indicators_name() -> None:
    # "1.1" read as "11": the two indicators, OCR-noisy, are 1.1.1 and 1.1.2 of the table.
    form = _form("1", "ร้อยละของถนนที่ได้รับการซอมแซม", "ระดับความสำเร็จในการจัดเก็บขยะมลฝอย")
    forms = link_forms([_overall(), form])
    assert forms[1].component == "1.1"
    assert [i.indicator_code for i in forms[1].indicators] == ["1.1.1", "1.1.2"]


def test_a_group_another_form_holds_is_not_given_twice() -> None:
    form = _form("1", ROWS["1.2.1"])
    assert sub_component_by_names(_overall(), form, taken={"1.2"}) == ""


def test_unmatched_names_and_components_without_groups_stay_as_read() -> None:
    assert sub_component_by_names(_overall(), _form("1", "ข้อความอื่นทั้งหมด"), set()) == ""
    assert sub_component_by_names(_overall(), _form("2", ROWS["2.1"]), set()) == ""
    assert sub_component_by_names(_overall(), _form("1.1", ROWS["1.1.1"]), set()) == ""


def test_a_form_with_no_component_read_takes_the_code_its_title_names() -> None:
    overall = ParsedForm(
        form_type="overall_summary",
        indicators=[
            _ind("3.1", "ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัล"),
            _ind("3.2", "จำนวนวันเฉลี่ยในการตอบสนองเรื่องร้องเรียน"),
        ],
    )
    lost = ParsedForm(
        form_type="component", indicator_title="Si Sion จำนวนวันเฉลี่ยในการตอบสนองเรื่องร้องเรียน"
    )
    forms = link_forms([overall, lost])
    assert forms[1].component == "3.2"
    # Taken already, or named by no row: left as read.
    assert code_by_title(overall, lost.indicator_title, taken={"3.2"}) == ""
    assert code_by_title(overall, "ข้อความอื่นทั้งหมดที่ไม่ตรง", taken=set()) == ""
