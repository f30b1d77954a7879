"""The conformed agreement and its printings, assembled once and writer-neutral.

`conformed_agreement` is the next contract: the base with every signed TA applied (by
`contracttools.negotiation.conform`), renamed and redated for its new term, each agreed
clause carrying the figures it was agreed with.  `printing` lays out any agreement for
paper (title page, contents, clauses); `blackline` lays out the ratification copy: every
clause of the conformed agreement, each TA's changes marked against the base and stamped
with that TA's author and date.  Pure: no files, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from contracttools.model import ACTION_LABELS, Agreement, Clause, Negotiation, Party
from contracttools.negotiation import Agreed, Conformed, Moment, Standing, conform
from contracttools.redline import ClauseChange, compare
from contracttools.redline.model import Side, Span

TERM_YEARS = 3
"""The term of a conformed agreement, where the base does not say how long its own was."""


@dataclass(frozen=True)
class Signed:
    """A row of the TA index: one tentative agreement and where its clause stands."""

    clause: str
    number: str
    title: str
    day: date
    initials: str
    whose: str
    """The party whose language was agreed, or "Joint" for language of the TA's own."""
    action: str
    anchor: str
    """The clause's anchor in the printed document."""
    author: str
    """Who the TA's changes are attributed to in Word (one author per TA)."""
    when: datetime
    """When they are dated: the TA's day, at noon UTC so every time zone shows that day."""


@dataclass(frozen=True)
class Outstanding:
    """A clause still on the table: not applied to the conformed agreement."""

    clause: str
    number: str
    title: str
    status: str
    positions: tuple[tuple[str, str], ...]
    """Each side's last position, as (party, "AMEND in Guild #2 (2023-04-28)")."""


@dataclass(frozen=True)
class Stamp:
    """Whom a clause's tracked changes are attributed to, and when."""

    author: str
    when: datetime


@dataclass(frozen=True)
class Printing:
    """An agreement laid out for paper: title page, contents, clauses, and for a
    conformed text its TA index and open items."""

    agreement: Agreement
    lines: tuple[str, ...]
    """The title page's lines under the title (term, where it came from)."""
    clauses: tuple[ClauseChange, ...]
    """Every clause in reading order: unchanged, or for a blackline marked against the base."""
    anchors: Mapping[str, str]
    """Clause id -> anchor (a bookmark name and HTML id: letters and digits only)."""
    signed: tuple[Signed, ...] = ()
    outstanding: tuple[Outstanding, ...] = ()
    blackline: bool = False
    stamps: Mapping[str, Stamp] | None = None
    """A blackline's clause id -> the stamp of the TA that changed it (or its parent)."""
    author: str = "contracttools"
    when: datetime | None = None
    """Document properties: who made it and the day it speaks of."""

    @property
    def head(self) -> str:
        """Return the running head."""
        prefix = "Ratification copy — " if self.blackline else ""
        return prefix + self.agreement.title


def long_date(day: date) -> str:
    """Return "May 2, 2023"."""
    return f"{day:%B} {day.day}, {day.year}"


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


def _party(negotiation: Negotiation, key: str | None) -> Party | None:
    return negotiation.parties.get(key) if key is not None else None


def _anchors(clauses: tuple[ClauseChange, ...]) -> dict[str, str]:
    anchors: dict[str, str] = {}
    for change in clauses:
        anchors.setdefault(change.ref.id, f"c{len(anchors) + 1}")
    return anchors


def signed(
    negotiation: Negotiation, done: Conformed, anchors: Mapping[str, str]
) -> tuple[Signed, ...]:
    """Return the TA index: every TA applied, in the order signed."""
    rows = []
    base = negotiation.agreement
    for found in done.agreed:
        party = _party(negotiation, found.whose)
        whose = party.short if party is not None else "Joint"
        named = done.agreement.by_id.get(found.clause) or base.by_id.get(found.clause)
        number = named.number if named else (found.number or "")
        title = named.title if named else (found.title or found.clause)
        day = found.ta.date
        rows.append(
            Signed(
                found.clause,
                number,
                title,
                day,
                found.ta.initialled,
                whose,
                found.action,
                anchors.get(found.clause, ""),
                f"{whose} TA {day.isoformat()} ({found.ta.initialled})",
                datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
            )
        )
    return tuple(rows)


