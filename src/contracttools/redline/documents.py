"""Turn agreements and proposals into the clause entries the aligner compares.

- An agreement is its clauses in reading order.
- A proposal compared with an agreement is that agreement with the proposal's items
  applied: amended text, added clauses in their place, deleted clauses gone, and the
  other actions (status quo, withdraw, accept, reject, concept) as labels.
- A proposal compared with a proposal is each one's items, a clause an item, carrying
  the language the item puts on the table (status quo: the current language).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from contracttools.body import parse_body
from contracttools.model import Agreement, Clause, Item, Proposal
from contracttools.redline.align import Entry


@dataclass
class _Node:
    id: str
    number: str
    title: str
    text: str
    children: list[_Node] = field(default_factory=list)
    action: str | None = None
    item: Item | None = None

    @classmethod
    def of(cls, clause: Clause) -> _Node:
        return cls(
            clause.id, clause.number, clause.title, clause.text, [cls.of(c) for c in clause.clauses]
        )


def agreement_entries(agreement: Agreement) -> list[Entry]:
    """Return an agreement's clauses in reading order."""
    return _flatten([_Node.of(c) for c in agreement.clauses])


def applied_entries(proposal: Proposal, agreement: Agreement) -> tuple[list[Entry], list[Entry]]:
    """Return (the agreement, the agreement with the proposal's items applied).

    An item on a clause the agreement lacks and that it does not place (a reply to a
    clause another pass proposed) is kept as a labelled clause on both sides.
    """
    roots = [_Node.of(c) for c in agreement.clauses]
    base = [_Node.of(c) for c in agreement.clauses]
    base_index = {n.id: n for n in _walk(base)}
    index: dict[str, tuple[_Node, list[_Node]]] = {}

    def register(nodes: list[_Node]) -> None:
        for node in nodes:
            index[node.id] = (node, nodes)
            register(node.children)

    register(roots)
    for item in proposal.items:
        found = index.get(item.clause)
        if item.action == "add" or (found is None and (item.after or item.parent)):
            language = item.text or "" if item.action == "add" else ""  # a concept has none
            node = _Node(item.clause, item.number or "", item.title or "", language)
            node.action, node.item = item.action, item
            _place(node, item, index, roots)
            index[node.id] = (node, _siblings_of(node, index, roots))
            continue
        if found is None:
            node = _Node(
                item.clause, item.number or "", item.title or "", "", [], item.action, item
            )
            roots.append(node)
            base.append(_Node(item.clause, node.number, node.title, ""))
            continue
        node, siblings = found
        node.action, node.item = item.action, item
        if item.action == "delete":
            siblings.remove(node)
            del index[node.id]
            base_index[node.id].action, base_index[node.id].item = item.action, item
        elif item.action == "amend":
            node.text = item.text or ""
            node.number = item.number or node.number
            node.title = item.title or node.title
            if item.after or item.parent:
                siblings.remove(node)
                _place(node, item, index, roots)
                index[node.id] = (node, _siblings_of(node, index, roots))
    return _flatten(base), _flatten(roots)


def _walk(nodes: list[_Node]) -> list[_Node]:
    return [x for n in nodes for x in (n, *_walk(n.children))]


def _place(
    node: _Node, item: Item, index: dict[str, tuple[_Node, list[_Node]]], roots: list[_Node]
) -> None:
    if item.after and item.after in index:
        anchor, siblings = index[item.after]
        siblings.insert(siblings.index(anchor) + 1, node)
    elif item.parent and item.parent in index:
        index[item.parent][0].children.append(node)
    else:
        roots.append(node)


def _siblings_of(
    node: _Node, index: dict[str, tuple[_Node, list[_Node]]], roots: list[_Node]
) -> list[_Node]:
    if node in roots:
        return roots
    for parent, _ in index.values():
        if any(child is node for child in parent.children):
            return parent.children
    return roots


CURRENT_LANGUAGE = ("status-quo", "reject", "withdraw")
"""Actions that leave the agreement's current language standing."""


def item_entries(proposal: Proposal, agreement: Agreement | None) -> list[Entry]:
    """Return a proposal's items as clauses, each with the language it puts on the table.

    amend and add: the item's text; status quo, reject and withdraw: the current
    language; delete and concept: none; accept: the other side's language, which
    the caller fills in (see `accept_language`).
    """
    current = agreement.by_id if agreement is not None else {}
    entries = []
    for item in proposal.items:
        clause = current.get(item.clause)
        if item.action in ("amend", "add"):
            text, blocks = item.text or "", item.blocks
        elif item.action in CURRENT_LANGUAGE and clause is not None:
            text, blocks = clause.text, clause.blocks
        else:
            text, blocks = "", ()
        entries.append(
            Entry(
                id=item.clause,
                number=item.number or (clause.number if clause else ""),
                title=item.title or (clause.title if clause else ""),
                text=text,
                blocks=blocks,
                depth=0,
                parent=None,
                action=item.action,
                item=item,
            )
        )
    return entries


def accept_language(entries: list[Entry], other: list[Entry]) -> list[Entry]:
    """Give each accept item the language of the other side's item on that clause."""
    theirs = {e.id: e for e in other}
    out = []
    for entry in entries:
        source = theirs.get(entry.id)
        if entry.action == "accept" and source is not None:
            entry = Entry(
                entry.id,
                entry.number or source.number,
                entry.title or source.title,
                source.text,
                source.blocks,
                entry.depth,
                entry.parent,
                entry.action,
                entry.item,
            )
        out.append(entry)
    return out


def _flatten(nodes: list[_Node], depth: int = 0, parent: str | None = None) -> list[Entry]:
    out: list[Entry] = []
    for node in nodes:
        out.append(
            Entry(
                id=node.id,
                number=node.number,
                title=node.title,
                text=node.text,
                blocks=parse_body(node.text),
                depth=depth,
                parent=parent,
                action=node.action,
                item=node.item,
            )
        )
        out.extend(_flatten(node.children, depth + 1, node.id))
    return out
