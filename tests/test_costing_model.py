"""Costing golden cases: every expected figure is worked by hand in the test."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from contracttools.costing.model import (
    LumpSum,
    Placement,
    Position,
    Setup,
    base,
    cost,
    quick,
    yearly,
)
from contracttools.costing.money import to_dollar
from contracttools.costing.schedules import Increase, Schedule

D = Decimal
MILLION = Setup(
    base_start=date(2022, 7, 1),
    roster=(Placement("Clerk", salary=D(50000), count=20),),
)


def dollars(figures: list[Decimal]) -> list[Decimal]:
    return [to_dollar(f) for f in figures]


def test_three_three_three_on_a_million() -> None:
    # 1,000,000 x 0.03 = 30,000
    # 1,000,000 x (1.03^2 - 1) = 1,000,000 x 0.0609 = 60,900
    # 1,000,000 x (1.03^3 - 1) = 1,000,000 x 0.092727 = 92,727
    # term: 30,000 + 60,900 + 92,727 = 183,627
    result = cost(MILLION, Position(yearly(MILLION, [D(3), D(3), D(3)])))
    assert result.base.payroll == D(1000000)
    assert result.base.headcount == 20
    assert dollars([y.total for y in result.years]) == [D(30000), D(60900), D(92727)]
    assert to_dollar(result.term.total) == D(183627)
    assert [y.steps for y in result.years] == [0, 0, 0]
    # per FTE in year 1: 30,000 / 20 = 1,500; 3% of base
    assert result.per_fte(result.years[0].total) == D(1500)
    assert result.percent_of_base(result.years[0].total) == D(3)


def test_with_a_rollup() -> None:
    # 30,000 x 1.1715 = 35,145; 60,900 x 1.1715 = 71,344.35; 92,727 x 1.1715 = 108,629.68
    setup = Setup(MILLION.base_start, MILLION.roster, rollup=D("17.15"))
    result = cost(setup, Position(yearly(setup, [D(3), D(3), D(3)])))
    assert dollars([y.total for y in result.years]) == [D(35145), D(71344), D(108630)]
    assert dollars([y.rollup for y in result.years]) == [D(5145), D(10444), D(15903)]


def test_a_split_increase() -> None:
    # Contract year 2024: 3% from January, 2% more from July.
    # Jan-Jun at 1.03, Jul-Dec at 1.03 x 1.02 = 1.0506:
    # (6 x 0.03 + 6 x 0.0506) / 12 = 0.0403 -> 4.03% in its year; rates lifted 5.06%.
    setup = Setup(date(2023, 1, 1), MILLION.roster, years=2)
    split = (Increase(date(2024, 1, 1), D(3)), Increase(date(2024, 7, 1), D(2)))
    result = cost(setup, Position(split))
    assert result.percent_of_base(result.years[0].total) == D("4.03")
    assert result.percent_of_base(result.years[1].total) == D("5.06")


def test_a_lump_sum_never_compounds() -> None:
    # $750 per FTE in year 1, 20 FTE: 15,000 in year 1 and nothing after.
    result = cost(MILLION, Position(lump_sums=(LumpSum(1, D(750)),)))
    assert [y.lump_sums for y in result.years] == [D(15000), 0, 0]
    # With 3% in year 2 the lump sum adds nothing to it: 1,000,000 x 0.03 = 30,000.
    both = Position((Increase(date(2024, 7, 1), D(3)),), (LumpSum(1, D(750)),))
    assert dollars([y.total for y in cost(MILLION, both).years]) == [D(15000), D(30000), D(30000)]


SCHEDULE = Schedule.of("annual", ["1"], ["1", "2", "3"], [["40000", "42000", "44100"]])
PLACED = Setup(
    base_start=date(2022, 7, 1),
    roster=(
        Placement("Aide", range="1", step="1", count=2),
        Placement("Aide", range="1", step="2"),
        Placement("Aide", range="1", step="3"),
    ),
    schedule=SCHEDULE,
    steps="yearly",
)


def test_steps_on_a_three_step_schedule_from_the_roster() -> None:
    # Base: 2 x 40,000 + 42,000 + 44,100 = 166,100
    # Year 1: two move 1->2 (2 x 2,000), one 2->3 (2,100), one at the top: 6,100
    # Year 2 and 3: two at 3 (2 x 4,100), one at 3 (2,100): 10,300
    result = cost(PLACED, Position())
    assert result.base.payroll == D(166100)
    assert [y.steps for y in result.years] == [D(6100), D(10300), D(10300)]
    assert [y.general for y in result.years] == [0, 0, 0]
    # 3% in year 1 on this year's steps: 2 x 42,000 x 0.03 + 2 x 44,100 x 0.03
    # = 2,520 + 2,646 = 5,166 (the schedule: 43,260 and 45,423, whole cents)
    raised = cost(PLACED, Position(yearly(PLACED, [D(3)])))
    assert raised.years[0].general == D(5166)
    assert raised.years[0].steps == D(6100)


def test_quick_figures() -> None:
    setup = Setup(PLACED.base_start, PLACED.roster, rollup=D(10), schedule=SCHEDULE)
    figures = quick(setup)
    # 1% of 166,100 = 1,661; rolled up 10%: 1,827.10
    assert figures.one_percent == D(1661)
    assert figures.one_percent_rolled_up == D("1827.10")
    # one step: 2 x 2,000 + 2,100 + 0 = 6,100
    assert figures.one_step == D(6100)
    # $0.01 x 2,080 hours x 4 FTE = 83.20
    assert figures.one_cent_an_hour == D("83.20")
    assert quick(MILLION).one_step is None


def test_hourly_and_part_time() -> None:
    hourly = Schedule.of("hourly", ["A"], ["1"], [["20.00"]])
    setup = Setup(date(2022, 7, 1), (Placement("Cook", range="A", step="1", fte=D("0.5")),))
    setup = Setup(setup.base_start, setup.roster, schedule=hourly)
    # 20.00 x 2,080 x 0.5 = 20,800
    assert base(setup).payroll == D(20800)
    assert base(setup).fte == D("0.5")


percents = st.lists(st.decimals(min_value=D(0), max_value=D(10), places=2), min_size=3, max_size=3)


@settings(max_examples=50, deadline=None)
@given(percents, st.integers(0, 2), st.decimals(min_value=D(0), max_value=D(5), places=2))
def test_cost_is_monotone_in_each_increase(rates: list[Decimal], which: int, more: Decimal) -> None:
    for setup in (MILLION, PLACED):
        lower = cost(setup, Position(yearly(setup, rates)))
        bumped = [r + more if i == which else r for i, r in enumerate(rates)]
        higher = cost(setup, Position(yearly(setup, bumped)))
        for low, high in zip(lower.years, higher.years, strict=True):
            assert low.total <= high.total


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["none", "yearly"]), st.decimals(min_value=D(0), max_value=D(30), places=2))
def test_no_change_costs_only_the_steps(steps: str, rollup: Decimal) -> None:
    setup = Setup(
        PLACED.base_start,
        PLACED.roster,
        rollup=rollup,
        schedule=SCHEDULE,
        steps="yearly" if steps == "yearly" else "none",
    )
    result = cost(setup, Position())
    for year in result.years:
        assert year.general == 0 and year.lump_sums == 0
        assert year.total == year.steps * (1 + rollup / 100)


def test_cents_an_hour_on_a_salary_row_beside_an_hourly_schedule() -> None:
    # The schedule is hourly, so $0.25 an hour is 0.25 in its unit; a salaried row is
    # annual: 0.25 x 2,080 hours = 520 a year per FTE, 2 FTE: 1,040 (not 0.50).
    from contracttools.costing.terms import position

    hourly = Schedule.of("hourly", ["A"], ["1"], [["20.00"]])
    setup = Setup(
        date(2022, 7, 1), (Placement("Clerk", salary=D(41600), count=2),), schedule=hourly
    )
    pos, problems = position(setup, {"cents_per_hour": ("$0.25",)})
    assert problems == []
    assert cost(setup, pos).years[0].general == D(1040)
