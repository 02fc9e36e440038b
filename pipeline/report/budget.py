"""How much detail the review report holds: a limit in bytes, shared out among the units so
that a large batch still shows every unit, each with as many of its forms (score table,
findings, flag cards and crops) as its share allows. What is left out is counted and said.

The overview, the chart and each unit's heading are always shown; every value is in the CSV
files whatever the report holds.

>>> budget = DetailBudget(1000)
>>> budget.allowance(units_to_go=4)
250
>>> budget.spend(100); budget.allowance(units_to_go=3)
300
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DETAIL_MB", "DetailBudget"]

# A scanned batch embeds a 20-40 kB crop per flag: 8 MB is some 250 crops, and a page a
# browser opens at once; `thaieval report DIR --max-mb N` raises it.
DETAIL_MB = 8.0


@dataclass
class DetailBudget:
    """Bytes of per-form detail still to give, and what was left out for want of them."""

    left: int
    forms_left_out: int = 0
    flags_left_out: int = 0

    @classmethod
    def of_megabytes(cls, megabytes: float) -> DetailBudget:
        return cls(int(megabytes * 1024 * 1024))

    def allowance(self, units_to_go: int) -> int:
        """This unit's share: an even part of what is left (a unit that needs less leaves
        the rest to the units after it)."""
        return self.left // max(units_to_go, 1)

    def spend(self, size: int) -> None:
        self.left -= size

    def leave_out(self, forms: int, flags: int) -> None:
        self.forms_left_out += forms
        self.flags_left_out += flags
