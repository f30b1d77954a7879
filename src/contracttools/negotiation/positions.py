"""Positions: where each party stands on each clause, pass by pass.

A position is the language a party has on the table for a clause, resolved from its
latest item there (docs/negotiation.md states the rules):

- amend, add: the item's language (and its number, title and place);
- delete: no clause;
- status-quo, reject, withdraw, concept: the current agreement's language (no clause,
  for a clause the agreement lacks; a concept that places a new clause gives it its
  heading and no text yet);
- accept: the other party's position at that moment, language, number and place;
- a clause a later pass does not restate keeps the party's last position, unless the
  negotiation's `unlisted` is `withdrawn`, when it is withdrawn by that pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from contracttools.model import Agreement, Item, Negotiation, Proposal, TentativeAgreement
from contracttools.negotiation.moments import Moment

STATUSES = ("open", "tentatively agreed", "withdrawn", "status quo", "rejected")

CURRENT = ("status-quo", "reject", "withdraw", "concept")
"""Actions whose language is the current agreement's."""


@dataclass(frozen=True)
class Position:
    """One party's stand on one clause, as taken in one pass."""

    party: str
    clause: str
    action: str
    language: str | None
    """The clause's text as this party would have it; None: no such clause."""
    proposal: Proposal
    """The pass that took the position."""
    item: Item | None
    """The item that took it; None where an unrestated clause was withdrawn by the rules."""
    number: str | None = None
    title: str | None = None
    """The number and title it gives the clause, where it gives them."""
    after: str | None = None
    parent: str | None = None
    """Where it places a clause the agreement lacks."""
    source: Proposal | None = None
    """For an accept: the other party's pass whose language was accepted."""

    @property
    def label(self) -> str:
        """Return e.g. "guild #2"."""
        return self.proposal.label


def _other(negotiation: Negotiation | None, party: str) -> str | None:
    if negotiation is None:
        return None
    return next((key for key in negotiation.parties if key != party), None)


def resolve(
    item: Item,
    proposal: Proposal,
    agreement: Agreement,
    theirs: Position | None,
) -> Position:
    """Return the position an item takes, given the other party's position on its clause."""
    current = agreement.by_id.get(item.clause)
    base = current.text if current is not None else None

    def taken(language: str | None, shape: Item | Position | None = item) -> Position:
        """The position, named and placed as `shape` (the item, or the other side's) does."""
        return Position(
            proposal.party,
            item.clause,
            item.action,
            language,
            proposal,
            item,
            shape.number if shape else None,
            shape.title if shape else None,
            shape.after if shape else None,
            shape.parent if shape else None,
        )

    if item.action in ("amend", "add"):
        return taken(item.text or "")
    if item.action == "delete":
        return taken(None, None)
    if item.action == "accept" and theirs is not None:
        accepted = taken(theirs.language, theirs)
        return replace(
            accepted,
            number=item.number or theirs.number,
            title=item.title or theirs.title,
            source=theirs.proposal,
        )
    if item.action == "concept" and base is None and (item.after or item.parent):
        return taken("")  # a new clause described, not yet written: its heading, placed
    if base is None and theirs is not None:
        return taken(None, theirs)  # a reply to the other side's new clause, placed as theirs
    return taken(base, None)


def history(negotiation: Negotiation, at: Moment | None = None) -> Iterator[Position]:
    """Yield every position taken, in the order passed (up to `at`).

    With `unlisted: withdrawn`, a clause a party's later pass leaves out is withdrawn
    by that pass (a position with no item).
    """
    proposals = at.proposals if at is not None else negotiation.proposals
    table: dict[str, dict[str, Position]] = {}
    for proposal in proposals:
        mine = table.setdefault(proposal.party, {})
        theirs = table.get(_other(negotiation, proposal.party) or "", {})
        named = {item.clause for item in proposal.items}
        if negotiation.unlisted == "withdrawn":
            for clause in [c for c in mine if c not in named]:
                if mine[clause].action != "withdraw":
                    current = negotiation.agreement.by_id.get(clause)
                    position = Position(
                        proposal.party,
                        clause,
                        "withdraw",
                        current.text if current is not None else None,
                        proposal,
                        None,
                    )
                    mine[clause] = position
                    yield position
        for item in proposal.items:
            position = resolve(item, proposal, negotiation.agreement, theirs.get(item.clause))
            mine[item.clause] = position
            yield position


