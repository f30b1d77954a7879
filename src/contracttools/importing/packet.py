"""A proposal packet (as `contracttools packet` writes it) read back into items.

Each item is a heading "Item N. NUMBER TITLE ACTION", a line saying what the item does,
and the clause's language, redlined.  The language in the changed reading is what the
packet proposes; reading it against the agreement gives the items back, and any tracked
changes another author made on top of it make them that author's counter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from contracttools.body import Table
from contracttools.importing.ids import IdMaker, key, slug
from contracttools.importing.tree import escape, pipe_table
from contracttools.model import ACTION_LABELS, Agreement, Clause, Item
from contracttools.readers.source import Note, Piece

_ACTIONS = {label: action for action, label in ACTION_LABELS.items()}
_ITEM = re.compile(rf"^Item (\d+)\. (.+?)\s+({'|'.join(map(re.escape, _ACTIONS))})$")
_AROUND = re.compile(
    r"^(?:(?:Amend|New|Delete|Accept|Status Quo|Reject|Withdraw|Concept)[;:] marked against |"
    r"Package “|No change is proposed|.* rejects the proposal on this clause|"
    r".* withdraws its earlier proposal|The changes in this document are |How to read the marks|"
    r"Internal note:|For .*: Initials|"
    r".+ accepts? .+(?:'s|') (?:proposal to (?:delete|add)|language on) .+\.$)"
)
_CONCEPT = "Concept (no language yet):"


@dataclass
class Section:
    """One item of a packet as read: its heading and its language in one reading."""

    index: int
    heading: str
    label: str
    where: str
    source: int = 0
    """The heading's place in the document (the same in both readings)."""
    blocks: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    """The texts of its paragraphs and table cells as read, unescaped."""


def is_packet(pieces: tuple[Piece, ...]) -> bool:
    """Return whether a document is a proposal packet (it has item headings)."""
    return any(not p.is_table and _ITEM.match(p.text) for p in pieces)


def sections(pieces: tuple[Piece, ...]) -> dict[int, Section]:
    """Return a reading's items by their number in the packet."""
    found: dict[int, Section] = {}
    current: Section | None = None
    for piece in pieces:
        match = _ITEM.match(piece.text) if not piece.is_table else None
        if match:
            current = Section(
                int(match.group(1)), match.group(2), match.group(3), piece.where, piece.source
            )
            found[current.index] = current
            continue
        if current is None:
            continue
        if piece.rows:
            if not any("Initials" in cell for row in piece.rows for cell in row):
                current.blocks.append(pipe_table(piece.rows))
                current.words.extend(cell for row in piece.rows for cell in row)
        elif not _AROUND.match(piece.text):
            current.blocks.append(escape(piece.text))
            current.words.append(piece.text)
    return found


def items(
    original: tuple[Piece, ...],
    changed: tuple[Piece, ...],
    base: Agreement,
    notes: list[Note],
    known: frozenset[int] = frozenset(),
    taken: frozenset[str] = frozenset(),
) -> list[Item]:
    """Return the items of a packet against the agreement it amends.

    Items whose heading stands at a place in `known` (read already) are left out; new
    clauses take ids that neither the agreement nor `taken` has.
    """
    before = {i: s for i, s in sections(original).items() if s.source not in known}
    after = {i: s for i, s in sections(changed).items() if s.source not in known}
    by_key = {key(c.number, c.title): c for c, _ in base.walk()}
    by_heading = {" ".join(f"{c.number} {c.title}".split()): c for c, _ in base.walk()}
    ids = IdMaker(set(base.by_id) | taken)
    found: list[Item] = []
    by_title: dict[str, list[Clause]] = {}
    for c, _ in base.walk():
        by_title.setdefault(key("", c.title)[1], []).append(c)
    for index in sorted(set(before) | set(after)):
        section = after.get(index) or before[index]
        action = _ACTIONS[section.label]
        blocks = after[index].blocks if index in after else []
        text = "\n\n".join(blocks) + "\n" if blocks else ""
        number, title = _number_and_title(section.heading)
        clause = by_heading.get(" ".join(section.heading.split())) or by_key.get(key(number, title))
        if action == "add" or (action == "concept" and clause is None):
            found.append(_new(action, number, title, text, base, ids))
            continue
        moved = False
        if clause is None and len(by_title.get(key("", title)[1], [])) == 1:
            clause, moved = by_title[key("", title)[1]][0], True
        if clause is None:
            notes.append(
                Note(
                    section.where,
                    f"item {index} ({section.label} '{section.heading}') names a clause that is "
                    "not in the agreement (one an earlier proposal adds?): left out; add it by "
                    "hand with that clause's id",
                )
            )
            continue
        if action == "amend" and index in before:
            was = Clause("", "", "", "\n\n".join(before[index].blocks))
            if _wording(was) != _wording(clause):
                notes.append(
                    Note(
                        section.where,
                        f"item {index}: the text before the changes differs from the "
                        f"agreement's {clause.number} {clause.title}",
                    )
                )
        if action == "amend" and text.strip():
            if moved:
                parent, follows = place(number, base)
                found.append(
                    Item(
                        clause.id,
                        "amend",
                        text,
                        number=number,
                        after=follows,
                        parent=parent.id if parent is not None and follows is None else None,
                    )
                )
            else:
                found.append(Item(clause.id, "amend", text))
        elif action == "concept":
            found.append(Item(clause.id, "concept", _concept(text)))
        else:
            found.append(Item(clause.id, action))
    return found


def _wording(clause: Clause) -> tuple[object, ...]:
    return tuple(b.rows if isinstance(b, Table) else b.text for b in clause.blocks)


def _concept(text: str) -> str:
    return text.strip().removeprefix(_CONCEPT).strip() + "\n"


def _number_and_title(heading: str) -> tuple[str, str]:
    words = heading.split()
    if len(words) > 1 and words[0].lower() in ("article", "section", "appendix", "schedule"):
        number, title = " ".join(words[:2]), " ".join(words[2:])
    else:
        number, title = words[0], " ".join(words[1:])
    if title.startswith("(") and title.endswith(")"):
        title = ""  # a clause without a title, named by the path it sits in
    return number, title


def _new(action: str, number: str, title: str, text: str, base: Agreement, ids: IdMaker) -> Item:
    parent, after = place(number, base)
    clause_id = ids.claim(
        f"{parent.id}.{slug(title) or slug(number)}" if parent else slug(title) or "clause"
    )
    if action == "concept":
        text = _concept(text)
    return Item(
        clause_id,
        "add" if action != "concept" else "concept",
        text,
        number=number,
        title=title,
        after=after,
        parent=parent.id if parent is not None and after is None else None,
    )


def place(number: str, base: Agreement) -> tuple[Clause | None, str | None]:
    """Return where a new clause numbered `number` goes: its parent, and the clause it follows."""
    prefix = re.split(r"[.\s]", number.strip())[0]
    best: tuple[Clause | None, str | None] = (None, base.clauses[-1].id if base.clauses else None)
    for clause, _ in base.walk():
        siblings = [c for c in clause.clauses if re.split(r"[.\s]", c.number.strip())[0] == prefix]
        if siblings and prefix:
            earlier = [c for c in siblings if _sort_key(c.number) < _sort_key(number)]
            return clause, (earlier[-1].id if earlier else None)
    return best


def _sort_key(number: str) -> tuple[tuple[int, str], ...]:
    parts = re.findall(r"[0-9]+|[A-Za-z]+", number)
    return tuple((int(p), "") if p.isdigit() else (0, p.lower()) for p in parts)
