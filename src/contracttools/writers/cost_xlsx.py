"""The cost report as a workbook an analyst can audit: live formulas over an Inputs sheet.

Two sheets, each stamped CONFIDENTIAL (first cell, page header and footer):

- **Inputs**: the base year by classification (headcount, FTE, payroll, and the part of
  each placed on the schedule), the roll-up, the hours of an FTE, and for each pass its
  increases (effective date, percent, amount an hour) and lump sums per FTE.
- **Cost**: every figure of the report as a formula over Inputs, each written with the
  report's own figure as its cached value, so an analyst who changes an input sees every
  figure follow.

What is not a formula is said on the sheet: the rows placed on the schedule are costed
from the projected schedules (each figure rounded to the cent at each increase), so their
general increases and steps are values written by the tool; the effective dates fix which
months each increase counts in (a year's factor is built from them, month by month).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from contracttools.costing.model import increases_in_force
from contracttools.costing.terms import per_hour
from contracttools.documents.cost_report import RULE, STAMP, Column, CostReport

if TYPE_CHECKING:
    from contracttools.writers.options import Options

INPUTS = "Inputs"
COST = "Cost"
MONEY = '"$"#,##0;-"$"#,##0'
CENTS = '"$"#,##0.00'
PERCENT = "0.00%"
FIGURES = ("general", "steps", "lump_sums", "rollup", "total")
LABEL = {
    "general": "general increases",
    "steps": "steps",
    "lump_sums": "lump sums",
    "rollup": "roll-up",
    "total": "total",
}
SCHEDULE_NOTE = (
    "Rows placed on the schedule are costed from the projected schedules, each figure "
    "rounded to the cent at each increase: their general increases and steps below are "
    "values written by the tool, not formulas. Change the schedule or the roster's "
    "placements, and run contracttools cost again."
)
DATES_NOTE = (
    "Effective dates are fixed in the formulas: they decide which months of a year each "
    "increase counts in (a month counts the rates in force on its first day). Change a "
    "date in the terms and run contracttools cost again; change a percent or an amount "
    "here and every figure follows."
)


def _number(value: Decimal) -> float:
    return float(value)


def _cell(sheet: str, row: int, col: int) -> str:
    return f"{sheet}!{xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)}"


class _Book:
    """The workbook's formats and the two sheets, with the CONFIDENTIAL page setup."""

    def __init__(self, report: CostReport, options: Options) -> None:
        self.out = io.BytesIO()
        self.workbook = xlsxwriter.Workbook(self.out, {"in_memory": True})
        day = datetime.fromisoformat(report.day).replace(tzinfo=UTC)
        self.workbook.set_properties(
            {
                "title": f"Cost report: {report.title} (CONFIDENTIAL)",
                "subject": f"As of {report.day}",
                "keywords": "cost report, CONFIDENTIAL",
                "comments": "Written by contracttools",
                "created": day,
            }
        )
        add = self.workbook.add_format
        self.stamp = add({"bold": True, "font_color": "#C00000"})
        self.bold = add({"bold": True})
        self.note = add({"italic": True, "text_wrap": True, "valign": "top"})
        self.header = add({"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True})
        self.money = add({"num_format": MONEY, "border": 1})
        self.percent = add({"num_format": PERCENT, "border": 1})
        self.text = add({"border": 1})
        shaded = {"bg_color": "#FFF2CC", "border": 1}
        self.input_money = add({**shaded, "num_format": MONEY})
        self.input_cents = add({**shaded, "num_format": CENTS})
        self.input_percent = add({**shaded, "num_format": "0.00##%"})
        self.input_number = add({**shaded, "num_format": "#,##0.####"})
        self.value_money = add({"num_format": MONEY, "border": 1, "bg_color": "#E7E6E6"})
        self.cost = self.workbook.add_worksheet(COST)
        self.inputs = self.workbook.add_worksheet(INPUTS)
        title = report.title[:150].replace("&", "&&")
        for sheet in (self.cost, self.inputs):
            sheet.set_landscape()
            sheet.set_paper(9 if options.paper == "a4" else 1)
            sheet.fit_to_pages(1, 0)
            sheet.set_header(f'&L{title}, as of {report.day}&R&"-,Bold"CONFIDENTIAL')
            sheet.set_footer("&LTeam only: computed from the roster&CPage &P of &N&RCONFIDENTIAL")
            sheet.set_column(0, 0, 40)
            sheet.set_column(1, 40, 17)
            sheet.write_string(0, 0, STAMP, self.stamp)

    def close(self) -> bytes:
        self.workbook.close()
        return self.out.getvalue()


class _Inputs:
    """Where each input sits on the Inputs sheet, as absolute references."""

    def __init__(self) -> None:
        self.headcount = self.fte = self.payroll = ""
        self.scheduled_fte = self.scheduled_payroll = ""
        self.rollup = self.hours = ""
        self.percent: dict[tuple[int, int], str] = {}
        """(column, increase) -> the cell of its percent (increases by effective date)."""
        self.amount: dict[tuple[int, int], str] = {}
        """(column, increase) -> the cell of its amount an hour."""
        self.lump: dict[tuple[int, int], str] = {}
        """(column, year) -> the cell of its lump sum per FTE."""
        self.general_on_schedule: dict[tuple[int, int], str] = {}
        self.steps_on_schedule: dict[tuple[int, int], str] = {}


def write_cost(report: CostReport, options: Options) -> bytes:
    """Return the cost report as an XLSX workbook: formulas over Inputs, cached figures."""
    book = _Book(report, options)
    where = _write_inputs(book, report)
    _write_cost(book, report, where)
    return book.close()


def _write_inputs(book: _Book, report: CostReport) -> _Inputs:
    sheet, where, setup = book.inputs, _Inputs(), report.setup
    sheet.write_string(
        1,
        0,
        f"Inputs of the cost report: {report.title}, as of {report.day}. Change a shaded "
        "figure and every figure on the Cost sheet follows.",
        book.bold,
    )
    row = 3
    sheet.write_string(row, 0, f"Base year from {setup.base_start.isoformat()}", book.bold)
    row += 1
    heads = ("Classification", "Headcount", "FTE", "Payroll", "FTE on the schedule")
    for col, name in enumerate((*heads, "Payroll on the schedule")):
        sheet.write_string(row, col, name, book.header)
    base = report.columns[0].costing.base if report.columns else None
    placed = (
        {c.name: c for c in report.scheduled_base.classifications} if report.scheduled_base else {}
    )
    first = row + 1
    for item in base.classifications if base is not None else ():
        row += 1
        on = placed.get(item.name)
        sheet.write_string(row, 0, item.name, book.text)
        sheet.write_number(row, 1, item.headcount, book.input_number)
        sheet.write_number(row, 2, _number(item.fte), book.input_number)
        sheet.write_number(row, 3, _number(item.payroll), book.input_money)
        sheet.write_number(row, 4, _number(on.fte) if on else 0, book.input_number)
        sheet.write_number(row, 5, _number(on.payroll) if on else 0, book.input_money)
    row += 1
    sheet.write_string(row, 0, "All", book.header)
    on_schedule = report.scheduled_base
    totals = (
        (Decimal(base.headcount if base else 0), book.text),
        (base.fte if base else Decimal(0), book.text),
        (base.payroll if base else Decimal(0), book.money),
        (on_schedule.fte if on_schedule else Decimal(0), book.text),
        (on_schedule.payroll if on_schedule else Decimal(0), book.money),
    )
    refs = []
    for col, (value, shown) in enumerate(totals, start=1):
        span = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(max(row - 1, first), col)}"
        sheet.write_formula(row, col, f"=SUM({span})", shown, _number(value))
        refs.append(_cell(INPUTS, row, col))
    where.headcount, where.fte, where.payroll, where.scheduled_fte, where.scheduled_payroll = refs
    row += 2
    sheet.write_string(row, 0, "Roll-up (taxes, pension... on wage cost)", book.text)
    sheet.write_number(row, 1, _number(setup.rollup / 100), book.input_percent)
    where.rollup = _cell(INPUTS, row, 1)
    row += 1
    sheet.write_string(row, 0, "Hours a year of one FTE", book.text)
    sheet.write_number(row, 1, _number(setup.hours_per_fte), book.input_number)
    where.hours = _cell(INPUTS, row, 1)
    row += 2
    row = _write_positions(book, report, where, row)
    if report.scheduled_base is not None:
        row = _write_scheduled(book, report, where, row + 1)
    return where


def _write_positions(book: _Book, report: CostReport, where: _Inputs, row: int) -> int:
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
            sheet.write_number(row + 2, col, _number(change.percent / 100), book.input_percent)
            hourly = per_hour(setup, change.amount)
            sheet.write_number(row + 3, col, _number(hourly), book.input_cents)
            where.percent[col - 1, index] = _cell(INPUTS, row + 2, col)
            where.amount[col - 1, index] = _cell(INPUTS, row + 3, col)
        row += 3
    for year in range(1, setup.years + 1):
        row += 1
        sheet.write_string(row, 0, f"Lump sum in year {year}, per FTE", book.text)
        for col, column in enumerate(report.columns, start=1):
            lump = sum(
                (ls.amount for ls in column.position.lump_sums if ls.year == year), Decimal(0)
            )
            sheet.write_number(row, col, _number(lump), book.input_cents)
            where.lump[col - 1, year] = _cell(INPUTS, row, col)
    row += 1
    sheet.merge_range(row, 0, row + 2, min(len(report.columns), 6), DATES_NOTE, book.note)
    return row + 3


def _write_scheduled(book: _Book, report: CostReport, where: _Inputs, row: int) -> int:
    sheet = book.inputs
    sheet.write_string(row, 0, "On the schedule (values computed by the tool)", book.bold)
    row += 1
    sheet.merge_range(row, 0, row + 2, min(len(report.columns), 6), SCHEDULE_NOTE, book.note)
    row += 3
    sheet.write_string(row, 0, "Figure", book.header)
    for col, column in enumerate(report.columns, start=1):
        sheet.write_string(row, col, column.label, book.header)
    for year in range(1, report.setup.years + 1):
        for name, cells in (
            ("general increases", where.general_on_schedule),
            ("steps", where.steps_on_schedule),
        ):
            row += 1
            sheet.write_string(row, 0, f"Year {year} {name} on the schedule (a value)", book.text)
            for col, column in enumerate(report.columns, start=1):
                scheduled = column.scheduled
                figure = Decimal(0)
                if scheduled is not None:
                    cost = scheduled.years[year - 1]
                    figure = cost.steps if name == "steps" else cost.general
                sheet.write_number(row, col, _number(figure), book.value_money)
                cells[col - 1, year] = _cell(INPUTS, row, col)
    return row + 1


def _average(segments: list[tuple[int, str]]) -> str:
    """Return the formula of a year's average of monthly figures, by runs of like months."""
    counts: dict[str, int] = {}
    for months, formula in segments:
        counts[formula] = counts.get(formula, 0) + months
    if len(counts) == 1:
        return next(iter(counts))
    return "(" + "+".join(f"{n}*({f})" for f, n in counts.items()) + ")/12"


def _general(report: CostReport, where: _Inputs, col: int, column: Column, year: int) -> str:
    """Return the formula of a year's general increases for one pass.

    Rows paid a salary: (payroll - payroll on the schedule) x (the year's average factor - 1)
    + (FTE - FTE on the schedule) x the year's average flat amount, where the factor in
    force in a month is the product of (1 + percent) of the increases in force, and the
    flat amount is each amount an hour x hours, raised by the increases after it.
    """
    in_force = increases_in_force(report.setup, column.position, year)
    factors, amounts = ["1"], ["0"]
    for index in range(max(in_force, default=0)):
        grow = f"(1+{where.percent[col, index]})"
        factors.append(grow if index == 0 else f"{factors[-1]}*{grow}")
        flat = f"{where.amount[col, index]}*{where.hours}"
        amounts.append(flat if index == 0 else f"({amounts[-1]})*{grow}+{flat}")
    factor = _average([(1, factors[n]) for n in in_force])
    amount = _average([(1, amounts[n]) for n in in_force])
    formula = "0"
    if max(in_force, default=0):
        formula = (
            f"({where.payroll}-{where.scheduled_payroll})*({factor}-1)"
            f"+({where.fte}-{where.scheduled_fte})*({amount})"
        )
    if report.scheduled_base is not None:
        formula += f"+{where.general_on_schedule[col, year]}"
    return "=" + formula


def _figure(
    report: CostReport,
    where: _Inputs,
    col: int,
    column: Column,
    year: int,
    name: str,
    here: dict[str, str],
) -> str:
    """Return the formula of one figure of a year; ``here`` names the year's cells so far."""
    if name == "general":
        return _general(report, where, col, column, year)
    if name == "steps":
        return f"={where.steps_on_schedule[col, year]}" if report.scheduled_base else "=0"
    if name == "lump_sums":
        return f"={where.lump[col, year]}*{where.fte}"
    wages = f"{here['general']}+{here['steps']}+{here['lump_sums']}"
    if name == "rollup":
        return f"=({wages})*{where.rollup}"
    return f"={wages}+{here['rollup']}"


def _write_cost(book: _Book, report: CostReport, where: _Inputs) -> None:
    sheet = book.cost
    sheet.write_string(1, 0, f"Cost report: {report.title}", book.bold)
    sheet.write_string(2, 0, f"As of {report.day}. {RULE}", book.text)
    sheet.write_string(
        3,
        0,
        "Every figure is a formula over the Inputs sheet, cached at the report's figure."
        + (" Rows on the schedule enter as values (see Inputs)." if report.scheduled_base else ""),
        book.text,
    )
    row = 5
    sheet.write_string(row, 0, "Figure", book.header)
    for col, column in enumerate(report.columns, start=1):
        sheet.write_string(row, col, column.label, book.header)
    years = report.setup.years
    totals: dict[tuple[int, int, str], str] = {}
    for year in range(1, years + 1):
        for name in FIGURES:
            row += 1
            sheet.write_string(row, 0, f"Year {year} {LABEL[name]}", book.text)
            for col, column in enumerate(report.columns, start=1):
                here = {k: totals.get((col, year, k), "") for k in FIGURES}
                formula = _figure(report, where, col - 1, column, year, name, here)
                value = getattr(column.costing.years[year - 1], name)
                sheet.write_formula(row, col, formula, book.money, _number(value))
                totals[col, year, name] = xl_rowcol_to_cell(row, col)
    term: dict[tuple[int, str], str] = {}
    for name in FIGURES:
        row += 1
        sheet.write_string(row, 0, f"Term {LABEL[name]}", book.text)
        for col, column in enumerate(report.columns, start=1):
            cells = "+".join(totals[col, y, name] for y in range(1, years + 1))
            value = getattr(column.costing.term, name)
            sheet.write_formula(row, col, f"={cells}", book.money, _number(value))
            term[col, name] = xl_rowcol_to_cell(row, col)
    row += 1
    sheet.write_string(row, 0, "Term % of base", book.text)
    for col, column in enumerate(report.columns, start=1):
        percent = column.costing.percent_of_base(column.costing.term.total) / 100
        sheet.write_formula(
            row, col, f"={term[col, 'total']}/{where.payroll}", book.percent, _number(percent)
        )
    row += 1
    sheet.write_string(row, 0, "Term per FTE", book.text)
    for col, column in enumerate(report.columns, start=1):
        per = column.costing.per_fte(column.costing.term.total)
        sheet.write_formula(
            row, col, f"={term[col, 'total']}/{where.fte}", book.money, _number(per)
        )
    row = _write_quick(book, report, where, row + 2)
    row = _write_stated(book, report, term, totals, row + 1)
    problems = [(c.label, p) for c in report.columns for p in c.problems]
    if problems:
        sheet.write_string(row + 1, 0, "Not costed", book.bold)
        for offset, (label, problem) in enumerate(problems, start=2):
            sheet.write_string(row + offset, 0, f"{label}: {problem}")


def _write_quick(book: _Book, report: CostReport, where: _Inputs, row: int) -> int:
    sheet, q = book.cost, report.quick
    sheet.write_string(row, 0, "Quick figures (base year)", book.bold)
    cent = f"0.01*{where.hours}*{where.fte}"
    lines: list[tuple[str, str | None, Decimal | None]] = [
        ("1%", f"={where.payroll}/100", q.one_percent),
        ("1% with roll-up", f"={where.payroll}/100*(1+{where.rollup})", q.one_percent_rolled_up),
        ("$0.01 an hour", f"={cent}", q.one_cent_an_hour),
        ("$0.01 an hour with roll-up", f"={cent}*(1+{where.rollup})", q.one_cent_an_hour_rolled_up),
    ]
    for label, formula, value in lines:
        row += 1
        sheet.write_string(row, 0, label, book.text)
        sheet.write_formula(row, 1, formula, book.money, _number(value or Decimal(0)))
    row += 1
    sheet.write_string(row, 0, "One step (a value: from the schedule's placements)", book.text)
    if q.one_step is None:
        sheet.write_string(row, 1, "no schedule", book.text)
    else:
        sheet.write_number(row, 1, _number(q.one_step), book.value_money)
    return row + 1


def _write_stated(
    book: _Book,
    report: CostReport,
    term: dict[tuple[int, str], str],
    totals: dict[tuple[int, int, str], str],
    row: int,
) -> int:
    stated = [(col, c, s) for col, c in enumerate(report.columns, start=1) for s in c.stated]
    if not stated:
        return row
    sheet = book.cost
    sheet.write_string(row, 0, "Stated beside computed", book.bold)
    row += 1
    for col, name in enumerate(("Pass", "Valuer", "Per", "Stated", "Computed", "Difference")):
        sheet.write_string(row, col, name, book.header)
    for col, column, s in stated:
        row += 1
        computed = totals[col, 1, "total"] if s.per == "year" else term[col, "total"]
        sheet.write_string(row, 0, column.label, book.text)
        sheet.write_string(row, 1, s.valuer, book.text)
        sheet.write_string(row, 2, s.per, book.text)
        sheet.write_number(row, 3, _number(s.amount), book.money)
        sheet.write_formula(row, 4, f"={computed}", book.money, _number(s.computed))
        here, there = xl_rowcol_to_cell(row, 4), xl_rowcol_to_cell(row, 3)
        sheet.write_formula(row, 5, f"={here}-{there}", book.money, _number(s.difference))
    return row + 1
