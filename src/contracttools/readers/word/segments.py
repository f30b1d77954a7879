"""Read text in pieces: each with whether it is bold (a heading's lead), and the folds a
report and a reading apply."""

from __future__ import annotations

import unicodedata

Segment = tuple[str, bool]
"""A piece of text and whether it is bold."""


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
    for text, bold in segments:
        if bold:
            lead.append(text)
        elif text.strip():
            break
        else:
            lead.append(text)
    return " ".join("".join(lead).split())
