"""The printed table of contents checked against the headings found in the body.

An entry with no heading of its number in the body, and a body heading at a level the
contents lists that the contents lacks, are reported: either the import missed a
heading, or the contents is out of date.  Numbers are compared without their keyword
("ARTICLE 5", "Art. 5" and "5" are one number).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from contracttools.model import Agreement, Clause
from contracttools.readers.contents import Contents
from contracttools.readers.source import Note

SHOWN = 8
"""How many mismatches one line of the report names before it counts the rest."""
_KEYWORD = re.compile(
    r"^(?:article|art\.|section|sec\.|§|appendix|addendum|exhibit|schedule|attachment|"
    r"annex|part|chapter)\s*",
    re.IGNORECASE,
)


def normal(number: str) -> str:
    """Return a clause number without its keyword and final stop, lowercased."""
    return _KEYWORD.sub("", number.strip()).rstrip(".").strip().lower()


def _walk(clauses: tuple[Clause, ...], depth: int = 0) -> Iterator[tuple[Clause, int]]:
    for clause in clauses:
        yield clause, depth
        yield from _walk(clause.clauses, depth + 1)


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:SHOWN])
    return shown + (f" and {len(items) - SHOWN} more" if len(items) > SHOWN else "")


def cross_check(contents: Contents, agreement: Agreement) -> list[Note]:
    """Return the mismatches between a table of contents and the clauses found."""
    body: dict[str, int] = {}
    for clause, depth in _walk(agreement.clauses):
        if clause.number:
            body.setdefault(normal(clause.number), depth)
    entries = [e for e in contents.entries if e.number]
    listed = {normal(e.number) for e in entries}
    # The levels the contents lists: where at least a quarter of the headings are listed.
    counts: dict[int, list[int]] = {}
    for clause, depth in _walk(agreement.clauses):
        if clause.number:
            tally = counts.setdefault(depth, [0, 0])
            tally[0] += normal(clause.number) in listed
            tally[1] += 1
    depths = {d for d, (hit, all_) in counts.items() if hit >= 2 and hit * 4 >= all_}
    notes: list[Note] = []
    missing = [
        f"'{e.number} {e.title}'".replace(" '", "'") + (f" (p. {e.page})" if e.page else "")
        for e in entries
        if normal(e.number) not in body
    ]
    if missing:
        notes.append(
            Note(
                contents.where,
                f"{len(missing)} contents entries have no heading in the body: {_listed(missing)}",
            )
        )
    unlisted = [
        clause.number
        for clause, depth in _walk(agreement.clauses)
        if clause.number and depth in depths and normal(clause.number) not in listed
    ]
    if entries and unlisted:
        notes.append(
            Note(
                contents.where,
                f"{len(unlisted)} headings of the body are not in the contents: {_listed(unlisted)}",
            )
        )
    return notes
