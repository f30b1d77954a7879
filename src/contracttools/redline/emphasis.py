"""Emphasis (bold, italic, underline) laid over a word diff: a formatting change is a
change."""

from __future__ import annotations

from itertools import pairwise

from contracttools.body import Mark
from contracttools.redline.model import (
    Span,
)


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
