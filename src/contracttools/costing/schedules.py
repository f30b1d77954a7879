"""Salary schedules (ranges by steps) and the schedules that dated increases make of them.

The rule, stated once (:func:`raise_rate`): each increase applies to the *published* figure
before it, that is the previous schedule's figure rounded to the cent, and the result is
rounded to the cent ROUND_HALF_UP. So a 3% then 3% on $44,100.00 gives $45,423.00, then
$46,785.69 ($45,423.00 x 1.03 = 46,785.69), exactly as a reader checks it from the two
printed tables. A flat amount (``amount``, in the schedule's unit) is added after the
percentage.

Typical use::

    base = Schedule.of("annual", ["1", "2"], ["1", "2", "3"],
                       [["40000", "42000", "44100"], ["46000", "48300", "50715"]])
    for dated in project(base, [Increase(date(2023, 7, 1), Decimal("3"))]):
        dated.effective, dated.schedule.rate("1", "3")   # 2023-07-01, Decimal("45423.00")
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from contracttools.costing.money import factor, to_cent

Unit = Literal["annual", "monthly", "hourly"]
UNITS: tuple[Unit, ...] = ("annual", "monthly", "hourly")
SHORT = re.compile(r"[0-9A-Z]{1,3}")
"""A bare range or step name ("1", "12", "B"), said after its word: "Range 1", "Step 3"."""
HOURS_PER_FTE = Decimal(2080)
"""Paid hours in a full-time year, unless a costing file says otherwise."""


@dataclass(frozen=True)
class Schedule:
    """A salary table: one row per range, one column per step, each figure in ``unit``."""

    unit: Unit
    ranges: tuple[str, ...]
    steps: tuple[str, ...]
    rates: tuple[tuple[Decimal, ...], ...]
    """``rates[r][s]`` is range ``ranges[r]`` at step ``steps[s]``."""

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unit {self.unit!r} is not one of {', '.join(UNITS)}")
        if len(self.rates) != len(self.ranges):
            raise ValueError(f"{len(self.rates)} rows of rates for {len(self.ranges)} ranges")
        for name, row in zip(self.ranges, self.rates, strict=True):
            if len(row) != len(self.steps):
                raise ValueError(f"range {name} has {len(row)} figures for {len(self.steps)} steps")

    @classmethod
    def of(
        cls,
        unit: Unit,
        ranges: Iterable[str],
        steps: Iterable[str],
        rates: Iterable[Iterable[Decimal | str | int]],
    ) -> Schedule:
        """Build a schedule from plain sequences (figures may be strings or ints)."""
        return cls(
            unit,
            tuple(ranges),
            tuple(steps),
            tuple(tuple(Decimal(value) for value in row) for row in rates),
        )

    def rate(self, range_: str, step: str) -> Decimal:
        """Return the figure of ``range_`` at ``step``; KeyError names what is missing."""
        try:
            r = self.ranges.index(range_)
        except ValueError:
            raise KeyError(f"no range {range_!r} in the schedule") from None
        try:
            s = self.steps.index(step)
        except ValueError:
            raise KeyError(f"no step {step!r} in the schedule") from None
        return self.rates[r][s]

    def next_step(self, step: str) -> str:
        """Return the step after ``step``, or ``step`` itself at the top."""
        s = self.steps.index(step)
        return self.steps[min(s + 1, len(self.steps) - 1)]

    def map(self, change: Increase) -> Schedule:
        """Return this schedule with ``change`` applied to every figure (see raise_rate)."""
        rates = tuple(tuple(raise_rate(value, change) for value in row) for row in self.rates)
        return Schedule(self.unit, self.ranges, self.steps, rates)


@dataclass(frozen=True)
class Increase:
    """A general increase taking effect on ``effective``.

    ``percent`` is a number of percent (``Decimal("3")`` for 3%); ``amount`` is a flat sum
    in the schedule's unit, added after the percentage (cents per hour on an hourly table).
    """

    effective: date
    percent: Decimal = Decimal(0)
    amount: Decimal = Decimal(0)


@dataclass(frozen=True)
class DatedSchedule:
    """The schedule in force from ``effective``, made by ``increase`` from the one before."""

    effective: date
    schedule: Schedule
    increase: Increase


def raise_rate(previous: Decimal, change: Increase) -> Decimal:
    """Return the figure after ``change``: the one rounding rule of schedules.

    ``to_cent(to_cent(previous) x (1 + percent/100) + amount)``: the increase compounds on the
    previous figure as published (rounded to the cent), and the result is rounded to the
    cent ROUND_HALF_UP.
    """
    return to_cent(to_cent(previous) * factor(change.percent) + change.amount)


def project(schedule: Schedule, increases: Sequence[Increase]) -> list[DatedSchedule]:
    """Return the schedule in force after each increase, in order of effective date.

    Each increase compounds on the schedule before it (:func:`raise_rate`). Increases on the
    same date apply in the order given, each giving its own entry. The base ``schedule`` is
    not in the result.
    """
    result: list[DatedSchedule] = []
    current = schedule
    for change in sorted(increases, key=lambda item: item.effective):
        current = current.map(change)
        result.append(DatedSchedule(change.effective, current, change))
    return result


def in_force(base: Schedule, projected: Sequence[DatedSchedule], on: date) -> Schedule:
    """Return the schedule in force ``on`` a date: the last one effective by then, or base."""
    current = base
    for dated in projected:
        if dated.effective <= on:
            current = dated.schedule
    return current


@dataclass(frozen=True)
class Mismatch:
    """A stated schedule figure that does not follow from the one before and the increase."""

    range: str
    step: str
    previous: Decimal
    stated: Decimal
    expected: Decimal
    change: Increase

    def message(self) -> str:
        """Say it as a reader would: 'Range 1 Step 3: $45,432 is not $44,100 + 3% = $45,423'."""
        what = []
        if self.change.percent:
            what.append(f"{_trim(self.change.percent)}%")
        if self.change.amount:
            what.append(_dollars(self.change.amount))
        return (
            f"{self.place()}: {_dollars(self.stated)} is not "
            f"{_dollars(self.previous)} + {' + '.join(what) or '0%'} = {_dollars(self.expected)}"
        )

    def place(self) -> str:
        """Return where the figure is: "Range 1 Step 3"; a named row as it is named
        ("Story editor"), and a schedule by year's one unnamed step not at all."""
        where = f"Range {self.range}" if SHORT.fullmatch(self.range) else self.range
        if self.step:
            where += f" Step {self.step}" if SHORT.fullmatch(self.step) else f", {self.step}"
        return where


def compare(previous: Schedule, stated: Schedule, change: Increase) -> list[Mismatch]:
    """Return each figure of ``stated`` that is not ``previous`` raised by ``change``.

    Ranges and steps are matched by name; those in only one table are not compared.
    """
    found: list[Mismatch] = []
    for range_ in stated.ranges:
        if range_ not in previous.ranges:
            continue
        for step in stated.steps:
            if step not in previous.steps:
                continue
            before = previous.rate(range_, step)
            expected = raise_rate(before, change)
            figure = stated.rate(range_, step)
            if figure != expected:
                found.append(Mismatch(range_, step, before, figure, expected, change))
    return found


def _trim(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _dollars(value: Decimal) -> str:
    cents = to_cent(value)
    text = f"${cents:,.2f}"
    return text.removesuffix(".00")
