"""The redlined proposal packet, assembled once and writer-neutral.

The HTML/PDF and DOCX writers render this; neither recomputes a diff.  Pure: no files.
"""

from __future__ import annotations

from dataclasses import dataclass

from contracttools.model import ACTION_LABELS, Agreement, Negotiation, Party, Proposal
from contracttools.redline import ClauseChange, compare
from contracttools.redline.compare import compare_language
from contracttools.standing import last_language


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


def _party(key: str, negotiation: Negotiation | None) -> Party:
    if negotiation is not None and key in negotiation.parties:
        return negotiation.parties[key]
    return Party(key, key.replace("-", " ").title(), key.title(), "")


def _when(proposal: Proposal) -> tuple[str, str]:
    moment = proposal.passed_at
    day = f"{moment:%B} {moment.day}, {moment.year}"
    hour = moment.hour % 12 or 12
    clock = f"{hour}:{moment:%M} {'a.m.' if moment.hour < 12 else 'p.m.'}"
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    zone = f"UTC{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{day}, {clock} ({zone})", day


def build_packet(
    proposal: Proposal,
    negotiation: Negotiation | None = None,
    against: Proposal | None = None,
    signoff: bool = False,
    include_notes: bool = False,
) -> Packet:
    """Return the packet for a proposal, redlined against the agreement (or `against`)."""
    agreement = proposal.base
    assert agreement is not None, "a loaded proposal carries its agreement"
    party = _party(proposal.party, negotiation)
    others = [
        p for k, p in (negotiation.parties.items() if negotiation else []) if k != proposal.party
    ]
    other = others[0] if others else None
    base_changes = _by_clause(compare(agreement, proposal).clauses)
    counter_changes = _by_clause(compare(against, proposal).clauses) if against else {}
    countered = (
        {i.clause for i in against.items if i.action in ("amend", "add")} if against else set()
    )
    items = []
    for index, item in enumerate(proposal.items, 1):
        change = base_changes.get(item.clause)
        measured = f"the current agreement ({agreement.title})"
        if item.clause in countered and against is not None and item.action in ("amend", "add"):
            change = counter_changes.get(item.clause, change)
            measured = (
                f"{_party(against.party, negotiation).possessive} Proposal No. {against.number}"
            )
        if item.action == "accept":
            change, measured = _accepted(item.clause, agreement, proposal, negotiation, other)
        if item.action in ("withdraw", "reject", "concept"):
            change = None
        clause = agreement.by_id.get(item.clause)
        number, title = (
            (clause.number, clause.title)
            if clause
            else _proposed_clause(negotiation, item.clause) or ("", item.clause)
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


def _proposed_clause(negotiation: Negotiation | None, clause: str) -> tuple[str, str] | None:
    """Return the number and title a pass gave a clause the agreement lacks."""
    for proposal in negotiation.proposals if negotiation else ():
        for item in proposal.items:
            if item.clause == clause and item.number and item.title:
                return item.number, item.title
    return None


def _by_clause(changes: tuple[ClauseChange, ...]) -> dict[str, ClauseChange]:
    return {change.ref.id: change for change in changes}


def _accepted(
    clause_id: str,
    agreement: Agreement,
    proposal: Proposal,
    negotiation: Negotiation | None,
    other: Party | None,
) -> tuple[ClauseChange | None, str]:
    """Return the accepted language redlined against the agreement, and whose it was."""
    found = (
        last_language(negotiation.proposals, proposal, clause_id, other.key if other else None)
        if negotiation is not None
        else None
    )
    if found is None:
        return None, "the other party's last proposal"
    source, text = found
    clause = agreement.by_id.get(clause_id)
    change = compare_language(
        clause,
        clause_id,
        clause.number if clause else "",
        clause.title if clause else "",
        text,
        "accept",
    )
    assert other is not None
    return (
        change,
        f"the current agreement, as {other.short} proposed in its Proposal No. {source.number}",
    )
