"""The pay page of the ratification kit: every rate of the salary schedule now and on
each effective date of the new agreement, by classification (or range and step).

Writer-neutral and pure: the schedules in (the current one and those computed for the
new agreement), the page's rows out.  Amounts are Decimal; the page shows them as the
schedule does (whole dollars where every rate is whole, else cents).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Place:
    """One place on the schedule (a classification, or a range and step) and its rates."""

    row: str
    step: str | None
    rates: tuple[Decimal, ...]
    """The current rate, then the rate from each effective date of the new agreement."""

    @property
    def key(self) -> str:
        """Return what a member picks: "Range 2" or "Range 2, Step 3"."""
        return self.row if self.step is None else f"{self.row}, {self.step}"


@dataclass(frozen=True)
class PayPage:
    """What the pay page shows."""

    title: str
    """The negotiation's title."""
    schedule: str
    """The schedule's clause: "2.B Schedule of Minimums"."""
    row_heading: str
    """What the schedule's rows are: "Work", "Classification", "Range"."""
    steps: tuple[str, ...]
    """The schedule's steps, where its columns are steps; empty where a row has one rate."""
    periods: tuple[str, ...]
    """A heading for each rate: "Now (from May 2, 2022)", "From May 2, 2023", ..."""
    places: tuple[Place, ...]
    unit: str = "a year"
    """What a rate is for: "a year", "a month", "an hour", "per script"."""
    rounding: str = ""
    """How the new rates were rounded, in words."""

    @property
    def cents(self) -> bool:
        """Return whether any rate has cents (then every rate is shown with them)."""
        return any(rate != rate.to_integral_value() for p in self.places for rate in p.rates)

    @property
    def rows(self) -> tuple[str, ...]:
        """Return the schedule's rows in order, once each."""
        return tuple(dict.fromkeys(p.row for p in self.places))


def dollars(amount: Decimal, cents: bool) -> str:
    """Return "$138,949" or "$1,234.50"."""
    return f"${amount:,.2f}" if cents else f"${amount:,.0f}"


def rise(old: Decimal, new: Decimal) -> str:
    """Return the rise from one rate to another in percent, to a tenth: "+5.0%"."""
    if old == 0:
        return ""
    change = ((new - old) / old * 100).quantize(Decimal("0.1"))
    return f"{'+' if change >= 0 else ''}{change}%"
