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


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>()#+!|~^&$])")
_LINE_START = re.compile(r"^(\s*)([-=>]|\d+(?=[.)]))", re.MULTILINE)


def markdown_text(text: str) -> str:
    """Return text that Markdown (and the HTML inside it) shows as it is: every character
    that could open markup is backslash-escaped, control characters are shown."""
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", shown(text))
    return _LINE_START.sub(lambda m: m.group(1) + _escape_start(m.group(2)), escaped)


def _escape_start(start: str) -> str:
    if start.isdigit():
        return start  # "1." stays a number; the dot after it is escaped below
    return "\\" + start
