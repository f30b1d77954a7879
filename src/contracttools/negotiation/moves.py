"""Moves: where a position or a TA places a clause of the agreement somewhere else.

A change that names `after` or `parent` may land its clause in another article, under
another parent, or elsewhere among its siblings.  Told by comparing the clause's place
in the agreement before the change with its place after it: its parent, and the
sibling it follows among the siblings both sides share (so a clause added or struck
beside it is no move of its own).  A clause the agreement lacks (a pass added it) is
measured against the place the latest earlier pass on it gave it.  Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from contracttools.model import Agreement, Clause, Negotiation, Proposal, article_name, moved_words
from contracttools.negotiation.apply import applied, proposal_positions
from contracttools.negotiation.conform import agreed_language
from contracttools.negotiation.moments import Moment, before
from contracttools.negotiation.positions import Position, history


@dataclass(frozen=True)
class Place:
    """Where a clause stands in an agreement."""

    number: str
    """Its number (else its title, else its id): how a reader names it."""
    article: str
    """The article it sits in, e.g. "Article 3"; "" for an article itself."""
    parent: str | None
    """Its parent's id; None at the top level."""
    within: str
    """How a reader names its parent: "3.B", "Article 3", or "the agreement"."""
    siblings: tuple[str, ...]
    """The ids of its parent's clauses, in order, itself among them."""
    names: tuple[str, ...]
    """How a reader names each of them, in the same order."""


@dataclass(frozen=True)
class Move:
    """A clause placed elsewhere: its old and its new number and article."""

    clause: str
    old_number: str
    old_article: str
    new_number: str
    new_article: str
    after: str
    """How a reader names the clause it now follows; "" where it comes first."""
    within: str
    """How a reader names its new parent."""

    @property
    def words(self) -> str:
        """Return "moved from 3.B (Article 3) to 2.F (Article 2)" where its number or
        article changes, else "moved within Article 3, after 3.D"."""
        return self.said("moved")

    def said(self, verb: str) -> str:
        """Return `words` with another verb: "moves from 3.B (Article 3) to ..."."""
        return moved_words(
            (self.old_number, self.old_article),
            (self.new_number, self.new_article),
            self.after,
            self.within,
            verb,
        )

    def as_dict(self) -> dict[str, str]:
        """Return the move as JSON fields: `moved_from` and `moved_to` (number and
        article), `after` (the clause it now follows, "" where first) and `words`."""
        return {
            "moved_from": self.old_number,
            "moved_from_article": self.old_article,
            "moved_to": self.new_number,
            "moved_to_article": self.new_article,
            "after": self.after,
            "words": self.words,
        }


def _name(clause: Clause) -> str:
    return clause.number or clause.title or clause.id


def _article(top: Clause) -> str:
    return article_name(top.number, top.title) or top.id


def place(agreement: Agreement, clause: str) -> Place | None:
    """Return where a clause stands in an agreement, or None where it lacks the clause."""

    def visit(
        clauses: tuple[Clause, ...], parent: Clause | None, article: Clause | None
    ) -> Place | None:
        for found in clauses:
            top = article or found
            if found.id == clause:
                return Place(
                    number=_name(found),
                    article=_article(article) if article is not None else "",
                    parent=parent.id if parent is not None else None,
                    within=(
                        (_article(parent) if parent is article else _name(parent))
                        if parent is not None
                        else "the agreement"
                    ),
                    siblings=tuple(c.id for c in clauses),
                    names=tuple(_name(c) for c in clauses),
                )
            inside = visit(found.clauses, found, top)
            if inside is not None:
                return inside
        return None

    return visit(agreement.clauses, None, None)


def _follows(here: Place, clause: str, shared: set[str]) -> str | None:
    """Return the id of the sibling a clause follows, among `shared` ones."""
    before = here.siblings[: here.siblings.index(clause)]
    return next((c for c in reversed(before) if c in shared), None)


def move(before: Agreement, after: Agreement, clause: str) -> Move | None:
    """Return how a clause moved from `before` to `after`, or None where it did not (or
    either lacks it)."""
    old, new = place(before, clause), place(after, clause)
    if old is None or new is None:
        return None
    if old.parent == new.parent:
        shared = set(old.siblings) & set(new.siblings)
        if _follows(old, clause, shared) == _follows(new, clause, shared):
            return None
    index = new.siblings.index(clause)
    return Move(
        clause=clause,
        old_number=old.number,
        old_article=old.article,
        new_number=new.number,
        new_article=new.article,
        after=new.names[index - 1] if index else "",
        within=new.within,
    )


