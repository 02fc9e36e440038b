"""Linking the overall table with the component forms: names, spacing, the criteria's result,
a lost sub-component line recovered by name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from thaieval.parsers.link_forms import link_forms, on_scale
from thaieval.parsers.shared_texts import union_of_spaces
from thaieval.schemas.forms import TOTAL_WEIGHT, ParsedForm, ParsedIndicator
from thaieval.schemas.provenance import Prov

THAI = st.text(alphabet="กขคงจฉชซ่้ะา", min_size=1, max_size=12)


@given(st.lists(THAI, min_size=1, max_size=6), st.data())
def test_union_of_spaces_keeps_every_space_either_copy_prints(
    words: list[str], data: st.DataObject
) -> None:
    full = " ".join(words)
    # each copy drops some of the spaces, as a wrap at an ambiguous break does
    drops = [data.draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))]
    drops.append([not d for d in drops[0]])
    copies = [
        "".join(w + ("" if i == len(words) - 1 or drop[i] else " ") for i, w in enumerate(words))
        for drop in drops
    ]
    assert union_of_spaces(copies[0], copies[1]) == full


def test_union_of_spaces_refuses_texts_that_differ_otherwise() -> None:
    assert union_of_spaces("ทันสมัย โปร่งใส", "ทันสมัย โปรงใส") is None


def test_on_scale() -> None:
    assert on_scale(7, [3, 4, 5, 6, 7]) and on_scale(2.5, [10, 8, 6, 4, 2])
    assert not on_scale(100, [3, 4, 5, 6, 7])


def _forms(form_result: float, overall_result: float) -> list[ParsedForm]:
    row = ParsedIndicator(
        indicator_no=1,
        indicator_code="3.1",
        indicator_name="ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัล",
        weight=10,
        criteria=[3, 4, 5, 6, 7],
        result_value=overall_result,
    )
    overall = ParsedForm(form_type="overall_summary", indicators=[row])
    ind = ParsedIndicator(
        indicator_no=1,
        indicator_code="3.1",
        indicator_name="ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่านดิจิทัล",
        result_value=form_result,
        level=3,
    )
    form = ParsedForm(form_type="component", component="3.1", indicators=[ind])
    return link_forms([overall, form])


def test_issue_form_result_on_the_criteria_scale_is_judged_by_itself() -> None:
    # bangkhunthian 3.1: the overall table's 4 is the injected mismatch; the form's own
    # "ระดับ 3 (5)" is consistent and must not be re-judged with the overall's result.
    form = _forms(form_result=5, overall_result=4)[1]
    assert form.indicators[0].criteria == [3, 4, 5, 6, 7]
    assert form.indicators[0].criteria_result is None


def test_a_form_result_on_another_scale_takes_the_overall_result() -> None:
    # the seed's 3.1 form prints ร้อยละ 100; the criteria count systems (7 of 3…7)
    form = _forms(form_result=100, overall_result=7)[1]
    assert form.indicators[0].criteria_result == 7


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


def test_a_row_whose_code_ocr_lost_is_linked_by_its_name_when_it_alone_bears_it() -> None:
    name = "ระดับความสำเร็จในการพัฒนาระบบฐานข้อมูลเพื่อการบริหารจัดการ"
    other = "ระดับความสำเร็จในการขับเคลื่อนนโยบายผู้ว่าราชการกรุงเทพมหานคร"
    rows = [
        ParsedIndicator(indicator_no=1, indicator_code="1.1.1", indicator_name=other, weight=15),
        ParsedIndicator(indicator_no=2, indicator_code="", indicator_name=name, weight=10),
        ParsedIndicator(indicator_no=3, indicator_code="1.2.2", indicator_name=other, weight=5),
    ]
    overall = ParsedForm(form_type="overall_summary", indicators=rows)
    inds = [
        ParsedIndicator(indicator_no=1, indicator_name=name, level=5, weighted_score=10),
        ParsedIndicator(indicator_no=2, indicator_name=other, level=5, weighted_score=5),
    ]
    form = ParsedForm(form_type="component", component="1.2", indicators=inds)
    linked = link_forms([overall, form])[1]
    assert [i.weight for i in linked.indicators] == [10, 5]
    assert linked.indicators[0].indicator_code == ""  # a lost code is not made up


def _one_indicator_form() -> ParsedForm:
    ind = ParsedIndicator(indicator_no=1, indicator_code="3.2", level=4, weighted_score=8)
    form = ParsedForm(
        form_type="component", component="3.2", total_weight=10, fiscal_year=2567, indicators=[ind]
    )
    form.prov["total_weight"] = Prov(page=3, line=7, text="10")
    return form


def test_a_one_row_forms_weight_taken_from_its_total_says_so() -> None:
    (form,) = link_forms([_one_indicator_form()])
    ind = form.indicators[0]
    assert (ind.weight, ind.filled, ind.prov["weight"].page) == (10, {"weight": TOTAL_WEIGHT}, 3)


def test_values_taken_from_the_overall_row_name_it() -> None:
    row = ParsedIndicator(
        indicator_no=1, indicator_code="3.2", weight=10, criteria=[92, 94, 96, 98, 100]
    )
    overall = ParsedForm(form_type="overall_summary", indicators=[row])
    _, form = link_forms([overall, _one_indicator_form()])
    assert form.indicators[0].filled == {
        "weight": "overall table row 3.2",
        "criteria": "overall table row 3.2",
    }
    assert overall.filled == {"fiscal_year": "the component forms"}


def test_a_printed_weight_is_not_filled() -> None:
    row = ParsedIndicator(indicator_no=1, indicator_code="3.2", weight=10)
    overall = ParsedForm(form_type="overall_summary", indicators=[row], fiscal_year=2567)
    form = _one_indicator_form()
    form.indicators[0].weight = 10
    link_forms([overall, form])
    assert form.indicators[0].filled == {} and overall.filled == {}


def test_the_one_row_of_a_component_that_names_another_indicator_is_not_the_forms() -> None:
    # Garuda scan: the table's 1.2.1 row was lost and 1.1.2's row (its code read ``ke``)
    # took the code 1.2 by place; the 1.2 form's one indicator must not be compared with it.
    form_name = "ระดับความสำเร็จในการลดปัญหาฝุ่นละออง PM2.5 ร่วมกับหน่วยงานที่เกี่ยวข้อง"
    other = "ระดับความสำเร็จในการบังคับใช้กฎหมายว่าด้วยการรักษาความสะอาดและความเป็นระเบียบ"
    row = ParsedIndicator(
        indicator_no=2, indicator_code="1.2", indicator_name=other, weight=15, weighted_score=15
    )
    overall = ParsedForm(form_type="overall_summary", indicators=[row])
    ind = ParsedIndicator(
        indicator_no=1, indicator_name=form_name, weight=20, level=5, weighted_score=20
    )
    form = ParsedForm(form_type="component", component="1.2", indicators=[ind])
    linked_overall, linked = link_forms([overall, form])
    assert linked.indicators[0].indicator_code == ""  # not given the other row's code
    assert [r.indicator_name for r in linked_overall.indicators] == [other, form_name]
    assert linked_overall.indicators[1].filled_from == "component 1.2"
    # The same row under a name the form's contains (the table adds to it) is the form's.
    row.indicator_name = form_name[:40]
    overall = ParsedForm(form_type="overall_summary", indicators=[row])
    ind.indicator_code = ""
    linked_overall, linked = link_forms([overall, form])
    assert linked.indicators[0].indicator_code == "1.2"
    assert len(linked_overall.indicators) == 1


def test_an_overall_period_not_printed_is_lent_by_the_forms_and_says_so() -> None:
    def forms(overall_period: str) -> list[ParsedForm]:
        overall = ParsedForm(form_type="overall_summary", period=overall_period)  # type: ignore[arg-type]
        parts = [
            ParsedForm(form_type="component", component=c, period="mid_year")
            for c in ("1.1", "3.1")
        ]
        return link_forms([overall, *parts])

    lent = forms("")[0]
    assert (lent.period, lent.filled.get("period")) == ("mid_year", "the component forms")
    printed = forms("end_of_year")[0]  # printed: kept as printed, for the check to see
    assert (printed.period, "period" in printed.filled) == ("end_of_year", False)
