"""The Schedules sheet: each position's schedules and the FTE at each place, as formulas.

Each figure of a schedule is ``ROUND(ROUND(previous * (1 + percent) + amount, 8), 2)`` over
the one before it (the base year's on Inputs), the rule of ``costing.schedules.raise_rate``
(spreadsheets round halves away from zero, as ROUND_HALF_UP does). The inner ROUND to
``EXACT`` places takes off the binary noise of the product, so that a figure on an exact
half cent ($50,715 x 1.005 + $0.02 = $50,968.595, which a double holds as 50,968.594999...)
rounds up as the model's exact decimal does, in any spreadsheet. The FTE at each place in
a contract year is the base year's, each below the top moved that many steps up.
"""

from __future__ import annotations

from decimal import Decimal

from contracttools.costing.schedules import project
from contracttools.documents.cost_report import CostReport
from contracttools.documents.wording import increase
from contracttools.writers.cost.book import SCHEDULES, Book, Where, block, cell, number

EXACT = 8
"""Decimal places a schedule figure is exact to before its rounding to the cent: a cent
figure times a factor of a percent with up to four decimals ("3.1234%") has at most eight."""

AMOUNT = {"annual": "*{hours}", "monthly": "*{hours}/12", "hourly": ""}
"""An amount an hour in the schedule's unit (as ``costing.terms`` makes it)."""


def write_schedules(book: Book, report: CostReport, where: Where) -> None:
    """Write the FTE at each place each year and every position's schedules."""
    sheet, setup = book.schedules, report.setup
    schedule = setup.schedule
    assert schedule is not None
    sheet.write_string(
        1,
        0,
        "What the rows on the schedule are costed from: formulas over the Inputs sheet.",
        book.bold,
    )
    weights = {(r, s): w for r, s, w in report.places}
    top = len(schedule.steps) - 1
    row = 3
    shifts = range(1, setup.years + 1) if setup.steps == "yearly" else range(1, 2)
    for k in shifts:
        title = (
            f"FTE at each place in contract year {k}: the base year's moved up "
            f"{k} step{'s' if k > 1 else ''}, none past the top"
            if setup.steps == "yearly"
            else "FTE at each place one step up (for the cost of one step)"
        )
        sheet.write_string(row, 0, title, book.bold)
        first = _grid_header(book, schedule.steps, row + 1)
        for r, name in enumerate(schedule.ranges):
            sheet.write_string(first + r, 0, name, book.text)
            for s in range(len(schedule.steps)):
                sources = [q for q in range(len(schedule.steps)) if min(q + k, top) == s]
                formula = "+".join(where.placement_cells[r, q] for q in sources) or "0"
                value = sum(
                    (weights.get((name, schedule.steps[q]), Decimal(0)) for q in sources),
                    Decimal(0),
                )
                sheet.write_formula(first + r, 1 + s, f"={formula}", book.figure, number(value))
        span = block(SCHEDULES, (first, 1), (first + len(schedule.ranges) - 1, top + 1))
        where.weights[k if setup.steps == "yearly" else 0] = span
        row = first + len(schedule.ranges) + 1
    if setup.steps == "yearly":
        where.weights[0] = where.weights[1]
    else:
        for k in range(1, setup.years + 1):
            where.weights[k] = where.placements
    conversion = AMOUNT[schedule.unit].format(hours=where.hours)
    for col, column in enumerate(report.columns):
        changes = sorted(column.position.increases, key=lambda change: change.effective)
        previous = where.base_cells
        for n, dated in enumerate(project(schedule, changes)):
            sheet.write_string(
                row,
                0,
                f"{column.label}: from {dated.effective.isoformat()}, {increase(dated.increase)}",
                book.bold,
            )
            first = _grid_header(book, schedule.steps, row + 1)
            cells: dict[tuple[int, int], str] = {}
            grow = f"(1+{where.percent[col, n]})"
            flat = f"{where.amount[col, n]}{conversion}"
            for r, (name, rates) in enumerate(
                zip(schedule.ranges, dated.schedule.rates, strict=True)
            ):
                sheet.write_string(first + r, 0, name, book.text)
                for s, rate in enumerate(rates):
                    before = previous[r, s] if n else f"ROUND({previous[r, s]},2)"
                    formula = f"=ROUND(ROUND({before}*{grow}+{flat},{EXACT}),2)"
                    sheet.write_formula(first + r, 1 + s, formula, book.cents, number(rate))
                    cells[r, s] = cell(SCHEDULES, first + r, 1 + s)
            last = (first + len(schedule.ranges) - 1, top + 1)
            where.tables[col, n] = block(SCHEDULES, (first, 1), last)
            previous = cells
            row = last[0] + 2


def _grid_header(book: Book, steps: tuple[str, ...], row: int) -> int:
    book.schedules.write_string(row, 0, "Range", book.header)
    for s, step in enumerate(steps):
        name = f"Step {step}" if step.isdigit() else step
        book.schedules.write_string(row, 1 + s, name, book.header)
    return row + 1
