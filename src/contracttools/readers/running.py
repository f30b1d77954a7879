"""What stands on a page but is no clause text: running headers and footers, page numbers,
e-signature audit trails.  Pages of text in, the same pages without them and notes out;
used for PDF (through pdftotext) and for text with form feeds (pdftotext's own output).
"""

from __future__ import annotations

import re
from collections import Counter

from contracttools.readers.source import Note

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-\u2013\u2014]?\s*\d+\s*[-\u2013\u2014]?(?:\s+of\s+\d+)?$|^[ivxlc]+$",
    re.IGNORECASE,
)
EDGE = 3
"""How many lines at the top and bottom of a page may be a running header or footer."""
_AUDIT = re.compile(
    r"certificate of completion|envelope id|signer events|audit trail|final audit report|"
    r"document history|powered by (?:adobe|dropbox|docusign)|docusign|adobe acrobat sign|"
    r"signature timestamp|ip address|e-?signature|signed electronically|viewed by|"
    r"signed by .{1,60} \(|transaction id|document (?:created|viewed|signed) by",
    re.IGNORECASE,
)
AUDIT_MARKS = 3
"""Distinct audit-trail phrases that make a page part of an e-signature audit trail."""


def pages_named(pages: list[int] | set[int]) -> str:
    """Return page numbers as a person writes them ("p. 4", "pp. 40-47, 58-63")."""
    runs: list[list[int]] = []
    for page in sorted(pages):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    text = ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return ("pp. " if len(pages) > 1 else "p. ") + text


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def audit_pages(pages: list[str]) -> list[int]:
    """Return the indexes of pages that are an e-signature audit trail."""
    found = []
    for index, page in enumerate(pages):
        marks = {m.group(0).lower() for m in _AUDIT.finditer(page)}
        if len(marks) >= AUDIT_MARKS:
            found.append(index)
    return found


def strip_running(pages: list[str], first: int = 1) -> tuple[list[str], list[Note]]:
    """Return pages without running headers, footers, page numbers and audit trails, and notes.

    `first` is the number of the first page given (notes name pages by their numbers).
    """
    notes: list[Note] = []
    audit = audit_pages(pages)
    if audit:
        notes.append(
            Note(
                pages_named([i + first for i in audit]),
                "dropped an e-signature audit trail (names, e-mail addresses, times)",
            )
        )
        pages = ["" if i in audit else page for i, page in enumerate(pages)]
    split = [page.split("\n") for page in pages]
    edges: Counter[str] = Counter()
    for lines in split:
        filled = [line for line in lines if line.strip()]
        edges.update({_shape(line) for line in filled[:EDGE] + filled[-EDGE:]})
    threshold = max(2, (len(pages) + 1) // 2)
    running = {
        shape
        for shape, count in edges.items()
        if count >= threshold and not _PAGE_NUMBER.match(shape.replace("#", "1"))
    }
    dropped: dict[str, set[int]] = {}
    example: dict[str, str] = {}
    numbered: set[int] = set()
    kept_pages = []
    for number, lines in enumerate(split):
        positions = [i for i, line in enumerate(lines) if line.strip()]
        edge = set(positions[:EDGE] + positions[-EDGE:])
        kept = []
        for i, line in enumerate(lines):
            if i in edge:
                shape = _shape(line)
                if shape in running:
                    dropped.setdefault(shape, set()).add(number)
                    example.setdefault(shape, " ".join(line.split()))
                    continue
                if _PAGE_NUMBER.match(line.strip()):
                    numbered.add(number)
                    continue
            kept.append(line)
        kept_pages.append("\n".join(kept))
    repeated = _repeated_tops(kept_pages, first)
    total = len(pages)
    for shape, on in dropped.items():
        count = "every page" if len(on) == total else f"{len(on)} of {total} pages"
        notes.append(Note(count, f"dropped '{example[shape][:60]}' as a running header or footer"))
    for line, tops in repeated.items():
        notes.append(
            Note(pages_named(tops), f"dropped '{line[:60]}' repeated at the top of the page")
        )
    if numbered:
        count = "every page" if len(numbered) == total else f"{len(numbered)} of {total} pages"
        notes.append(Note(count, "dropped the page numbers"))
    return kept_pages, notes


def _repeated_tops(pages: list[str], first: int) -> dict[str, list[int]]:
    """Take out a title repeated at the top of following pages (a schedule's title on each
    of its pages), the first kept; return each such line and the pages (1-based) it left."""
    repeated: dict[str, list[int]] = {}
    previous = ""
    for index, page in enumerate(pages):
        lines = page.split("\n")
        top = next((i for i, line in enumerate(lines) if line.strip()), None)
        if top is None:
            continue
        line = " ".join(lines[top].split())
        if line == previous and len(line.split()) <= 12 and not line.endswith("."):
            repeated.setdefault(line, []).append(index + first)
            pages[index] = "\n".join(lines[:top] + lines[top + 1 :])
        previous = line
    return repeated
