"""How a table fits the printed page: its type size, its page's orientation, its parts.

A table laid out wider than the text column is cut off at the page's edge, silently.  So
before layout each table of a clause is measured from its shape, the narrowest each column
can be (its longest unbreakable word in the stylesheet's fonts, plus the cell's padding),
and given the first of these that fits (docs/packets.md, "Wide tables"):

1. the page as it is, at the table's size (9.5 pt), then smaller, down to 8 pt;
2. a landscape page of its own, from 9.5 pt down to the floor, 7 pt;
3. split across landscape pages at 8 pt (7 pt if a part would not fit otherwise), the
   first column (the range, step or classification: the row's key) repeated in every part;
4. refused, naming the clause: a key column and one other that cannot share a landscape
   page at 7 pt (an unbreakable word over a page wide), or over MAX_COLUMNS columns.

The widths are DejaVu's (Serif and Sans, the wider of the two for each character; any
character not listed counts a full em), so the estimate errs wide.  After layout the PDF
writer checks every table against its page all the same (`writers/pdf.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from contracttools.redline.model import Span, TableChange

SIZE = 9.5
"""The table's type size in points (contracttools.css)."""
FLOOR = 7.0
"""The smallest type a table is set in, in points."""
SPLIT_SIZE = 8.0
"""The type size of a table split across pages, in points."""
PORTRAIT_FLOOR = 8.0
"""The smallest type a table keeps its page's orientation for, in points."""
MAX_COLUMNS = 100
"""The widest table printed, in parts.  Wider ones are refused: WeasyPrint's table layout
takes about 3 ms of CPU and 0.1 MB per column and row (a 5-row, 10,000-column table: over
a minute), and a hundred columns already make eight landscape parts."""
SIZES = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
"""The sizes tried, largest first; each has a class `size-NN` (tenths) in the stylesheets."""

PAGES = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
"""Paper sizes in points, portrait: width, height."""
MARGIN = 64.8
"""A page's left and right margin, in points (0.9 in, contracttools.css)."""
WIDE_MARGIN = 43.2
"""A landscape table page's left and right margin, in points (0.6 in: `@page wide`)."""
INDENT = 26.0
"""Room kept for a clause's indent by depth (at most 2.4 em of 10.5 pt) and the rules."""
PADDING = 5.0
"""A cell's left and right padding at the table's own size, in points."""
TIGHT_PADDING = 3.0
"""A cell's left and right padding once its table is set smaller (`size-NN`)."""
BORDER = 0.5
"""A cell's rule, in points."""

# Advance widths in hundredths of an em (rounded up), for the characters from space to
# tilde: the wider of DejaVu Serif and DejaVu Sans, regular and bold (read with fontTools).
_REGULAR = (
    "32,41,46,84,64,96,90,28,40,40,50,84,32,37,32,34,64,64,64,64,64,64,64,64,64,64,34,34,"
    "84,84,84,54,100,73,74,77,81,73,70,80,88,40,41,75,67,103,88,82,68,82,76,69,67,85,73,"
    "103,72,67,70,40,34,40,84,50,50,62,65,57,65,62,38,65,65,32,32,61,32,98,65,62,65,65,"
    "48,53,41,65,60,86,60,60,53,64,34,64,84"
)
_BOLD = (
    "35,46,53,84,70,101,91,31,48,48,53,84,38,42,38,37,70,70,70,70,70,70,70,70,70,70,40,"
    "40,84,84,84,59,100,78,85,80,87,77,71,86,95,47,48,87,71,111,92,88,76,88,84,73,75,88,"
    "78,113,78,73,73,48,37,48,84,50,50,68,72,61,72,68,44,72,73,38,37,70,38,106,73,69,72,"
    "72,53,60,48,73,66,93,65,66,59,72,37,72,84"
)
_WIDTHS = {
    weight: {chr(32 + n): int(w) / 100 for n, w in enumerate(table.split(","))}
    for weight, table in (("regular", _REGULAR), ("bold", _BOLD))
}
_CUE = 0.75 * 1.3
"""A printed cue ("[+", "+]", ...), in ems of the cell: 0.75 em of bold Sans."""


@dataclass(frozen=True)
class TableFit:
    """How one table is printed."""

    size: float
    """Its type size in points; SIZE is the stylesheet's own."""
    landscape: bool
    """On a landscape page of its own (`page: wide`)."""
    parts: tuple[tuple[int, ...], ...]
    """The columns of each part, in order; one part holding every column when unsplit."""
    columns: int
    """How many columns the table has."""
    unfit: str = ""
    """Why the table cannot be printed legibly; empty when it can."""

    @property
    def size_class(self) -> str:
        """The stylesheet's class for the type size, empty at the table's own size."""
        return "" if self.size == SIZE else f"size-{round(self.size * 10)}"

    @property
    def split(self) -> bool:
        """Whether the table is printed in several parts."""
        return len(self.parts) > 1


def em_width(text: str, bold: bool) -> float:
    """Return the width of `text` in ems (DejaVu's widths; one em for anything else)."""
    widths = _WIDTHS["bold" if bold else "regular"]
    return sum(widths.get(c, 1.0) for c in text)


