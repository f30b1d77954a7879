"""Word-level redlines: tokens diffed with diff-match-patch, then cleaned as a lawyer marks.

Each token (a word, a number with its money sign or percent, a run of spaces, a mark
of punctuation) is mapped to one character, the library's lines-to-chars trick applied
to words, so the diff never splits a word or a figure.
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from contracttools.redline.model import Op, Span
from contracttools.redline.tokens import tokenize

_PRIVATE_USE = 0xE000
_SUPPLEMENTARY = 0xF0000


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
_DMP.Diff_Timeout = 5.0
_OPS: dict[int, Op] = {0: "equal", 1: "insert", -1: "delete"}
_GLUE = re.compile(r"[\s\W]*", re.UNICODE)


def diff_words(old: str, new: str) -> tuple[Span, ...]:
    """Return spans that turn old into new, marked at whole words."""
    if old == new:
        return (Span("equal", old),) if old else ()
    if not old:
        return (Span("insert", new),)
    if not new:
        return (Span("delete", old),)
    a, b, tokens = _encode(tokenize(old), tokenize(new))
    diffs = _DMP.diff_main(a, b, False)
    _DMP.diff_cleanupSemantic(diffs)
    return _merge([(_OPS[op], "".join(tokens[c] for c in text)) for op, text in diffs])


def _merge(spans: list[tuple[Op, str]]) -> tuple[Span, ...]:
    """Group changes; absorb glue (spaces, punctuation) lying between two changes.

    "thirty (30) days" to "forty-five (45) days" then reads as one change,
    [thirty (30] -> [forty-five (45], instead of two with " (" between them.
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
        is_glue = (
            len(group) == 1
            and merged
            and len(merged[-1]) == 2
            and index + 1 < len(groups)
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
        if group[0]:
            out.append(Span("delete", group[0]))
        if group[1]:
            out.append(Span("insert", group[1]))
    return tuple(out)
