"""Figures read from a clause's language, where an item gives its language but no `terms`.

The rule (docs/summaries.md, "How figures are found"):

- a term whose known figures (the agreement's, or any item's) are percentages is read as
  the percentages of the language, in reading order: "5%", "5 percent", "5.5%"; a
  percentage given twice, in words and in figures ("four percent (4%)", "4 percent (4%)"),
  counts once; in a table (a salary schedule's increases by year) row after row, cell
  after cell;
- a term whose known figures are amounts ("$1,500") is read as the amounts of the language;
- the figures are taken only where there are as many as the known figures have years;
  otherwise (none found, or another count) nothing is read and the summary says the
  figures were not given for that pass.

Pure: text in, figures out; nothing is rounded or converted (a figure is shown as written).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from contracttools.body import Table, parse_body

_PERCENT = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)(?:\s*\(\s*\1\s*%\s*\))?",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"\$\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d{2})?")


def kind_of(known: Iterable[tuple[str, ...]]) -> str | None:
    """Return "percent" or "amount": what the known figures of a term are, or None."""
    values = [v.strip() for figures in known for v in figures]
    if values and all(v.endswith("%") for v in values):
        return "percent"
    if values and all(v.startswith("$") for v in values):
        return "amount"
    return None


def figures_in(text: str, kind: str) -> tuple[str, ...]:
    """Return the percentages ("4%") or amounts ("$1,500") of a clause's language, in order."""
    found: list[str] = []
    for block in parse_body(text):
        pieces = (
            [c for row in block.rows for c in row] if isinstance(block, Table) else [block.text]
        )
        for piece in pieces:
            if kind == "percent":
                found.extend(f"{m.group(1)}%" for m in _PERCENT.finditer(piece))
            elif kind == "amount":
                found.extend(f"${m.group(1)}{m.group(2) or ''}" for m in _AMOUNT.finditer(piece))
    return tuple(found)


def read_terms(text: str, known: Iterable[tuple[str, ...]]) -> tuple[str, ...] | None:
    """Return a term's figures read from language, by the rule above, or None."""
    known = list(known)
    kind = kind_of(known)
    if kind is None:
        return None
    years = {len(figures) for figures in known}
    found = figures_in(text, kind)
    if not found or (years and len(found) not in years):
        return None
    return found


__all__ = ["figures_in", "kind_of", "read_terms"]
