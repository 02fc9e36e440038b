"""When a form may be signed: the one rule behind ``date_outside_fiscal_window`` — its check,
its ``expected`` value, its message and its line in ``checks.csv`` all come from here.

A Thai fiscal year runs from 1 October to 30 September (:func:`fiscal_year_bounds`). An
end-of-year form reports a year that has ended: it is signed from the year's last day to a
year after it. A mid-year round (รอบ 6 เดือน) reports within its year: it is signed inside it.

>>> window = signing_window(2567, "end_of_year")
>>> window.text(), window.contains(date(2024, 5, 5))
('2024-09-30..2025-09-30', False)
>>> window.message(date(2024, 5, 5))
'signed 2024-05-05, before fiscal year 2567 ended: an end-of-year form is signed 2024-09-30..2025-09-30'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thaieval.parsers.dates import fiscal_year_bounds

__all__ = ["SigningWindow", "signing_window"]


@dataclass(frozen=True)
class SigningWindow:
    """The dates, both included, on which a form of ``fiscal_year`` and ``period`` is signed."""

    fiscal_year: int
    period: str
    first: date
    last: date

    def contains(self, signed: date) -> bool:
        return self.first <= signed <= self.last

    def text(self) -> str:
        """``first..last``, as flags.csv's ``expected`` and checks.csv write it."""
        return f"{self.first.isoformat()}..{self.last.isoformat()}"

    def message(self, signed: date) -> str:
        """The flag's sentence for a date outside the window: where it fell, then the window."""
        if self.period == "mid_year":
            where = f"outside fiscal year {self.fiscal_year}"
            kind = "a mid-year form"
        else:
            where = (
                f"before fiscal year {self.fiscal_year} ended"
                if signed < self.first  # the end-of-year window opens on the year's last day
                else f"more than a year after fiscal year {self.fiscal_year} ended"
            )
            kind = "an end-of-year form"
        return f"signed {signed.isoformat()}, {where}: {kind} is signed {self.text()}"


def signing_window(fiscal_year: int, period: str) -> SigningWindow:
    """The window of a form of ``fiscal_year`` (Buddhist Era) and ``period``; a form whose
    period was not read is held to the end-of-year rule, as most forms are.

    >>> signing_window(2567, "mid_year").text(), signing_window(2566, "end_of_year").text()
    ('2023-10-01..2024-09-30', '2023-09-30..2024-09-30')
    """
    start, end = fiscal_year_bounds(fiscal_year)
    if period == "mid_year":
        return SigningWindow(fiscal_year, period, start, end)
    # Up to the same day a year later (30 September: a calendar year, leap day or not).
    return SigningWindow(fiscal_year, period, end, end.replace(year=end.year + 1))
