"""Plain text and Markdown contracts (and the text of PDFs) read as paragraphs and tables.

A paragraph ends at a blank line, or where a line starts with a clause number; lines are
joined (a word hyphenated across a line break is joined whole).  Markdown headings
(`#`) give outline levels, pipe tables stay tables, and so do runs of lines that fall
into the same columns (as `pdftotext -layout` lays out a wage schedule).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from contracttools.errors import InputProblem
from contracttools.readers.contents import LEADER, find_contents, find_index
from contracttools.readers.hyphens import Hyphens
from contracttools.readers.numbers import split_number, title_like
from contracttools.readers.running import strip_running
from contracttools.readers.source import Note, Piece, Source

_COLUMNS = re.compile(r"\s{3,}")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD = re.compile(r"^(\S+\s+)?\*\*(.+?)\*\*")
_STRONG = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_TAGS = re.compile(r"</?(?:span|b|i|u|em|strong|br)\b[^>]*>", re.IGNORECASE)
_RIGHT_LABEL = re.compile(r"\S\s{6,}[A-Z][A-Z ]{2,}$")
"""A line with a label set at its right margin ("Item 1. 2.A Increases      AMEND")."""
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
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u200b", " ")
    if "\f" in text and not markdown:
        # Pages (as `pdftotext` writes them): running headers and footers come off as from a PDF.
        pages = text.split("\f")
        if pages and not pages[-1].strip():
            pages = pages[:-1]
        kept, notes = strip_running(pages)
        source = read_pages(path, kept, markdown)
        return replace(source, notes=(*notes, *source.notes))
    return read_pages(path, [text], markdown, "line")


def read_pages(
    path: str, pages: list[str], markdown: bool, unit: str = "page", first: int = 1
) -> Source:
    """Return the pieces of a text given page by page (one page for a text file).

    A paragraph cut by a page break (no full stop at the foot of the page, a small letter
    at the head of the next) is joined again.  Marks typed as text ("[+new+]" or
    "{+new+}", "[-old-]", as redlines print them for readers who cannot see colour, and
    as `git diff --word-diff` does) give the two readings.
    """
    pages, contents = find_contents(pages, unit)
    pages, index = find_index(pages) if unit == "page" else (pages, None)
    if contents is not None and first > 1:
        shift = first - 1
        contents = replace(
            contents, first_page=contents.first_page + shift, last_page=contents.last_page + shift
        )
    if index is not None:
        index = (index[0] + first - 1, index[1] + first - 1)
    pieces: list[Piece] = []
    hyphens = Hyphens(pages)
    for number, page in enumerate(pages, first):
        start = len(pieces)
        _page(page, number, unit, markdown, pieces, hyphens)
        if start and len(pieces) > start:
            _join_across_pages(pieces, start)
    if not pieces:
        raise InputProblem(path, "the document has no text")
    title = ""
    if pieces and pieces[0].level == 0 and markdown:
        title = pieces[0].text
        pieces = pieces[1:]
    original, changed, count = _readings(pieces)
    notes: tuple[Note, ...] = ()
    if contents is not None:
        notes = (
            Note(
                contents.where, f"dropped the table of contents ({len(contents.entries)} entries)"
            ),
        )
    if index is not None:
        where = f"pp. {index[0]}-{index[1]}" if index[1] > index[0] else f"p. {index[0]}"
        notes = (*notes, Note(where, "dropped the index"))
    notes = (*notes, *hyphens.joins)
    return Source(path, original, changed, notes, title, count, contents=contents)


def _join_across_pages(pieces: list[Piece], first: int) -> None:
    before, after = pieces[first - 1], pieces[first]
    if before.rows or after.rows or before.level is not None or after.level is not None:
        return
    # Typed marks and opening brackets do not decide: "[+(5%)+] effective" goes on a
    # sentence as "effective" does.
    ending = before.text.rstrip("+-]")
    head = after.text.lstrip("[+-(\"'\u201c\u2018")
    if split_number(after.text) is not None:
        return  # a numbered clause starts the page
    if ending.endswith((".", ":", ";", "?", "!")) or not (
        head[:1].islower() or head[:1] in "0123456789$"
    ):
        return
    pieces[first - 1] = replace(before, text=f"{before.text} {after.text}")
    del pieces[first]


_INSERTED = re.compile(r"[\[{]\+(.*?)\+[\]}]", re.DOTALL)
_DELETED = re.compile(r"\[-(.*?)-\]", re.DOTALL)


def _reading(text: str, keep: re.Pattern[str], drop: re.Pattern[str]) -> str:
    return " ".join(keep.sub(r"\1", drop.sub("", text)).split())


def _readings(pieces: list[Piece]) -> tuple[tuple[Piece, ...], tuple[Piece, ...], int]:
    """Return the original and changed readings of pieces with typed marks, and their count."""
    count = 0
    original: list[Piece] = []
    changed: list[Piece] = []
    for piece in pieces:
        texts = [piece.text, *(cell for row in piece.rows or () for cell in row)]
        marks = sum(len(_INSERTED.findall(t)) + len(_DELETED.findall(t)) for t in texts)
        if not marks:
            original.append(piece)
            changed.append(piece)
            continue
        count += marks
        for out, keep, drop in ((original, _DELETED, _INSERTED), (changed, _INSERTED, _DELETED)):
            rows = (
                tuple(tuple(_reading(c, keep, drop) for c in row) for row in piece.rows)
                if piece.rows
                else None
            )
            text = _reading(piece.text, keep, drop)
            if text or rows:
                out.append(replace(piece, text=text, rows=rows, lead=""))
    return tuple(original), tuple(changed), count


def _page(
    page: str, number: int, unit: str, markdown: bool, pieces: list[Piece], hyphens: Hyphens
) -> None:
    lines = page.split("\n")
    paragraph: list[str] = []
    indents: list[int] = []
    start = 0
    widest = _text_width(lines)

    def where(line: int) -> str:
        return f"page {number}" if unit == "page" else f"line {line + 1}"

    def flush() -> None:
        if paragraph:
            pieces.append(_paragraph(paragraph, where(start), len(pieces), hyphens))
            paragraph.clear()

    index = 0
    in_caps = False
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
            caps = not markdown and _centred_caps(line, widest)
            if paragraph and caps != in_caps:
                flush()  # a title set in capitals, centred, is a paragraph of its own
            in_caps = caps
            indent = len(line) - len(line.lstrip())
            if paragraph and (
                (
                    (_ended(paragraph[-1], widest) or _ENTRY.search(stripped))
                    and (split_number(stripped) or _LABEL.match(stripped))
                )
                or _starts_clause(paragraph, indents, stripped, indent)
            ):
                flush()
            if not paragraph:
                start = index
                indents.clear()
            paragraph.append(stripped)
            indents.append(indent)
            if len(paragraph) == 1 and (
                _heading_line(stripped, widest) or _RIGHT_LABEL.search(line)
            ):
                flush()
            elif widest > 40 and _SENTENCE_END.search(stripped) and len(stripped) < 0.8 * widest:
                flush()  # a short last line: the paragraph ends here
        index += 1
    flush()


def _starts_clause(paragraph: list[str], indents: list[int], line: str, indent: int) -> bool:
    """Return whether a numbered line starts a clause of its own after `paragraph`.

    It does when its number comes next after the paragraph's own ("3-7.2." after "3-7.1.",
    "21.18.9.2.1" after "21.18.9.2"), after a heading alone on its line ("24.2   General
    Provisions" over "24.2.1 Registration"), and when it sits left of the paragraph's
    lines or at its number's place with the text hanging to the right (a number at the
    margin after text set under its own number), however long the line before it.  Never
    when a word in small letters follows the number: that is a sentence wrapped after a
    reference ("... in Section" over "9.5.12 above").
    """
    found = split_number(line)
    if found is None or _WORD_AFTER.match(found[3]):
        return False
    before = split_number(paragraph[0])
    if before is not None and _next_after(before[0], found[0]):
        return True
    if (
        len(paragraph) == 1
        and not _SENTENCE_END.search(paragraph[0])
        and before is not None
        and title_like(before[3])
    ):
        return True
    if indent < min(indents):
        return True
    return len(indents) > 1 and indent <= indents[0] < min(indents[1:])


def _next_after(number: str, following: str) -> bool:
    """Return whether `following` is the first clause inside `number` or the one after it.

    "5.2.1" or "5.3" after "5.2"; "3-7.2" after "3-7.1".
    """
    parts, next_parts = re.split(r"([.-])", number), re.split(r"([.-])", following)
    if next_parts[: len(parts)] == parts and next_parts[len(parts) : len(parts) + 2] in (
        [".", "1"],
        ["-", "1"],
    ):
        return len(next_parts) == len(parts) + 2
    if len(parts) != len(next_parts) or parts[:-1] != next_parts[:-1]:
        return False
    return parts[-1].isdigit() and next_parts[-1] == str(int(parts[-1]) + 1)


_WORD_AFTER = re.compile(r"[a-z]+\b(?![.)])")
"""A word in small letters ("above"), not a label ("b)")."""


_ENTRY = re.compile(r"(?:[.\u2026]\s?){3,}\s*[$\d]")
"""Dot leaders (full stops or ellipses) before a figure: a line of a list ("Resource
Specialists ……… 27***", "Grades 4-5 ..... 30 (per section 9.3)"), never run on into the
numbered line after it, nor run on from the line before it when it starts with a number."""
_SENTENCE_END = re.compile(r"[.:;!?][)\]\"\u201d\u2019]*(?:[+-]\])?$")


def _centred_caps(line: str, widest: int) -> bool:
    """Return whether a line is a title in capitals set in from the margin ("SIDE LETTER ON")."""
    stripped = line.strip()
    letters = [c for c in stripped if c.isalpha()]
    return (
        len(letters) >= 3
        and not any(c.islower() for c in letters)
        and len(stripped.split()) <= 10
        and len(line) - len(line.lstrip()) >= 2
        and len(stripped) < 0.8 * max(widest, 1)
    )


def _text_width(lines: list[str]) -> int:
    """Return the width of running text on a page: most full lines are about this long.

    Table rows and headings with a label at the right margin are not running text, and a
    few lines in a smaller font (notes) may run longer than the rest.
    """
    lengths = sorted(
        len(line.strip())
        for line in lines
        if len(line.strip()) >= 30 and not _COLUMNS.search(line.strip())
    )
    if not lengths:
        return max((len(line.strip()) for line in lines), default=0)
    return lengths[(len(lengths) * 3) // 4]


def _ended(line: str, widest: int) -> bool:
    """Return whether a paragraph may end after this line (a full stop, or a short line)."""
    if _SENTENCE_END.search(line) or LEADER.search(line) or _ENTRY.search(line):
        return True  # a full stop, or a figure after dot leaders ("Grades 4-5 ..... 30")
    return len(line) < 0.8 * widest or widest <= 40


def _heading_line(line: str, widest: int) -> bool:
    """Return whether a line is a heading of its own (a number and a title, shorter than text)."""
    found = split_number(line)
    return (
        found is not None and bool(found[3]) and title_like(found[3]) and len(line) < 0.6 * widest
    )


def _paragraph(lines: list[str], where: str, source: int, hyphens: Hyphens) -> Piece:
    # Each line is joined to the one before it alone, never to the paragraph so far: a
    # paragraph of many thousand lines costs what its lines do, not their square.
    parts = [lines[0]]
    for line in lines[1:]:
        last = parts[-1]
        if re.match(r"[a-z]-$", last[-2:]) and line[:1].islower():
            parts[-1] = hyphens.join(last, line, where)
        elif last.endswith(("+]", "+}", "-]")) and line.startswith(("[+", "{+", "[-")):
            parts[-1] = last + line  # marks set side by side, wrapped between them
        else:
            parts.append(line)
    text = " ".join(" ".join(parts).split())
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
    rows = []
    end = index
    while end < len(lines):
        columns = _COLUMNS.split(lines[end].strip()) if lines[end].strip() else []
        if len(columns) < 2 or (rows and len(columns) != len(rows[0])):
            break
        if split_number(columns[0]) is not None:
            break  # a section number and its text set apart: a clause, never a table row
        rows.append(tuple(columns))
        end += 1
        # a blank line between rows of the same columns (a spaced-out schedule)
        if end + 1 < len(lines) and not lines[end].strip():
            following = _COLUMNS.split(lines[end + 1].strip())
            if len(following) == len(rows[0]):
                end += 1
    if len(rows) < 2:
        return None
    return tuple(rows), end
