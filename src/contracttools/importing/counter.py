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

from contracttools.importing.headings import find_heading
from contracttools.importing.ids import IdMaker
from contracttools.importing.packet import (
    _ITEM,
    Section,
    _concept,
    _new,
    _number_and_title,
    _wording,
    items,
    sections,
)
from contracttools.importing.tree import escape, pipe_table
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
    typed, changed = _typed_clauses(original, changed)
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
    ids = IdMaker(set(base.by_id) | ours | {i.clause for i in found})
    for heading, number, title, text in typed:
        added_item = _new("add", number, title, text, base, ids)
        found.append(added_item)
        notes.append(
            Note(
                heading.where,
                f"{number} {title}: a clause they wrote in, added as {added_item.clause}",
            )
        )
    added = {i.clause for i in sent.items if i.clause not in base.by_id}
    named = tuple(dict.fromkeys(i.clause for i in found if i.clause in added))
    return Counter(found, named)


def _typed_clauses(
    original: tuple[Piece, ...], changed: tuple[Piece, ...]
) -> tuple[list[tuple[Piece, str, str, str]], tuple[Piece, ...]]:
    """Return the clauses they wrote into our items (a numbered heading and the paragraphs
    after it, all inserted by them) as (heading, number, title, language), and the changed
    reading without them.
    """
    ours = {p.source for p in original}
    typed: list[tuple[Piece, str, str, list[str]]] = []
    taken: set[int] = set()
    current: list[str] | None = None
    for piece in changed:
        if piece.source in ours or (not piece.is_table and _ITEM.match(piece.text)):
            current = None
            continue
        found = None if piece.is_table else find_heading(piece)
        if found is not None and found.number and (found.title or found.body):
            current = [escape(found.body)] if found.body else []
            typed.append((piece, found.number, found.title, current))
        elif current is not None:
            current.append(pipe_table(piece.rows) if piece.rows else escape(piece.text))
        else:
            continue
        taken.add(piece.source)
    clauses = [
        (piece, number, title, "\n\n".join(blocks) + "\n" if blocks else "(no text)\n")
        for piece, number, title, blocks in typed
    ]
    return clauses, tuple(p for p in changed if p.source not in taken)


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
