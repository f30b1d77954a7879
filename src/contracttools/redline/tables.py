"""Table redlines: rows paired by their key (a range, a step, a class) before likeness,
cells marked figure for figure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from contracttools.body import Table
from contracttools.redline.model import (
    CellChange,
    RowChange,
    Span,
    Status,
    TableChange,
    changed,
)
from contracttools.redline.similar import align
from contracttools.redline.words import diff_words

Row = tuple[str, ...]
Pairs = list[tuple[Row | None, Row | None]]

KEY_HEADINGS = re.compile(r"\b(range|step|grade|classification|class|level)\b", re.IGNORECASE)
"""A header cell naming a key column: each row's place on a schedule."""


def diff_tables(a: Table | None, b: Table | None) -> TableChange:
    """Return a table's changes, rows paired by key (or content) and cells diffed by word."""
    old_rows = a.rows if a else ()
    new_rows = b.rows if b else ()
    rows: list[RowChange] = []
    status: Status
    old_place = {id(row): index for index, row in enumerate(old_rows)}
    new_place = {id(row): index for index, row in enumerate(new_rows)}
    for old, new, other in _rows_by_key(old_rows, new_rows):  # other: a moved row's half
        row = _row(old, new)
        if other is not None and old is not None:
            row = replace(row, moved_to=new_place[id(other)])
        elif other is not None:
            row = replace(row, moved_from=old_place[id(other)])
        rows.append(row)
    if a is None:
        status = "inserted"
    elif b is None:
        status = "deleted"
    else:
        same = all(r.status == "equal" for r in rows)
        status = "equal" if same else "modified"
    return TableChange(status, tuple(rows), a, b)


def _row(old: Row | None, new: Row | None) -> RowChange:
    if old is None:
        assert new is not None
        return RowChange("inserted", tuple(diff_cell(None, c) for c in new))
    if new is None:
        return RowChange("deleted", tuple(diff_cell(c, None) for c in old))
    width = max(len(old), len(new))
    cells = tuple(
        diff_cell(old[i] if i < len(old) else None, new[i] if i < len(new) else None)
        for i in range(width)
    )
    same = len(old) == len(new) and all(c.status == "equal" for c in cells)
    return RowChange("equal" if same else "modified", cells)


def diff_cell(old: str | None, new: str | None) -> CellChange:
    """Return one cell's change: inserted, deleted, or its words diffed."""
    if old is None:
        return CellChange("inserted", (Span("insert", new),) if new else ())
    if new is None:
        return CellChange("deleted", (Span("delete", old),) if old else ())
    spans = diff_words(old, new)
    return CellChange("modified" if changed(spans) else "equal", spans)


def key_column(old: Sequence[Row], new: Sequence[Row]) -> int | None:
    """Return the column whose cells key the rows, or None where no column can.

    The leftmost column headed like a key (range, step, grade, classification, class,
    level) on both sides, else the first column; a key column's cells are none empty and
    none repeated on each side.
    """
    width = min((len(r) for r in (*old, *new)), default=0)
    if not width:
        return None
    headers = [rows[0] for rows in (old, new) if rows]
    named = [i for i in range(width) if all(KEY_HEADINGS.search(h[i]) for h in headers)]
    for column in (*named, 0):
        if _distinct([_key(r, column) for r in old]) and _distinct([_key(r, column) for r in new]):
            return column
    return None


def _key(row: Row, column: int) -> str:
    return " ".join(row[column].split())


def _whole(a: Sequence[Row], b: Sequence[Row]) -> Pairs:
    return align(a, b, lambda r: r, lambda r: " ".join(r))


Paired = tuple[Row | None, Row | None, Row | None]
"""An old row, a new row, and for half of a moved row the row on the other side."""


def _rows_by_key(old: Sequence[Row], new: Sequence[Row]) -> list[Paired]:
    """Pair rows by their key in order, then the rows between by content; a key found out
    of order is a row moved, given as its deleted half at its old place and its inserted
    half at its new, each naming the other.

    A row whose key is kept in order is modified, never deleted and inserted; a key found
    on one side only is a row added or removed, unless the row was only re-keyed in place
    (as many rows each side, mostly the same words).  Without a key column, rows are
    aligned by content, as paragraphs are.  Both sides keep their order, so dropping the
    inserted rows gives the old table and dropping the deleted ones the new.
    """
    column = key_column(old, new)
    if column is None:
        return [(a, b, None) for a, b in _whole(old, new)]
    keys_a, keys_b = [_key(r, column) for r in old], [_key(r, column) for r in new]
    opcodes = SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes()
    loose_a = {keys_a[i] for tag, i1, i2, _, _ in opcodes if tag != "equal" for i in range(i1, i2)}
    loose_b = {keys_b[j] for tag, _, _, j1, j2 in opcodes if tag != "equal" for j in range(j1, j2)}
    moved = loose_a & loose_b
    old_by_key = dict(zip(keys_a, old, strict=True))
    new_by_key = dict(zip(keys_b, new, strict=True))
    pairs: list[Paired] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            pairs.extend((a, b, None) for a, b in zip(old[i1:i2], new[j1:j2], strict=True))
            continue
        # Each side's run, cut at its moved rows: the pieces between pair by content, and
        # the moved halves come between them, so both sides keep their order.
        lefts = _cut(old[i1:i2], keys_a[i1:i2], moved)
        rights = _cut(new[j1:j2], keys_b[j1:j2], moved)
        for index in range(max(len(lefts), len(rights))):
            left, gone = lefts[index] if index < len(lefts) else ([], None)
            right, come = rights[index] if index < len(rights) else ([], None)
            pairs.extend((a, b, None) for a, b in _whole(left, right))
            if gone is not None:
                pairs.append((gone, None, new_by_key[_key(gone, column)]))
            if come is not None:
                pairs.append((None, come, old_by_key[_key(come, column)]))
    return pairs


def _cut(
    rows: Sequence[Row], keys: Sequence[str], moved: set[str]
) -> list[tuple[list[Row], Row | None]]:
    """Cut a run of rows at its moved rows: each piece, then the moved row after it."""
    pieces: list[tuple[list[Row], Row | None]] = []
    piece: list[Row] = []
    for row, key in zip(rows, keys, strict=True):
        if key in moved:
            pieces.append((piece, row))
            piece = []
        else:
            piece.append(row)
    pieces.append((piece, None))
    return pieces


def _distinct(keys: list[str]) -> bool:
    return all(keys) and len(set(keys)) == len(keys)
