"""The conformed agreement: the next contract, named and dated for its term.

The base with every signed TA applied (by `contracttools.negotiation.conform`), renamed
and redated for its new term, each agreed clause carrying the figures it was agreed
with, and (`with_schedules`) the salary schedule in force from each effective date
written after the schedule clause's text.  Pure: no files, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from contracttools.costing.model import Setup
from contracttools.costing.schedules import DatedSchedule, project
from contracttools.costing.tables import shown
from contracttools.costing.terms import position
from contracttools.documents.wording import long_date
from contracttools.model import Agreement, Clause, Negotiation
from contracttools.negotiation import Agreed, Conformed, Moment, conform

TERM_YEARS = 3
"""The term of a conformed agreement, where the base does not say how long its own was."""


def _plus_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # February 29
        return day.replace(year=day.year + years, day=28)


def term(
    base: Agreement, agreed: tuple[Agreed, ...], day: date, effective: date | None = None
) -> tuple[date, date]:
    """Return the new agreement's effective and expiry dates.

    Effective (unless given) the day after the base expires, or the day after the last
    TA where that is later (where the base gives no expiry: the day after the last TA,
    else after `day`); it runs as long as the base ran (whole years), else three years,
    and expires the day before that anniversary.
    """
    last = max((a.ta.date for a in agreed), default=day)
    if effective is None:
        effective = max(d for d in (base.expires, last) if d is not None) + timedelta(days=1)
    years = TERM_YEARS
    if base.effective is not None and base.expires is not None:
        years = max(1, round(((base.expires - base.effective).days + 1) / 365.25))
    return effective, _plus_years(effective, years) - timedelta(days=1)


def renamed(text: str, old_year: int | None, new_year: int, joiner: str) -> str:
    """Return `text` with the base's year replaced by the new one, else the year appended."""
    if old_year is not None and re.search(rf"(?<!\d){old_year}(?!\d)", text):
        return re.sub(rf"(?<!\d){old_year}(?!\d)", str(new_year), text)
    return f"{text}{joiner}{new_year}"


def _with_terms(agreement: Agreement, base: Agreement, agreed: tuple[Agreed, ...]) -> Agreement:
    """Give each agreed clause the figures it was agreed with (the TA's, else the agreed
    item's); a clause whose text changed and that was agreed without figures loses the
    old ones, which no longer describe it."""
    figures: dict[str, Mapping[str, tuple[str, ...]]] = {}
    for found in agreed:
        terms = found.ta.terms
        if not terms and found.source is not None:
            item = next((i for i in found.source.items if i.clause == found.clause), None)
            terms = item.terms if item is not None else {}
        old = base.by_id.get(found.clause)
        if terms or old is None or old.text != found.language:
            figures[found.clause] = terms

    def fix(clause: Clause) -> Clause:
        children = tuple(fix(c) for c in clause.clauses)
        if clause.id in figures:
            return replace(clause, terms=figures[clause.id], clauses=children)
        return replace(clause, clauses=children)

    return replace(agreement, clauses=tuple(fix(c) for c in agreement.clauses))


def conformed_agreement(
    negotiation: Negotiation,
    at: Moment,
    id: str | None = None,
    title: str | None = None,
    effective: date | None = None,
    expires: date | None = None,
) -> tuple[Agreement, Conformed]:
    """Return the conformed agreement, named and dated for its term, and what conform found.

    Unset, the id and title are the base's with its effective year replaced by the new
    one (or the year appended); the dates are `term`'s.
    """
    done = conform(negotiation, at)
    base = negotiation.agreement
    effective, end = term(base, done.agreed, at.day, effective)
    expires = expires or end
    old_year = base.effective.year if base.effective else None
    agreement = replace(
        _with_terms(done.agreement, base, done.agreed),
        id=id or renamed(base.id, old_year, effective.year, "-"),
        title=title or renamed(base.title, old_year, effective.year, " "),
        effective=effective,
        expires=expires,
        path="",
    )
    return agreement, done


def with_schedules(
    agreement: Agreement, clause_id: str, heading: str, dated: Sequence[DatedSchedule]
) -> Agreement:
    """Return the agreement with the schedule in force from each date written after the
    text of clause `clause_id`: a paragraph "**Effective May 2, 2023**", then its table
    (rows named under `heading`, as the clause's own table names them).

    Figures are whole dollars where every figure of the table is, else dollars and cents.
    """

    def fix(clause: Clause) -> Clause:
        children = tuple(fix(c) for c in clause.clauses)
        if clause.id != clause_id:
            return replace(clause, clauses=children)
        parts = [clause.text.rstrip("\n")] if clause.text.strip() else []
        parts += [_dated_table(heading, d) for d in dated]
        return replace(clause, text="\n\n".join(parts) + "\n", clauses=children)

    return replace(agreement, clauses=tuple(fix(c) for c in agreement.clauses))


def _dated_table(heading: str, dated: DatedSchedule) -> str:
    schedule = dated.schedule
    cents = any(v != v.to_integral_value() for row in schedule.rates for v in row)
    columns = [
        shown("Step", step) if step else f"From {long_date(dated.effective)}"
        for step in schedule.steps
    ]
    lines = [
        f"**Effective {long_date(dated.effective)}**",
        "",
        f"| {heading or 'Range'} | " + " | ".join(columns) + " |",
        "| --- |" + " --- |" * len(columns),
    ]
    for name, row in zip(schedule.ranges, schedule.rates, strict=True):
        figures = " | ".join(f"${v:,.2f}" if cents else f"${v:,.0f}" for v in row)
        lines.append(f"| {shown(heading, name)} | {figures} |")
    return "\n".join(lines)


def agreed_schedules(setup: Setup, at: Moment) -> tuple[list[DatedSchedule], list[str]]:
    """Return the costing schedule raised by the TAs so far: the schedule in force from
    each effective date (of two increases on a day, the one after both), as `cost
    --schedules` gives it for the TAs; and what in the TAs' terms could not be read."""
    if setup.schedule is None:
        return [], []
    agreed: dict[str, tuple[str, ...]] = {}
    for ta in at.tentative_agreements:
        agreed.update(ta.terms)
    agreed_position, problems = position(setup, agreed)
    by_day: dict[date, DatedSchedule] = {}
    for dated in project(setup.schedule, agreed_position.increases):
        by_day[dated.effective] = dated
    return list(by_day.values()), problems
