"""The cost report: every pass and the tentative agreements so far, costed side by side.

Team-only (CONFIDENTIAL, written 0600): it is computed from the roster. It never names a
person; the roster's figures appear only summed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from contracttools.costing.model import (
    Base,
    Costing,
    Position,
    Quick,
    Setup,
    Summed,
    cost,
    quick,
    summed,
)
from contracttools.costing.money import to_dollar
from contracttools.costing.terms import COSTED, position
from contracttools.model import Negotiation
from contracttools.negotiation import Moment
from contracttools.negotiation.moments import through
from contracttools.negotiation.positions import party_positions

STAMP = "CONFIDENTIAL: team only. Computed from the roster; never for members."
RULE = (
    "Figures are over the base year, rounded to the dollar (ROUND_HALF_UP) when shown; "
    "every sum is taken over unrounded figures."
)


@dataclass(frozen=True)
class Stated:
    """A valuation typed into a pass (``cost:``), beside the computed figure it compares to."""

    valuer: str
    per: str
    amount: Decimal
    computed: Decimal

    @property
    def difference(self) -> Decimal:
        """Computed minus stated."""
        return self.computed - self.amount


@dataclass(frozen=True)
class Column:
    """One costed position: a party's whole position after a pass, or the TAs so far."""

    label: str
    costing: Costing
    stated: tuple[Stated, ...]
    problems: tuple[str, ...]
    position: Position = field(default_factory=Position)
    """What was costed: the increases and lump sums read from the terms."""
    scheduled: Costing | None = None
    """The part of ``costing`` owed to the rows placed on the schedule (None: no such row)."""


@dataclass(frozen=True)
class CostReport:
    """The whole report."""

    title: str
    day: str
    setup: Setup
    quick: Quick
    columns: tuple[Column, ...]
    scheduled_base: Base | None = None
    """The base year of the rows placed on the schedule (None: no such row)."""
    places: tuple[tuple[str, str, Decimal], ...] = ()
    """(range, step, FTE x count) of each place on the schedule the roster holds."""


def _stated(costing: Costing, valuations: Sequence[tuple[str, str, Decimal]]) -> tuple[Stated, ...]:
    result = []
    for valuer, per, amount in valuations:
        computed = costing.years[0].total if per == "year" else costing.term.total
        result.append(Stated(valuer, per, amount, computed))
    return tuple(result)


@dataclass(frozen=True)
class Sums:
    """The roster summed once for every column: in all, and its rows on the schedule alone."""

    whole: Summed
    on_schedule: Setup | None
    placed: Summed | None

    @classmethod
    def of(cls, setup: Setup) -> Sums:
        """Sum the roster of ``setup``."""
        rows = tuple(row for row in setup.roster if row.salary is None)
        on_schedule = replace(setup, roster=rows) if rows else None
        placed = summed(on_schedule) if on_schedule is not None else None
        return cls(summed(setup), on_schedule, placed)


def cost_column(
    setup: Setup,
    label: str,
    pos: Position,
    valuations: Sequence[tuple[str, str, Decimal]] = (),
    problems: Sequence[str] = (),
    sums: Sums | None = None,
) -> Column:
    """Cost one position: its figures, the part owed to the schedule, its stated valuations."""
    sums = sums if sums is not None else Sums.of(setup)
    costing = cost(setup, pos, sums.whole)
    scheduled = None
    if sums.on_schedule is not None:
        scheduled = cost(sums.on_schedule, pos, sums.placed)
    return Column(label, costing, _stated(costing, valuations), tuple(problems), pos, scheduled)


def assemble(
    title: str, day: str, setup: Setup, columns: Sequence[Column], sums: Sums | None = None
) -> CostReport:
    """Return the report of costed columns, with the quick figures and the schedule's base."""
    sums = sums if sums is not None else Sums.of(setup)
    placed = sums.placed.base if sums.placed is not None else None
    return CostReport(
        title, day, setup, quick(setup, sums.whole), tuple(columns), placed, sums.whole.placed
    )


def build_cost_report(negotiation: Negotiation, at: Moment, setup: Setup) -> CostReport:
    """Cost each pass up to ``at`` (its party's whole position after it) and the TAs."""
    sums = Sums.of(setup)
    columns = []
    for proposal in at.proposals:
        stands = party_positions(negotiation, proposal.party, through(negotiation, proposal))
        terms: dict[str, tuple[str, ...]] = {}
        for clause in sorted(stands):
            item = stands[clause].item
            if item is not None:
                terms.update(item.terms)
        pos, problems = position(setup, terms)
        valuations = [
            (v.valuer, v.per, v.amount)
            for item in proposal.items
            if any(name in COSTED for name in item.terms)
            for v in item.cost
        ]
        columns.append(cost_column(setup, proposal.label, pos, valuations, problems, sums))
    agreed: dict[str, tuple[str, ...]] = {}
    for ta in at.tentative_agreements:
        agreed.update(ta.terms)
    pos, problems = position(setup, agreed)
    columns.append(cost_column(setup, "TAs so far", pos, (), problems, sums))
    return assemble(negotiation.title, at.day.isoformat(), setup, columns, sums)


