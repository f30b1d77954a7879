"""Clause numbers at the start of a line of text, and whether a text reads as a title.

Shared by the readers of plain text (where a numbered line starts a paragraph) and by
the import, which finds clause headings with them.
"""

from __future__ import annotations

import re

KEYWORDS = (
    "article|section|sec\\.|§|part|chapter|schedule|appendix|exhibit|annex|addendum|"
    "attachment|rule|artikel|article|artículo|articolo|abschnitt"
)
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
NUMBER_WORDS = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:{_UNITS}))?|"
    rf"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_UNITS})"
)
"""Numbers in words, as "ARTICLE TWENTY-ONE" (Word's cardinalText numbering)."""
_KEYWORD = re.compile(
    rf"^(?P<kw>{KEYWORDS})\s*(?P<num>(?:[0-9]+[A-Za-z]?(?:[.-][0-9A-Za-z]+)*|{NUMBER_WORDS}\b|"
    r"[IVXLCDM]+|[A-Z]))"
    r"(?P<dot>\.?)(?=[\s:.\u2013\u2014-]|$)",
    re.IGNORECASE,
)
_DOTTED = re.compile(r"^(?P<num>[0-9]+(?:\.[0-9A-Za-z]{1,3})*)(?P<dot>\.?)(?=\s|$)")
_HYPHENED = re.compile(
    r"^(?P<num>[0-9]{1,3}-[0-9]{1,3}[A-Za-z]?(?:\.[0-9A-Za-z]{1,3})*)(?P<dot>\.)(?=\s|$)"
)
"""Article-hyphen-section numbers with a final stop ("1-5.", "1-5.2."), as some agreements print."""
_ZERO = re.compile(r"^[0-9]+(?:\.0+)+$")
"""An article numbered "N.0" (or "N.00") above its sections "N.1", "N.2"."""
_LETTER = re.compile(r"^(?P<num>[A-Z])\.(?=\s)")
_ROMAN = re.compile(r"^(?P<num>[IVXLC]+)\.(?=\s)")
SEPARATOR = " \t.:-\u2013\u2014"
_SENTENCE = re.compile(r"\b(shall|will|must|may|is|are|has|have)\b", re.IGNORECASE)
TITLE_WORDS = 12
"""A heading's title is at most this many words."""

Signature = tuple[str, ...]


def split_number(text: str) -> tuple[str, Signature, int, str] | None:
    """Return (number, signature, rank, rest) when text starts with a clause number."""
    match = _KEYWORD.match(text)
    if match:
        keyword = match.group("kw")
        number = text[: match.end()].rstrip(".")
        value = match.group("num")
        words = re.fullmatch(NUMBER_WORDS, value, re.IGNORECASE)
        parts = 1 if words else len(re.split(r"[.-]", value))
        signature: Signature = ("keyword", keyword.lower().rstrip("."), str(parts))
        return number, signature, parts, text[match.end() :].lstrip(SEPARATOR)
    match = _DOTTED.match(text) or _HYPHENED.match(text)
    if match and (match.group("dot") or "." in match.group("num")):
        num = match.group("num")
        parts = 1 if _ZERO.match(num) else len(re.split(r"[.-]", num))
        return num, ("dots", str(parts)), parts, text[match.end() :].lstrip(SEPARATOR)
    for pattern, family in ((_LETTER, "letter"), (_ROMAN, "roman")):
        match = pattern.match(text)
        if match:
            return match.group("num"), (family,), 1, text[match.end() :].lstrip(SEPARATOR)
    return None


def title_like(text: str) -> bool:
    """Return whether text reads as a title rather than a sentence."""
    words = text.split()
    if not words or len(words) > TITLE_WORDS or text.endswith((",", ";")):
        return False
    if text.endswith(".") and (len(words) > 8 or _SENTENCE.search(text)):
        return False
    return not (len(words) > 5 and _SENTENCE.search(text))
