"""What each number of an overall-table row is: by its column, or by count and order.

Never by whether the scoring rules hold for it: a row that breaks a rule keeps its printed
numbers, so the check can see the mismatch. Numbers that fit no reading are left unread and
reported (:func:`unplaced_note`).

>>> numbers_meaning([10, 92, 94, 96, 98, 100, 98.77, 8.77])
{'weight': 10, 'criteria': [92, 94, 96, 98, 100], 'result_value': 98.77, 'weighted_score': 8.77}
"""

from __future__ import annotations

from thaieval.parsers.cells import CellNumber
from thaieval.parsers.overall_columns import RowByColumn
from thaieval.schemas.forms import ParsedIndicator, ParseNote
from thaieval.schemas.page import Row
from thaieval.schemas.provenance import Prov

__all__ = [
    "merged_group_scores",
    "numbers_meaning",
    "unplaced_note",
    "values_by_column",
    "values_by_count",
]


def numbers_meaning(
    values: list[float], *, level_printed: bool = False, merged_group: bool = False
) -> dict[str, object]:
    """What the numbers of one indicator row mean, by how many there are and their order.

    weight first; five criteria when at least seven numbers; then the columns in the
    header's order: result, score, and a merged group score when one more is printed. Two
    numbers after the weight are result and score, unless the result is printed as words
    (``ระดับ 4``) or the last number is a score cell merged over a group (repeated on its
    rows, ``10 | 10,000 | 30,000``): then they are score and group score. Numbers that fit
    no such reading (criteria partly lost) are left unread, under ``ambiguous``.

    >>> numbers_meaning([10, 95.143, 9.514])
    {'weight': 10, 'result_value': 95.143, 'weighted_score': 9.514}
    >>> numbers_meaning([10, 10, 30], merged_group=True)
    {'weight': 10, 'weighted_score': 10, 'group_score': 30}
    >>> numbers_meaning([10, 92, 94, 96, 98.77, 8.77])
    {'weight': 10, 'ambiguous': [92, 94, 96, 98.77, 8.77]}
    """
    out: dict[str, object] = {"weight": values[0]}
    rest = values[1:]
    if len(values) >= 7:
        out["criteria"] = rest[:5]
        rest = rest[5:]
        keys = ["result_value", "weighted_score", "group_score"]
    elif len(rest) == 1:
        keys = ["weighted_score"]
    elif len(rest) == 2:
        keys = (
            ["weighted_score", "group_score"]
            if level_printed or merged_group
            else ["result_value", "weighted_score"]
        )
    elif len(rest) == 3 and not level_printed:
        keys = ["result_value", "weighted_score", "group_score"]
    else:
        keys = []
    if len(rest) > len(keys):
        out["ambiguous"] = rest
        return out
    for key, value in zip(keys, rest, strict=False):
        out[key] = value
    return out


_BY_COLUMN = {"result": "result_value", "score": "weighted_score"}


def values_by_column(ind: ParsedIndicator, read: RowByColumn, row: Row) -> None:
    """Values from the columns they stand in."""
    weight = read.numbers["weight"]
    ind.weight = weight.value
    ind.prov["weight"] = weight.prov()
    crit = [read.numbers.get(f"c{k}") for k in range(1, 6)]
    if all(c is not None for c in crit):
        ind.criteria = [c.value for c in crit if c is not None]
        ind.prov["criteria"] = Prov.of_cell(row)
    for role, key in _BY_COLUMN.items():
        if role in read.numbers:
            setattr(ind, key, read.numbers[role].value)
            ind.prov[key] = read.numbers[role].prov()
    if "result" in read.numbers:
        ind.result_text = read.numbers["result"].number.text.replace(",", ".")


def values_by_count(
    ind: ParsedIndicator, nums: list[CellNumber], row: Row, *, level_printed: bool, merged: bool
) -> list[float]:
    """Values by count and order (:func:`numbers_meaning`); returns the numbers it could not
    place, every one after the weight, when the count fits no reading."""
    meaning = numbers_meaning(
        [n.value for n in nums], level_printed=level_printed, merged_group=merged
    )
    ind.weight = float(meaning["weight"])  # type: ignore[arg-type]
    ind.prov["weight"] = nums[0].prov()
    if "ambiguous" in meaning:
        return [n.value for n in nums[1:]]
    order = ["weight"] + (["c1", "c2", "c3", "c4", "c5"] if "criteria" in meaning else [])
    order += [k for k in ("result_value", "weighted_score", "group_score") if k in meaning]
    by_key = dict(zip(order, nums, strict=False))
    if "criteria" in meaning:
        ind.criteria = [float(v) for v in meaning["criteria"]]  # type: ignore[attr-defined]
        ind.prov["criteria"] = Prov.of_cell(row)
    for key in ("result_value", "weighted_score", "group_score"):
        if key in meaning:
            setattr(ind, key, float(meaning[key]))  # type: ignore[arg-type]
            ind.prov[key] = by_key[key].prov()
    if "result_value" in meaning:
        ind.result_text = by_key["result_value"].number.text.replace(",", ".")
    return []


def merged_group_scores(indicators: list[ParsedIndicator], by_column: set[int]) -> None:
    """A score cell merged over a sub-component's rows (the seed prints 30.000 once beside
    1.1.1–1.1.3, whose own figures stand in the result column): the merged value is the
    group's, and each row's own figure its score."""
    groups: dict[str, list[ParsedIndicator]] = {}
    for ind in indicators:
        if id(ind) in by_column and ind.indicator_code.count(".") == 2:
            groups.setdefault(ind.indicator_code.rsplit(".", 1)[0], []).append(ind)
    for rows in groups.values():
        first, others = rows[0], rows[1:]
        if not others or first.weighted_score is None:
            continue
        if any(o.weighted_score is not None or o.result_value is None for o in others):
            continue
        if any(ind.criteria for ind in rows):  # a criteria row's result is a measure, not points
            continue
        if first.result_value is None:
            continue
        for ind in rows:
            ind.group_score = first.weighted_score
            ind.prov["group_score"] = first.prov.get("weighted_score", Prov())
            ind.weighted_score = ind.result_value
            ind.prov["weighted_score"] = ind.prov.get("result_value", Prov())


def unplaced_note(ind: ParsedIndicator, unplaced: list[float]) -> ParseNote:
    printed = " | ".join(f"{v:g}" for v in unplaced)
    return ParseNote(
        severity="warning",
        check="overall_numbers_unplaced",
        field="weighted_score",
        found=printed,
        message=(
            f"the overall row {ind.indicator_code or ind.indicator_name[:30]} prints {printed}"
            " after its weight; neither columns nor their count say which is the result and"
            " which the score, so both are left empty"
        ),
        prov=ind.prov.get("weight", Prov()),
    )
