"""Word-level redlines: tokens diffed with diff-match-patch, then grouped as a lawyer marks.

Each token (a word, a figure, a run of spaces, a mark of punctuation: see `tokens`) is
mapped to one character, the library's lines-to-chars trick applied to words, so the
diff never splits a word or a figure.

The library's bisection takes time in proportion to the tokens times the edits: a
paragraph of thousands of words with hundreds of edits takes seconds.  So a long text
(over `LONG` tokens) is first cut at tokens that occur once in each text and in the same
order (patience anchors: a row label such as "Range 37", a rare word; in a text of few
distinct words, runs of tokens that occur once) and the pieces between anchors are diffed
one by one, each cut again at its own anchors while it is over `_PIECE` tokens.  When that
shows few edits (tokens x edits at most `WORK`), the whole text is diffed by the library
instead, as it always was.  There is no time limit anywhere: the work is bounded by the
cutting, not the clock, so the same inputs give the same redline on any machine.

No semantic cleanup: unchanged words between two changes stay unchanged ("siblings,
{+siblings-in-law, +}parents-in-law, [-sonsand-]{+sons- and+}"), so a schedule whose every
figure changed keeps its "Step 3" labels.  Only glue (spaces and punctuation, up to three
characters) between two changes is absorbed, so "thirty (30)" to "forty-five (45)" reads
as one change.

White space alone is not a change: where two texts differ only in white space (`(2nd )`
and `(2nd)`), the words are equal spans and the white space is a deleted or inserted span
holding nothing but white space, which outputs do not mark (see `model.shown`).  A space
put inside a word ("staffin g") changes the word: the word is shown replaced.
"""

from __future__ import annotations

import bisect
import re
from difflib import SequenceMatcher

from diff_match_patch import diff_match_patch

from contracttools.characters import labelled
from contracttools.redline.model import Op, Span
from contracttools.redline.tokens import tokenize

_PRIVATE_USE = 0xE000
_SUPPLEMENTARY = 0xF0000
LONG = 2000
"""Texts with more tokens than this (both sides together) may be cut at anchors first."""
WORK = 15_000_000
"""Above LONG, the library is still used on the whole text when (tokens x edits) is at most
this: about a third of a second of its bisection on the build machine."""
_PIECE = 300
"""Pieces between anchors larger than this are cut again at their own anchors."""


def _code(index: int) -> str:
    # Private-use code points: no token can look like whitespace or a word to the
    # library's cleanup heuristics.
    if index < 0x1900:
        return chr(_PRIVATE_USE + index)
    return chr(_SUPPLEMENTARY + index - 0x1900)


def _encode(a: list[str], b: list[str]) -> tuple[str, str, dict[str, str]]:
    """Return both token lists as strings of one character a token, and the way back."""
    codes: dict[str, str] = {}

    def encode(tokens: list[str]) -> str:
        out = []
        for token in tokens:
            code = codes.get(token)
            if code is None:
                code = codes[token] = _code(len(codes))
            out.append(code)
        return "".join(out)

    encoded = encode(a), encode(b)
    return encoded[0], encoded[1], {code: token for token, code in codes.items()}


_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0
"""No time limit: the same inputs give the same redline on any machine.  The work is
bounded by the cutting instead (see the module's docstring)."""
_OPS: dict[int, Op] = {0: "equal", 1: "insert", -1: "delete"}
_GLUE = re.compile(r"[\s\W]*", re.UNICODE)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def diff_words(old: str, new: str) -> tuple[Span, ...]:
    """Return spans that turn old into new, marked at whole words, each change that
    cannot be seen labelled (see `contracttools.characters`)."""
    return labelled(_diff_words(old, new))


def _diff_words(old: str, new: str) -> tuple[Span, ...]:
    if old == new:
        return (Span("equal", old),) if old else ()
    if not old:
        return (Span("insert", new),)
    if not new:
        return (Span("delete", old),)
    a, b, tokens = _encode(tokenize(old), tokenize(new))
    diffs = _anchored(a, b) if len(a) + len(b) > LONG else None
    if diffs is None or (len(a) + len(b)) * _edits(diffs) <= WORK:
        diffs = _DMP.diff_main(a, b, False)
    return _merge([(_OPS[op], "".join(tokens[c] for c in text)) for op, text in diffs])


