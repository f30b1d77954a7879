"""Block-level redlines: paragraphs and tables aligned before words are diffed."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from contracttools.body import Block, Mark, Paragraph, Table
from contracttools.redline.emphasis import emphasize
from contracttools.redline.model import (
    PARAGRAPH_MARK,
    BlockChange,
    ParagraphChange,
    RowChange,
    Span,
    TableChange,
    changed,
)
from contracttools.redline.similar import PAIR_THRESHOLD, align, similarity
from contracttools.redline.tables import diff_cell, diff_tables
from contracttools.redline.words import diff_words


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
    rows = tuple(RowChange("equal", tuple(diff_cell(c, c) for c in r)) for r in block.rows)
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
