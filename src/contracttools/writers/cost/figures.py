"""The Cost sheet: every figure of the report as a formula over Inputs (and Schedules).

For one pass and contract year k (docs/costing.md gives the same):

- general increases = salaried payroll x (F - 1) + salaried FTE x A, where F is the year's
  average of the monthly factors (the product of (1 + percent) of the increases in force
  on the month's first day) and A the year's average flat amount; plus, for the rows on
  the schedule, unit x (the year's average of SUMPRODUCT(FTE at each place in year k,
  the schedule in force that month) - SUMPRODUCT(FTE at each place in year k, the base
  schedule));
- steps = unit x (SUMPRODUCT(FTE in year k, base schedule) - SUMPRODUCT(FTE in the base
  year, base schedule)); lump sums = lump sum per FTE x FTE;
- roll-up = (general increases + steps + lump sums) x roll-up; total = the four.
"""

from __future__ import annotations

from decimal import Decimal

from xlsxwriter.utility import xl_rowcol_to_cell

from contracttools.costing.model import increases_in_force
from contracttools.documents.cost_report import RULE, Column, CostReport
from contracttools.writers.cost.book import Book, Where, number

FIGURES = ("general", "steps", "lump_sums", "rollup", "total")
LABEL = {
    "general": "general increases",
    "steps": "steps",
    "lump_sums": "lump sums",
    "rollup": "roll-up",
    "total": "total",
}


def _average(months: list[str]) -> str:
    """Return the formula of a year's average of twelve monthly formulas, by like months."""
    counts: dict[str, int] = {}
    for formula in months:
        counts[formula] = counts.get(formula, 0) + 1
    if len(counts) == 1:
        return next(iter(counts))
    return "(" + "+".join(f"{n}*({f})" for f, n in counts.items()) + ")/12"


def _general(report: CostReport, where: Where, col: int, column: Column, year: int) -> str:
    """Return the formula of a year's general increases for one pass."""
    in_force = increases_in_force(report.setup, column.position, year)
    factors, amounts = ["1"], ["0"]
    for index in range(max(in_force, default=0)):
        grow = f"(1+{where.percent[col, index]})"
        factors.append(grow if index == 0 else f"{factors[-1]}*{grow}")
        flat = f"{where.amount[col, index]}*{where.hours}"
        amounts.append(flat if index == 0 else f"({amounts[-1]})*{grow}+{flat}")
    parts = []
    if max(in_force, default=0):
        factor = _average([factors[n] for n in in_force])
        amount = _average([amounts[n] for n in in_force])
        parts.append(f"{where.salaried_payroll}*({factor}-1)+{where.salaried_fte}*({amount})")
        if report.places:
            weights = where.weights[year]
            tables = [where.tables[col, n - 1] if n else where.base_table for n in in_force]
            raised = _average([f"SUMPRODUCT({weights},{t})" for t in tables])
            parts.append(f"{where.unit}({raised}-SUMPRODUCT({weights},{where.base_table}))")
    return "=" + ("+".join(parts) or "0")


def _figure(
    report: CostReport,
    where: Where,
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
        if not report.places or report.setup.steps != "yearly":
            return "=0"
        now = f"SUMPRODUCT({where.weights[year]},{where.base_table})"
        then = f"SUMPRODUCT({where.placements},{where.base_table})"
        return f"={where.unit}({now}-{then})"
    if name == "lump_sums":
        return f"={where.lump[col, year]}*{where.fte}"
    wages = f"{here['general']}+{here['steps']}+{here['lump_sums']}"
    if name == "rollup":
        return f"=({wages})*{where.rollup}"
    return f"={wages}+{here['rollup']}"


def write_figures(book: Book, report: CostReport, where: Where) -> None:
    """Write the Cost sheet."""
    sheet = book.cost
    sheet.write_string(1, 0, f"Cost report: {report.title}", book.bold)
    sheet.write_string(2, 0, f"As of {report.day}. {RULE}", book.text)
    note = "Every figure is a formula over the Inputs sheet, cached at the report's figure."
    if report.places:
        note += " Rows on the schedule are costed from the Schedules sheet."
    sheet.write_string(3, 0, note, book.text)
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
                sheet.write_formula(row, col, formula, book.money, number(value))
                totals[col, year, name] = xl_rowcol_to_cell(row, col)
    term: dict[tuple[int, str], str] = {}
    for name in FIGURES:
        row += 1
        sheet.write_string(row, 0, f"Term {LABEL[name]}", book.text)
        for col, column in enumerate(report.columns, start=1):
            cells = "+".join(totals[col, y, name] for y in range(1, years + 1))
            value = getattr(column.costing.term, name)
            sheet.write_formula(row, col, f"={cells}", book.money, number(value))
            term[col, name] = xl_rowcol_to_cell(row, col)
    row += 1
    sheet.write_string(row, 0, "Term % of base", book.text)
    for col, column in enumerate(report.columns, start=1):
        percent = column.costing.percent_of_base(column.costing.term.total) / 100
        formula = f"={term[col, 'total']}/{where.payroll}"
        sheet.write_formula(row, col, formula, book.percent, number(percent))
    row += 1
    sheet.write_string(row, 0, "Term per FTE", book.text)
    for col, column in enumerate(report.columns, start=1):
        per = column.costing.per_fte(column.costing.term.total)
        sheet.write_formula(row, col, f"={term[col, 'total']}/{where.fte}", book.money, number(per))
    row = _write_quick(book, report, where, row + 2)
    row = _write_stated(book, report, term, totals, row + 1)
    problems = [(c.label, p) for c in report.columns for p in c.problems]
    if problems:
        sheet.write_string(row + 1, 0, "Not costed", book.bold)
        for offset, (label, problem) in enumerate(problems, start=2):
            sheet.write_string(row + offset, 0, f"{label}: {problem}")


def _write_quick(book: Book, report: CostReport, where: Where, row: int) -> int:
    sheet, q = book.cost, report.quick
    sheet.write_string(row, 0, "Quick figures (base year)", book.bold)
    cent = f"0.01*{where.hours}*{where.fte}"
    lines: list[tuple[str, str, Decimal]] = [
        ("1%", f"={where.payroll}/100", q.one_percent),
        ("1% with roll-up", f"={where.payroll}/100*(1+{where.rollup})", q.one_percent_rolled_up),
        ("$0.01 an hour", f"={cent}", q.one_cent_an_hour),
        ("$0.01 an hour with roll-up", f"={cent}*(1+{where.rollup})", q.one_cent_an_hour_rolled_up),
    ]
    if q.one_step is not None and report.places:
        up = f"SUMPRODUCT({where.weights[0]},{where.base_table})"
        now = f"SUMPRODUCT({where.placements},{where.base_table})"
        lines.append(("One step", f"={where.unit}({up}-{now})", q.one_step))
    for label, formula, value in lines:
        row += 1
        sheet.write_string(row, 0, label, book.text)
        sheet.write_formula(row, 1, formula, book.money, number(value))
    if q.one_step is None or not report.places:
        row += 1
        sheet.write_string(row, 0, "One step", book.text)
        sheet.write_string(
            row, 1, "no schedule" if q.one_step is None else "no one on it", book.text
        )
    return row + 1


def _write_stated(
    book: Book,
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
        sheet.write_number(row, 3, number(s.amount), book.money)
        sheet.write_formula(row, 4, f"={computed}", book.money, number(s.computed))
        here, there = xl_rowcol_to_cell(row, 4), xl_rowcol_to_cell(row, 3)
        sheet.write_formula(row, 5, f"={here}-{there}", book.money, number(s.difference))
    return row + 1
