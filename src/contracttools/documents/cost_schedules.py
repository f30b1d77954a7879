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

from contracttools.costing.schedules import DatedSchedule, Schedule, project
from contracttools.documents.cost_report import STAMP, CostReport
from contracttools.documents.wording import cents, increase, step_name

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


def _table(schedule: Schedule) -> list[str]:
    lines = [
        "| Range | " + " | ".join(step_name(step) for step in schedule.steps) + " |",
        "| --- |" + " ---: |" * len(schedule.steps),
    ]
    for name, row in zip(schedule.ranges, schedule.rates, strict=True):
        lines.append(f"| {name} | " + " | ".join(cents(v) for v in row) + " |")
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
