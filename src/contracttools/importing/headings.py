"""Which paragraphs are clause headings, and what their number, title and level are.

A heading is a paragraph in a heading style (or with an outline level), or one that
starts with a number of a clause's shape ("ARTICLE 5", "Section 5.1", "5.1", "A.") and
is short like a title, or whose title is set in bold ("5.1 **Wages.** The Employer
shall ...").  Labels of lower levels ("(a)", "(iv)", "a.") are never headings: they stay
in the clause text, as the format says.

A heading's *signature* is the shape of its number; the tree builder nests headings by
the order in which their shapes first appear, as a reader of the printed page does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contracttools.readers.source import Piece

KEYWORDS = (
    "article|section|sec\\.|§|part|chapter|schedule|appendix|exhibit|annex|addendum|"
    "attachment|rule|artikel|article|artículo|articolo|abschnitt"
)
_KEYWORD = re.compile(
    rf"^(?P<kw>{KEYWORDS})\s*(?P<num>(?:[0-9]+[A-Za-z]?(?:[.-][0-9A-Za-z]+)*|[IVXLCDM]+|[A-Z]))"
    r"(?P<dot>\.?)(?=[\s:.\u2013\u2014-]|$)",
    re.IGNORECASE,
)
_DOTTED = re.compile(r"^(?P<num>[0-9]+(?:\.[0-9A-Za-z]{1,3})*)(?P<dot>\.?)(?=\s|$)")
_LETTER = re.compile(r"^(?P<num>[A-Z])\.(?=\s)")
_ROMAN = re.compile(r"^(?P<num>[IVXLC]+)\.(?=\s)")
_SEPARATOR = " \t.:-\u2013\u2014"
_SENTENCE = re.compile(r"\b(shall|will|must|may|is|are|has|have)\b", re.IGNORECASE)
TITLE_WORDS = 12
"""A heading's title is at most this many words."""

Signature = tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    """A clause heading as found in a paragraph."""

    number: str
    title: str
    body: str
    """Text after a run-in title: the clause's first paragraph."""
    signature: Signature
    rank: int
    """Depth within its family of signatures (dots in a number, a heading style's level)."""
    guessed: str = ""
    """Why this was taken as a heading when nothing marked it as one ("" when marked)."""


def split_number(text: str) -> tuple[str, Signature, int, str] | None:
    """Return (number, signature, rank, rest) when text starts with a clause number."""
    match = _KEYWORD.match(text)
    if match:
        keyword = match.group("kw")
        number = text[: match.end()].rstrip(".")
        parts = len(re.split(r"[.-]", match.group("num")))
        signature: Signature = ("keyword", keyword.lower().rstrip("."), str(parts))
        return number, signature, parts, text[match.end() :].lstrip(_SEPARATOR)
    match = _DOTTED.match(text)
    if match and (match.group("dot") or "." in match.group("num")):
        num = match.group("num")
        parts = num.count(".") + 1
        return num, ("dots", str(parts)), parts, text[match.end() :].lstrip(_SEPARATOR)
    for pattern, family in ((_LETTER, "letter"), (_ROMAN, "roman")):
        match = pattern.match(text)
        if match:
            return match.group("num"), (family,), 1, text[match.end() :].lstrip(_SEPARATOR)
    return None


def title_like(text: str) -> bool:
    """Return whether text reads as a title rather than a sentence."""
    words = text.split()
    if not words or len(words) > TITLE_WORDS or text.endswith((",", ";")):
        return False
    if text.endswith(".") and (len(words) > 8 or _SENTENCE.search(text)):
        return False
    return not (len(words) > 5 and _SENTENCE.search(text))


def find_heading(piece: Piece) -> Heading | None:
    """Return the heading a paragraph is, or None for a paragraph of clause text."""
    if piece.is_table:
        return None
    full = f"{piece.label} {piece.text}".strip() if piece.label else piece.text
    if full.startswith("(") or re.match(r"^[a-z]{1,4}[.)]\s", full):
        return None
    styled = piece.level is not None
    found = split_number(full)
    if found is None:
        if styled and title_like(piece.text):
            level = piece.level or 0
            return Heading("", piece.text, "", ("style", str(level)), level)
        return None
    number, signature, rank, rest = found
    lead = _lead_after_number(piece.lead, number)
    if lead and rest.startswith(lead) and len(lead) < len(rest) and title_like(lead):
        title = lead.rstrip(_SEPARATOR)
        body = rest[len(lead) :].lstrip(_SEPARATOR)
        return Heading(number, title, body, signature, rank, "" if styled else "bold title")
    if styled or title_like(rest) or (not rest and (piece.lead or signature[0] == "keyword")):
        return Heading(number, rest, "", signature, rank)
    if signature[0] == "keyword" or (signature[0] == "dots" and rank > 1):
        return Heading(number, "", rest, signature, rank)
    return None


def _lead_after_number(lead: str, number: str) -> str:
    if not lead:
        return ""
    if lead.startswith(number):
        return lead[len(number) :].lstrip(_SEPARATOR)
    return lead
