# ruff: noqa: RUF002 (this module is about look-alike letters)
"""Invisible and look-alike characters: shown where they change, and named.

A zero-width space inside "thirty", a Cyrillic "а" for a Latin "a", a right-to-left
override: each is a change a comparison finds, and none can be seen in print. Every
output shows the format characters (Unicode category Cf: the soft hyphen, zero-width
characters, bidirectional controls, the byte-order mark, tag characters) of changed text
as `<U+200B>`, and a change that reads the same once they are taken out, or that swaps
letters for look-alikes of another script, carries a label saying so ("invisible
character inserted: U+200B ZERO WIDTH SPACE", "Cyrillic а for Latin a").

`display(span)` is the one rendering of a span's text every writer uses; `labelled`
labels the spans of a comparison; `warnings` finds such characters in a file for `check`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import Field, replace
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

if TYPE_CHECKING:
    from collections.abc import Iterator


class _Change(Protocol):
    """What `labelled` needs of a span (a dataclass with these fields): the redline's Span."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @property
    def op(self) -> str: ...
    @property
    def text(self) -> str: ...


S = TypeVar("S", bound=_Change)


def is_format(char: str) -> bool:
    """Return whether a character is a format character (category Cf): printed as nothing."""
    return unicodedata.category(char) == "Cf"


def visible(text: str) -> str:
    """Return text with every format character shown as `<U+200B>`."""
    if text.isascii():
        return text
    return "".join(f"<U+{ord(c):04X}>" if is_format(c) else c for c in text)


def name(char: str) -> str:
    """Return "U+200B ZERO WIDTH SPACE"."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


_LOOKALIKE = dict(
    zip(
        "аеорсухіјѕһԁԛԝӏАВЕКМНОРСТХІЈЅУԜοαιρνκΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
        "aeopcyxijshdqwlABEKMHOPCTXIJSYWoaipvkABEZHIKMNOPTYX",
        strict=True,
    )
)
"""Cyrillic and Greek letters that print as a Latin one, and that Latin letter."""


def _skeleton(char: str) -> str:
    return _LOOKALIKE.get(char, char)


def script(char: str) -> str:
    """Return the script of a letter as a word ("Latin", "Cyrillic", "Greek")."""
    return unicodedata.name(char, "UNKNOWN").split()[0].capitalize()


def label(old: str, new: str) -> str:
    """Return what a change is when it cannot be seen: format characters inserted,
    deleted or changed, or letters swapped for look-alikes of another script; "" when
    the change can be seen."""
    if old == new or (old.isascii() and new.isascii()):
        return ""
    bare_old = "".join(c for c in old if not is_format(c))
    bare_new = "".join(c for c in new if not is_format(c))
    parts: list[str] = []
    if bare_old != bare_new:
        if len(bare_old) != len(bare_new):
            return ""
        pairs = [(a, b) for a, b in zip(bare_old, bare_new, strict=True) if a != b]
        if not all(_skeleton(a) == _skeleton(b) and script(a) != script(b) for a, b in pairs):
            return ""
        seen = dict.fromkeys(f"{script(b)} {b} for {script(a)} {a}" for a, b in pairs)
        parts.append(", ".join(seen))
    added = Counter(c for c in new if is_format(c))
    removed = Counter(c for c in old if is_format(c))
    added, removed = added - removed, removed - added
    if added or removed:
        what = "inserted" if not removed else "deleted" if not added else "changed"
        count = sum((added + removed).values())
        noun = "invisible character" if count == 1 else "invisible characters"
        names = ", ".join(name(c) for c in dict.fromkeys([*added, *removed]))
        parts.append(f"{noun} {what}: {names}")
    return "; ".join(parts)


def labelled(spans: tuple[S, ...]) -> tuple[S, ...]:
    """Return spans with each change that cannot be seen labelled (on its inserted span,
    or its deleted one when nothing is inserted)."""
    if all(span.text.isascii() for span in spans if span.op != "equal"):
        return spans
    out = list(spans)
    for i, span in enumerate(out):
        if span.op == "equal":
            continue
        after = out[i + 1] if i + 1 < len(out) else None
        before = out[i - 1] if i else None
        if span.op == "delete" and after is not None and after.op == "insert":
            continue  # labelled with its insertion
        if span.op == "insert" and before is not None and before.op == "delete":
            found = label(before.text, span.text)
        elif span.op == "insert":
            found = label("", span.text)
        else:
            found = label(span.text, "")
        if found:
            out[i] = replace(span, label=found)
    return tuple(out)


_WORD = re.compile(r"\w+")


def warnings(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (line, column, message) for each format character in a file's text, and each
    word that mixes letters of Latin with Cyrillic or Greek."""
    if text.isascii():
        return
    starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def place(offset: int) -> tuple[int, int]:
        import bisect

        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    for offset, char in enumerate(text):
        if not char.isascii() and is_format(char) and not (offset == 0 and char == "\ufeff"):
            line, column = place(offset)
            yield line, column, f"invisible character {name(char)}: it prints as nothing"
    for found in _WORD.finditer(text):
        word = found.group()
        if word.isascii():
            continue
        scripts = {script(c) for c in word if c.isalpha()}
        if "Latin" in scripts and scripts & {"Cyrillic", "Greek"}:
            line, column = place(found.start())
            others = ", ".join(
                f"{script(c)} {c}"
                for c in dict.fromkeys(word)
                if script(c) in ("Cyrillic", "Greek")
            )
            yield line, column, f"the word '{word}' mixes Latin letters with {others}"