def _edits(diffs: list[tuple[int, str]]) -> int:
    """Return how many tokens a diff inserts and deletes."""
    return sum(len(text) for op, text in diffs if op)


def _anchored(a: str, b: str) -> list[tuple[int, str]]:
    """Return the diff of two long encoded texts, cut at patience anchors."""
    diffs: list[tuple[int, str]] = []
    _cut(a, b, diffs)
    _DMP.diff_cleanupMerge(diffs)
    return diffs


def _cut(a: str, b: str, diffs: list[tuple[int, str]]) -> None:
    prefix = _DMP.diff_commonPrefix(a, b)
    if prefix:
        diffs.append((0, a[:prefix]))
        a, b = a[prefix:], b[prefix:]
    suffix = _DMP.diff_commonSuffix(a, b)
    tail = a[len(a) - suffix :] if suffix else ""
    if suffix:
        a, b = a[:-suffix], b[:-suffix]
    if len(a) + len(b) <= _PIECE:
        diffs.extend(_piece(a, b))
    else:
        size, anchors = _anchors(a, b)
        if not anchors:
            diffs.extend(_matched(a, b))
        else:
            i = j = 0
            for x, y in anchors:
                _cut(a[i:x], b[j:y], diffs)
                diffs.append((0, a[x : x + size]))
                i, j = x + size, y + size
            _cut(a[i:], b[j:], diffs)
    if tail:
        diffs.append((0, tail))


def _piece(a: str, b: str) -> list[tuple[int, str]]:
    if not a or not b:
        return [(-1, a)] if a else [(1, b)] if b else []
    if set(a).isdisjoint(b):
        return [(-1, a), (1, b)]
    return list(_DMP.diff_main(a, b, False))


_RUNS = (1, 3, 7, 15)
"""Anchor on single tokens found once on each side, or on runs of 3, 7 or 15 tokens found
once on each side (a text of few distinct words, a schedule's row labels), whichever
covers more of the text."""


def _anchors(a: str, b: str) -> tuple[int, list[tuple[int, int]]]:
    """Return the run size and the anchors that cover the most tokens (the shortest runs
    on a tie).  A few figures found once by chance ("$3,162.13" in the old text's third
    range and the new text's first) must not outweigh a row label on every row ("Range 3
    Step 10", a run of seven tokens)."""
    best: tuple[int, list[tuple[int, int]]] = (1, [])
    for size in _RUNS:
        anchors = _patience(a, b, size)
        if len(anchors) * size > len(best[1]) * best[0]:
            best = (size, anchors)
    return best


def _patience(a: str, b: str, size: int = 1) -> list[tuple[int, int]]:
    """Return (i, j) of runs of `size` tokens found once in each text, the longest series
    in the same order that do not overlap."""
    seen_a: dict[str, int] = {}
    for i in range(len(a) - size + 1):
        run = a[i : i + size]
        seen_a[run] = -1 if run in seen_a else i
    seen_b: dict[str, int] = {}
    for j in range(len(b) - size + 1):
        run = b[j : j + size]
        seen_b[run] = -1 if run in seen_b else j
    pairs = [(i, seen_b[r]) for r, i in seen_a.items() if i >= 0 and seen_b.get(r, -1) >= 0]
    pairs.sort()
    # Longest increasing run of j (patience sorting), keeping the links to rebuild it.
    tops: list[int] = []
    top_index: list[int] = []
    back: list[int] = []
    for index, (_, j) in enumerate(pairs):
        pile = bisect.bisect_left(tops, j)
        back.append(top_index[pile - 1] if pile else -1)
        if pile == len(tops):
            tops.append(j)
            top_index.append(index)
        else:
            tops[pile] = j
            top_index[pile] = index
    found: list[tuple[int, int]] = []
    index = top_index[-1] if top_index else -1
    while index >= 0:
        found.append(pairs[index])
        index = back[index]
    out: list[tuple[int, int]] = []
    for i, j in reversed(found):
        if not out or (i >= out[-1][0] + size and j >= out[-1][1] + size):
            out.append((i, j))
    return out


