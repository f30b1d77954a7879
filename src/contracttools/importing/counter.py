"""A packet returned by the other side, read as their counter to it.

The packet records what it sent (`contracttools.readers.word.record`): each item's clause id, action and
the key of the words it showed.  Each item of the returned document is read with every
change made and its words compared with what was sent:

- the same words: returned without change, left out of the counter (and reported);
- the whole item struck (heading and language): their rejection of it;
- its language struck and nothing put in its place: their rejection too;
- language that reads as the agreement does: status quo;
- other language: their counter on the same clause id (`amend`, for a clause our packet
  adds too), retitled where they changed the heading's title.

Items they wrote in of their own (a new "Item N." heading) are read as a packet's items
are: an `add` for a new clause, and so on.  Pure: pieces in, items and notes out.
"""

from __future__ import annotations

from dataclasses import dataclass

from contracttools.importing.packet import (
    Section,
    _concept,
    _number_and_title,
    _wording,
    items,
    sections,
)
from contracttools.model import Agreement, Clause, Item
from contracttools.readers.source import Note, Piece
from contracttools.readers.word.record import SentItem, SentPacket, words_key

_WITH_LANGUAGE = ("amend", "add", "status-quo", "accept")


@dataclass(frozen=True)
class Counter:
    """The other side's items, and the clauses our packet adds that they answer."""

    items: list[Item]
    added: tuple[str, ...]
    """Clauses the packet adds or puts as a concept (not in the agreement) that the counter
    names."""


def counter_items(
    original: tuple[Piece, ...],
    changed: tuple[Piece, ...],
    base: Agreement,
    sent: SentPacket,
    notes: list[Note],
) -> Counter:
    """Return the other side's counter to the packet `sent`, read from its returned copy."""
    before = sections(original)
    after = {s.source: s for s in sections(changed).values()}
    found: list[Item] = []
    unchanged: list[str] = []
    known: set[int] = set()
    for item in sent.items:
        was = before.get(item.index)
        if was is not None:
            known.add(was.source)
        now = after.get(was.source) if was is not None else None
        label = f"item {item.index} ({was.heading if was else item.clause})"
        answer = _answer(item, was, now, base)
        if answer is None:
            unchanged.append(label)
            continue
        found.append(answer)
        if answer.action == "reject" and now is None:
            notes.append(Note(was.where if was else "document", f"{label} was struck: rejected"))
    if unchanged:
        count = len(unchanged)
        notes.append(
            Note(
                "document",
                f"{count} item{'s' if count != 1 else ''} returned without change: left open "
                f"({'; '.join(unchanged)})",
            )
        )
    ours = {i.clause for i in sent.items}
    found.extend(items(original, changed, base, notes, frozenset(known), frozenset(ours)))
    added = {i.clause for i in sent.items if i.clause not in base.by_id}
    named = tuple(dict.fromkeys(i.clause for i in found if i.clause in added))
    return Counter(found, named)


def _answer(
    item: SentItem, was: Section | None, now: Section | None, base: Agreement
) -> Item | None:
    """Return their answer to one item of ours, or None where they left it as it was."""
    if now is None:
        return Item(item.clause, "reject") if was is not None else None
    words = [_concept(w) for w in now.words[:1]] + now.words[1:]
    if words_key(words if item.action == "concept" else now.words) == item.words:
        return None
    text = "\n\n".join(now.blocks) + "\n" if now.blocks else ""
    if item.action == "concept":
        return Item(item.clause, "concept", _concept(text))
    if not text.strip():
        if item.action in _WITH_LANGUAGE:
            return Item(item.clause, "reject")
        return None
    clause = base.by_id.get(item.clause)
    if clause is not None and _wording(Clause("", "", "", text)) == _wording(clause):
        return Item(item.clause, "status-quo")
    title = None
    if was is not None and now.heading != was.heading:
        old_title = _number_and_title(was.heading)[1]
        new_title = _number_and_title(now.heading)[1]
        title = new_title if new_title != old_title else None
    return Item(item.clause, "amend", text, title=title)


__all__ = ["Counter", "counter_items"]
