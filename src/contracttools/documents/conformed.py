"""The conformed agreement: the next contract, named and dated for its term.

The base with every signed TA applied (by `contracttools.negotiation.conform`), renamed
and redated for its new term, each agreed clause carrying the figures it was agreed
with.  Pure: no files, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta

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
