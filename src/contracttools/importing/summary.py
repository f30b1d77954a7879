"""The last line of an import's report: what came in, what was dropped, what was not read.

"31 articles, 694 sections, 6 tables; dropped: contents (pp. 3-4), 2 running headers or
footers, page numbers, audit trail (pp. 64-66); not read: pp. 91-109 (no text)".
"""

from __future__ import annotations

import re

from contracttools.model import Agreement
from contracttools.readers.hyphens import JOINED
from contracttools.readers.source import Note

_SUMMED = re.compile(r"^guessed (\d+) headings? from ")


def _tables(agreement: Agreement) -> int:
    return sum(
        1 for clause, _ in agreement.walk() for block in clause.blocks if block.type == "table"
    )


def summary_line(agreement: Agreement, notes: tuple[Note, ...] | list[Note]) -> str:
    """Return the one-line summary of an imported agreement and its import's notes."""
    top = [c for c in agreement.clauses if c.id != "preamble"]
    sections = sum(1 for _ in agreement.walk()) - len(agreement.clauses)
    found = [
        f"{len(top)} {'article' if len(top) == 1 else 'articles'}",
        f"{sections} {'section' if sections == 1 else 'sections'}",
        f"{_tables(agreement)} tables",
    ]
    dropped: list[str] = []
    unread: list[str] = []
    running = 0
    joins = guessed = 0
    for note in notes:
        message = note.message
        if message.startswith("dropped the table of contents"):
            dropped.append(f"contents ({note.where})")
        elif message.startswith("dropped the index"):
            dropped.append(f"index ({note.where})")
        elif message.startswith("dropped an e-signature audit trail"):
            dropped.append(f"audit trail ({note.where})")
        elif message.endswith("as a running header or footer"):
            running += 1
        elif message == "dropped the page numbers":
            dropped.append(f"page numbers ({note.where})")
        elif message.startswith("no text layer"):
            unread.append(f"{note.where} (no text)")
        elif message.startswith("blank"):
            unread.append(f"{note.where} (blank)")
        elif message.startswith(JOINED):
            joins += 1
        elif message.startswith("heading '") and " guessed " in message:
            guessed += 1
        elif (summed := _SUMMED.match(message)) is not None:
            guessed += int(summed.group(1))
    if running:
        dropped.insert(
            0,
            f"{running} running {'header or footer' if running == 1 else 'headers or footers'}",
        )
    line = ", ".join(found)
    if dropped:
        line += "; dropped: " + ", ".join(dropped)
    if unread:
        line += "; not read: " + ", ".join(unread)
    extra = []
    if joins:
        extra.append(f"{joins} words joined at line-end hyphens")
    if guessed:
        extra.append(f"{guessed} headings guessed")
    if extra:
        line += "; " + ", ".join(extra)
    return line
