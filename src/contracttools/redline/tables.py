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
    place = {id(row): index for index, row in enumerate(old_rows)}
    for old, new, moved in _rows_by_key(old_rows, new_rows):
        row = _row(old, new)
        rows.append(replace(row, moved_from=place[id(old)]) if moved and old else row)
    if a is None:
        status = "inserted"
    elif b is None:
        status = "deleted"
    else:
        same = all(r.status == "equal" and r.moved_from is None for r in rows)
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


def _rows_by_key(
    old: Sequence[Row], new: Sequence[Row]
) -> list[tuple[Row | None, Row | None, bool]]:
    """Pair rows by their key in order, then keys found out of order (a row moved), then
    the rows between by content; each pair says whether it was moved.

    A row whose key is kept is modified, never deleted and inserted; a key found on one
    side only is a row added or removed, unless the row was only re-keyed in place (as many
    rows each side, mostly the same words).  Without a key column, rows are aligned by
    content, as paragraphs are.
    """
    column = key_column(old, new)
    if column is None:
        return [(a, b, False) for a, b in _whole(old, new)]
    keys_a, keys_b = [_key(r, column) for r in old], [_key(r, column) for r in new]
    opcodes = SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes()
    loose_a = {keys_a[i] for tag, i1, i2, _, _ in opcodes if tag != "equal" for i in range(i1, i2)}
    loose_b = {keys_b[j] for tag, _, _, j1, j2 in opcodes if tag != "equal" for j in range(j1, j2)}
    moved = loose_a & loose_b
    by_key = {k: r for k, r in zip(keys_a, old, strict=True)}
    pairs: list[tuple[Row | None, Row | None, bool]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            pairs.extend((a, b, False) for a, b in zip(old[i1:i2], new[j1:j2], strict=True))
            continue
        left = [r for r, k in zip(old[i1:i2], keys_a[i1:i2], strict=True) if k not in moved]
        segment: list[Row] = []
        for row, key in zip(new[j1:j2], keys_b[j1:j2], strict=True):
            if key not in moved:
                segment.append(row)
                continue
            pairs.extend((a, b, False) for a, b in _whole(left, segment))
            left, segment = [], []
            pairs.append((by_key[key], row, True))
        pairs.extend((a, b, False) for a, b in _whole(left, segment))
    return pairs


def _distinct(keys: list[str]) -> bool:
    return all(keys) and len(set(keys)) == len(keys)