def outstanding(
    negotiation: Negotiation, still_open: tuple[Standing, ...]
) -> tuple[Outstanding, ...]:
    """Return the clauses still on the table, each side's last position in words."""
    rows = []
    for standing in still_open:
        stands = []
        order = list(negotiation.parties)
        ranked = sorted(
            standing.positions.items(),
            key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order),
        )
        for key, position in ranked:
            party = _party(negotiation, key)
            name = party.short if party is not None else key
            label = ACTION_LABELS.get(position.action, position.action.upper())
            passed = position.proposal.passed_at.date().isoformat()
            words = f"{label} in {name} #{position.proposal.number} ({passed})"
            if position.item is not None and position.item.summary:
                words += f": {' '.join(position.item.summary.split())}"
            stands.append((name, words))
        rows.append(
            Outstanding(
                standing.clause,
                standing.number,
                standing.title,
                standing.status,
                tuple(stands),
            )
        )
    return tuple(rows)


def printing(agreement: Agreement) -> Printing:
    """Return a clean printing of any agreement."""
    clauses = compare(agreement, agreement).clauses
    return Printing(agreement, _term_lines(agreement), clauses, _anchors(clauses))


def as_printing(document: Agreement | Printing) -> Printing:
    """Return a printing: an agreement given bare is printed clean."""
    return printing(document) if isinstance(document, Agreement) else document


def _term_lines(agreement: Agreement) -> tuple[str, ...]:
    if agreement.effective and agreement.expires:
        return (
            f"Effective {long_date(agreement.effective)} through {long_date(agreement.expires)}",
        )
    if agreement.effective:
        return (f"Effective {long_date(agreement.effective)}",)
    return ()


def conformed_printing(
    negotiation: Negotiation, agreement: Agreement, done: Conformed, at: Moment
) -> Printing:
    """Return the conformed agreement printed clean, with its TA index and open items."""
    clauses = compare(agreement, agreement).clauses
    anchors = _anchors(clauses)
    return Printing(
        agreement,
        _term_lines(agreement) + _origin(negotiation, done, at),
        clauses,
        anchors,
        signed(negotiation, done, anchors),
        outstanding(negotiation, done.open),
        author=negotiation.title,
        when=_noon(at.day),
    )


def _noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def _origin(negotiation: Negotiation, done: Conformed, at: Moment) -> tuple[str, ...]:
    count = len(done.agreed)
    noun = "tentative agreement" if count == 1 else "tentative agreements"
    lines = [
        f"Conformed from {negotiation.agreement.title} and {count} {noun}, "
        f"{negotiation.title}, as of {long_date(at.day)}"
    ]
    if done.open:
        lines.append(
            f"DRAFT: {len(done.open)} item{'s' if len(done.open) != 1 else ''} still open "
            "and not applied (see Open items)"
        )
    return tuple(lines)


def blackline(
    negotiation: Negotiation, agreement: Agreement, done: Conformed, at: Moment
) -> Printing:
    """Return the ratification copy: every clause of the conformed agreement, each TA's
    changes marked against the base and stamped with that TA's author and date.

    A clause a TA moved is shown struck where it stood and inserted where it goes, so
    that rejecting every change gives the base and accepting every change the conformed
    agreement, word for word.
    """
    base = negotiation.agreement
    redline = compare(
        base,
        agreement,
        old_side=Side(base.path, "agreement", base.title),
        new_side=Side("", "agreement", agreement.title),
    )
    clauses = blackline_order(redline.clauses, base, agreement)
    anchors = _anchors(clauses)
    rows = signed(negotiation, done, anchors)
    by_clause = {row.clause: Stamp(row.author, row.when) for row in rows}
    parents = _parents(base) | _parents(agreement)
    stamps: dict[str, Stamp] = {}
    fallback = Stamp(negotiation.title, _noon(at.day))
    for change in clauses:
        clause: str | None = change.ref.id
        while clause is not None and clause not in by_clause:
            clause = parents.get(clause)
        stamps[change.ref.id] = by_clause[clause] if clause is not None else fallback
    lines = _term_lines(agreement) + _origin(negotiation, done, at)
    return Printing(
        agreement,
        lines,
        clauses,
        anchors,
        rows,
        outstanding(negotiation, done.open),
        blackline=True,
        stamps=stamps,
        author=negotiation.title,
        when=_noon(at.day),
    )


