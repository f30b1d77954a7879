"""The Inputs sheet: every figure the Cost sheet's formulas read, shaded where it is typed."""

from __future__ import annotations

from decimal import Decimal

from xlsxwriter.utility import xl_rowcol_to_cell

from contracttools.costing.terms import per_hour
from contracttools.documents.cost_report import CostReport
from contracttools.writers.cost.book import INPUTS, Book, Where, block, cell, number

DATES_NOTE = (
    "Effective dates are fixed in the formulas: they decide which months of a year each "
    "increase counts in (a month counts the rates in force on its first day). Change a "
    "date in the terms and run contracttools cost again; change a percent, an amount or a "
    "lump sum here and every figure follows."
)
SCHEDULE_NOTE = (
    "Rows placed on the schedule are costed from the schedule below and the FTE at each "
    "place: the Schedules sheet raises it by each increase, rounding each figure to the "
    "cent (ROUND, halves away from zero, as the tool does), and moves the FTE one step a "
    "year where steps are costed. The payroll and FTE on the schedule by classification are "
    "values (grey); their totals are formulas of the schedule and the placements."
)


def write_inputs(book: Book, report: CostReport) -> Where:
    """Write the Inputs sheet; return where each input is."""
    sheet, where, setup = book.inputs, Where(), report.setup
    sheet.write_string(
        1,
        0,
        f"Inputs of the cost report: {report.title}, as of {report.day}. Change a shaded "
        "figure and every figure on the Cost sheet follows.",
        book.bold,
    )
    unit = setup.schedule.unit if setup.schedule is not None else "annual"
    row = _write_base(book, report, where, 3)
    sheet.write_string(row, 0, "Roll-up (taxes, pension... on wage cost)", book.text)
    sheet.write_number(row, 1, number(setup.rollup / 100), book.input_percent)
    where.rollup = cell(INPUTS, row, 1)
    row += 1
    sheet.write_string(row, 0, "Hours a year of one FTE", book.text)
    sheet.write_number(row, 1, number(setup.hours_per_fte), book.input_number)
    where.hours = cell(INPUTS, row, 1)
    where.unit = {"annual": "", "monthly": "12*", "hourly": f"{where.hours}*"}[unit]
    row = _write_positions(book, report, where, row + 2)
    if report.places:
        _write_schedule(book, report, where, row + 1)
    return where


def _write_base(book: Book, report: CostReport, where: Where, row: int) -> int:
    sheet = book.inputs
    sheet.write_string(row, 0, f"Base year from {report.setup.base_start.isoformat()}", book.bold)
    row += 1
    heads = (
        "Classification",
        "Headcount",
        "FTE paid a salary",
        "Payroll paid a salary",
        "FTE on the schedule",
        "Payroll on the schedule",
    )
    for col, name in enumerate(heads):
        sheet.write_string(row, col, name, book.header)
    sheet.set_row(row, 30)  # two lines: LibreOffice does not refit a row on opening
    base = report.columns[0].costing.base if report.columns else None
    on = report.scheduled_base
    placed = {c.name: c for c in on.classifications} if on is not None else {}
    first = row + 1
    for item in base.classifications if base is not None else ():
        row += 1
        here = placed.get(item.name)
        fte, payroll = (here.fte, here.payroll) if here else (Decimal(0), Decimal(0))
        sheet.write_string(row, 0, item.name, book.text)
        sheet.write_number(row, 1, item.headcount, book.input_number)
        sheet.write_number(row, 2, number(item.fte - fte), book.input_number)
        sheet.write_number(row, 3, number(item.payroll - payroll), book.input_money)
        sheet.write_number(row, 4, number(fte), book.value_number)
        sheet.write_number(row, 5, number(payroll), book.value_money)
    row += 1
    last = max(row - 1, first)
    sheet.write_string(row, 0, "All", book.header)
    heads_total = base.headcount if base else 0
    fte_on = on.fte if on else Decimal(0)
    payroll_on = on.payroll if on else Decimal(0)
    totals = (
        (Decimal(heads_total), book.figure),
        ((base.fte if base else Decimal(0)) - fte_on, book.figure),
        ((base.payroll if base else Decimal(0)) - payroll_on, book.money),
        (fte_on, book.figure),
        (payroll_on, book.money),
    )
    for col, (value, shown) in enumerate(totals, start=1):
        span = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"
        sheet.write_formula(row, col, f"=SUM({span})", shown, number(value))
    where.salaried_fte, where.salaried_payroll = cell(INPUTS, row, 2), cell(INPUTS, row, 3)
    where.scheduled_fte, where.scheduled_payroll = cell(INPUTS, row, 4), cell(INPUTS, row, 5)
    where.totals_row = row
    row += 1
    sheet.write_string(row, 0, "Base FTE", book.text)
    sheet.write_formula(
        row,
        1,
        f"={where.salaried_fte}+{where.scheduled_fte}",
        book.figure,
        number(base.fte if base else Decimal(0)),
    )
    where.fte = cell(INPUTS, row, 1)
    row += 1
    sheet.write_string(row, 0, "Base payroll", book.text)
    sheet.write_formula(
        row,
        1,
        f"={where.salaried_payroll}+{where.scheduled_payroll}",
        book.money,
        number(base.payroll if base else Decimal(0)),
    )
    where.payroll = cell(INPUTS, row, 1)
    return row + 2


