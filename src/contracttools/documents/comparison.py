"""What `diff` compares: each document as the agreement it stands for, then the engine.

- agreement with agreement: as they are;
- agreement with proposal: the agreement, and the agreement with the proposal's items
  applied (every action resolved to language: an accept is the language accepted);
- proposal with proposal: each party's whole position once its pass was made, what a
  pass leaves unrestated carried forward and labelled so, never shown as deleted.

Composes `negotiation` (what documents mean) and `redline` (how they differ), which
never import each other.  Pure: no files.
"""

from __future__ import annotations

from contracttools.model import Agreement, ClauseMark, Negotiation, Proposal
from contracttools.negotiation import apply, draft
from contracttools.redline import Redline
from contracttools.redline.compare import Match, compare, side

Document = Agreement | Proposal


def _stands_for(
    document: Document, negotiation: Negotiation | None, other: Document
) -> tuple[Agreement, dict[str, ClauseMark]]:
    if isinstance(document, Agreement):
        return document, {}
    if isinstance(other, Agreement):
        return apply(document, negotiation, base=other)
    return draft(document, negotiation)


def redline_documents(
    old: Document,
    new: Document,
    old_negotiation: Negotiation | None = None,
    new_negotiation: Negotiation | None = None,
    match: Match = "auto",
) -> Redline:
    """Return the redline of two documents, each read in its negotiation where it has one."""
    old_text, old_marks = _stands_for(old, old_negotiation, new)
    new_text, new_marks = _stands_for(new, new_negotiation, old)
    if isinstance(new, Agreement) and isinstance(old, Proposal):
        # A proposal against the agreement it amends, read the other way round.
        old_text, old_marks = apply(old, old_negotiation, base=new)
    return compare(old_text, new_text, old_marks, new_marks, side(old), side(new), match)