def _words(spans: Sequence[Span], header: bool, brackets: bool) -> Iterable[float]:
    """Yield the width in ems of each unbreakable run of a cell's text.

    A run ends at white space, and between a deletion and an insertion (where the
    layout may break, as it does between their cues)."""
    run = 0.0
    previous = ""
    for span in spans:
        if span.op == "delete" and span.text.isspace():
            continue  # a deleted space is not shown
        changed = span.op in ("insert", "delete")
        if changed and previous and previous != span.op and previous != "equal":
            yield run
            run = 0.0
        bold = header or "strong" in span.emphasis
        pieces = span.display.replace("\n", " ").split(" ")
        for n, piece in enumerate(pieces):
            if n:
                yield run
                run = 0.0
            run += em_width(piece, bold)
        if changed and brackets:
            run += 2 * _CUE
        previous = span.op
    yield run


@dataclass(frozen=True)
class Page:
    """The room a table has on one paper, in points."""

    portrait: float
    landscape: float

    @classmethod
    def of(cls, paper: str) -> Page:
        """Return the room on `paper` ("letter" or "a4")."""
        width, height = PAGES.get(paper, PAGES["letter"])
        return cls(width - 2 * MARGIN - INDENT, height - 2 * WIDE_MARGIN - INDENT)


def column_ems(table: TableChange, brackets: bool = False) -> list[float]:
    """Return the narrowest each column of `table` can be, in ems of its type."""
    columns = max((len(row.cells) for row in table.rows), default=0)
    widest = [0.0] * columns
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            ems = max(_words(cell.spans, r == 0, brackets))
            if c == 0 and brackets and row.status in ("inserted", "deleted"):
                ems = max(ems, em_width("[+row]", True) * 0.75)
            widest[c] = max(widest[c], ems)
    return widest


def _width(ems: Iterable[float], size: float) -> float:
    padding = PADDING if size == SIZE else TIGHT_PADDING
    return sum(e * size + 2 * padding + BORDER for e in ems) + BORDER


def _parts(ems: Sequence[float], size: float, room: float) -> list[tuple[int, ...]] | None:
    """Return the columns after the first in parts that fit `room` with the first
    repeated, as even as they go; None if one column does not fit beside the first."""
    key = _width(ems[:1], size)
    parts: list[list[int]] = [[]]
    for c in range(1, len(ems)):
        if key + _width([ems[i] for i in [*parts[-1], c]], size) - BORDER > room:
            if not parts[-1]:
                return None
            parts.append([])
            if key + _width([ems[c]], size) - BORDER > room:
                return None
        parts[-1].append(c)
    # Even the parts out: as many columns in each, where they fit.
    count, rest = len(parts), list(range(1, len(ems)))
    each = -(-len(rest) // count)
    even = [rest[i : i + each] for i in range(0, len(rest), each)]
    if len(even) == count and all(key + _width([ems[i] for i in p], size) <= room for p in even):
        parts = even
    return [(0, *p) for p in parts]


def fit(table: TableChange, page: Page, brackets: bool = False) -> TableFit:
    """Return how `table` is printed on `page` (see the module's rule)."""
    columns = max((len(row.cells) for row in table.rows), default=0)
    if columns > MAX_COLUMNS:
        unfit = f"a table of {columns:,} columns; a PDF prints at most {MAX_COLUMNS}"
        return TableFit(SIZE, False, (tuple(range(columns)),), columns, unfit)
    ems = column_ems(table, brackets)
    every = (tuple(range(len(ems))),)
    for size in SIZES:
        if size >= PORTRAIT_FLOOR and _width(ems, size) <= page.portrait:
            return TableFit(size, False, every, len(ems))
    for size in SIZES:
        if _width(ems, size) <= page.landscape:
            return TableFit(size, True, every, len(ems))
    for size in (SPLIT_SIZE, FLOOR):
        parts = _parts(ems, size, page.landscape)
        if parts is not None:
            return TableFit(size, True, tuple(parts), len(ems))
    return TableFit(
        FLOOR,
        True,
        every,
        len(ems),
        unfit=(
            f"a table of {len(ems)} columns whose first column and one other do not fit "
            f"side by side on a landscape page at {FLOOR:g} pt"
        ),
    )


@dataclass(frozen=True)
class Fitter:
    """The `fit` helper the templates call on each table: on paper, `fit(block)`; on a
    screen (HTML, where a table scrolls), every table as it is."""

    paper: str = "letter"
    brackets: bool = False
    paged: bool = False

    def __call__(self, table: TableChange) -> TableFit:
        columns = max((len(row.cells) for row in table.rows), default=0)
        if not self.paged:
            return TableFit(SIZE, False, (tuple(range(columns)),), columns)
        return fit(table, Page.of(self.paper), self.brackets)

    def caption(self, table: TableChange, plan: TableFit, part: int) -> str:
        """Return the words naming part `part` (from 0) of a split table."""
        columns = plan.parts[part]
        heads = table.rows[0].cells if table.rows else ()

        def head(c: int) -> str:
            spans = heads[c].spans if c < len(heads) else ()
            text = "".join(s.display for s in spans if s.op != "delete").strip()
            return text or f"column {c + 1}"

        first, last = columns[1], columns[-1]
        shown = head(first) if first == last else f"{head(first)} to {head(last)}"
        return (
            f"Part {part + 1} of {len(plan.parts)}: {shown} (columns {first + 1} to "
            f"{last + 1} of {plan.columns}), each row led by its first column."
        )
