"""What verify could and could not check: one record per rule application.

A rule is applied to the numbers it needs. It ``passed`` when they agree and ``failed`` when
they contradict each other (a flag then says how); it is ``unchecked`` when an input is not
printed or could not be read, when an input was derived from the value it would check, or
when it was filled from the very form it would be compared with. A rule we cannot apply is
not a broken rule: it is reported here, never as an error.

>>> inputs_text(weight=10, level=(5, "derived"), weighted_score=None)
'weight=10 level=5 (derived) weighted_score=?'
>>> Check("total_score", "unchecked", reason="the total is not printed").status
'unchecked'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Check", "CheckLog", "CheckStatus", "fmt", "inputs_text"]

CheckStatus = Literal["passed", "failed", "unchecked"]


def fmt(value: float | None) -> str:
    """A number as a flag or a check prints it: ``9.5143`` → ``9.514``, ``10.0`` → ``10``."""
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


@dataclass
class Check:
    """One application of one rule: to a form (``indicator_no`` None) or one indicator."""

    rule: str
    status: CheckStatus
    inputs: str = ""
    reason: str = ""  # why it could not be applied (unchecked), or what disagreed (failed)
    indicator_no: int | None = None


# Checks of one document, each with the index of its form (None for the document).
CheckLog = list[tuple[int | None, Check]]


def _value(value: object) -> str:
    if value is None:
        return "?"
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt(float(value))
    if isinstance(value, list):
        return "|".join(fmt(v) for v in value) if value else "?"
    return str(value) or "?"


def inputs_text(**values: object) -> str:
    """``name=value`` for each input, ``?`` for one we do not have; a value given as
    ``(value, source)`` says where it came from when it was not read on the row itself."""
    parts = []
    for name, value in values.items():
        if isinstance(value, tuple):
            value, source = value
            known = value is not None and value != []
            parts.append(f"{name}={_value(value)}" + (f" ({source})" if source and known else ""))
        else:
            parts.append(f"{name}={_value(value)}")
    return " ".join(parts)
