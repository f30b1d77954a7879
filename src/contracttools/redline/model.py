"""The change model: what every writer renders.  Data only, no formatting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from contracttools.body import Paragraph, Table
from contracttools.model import Item
from contracttools.redline import tokens

Op = Literal["equal", "insert", "delete"]
PARAGRAPH_MARK = "\n"
"""In a paragraph's spans, the end of a paragraph: deleted where two paragraphs were
merged into one, inserted where one was split in two.  Folded paragraph text holds no
other line break."""


@dataclass(frozen=True)
class Span:
    """A run of text that is unchanged, inserted or deleted, with its emphasis."""

    op: Op
    text: str
    emphasis: tuple[str, ...] = ()
    """"em" and/or "strong": the text's emphasis (on the new side, for an equal span)."""
    old_emphasis: tuple[str, ...] | None = None
    """For an equal span whose emphasis changed (a formatting change): the old emphasis."""
    label: str = ""
    """What a change that cannot be seen is ("invisible character inserted: U+200B …",
    a Cyrillic letter for a Latin one); see `contracttools.characters`."""

    @property
    def display(self) -> str:
        """The text as outputs show it: a change with its format characters made visible
        and its label after it in brackets; unchanged text as it is."""
        if self.op == "equal":
            return self.text
        from contracttools.characters import visible

        return visible(self.text) + (f" [{self.label}]" if self.label else "")

    @property
    def restyled(self) -> bool:
        """Return whether the span is a change of emphasis alone."""
        return self.old_emphasis is not None

    @property
    def layout(self) -> bool:
        """Return whether the span is an insertion or deletion of white space alone.

        White space alone is not a change: outputs show such a span as the new text does
        (a deleted space not at all, an inserted one as plain text).
        """
        return self.op != "equal" and self.text.isspace() and PARAGRAPH_MARK not in self.text

    @property
    def marked(self) -> bool:
        """Return whether the span is a change a reader must see."""
        return self.restyled or (self.op != "equal" and not self.layout)


