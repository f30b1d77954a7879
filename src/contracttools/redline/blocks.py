"""Block-level redlines: paragraphs and tables aligned before words are diffed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher
from typing import TypeVar

from contracttools.body import Block, Paragraph, Table
from contracttools.redline.model import (
    BlockChange,
    CellChange,
    ParagraphChange,
    RowChange,
    Span,
    Status,
    TableChange,
)
from contracttools.redline.words import diff_words

PAIR_THRESHOLD = 0.5
"""Two changed blocks (or rows) are redlined against each other when at least this
share of their words is common; otherwise one is shown deleted and the other inserted."""

_WORDS = re.compile(r"\w+")
T = TypeVar("T")


def similarity(a: str, b: str) -> float:
    """Return the share of words two texts have in common (0 to 1)."""
    wa, wb = Counter(_WORDS.findall(a.lower())), Counter(_WORDS.findall(b.lower()))
    total = sum(wa.values()) + sum(wb.values())
    if not total:
        return 1.0 if a.strip() == b.strip() else 0.0
    return 2 * sum((wa & wb).values()) / total


def align(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable], text: Callable[[T], str]
) -> list[tuple[T | None, T | None]]:
    """Pair equal items in order, then changed items that are similar enough.

    Returns (old, new) pairs in reading order; None marks an inserted or deleted item.
    """
    matcher = SequenceMatcher(None, [key(x) for x in old], [key(x) for x in new], autojunk=False)
    pairs: list[tuple[T | None, T | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(old[i1:i2], new[j1:j2], strict=True))
        else:
            similar: list[tuple[T | None, T | None]] = _pair_similar(old[i1:i2], new[j1:j2], text)
            pairs.extend(similar)
    return pairs


def _pair_similar(
    old: Sequence[T], new: Sequence[T], text: Callable[[T], str]
) -> list[tuple[T | None, T | None]]:
    """Pair changed items greedily in order, keeping both sequences' order."""
    pairs: list[tuple[T | None, T | None]] = []
    j = 0
    for item in old:
        best, best_score = None, PAIR_THRESHOLD
        for k in range(j, len(new)):
            score = similarity(text(item), text(new[k]))
            if score >= best_score and (best is None or score > best_score):
                best, best_score = k, score
        if best is None:
            pairs.append((item, None))
            continue
        pairs.extend((None, n) for n in new[j:best])
        pairs.append((item, new[best]))
        j = best + 1
    pairs.extend((None, n) for n in new[j:])
    return pairs


def _block_key(block: Block) -> Hashable:
    return (block.type, block.rows if isinstance(block, Table) else block.text)


def _same_kind(
    pairs: list[tuple[Block | None, Block | None]],
) -> list[tuple[Block | None, Block | None]]:
    """Split a pair of a paragraph and a table: they are never redlined against each other."""
    out: list[tuple[Block | None, Block | None]] = []
    for a, b in pairs:
        if a is not None and b is not None and a.type != b.type:
            out.extend([(a, None), (None, b)])
        else:
            out.append((a, b))
    return out


def diff_blocks(old: Sequence[Block], new: Sequence[Block]) -> tuple[BlockChange, ...]:
    """Return the block changes that turn one clause body into another."""
    changes: list[BlockChange] = []
    for a, b in _same_kind(align(old, new, _block_key, lambda x: x.text)):
        if isinstance(a, Table) or isinstance(b, Table):
            assert not isinstance(a, Paragraph) and not isinstance(b, Paragraph)
            changes.append(diff_tables(a, b))
        else:
            assert not isinstance(a, Table) and not isinstance(b, Table)
            changes.append(_paragraph(a, b))
    return tuple(changes)


def unchanged(block: Block) -> BlockChange:
    """Return a block that did not change, as a change."""
    if isinstance(block, Paragraph):
        return ParagraphChange("equal", (Span("equal", block.text),), block, block)
    rows = tuple(RowChange("equal", tuple(_cell(c, c) for c in r)) for r in block.rows)
    return TableChange("equal", rows, block, block)


def _paragraph(a: Paragraph | None, b: Paragraph | None) -> ParagraphChange:
    if a is None:
        assert b is not None
        return ParagraphChange("inserted", (Span("insert", b.text),), None, b)
    if b is None:
        return ParagraphChange("deleted", (Span("delete", a.text),), a, None)
    if a.text == b.text:
        return ParagraphChange("equal", (Span("equal", a.text),), a, b)
    return ParagraphChange("modified", diff_words(a.text, b.text), a, b)


def diff_tables(a: Table | None, b: Table | None) -> TableChange:
    """Return a table's changes, rows aligned by content and cells diffed by word."""
    old_rows = a.rows if a else ()
    new_rows = b.rows if b else ()
    rows: list[RowChange] = []
    status: Status
    for old, new in align(old_rows, new_rows, lambda r: r, lambda r: " ".join(r)):
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
        return RowChange("inserted", tuple(_cell(None, c) for c in new))
    if new is None:
        return RowChange("deleted", tuple(_cell(c, None) for c in old))
    width = max(len(old), len(new))
    cells = tuple(
        _cell(old[i] if i < len(old) else None, new[i] if i < len(new) else None)
        for i in range(width)
    )
    return RowChange("equal" if old == new else "modified", cells)


def _cell(old: str | None, new: str | None) -> CellChange:
    if old is None:
        return CellChange("inserted", (Span("insert", new),) if new else ())
    if new is None:
        return CellChange("deleted", (Span("delete", old),) if old else ())
    return CellChange("equal" if old == new else "modified", diff_words(old, new))