def _matched(a: str, b: str) -> list[tuple[int, str]]:
    """Return a diff from difflib's matching blocks: no time limit, no anchors needed."""
    diffs: list[tuple[int, str]] = []
    i = j = 0
    for x, y, size in SequenceMatcher(None, a, b).get_matching_blocks():
        if x > i:
            diffs.append((-1, a[i:x]))
        if y > j:
            diffs.append((1, b[j:y]))
        if size:
            diffs.append((0, a[x : x + size]))
        i, j = x + size, y + size
    return diffs


def _merge(spans: list[tuple[Op, str]]) -> tuple[Span, ...]:
    """Group changes; absorb glue (spaces, punctuation) lying between two changes.

    "thirty (30) days" to "forty-five (45) days" then reads as one change,
    [thirty (30] -> [forty-five (45], instead of two with " (" between them.
    A change of white space alone is kept apart, as equal words and white space.
    """
    groups: list[list[str]] = []  # [equal] or [deleted, inserted]
    for op, text in spans:
        if op == "equal":
            groups.append([text])
        else:
            if not groups or len(groups[-1]) == 1:
                groups.append(["", ""])
            groups[-1][0 if op == "delete" else 1] += text
    merged: list[list[str]] = []
    index = 0
    while index < len(groups):
        group = groups[index]
        if len(group) == 2 and _layout_only(group[0], group[1]):
            group = [group[0], group[1], "layout"]
        is_glue = (
            len(group) == 1
            and merged
            and len(merged[-1]) == 2
            and index + 1 < len(groups)
            and not _layout_only(*groups[index + 1])
            and _GLUE.fullmatch(group[0]) is not None
            and len(group[0]) <= 3
        )
        if is_glue:
            change = merged[-1]
            following = groups[index + 1]
            change[0] += group[0] + following[0]
            change[1] += group[0] + following[1]
            index += 2
            continue
        if len(group) == 2 and merged and len(merged[-1]) == 2:
            merged[-1][0] += group[0]
            merged[-1][1] += group[1]
        else:
            merged.append(list(group))
        index += 1
    out: list[Span] = []
    for group in merged:
        if len(group) == 1:
            if group[0]:
                out.append(Span("equal", group[0]))
            continue
        if len(group) == 3 or _layout_only(group[0], group[1]):
            # (a change that turns out to be white space alone once its glue is absorbed)
            out.extend(_layout(group[0], group[1]))
            continue
        if group[0]:
            out.append(Span("delete", group[0]))
        if group[1]:
            out.append(Span("insert", group[1]))
    return _joined(out)


def _layout_only(deleted: str, inserted: str = "") -> bool:
    """Return whether a change is one of white space alone (the same characters otherwise)."""
    # A paragraph mark ("\n") is white space here too: its span stays marked (model.Span).
    # A space put inside a word, or taken out of one ("staffing", "staffin g"), changes the
    # words: the word is shown replaced, not a lone space marked.
    return (
        bool(deleted or inserted)
        and _SPACE.sub("", deleted) == _SPACE.sub("", inserted)
        and _WORD.findall(deleted) == _WORD.findall(inserted)
    )


def _layout(deleted: str, inserted: str) -> list[Span]:
    """Return a change of white space alone as equal text and white-space-only changes."""
    out: list[Span] = []
    i = j = 0
    while i < len(deleted) or j < len(inserted):
        gap_a = _SPACE.match(deleted, i)
        gap_b = _SPACE.match(inserted, j)
        space_a = gap_a.group(0) if gap_a else ""
        space_b = gap_b.group(0) if gap_b else ""
        if space_a == space_b:
            if space_a:
                out.append(Span("equal", space_a))
        else:
            if space_a:
                out.append(Span("delete", space_a))
            if space_b:
                out.append(Span("insert", space_b))
        i += len(space_a)
        j += len(space_b)
        if i < len(deleted) and j < len(inserted):
            out.append(Span("equal", deleted[i]))
            i += 1
            j += 1
    return out


def _joined(spans: list[Span]) -> tuple[Span, ...]:
    """Join neighbouring spans of the same kind."""
    out: list[Span] = []
    for span in spans:
        if out and out[-1].op == span.op:
            out[-1] = Span(span.op, out[-1].text + span.text)
        else:
            out.append(span)
    return tuple(out)
