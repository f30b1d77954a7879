"""Plain text and Markdown contracts (and the text of PDFs) read as paragraphs and tables.

A paragraph ends at a blank line, or where a line starts with a clause number; lines are
joined (a word hyphenated across a line break is joined whole).  Markdown headings
(`#`) give outline levels, pipe tables stay tables, and so do runs of lines that fall
into the same columns (as `pdftotext -layout` lays out a wage schedule).
"""

from __future__ import annotations

import re
from pathlib import Path

from contracttools.errors import InputProblem
from contracttools.importing.headings import split_number, title_like
from contracttools.readers.source import Note, Piece, Source

_COLUMNS = re.compile(r"\s{3,}")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD = re.compile(r"^(\S+\s+)?\*\*(.+?)\*\*")
_STRONG = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_TAGS = re.compile(r"</?(?:span|b|i|u|em|strong|br)\b[^>]*>", re.IGNORECASE)
_LABEL = re.compile(r"^\(?[0-9a-zA-Z]{1,4}\)\s")


def read_text_file(path: str) -> Source:
    """Read a .txt or .md contract."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise InputProblem(path, f"cannot read: {err.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    markdown = path.lower().endswith((".md", ".markdown"))
    return read_pages(path, [text.replace("\r\n", "\n").replace("\r", "\n")], markdown, "line")


def read_pages(path: str, pages: list[str], markdown: bool, unit: str = "page") -> Source:
    """Return the pieces of a text given page by page (one page for a text file)."""
    pieces: list[Piece] = []
    notes: list[Note] = []
    for number, page in enumerate(pages, 1):
        _page(page, number, unit, markdown, pieces)
    if not pieces:
        raise InputProblem(path, "the document has no text")
    title = ""
    if pieces and pieces[0].level == 0 and markdown:
        title = pieces[0].text
        pieces = pieces[1:]
    return Source(path, tuple(pieces), tuple(pieces), tuple(notes), title)


def _page(page: str, number: int, unit: str, markdown: bool, pieces: list[Piece]) -> None:
    lines = page.split("\n")
    paragraph: list[str] = []
    start = 0
    widest = max((len(line.strip()) for line in lines), default=0)

    def where(line: int) -> str:
        return f"page {number}" if unit == "page" else f"line {line + 1}"

    def flush() -> None:
        if paragraph:
            pieces.append(_paragraph(paragraph, where(start), len(pieces)))
            paragraph.clear()

    index = 0
    while index < len(lines):
        line = lines[index].rstrip()
        stripped = line.strip()
        table = _table(lines, index, markdown)
        if table is not None:
            flush()
            rows, index = table
            pieces.append(Piece(where(index), len(pieces), rows=rows))
            continue
        if not stripped:
            flush()
        elif markdown and (heading := _HEADING.match(stripped)):
            flush()
            level = len(heading.group(1)) - 1
            pieces.append(Piece(where(index), len(pieces), text=heading.group(2), level=level))
        else:
            if paragraph and (split_number(stripped) or _LABEL.match(stripped)):
                flush()
            if not paragraph:
                start = index
            paragraph.append(stripped)
            if len(paragraph) == 1 and _heading_line(stripped, widest):
                flush()
        index += 1
    flush()


def _heading_line(line: str, widest: int) -> bool:
    """Return whether a line is a heading of its own (a number and a title, shorter than text)."""
    found = split_number(line)
    return (
        found is not None and bool(found[3]) and title_like(found[3]) and len(line) < 0.6 * widest
    )


def _paragraph(lines: list[str], where: str, source: int) -> Piece:
    text = lines[0]
    for line in lines[1:]:
        if re.search(r"[a-z]-$", text) and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}"
    text = " ".join(text.split())
    lead = ""
    bold = _BOLD.match(text)
    if bold:
        lead = (bold.group(1) or "") + bold.group(2)
    if "**" in text or "__" in text or "<" in text:
        text = _TAGS.sub("", _STRONG.sub(lambda m: m.group(1) or m.group(2), text))
        lead = _TAGS.sub("", lead)
    return Piece(where, source, text=text, lead=lead)


def _table(
    lines: list[str], index: int, markdown: bool
) -> tuple[tuple[tuple[str, ...], ...], int] | None:
    """Return a table starting at `index` and the line after it, or None."""
    first = lines[index].strip()
    if first.startswith("|"):
        rows: list[tuple[str, ...]] = []
        end = index
        while end < len(lines) and lines[end].strip().startswith("|"):
            cells = tuple(c.strip() for c in re.split(r"(?<!\\)\|", lines[end].strip().strip("|")))
            if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                rows.append(tuple(c.replace("\\|", "|") for c in cells))
            end += 1
        return (tuple(rows), end) if len(rows) > 1 else None
    if markdown:
        return None
    widths = []
    end = index
    while end < len(lines) and lines[end].strip() and len(_COLUMNS.split(lines[end].strip())) >= 2:
        widths.append(len(_COLUMNS.split(lines[end].strip())))
        end += 1
    if end - index < 2 or len(set(widths)) != 1:
        return None
    rows = [tuple(_COLUMNS.split(lines[i].strip())) for i in range(index, end)]
    return tuple(rows), end
