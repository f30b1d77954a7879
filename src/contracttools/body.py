"""Clause bodies: a small Markdown subset parsed into paragraphs and tables.

Paragraphs are separated by blank lines; single line breaks are soft, so re-wrapping
a paragraph changes nothing.  Labels such as "(a)" or "1." are literal text: lists,
headings, code blocks, quotes and raw HTML are not part of the subset, so whatever a
clause says is shown as written.  The only markup is emphasis with asterisks (`*x*`,
`**x**`), pipe tables, and a backslash before `*` or `|` (a literal asterisk or bar);
underscores, backticks and every other backslash are kept as typed (docs/format.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Mark:
    """Emphasis over text[start:end]: kind is 'em' or 'strong'."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as plain text (whitespace folded) with its emphasis."""

    text: str
    marks: tuple[Mark, ...] = ()
    line: int = field(default=0, compare=False)
    """0-based line of the paragraph within the body (where it is, not what it is)."""

    @property
    def type(self) -> str:
        return "paragraph"


@dataclass(frozen=True)
class Table:
    """A pipe table: the first row is the header."""

    rows: tuple[tuple[str, ...], ...]
    line: int = field(default=0, compare=False)

    @property
    def type(self) -> str:
        return "table"

    @property
    def text(self) -> str:
        """Return the table as text, a row a line, cells separated by ' | '."""
        return "\n".join(" | ".join(row) for row in self.rows)


Block = Paragraph | Table


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Imported here, not at the top: a body with no markup (most of them) never needs the
    # parser, so `check` of plain clauses starts without it.
    from markdown_it import MarkdownIt

    # No "escape" and no "backticks" rule: a backslash or a backtick is text.
    return MarkdownIt("zero").enable(["emphasis", "table"])


_KEPT = ("_", "\\*", "\\|")
"""What the Markdown parser would take as markup but a body keeps: `_` as typed; `\\*`
and `\\|` as a literal `*` and `|`."""
_KEPT_AS = ("_", "*", "|")


def _protect(text: str) -> tuple[str, dict[str, str]]:
    """Return text with each kept sequence replaced by a character the text lacks, and the way back."""
    back: dict[str, str] = {}
    code = 0xE000
    for sequence, literal in zip(_KEPT, _KEPT_AS, strict=True):
        if sequence not in text:
            continue
        while chr(code) in text:
            code += 1
        text = text.replace(sequence, chr(code))
        back[chr(code)] = literal
        code += 1
    return text, back


def fold(text: str) -> str:
    """Return text with runs of whitespace folded to one space, ends trimmed."""
    return _WHITESPACE.sub(" ", text).strip()


def _inline(
    token: Token, back: dict[str, str], emphasis: bool = True
) -> tuple[str, tuple[Mark, ...]]:
    """Return an inline token's text and emphasis; without `emphasis`, asterisks stay text."""
    parts: list[str] = []
    marks: list[Mark] = []
    open_at: dict[str, int] = {}
    length = 0
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            piece = child.content
        elif child.type in ("softbreak", "hardbreak"):
            piece = " "
        elif child.type in ("em_open", "strong_open", "em_close", "strong_close") and not emphasis:
            piece = child.markup
        elif child.type in ("em_open", "strong_open"):
            open_at[child.type[:-5]] = length
            continue
        elif child.type in ("em_close", "strong_close"):
            kind = child.type[:-6]
            marks.append(Mark(open_at.pop(kind, 0), length, kind))
            continue
        else:
            piece = child.content
        if back:
            piece = "".join(back.get(c, c) for c in piece)
        parts.append(piece)
        length += len(piece)
    raw = "".join(parts)
    text = fold(raw)
    if text == raw:
        return text, tuple(marks)
    return text, _refold_marks(raw, marks)


def _refold_marks(raw: str, marks: list[Mark]) -> tuple[Mark, ...]:
    """Map mark offsets in raw text to offsets in its folded form."""
    mapping = []
    out = 0
    previous_space = True
    for char in raw:
        mapping.append(out)
        if char.isspace():
            if not previous_space:
                out += 1
            previous_space = True
        else:
            out += 1
            previous_space = False
    mapping.append(out)
    limit = len(fold(raw))
    return tuple(
        Mark(min(mapping[m.start], limit), min(mapping[m.end], limit), m.kind) for m in marks
    )


MARKUP = re.compile(r"[*|\x00\r]")
"""Characters that can make a body more than plain paragraphs."""
_BLANK = re.compile(r"\n[ \t]*\n")
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")
"""Blank lines as the Markdown parser sees them: spaces and tabs only."""


