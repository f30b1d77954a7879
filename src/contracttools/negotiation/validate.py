"""Checks that span files: clause references, the order of passes, parties, TAs.

Run on the model's stored locations, so that every reader (YAML, Word) gets the same
`path:line:column` problems.  Readers check each file on its own; this checks how the
files fit together.
"""

from __future__ import annotations

from collections.abc import Iterable

from contracttools.model import Agreement, Item, Negotiation, Proposal, TentativeAgreement
from contracttools.problems import Location, Problem, did_you_mean

PLACES_NEW = ("add",)
"""Actions that bring a clause the agreement lacks."""


def _at(thing: Item | Proposal | TentativeAgreement, key: str, fallback: Location) -> Location:
    spot = thing.spots.get(key)
    if spot is not None:
        return spot
    at = getattr(thing, "at", None)
    return at if isinstance(at, Location) else fallback


def _new(item: Item) -> bool:
    return item.action == "add" or (item.action == "concept" and bool(item.after or item.parent))


def validate_items(
    proposal: Proposal, agreement: Agreement, added_before: Iterable[str] = ()
) -> list[Problem]:
    """Return the problems with the clauses a proposal's items name.

    `added_before` are the clauses earlier passes of the negotiation add.
    """
    problems = []
    here = Location(proposal.path)
    existing = set(agreement.by_id)
    added = set(added_before)
    for item in proposal.items:
        context = f"item '{item.clause}': "
        where = _at(item, "clause", here)
        if _new(item):
            if item.clause in existing:
                problems.append(
                    Problem(
                        where,
                        f"{context}new clause '{item.clause}' is already in the agreement; use 'amend'",
                    )
                )
            added.add(item.clause)
        elif item.clause not in existing | added:
            known = existing | added
            problems.append(
                Problem(
                    where,
                    f"{context}unknown clause '{item.clause}'{did_you_mean(item.clause, known)}",
                )
            )
        for key in ("after", "parent"):
            ref = getattr(item, key)
            if ref is not None and ref not in existing | added:
                problems.append(
                    Problem(
                        _at(item, key, here),
                        f"{context}'{key}' names unknown clause '{ref}'{did_you_mean(ref, existing | added)}",
                    )
                )
            elif ref is not None and ref in _inside(agreement, item.clause):
                problems.append(
                    Problem(
                        _at(item, key, here),
                        f"{context}'{key}' names "
                        + (
                            "the clause itself"
                            if ref == item.clause
                            else f"'{ref}', a clause inside it"
                        )
                        + ": a clause cannot be placed within itself",
                    )
                )
    return problems


def _inside(agreement: Agreement, clause_id: str) -> set[str]:
    """Return the ids of a clause and every clause it holds (empty for a clause the
    agreement lacks)."""
    clause = agreement.by_id.get(clause_id)
    return set() if clause is None else {c.id for c, _ in clause.walk()}


def validate(negotiation: Negotiation) -> list[Problem]:
    """Return every problem with how a negotiation's files fit together."""
    problems: list[Problem] = []
    manifest = Location(negotiation.path)
    agreement = negotiation.agreement
    added: set[str] = set()
    numbers: dict[tuple[str, int], Location] = {}
    previous: Proposal | None = None
    keys = tuple(negotiation.parties)
    for index, proposal in enumerate(negotiation.proposals):
        entry = negotiation.spots.get(f"proposals.{index}", manifest)
        if proposal.party not in negotiation.parties:
            problems.append(
                Problem(
                    _at(proposal, "party", Location(proposal.path)),
                    f"unknown party '{proposal.party}' (the negotiation's parties: {', '.join(keys)}){did_you_mean(proposal.party, keys)}",
                )
            )
        problems.extend(validate_items(proposal, agreement, added))
        added.update(i.clause for i in proposal.items if _new(i))
        key = (proposal.party, proposal.number)
        if key in numbers:
            problems.append(
                Problem(
                    entry, f"{proposal.label} is listed twice (also at line {numbers[key].line})"
                )
            )
        numbers[key] = entry
        if previous is not None and proposal.passed_at < previous.passed_at:
            problems.append(
                Problem(
                    entry,
                    f"proposals must be listed in the order passed: '{_name(proposal)}' was passed before '{_name(previous)}'",
                )
            )
        previous = proposal
    known = set(agreement.by_id) | added
    for ta in negotiation.tentative_agreements:
        problems.extend(_tentative(negotiation, ta, known))
    return problems


def _name(proposal: Proposal) -> str:
    return proposal.path.replace("\\", "/").rsplit("/", 1)[-1]


def _tentative(negotiation: Negotiation, ta: TentativeAgreement, known: set[str]) -> list[Problem]:
    problems = []
    here = ta.at or Location(negotiation.path)
    context = f"tentative agreement '{ta.clause}': "
    if ta.clause not in known and ta.text is None:
        return [
            Problem(
                _at(ta, "clause", here),
                f"{context}unknown clause '{ta.clause}'{did_you_mean(ta.clause, known)}",
            )
        ]
    if ta.text is None and ta.party is None:
        problems.append(
            Problem(
                here,
                f"{context}give the agreed language as 'text', or name whose it was with 'party' (and 'proposal')",
            )
        )
    if ta.proposal is not None and ta.party is None:
        problems.append(
            Problem(
                _at(ta, "proposal", here), f"{context}'proposal' needs 'party' (whose proposal)"
            )
        )
    if ta.party is not None and ta.proposal is not None:
        source = next(
            (p for p in negotiation.proposals if p.party == ta.party and p.number == ta.proposal),
            None,
        )
        where = _at(ta, "proposal", here)
        if source is None:
            problems.append(
                Problem(
                    where, f"{context}no proposal {ta.party} #{ta.proposal} in this negotiation"
                )
            )
        elif not any(item.clause == ta.clause for item in source.items):
            problems.append(
                Problem(
                    where,
                    f"{context}{ta.party} #{ta.proposal} has no item for clause '{ta.clause}'",
                )
            )
        elif source.passed_at.date() > ta.date:
            problems.append(
                Problem(
                    _at(ta, "date", here),
                    f"{context}signed {ta.date.isoformat()}, before {source.label} was passed ({source.passed_at.date().isoformat()})",
                )
            )
    if ta.clause not in negotiation.agreement.by_id and ta.clause not in known:
        missing = [k for k in ("number", "title") if getattr(ta, k) is None]
        if ta.after is None and ta.parent is None:
            missing.append("'after' or 'parent'")
        if missing:
            problems.append(
                Problem(
                    here,
                    f"{context}a new clause agreed with its own text needs {', '.join(missing)}",
                )
            )
    return problems
