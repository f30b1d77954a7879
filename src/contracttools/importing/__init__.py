"""Documents as read (`contracttools.readers.source`) made into agreements and proposals.

Pure: pieces and models in, models and notes out.  Finding clauses is `tree`; ids, and
keeping an earlier version's ids, is `ids`; a document's changes as proposal items is
`proposal` (and `packet` for a packet this tool wrote).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from contracttools.errors import InputProblem
from contracttools.importing import packet
from contracttools.importing.contents import cross_check
from contracttools.importing.counter import counter_items
from contracttools.importing.ids import keep_ids, slug
from contracttools.importing.proposal import compare_readings
from contracttools.importing.tree import Built, build
from contracttools.model import Agreement, Proposal
from contracttools.readers.source import Note, Source
from contracttools.readers.word.record import PROPERTY, SentPacket, from_json


@dataclass(frozen=True)
class Imported:
    """What an import made, and what it was unsure of."""

    document: Agreement | Proposal
    notes: tuple[Note, ...]
    added_before: tuple[str, ...] = ()
    """Clauses the proposal names that an earlier proposal adds (the packet it answers)."""


def import_agreement(source: Source, agreement_id: str, like: Agreement | None = None) -> Imported:
    """Return the agreement a document holds (its text with every change made)."""
    built = build(source.changed, slug(agreement_id, 8) or "agreement", "", bool(source.title))
    title = source.title or _first_line(source, built) or agreement_id
    built = replace(built, agreement=replace(built.agreement, title=title))
    notes = [*source.notes, *built.notes]
    agreement = built.agreement
    if not agreement.clauses:
        raise InputProblem(source.path, "no text was found in the document")
    if source.contents is not None:
        notes.extend(cross_check(source.contents, agreement))
    if not any(c.id != "preamble" for c in agreement.clauses):
        notes.append(Note("document", "no clause headings were found: all the text is one clause"))
    if like is not None:
        agreement, kept = keep_ids(agreement, like)
        notes.append(
            Note(
                "document",
                f"{kept} of {len(agreement.by_id)} clauses kept their ids from {like.path or like.id}",
            )
        )
    return Imported(agreement, tuple(notes))


def _first_line(source: Source, built: Built) -> str:
    """Return the document's first paragraph when it reads as a title and is no heading."""
    from contracttools.readers.numbers import title_like

    first = next((p for p in source.changed if not p.is_table), None)
    headings = set(built.sources.values())
    if first is None or first.source in headings or not title_like(first.text):
        return ""
    return first.text


def import_proposal(
    source: Source,
    base: Agreement,
    party: str,
    number: int,
    passed_at: datetime,
    amends: str,
    marks: str = "tracked",
) -> Imported:
    """Return the proposal a document's changes make against `base`."""
    notes = list(source.notes)
    sent = _sent(source)
    added: tuple[str, ...] = ()
    if sent is not None and sent.party != party:
        answer = counter_items(source.original, source.changed, base, sent, notes)
        items, added = answer.items, answer.added
        if not items:
            raise InputProblem(
                source.path,
                f"every item of {sent.name}'s Proposal No. {sent.number} came back without "
                "change; nothing to propose",
            )
    elif packet.is_packet(source.changed) or packet.is_packet(source.original):
        items = packet.items(source.original, source.changed, base, notes)
    else:
        if not source.changes:
            what = "underlined or struck text" if marks == "underline-strike" else "tracked changes"
            if not source.path.lower().endswith(".docx"):
                what = "changes marked as [+inserted+] and [-deleted-] text"
            raise InputProblem(source.path, f"the document has no {what}; nothing to propose")
        titled = bool(source.title)
        original = build(source.original, base.id, base.title, titled)
        changed = build(source.changed, base.id, base.title, titled)
        notes.extend(changed.notes)
        outcome = compare_readings(original, changed, base, notes)
        if (
            marks == "underline-strike"
            and outcome.matched
            and outcome.differing * 2 > outcome.matched
        ):
            raise InputProblem(
                source.path,
                f"with underlined text taken out and struck text kept, {outcome.differing} of "
                f"{outcome.matched} clauses do not read as the agreement does: the underline and "
                "strikethrough here look like formatting, not changes (try --marks tracked)",
            )
        items = outcome.items
    if not items:
        raise InputProblem(
            source.path, f"no change in the document touches a clause of {base.path or base.id}"
        )
    proposal = Proposal(party, number, passed_at, amends, tuple(items), base=base)
    return Imported(proposal, tuple(notes), added)


def _sent(source: Source) -> SentPacket | None:
    """Return the record of the packet a document is, where it carries one."""
    for name, value in source.properties:
        if name == PROPERTY:
            return from_json(value)
    return None


__all__ = ["Imported", "import_agreement", "import_proposal"]