def _money(value: Decimal) -> str:
    rounded = to_dollar(value)
    return f"-${-rounded:,}" if rounded < 0 else f"${rounded:,}"


def _percent(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}%"


def term_figures(report: CostReport) -> list[str]:
    """Return each column's term total over the base and its percent of the base payroll,
    as the chart shows them: "$560,698,466 over the term (23.88% of base payroll)"."""
    return [
        f"{_money(c.costing.term.total)} over the term "
        f"({_percent(c.costing.percent_of_base(c.costing.term.total))} of base payroll)"
        for c in report.columns
    ]


def rows(report: CostReport) -> list[list[str]]:
    """Return the report as a table: a header, then one row per figure."""
    header = ["Figure", *(c.label for c in report.columns)]
    table = [header]
    years = len(report.columns[0].costing.years) if report.columns else 0
    label = {"lump_sums": "lump sums", "rollup": "roll-up", "general": "general increases"}
    for index in range(years):
        for name in ("general", "steps", "lump_sums", "rollup", "total"):
            cells = [_money(getattr(c.costing.years[index], name)) for c in report.columns]
            table.append([f"Year {index + 1} {label.get(name, name)}", *cells])
    for name in ("general", "steps", "lump_sums", "rollup", "total"):
        cells = [_money(getattr(c.costing.term, name)) for c in report.columns]
        table.append([f"Term {label.get(name, name)}", *cells])
    table.append(
        [
            "Term % of base",
            *(_percent(c.costing.percent_of_base(c.costing.term.total)) for c in report.columns),
        ]
    )
    table.append(
        ["Term per FTE", *(_money(c.costing.per_fte(c.costing.term.total)) for c in report.columns)]
    )
    return table


def markdown(report: CostReport) -> str:
    """Return the report as Markdown."""
    base = report.columns[0].costing.base if report.columns else None
    lines = [
        f"# Cost report: {report.title}",
        "",
        f"**{STAMP}**",
        "",
        f"As of {report.day}. {RULE}",
        "",
    ]
    if base is not None:
        lines += [
            f"Base year from {report.setup.base_start}: payroll {_money(base.payroll)}, "
            f"headcount {base.headcount}, FTE {base.fte}; roll-up {report.setup.rollup}%.",
            "",
        ]
    table = rows(report)
    lines.append("| " + " | ".join(table[0]) + " |")
    lines.append("|" + " --- |" * len(table[0]))
    lines += ["| " + " | ".join(row) + " |" for row in table[1:]]
    q = report.quick
    lines += [
        "",
        "## Quick figures (base year)",
        "",
        f"- 1%: {_money(q.one_percent)} ({_money(q.one_percent_rolled_up)} with roll-up)",
        f"- one step: {_money(q.one_step) if q.one_step is not None else 'no schedule'}",
        f"- $0.01 an hour: {_money(q.one_cent_an_hour)} ({_money(q.one_cent_an_hour_rolled_up)} with roll-up)",
    ]
    stated = [(c.label, s) for c in report.columns for s in c.stated]
    if stated:
        lines += [
            "",
            "## Stated beside computed",
            "",
            "| Pass | Valuer | Per | Stated | Computed | Difference |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for label, s in stated:
            lines.append(
                f"| {label} | {s.valuer} | {s.per} | {_money(s.amount)} | {_money(s.computed)} | {_money(s.difference)} |"
            )
    problems = [(c.label, p) for c in report.columns for p in c.problems]
    if problems:
        lines += ["", "## Not costed", ""] + [f"- {label}: {p}" for label, p in problems]
    return "\n".join(lines) + "\n"


def as_csv(report: CostReport) -> str:
    """Return the report's table as CSV, its first line the CONFIDENTIAL stamp."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([STAMP])
    writer.writerows(rows(report))
    return out.getvalue()


def as_json(report: CostReport) -> str:
    """Return the report as JSON (unrounded figures as strings)."""

    def figures(costing: Costing) -> dict[str, object]:
        def one(y: object) -> dict[str, str]:
            return {
                k: str(getattr(y, k)) for k in ("general", "steps", "lump_sums", "rollup", "total")
            }

        return {"years": [one(y) for y in costing.years], "term": one(costing.term)}

    data = {
        "confidential": STAMP,
        "title": report.title,
        "as_of": report.day,
        "rounding": RULE,
        "columns": [
            {
                "label": c.label,
                **figures(c.costing),
                "stated": [
                    {
                        "valuer": s.valuer,
                        "per": s.per,
                        "amount": str(s.amount),
                        "computed": str(s.computed),
                    }
                    for s in c.stated
                ],
                "not_costed": list(c.problems),
            }
            for c in report.columns
        ],
    }
    return json.dumps(data, indent=2) + "\n"
