"""The salary schedules each position makes: the table in force after each of its increases.

Made from the cost report's columns (every pass's position and the TAs so far) and the
costing file's schedule, by ``costing.schedules.project``: each figure is the previous
schedule's figure as published (to the cent) raised by the increase, rounded to the cent
ROUND_HALF_UP. Team-only like the report it comes from (CONFIDENTIAL, written 0600).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from contracttools.costing.schedules import DatedSchedule, Increase, Schedule, project
from contracttools.documents.cost_report import STAMP, CostReport

RULE = (
    "Each figure is the previous schedule's figure as published (to the cent) raised by the "
    "increase, rounded to the cent (ROUND_HALF_UP)."
)


@dataclass(frozen=True)
class Projected:
    """One position's schedules: the table in force after each of its increases."""

    label: str
    schedules: tuple[DatedSchedule, ...]


@dataclass(frozen=True)
class Schedules:
    """The current schedule, and the schedules of every pass and of the TAs so far."""

    title: str
    day: str
    base_start: str
    current: Schedule
    columns: tuple[Projected, ...]


def build_schedules(report: CostReport) -> Schedules | None:
    """Return every column's projected schedules; None when the costing names no schedule."""
    schedule = report.setup.schedule
    if schedule is None:
        return None
    columns = tuple(
        Projected(c.label, tuple(project(schedule, c.position.increases))) for c in report.columns
    )
    return Schedules(
        report.title, report.day, report.setup.base_start.isoformat(), schedule, columns
    )


def _trim(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _cents(value: Decimal) -> str:
    return f"${value:,.2f}"


def increase(change: Increase) -> str:
    """Say an increase as a reader would: '3%', '2% and $0.25', '$520.00'."""
    parts = []
    if change.percent:
        parts.append(f"{_trim(change.percent)}%")
    if change.amount:
        parts.append(_cents(change.amount))
    return " and ".join(parts) or "0%"


def step_name(step: str) -> str:
    """Return a step's column heading: 'Step 2' for a bare number, 'Rate' for the one
    unnamed step of a schedule by year, else the name as read."""
    if not step:
        return "Rate"
    return f"Step {step}" if step.isdigit() else step


def _table(schedule: Schedule) -> list[str]:
    lines = [
        "| Range | " + " | ".join(step_name(step) for step in schedule.steps) + " |",
        "| --- |" + " ---: |" * len(schedule.steps),
    ]
    for name, row in zip(schedule.ranges, schedule.rates, strict=True):
        lines.append(f"| {name} | " + " | ".join(_cents(v) for v in row) + " |")
    return lines


def schedules_markdown(schedules: Schedules) -> str:
    """Return every position's schedules as Markdown."""
    lines = [
        f"# Salary schedules: {schedules.title}",
        "",
        f"**{STAMP}**",
        "",
        f"As of {schedules.day}. {RULE} Figures are {schedules.current.unit}.",
        "",
        f"## In force in the base year (from {schedules.base_start})",
        "",
        *_table(schedules.current),
    ]
    for column in schedules.columns:
        lines += ["", f"## {column.label}", ""]
        if not column.schedules:
            lines.append("No general increase: the schedule stays as it is.")
        for dated in column.schedules:
            lines += [
                f"### From {dated.effective.isoformat()}: {increase(dated.increase)}",
                "",
                *_table(dated.schedule),
                "",
            ]
        if lines[-1] == "":
            lines.pop()
    return "\n".join(lines) + "\n"


def schedules_csv(schedules: Schedules) -> str:
    """Return every position's schedules as CSV: one line per range of each schedule."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([STAMP])
    steps = [step_name(step) for step in schedules.current.steps]
    writer.writerow(["Position", "From", "Increase", "Range", *steps])
    tables = [("current", schedules.base_start, "", schedules.current)]
    for column in schedules.columns:
        tables += [
            (column.label, d.effective.isoformat(), increase(d.increase), d.schedule)
            for d in column.schedules
        ]
    for label, effective, change, schedule in tables:
        for name, row in zip(schedule.ranges, schedule.rates, strict=True):
            writer.writerow([label, effective, change, name, *(f"{v:.2f}" for v in row)])
    return out.getvalue()


def schedules_json(schedules: Schedules) -> str:
    """Return every position's schedules as JSON (figures as strings, to the cent)."""

    def table(schedule: Schedule) -> dict[str, dict[str, str]]:
        return {
            name: {step or "rate": f"{v:.2f}" for step, v in zip(schedule.steps, row, strict=True)}
            for name, row in zip(schedule.ranges, schedule.rates, strict=True)
        }

    data = {
        "confidential": STAMP,
        "title": schedules.title,
        "as_of": schedules.day,
        "rounding": RULE,
        "unit": schedules.current.unit,
        "current": {"from": schedules.base_start, "rates": table(schedules.current)},
        "positions": [
            {
                "label": column.label,
                "schedules": [
                    {
                        "from": d.effective.isoformat(),
                        "percent": str(d.increase.percent),
                        "amount": str(d.increase.amount),
                        "rates": table(d.schedule),
                    }
                    for d in column.schedules
                ],
            }
            for column in schedules.columns
        ],
    }
    return json.dumps(data, indent=2) + "\n"
