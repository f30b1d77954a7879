"""Schedules projected through dated increases, checked against hand arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracttools.costing.money import parse_money, parse_percent, to_cent, to_dollar
from contracttools.costing.schedules import (
    Increase,
    Schedule,
    compare,
    in_force,
    project,
    raise_rate,
)

BASE = Schedule.of(
    "annual",
    ["1", "2"],
    ["1", "2", "3"],
    [["40000", "42000", "44100"], ["46000", "48300", "50715"]],
)


def test_three_percent_then_three_percent_compounds_on_the_published_figure() -> None:
    increases = [
        Increase(date(2023, 7, 1), Decimal("3")),
        Increase(date(2024, 7, 1), Decimal("3")),
    ]
    first, second = project(BASE, increases)
    # 44,100.00 x 1.03 = 45,423.00; 45,423.00 x 1.03 = 46,785.69
    assert first.effective == date(2023, 7, 1)
    assert first.schedule.rate("1", "3") == Decimal("45423.00")
    assert second.schedule.rate("1", "3") == Decimal("46785.69")
    # 50,715 x 1.03 = 52,236.45; 52,236.45 x 1.03 = 53,803.5435 -> 53,803.54
    assert second.schedule.rate("2", "3") == Decimal("53803.54")


def test_rounding_is_half_up_to_the_cent_from_the_rounded_previous_figure() -> None:
    # 0.15 x 1.5 = 0.225 -> 0.23 (half up); then 0.23 x 1.5 = 0.345 -> 0.35.
    # From the unrounded 0.225 it would be 0.3375 -> 0.34: the two rules differ here.
    tiny = Schedule.of("hourly", ["A"], ["1"], [["0.15"]])
    fifty = [Increase(date(2024, 1, 1), Decimal("50")), Increase(date(2025, 1, 1), Decimal("50"))]
    first, second = project(tiny, fifty)
    assert first.schedule.rate("A", "1") == Decimal("0.23")
    assert second.schedule.rate("A", "1") == Decimal("0.35")


def test_a_flat_amount_is_added_after_the_percentage() -> None:
    hourly = Schedule.of("hourly", ["A"], ["1"], [["20.00"]])
    (dated,) = project(hourly, [Increase(date(2024, 1, 1), Decimal("2"), Decimal("0.25"))])
    # 20.00 x 1.02 = 20.40, + 0.25 = 20.65
    assert dated.schedule.rate("A", "1") == Decimal("20.65")


def test_increases_apply_in_order_of_effective_date() -> None:
    july = Increase(date(2024, 7, 1), Decimal("2"))
    january = Increase(date(2024, 1, 1), Decimal("3"))
    first, second = project(BASE, [july, january])
    assert (first.effective, second.effective) == (date(2024, 1, 1), date(2024, 7, 1))
    # 40,000 x 1.03 = 41,200; x 1.02 = 42,024: a 5.06% lift
    assert second.schedule.rate("1", "1") == Decimal("42024.00")
    assert in_force(BASE, [first, second], date(2024, 3, 1)).rate("1", "1") == Decimal("41200.00")
    assert in_force(BASE, [first, second], date(2023, 12, 31)) is BASE


def test_compare_names_each_figure_that_does_not_follow() -> None:
    stated = Schedule.of(
        "annual",
        ["1", "2"],
        ["1", "2", "3"],
        [["41200", "43260", "45432"], ["47380", "49749", "52236.45"]],
    )
    mismatches = compare(BASE, stated, Increase(date(2023, 7, 1), Decimal("3")))
    assert [m.message() for m in mismatches] == [
        "Range 1 Step 3: $45,432 is not $44,100 + 3% = $45,423"
    ]


def test_a_ragged_schedule_is_refused() -> None:
    with pytest.raises(ValueError, match="range 1 has 2 figures for 3 steps"):
        Schedule.of("annual", ["1"], ["1", "2", "3"], [["1", "2"]])
    with pytest.raises(KeyError, match="no step '9'"):
        BASE.rate("1", "9")


def test_reading_and_rounding() -> None:
    assert parse_percent("3%") == Decimal("3")
    assert parse_percent(" 2.5 % ") == Decimal("2.5")
    assert parse_percent("three") is None
    assert parse_money("$1,250.50") == Decimal("1250.50")
    assert parse_money("$ 750") == Decimal("750")
    assert parse_money("7 50") is None
    assert to_cent(Decimal("0.125")) == Decimal("0.13")
    assert to_dollar(Decimal("2.5")) == Decimal("3")
    assert to_dollar(Decimal("-2.5")) == Decimal("-3")


cents = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500000"), places=2)
percents = st.decimals(min_value=Decimal("0"), max_value=Decimal("25"), places=2)


@given(cents, percents, percents)
def test_a_larger_increase_never_gives_a_smaller_figure(
    figure: Decimal, low: Decimal, high: Decimal
) -> None:
    low, high = sorted((low, high))
    day = date(2024, 1, 1)
    assert raise_rate(figure, Increase(day, low)) <= raise_rate(figure, Increase(day, high))


@given(cents)
def test_no_increase_leaves_the_figure(figure: Decimal) -> None:
    assert raise_rate(figure, Increase(date(2024, 1, 1))) == figure