def positions(negotiation: Negotiation, at: Moment | None = None) -> dict[str, dict[str, Position]]:
    """Return clause -> party -> that party's position at `at` (its latest, carried forward)."""
    table: dict[str, dict[str, Position]] = {}
    for position in history(negotiation, at):
        table.setdefault(position.clause, {})[position.party] = position
    return table


def party_positions(
    negotiation: Negotiation, party: str, at: Moment | None = None
) -> dict[str, Position]:
    """Return clause -> one party's position at `at`."""
    return {
        clause: stands[party]
        for clause, stands in positions(negotiation, at).items()
        if party in stands
    }


@dataclass(frozen=True)
class Standing:
    """A clause's state at a moment: each side's position and the status that follows."""

    clause: str
    number: str
    title: str
    topic: str
    positions: dict[str, Position]
    status: str
    tentative: TentativeAgreement | None


def status(stands: dict[str, Position], tentative: TentativeAgreement | None) -> str:
    """Return a clause's status from each side's position and the TA log.

    Tentatively agreed once a TA is signed; withdrawn when every item left is a
    withdrawal, a status quo or a rejection and one is a withdrawal; status quo when
    both sides leave the language as it is; rejected when the latest word is a
    rejection; open otherwise.
    """
    if tentative is not None:
        return "tentatively agreed"
    if not stands:
        return "open"
    ordered = sorted(stands.values(), key=lambda p: p.proposal.passed_at)
    actions = {p.action for p in ordered}
    if "withdraw" in actions and actions <= {"withdraw", "status-quo", "reject"}:
        return "withdrawn"
    if actions <= {"status-quo", "withdraw"}:
        return "status quo"
    if ordered[-1].action == "reject":
        return "rejected"
    return "open"


def standings(negotiation: Negotiation, at: Moment) -> list[Standing]:
    """Return every clause any pass or TA has named, in agreement order, with its status."""
    agreement = negotiation.agreement
    order = {clause.id: n for n, (clause, _) in enumerate(agreement.walk())}
    article_of = {}
    for top in agreement.clauses:
        for clause, _ in top.walk():
            article_of[clause.id] = top.title
    table: dict[str, dict[str, Position]] = {}
    names: dict[str, tuple[str, str]] = {}
    topics: dict[str, str] = {}
    anchors: dict[str, str] = {}
    for position in history(negotiation, at):
        table.setdefault(position.clause, {})[position.party] = position
        if position.number and position.title:
            names.setdefault(position.clause, (position.number, position.title))
        if position.item is not None and position.item.topic:
            topics.setdefault(position.clause, position.item.topic)
        if position.after or position.parent:
            anchors.setdefault(position.clause, position.after or position.parent or "")
    agreed = {t.clause: t for t in at.tentative_agreements}
    for signed in agreed.values():
        table.setdefault(signed.clause, {})
        if signed.number and signed.title:
            names.setdefault(signed.clause, (signed.number, signed.title))
        if signed.after or signed.parent:
            anchors.setdefault(signed.clause, signed.after or signed.parent or "")
    out = []
    for clause_id, stands in table.items():
        current = agreement.by_id.get(clause_id)
        number, title = (
            (current.number, current.title) if current else names.get(clause_id, ("", clause_id))
        )
        parent = article_of.get(clause_id) or article_of.get(anchors.get(clause_id, ""), "")
        ta = agreed.get(clause_id)
        out.append(
            Standing(
                clause=clause_id,
                number=number,
                title=title,
                topic=topics.get(clause_id) or parent or "Other",
                positions=stands,
                status=status(stands, ta),
                tentative=ta,
            )
        )
    out.sort(key=lambda s: (order.get(s.clause, len(order)), s.clause))
    return out
