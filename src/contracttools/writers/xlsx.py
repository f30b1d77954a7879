"""The tracking chart as a spreadsheet (XlsxWriter), as spreadsheet users expect it.

A header row and the section column frozen, an autofilter, columns as wide as their
text (up to a limit, then wrapped), the status in words and in a fill colour, a
landscape print setup that repeats the header row on every page, document properties
from the negotiation.  The same chart gives the same bytes: the creation date is the
chart's day, never the clock.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import xlsxwriter

from contracttools.documents.tracking import Chart

if TYPE_CHECKING:
    from contracttools.writers.options import Options

FILLS = {
    "open": "#FFF2CC",
    "tentatively agreed": "#D9EAD3",
    "withdrawn": "#E7E6E6",
    "status quo": "#DDEBF7",
    "rejected": "#F4CCCC",
}
"""The fill of each status's cell; the status is always written in words too."""

WIDEST = {"Section": 10, "Title": 22, "Article": 20, "Topic": 16, "Status": 20, "Package": 16}
"""The most characters a column may take before its text wraps; 34 for the rest."""
LINE = 15
"""Points a line of wrapped text takes: rows are given their height, not left to the
reader to fit (LibreOffice does not refit a row on opening)."""
PAPER = {"letter": 1, "a4": 9}


def _width(column: str, values: list[str]) -> float:
    """Return a column's width in characters: its longest line, up to its limit."""
    longest = max(
        (len(line) for text in [column, *values] for line in text.splitlines() or [""]),
        default=0,
    )
    return min(longest, WIDEST.get(column, 34)) + 2


def _lines(text: str, width: float) -> int:
    """Return about how many lines text wraps to in a column `width` characters wide."""
    room = max(int(width) - 2, 1)
    return sum(max(1, -(-len(line) // room)) for line in text.splitlines() or [""])


def write_chart(chart: Chart, options: Options) -> bytes:
    """Return the chart as an XLSX workbook."""
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    stamp = " (CONFIDENTIAL)" if chart.confidential else ""
    workbook.set_properties(
        {
            "title": f"{chart.title}{stamp}",
            "subject": f"As of {chart.as_of}",
            "author": chart.author,
            "company": " / ".join(p.name for p in chart.parties),
            "keywords": "tracking chart, CONFIDENTIAL" if chart.confidential else "tracking chart",
            "comments": "Written by contracttools",
            "created": datetime(chart.day.year, chart.day.month, chart.day.day, tzinfo=UTC),
        }
    )
    sheet = workbook.add_worksheet("CONFIDENTIAL chart" if chart.confidential else "Chart")
    header = workbook.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#D9D9D9", "border": 1}
    )
    text = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
    first = workbook.add_format({"bold": True, "valign": "top", "border": 1})
    fills = {
        status: workbook.add_format(
            {"text_wrap": True, "valign": "top", "border": 1, "bold": True, "bg_color": colour}
        )
        for status, colour in FILLS.items()
    }
    columns = chart.columns
    table = chart.flat()
    statuses = [row.status for row in chart.rows]
    status_at = columns.index("Status")
    widths = [_width(name, [row[n] for row in table]) for n, name in enumerate(columns)]
    for n, name in enumerate(columns):
        sheet.write_string(0, n, name, header)
        sheet.set_column(n, n, widths[n])
    sheet.set_row(0, LINE * max(_lines(c, w) for c, w in zip(columns, widths, strict=True)))
    for r, (values, status) in enumerate(zip(table, statuses, strict=True), start=1):
        for n, value in enumerate(values):
            shown = first if n == 0 else fills[status] if n == status_at else text
            sheet.write_string(r, n, value, shown)
        sheet.set_row(r, LINE * max(_lines(v, w) for v, w in zip(values, widths, strict=True)))
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(len(table), 1), len(columns) - 1)
    _print_setup(sheet, chart, options, len(table), len(columns))
    if chart.team_notes:
        notes = workbook.add_worksheet("CONFIDENTIAL notes")
        notes.write_string(0, 0, "Internal notes on whole passes (team copy only)", header)
        notes.set_column(0, 0, 100)
        for r, note in enumerate(chart.team_notes, start=1):
            notes.write_string(r, 0, note, text)
        _print_setup(notes, chart, options, len(chart.team_notes), 1)
    workbook.close()
    return out.getvalue()


def _print_setup(sheet: Any, chart: Chart, options: Options, rows: int, columns: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(PAPER.get(options.paper, 1))
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    sheet.print_area(0, 0, max(rows, 1), columns - 1)
    title = chart.title[:150].replace("&", "&&")  # a header holds 255 characters
    stamp = '&R&"-,Bold"CONFIDENTIAL' if chart.confidential else ""
    sheet.set_header(f"&L{title}, as of {chart.as_of}{stamp}")
    sheet.set_footer(f"&LStatus as of {chart.as_of}&CPage &P of &N{stamp}")
