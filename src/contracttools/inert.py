"""Text from contract files made inert where it is shown: on a terminal, in Markdown.

A clause, a title or a summary is data.  On a terminal its control characters would be
commands (ESC starts a sequence that clears the screen or sets the window title, BEL
rings), and in Markdown its punctuation would be markup (`<script>`, `[x](javascript:…)`,
`![x](…)`).  These functions show such characters instead of letting them act.
"""

from __future__ import annotations

import re

_SHOWN = (
    {c: 0x2400 + c for c in range(32) if c not in (9, 10)}  # C0 as symbols: ESC as '␛'
    | {0x7F: 0x2421}
    | {c: f"<U+{c:04X}>" for c in range(0x80, 0xA0)}  # C1: 0x9B alone starts a sequence
    | {c: f"<U+{c:04X}>" for c in (0x061C, 0x200E, 0x200F, 0x2028, 0x2029)}
    | {c: f"<U+{c:04X}>" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}  # bidi
)


def shown(text: str) -> str:
    """Return text with control characters (and bidirectional overrides) shown as symbols;
    tabs and line ends are kept."""
    return text.translate(_SHOWN)


_MARKUP = re.compile(r"[\\`*_{}\[\]<>|~^]|&(?=#?\w+;)")
"""What opens markup anywhere in a line: emphasis, code, links and images, HTML,
CriticMarkup, table cells, strikeout, superscript, character references."""
_BLOCK_START = re.compile(r"^(\s*)(?:([-+=#])(?=[-=#\s]|$)|([0-9]{1,9})([.)])(?=\s|$))")
"""What opens a block at the start of a line: a list, a heading, a setext underline."""
_CLOSING_HASHES = re.compile(r"(#+)(\s*)$")


def markdown_text(text: str) -> str:
    """Return text that Markdown (and HTML inside it) shows as written, on one line:
    control characters shown, line ends folded, every character that could open markup
    or a block backslash-escaped (the escapes are what CommonMark and pandoc undo)."""
    folded = re.sub(r"[ \t]*[\r\n][ \t]*", " ", shown(text))
    escaped = _MARKUP.sub(lambda found: "\\" + found.group(), folded)
    escaped = _BLOCK_START.sub(_escape_block, escaped, count=1)
    return _CLOSING_HASHES.sub(lambda found: "\\#" * len(found[1]) + found[2], escaped)


def _escape_block(found: re.Match[str]) -> str:
    if found[2]:
        return f"{found[1]}\\{found[2]}"
    return f"{found[1]}{found[3]}\\{found[4]}"


def markdown_code(text: str) -> str:
    """Return text as a Markdown code span (a path): fenced by more backticks than it holds."""
    folded = " ".join(shown(text).split())
    longest = max((len(run) for run in re.findall(r"`+", folded)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if folded.startswith("`") or folded.endswith("`") else ""
    return f"{fence}{pad}{folded}{pad}{fence}"
