"""The redline as JSON: the public form documented in docs/redline-json.md."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from contracttools.redline.model import (
    BlockChange,
    ClauseChange,
    ClauseRef,
    Redline,
    Span,
    TableChange,
)
from contracttools.writers.labels import concept, move, move_words, placed
from contracttools.writers.options import PLAIN, Options

VERSION = 1


def _span(span: Span) -> dict[str, Any]:
    out: dict[str, Any] = {"op": span.op, "text": span.text}
    if span.emphasis:
        out["emphasis"] = list(span.emphasis)
    if span.old_emphasis is not None:
        out["old_emphasis"] = list(span.old_emphasis)
    if span.label:
        out["label"] = span.label
    return out


def _spans(spans: tuple[Span, ...]) -> list[dict[str, Any]]:
    return [_span(s) for s in spans]


def _ref(ref: ClauseRef | None) -> dict[str, str] | None:
    return None if ref is None else {"id": ref.id, "number": ref.number, "title": ref.title}


def _block(block: BlockChange) -> dict[str, Any]:
    if isinstance(block, TableChange):
        return {
            "type": "table",
            "status": block.status,
            "rows": [
                {
                    "status": row.status,
                    "cells": [{"status": c.status, "spans": _spans(c.spans)} for c in row.cells],
                    **({} if row.moved_from is None else {"moved_from": row.moved_from}),
                    **({} if row.moved_to is None else {"moved_to": row.moved_to}),
                }
                for row in block.rows
            ],
        }
    return {"type": "paragraph", "status": block.status, "spans": _spans(block.spans)}


def _place(number: str, article: str) -> dict[str, str]:
    return {"number": number, "article": article}


def _clause(clause: ClauseChange) -> dict[str, Any]:
    item = clause.item
    moved = move(clause)
    return {
        "old": _ref(clause.old),
        "new": _ref(clause.new),
        "status": clause.status,
        "moved": clause.moved,
        "moved_from": _place(*moved[0]) if moved else None,
        "moved_to": _place(*moved[1]) if moved else None,
        "moved_after": placed(clause)[0] if moved else None,
        "moved_words": move_words(clause),
        "renumbered": clause.renumbered,
        "retitled": clause.retitled,
        "against_id": clause.against_id,
        "depth": clause.depth,
        "within": [_ref(ref) for ref in clause.within],
        "action": clause.action,
        "old_action": clause.old_action,
        "carried": clause.carried,
        "reply": clause.reply,
        "summary": item.summary if item is not None else None,
        "concept": concept(clause) or None,
        "title_spans": _spans(clause.title_spans),
        "blocks": [_block(b) for b in clause.blocks],
    }


def document(redline: Redline) -> dict[str, Any]:
    """Return the redline as plain data."""
    return {
        "version": VERSION,
        "old": asdict(redline.old),
        "new": asdict(redline.new),
        "stats": redline.stats(),
        "clauses": [_clause(c) for c in redline.clauses],
    }


def write(redline: Redline, options: Options = PLAIN) -> str:
    """Return the redline as JSON text: the head indented, then one clause a line.

    A clause a line reads well in a terminal and in git, and lets the C encoder do the
    work (an indented dump runs the pure-Python one: three times slower at full size).
    """
    data = document(redline)
    clauses = data.pop("clauses")
    head = json.dumps(data, ensure_ascii=False, indent=2)
    if not clauses:
        return head[:-2] + ',\n  "clauses": []\n}\n'
    lines = ",\n    ".join(json.dumps(c, ensure_ascii=False) for c in clauses)
    return f'{head[:-2]},\n  "clauses": [\n    {lines}\n  ]\n}}\n'
