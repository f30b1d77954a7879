"""The tracking chart as CSV (a flat table) and as Markdown (a table per article)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from contracttools.documents.tracking import Chart
from contracttools.inert import markdown_text

if TYPE_CHECKING:
    from contracttools.writers.options import Options


FORMULA = ("=", "+", "-", "@", "\t", "\r")
"""How a cell a spreadsheet would take for a formula begins."""


def _inert(value: str) -> str:
    """Return a CSV cell a spreadsheet shows as text: one that would start a formula
    (text from the files is data) gets a leading apostrophe, as spreadsheets mark text."""
    return "'" + value if value.startswith(FORMULA) else value


def write_csv(chart: Chart, options: Options) -> str:
    """Return the chart as CSV: a header row, then a row per clause (RFC 4180, UTF-8 with
    a byte-order mark so that spreadsheets read it as UTF-8)."""
    out = io.StringIO()
    table = csv.writer(out, lineterminator="\r\n")
    table.writerow([_inert(c) for c in chart.columns])
    table.writerows([_inert(c) for c in row] for row in chart.flat())
    return "\ufeff" + out.getvalue()


def _cell(text: str) -> str:
    return markdown_text(" ".join(text.split()))


def write_markdown(chart: Chart, options: Options) -> str:
    """Return the chart as Markdown: the counts, then a table per article."""
    lines = [f"# {markdown_text(chart.title)}", "", f"*As of {chart.as_of}*", ""]
    if chart.confidential:
        lines += ["**CONFIDENTIAL — team copy with internal notes. Not for the other side.**", ""]
    counts = ", ".join(f"{n} {status}" for status, n in chart.counts.items())
    lines += [f"{len(chart.rows)} sections on the table: {counts}.", ""]
    passes = [markdown_text(p.label) for p in chart.passes]
    head = ["Section", *passes, "Status", "Package", "Valuations"]
    if chart.confidential:
        head.append("Internal notes (CONFIDENTIAL)")
    for article in chart.articles:
        lines += [f"## {markdown_text(article.heading)}", ""]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + " --- |" * len(head))
        for row in article.rows:
            cells = [row.heading]
            cells += [c.text if c is not None else "" for c in row.cells]
            cells += [row.status_text, row.package, "; ".join(row.valuations)]
            if chart.confidential:
                cells.append("; ".join(row.notes))
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    if chart.team_notes:
        lines += ["## Internal notes on whole passes (team copy only)", ""]
        lines += [f"- {markdown_text(note)}" for note in chart.team_notes] + [""]
    return "\n".join(lines)
