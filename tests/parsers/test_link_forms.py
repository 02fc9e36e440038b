"""Forms tied to the overall table: a lost sub-component line recovered by name."""

from __future__ import annotations

from parsers.link_forms import link_forms
from schemas.forms import ParsedForm, ParsedIndicator

NAMES = {
    "3.1": "ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐ",
    "3.2": "ความสำเร็จของการเบิกจ่ายงบประมาณในภาพรวม",
    "2.1": "ความสำเร็จในการพัฒนานวัตกรรม",
}


def _overall() -> ParsedForm:
    rows = [
        ParsedIndicator(indicator_no=i, indicator_code=c, indicator_name=n, weight=10)
        for i, (c, n) in enumerate(NAMES.items(), start=1)
    ]
    return ParsedForm(form_type="overall_summary", indicators=rows)


def _form(component: str, title: str) -> ParsedForm:
    return ParsedForm(
        form_type="component",
        component=component,
        indicator_title=title,
        indicators=[ParsedIndicator(indicator_no=1, weighted_score=10)],
    )


def test_bare_component_takes_the_code_of_the_indicator_it_names() -> None:
    lost = _form("3", "out, " + NAMES["3.1"])  # "3.1 :" read as "out,"
    forms = link_forms([_overall(), lost, _form("3.2", NAMES["3.2"])])
    assert forms[1].component == "3.1"
    assert forms[1].component_title == NAMES["3.1"]
    assert forms[1].indicators[0].indicator_code == "3.1"


def test_component_2_stays_itself() -> None:
    forms = link_forms([_overall(), _form("2", NAMES["2.1"])])
    assert forms[1].component == "2"


def test_unrelated_name_is_not_forced_onto_a_code() -> None:
    forms = link_forms([_overall(), _form("3", "ระดับความสำเร็จในการจัดเก็บขยะมูลฝอย")])
    assert forms[1].component == "3"


def test_a_form_alone_gives_its_one_row_the_total_weight() -> None:
    form = _form("1.1", "")
    form.total_weight = 30
    (linked,) = link_forms([form])
    assert linked.indicators[0].weight == 30
