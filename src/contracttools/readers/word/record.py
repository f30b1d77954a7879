"""What a Word packet records of itself, so that the packet returned can be read as a counter.

A packet written by `contracttools packet` carries, as a custom document property (Word
and LibreOffice keep these when they save), the proposing party, the proposal's number
and, for each item, its clause id, its action and a key of the words it shows once every
change is made.  Reading the returned packet, an item whose words still give the same key
was returned without change.  Pure: no files.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

PROPERTY = "contracttools-packet"
"""The custom document property that holds the record."""

_NOT_WORDS = re.compile(r"[*_\\|`]+")


def words_key(texts: Iterable[str]) -> str:
    """Return a short key of the words of some texts, emphasis, escapes and layout aside.

    The same words give the same key whether they were read from a clause file or from the
    Word document the packet became ("*shall*" and "shall", a table's cells and its row).
    """
    words = " ".join(_NOT_WORDS.sub(" ", " ".join(texts)).split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class SentItem:
    """One item of a packet as it was passed."""

    index: int
    clause: str
    action: str
    words: str
    """`words_key` of the item's language with every change made ("" words: no language)."""


@dataclass(frozen=True)
class SentPacket:
    """The proposing party, the proposal's number, and its items."""

    party: str
    name: str
    """The party's name, as the packet's revisions give it as their author."""
    number: int
    items: tuple[SentItem, ...]

    def to_json(self) -> str:
        """Return the record as the compact JSON the property holds."""
        return json.dumps(
            {
                "party": self.party,
                "name": self.name,
                "number": self.number,
                "items": [[i.index, i.clause, i.action, i.words] for i in self.items],
            },
            separators=(",", ":"),
            ensure_ascii=False,
        )


def from_json(text: str) -> SentPacket | None:
    """Return the record a property holds, or None when it is not one (edited by hand)."""
    try:
        data = json.loads(text)
        return SentPacket(
            str(data["party"]),
            str(data["name"]),
            int(data["number"]),
            tuple(
                SentItem(int(index), str(clause), str(action), str(words))
                for index, clause, action, words in data["items"]
            ),
        )
    except (ValueError, KeyError, TypeError):
        return None


__all__ = ["PROPERTY", "SentItem", "SentPacket", "from_json", "words_key"]
