"""Words hyphenated at a line end: joined only when the document (or a word list) says so.

A typesetter breaks "re-" / "ferred" at a line end; an author writes "union-" /
"management" and "sons- and daughters-in-law".  The join is made only when the joined
word is a word of the document (spelled so on one line somewhere) or of an English word
list, and the hyphenated form is not a word of the document; before "and", "or", "to"
the hyphen is a suspended one ("sons- and") and stays with its space.  Every join is
reported, with what decided it.
"""

from __future__ import annotations

import re
from functools import cache

from contracttools.readers.source import Note

_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_END = re.compile(r"([A-Za-z]+)-$")
_LONGEST = 64  # letters looked at before a line-end hyphen: no word is longer
_START = re.compile(r"^([a-z]+)")
JOINED = "joined '"
"""How the note of a word joined at a line-end hyphen begins."""
_SUSPENDED = frozenset({"and", "or", "nor", "to", "through"})


@cache
def _word_list() -> frozenset[str]:
    """Return the English word list (pyspellchecker's), loaded once."""
    from spellchecker import SpellChecker

    checker = SpellChecker(language="en", distance=1)
    return frozenset(checker.word_frequency.keys())


class Hyphens:
    """The vocabulary of one document, and the joins made with it."""

    def __init__(self, pages: list[str]) -> None:
        self.words: set[str] = set()
        self.compounds: set[str] = set()
        for page in pages:
            for line in page.split("\n"):
                for word in _WORD.findall(line.rstrip().rstrip("-")):
                    lower = word.lower()
                    (self.compounds if "-" in lower else self.words).add(lower)
                    self.words.update(lower.split("-"))
        self.joins: list[Note] = []

    def join(self, text: str, line: str, where: str) -> str:
        """Return `text` and its next `line` as one, the line-end hyphen kept or taken out."""
        end = _END.search(text, max(0, len(text) - _LONGEST))
        start = _START.match(line)
        if end is None or start is None:
            return f"{text} {line}"
        first, second = end.group(1).lower(), start.group(1)
        if second in _SUSPENDED:
            return f"{text} {line}"
        joined, hyphened = first + second, f"{first}-{second}"
        if hyphened in self.compounds and joined not in self.words:
            return text + line
        why = ""
        if joined in self.words:
            why = "a word of the document"
        elif hyphened not in self.compounds and joined in _word_list():
            why = "a word of the word list"
        if not why:
            return text + line
        self.joins.append(Note(where, f"{JOINED}{end.group(1)}-' and '{start.group(1)}' ({why})"))
        return text[:-1] + line