def _write_positions(book: Book, report: CostReport, where: Where, row: int) -> int:
    sheet, setup = book.inputs, report.setup
    sheet.write_string(row, 0, "Positions (one column per pass)", book.bold)
    row += 1
    sheet.write_string(row, 0, "Term", book.header)
    for col, column in enumerate(report.columns, start=1):
        sheet.write_string(row, col, column.label, book.header)
    increases = [
        sorted(c.position.increases, key=lambda change: change.effective) for c in report.columns
    ]
    for index in range(max((len(i) for i in increases), default=0)):
        labels = ("effective", "%", "amount an hour ($)")
        for offset, what in enumerate(labels, start=1):
            sheet.write_string(row + offset, 0, f"Increase {index + 1}: {what}", book.text)
        for col, changes in enumerate(increases, start=1):
            if index >= len(changes):
                continue
            change = changes[index]
            sheet.write_string(row + 1, col, change.effective.isoformat(), book.text)
            sheet.write_number(row + 2, col, number(change.percent / 100), book.input_percent)
            sheet.write_number(
                row + 3, col, number(per_hour(setup, change.amount)), book.input_cents
            )
            where.percent[col - 1, index] = cell(INPUTS, row + 2, col)
            where.amount[col - 1, index] = cell(INPUTS, row + 3, col)
        row += 3
    for year in range(1, setup.years + 1):
        row += 1
        sheet.write_string(row, 0, f"Lump sum in year {year}, per FTE", book.text)
        for col, column in enumerate(report.columns, start=1):
            lump = sum(
                (ls.amount for ls in column.position.lump_sums if ls.year == year), Decimal(0)
            )
            sheet.write_number(row, col, number(lump), book.input_cents)
            where.lump[col - 1, year] = cell(INPUTS, row, col)
    row += 1
    sheet.merge_range(row, 0, row + 2, max(min(len(report.columns), 6), 1), DATES_NOTE, book.note)
    return row + 3


def _write_schedule(book: Book, report: CostReport, where: Where, row: int) -> None:
    """Write the base-year schedule and the FTE at each place; make the totals formulas."""
    sheet, setup = book.inputs, report.setup
    schedule = setup.schedule
    assert schedule is not None
    width = max(len(schedule.steps), 6)
    sheet.merge_range(row, 0, row + 2, width, SCHEDULE_NOTE, book.note)
    row += 4
    sheet.write_string(row, 0, f"Schedule in force in the base year ({schedule.unit})", book.bold)
    row += 1
    first = _grid_header(book, schedule.steps, row)
    for r, (name, rates) in enumerate(zip(schedule.ranges, schedule.rates, strict=True)):
        sheet.write_string(first + r, 0, name, book.text)
        for s, rate in enumerate(rates):
            sheet.write_number(first + r, 1 + s, number(rate), book.input_cents)
            where.base_cells[r, s] = cell(INPUTS, first + r, 1 + s)
    last = (first + len(schedule.ranges) - 1, len(schedule.steps))
    where.base_table = block(INPUTS, (first, 1), last)
    row = last[0] + 2
    sheet.write_string(row, 0, "FTE at each place in the base year (range by step)", book.bold)
    row += 1
    first = _grid_header(book, schedule.steps, row)
    weights = {(r, s): w for r, s, w in report.places}
    for r, name in enumerate(schedule.ranges):
        sheet.write_string(first + r, 0, name, book.text)
        for s, step in enumerate(schedule.steps):
            value = weights.get((name, step), Decimal(0))
            sheet.write_number(first + r, 1 + s, number(value), book.input_number)
            where.placement_cells[r, s] = cell(INPUTS, first + r, 1 + s)
    where.placements = block(
        INPUTS, (first, 1), (first + len(schedule.ranges) - 1, len(schedule.steps))
    )
    totals = where.totals_row
    on = report.scheduled_base
    sheet.write_formula(
        totals,
        4,
        f"=SUM({where.placements})",
        book.figure,
        number(on.fte if on else Decimal(0)),
    )
    sheet.write_formula(
        totals,
        5,
        f"={where.unit}SUMPRODUCT({where.placements},{where.base_table})",
        book.money,
        number(on.payroll if on else Decimal(0)),
    )


def _grid_header(book: Book, steps: tuple[str, ...], row: int) -> int:
    book.inputs.write_string(row, 0, "Range", book.header)
    for s, step in enumerate(steps):
        book.inputs.write_string(
            row, 1 + s, f"Step {step}" if step.isdigit() else step, book.header
        )
    return row + 1