def pass_moves(
    negotiation: Negotiation,
    proposal: Proposal,
    earlier: Mapping[str, Position] | None = None,
) -> dict[str, Move]:
    """Return, by clause id, the clauses a pass moves: each where the agreement has it
    against where the pass's items, applied to the agreement, place it.

    A clause the agreement lacks is measured against the pass that last gave it language
    before this one (`earlier`: by clause id, that position, where the caller has it):
    where that pass's items, applied to the agreement, place it, against where this
    pass's items, applied on top, do (so a number this pass does not give is kept).
    """
    placing = [item.clause for item in proposal.items if item.after or item.parent]
    accepting = [item.clause for item in proposal.items if item.action == "accept"]
    if not placing and not accepting:
        return {}
    base = negotiation.agreement
    taken = proposal_positions(proposal, negotiation)
    proposed = applied(base, taken)
    if earlier is None and any(c not in base.by_id for c in placing + accepting):
        earlier = latest_language(history(negotiation, before(negotiation, proposal)))
    passes: dict[tuple[str, int], Agreement] = {}
    found: dict[str, Move] = {}
    for clause in placing + accepting:
        last = (earlier or {}).get(clause) if clause not in base.by_id else None
        if last is None:
            moved = move(base, proposed, clause)
        else:
            key = (last.proposal.party, last.proposal.number)
            if key not in passes:
                passes[key] = applied(base, proposal_positions(last.proposal, negotiation))
            moved = move(passes[key], applied(passes[key], taken), clause)
        if moved is not None:
            found[clause] = moved
    return found


def latest_language(taken: Iterable[Position]) -> dict[str, Position]:
    """Return, by clause id, the latest of the positions (in the order taken) that gives
    the clause language: where the clause last stood on the table."""
    return {p.clause: p for p in taken if p.language is not None}


def agreed_moves(
    negotiation: Negotiation, at: Moment, taken: list[Position] | None = None
) -> dict[str, Move]:
    """Return, by clause id, the clauses the TAs signed by `at` move: each where the
    agreement has it against where it stands once every TA is applied in the order
    signed (`taken`: every position taken by then, where the caller has it)."""
    taken = taken if taken is not None else list(history(negotiation, at))
    agreed = [
        found
        for ta in sorted(at.tentative_agreements, key=lambda t: t.date)
        if (found := agreed_language(negotiation, ta, taken)) is not None
    ]
    placing = [a.clause for a in agreed if a.after or a.parent]
    if not placing:
        return {}
    conformed = applied(negotiation.agreement, agreed)
    moves = {c: move(negotiation.agreement, conformed, c) for c in placing}
    return {c: m for c, m in moves.items() if m is not None}


@dataclass(frozen=True)
class Moves:
    """Every move of a negotiation at a moment: the passes' and the TAs'."""

    passes: dict[tuple[str, int], dict[str, Move]]
    """By pass (party, number), by clause id: what each pass moves."""
    agreed: dict[str, Move]
    """By clause id: what the TAs signed by then move."""

    def of(self, position: Position) -> Move | None:
        """Return where a position moves its clause, or None."""
        proposal = position.proposal
        return self.passes.get((proposal.party, proposal.number), {}).get(position.clause)


def moves(negotiation: Negotiation, at: Moment, taken: list[Position] | None = None) -> Moves:
    """Return every move of the passes and the TAs of a moment (`taken`: every position
    taken by then, where the caller has it)."""
    taken = taken if taken is not None else list(history(negotiation, at))
    by_pass: dict[tuple[str, int], list[Position]] = {}
    for position in taken:
        by_pass.setdefault((position.party, position.proposal.number), []).append(position)
    passes: dict[tuple[str, int], dict[str, Move]] = {}
    earlier: dict[str, Position] = {}
    for proposal in at.proposals:
        key = (proposal.party, proposal.number)
        passes[key] = pass_moves(negotiation, proposal, earlier)
        earlier.update(latest_language(by_pass.get(key, ())))
    return Moves(passes, agreed_moves(negotiation, at, taken))
