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

from contracttools.readers.numbers import SEPARATOR as _SEPARATOR
from contracttools.readers.numbers import Signature, split_number, title_like
from contracttools.readers.source import Piece

_SIDE_LETTER = re.compile(
    r"^(?:side\s+letters?|memorandum\s+of\s+(?:understanding|agreement)|"
    r"letter\s+of\s+(?:understanding|agreement|intent))\b",
    re.IGNORECASE,
)
"""Unnumbered parts that stand beside the articles ("SIDE LETTER ON CLASS SIZE")."""
_WORD_AFTER = re.compile(r"(?:of|or|and|to|through|above|below|shall|is|are)\b")
"""A word after a number that goes on a sentence ("7.1 or more", "Section 301.2 of the"),
where a clause's first word ("each bargaining unit member ...") may be in small letters."""


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
        if _SIDE_LETTER.match(full) and title_like(full) and not full.endswith("."):
            return Heading("", full, "", ("keyword", "side letter", "1"), 1, "side letter title")
        if styled and title_like(piece.text):
            level = piece.level or 0
            return Heading("", piece.text, "", ("style", str(level)), level, "heading style")
        return None
    number, signature, rank, rest = found
    if not styled and not piece.lead and signature[-1] != "1" and _WORD_AFTER.match(rest):
        return None  # a sentence that starts with a reference ("Section 301.2 of the ...")
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
