"""Positions from the ``terms`` of proposal items and TAs.

- ``general_increase: ["3%", "3%", "3%"]``: one increase per contract year, each
  compounding on the last, effective on the first day of its year unless
  ``general_increase_effective: [2024-01-01, 2024-07-01, ...]`` gives a date for each.
- ``lump_sum: "$750"`` (or one figure a year): per FTE, once, in its contract year.
- ``cents_per_hour: ["$0.25", ...]``: a flat amount an hour, one per contract year, added
  to every rate (on an annual or monthly schedule, times hours a year or a month).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from contracttools.costing.model import LumpSum, Position, Setup, add_years
from contracttools.costing.money import parse_money, parse_percent
from contracttools.costing.schedules import Increase

COSTED = ("general_increase", "general_increase_effective", "lump_sum", "cents_per_hour")
"""The terms costing reads; others are left to the summary."""


def _per_hour(setup: Setup, amount: Decimal) -> Decimal:
    unit = setup.schedule.unit if setup.schedule is not None else "annual"
    if unit == "hourly":
        return amount
    if unit == "monthly":
        return amount * setup.hours_per_fte / 12
    return amount * setup.hours_per_fte


def per_hour(setup: Setup, amount: Decimal) -> Decimal:
    """Return the amount an hour that a flat ``amount`` in the schedule's unit stands for."""
    unit = setup.schedule.unit if setup.schedule is not None else "annual"
    if unit == "hourly":
        return amount
    if unit == "monthly":
        return amount * 12 / setup.hours_per_fte
    return amount / setup.hours_per_fte


def position(setup: Setup, terms: Mapping[str, tuple[str, ...]]) -> tuple[Position, list[str]]:
    """Return the position ``terms`` take, and what in them could not be read."""
    problems: list[str] = []
    percents: list[Decimal] = []
    for text in terms.get("general_increase", ()):
        value = parse_percent(text)
        if value is None:
            problems.append(f"general_increase: '{text}' is not a percentage such as 3%")
        percents.append(value if value is not None else Decimal(0))
    dates: list[date] = []
    for text in terms.get("general_increase_effective", ()):
        try:
            dates.append(date.fromisoformat(text))
        except ValueError:
            problems.append(f"general_increase_effective: '{text}' is not a date (YYYY-MM-DD)")
    if dates and len(dates) != len(percents):
        problems.append(
            f"general_increase_effective gives {len(dates)} dates for {len(percents)} increases"
        )
        dates = []
    cents: list[Decimal] = []
    for text in terms.get("cents_per_hour", ()):
        value = parse_money(text)
        if value is None:
            problems.append(f"cents_per_hour: '{text}' is not an amount such as $0.25")
        cents.append(value if value is not None else Decimal(0))
    count = max(len(percents), len(cents))
    increases = []
    for index in range(count):
        percent = percents[index] if index < len(percents) else Decimal(0)
        amount = _per_hour(setup, cents[index]) if index < len(cents) else Decimal(0)
        effective = dates[index] if dates and index < len(percents) else None
        increases.append(
            Increase(effective or add_years(setup.base_start, index + 1), percent, amount)
        )
    lumps = []
    for year, text in enumerate(terms.get("lump_sum", ()), start=1):
        value = parse_money(text)
        if value is None:
            problems.append(f"lump_sum: '{text}' is not an amount such as $750")
        elif value:
            lumps.append(LumpSum(year, value))
    return Position(tuple(increases), tuple(lumps)), problems
