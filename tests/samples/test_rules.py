"""Consistent documents satisfy the scoring rules; injected ones break exactly what they say."""

from __future__ import annotations

import pytest

from samples.generate import INJECTED_UNITS
from samples.inject import INJECTIONS
from samples.render import Rendered
from samples.seed_doc import seed_document
from samples.synth import PLANS, synthetic_document
from samples.to_truth import to_truth
from tests.samples.rules import violations
from thaieval.schemas.truth import TruthDocument

SEED = 2567


def _truth(key: str, inject: bool = True) -> TruthDocument:
    plan = next(p for p in PLANS if p.key == key)
    doc = synthetic_document(plan, SEED)
    if inject:
        for name in INJECTED_UNITS.get(key, ()):
            INJECTIONS[name](doc)
    # Page numbers do not matter to the rules: skip the (slow) rendering.
    printed = sum(1 for f in doc.forms if f.printed)
    fake = Rendered(b"", [(1, 1)] * (printed + 1), [[]])
    return to_truth(doc, fake, f"{key}.pdf", "text")


def _injected(truth: TruthDocument) -> set[tuple[str, str, str]]:
    return {(f.check, f.component, f.form_type) for f in truth.injected}


@pytest.mark.parametrize("key", [p.key for p in PLANS if p.key not in INJECTED_UNITS])
def test_consistent_unit_satisfies_every_rule(key: str) -> None:
    truth = _truth(key)
    assert truth.consistent and truth.injected == []
    assert violations(truth) == set()
    assert sum(i.weight or 0 for i in truth.forms[0].indicators) == 100


@pytest.mark.parametrize("key", sorted(INJECTED_UNITS))
def test_injected_unit_violates_exactly_what_it_records(key: str) -> None:
    truth = _truth(key)
    assert violations(truth) == _injected(truth)
    assert {f.check for f in truth.injected} == set(INJECTED_UNITS[key])


@pytest.mark.parametrize("key", sorted(INJECTED_UNITS))
def test_same_unit_without_injection_is_clean(key: str) -> None:
    assert violations(_truth(key, inject=False)) == set()


def test_seed_document_carries_its_real_faults() -> None:
    doc = seed_document()
    fake = Rendered(b"", [(1, 1)] * 7, [[]])
    truth = to_truth(doc, fake, "seed.pdf", "text")
    assert violations(truth) == _injected(truth)
    steps = truth.forms[4].score_items
    assert round(sum(s.score or 0 for s in steps), 3) == 80.143
    assert truth.forms[4].indicators[0].result_value == 95.143
    evidence = [f.item_no for f in truth.forms[4].findings if f.section == "evidence"]
    assert evidence == [1, 2, 5, 6, 7, 8]
    assert [f.signed_date for f in truth.forms[1:]] == ["", "2024-05-05", "2024-07-03", "2024-10-07", "2024-10-01", "2024-10-17"]  # fmt: skip
    assert truth.forms[0].total_score == 98.284
    assert [i.indicator_code for i in truth.forms[0].indicators] == ["1.1.1", "1.1.2", "1.1.3", "1.2.1", "1.3.1", "1.3.2", "3.1", "3.2"]  # fmt: skip


def test_every_document_check_is_injected_somewhere() -> None:
    checks = {c for names in INJECTED_UNITS.values() for c in names}
    document_checks = set(INJECTIONS)
    assert checks == document_checks
