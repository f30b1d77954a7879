"""Table redlines: rows paired by their key (the first cell) before likeness, cells marked
figure for figure."""

from __future__ import annotations

from collections.abc import Sequence
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


def diff_tables(a: Table | None, b: Table | None) -> TableChange:
    """Return a table's changes, rows aligned by content and cells diffed by word."""
    old_rows = a.rows if a else ()
    new_rows = b.rows if b else ()
    rows: list[RowChange] = []
    status: Status
    for old, new in _rows_by_key(old_rows, new_rows):
        rows.append(_row(old, new))
    if a is None:
        status = "inserted"
    elif b is None:
        status = "deleted"
    else:
        status = "equal" if all(r.status == "equal" for r in rows) else "modified"
    return TableChange(status, tuple(rows), a, b)


def _row(old: tuple[str, ...] | None, new: tuple[str, ...] | None) -> RowChange:
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


Row = tuple[str, ...]


def _key(row: Row) -> str:
    return " ".join(row[0].split()) if row else ""


def _rows_by_key(old: Sequence[Row], new: Sequence[Row]) -> list[tuple[Row | None, Row | None]]:
    """Pair rows by their key (the first cell: a range, a step, a classification) in order,
    then the rows between paired keys by content.

    Keys are used when every row on each side has a key of its own (none empty, none
    repeated); a row whose key is kept is then modified, never deleted and inserted, and
    a key found on one side only is a row added or removed.  Otherwise rows are aligned
    by content, as paragraphs are.
    """

    def whole(a: Sequence[Row], b: Sequence[Row]) -> list[tuple[Row | None, Row | None]]:
        return align(a, b, lambda r: r, lambda r: " ".join(r))

    keys_a, keys_b = [_key(r) for r in old], [_key(r) for r in new]
    if not (_distinct(keys_a) and _distinct(keys_b)):
        return whole(old, new)
    matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    pairs: list[tuple[Row | None, Row | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(old[i1:i2], new[j1:j2], strict=True))
        else:
            # Keys found on one side only: a row added or removed by key, unless a row
            # was only re-keyed in place (as many rows each side, mostly the same words).
            pairs.extend(whole(old[i1:i2], new[j1:j2]))
    return pairs


def _distinct(keys: list[str]) -> bool:
    return all(keys) and len(set(keys)) == len(keys)
