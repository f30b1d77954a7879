"""Where each clause stands at a moment of the negotiation: the latest word of each side.

Pure: the negotiation in, positions and statuses out.  Summaries and (later) tracking
charts are computed from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from contracttools.model import Item, Negotiation, Party, Proposal, TentativeAgreement

STATUSES = ("open", "tentatively agreed", "withdrawn", "status quo", "rejected")


@dataclass(frozen=True)
class Position:
    """A party's latest item on a clause."""

    party: Party
    proposal: Proposal
    item: Item


@dataclass(frozen=True)
class Standing:
    """A clause's state: each side's latest position and the status that follows."""

    clause: str
    number: str
    title: str
    topic: str
    positions: dict[str, Position]
    status: str
    tentative: TentativeAgreement | None


@dataclass(frozen=True)
class Moment:
    """A point in the negotiation: what had been passed and agreed by then."""

    proposals: tuple[Proposal, ...]
    tentative_agreements: tuple[TentativeAgreement, ...]
    day: date


def moment(negotiation: Negotiation, until: datetime | date | None = None) -> Moment:
    """Return the negotiation as it stood at `until` (a date includes that whole day)."""
    if until is None:
        proposals = negotiation.proposals
        day = max((p.passed_at.date() for p in proposals), default=date.today())
        day = max([day, *(t.date for t in negotiation.tentative_agreements)])
        return Moment(proposals, negotiation.tentative_agreements, day)
    if isinstance(until, datetime):
        proposals = tuple(p for p in negotiation.proposals if p.passed_at <= until)
        day = until.date()
    else:
        proposals = tuple(p for p in negotiation.proposals if p.passed_at.date() <= until)
        day = until
    tas = tuple(t for t in negotiation.tentative_agreements if t.date <= day)
    return Moment(proposals, tas, day)


def standings(negotiation: Negotiation, at: Moment) -> list[Standing]:
    """Return every clause any pass has named, in agreement order, with its status."""
    agreement = negotiation.agreement
    order = {clause.id: n for n, (clause, _) in enumerate(agreement.walk())}
    article_of = {}
    for top in agreement.clauses:
        for clause, _ in top.walk():
            article_of[clause.id] = top.title
    latest: dict[str, dict[str, Position]] = {}
    names: dict[str, tuple[str, str]] = {}
    topics: dict[str, str] = {}
    for proposal in at.proposals:
        party = negotiation.parties[proposal.party]
        for item in proposal.items:
            latest.setdefault(item.clause, {})[proposal.party] = Position(party, proposal, item)
            if item.number and item.title:
                names.setdefault(item.clause, (item.number, item.title))
            if item.topic:
                topics.setdefault(item.clause, item.topic)
    agreed = {t.clause: t for t in at.tentative_agreements}
    out = []
    for clause_id, positions in latest.items():
        current = agreement.by_id.get(clause_id)
        number, title = (
            (current.number, current.title) if current else names.get(clause_id, ("", clause_id))
        )
        parent = article_of.get(clause_id) or article_of.get(
            _anchor(clause_id, at.proposals) or "", ""
        )
        out.append(
            Standing(
                clause=clause_id,
                number=number,
                title=title,
                topic=topics.get(clause_id) or parent or "Other",
                positions=positions,
                status=status(positions, agreed.get(clause_id)),
                tentative=agreed.get(clause_id),
            )
        )
    out.sort(key=lambda s: (order.get(s.clause, len(order)), s.clause))
    return out


def last_language(
    proposals: tuple[Proposal, ...], before: Proposal, clause: str, party: str | None = None
) -> tuple[Proposal, str] | None:
    """Return the latest language on a clause passed before `before` by `party`
    (by default the other side): what an accept accepts."""
    found = None
    for proposal in proposals:
        if proposal.passed_at >= before.passed_at:
            break
        if (party is None and proposal.party == before.party) or (
            party is not None and proposal.party != party
        ):
            continue
        for item in proposal.items:
            if item.clause == clause and item.action in ("amend", "add") and item.text:
                found = (proposal, item.text)
    return found


def _anchor(clause: str, proposals: tuple[Proposal, ...]) -> str | None:
    for proposal in proposals:
        for item in proposal.items:
            if item.clause == clause and (item.after or item.parent):
                return item.after or item.parent
    return None


def status(positions: dict[str, Position], tentative: TentativeAgreement | None) -> str:
    """Return a clause's status from each side's latest item and the TA log."""
    if tentative is not None:
        return "tentatively agreed"
    items = sorted(positions.values(), key=lambda p: p.proposal.passed_at)
    actions = {p.item.action for p in items}
    newest = items[-1].item.action
    if "withdraw" in actions and actions <= {"withdraw", "status-quo", "reject"}:
        return "withdrawn"
    if actions <= {"status-quo", "withdraw"}:
        return "status quo"
    if newest == "reject":
        return "rejected"
    return "open"