def heading_spans(change: ClauseChange) -> tuple[Span, ...]:
    """Return a clause heading as spans: a clause that comes or goes whole has its whole
    heading in one span; a new number or title is a change of its own."""
    old, new = change.old, change.new
    whole = " ".join(p for p in (change.ref.number, change.ref.title) if p)
    if change.status == "added":
        return (Span("insert", whole),)
    if change.status == "deleted":
        return (Span("delete", whole),)
    if old is None or new is None:
        return (Span("equal", whole),)
    spans: list[Span] = []
    if old.number != new.number:
        spans += [Span("delete", old.number + " ")] if old.number else []
        spans += [Span("insert", new.number + " ")] if new.number else []
    elif new.number:
        spans.append(Span("equal", new.number + " "))
    if change.retitled:
        spans += change.title_spans
    else:
        spans.append(Span("equal", new.title))
    return tuple(s for s in spans if s.text)


def plain_heading(change: ClauseChange) -> str:
    """Return a clause's heading as it now reads: "2.A General Increases"."""
    return "".join(s.text for s in heading_spans(change) if s.op != "delete").strip()


def first_anchors(printing: Printing) -> list[tuple[ClauseChange, str]]:
    """Return each clause with its anchor; a clause shown twice (moved) has it once."""
    seen: set[str] = set()
    out = []
    for change in printing.clauses:
        anchor = printing.anchors[change.ref.id]
        out.append((change, "" if anchor in seen else anchor))
        seen.add(anchor)
    return out


def _parents(agreement: Agreement) -> dict[str, str]:
    out: dict[str, str] = {}
    for clause, _ in agreement.walk():
        for child in clause.clauses:
            out[child.id] = clause.id
    return out


def _alone(clause: Clause, title: str = "") -> Agreement:
    return Agreement("", title, (replace(clause, clauses=()),))


def blackline_order(
    clauses: tuple[ClauseChange, ...], base: Agreement, agreement: Agreement
) -> tuple[ClauseChange, ...]:
    """Return the changes in blackline order: the new text's order, each clause struck
    right where it stood in the base, a moved clause split into its deletion there and
    its insertion where it now stands.  Read without the insertions, it is the base in
    order; without the deletions, the new text."""
    struck: dict[str, ClauseChange] = {}
    out: list[ClauseChange] = []
    for change in clauses:
        if change.status == "deleted" and change.old is not None:
            struck[change.old.id] = change
        elif change.moved and change.old is not None and change.new is not None:
            gone = compare(_alone(base.by_id[change.old.id]), Agreement("", "", ())).clauses[0]
            struck[change.old.id] = gone
            added = compare(Agreement("", "", ()), _alone(agreement.by_id[change.new.id]))
            out.append(replace(added.clauses[0], depth=change.depth))
        else:
            out.append(change)
    order = [(clause.id, depth) for clause, depth in base.walk()]
    for index, (clause_id, depth) in enumerate(order):
        if clause_id not in struck:
            continue
        before = order[index - 1][0] if index else ""
        olds = [c.old.id if c.old is not None else None for c in out]
        at = next((n + 1 for n in range(len(out) - 1, -1, -1) if olds[n] == before), 0)
        out.insert(at, replace(struck[clause_id], depth=depth))
    return tuple(out)
