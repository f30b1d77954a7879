"""The cost report as a workbook an analyst can audit: live formulas over an Inputs sheet.

Sheets, each stamped CONFIDENTIAL (first cell, page header and footer):

- **Cost**: every figure of the report as a formula, each written with the report's own
  figure as its cached value, so an analyst who changes an input sees every figure follow.
- **Inputs**: the base year by classification (headcount, FTE and payroll paid a salary,
  FTE and payroll on the schedule), the roll-up, the hours of an FTE, each pass's
  increases (effective date, percent, amount an hour) and lump sums per FTE, and, where
  rows are placed on the schedule, the base-year schedule and the FTE at each place.
- **Schedules** (rows on the schedule only): the schedule each increase of each position
  makes, and the FTE at each place each year, as formulas over Inputs.

What is not a formula is said on the sheet: the effective dates fix which months each
increase counts in; the payroll and FTE on the schedule by classification are values
(their totals are formulas).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracttools.documents.cost_report import CostReport
from contracttools.writers.cost.book import Book
from contracttools.writers.cost.figures import write_figures
from contracttools.writers.cost.inputs import write_inputs
from contracttools.writers.cost.schedules import write_schedules

if TYPE_CHECKING:
    from contracttools.writers.options import Options


def write_cost(report: CostReport, options: Options) -> bytes:
    """Return the cost report as an XLSX workbook: formulas over Inputs, cached figures."""
    book = Book(report, options, schedules=bool(report.places))
    where = write_inputs(book, report)
    if report.places:
        write_schedules(book, report, where)
    write_figures(book, report, where)
    return book.close()


__all__ = ["write_cost"]
