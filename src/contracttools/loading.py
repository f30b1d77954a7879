"""Files to a checked model: the readers parse each file, then the negotiation's rules
check how the files fit together (a proposal's items against the agreement it amends, a
negotiation's passes and TAs against each other).

Every command loads through here; `contracttools.readers` only parses.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from contracttools.model import Agreement, Negotiation, Proposal
from contracttools.negotiation.validate import validate, validate_items
from contracttools.problems import ContractFileError, Problem
from contracttools.readers.agreements import _agreement, load_agreement
from contracttools.readers.files import Loaded, _display, _document, _kind_of, find_negotiation
from contracttools.readers.negotiations import read_negotiation
from contracttools.readers.proposals import _proposal, read_proposal

__all__ = [
    "Loaded",
    "load",
    "load_agreement",
    "load_in_context",
    "load_negotiation",
    "load_proposal",
]


def _checked(problems: list[Problem]) -> None:
    if problems:
        raise ContractFileError(problems)


def load_negotiation(path: str | os.PathLike[str]) -> Negotiation:
    """Load a negotiation manifest and everything it names, checking it all."""
    negotiation = read_negotiation(path)
    _checked(validate(negotiation))
    return negotiation


def load_proposal(
    path: str | os.PathLike[str],
    agreement: Agreement | None = None,
    data: bytes | None = None,
    added_before: Iterable[str] = (),
) -> Proposal:
    """Load a proposal; standing alone (no `agreement` given), check it against the
    agreement it amends (and `added_before`, clauses earlier proposals add).  In a
    negotiation, `load_negotiation` checks how the files fit."""
    proposal = read_proposal(path, agreement, data)
    if agreement is None:
        _checked(_items_fit(proposal, added_before))
    return proposal


def _items_fit(proposal: Proposal, added_before: Iterable[str]) -> list[Problem]:
    if proposal.base is None:
        return []
    return validate_items(proposal, proposal.base, added_before)


def load(path: str | os.PathLike[str], data: bytes | None = None) -> Loaded:
    """Load any contract file by its `kind`; a folder means its negotiation.yaml.

    With `data`, the file's content is given (e.g. a version from git) and `path` only
    names it and anchors its relative paths.
    """
    return load_in_context(path, data)[0]


def load_in_context(
    path: str | os.PathLike[str], data: bytes | None = None
) -> tuple[Loaded, Negotiation | None]:
    """Load a file and the negotiation around it: a proposal is checked with the
    negotiation.yaml beside it, when that manifest lists it."""
    path = _display(path)
    if data is None and os.path.isdir(path):
        path = os.path.join(path, "negotiation.yaml")
    root = _document(path, data)
    kind = _kind_of(root, path)
    if kind == "agreement":
        return _agreement(root, path), None
    if kind == "negotiation":
        negotiation = load_negotiation(path)
        return negotiation, negotiation
    manifest = find_negotiation(path) if data is None else None
    if manifest is not None:
        negotiation = load_negotiation(manifest)
        for proposal in negotiation.proposals:
            if os.path.samefile(proposal.path, path):
                return proposal, negotiation
    proposal = _proposal(root, path)
    _checked(_items_fit(proposal, _added_beside(path) if data is None else ()))
    return proposal, None


def _added_beside(path: str) -> frozenset[str]:
    """Return the clauses the passes of a negotiation beside an unlisted proposal (the
    draft of the next pass) add, so that it may answer them; nothing where there is no
    such negotiation, or it does not load."""
    manifest = os.path.join(os.path.dirname(os.path.abspath(path)), "negotiation.yaml")
    if not os.path.isfile(manifest):
        return frozenset()
    try:
        negotiation = load_negotiation(manifest)
    except ContractFileError:
        return frozenset()
    return frozenset(
        item.clause
        for proposal in negotiation.proposals
        for item in proposal.items
        if item.action == "add" or (item.action == "concept" and (item.after or item.parent))
    )
