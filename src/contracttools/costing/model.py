"""The cost of a position over the base year, contract year by contract year.

Model in, figures out (no files, no clock). The figures, each stated in docs/costing.md:

- **Base year**: the twelve months from ``Setup.base_start`` at the expiring agreement's
  rates; payroll = sum of annual rate x FTE x count. A schedule figure is made annual by
  its unit: annual x 1, monthly x 12, hourly x ``hours_per_fte``.
- **Contract year k** (1, 2, ...) is the twelve months from ``base_start`` + k years.
  Each month counts 1/12 of a year at the rates in force on its first day, so an increase
  effective on the 1st counts from that month, one effective later in a month from the next.
- **General increases**: the payroll at the rates in force minus the same people's payroll
  at the base-year rates, both at this year's steps. Salary rows compound unrounded;
  schedule rows use the projected schedule (rounded to the cent, see ``schedules``).
- **Steps** (``steps="yearly"``): everyone below the top of the schedule moves one step
  each contract year; the steps cost is the base-year rate at this year's step minus the
  base-year rate at the base step, so the two valuation methods (with and without steps)
  are both visible. A position with no change costs only its steps.
- **Lump sums**: per FTE, paid once in their year, never compounding into later years.
- **Roll-up**: ``rollup`` percent of general increases + steps + lump sums.
- Nothing here is rounded: reports round to the dollar when they show a figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from contracttools.costing.money import HUNDRED, factor
from contracttools.costing.schedules import (
    HOURS_PER_FTE,
    DatedSchedule,
    Increase,
    Schedule,
    in_force,
    project,
)

ZERO = Decimal(0)
TWELVE = Decimal(12)


@dataclass(frozen=True)
class Placement:
    """One roster row: an employee or a group, paid a ``salary`` or placed on the schedule."""

    classification: str
    salary: Decimal | None = None
    """Annual base, for rows not on the schedule."""
    range: str | None = None
    step: str | None = None
    fte: Decimal = Decimal(1)
    count: int = 1


@dataclass(frozen=True)
class Setup:
    """What every position is costed against: the base year, the roster, the schedule."""

    base_start: date
    roster: tuple[Placement, ...]
    years: int = 3
    rollup: Decimal = ZERO
    """Percent of wage cost added for what follows pay (taxes, pension...)."""
    schedule: Schedule | None = None
    hours_per_fte: Decimal = HOURS_PER_FTE
    steps: Literal["none", "yearly"] = "none"


@dataclass(frozen=True)
class LumpSum:
    """A one-time payment of ``amount`` per FTE in contract year ``year`` (1 is the first)."""

    year: int
    amount: Decimal


@dataclass(frozen=True)
class Position:
    """What a party asks or offers on pay: dated increases and lump sums."""

    increases: tuple[Increase, ...] = ()
    lump_sums: tuple[LumpSum, ...] = ()


@dataclass(frozen=True)
class Classification:
    """The base year of one classification."""

    name: str
    payroll: Decimal
    headcount: int
    fte: Decimal


@dataclass(frozen=True)
class Base:
    """The base year: payroll, headcount and FTE, in all and by classification."""

    payroll: Decimal
    headcount: int
    fte: Decimal
    classifications: tuple[Classification, ...]


@dataclass(frozen=True)
class YearCost:
    """The cost of a position over the base in one contract year (unrounded)."""

    year: int
    start: date
    general: Decimal
    steps: Decimal
    lump_sums: Decimal
    rollup: Decimal

    @property
    def wages(self) -> Decimal:
        """General increases + steps + lump sums, before roll-up."""
        return self.general + self.steps + self.lump_sums

    @property
    def total(self) -> Decimal:
        """Everything: wages and roll-up."""
        return self.wages + self.rollup


@dataclass(frozen=True)
class Costing:
    """A position's cost over the base, each contract year and over the term."""

    base: Base
    years: tuple[YearCost, ...]

    @property
    def term(self) -> YearCost:
        """The sum over the contract years (``year`` 0, ``start`` the first year's)."""
        return YearCost(
            0,
            self.years[0].start,
            sum((y.general for y in self.years), ZERO),
            sum((y.steps for y in self.years), ZERO),
            sum((y.lump_sums for y in self.years), ZERO),
            sum((y.rollup for y in self.years), ZERO),
        )

    def percent_of_base(self, figure: Decimal) -> Decimal:
        """Return ``figure`` as a percent of the base payroll."""
        return figure / self.base.payroll * HUNDRED if self.base.payroll else ZERO

    def per_fte(self, figure: Decimal) -> Decimal:
        """Return ``figure`` per FTE of the base year."""
        return figure / self.base.fte if self.base.fte else ZERO