PARSED_BODIES = 2**18
"""How many distinct bodies `parse_body` remembers: every body of two 100,000-clause
documents, so that a body the new document keeps unchanged is never parsed again (at
8,192, two 20,000-clause documents parsed most of the second one's bodies twice).  The
blocks are held by the clauses anyway; the cache adds its keys' references."""


@lru_cache(maxsize=PARSED_BODIES)
def parse_body(text: str) -> tuple[Block, ...]:
    """Return the blocks of a clause body (remembered: a body kept unchanged from one
    document to the next is parsed once)."""
    if not text.strip():
        return ()
    if MARKUP.search(text) is None:
        return plain_paragraphs(text)
    return _parse_markdown(text)


def plain_paragraphs(text: str) -> tuple[Block, ...]:
    """Return the paragraphs of a body with no Markdown in it: what the parser would give, faster."""
    blocks: list[Block] = []
    line = 0
    position = 0
    for match in [*_BLANK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[position:end]
        folded = fold(chunk)
        if folded:
            leading = _LEADING_BLANK_LINES.match(chunk)
            blocks.append(
                Paragraph(folded, (), line + (leading.group(0).count("\n") if leading else 0))
            )
        if match is None:
            break
        line += text[position : match.end()].count("\n")
        position = match.end()
    return tuple(blocks)


def _parse_markdown(text: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    text, back = _protect(text)
    tokens = _parser().parse(text)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "paragraph_open":
            line = token.map[0] if token.map else 0
            content, marks = _inline(tokens[index + 1], back)
            if content:
                blocks.append(Paragraph(content, marks, line))
            index += 3
        elif token.type == "table_open":
            line = token.map[0] if token.map else 0
            rows: list[tuple[str, ...]] = []
            cells: list[str] = []
            index += 1
            while tokens[index].type != "table_close":
                kind = tokens[index].type
                if kind == "tr_open":
                    cells = []
                elif kind == "inline":
                    cells.append(_inline(tokens[index], back, emphasis=False)[0])
                elif kind == "tr_close":
                    rows.append(tuple(cells))
                index += 1
            blocks.append(Table(tuple(rows), line))
            index += 1
        else:
            index += 1
    return tuple(blocks)


def table_width_problems(text: str) -> list[tuple[int, str]]:
    """Return (0-based line, message) for pipe-table rows whose cell count differs from the header.

    Only a body with a '|' in it can hold a table, so no other needs parsing here.

    The Markdown parser pads or cuts such rows silently; in a wage schedule that hides
    a misplaced figure, so it is an error.
    """
    problems: list[tuple[int, str]] = []
    if "|" not in text:
        return problems
    lines = text.split("\n")
    for block in parse_body(text):
        if not isinstance(block, Table):
            continue
        width = _cells(lines[block.line])
        row_line = block.line + 2
        for offset in range(len(block.rows) - 1):
            source = lines[row_line + offset] if row_line + offset < len(lines) else ""
            count = _cells(source)
            if count != width:
                problems.append(
                    (row_line + offset, f"table row has {count} cells; the header has {width}")
                )
    return problems


def _cells(line: str) -> int:
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    return len(re.split(r"(?<!\\)\|", stripped))


def body_text(blocks: tuple[Block, ...]) -> str:
    """Return a body that parses back to these blocks: the inverse of `parse_body`.

    Emphasis is written with asterisks, a literal `*` as `\\*`, a `|` in a cell as `\\|`.
    """
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            rows = [
                "| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in block.rows
            ]
            if rows:
                rows.insert(1, "|" + " --- |" * len(block.rows[0]))
            parts.append("\n".join(rows))
        else:
            parts.append(_emphasized(block))
    return "\n\n".join(parts) + "\n" if parts else ""


def _emphasized(paragraph: Paragraph) -> str:
    if not paragraph.marks:
        return _literal(paragraph.text)
    kinds = [
        {m.kind for m in paragraph.marks if m.start <= i < m.end}
        for i in range(len(paragraph.text))
    ]
    out: list[str] = []
    start = 0
    while start < len(paragraph.text):
        end = start
        while end < len(paragraph.text) and kinds[end] == kinds[start]:
            end += 1
        piece = _literal(paragraph.text[start:end])
        stars = "*" * (("em" in kinds[start]) + 2 * ("strong" in kinds[start]))
        out.append(f"{stars}{piece}{stars}")
        start = end
    return "".join(out)


def _literal(text: str) -> str:
    """Return text with its asterisks (and a backslash before a bar) written literally."""
    return text.replace("\\|", "\\\\|").replace("*", "\\*")
