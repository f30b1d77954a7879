"""Read text in pieces: each with how it is set (bold, underlined: a heading's marks), and
the folds a report and a reading apply."""

from __future__ import annotations

import unicodedata

BOLD = 1
UNDERLINED = 2

Segment = tuple[str, int]
"""A piece of text and how it is set: `BOLD` and `UNDERLINED` or-ed together (0: plain)."""


def quoted(text: str, limit: int = 80) -> str:
    """Return text quoted for a report, white space folded and cut to `limit` characters."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def text_of(segments: list[Segment]) -> str:
    """Return a reading's text, white space folded, in NFC (one form for each letter)."""
    text = " ".join("".join(text for text, _ in segments).split())
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def bold_lead(segments: list[Segment]) -> str:
    """Return the leading bold text of a reading (all of it when it is all bold)."""
    lead = []
    for text, marks in segments:
        if marks & BOLD:
            lead.append(text)
        elif text.strip():
            break
        else:
            lead.append(text)
    return " ".join("".join(lead).split())


def emphasis(segments: list[Segment]) -> str:
    """Return how the whole of a reading's text is set apart: "bold" (underlined too or
    not), "underlined", or "" when some of its text is plain (white space aside)."""
    marks = BOLD | UNDERLINED
    seen = False
    for text, set_as in segments:
        if text.strip():
            marks &= set_as
            seen = True
    if not seen:
        return ""
    return "bold" if marks & BOLD else "underlined" if marks & UNDERLINED else ""
