"""Headings of documents without numbering: short paragraphs set in bold or underlined.

Word proposals are often headed by a short line in bold ("Article: Wages") or underlined,
with no number at all.  Such a paragraph is a heading when it reads as a title (short, no
sentence in it, not ending a sentence, not a date nor a blank to fill in), starts with a
letter and has text after it; bold headings stand above underlined ones.  A document whose numbered
headings with titles are at least as many keeps its numbering: its bold lines are
emphasis in clause text.  Where the document's title is not known otherwise, the first of
several such paragraphs, when it opens the document, is its title, not a heading (unless
a numbered heading, or an underlined one under a bold one, follows it at once: it heads
that one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from contracttools.importing.headings import Heading, find_heading
from contracttools.readers.numbers import title_like
from contracttools.readers.source import Note, Piece
from contracttools.readers.word.segments import quoted

SUMMED = ("heading style", "bold paragraph", "underlined paragraph")
"""Reasons for a guess that the report sums up in one line each, naming where they are."""

_SENTENCES = re.compile("[.!?][\"'\u201d\u2019)]*\\s+\\S")
_OPENING = re.compile("^[\"'\u201c\u2018(]?[^\\W\\d_]")
_DATE = re.compile(
    r"^(?:date\b.*|(?:[a-z]+day,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})$",
    re.IGNORECASE,
)
"""A date or a date line ("February 5, 2026", "2/5/2026", "Date: ____"): no heading."""
_ORDER = {"bold": 1, "underlined": 2}
"""The level of each kind of heading set apart: bold above underlined."""
_SHOWN_WHERE = 8
_SHOWN_TITLES = 3


def set_apart(piece: Piece) -> bool:
    """Return whether a paragraph, all of it bold or underlined, reads as a heading."""
    if piece.is_table or piece.label or piece.level is not None or not piece.emphasis:
        return False
    text = piece.text.strip().rstrip(":").rstrip()
    if not _OPENING.match(text) or len(text) > 100 or not title_like(text):
        return False
    if _SENTENCES.search(text) or _DATE.match(text) or "___" in text:
        return False
    return not (text.endswith(".") and len(text.split()) > 5)


def headings(pieces: Sequence[Piece], titled: bool = True) -> list[Heading | None]:
    """Return the heading each piece is (None for clause text), headings set only in bold
    or underline guessed where the document has no numbering of its own to use.

    `titled`: the document's title is known (a Title style, the document's properties),
    so that no paragraph of the body is taken for it.
    """
    found = [find_heading(piece) for piece in pieces]
    candidates = []
    for index, piece in enumerate(pieces):
        if found[index] is not None or index == len(pieces) - 1 or not set_apart(piece):
            continue
        before = found[index - 1] if index else None
        if before is not None and not before.title and not before.body:
            continue  # the title of the numbered heading above ("ARTICLE 5" over "WAGES")
        candidates.append(index)
    numbered = sum(1 for h in found if h is not None and h.number and h.title)
    if not candidates or numbered >= len(candidates):
        return found
    first = next((i for i, p in enumerate(pieces) if not p.is_table), None)
    if not titled and len(candidates) > 1 and candidates[0] == first:
        after = first + 1
        numbered_after = found[after] is not None
        under = candidates[1] == after and _rank(pieces[after]) > _rank(pieces[first])
        if not numbered_after and not under:
            candidates = candidates[1:]
    for index in candidates:
        kind = pieces[index].emphasis
        title = pieces[index].text.strip().rstrip(":").rstrip()
        found[index] = Heading(
            "", title, "", ("emphasis", kind), _rank(pieces[index]), f"{kind} paragraph"
        )
    return found


def _rank(piece: Piece) -> int:
    return _ORDER.get(piece.emphasis, len(_ORDER) + 1)


def summed_note(reason: str, guessed: list[tuple[Piece, Heading]]) -> Note:
    """Return the report's line for the headings guessed for one reason, with where they are."""
    wheres = [piece.where for piece, _ in guessed]
    words = [where.split(" ", 1) for where in wheres]
    if all(len(w) == 2 and w[0] == words[0][0] for w in words):
        shown = [w[1] for w in words[:_SHOWN_WHERE]]
        where = f"{words[0][0]}{'s' if len(words) > 1 else ''} {', '.join(shown)}"
    else:
        where = ", ".join(wheres[:_SHOWN_WHERE])
    if len(wheres) > _SHOWN_WHERE:
        where += f" and {len(wheres) - _SHOWN_WHERE} more"
    titles = ", ".join(quoted(h.title, 40) for _, h in guessed[:_SHOWN_TITLES])
    more = ", …" if len(guessed) > _SHOWN_TITLES else ""
    count = len(guessed)
    what = f"{reason}s" if count > 1 else f"a {reason}"
    if reason == "underlined paragraph" and count == 1:
        what = "an underlined paragraph"
    return Note(
        where, f"guessed {count} heading{'s' if count > 1 else ''} from {what} ({titles}{more})"
    )