@dataclass(frozen=True)
class Quick:
    """The figures a team keeps in its head, in the base year."""

    one_percent: Decimal
    one_percent_rolled_up: Decimal
    one_step: Decimal | None
    """None without a schedule."""
    one_cent_an_hour: Decimal
    one_cent_an_hour_rolled_up: Decimal


def add_years(day: date, years: int) -> date:
    """Return ``day`` ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """Return ``day`` ``months`` later (the day capped at 28)."""
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, min(day.day, 28))


def yearly(setup: Setup, percents: Sequence[Decimal]) -> tuple[Increase, ...]:
    """Return one increase per contract year, each effective on its first day."""
    return tuple(
        Increase(add_years(setup.base_start, year), percent)
        for year, percent in enumerate(percents, start=1)
    )


@dataclass(frozen=True)
class Summed:
    """The roster summed once for costing every position against it.

    Rows paid a salary cost in proportion to their payroll and FTE, so they are summed in
    all; rows on the schedule are summed by their place (range and step).
    """

    base: Base
    salaried_payroll: Decimal
    """Sum of salary x FTE x count over the rows paid a salary."""
    salaried_fte: Decimal
    """Sum of FTE x count over the rows paid a salary."""
    placed: tuple[tuple[str, str, Decimal], ...]
    """(range, step, FTE x count) of each place on the schedule a row holds."""


def _annual(setup: Setup, rate: Decimal) -> Decimal:
    schedule = setup.schedule
    unit = schedule.unit if schedule is not None else "annual"
    if unit == "monthly":
        return rate * TWELVE
    if unit == "hourly":
        return rate * setup.hours_per_fte
    return rate


def summed(setup: Setup) -> Summed:
    """Return the roster summed: the base year by classification, and what costing needs."""
    by_class: dict[str, tuple[Decimal, int, Decimal]] = {}
    placed: dict[tuple[str, str], Decimal] = {}
    rates: dict[tuple[str, str], Decimal] = {}
    payroll = fte = ZERO
    for row in setup.roster:
        weight = row.fte * row.count
        if row.salary is not None:
            rate = row.salary
            payroll += rate * weight
            fte += weight
        else:
            if setup.schedule is None or row.range is None or row.step is None:
                raise ValueError(
                    f"{row.classification}: neither a salary nor a place on a schedule"
                )
            place = (row.range, row.step)
            if place not in rates:
                rates[place] = _annual(setup, setup.schedule.rate(*place))
            rate = rates[place]
            placed[place] = placed.get(place, ZERO) + weight
        pay, heads, full = by_class.get(row.classification, (ZERO, 0, ZERO))
        by_class[row.classification] = (pay + rate * weight, heads + row.count, full + weight)
    classes = tuple(Classification(name, *figures) for name, figures in by_class.items())
    the_base = Base(
        sum((c.payroll for c in classes), ZERO),
        sum(c.headcount for c in classes),
        sum((c.fte for c in classes), ZERO),
        classes,
    )
    places = tuple((r, step, weight) for (r, step), weight in placed.items())
    return Summed(the_base, payroll, fte, places)


def base(setup: Setup) -> Base:
    """Return the base year: payroll, headcount and FTE, by classification."""
    return summed(setup).base


def _salaried_year(
    setup: Setup, increases: Sequence[Increase], months: Sequence[date]
) -> tuple[Decimal, Decimal]:
    """Return the year's average (factor, flat amount) of a salary: raised, it is
    ``salary x factor + amount``, each month at the increases in force on its first day.

    An increase's flat amount is in the schedule's unit: it is made annual here.
    """
    factors = amounts = ZERO
    for month in months:
        grow, flat = Decimal(1), ZERO
        for change in increases:
            if change.effective <= month:
                step = factor(change.percent)
                grow, flat = grow * step, flat * step + _annual(setup, change.amount)
        factors += grow
        amounts += flat
    return factors / TWELVE, amounts / TWELVE


def month_starts(setup: Setup, year: int) -> tuple[date, ...]:
    """Return the first day of each month of contract ``year`` (1 is the first)."""
    start = add_years(setup.base_start, year)
    return tuple(add_months(start, month) for month in range(12))


def increases_in_force(setup: Setup, position: Position, year: int) -> tuple[int, ...]:
    """Return, for each month of contract ``year``, how many of the position's increases
    (in order of effective date) are in force on its first day."""
    dates = sorted(change.effective for change in position.increases)
    return tuple(sum(1 for day in dates if day <= month) for month in month_starts(setup, year))


def cost(setup: Setup, position: Position, roster: Summed | None = None) -> Costing:
    """Return what ``position`` costs over the base year, each contract year and the term.

    ``roster`` is ``summed(setup)``, given when many positions are costed on one setup.
    """
    increases = tuple(sorted(position.increases, key=lambda item: item.effective))
    projected: list[DatedSchedule] = (
        project(setup.schedule, increases) if setup.schedule is not None else []
    )
    roster = roster if roster is not None else summed(setup)
    the_base = roster.base
    years = []
    for year in range(1, setup.years + 1):
        months = month_starts(setup, year)
        general = steps = ZERO
        if roster.salaried_fte:
            grow, flat = _salaried_year(setup, increases, months)
            general += roster.salaried_payroll * (grow - 1) + roster.salaried_fte * flat
        if roster.placed and setup.schedule is not None:
            in_month = [in_force(setup.schedule, projected, month) for month in months]
            for range_, step, weight in roster.placed:
                g, s = _placed_year(setup, setup.schedule, in_month, range_, step, year)
                general += g * weight
                steps += s * weight
        lump = sum((ls.amount for ls in position.lump_sums if ls.year == year), ZERO)
        lump_sums = lump * the_base.fte
        rollup = (general + steps + lump_sums) * setup.rollup / HUNDRED
        years.append(YearCost(year, months[0], general, steps, lump_sums, rollup))
    return Costing(the_base, tuple(years))


def _placed_year(
    setup: Setup,
    schedule: Schedule,
    in_month: Sequence[Schedule],
    range_: str,
    step: str,
    year: int,
) -> tuple[Decimal, Decimal]:
    """Return (general, steps) for one FTE at ``range_`` and ``step`` in contract ``year``."""
    now = step
    if setup.steps == "yearly":
        for _ in range(year):
            now = schedule.next_step(now)
    at_base = _annual(setup, schedule.rate(range_, now))
    raised = sum((_annual(setup, table.rate(range_, now)) for table in in_month), ZERO)
    steps = at_base - _annual(setup, schedule.rate(range_, step))
    return raised / TWELVE - at_base, steps


def quick(setup: Setup, roster: Summed | None = None) -> Quick:
    """Return the cost of 1%, of one step and of $0.01 an hour, in the base year."""
    roster = roster if roster is not None else summed(setup)
    the_base = roster.base
    rolled = 1 + setup.rollup / HUNDRED
    one_percent = the_base.payroll / HUNDRED
    cent = Decimal("0.01") * setup.hours_per_fte * the_base.fte
    one_step: Decimal | None = None
    if setup.schedule is not None:
        one_step = ZERO
        for range_, step, weight in roster.placed:
            up = setup.schedule.next_step(step)
            here = setup.schedule.rate(range_, step)
            one_step += _annual(setup, setup.schedule.rate(range_, up) - here) * weight
    return Quick(one_percent, one_percent * rolled, one_step, cent, cent * rolled)
