"""Agreements laid out for paper, writer-neutral: a clean printing of any agreement, the
conformed text with its TA index and open items, and the ratification blackline.

The blackline is every clause of the conformed agreement, each TA's changes marked
against the base and stamped with the author and date of the TA that made them, in an
order where reading it without the insertions gives the base and without the deletions
the conformed text.  Pure: no files, no clock.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from contracttools.documents.wording import long_date
from contracttools.model import ACTION_LABELS, Agreement, Clause, Negotiation, Party
from contracttools.negotiation import Conformed, Moment, Standing
from contracttools.redline import ClauseChange, compare
from contracttools.redline.model import Side, Span


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
        match="id",  # ids are the identity of a conformed text's clauses
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
    """Return each clause with its anchor; a clause shown twice (moved: struck where it
    stood, inserted where it goes) has it once, where it now stands."""
    chosen: dict[str, int] = {}
    for index, change in enumerate(printing.clauses):
        earlier = chosen.get(change.ref.id)
        if earlier is None or printing.clauses[earlier].status == "deleted":
            chosen[change.ref.id] = index
    return [
        (change, printing.anchors[change.ref.id] if chosen[change.ref.id] == index else "")
        for index, change in enumerate(printing.clauses)
    ]


def _parents(agreement: Agreement) -> dict[str, str]:
    out: dict[str, str] = {}
    for clause, _ in agreement.walk():
        for child in clause.clauses:
            out[child.id] = clause.id
    return out


def _alone(clause: Clause) -> Agreement:
    return Agreement("", "", (replace(clause, clauses=()),))


def _old_id(change: ClauseChange) -> str:
    assert change.old is not None
    return change.old.id


def _in_order(positions: list[int]) -> set[int]:
    """Return the indexes of a longest run of `positions` that increases (not contiguous)."""
    tails: list[int] = []
    ends: list[int] = []
    previous = [-1] * len(positions)
    for index, position in enumerate(positions):
        at = bisect_left(tails, position)
        if at == len(tails):
            tails.append(position)
            ends.append(index)
        else:
            tails[at], ends[at] = position, index
        previous[index] = ends[at - 1] if at else -1
    kept: set[int] = set()
    index = ends[-1] if ends else -1
    while index >= 0:
        kept.add(index)
        index = previous[index]
    return kept


def blackline_order(
    clauses: tuple[ClauseChange, ...], base: Agreement, agreement: Agreement
) -> tuple[ClauseChange, ...]:
    """Return the changes in blackline order: the new text's order, each clause struck
    right where it stood in the base, a moved clause split into its deletion there and
    its insertion where it now stands.  Read without the insertions, it is the base in
    order; without the deletions, the new text.

    A clause counts as moved where the engine says so, and wherever keeping it in place
    would put the base out of order (however the engine paired the clauses).
    """
    order = [(clause.id, depth) for clause, depth in base.walk()]
    where = {clause_id: n for n, (clause_id, _) in enumerate(order)}
    paired = [
        n
        for n, c in enumerate(clauses)
        if c.status != "deleted" and c.old is not None and c.new is not None
    ]
    steady = {paired[k] for k in _in_order([where[_old_id(clauses[n])] for n in paired])}
    struck: dict[str, ClauseChange] = {}
    out: list[ClauseChange] = []
    for n, change in enumerate(clauses):
        if change.status == "deleted" and change.old is not None:
            struck[change.old.id] = change
        elif (
            change.old is not None and change.new is not None and (change.moved or n not in steady)
        ):
            gone = compare(_alone(base.by_id[change.old.id]), Agreement("", "", ())).clauses[0]
            struck[change.old.id] = gone
            added = compare(Agreement("", "", ()), _alone(agreement.by_id[change.new.id]))
            out.append(replace(added.clauses[0], depth=change.depth))
        else:
            out.append(change)
    for index, (clause_id, depth) in enumerate(order):
        if clause_id not in struck:
            continue
        before = order[index - 1][0] if index else ""
        olds = [c.old.id if c.old is not None else None for c in out]
        at = next((n + 1 for n in range(len(out) - 1, -1, -1) if olds[n] == before), 0)
        out.insert(at, replace(struck[clause_id], depth=depth))
    return tuple(out)