def shown(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Return spans as readers see them: white-space-only changes dropped or made equal."""
    if not any(s.layout for s in spans):
        return spans
    out: list[Span] = []
    for span in spans:
        if span.layout:
            if span.op == "delete":
                continue
            span = Span("equal", span.text, span.emphasis)
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.op == span.op == "equal"
            and not previous.restyled
            and not span.restyled
            and previous.emphasis == span.emphasis
        ):
            out[-1] = Span("equal", previous.text + span.text, span.emphasis)
            continue
        out.append(span)
    return tuple(out)


def changed(spans: tuple[Span, ...]) -> bool:
    """Return whether any span is a change a reader must see (not white space alone)."""
    return any(s.marked for s in spans)


def old_text(spans: tuple[Span, ...]) -> str:
    """Return the text before the change: equal and deleted spans."""
    return "".join(s.text for s in spans if s.op != "insert")


def new_text(spans: tuple[Span, ...]) -> str:
    """Return the text after the change: equal and inserted spans."""
    return "".join(s.text for s in spans if s.op != "delete")


def count_words(spans: tuple[Span, ...], op: Op) -> int:
    """Return how many words the spans of one kind hold."""
    return sum(tokens.count_words(s.text) for s in spans if s.op == op)


Status = Literal["equal", "modified", "inserted", "deleted"]


@dataclass(frozen=True)
class ParagraphChange:
    """A paragraph, before and after, as spans.

    Where paragraphs were merged or split, one side holds several paragraphs, their
    texts joined by PARAGRAPH_MARK (and `old` or `new` is that joined paragraph).
    """

    status: Status
    spans: tuple[Span, ...]
    old: Paragraph | None = None
    new: Paragraph | None = None
    type: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True)
class CellChange:
    """A table cell: inserted or deleted when the row gained or lost a column."""

    status: Status
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class RowChange:
    """A table row, cell by cell."""

    status: Status
    cells: tuple[CellChange, ...]
    moved_from: int | None = None
    """For the inserted half of a row moved elsewhere in the table (its key found out of
    order): its place in the old table, counting the header as 0."""
    moved_to: int | None = None
    """For the deleted half of a moved row, at its old place: its place in the new table.

    A moved row is shown twice, struck where it was and inserted where it is, so that
    dropping the inserted rows gives the old table and dropping the deleted the new, in
    order (as Reject All and Accept All do in Word)."""


@dataclass(frozen=True)
class TableChange:
    """A table, row by row."""

    status: Status
    rows: tuple[RowChange, ...]
    old: Table | None = None
    new: Table | None = None
    type: Literal["table"] = "table"

    @property
    def spans(self) -> tuple[Span, ...]:
        """Return every cell's spans in reading order."""
        return tuple(span for row in self.rows for cell in row.cells for span in cell.spans)


BlockChange = ParagraphChange | TableChange


@dataclass(frozen=True)
class ClauseRef:
    """How a clause is named on one side."""

    id: str
    number: str
    title: str


ClauseStatus = Literal["unchanged", "modified", "added", "deleted"]


@dataclass(frozen=True)
class ClauseChange:
    """One clause compared: its status, flags and block changes."""

    old: ClauseRef | None
    new: ClauseRef | None
    status: ClauseStatus
    blocks: tuple[BlockChange, ...]
    depth: int = 0
    moved: bool = False
    renumbered: bool = False
    retitled: bool = False
    title_spans: tuple[Span, ...] = ()
    action: str | None = None
    """The new side's proposal action, where the new side is a proposal."""
    old_action: str | None = None
    """The old side's proposal action, where the old side is a proposal."""
    item: Item | None = field(default=None, compare=False)
    """The new side's proposal item (old side's for a deleted one)."""
    carried: bool = False
    """The new side's position on the clause comes from an earlier pass, not restated."""
    reply: bool = False
    """A reply to a clause neither text has (the other side's new clause, rejected):
    listed among the changes, no part of either text."""
    against_id: bool = False
    """Paired by its text (or, for a container, its clauses) although the id of one side
    names another clause on the other side: a pair made against the ids."""
    within: tuple[ClauseRef, ...] = ()
    """The clauses it sits in, outermost first, on its newest side: its path."""
    was_within: tuple[ClauseRef, ...] = ()
    """For a clause on both sides: the clauses it sat in on its old side, outermost first
    (where a moved clause came from)."""
    follows: ClauseRef | None = None
    """For a moved clause: the sibling it comes after on its new side; None where it
    comes first among its siblings."""

    @property
    def ref(self) -> ClauseRef:
        """Return the newest name of the clause."""
        ref = self.new or self.old
        assert ref is not None
        return ref

    @property
    def changed(self) -> bool:
        """Return whether anything about the clause differs."""
        return (
            self.status != "unchanged"
            or self.moved
            or self.renumbered
            or self.retitled
            or self.action != self.old_action
            or self.against_id
        )

    def words(self, op: Op) -> int:
        """Return the words inserted or deleted in the body."""
        return sum(count_words(block.spans, op) for block in self.blocks)


@dataclass(frozen=True)
class Side:
    """What was compared on one side."""

    path: str
    kind: str
    title: str
    party: str | None = None
    number: int | None = None
    passed_at: str | None = None


@dataclass(frozen=True)
class Redline:
    """Two documents compared clause by clause, in the new document's reading order."""

    old: Side
    new: Side
    clauses: tuple[ClauseChange, ...]

    @property
    def changed(self) -> bool:
        return any(c.changed for c in self.clauses)

    def stats(self) -> Mapping[str, Mapping[str, int]]:
        """Return counts of clauses by status and flag, and of words."""
        counts = {
            "modified": 0,
            "added": 0,
            "deleted": 0,
            "moved": 0,
            "renumbered": 0,
            "unchanged": 0,
        }
        for clause in self.clauses:
            counts[clause.status] += 1
            counts["moved"] += clause.moved
            counts["renumbered"] += clause.renumbered
        words = {
            "inserted": sum(c.words("insert") for c in self.clauses),
            "deleted": sum(c.words("delete") for c in self.clauses),
        }
        return {"clauses": counts, "words": words}
