"""Word tables as the rows of a pipe table.

Cells inserted or deleted as tracked changes (`w:cellIns`, `w:cellDel`) belong to one
reading.  A cell spanning several grid columns (`w:gridSpan`) fills the first and leaves the rest
empty, and so does a cell merged into the one above (`w:vMerge`), so that every row has
as many cells as the grid.  A cell's paragraphs are joined into one line.  The rows
marked to repeat as the header (`w:tblHeader`) become the one header row; a table with
none has its first row as header.  Rows inserted or deleted as tracked changes belong to
one reading only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from contracttools.readers.word.package import W
from contracttools.readers.word.runs import _fill
from contracttools.readers.word.segments import text_of

if TYPE_CHECKING:
    from contracttools.readers.word.runs import ParagraphReader

Row = tuple[str, ...]
MAX_COLUMNS = 63
"""The most columns a Word table has; the grid of a table that declares none."""


@dataclass
class Table:
    """A table read both ways: each row's cells, whether it is a header row, and its mark."""

    original: list[tuple[Row, bool]] = field(default_factory=list)
    changed: list[tuple[Row, bool]] = field(default_factory=list)

    def irregular(self, which: str) -> bool:
        """Return whether a reading's rows differ in length (and were padded to the widest)."""
        rows = self.original if which == "original" else self.changed
        return len({len(row) for row, _ in rows}) > 1

    @property
    def header(self) -> int:
        return max(1, sum(1 for _, head in self.changed if head))

    def rows(self, which: str) -> tuple[Row, ...]:
        """Return a reading's rows, its header rows merged into the first."""
        rows = self.original if which == "original" else self.changed
        if not rows or not any(any(cell for cell in row) for row, _ in rows):
            return ()
        width = max(len(row) for row, _ in rows)
        padded = [(row + ("",) * (width - len(row)), head) for row, head in rows]
        heads = [row for row, head in padded if head]
        body = [row for row, head in padded if not head]
        if not heads:
            heads, body = [padded[0][0]], [row for row, _ in padded[1:]]
        header = tuple(
            " ".join(part for part in (row[i] for row in heads) if part) for i in range(width)
        )
        return (header, *body)


def read_table(element: Any, reader: ParagraphReader) -> Table:
    """Read a table's rows in both readings."""
    table = Table()
    styled = element.find(f"{W}tblPr/{W}tblStyle") is not None
    columns = len(element.findall(f"{W}tblGrid/{W}gridCol")) or MAX_COLUMNS
    for tr in element.iter(f"{W}tr"):
        if tr.getparent() is not element and tr.getparent().tag != f"{W}sdtContent":
            continue
        trpr = tr.find(f"{W}trPr")
        head = trpr is not None and trpr.find(f"{W}tblHeader") is not None
        mark = None
        if trpr is not None:
            if trpr.find(f"{W}ins") is not None:
                mark = "ins"
            elif trpr.find(f"{W}del") is not None:
                mark = "del"
        original: list[str] = []
        changed: list[str] = []
        for tc in tr.iter(f"{W}tc"):
            if tc.getparent() is not tr:
                continue
            tcpr = tc.find(f"{W}tcPr")
            span = 1
            merged = False
            if tcpr is not None:
                span = _span(tcpr, columns - min(len(original), len(changed)), reader)
                vmerge = tcpr.find(f"{W}vMerge")
                merged = vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue"
            fill = _fill(tcpr.find(f"{W}shd")) if tcpr is not None else None
            reader.cell_fill = fill or ("unknown" if styled else None)
            try:
                before, after = ("", "") if merged else _cell(tc, reader)
            finally:
                reader.cell_fill = None
            which = _cell_mark(tcpr)
            if which != "ins":
                original.extend([before, *[""] * (span - 1)])
            if which != "del":
                changed.extend([after, *[""] * (span - 1)])
        if mark != "ins":
            table.original.append((tuple(original), head))
        if mark != "del":
            table.changed.append((tuple(changed), head))
    return table


def _span(tcpr: Any, room: int, reader: ParagraphReader) -> int:
    """Return how many grid columns a cell spans, at most those left in the grid."""
    grid = tcpr.find(f"{W}gridSpan")
    value = grid.get(f"{W}val", "1") if grid is not None else "1"
    if not value.isdigit():
        return 1
    wanted = int(value[:7])
    span = max(1, min(wanted, room))
    if wanted > span:
        shown = value if len(value) <= 12 else value[:12] + "…"
        reader.remarks.append(
            f"a cell spans {shown} columns where the table's grid has {room} left: "
            f"read as spanning {span}"
        )
    return span


def _cell_mark(tcpr: Any | None) -> str | None:
    """Return 'ins' or 'del' for a cell inserted or deleted as a tracked change."""
    if tcpr is None:
        return None
    if tcpr.find(f"{W}cellIns") is not None:
        return "ins"
    if tcpr.find(f"{W}cellDel") is not None:
        return "del"
    return None


def _cell(tc: Any, reader: ParagraphReader) -> tuple[str, str]:
    original: list[str] = []
    changed: list[str] = []
    for p in tc.iter(f"{W}p"):
        paragraph = reader.read(p)
        original.append(text_of(paragraph.original))
        changed.append(text_of(paragraph.changed))
    return " ".join(t for t in original if t), " ".join(t for t in changed if t)
