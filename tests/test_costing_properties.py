"""Properties of costing that hold for every roster and every position, on generated inputs.

- cost is monotone in each increase (percent and amount an hour) and in each lump sum;
- a position with no change costs only its steps (and their roll-up);
- a lump sum never compounds: the other years are unchanged by it;
- the term is the sum of the years;
- the workbook's cached values are the report's figures, and its formulas, evaluated here
  from the Inputs sheet by a small evaluator of their own (openpyxl reads the cells), give
  the report's figures too, to the cent (a figure on an exact half cent included).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from contracttools.costing.model import (
    LumpSum,
    Placement,
    Position,
    Setup,
    add_years,
    cost,
)
from contracttools.costing.schedules import Increase, Schedule
from contracttools.documents.cost_report import assemble, cost_column
from contracttools.writers.cost import write_cost
from contracttools.writers.options import PLAIN

D = Decimal
START = date(2022, 7, 1)
SCHEDULE = Schedule.of(
    "annual",
    ["1", "2"],
    ["1", "2", "3"],
    [["40000", "42000", "44100"], ["46000", "48300", "50715"]],
)

money = st.decimals(min_value=D(1000), max_value=D(250000), places=2)
ftes = st.sampled_from([D(1), D("0.5"), D("0.75")])
salaried = st.builds(
    Placement,
    classification=st.sampled_from(["Clerk", "Aide", "Writer"]),
    salary=money,
    fte=ftes,
    count=st.integers(1, 40),
)
placed = st.builds(
    Placement,
    classification=st.sampled_from(["Clerk", "Aide"]),
    range=st.sampled_from(["1", "2"]),
    step=st.sampled_from(["1", "2", "3"]),
    fte=ftes,
    count=st.integers(1, 40),
)


@st.composite
def setups(draw: st.DrawFn) -> Setup:
    on_schedule = draw(st.booleans())
    rows = draw(st.lists(salaried, min_size=0 if on_schedule else 1, max_size=4))
    if on_schedule:
        rows += draw(st.lists(placed, min_size=1, max_size=4))
    return Setup(
        START,
        tuple(rows),
        years=3,
        rollup=draw(st.decimals(min_value=D(0), max_value=D(30), places=2)),
        schedule=SCHEDULE if on_schedule else None,
        steps=draw(st.sampled_from(["none", "yearly"])) if on_schedule else "none",
    )


increase = st.builds(
    Increase,
    effective=st.integers(0, 3 * 365).map(lambda days: START + timedelta(days=365 + days)),
    percent=st.decimals(min_value=D(0), max_value=D(10), places=2),
    amount=st.decimals(min_value=D(0), max_value=D(500), places=2),
)
lump = st.builds(
    LumpSum, year=st.integers(1, 3), amount=st.decimals(min_value=D(0), max_value=D(2000), places=2)
)
positions = st.builds(
    Position,
    increases=st.lists(increase, max_size=4).map(tuple),
    lump_sums=st.lists(lump, max_size=2).map(tuple),
)
more = st.decimals(min_value=D("0.01"), max_value=D(5), places=2)
SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(setups(), positions, st.integers(0, 3), more, st.sampled_from(["percent", "amount"]))
def test_cost_is_monotone_in_each_increase(
    setup: Setup, position: Position, which: int, extra: Decimal, what: str
) -> None:
    if not position.increases:
        position = Position((Increase(add_years(START, 1)),), position.lump_sums)
    which %= len(position.increases)
    changes = list(position.increases)
    changes[which] = replace(changes[which], **{what: getattr(changes[which], what) + extra})
    lower = cost(setup, position)
    higher = cost(setup, Position(tuple(changes), position.lump_sums))
    for low, high in zip(lower.years, higher.years, strict=True):
        assert low.general <= high.general and low.total <= high.total
        assert low.steps == high.steps and low.lump_sums == high.lump_sums


@SETTINGS
@given(setups())
def test_a_position_with_no_change_costs_only_its_steps(setup: Setup) -> None:
    result = cost(setup, Position())
    for year in result.years:
        assert year.general == 0 and year.lump_sums == 0
        assert year.rollup == year.steps * setup.rollup / 100
        assert year.total == year.steps + year.rollup
    if setup.steps == "none":
        assert all(year.total == 0 for year in result.years)


@SETTINGS
@given(setups(), positions, st.integers(1, 3), more)
def test_a_lump_sum_never_compounds(
    setup: Setup, position: Position, year: int, amount: Decimal
) -> None:
    without = cost(setup, position)
    with_lump = cost(
        setup, replace(position, lump_sums=(*position.lump_sums, LumpSum(year, amount)))
    )
    for before, after in zip(without.years, with_lump.years, strict=True):
        assert after.general == before.general and after.steps == before.steps
        if before.year == year:
            assert after.lump_sums - before.lump_sums == amount * without.base.fte
        else:
            assert after == before


@SETTINGS
@given(setups(), positions)
def test_the_term_is_the_sum_of_the_years(setup: Setup, position: Position) -> None:
    result = cost(setup, position)
    for name in ("general", "steps", "lump_sums", "rollup"):
        assert getattr(result.term, name) == sum(getattr(y, name) for y in result.years)
    # The total is the sum of the term's parts: the same to Decimal's 28 digits.
    years = sum((y.total for y in result.years), D(0))
    assert abs(result.term.total - years) <= abs(years) * D("1e-26") + D("1e-20")


# -- the workbook --------------------------------------------------------------------------

REFERENCE = re.compile(r"(?:(\w+)!)?\$?([A-Z]{1,3})\$?([0-9]+)")
SPAN = r"(?:(\w+)!)?(\$?[A-Z]+\$?[0-9]+):(\$?[A-Z]+\$?[0-9]+)"
SUM = re.compile(rf"SUM\({SPAN}\)")
SUMPRODUCT = re.compile(rf"SUMPRODUCT\({SPAN},{SPAN}\)")


def half_up(value: float, places: int) -> float:
    """Spreadsheet ROUND: halves away from zero, on the shortest decimal of the double."""
    step = D(1).scaleb(-places)
    return float(D(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


class Evaluator:
    """Compute a cell of a workbook from its formulas: + - * /, SUM, SUMPRODUCT and ROUND
    over the cells and blocks the writer uses."""

    def __init__(self, path: Path) -> None:
        self.book = openpyxl.load_workbook(path)
        self.done: dict[tuple[str, str], float] = {}

    def value(self, sheet: str, cell: str) -> float:
        key = (sheet, cell.replace("$", ""))
        if key not in self.done:
            content = self.book[sheet][key[1]].value
            if isinstance(content, str) and content.startswith("="):
                self.done[key] = self.formula(sheet, content[1:])
            else:
                self.done[key] = float(content or 0)
        return self.done[key]

    def span(self, sheet: str, first: str, last: str) -> list[float]:
        cells = self.book[sheet][first.replace("$", "") : last.replace("$", "")]
        return [self.value(sheet, c.coordinate) for row in cells for c in row]

    def formula(self, sheet: str, text: str) -> float:
        def total(match: re.Match[str]) -> str:
            where, first, last = match.groups()
            return repr(sum(self.span(where or sheet, first, last)))

        def product(match: re.Match[str]) -> str:
            a, a1, a2, b, b1, b2 = match.groups()
            left, right = self.span(a or sheet, a1, a2), self.span(b or sheet, b1, b2)
            assert len(left) == len(right)
            return repr(sum(x * y for x, y in zip(left, right, strict=True)))

        text = SUMPRODUCT.sub(product, SUM.sub(total, text))
        text = REFERENCE.sub(
            lambda m: repr(self.value(m.group(1) or sheet, m.group(2) + m.group(3))), text
        )
        text = text.replace("ROUND(", "half_up(")
        assert re.fullmatch(r"(?:half_up|[0-9eE.+\-*/(), ])+", text), text
        # Only numbers, operators and the rounding function are left.
        return float(eval(text, {"half_up": half_up}))


HALF_CENT = Setup(
    START,
    (Placement("Clerk", None, "2", "3"),),
    rollup=D("0.01"),
    schedule=SCHEDULE,
)
"""Range 2 Step 3 ($50,715) raised 0.5% and $0.02 is $50,968.595 exactly, which a double holds
as 50,968.594999...: the model rounds it up to $50,968.60, and so must the workbook."""


@example(
    setup=HALF_CENT,
    passes=[Position((Increase(add_years(START, 1), D("0.50"), D("0.02")),))],
)
@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(setups(), st.lists(positions, min_size=1, max_size=3))
def test_the_workbook_gives_the_reports_figures(
    tmp_path: Path, setup: Setup, passes: list[Position]
) -> None:
    columns = [cost_column(setup, f"pass {n}", p) for n, p in enumerate(passes, start=1)]
    out = tmp_path / "cost.xlsx"
    out.write_bytes(write_cost(assemble("Generated", "2023-06-30", setup, columns), PLAIN))
    cached = openpyxl.load_workbook(out, data_only=True)["Cost"]
    evaluator = Evaluator(out)
    labels = {
        f"Year {y} {label}": (y, name)
        for y in (1, 2, 3)
        for name, label in (
            ("general", "general increases"),
            ("steps", "steps"),
            ("lump_sums", "lump sums"),
            ("rollup", "roll-up"),
            ("total", "total"),
        )
    }
    seen = set()
    for row in cached.iter_rows():
        label = row[0].value
        if label not in labels:
            continue
        seen.add(label)
        year, name = labels[label]
        for column, cell in zip(columns, row[1:], strict=False):
            figure = getattr(column.costing.years[year - 1], name)
            tolerance = D("0.01") + abs(figure) * D("1e-12")
            assert abs(D(repr(cell.value)) - figure) <= tolerance, (label, column.label)
            computed = D(repr(evaluator.value("Cost", cell.coordinate)))
            assert abs(computed - figure) <= tolerance, (label, column.label, computed, figure)
    assert seen == set(labels)
