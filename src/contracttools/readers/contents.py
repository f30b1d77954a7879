"""A printed table of contents in a text laid out page by page: found, taken out, kept as entries.

A table of contents starts at a line "Table of Contents" (or "Contents"), or at a run of
at least `LEADER_RUN` lines with dot leaders whose page numbers never go down, and goes
on, over pages, while its lines look like entries: dot leaders, a page number at the
right margin, "Error! Bookmark not defined." (Word's broken entry), or a short line
that continues an entry (a title on two lines) followed by more entries.  Its entries
are kept (number, title, page) so that the import can compare them with the headings of
the body.  Dot leaders in the body alone (a class-size list "Grades 4-5 ..... 30") are
not a table of contents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contracttools.readers.numbers import split_number

_TITLE = re.compile(r"^\s*(?:table\s+of\s+contents|contents)\s*$", re.IGNORECASE)
LEADER = re.compile(
    r"(?:\.\s?){3,}\s*(?:(?P<page>\d{1,4}|[ivxlc]{1,6})|page|error! bookmark not defined\.)\s*$",
    re.IGNORECASE,
)
_RIGHT_PAGE = re.compile(r"\S\s{3,}(?P<page>\d{1,4})\s*$")
"""An entry without leaders: its page number set apart at the right ("ARTICLE 1   RECOGNITION   1")."""
_HEADER = re.compile(r"^\s*(?:art\.|article|appendices|section)?\s*(?:title)?\s*page\s*$", re.I)
LEADER_RUN = 12
"""Dot-leader lines in a row, page numbers rising, that make a table of contents untitled."""
LOOKAHEAD = 3
"""Lines that continue an entry may stand this many lines before the next entry."""


@dataclass(frozen=True)
class Entry:
    """One entry of a table of contents."""

    number: str
    title: str
    page: str


@dataclass(frozen=True)
class Contents:
    """A table of contents as found: its pages (1-based) and its entries."""

    first_page: int
    last_page: int
    entries: tuple[Entry, ...]
    lines: tuple[int, int] = (0, 0)
    """Its first and last line (1-based), for a text given as one page."""

    @property
    def where(self) -> str:
        if self.lines != (0, 0):
            return f"lines {self.lines[0]}-{self.lines[1]}"
        if self.first_page == self.last_page:
            return f"p. {self.first_page}"
        return f"pp. {self.first_page}-{self.last_page}"


def _entry_line(line: str, titled: bool) -> bool:
    if LEADER.search(line):
        return True
    return titled and bool(_RIGHT_PAGE.search(line)) and len(line.split()) <= 14


def _continuation(line: str) -> bool:
    stripped = line.strip()
    if not stripped or stripped.endswith((".", ";", ":")):
        return False
    return len(stripped) < 70 or _numbered(stripped)


def find_contents(pages: list[str], unit: str = "page") -> tuple[list[str], Contents | None]:
    """Return the pages without their table of contents, and the table (None if there is none).

    With `unit` "line" (a text file, one page) the table is placed by its lines.
    """
    lines = [(number, line) for number, page in enumerate(pages) for line in page.split("\n")]
    start = _start(lines)
    if start is None:
        return pages, None
    titled = bool(_TITLE.match(lines[start][1]))
    taken = {start}
    index = start + 1
    last_entry = start
    while index < len(lines):
        line = lines[index][1]
        if _entry_line(line, titled) or _HEADER.match(line):
            taken.update(range(last_entry + 1, index + 1))
            last_entry = index
        elif (line.strip() and not _continuation(line)) or index - last_entry > LOOKAHEAD * 2 + 4:
            break
        index += 1
    if len(taken) < 3:
        return pages, None
    entries = _entries([lines[i][1] for i in sorted(taken)], titled)
    kept: list[list[str]] = [[] for _ in pages]
    for i, (number, line) in enumerate(lines):
        if i not in taken:
            kept[number].append(line)
    first, last = lines[min(taken)][0] + 1, lines[max(taken)][0] + 1
    span = (min(taken) + 1, max(taken) + 1) if unit == "line" else (0, 0)
    return ["\n".join(page) for page in kept], Contents(first, last, tuple(entries), span)


def _start(lines: list[tuple[int, str]]) -> int | None:
    for index, (_, line) in enumerate(lines):
        if _TITLE.match(line):
            following = [text for _, text in lines[index + 1 : index + 12] if text.strip()]
            if sum(1 for text in following if _entry_line(text, True)) >= 3:
                return index
    run: list[int] = []
    pages: list[int] = []
    for index, (_, line) in enumerate(lines):
        found = LEADER.search(line)
        if found is None:
            if line.strip():
                run, pages = [], []
            continue
        page = found.group("page")
        value = int(page) if page and page.isdigit() else None
        if value is not None and pages and value < pages[-1]:
            run, pages = [], []
        run.append(index)
        if value is not None:
            pages.append(value)
        if len(run) >= LEADER_RUN:
            return run[0]
    return None


def _entries(lines: list[str], titled: bool) -> list[Entry]:
    entries: list[Entry] = []
    pending = ""
    for line in lines:
        stripped = line.replace("\t", " ").strip()
        if not stripped or _TITLE.match(stripped) or _HEADER.match(stripped):
            continue
        leader = LEADER.search(stripped)
        right = None if leader else _RIGHT_PAGE.search(stripped)
        if leader is None and (right is None or not titled):
            if pending and _numbered(stripped) and _numbered(pending):
                entries.append(_entry(pending, ""))  # an entry without a page ("See Article 6")
                pending = ""
            pending = f"{pending} {stripped}".strip()
            continue
        if pending and _numbered(stripped) and _numbered(pending):
            entries.append(_entry(pending, ""))
            pending = ""
        cut = leader.start() if leader else right.start() + 1  # type: ignore[union-attr]
        page = (leader or right).group("page") or ""  # type: ignore[union-attr]
        text = " ".join(f"{pending} {stripped[:cut]}".split())
        if pending and not _numbered(pending) and _numbered(stripped):
            # A title set on the line above its number ("EVALUATION AND" / "ARTICLE 10  26").
            entry = _entry(" ".join(stripped[:cut].split()), page)
            entries.append(Entry(entry.number, f"{pending} {entry.title}".strip(), page))
            pending = ""
            continue
        pending = ""
        entries.append(_entry(text, page))
    if pending:
        entries.append(_entry(pending, ""))
    return entries


def _numbered(text: str) -> bool:
    return split_number(text) is not None or bool(re.match(r"^([0-9]{1,3}|[A-Z])\s+\S", text))


def _entry(text: str, page: str) -> Entry:
    found = split_number(text)
    if found is not None:
        number, _, _, rest = found
        return Entry(number, rest.lstrip(" -\u2013"), page)
    bare = re.match(r"^([0-9]{1,3}|[A-Z])\s+(\S.*)$", text)
    if bare:
        return Entry(bare.group(1), bare.group(2), page)
    return Entry("", text, page)


_INDEX_TITLE = re.compile(r"^\s*index\s*$", re.IGNORECASE)
_INDEX_ENTRY = re.compile(r"[,\s]\d{1,4}(?:[\u2013-]\d{1,4})?\b")
INDEX_SHARE = 0.5
"""Share of an index's lines that carry a page reference ("holidays, 117")."""


def find_index(pages: list[str]) -> tuple[list[str], tuple[int, int] | None]:
    """Return the pages without a back-of-book index, and the index's pages (1-based).

    An index is a line "Index" in the last third of the document after which, to the
    end, most lines carry a page reference.
    """
    for number in range(len(pages) * 2 // 3, len(pages)):
        lines = pages[number].split("\n")
        for at, line in enumerate(lines):
            if not _INDEX_TITLE.match(line):
                continue
            rest = [x for x in lines[at + 1 :] if x.strip()]
            for page in pages[number + 1 :]:
                rest.extend(x for x in page.split("\n") if x.strip())
            if rest and sum(1 for x in rest if _INDEX_ENTRY.search(x)) >= INDEX_SHARE * len(rest):
                kept = [*pages[:number], "\n".join(lines[:at]), *([""] * (len(pages) - number - 1))]
                return kept, (number + 1, len(pages))
    return pages, None
