"""Block-level redlines: paragraphs and tables aligned before words are diffed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Any, TypeVar

from contracttools.body import Block, Mark, Paragraph, Table
from contracttools.redline.model import (
    PARAGRAPH_MARK,
    BlockChange,
    CellChange,
    ParagraphChange,
    RowChange,
    Span,
    Status,
    TableChange,
    changed,
    count_words,
)
from contracttools.redline.tokens import count_words as words_in
from contracttools.redline.words import diff_words

PAIR_THRESHOLD = 0.5
"""Two changed blocks (or rows) are redlined against each other when at least this
share of their words is common; otherwise one is shown deleted and the other inserted."""
IN_PLACE_THRESHOLD = 0.25
"""Changed blocks that stand in the same place (as many changed blocks on each side between
the same unchanged neighbours, paired in order) are redlined against each other when the
word diff keeps at least this share of the longer one's words: "twenty-four (24) hours"
to "forty-eight (48) hours" is marked word by word, two unrelated paragraphs are not."""

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

    Changed items left unpaired that stand in the same place are then paired in order
    when enough of their words survive (`IN_PLACE_THRESHOLD`).
    Returns (old, new) pairs in reading order; None marks an inserted or deleted item.
    """
    matcher = SequenceMatcher(None, [key(x) for x in old], [key(x) for x in new], autojunk=False)
    pairs: list[tuple[T | None, T | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(old[i1:i2], new[j1:j2], strict=True))
        else:
            similar: list[tuple[T | None, T | None]] = _pair_similar(old[i1:i2], new[j1:j2], text)
            pairs.extend(_pair_in_place(similar, text))
    return pairs


def kept_share(a: str, b: str) -> float:
    """Return the share of the longer text's words that the word diff keeps unchanged."""
    longest = max(words_in(a), words_in(b))
    if not longest:
        return 0.0
    return count_words(diff_words(a, b), "equal") / longest


def _pair_in_place(
    pairs: list[tuple[T | None, T | None]], text: Callable[[Any], str]
) -> list[tuple[T | None, T | None]]:
    """Pair unpaired items in order where as many were deleted as inserted in one place."""
    out: list[tuple[T | None, T | None]] = []
    olds: list[T] = []
    news: list[T] = []

    def flush() -> None:
        if len(olds) == len(news):
            for a, b in zip(olds, news, strict=True):
                if kept_share(text(a), text(b)) >= IN_PLACE_THRESHOLD:
                    out.append((a, b))
                else:
                    out.extend([(a, None), (None, b)])
        else:
            out.extend((a, None) for a in olds)
            out.extend((None, b) for b in news)
        olds.clear()
        news.clear()

    for a, b in pairs:
        if a is not None and b is None:
            olds.append(a)
        elif a is None and b is not None:
            news.append(b)
        else:
            flush()
            out.append((a, b))
    flush()
    return out


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
    for a, b in _merged_and_split(_same_kind(align(old, new, _block_key, lambda x: x.text))):
        if isinstance(a, Table) or isinstance(b, Table):
            assert not isinstance(a, Paragraph) and not isinstance(b, Paragraph)
            changes.append(diff_tables(a, b))
        else:
            assert not isinstance(a, Table) and not isinstance(b, Table)
            changes.append(_paragraph(a, b))
    return tuple(changes)


def _merged_and_split(
    pairs: list[tuple[Block | None, Block | None]],
) -> list[tuple[Block | None, Block | None]]:
    """Join a paired paragraph with a deleted (inserted) neighbour it was merged with (split from).

    A neighbour is joined when the two together are more like the other side than the
    paired paragraph alone is: "A. B." against "A." and "B." is one paragraph split, shown
    as a paragraph mark inserted, not as "B." struck and written again.
    """
    out = _redivided(pairs)
    index = 0
    while index < len(out):
        a, b = out[index]
        joined = False
        if isinstance(a, Paragraph) and isinstance(b, Paragraph) and a != b:
            for other in (index + 1, index - 1):
                if not 0 <= other < len(out):
                    continue
                x, y = out[other]
                if isinstance(x, Paragraph) and y is None:  # merged: two old into one new
                    first, second = (a, x) if other > index else (x, a)
                    both = join_paragraphs(first, second)
                    if _closer(both.text, a.text, b.text):
                        out[index] = (both, b)
                        joined = True
                elif (  # the boundary between two paragraphs moved, the words the same
                    other > index
                    and isinstance(x, Paragraph)
                    and isinstance(y, Paragraph)
                    and x != y
                    and _words_alike(a.text + x.text, b.text + y.text)
                ):
                    out[index] = (join_paragraphs(a, x), join_paragraphs(b, y))
                    joined = True
                elif x is None and isinstance(y, Paragraph):  # split: one old into two new
                    first, second = (b, y) if other > index else (y, b)
                    both = join_paragraphs(first, second)
                    if _closer(both.text, b.text, a.text):
                        out[index] = (a, both)
                        joined = True
                if joined:
                    del out[other]
                    index = min(index, other)
                    break
        if not joined:
            index += 1
    return out


def _redivided(
    pairs: list[tuple[Block | None, Block | None]],
) -> list[tuple[Block | None, Block | None]]:
    """Join each run of changed paragraphs that holds the same words on both sides, divided
    into paragraphs differently, into one block: only its paragraph marks changed."""
    out: list[tuple[Block | None, Block | None]] = []
    run: list[tuple[Block | None, Block | None]] = []

    def flush() -> None:
        olds = [a for a, _ in run if a is not None]
        news = [b for _, b in run if b is not None]
        if (
            len(run) > 1
            and olds
            and news
            and all(isinstance(p, Paragraph) for p in olds + news)
            and _words_alike(" ".join(p.text for p in olds), " ".join(p.text for p in news))
        ):
            out.append((_join_all(olds), _join_all(news)))
        else:
            out.extend(run)
        run.clear()

    for a, b in pairs:
        if a is not None and b is not None and a == b:
            flush()
            out.append((a, b))
        else:
            run.append((a, b))
    flush()
    return out


def _join_all(paragraphs: list[Block]) -> Paragraph:
    joined = paragraphs[0]
    assert isinstance(joined, Paragraph)
    for paragraph in paragraphs[1:]:
        assert isinstance(paragraph, Paragraph)
        joined = join_paragraphs(joined, paragraph)
    return joined


def _words_alike(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _closer(joined: str, alone: str, other: str) -> bool:
    score = similarity(joined, other)
    return score >= PAIR_THRESHOLD and score > similarity(alone, other)


def join_paragraphs(first: Paragraph, second: Paragraph) -> Paragraph:
    """Return two paragraphs as one, their texts joined by a paragraph mark."""
    shift = len(first.text) + len(PARAGRAPH_MARK)
    marks = first.marks + tuple(Mark(m.start + shift, m.end + shift, m.kind) for m in second.marks)
    return Paragraph(first.text + PARAGRAPH_MARK + second.text, marks, first.line)


def unchanged(block: Block) -> BlockChange:
    """Return a block that did not change, as a change."""
    if isinstance(block, Paragraph):
        spans = emphasize((Span("equal", block.text),), block.marks, block.marks)
        return ParagraphChange("equal", spans, block, block)
    rows = tuple(RowChange("equal", tuple(_cell(c, c) for c in r)) for r in block.rows)
    return TableChange("equal", rows, block, block)


def _paragraph(a: Paragraph | None, b: Paragraph | None) -> ParagraphChange:
    if a is None:
        assert b is not None
        return ParagraphChange(
            "inserted", emphasize((Span("insert", b.text),), (), b.marks), None, b
        )
    if b is None:
        return ParagraphChange(
            "deleted", emphasize((Span("delete", a.text),), a.marks, ()), a, None
        )
    if a == b:
        return ParagraphChange("equal", emphasize((Span("equal", a.text),), a.marks, a.marks), a, b)
    spans = emphasize(diff_words(a.text, b.text), a.marks, b.marks)
    return ParagraphChange("modified" if changed(spans) else "equal", spans, a, b)


def emphasize(
    spans: tuple[Span, ...], old: tuple[Mark, ...], new: tuple[Mark, ...]
) -> tuple[Span, ...]:
    """Return spans cut where emphasis starts or ends, each with its emphasis.

    An equal span whose emphasis differs between the sides carries the old emphasis too:
    a change of formatting alone.  White space never carries a formatting change.
    """
    if not old and not new:
        return spans
    out: list[Span] = []
    at_old = at_new = 0
    for span in spans:
        size = len(span.text)
        cuts = {0, size}
        if span.op != "insert":
            cuts.update(_cuts(old, at_old, size))
        if span.op != "delete":
            cuts.update(_cuts(new, at_new, size))
        edges = sorted(cuts)
        for start, end in pairwise(edges):
            piece = span.text[start:end]
            was = _emphasis(old, at_old + start) if span.op != "insert" else ()
            now = _emphasis(new, at_new + start) if span.op != "delete" else ()
            if span.op == "delete":
                made = Span("delete", piece, was)
            elif span.op == "insert" or was == now or piece.isspace():
                made = Span(span.op, piece, now)
            else:
                made = Span("equal", piece, now, was)
            previous = out[-1] if out else None
            if previous is not None and (previous.op, previous.emphasis, previous.old_emphasis) == (
                made.op,
                made.emphasis,
                made.old_emphasis,
            ):
                out[-1] = Span(made.op, previous.text + piece, made.emphasis, made.old_emphasis)
            else:
                out.append(made)
        if span.op != "insert":
            at_old += size
        if span.op != "delete":
            at_new += size
    return tuple(out)


def _cuts(marks: tuple[Mark, ...], at: int, size: int) -> set[int]:
    return {edge - at for mark in marks for edge in (mark.start, mark.end) if at < edge < at + size}


def _emphasis(marks: tuple[Mark, ...], position: int) -> tuple[str, ...]:
    return tuple(sorted({m.kind for m in marks if m.start <= position < m.end}))


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
        return RowChange("inserted", tuple(_cell(None, c) for c in new))
    if new is None:
        return RowChange("deleted", tuple(_cell(c, None) for c in old))
    width = max(len(old), len(new))
    cells = tuple(
        _cell(old[i] if i < len(old) else None, new[i] if i < len(new) else None)
        for i in range(width)
    )
    same = len(old) == len(new) and all(c.status == "equal" for c in cells)
    return RowChange("equal" if same else "modified", cells)


def _cell(old: str | None, new: str | None) -> CellChange:
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
