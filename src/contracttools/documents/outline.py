"""The skeleton of an agreement: each clause's number and title, its depth and how many
clauses it holds, and the totals (what an import found, at a glance).

Pure: an agreement in, the outline out.
"""

from __future__ import annotations

from dataclasses import dataclass

from contracttools.model import Agreement, Clause


@dataclass(frozen=True)
class Node:
    """One clause of the outline."""

    id: str
    number: str
    title: str
    depth: int
    """0 for the clauses at the top level (articles)."""
    held: int
    """How many clauses it holds, at every level below it."""


@dataclass(frozen=True)
class Outline:
    """An agreement's clauses in reading order, and its totals."""

    title: str
    nodes: tuple[Node, ...]
    top: int
    """Clauses at the top level."""
    deepest: int
    """The depth of the deepest clause (0: every clause at the top level)."""
    tables: int
    """Tables in the clauses' text."""

    @property
    def clauses(self) -> int:
        return len(self.nodes)


def _held(clause: Clause) -> int:
    return sum(1 for _ in clause.walk()) - 1


def outline(agreement: Agreement) -> Outline:
    """Return the outline of `agreement`."""
    nodes = tuple(
        Node(clause.id, clause.number, clause.title, depth, _held(clause))
        for clause, depth in agreement.walk()
    )
    tables = sum(
        1 for clause, _ in agreement.walk() for block in clause.blocks if block.type == "table"
    )
    deepest = max((node.depth for node in nodes), default=0)
    return Outline(agreement.title, nodes, len(agreement.clauses), deepest, tables)


def lines(made: Outline, depth: int | None = None) -> list[str]:
    """Return the outline as text: a line a clause, indented two spaces a level (only the
    first `depth` levels when given), then a line of totals."""
    shown = []
    for node in made.nodes:
        if depth is not None and node.depth >= depth:
            continue
        name = " ".join(part for part in (node.number, node.title) if part) or f"({node.id})"
        shown.append(
            f"{'  ' * node.depth}{name}  [{_count(node.held, 'clause')}, depth {node.depth}]"
        )
    shown.append(
        f"{_count(made.clauses, 'clause')}, {made.top} at the top level, "
        f"deepest at depth {made.deepest}, {_count(made.tables, 'table')}"
    )
    return shown


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
