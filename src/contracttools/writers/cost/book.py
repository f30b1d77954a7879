"""The workbook's sheets, formats and CONFIDENTIAL page setup, and where each input sits."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from contracttools.documents.cost_report import STAMP, CostReport

if TYPE_CHECKING:
    from contracttools.writers.options import Options

INPUTS = "Inputs"
COST = "Cost"
SCHEDULES = "Schedules"
MONEY = '"$"#,##0;-"$"#,##0'
CENTS = '"$"#,##0.00'
PERCENT = "0.00%"


def number(value: Decimal) -> float:
    """Return a figure as the spreadsheet holds it (a double)."""
    return float(value)


def cell(sheet: str, row: int, col: int) -> str:
    """Return the absolute reference of a cell on a sheet: Inputs!$B$7."""
    return f"{sheet}!{xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)}"


def block(sheet: str, first: tuple[int, int], last: tuple[int, int]) -> str:
    """Return the absolute reference of a block of cells: Inputs!$B$7:$D$9."""
    start = xl_rowcol_to_cell(*first, row_abs=True, col_abs=True)
    end = xl_rowcol_to_cell(*last, row_abs=True, col_abs=True)
    return f"{sheet}!{start}:{end}"


@dataclass
class Where:
    """Where each input sits, as absolute references the formulas use."""

    salaried_payroll: str = ""
    salaried_fte: str = ""
    scheduled_payroll: str = ""
    scheduled_fte: str = ""
    payroll: str = ""
    fte: str = ""
    totals_row: int = 0
    """The row of the base year's totals on Inputs."""
    rollup: str = ""
    hours: str = ""
    unit: str = ""
    """What makes a schedule figure annual: '' (annual), '12*' (monthly), 'hours*'."""
    percent: dict[tuple[int, int], str] = field(default_factory=dict)
    """(column, increase) -> its percent (increases in order of effective date)."""
    amount: dict[tuple[int, int], str] = field(default_factory=dict)
    """(column, increase) -> its amount an hour."""
    lump: dict[tuple[int, int], str] = field(default_factory=dict)
    """(column, year) -> its lump sum per FTE."""
    base_table: str = ""
    """The block of the schedule in force in the base year."""
    base_cells: dict[tuple[int, int], str] = field(default_factory=dict)
    """(range, step) index -> the cell of its base-year figure."""
    placements: str = ""
    """The block of the FTE at each place (range by step) in the base year."""
    placement_cells: dict[tuple[int, int], str] = field(default_factory=dict)
    weights: dict[int, str] = field(default_factory=dict)
    """Contract year (or 0 for one step up, for the quick figure) -> the block of the FTE at
    each place that year."""
    tables: dict[tuple[int, int], str] = field(default_factory=dict)
    """(column, increase) -> the block of the schedule in force after that increase."""


class Book:
    """The workbook's formats and sheets, each stamped CONFIDENTIAL."""

    def __init__(self, report: CostReport, options: Options, schedules: bool) -> None:
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
        self.cents = add({"num_format": CENTS, "border": 1})
        self.percent = add({"num_format": PERCENT, "border": 1})
        self.figure = add({"num_format": "#,##0.####", "border": 1})
        self.text = add({"border": 1})
        shaded = {"bg_color": "#FFF2CC", "border": 1}
        self.input_money = add({**shaded, "num_format": MONEY})
        self.input_cents = add({**shaded, "num_format": CENTS})
        self.input_percent = add({**shaded, "num_format": "0.00##%"})
        self.input_number = add({**shaded, "num_format": "#,##0.####"})
        grey = {"border": 1, "bg_color": "#E7E6E6"}
        self.value_money = add({**grey, "num_format": MONEY})
        self.value_number = add({**grey, "num_format": "#,##0.####"})
        self.cost = self.workbook.add_worksheet(COST)
        self.inputs = self.workbook.add_worksheet(INPUTS)
        sheets: list[Any] = [self.cost, self.inputs]
        self.schedules: Any = None
        if schedules:
            self.schedules = self.workbook.add_worksheet(SCHEDULES)
            sheets.append(self.schedules)
        title = report.title[:150].replace("&", "&&")
        for sheet in sheets:
            sheet.set_landscape()
            sheet.set_paper(9 if options.paper == "a4" else 1)
            sheet.fit_to_pages(1, 0)
            sheet.set_header(f'&L{title}, as of {report.day}&R&"-,Bold"CONFIDENTIAL')
            sheet.set_footer("&LTeam only: computed from the roster&CPage &P of &N&RCONFIDENTIAL")
            sheet.set_column(0, 0, 40)
            sheet.set_column(1, 60, 17)
            sheet.write_string(0, 0, STAMP, self.stamp)

    def close(self) -> bytes:
        """Return the workbook's bytes."""
        self.workbook.close()
        return self.out.getvalue()
