"""The redlined proposal packet, assembled once and writer-neutral.

The HTML/PDF and DOCX writers render this; neither recomputes a diff.  Pure: no files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from contracttools.documents.wording import clock, long_date, party_or_guess, titled_path
from contracttools.model import (
    ACTION_LABELS,
    Agreement,
    Clause,
    ClauseMark,
    Negotiation,
    Party,
    Proposal,
)
from contracttools.negotiation import apply, draft, proposal_positions
from contracttools.negotiation.moves import Move
from contracttools.negotiation.moves import move as find_move
from contracttools.redline import ClauseChange
from contracttools.redline.compare import compare_clause


@dataclass(frozen=True)
class PacketItem:
    """One item as the packet shows it."""

    index: int
    clause: str
    number: str
    title: str
    action: str
    label: str
    summary: str | None
    package: str | None
    change: ClauseChange | None
    """The language redlined; None where the item has none to show."""
    against: str
    """What the redline is measured against, in words."""
    concept: str | None
    note: str | None
    """Internal: set only for a team copy."""
    path: str = ""
    """For a clause without a title: the titled clauses it sits in, outermost first, joined
    by PATH_SEPARATOR ("Article 13 Pay and Allowances", "13.1 Salary Increases")."""
    statement: str | None = None
    """For an accept: what is accepted, in a sentence ("The District accepts UESF's
    proposal to delete 13.1.1.3.")."""
    move: Move | None = None
    """Where the item places the clause elsewhere than the language it is marked
    against: its old and its new number and article."""


@dataclass(frozen=True)
class Package:
    """Items that stand or fall together."""

    name: str
    items: tuple[int, ...]


@dataclass(frozen=True)
class Packet:
    """Everything a packet shows, in order."""

    party: Party
    other: Party | None
    number: int
    passed_at: str
    """e.g. "April 12, 2023, 3:30 p.m. (UTC-07:00)"."""
    passed_date: str
    title: str
    negotiation: str
    agreement: str
    preamble: str | None
    items: tuple[PacketItem, ...]
    packages: tuple[Package, ...]
    signoff: bool
    confidential: bool
    note: str | None


def _when(proposal: Proposal) -> tuple[str, str]:
    moment = proposal.passed_at
    day = long_date(moment)
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    zone = f"UTC{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{day}, {clock(moment)} ({zone})", day


def build_packet(
    proposal: Proposal,
    negotiation: Negotiation | None = None,
    against: Proposal | None = None,
    signoff: bool = False,
    include_notes: bool = False,
) -> Packet:
    """Return the packet for a proposal, redlined against the agreement, or against
    `against`: the other party's whole position once it passed that proposal, so that
    only the proposing party's own changes are marked."""
    agreement = negotiation.agreement if negotiation is not None else proposal.base
    assert agreement is not None, "a loaded proposal carries its agreement"
    party = party_or_guess(proposal.party, negotiation)
    others = [
        p for k, p in (negotiation.parties.items() if negotiation else []) if k != proposal.party
    ]
    other = others[0] if others else None
    baseline, their_marks = draft(against, negotiation) if against else (agreement, {})
    applied, marks = apply(proposal, negotiation, base=baseline)
    sources = {p.clause: p for p in proposal_positions(proposal, negotiation)}
    before, after = _places(baseline), _places(applied)
    theirs = party_or_guess(against.party, negotiation) if against else None
    items = []
    for index, item in enumerate(proposal.items, 1):
        change = compare_clause(
            baseline.by_id.get(item.clause),
            applied.by_id.get(item.clause),
            their_marks.get(item.clause),
            marks.get(item.clause),
        )
        move = None
        if change is not None and change.old and change.new and before.get(item.clause):
            moved = before[item.clause] != after.get(item.clause)
            change = replace(change, moved=moved) if moved else change
            move = find_move(baseline, applied, item.clause) if moved else None
        measured = f"the current agreement ({agreement.title})"
        mark = their_marks.get(item.clause)
        if against is not None and theirs is not None and mark is not None:
            stood = mark.item is not None and mark.action in ("amend", "add", "delete", "accept")
            if stood:
                measured = (
                    f"{theirs.possessive} Proposal No. {_pass_of(against, mark, negotiation)}"
                )
        if item.action == "accept":
            source = sources[item.clause].source
            if against is None and source is not None:
                who = party_or_guess(source.party, negotiation)
                its = "their" if who.short.endswith("s") else "its"
                measured = (
                    f"the current agreement, as {who.named()} proposed "
                    f"in {its} Proposal No. {source.number}"
                )
        if item.action in ("withdraw", "reject", "concept"):
            change = None
        clause = agreement.by_id.get(item.clause)
        number, title = (
            (clause.number, clause.title)
            if clause
            else _proposed_clause(negotiation, item.clause) or ("", item.clause)
        )
        statement = None
        if item.action == "accept":
            position = sources[item.clause]
            statement = _accepts(
                party,
                party_or_guess(position.source.party, negotiation) if position.source else theirs,
                position.source.number if position.source else None,
                position.language is None,
                clause is None,
                " ".join(p for p in (item.number or number, item.title or title) if p),
            )
        items.append(
            PacketItem(
                index=index,
                clause=item.clause,
                number=item.number or number,
                title=item.title or title,
                action=item.action,
                label=ACTION_LABELS[item.action],
                summary=item.summary,
                package=item.package,
                change=change,
                against=measured,
                concept=" ".join(item.text.split())
                if item.action == "concept" and item.text
                else None,
                note=item.note if include_notes else None,
                path=""
                if (item.title or title)
                else titled_path(
                    applied if item.clause in applied.by_id else agreement, item.clause
                ),
                statement=statement,
                move=move,
            )
        )
    packages: dict[str, list[int]] = {}
    for packet_item in items:
        if packet_item.package:
            packages.setdefault(packet_item.package, []).append(packet_item.index)
    passed, day = _when(proposal)
    return Packet(
        party=party,
        other=other,
        number=proposal.number,
        passed_at=passed,
        passed_date=day,
        title=proposal.title or f"{party.short} Proposal No. {proposal.number}",
        negotiation=negotiation.title if negotiation else agreement.title,
        agreement=agreement.title,
        preamble=proposal.preamble,
        items=tuple(items),
        packages=tuple(Package(name, tuple(ids)) for name, ids in packages.items()),
        signoff=signoff,
        confidential=include_notes,
        note=proposal.note if include_notes else None,
    )


def _accepts(
    party: Party,
    other: Party | None,
    number: int | None,
    struck: bool,
    new: bool,
    clause: str,
) -> str:
    """Return what an accept item accepts, in a sentence."""
    verb = "accept" if party.short.endswith("s") else "accepts"
    whose = f"{other.named(possessive=True)} " if other is not None else "the "
    what = "proposal to delete" if struck else "proposal to add" if new else "language on"
    where = f" in Proposal No. {number}" if number is not None and not struck and not new else ""
    return f"{party.named(capital=True)} {verb} {whose}{what} {clause}{where}."


def _pass_of(against: Proposal, mark: ClauseMark, negotiation: Negotiation | None) -> int:
    """Return the number of the other party's pass that put the language on the table."""
    if mark.item is None or negotiation is None:
        return against.number
    for proposal in negotiation.proposals:
        if proposal.party == against.party and any(i is mark.item for i in proposal.items):
            return proposal.number
    return against.number


def _proposed_clause(negotiation: Negotiation | None, clause: str) -> tuple[str, str] | None:
    """Return the number and title a pass gave a clause the agreement lacks."""
    for proposal in negotiation.proposals if negotiation else ():
        for item in proposal.items:
            if item.clause == clause and item.number and item.title:
                return item.number, item.title
    return None


def _places(agreement: Agreement) -> dict[str, tuple[str | None, str | None]]:
    """Return where each clause stands: its parent and the clause before it."""
    places: dict[str, tuple[str | None, str | None]] = {}

    def visit(clauses: tuple[Clause, ...], parent: str | None) -> None:
        previous = None
        for clause in clauses:
            places[clause.id] = (parent, previous)
            previous = clause.id
            visit(clause.clauses, clause.id)

    visit(agreement.clauses, None)
    return places
