"""What an import of a corpus document got right, measured against its truth file.

The truth files (`tests/corpus/*.json`, written by `make_truth.py` from `pdftotext
-layout`) hold heading numbers, article numbers and unread pages; the text measures
(words joined at a line-end hyphen) read the same independent text.  Used by the corpus
tests and by `benchmarks/import_corpus.py`.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from contracttools.model import Agreement, Clause
from contracttools.negotiation.structure import structure_warnings

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent.parent / "shared" / "corpus"
_KEYWORD = re.compile(r"^(?:article|section|appendix|addendum|sec\.|art\.)\s*", re.IGNORECASE)
_SECTION_CELL = re.compile(r"^\d+(?:[.-]\d+)+\.?$")
_PAGES = re.compile(r"\bpp?\.\s*([\d, \u2013-]+)|\bpages?\s+([\d, \u2013-]+)")


def documents() -> list[str]:
    """Return the corpus documents that have a truth file."""
    return sorted(p.stem + ".pdf" for p in HERE.glob("*.json"))


def truth(name: str) -> dict[str, object]:
    return dict(json.loads((HERE / (Path(name).stem + ".json")).read_text("utf-8")))


def normal(number: str) -> str:
    """Return a clause number as the truth files write it ("Article 5." -> "5")."""
    return _KEYWORD.sub("", number.strip()).rstrip(".").strip()


def walk(clauses: tuple[Clause, ...]) -> Iterator[Clause]:
    for clause in clauses:
        yield clause
        yield from walk(clause.clauses)


@dataclass(frozen=True)
class Measured:
    headings: int
    in_order: int
    articles: int
    articles_top: int
    sections: int
    sections_held: int
    table_numbers: int
    wrong_joins: int
    joins: int
    unread: int
    unread_named: int
    lint: int
    """Structure warnings `contracttools check` gives the import."""


def in_order(expected: list[str], found: list[str]) -> int:
    """Return how many expected numbers the found ones hold in the same order."""
    matcher = SequenceMatcher(None, expected, found, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def _belongs(section: str, article: str) -> bool:
    return section != article and (
        section.startswith(article + ".") or section.startswith(article + "-")
    )


def held(agreement: Agreement, articles: list[str], headings: list[str]) -> tuple[int, int, int]:
    """Return (articles at the top level, sections of those under them, sections in all)."""
    top = {normal(c.number): c for c in agreement.clauses}
    at_top = sum(1 for a in articles if a in top)
    total = under = 0
    for article in articles:
        sections = [h for h in headings if _belongs(h, article)]
        total += len(sections)
        clause = top.get(article)
        if clause is None:
            continue
        inside = {normal(c.number) for c in walk(clause.clauses)}
        under += sum(1 for s in sections if s in inside)
    return at_top, under, total


def table_numbers(agreement: Agreement) -> int:
    """Return how many numbered lines were read as table rows.

    A row is one when its first cell is a section number and another cell holds a
    sentence's worth of words (five or more): clause text, not a figure or a range of a
    schedule ("2-3 | $73.52").
    """
    count = 0
    for clause in walk(agreement.clauses):
        for line in clause.text.split("\n"):
            if line.startswith("| "):
                cells = [c.strip() for c in line.strip("| ").split(" | ")]
                count += bool(_SECTION_CELL.match(cells[0])) and any(
                    len(c.split()) >= 5 for c in cells[1:]
                )
    return count


def layout_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def wrong_joins(source_text: str, agreement: Agreement) -> tuple[int, int]:
    """Return (words wrongly joined at a line-end hyphen, line-end hyphens in all).

    A join is wrong when the document spells the hyphenated form elsewhere on one line
    and never the joined form.
    """
    lines = source_text.split("\n")
    inline: set[str] = set()
    for line in lines:
        inline.update(w.lower() for w in _WORD.findall(line.rstrip().rstrip("-")))
    pairs = []
    for line, following in itertools.pairwise(lines):
        end = re.search(r"([A-Za-z]+)-$", line.rstrip())
        start = re.match(r"\s*([a-z]+)", following)
        if end and start:
            pairs.append((end.group(1).lower(), start.group(1).lower()))
    text = " ".join(c.text + " " + c.title for c in walk(agreement.clauses)).lower()
    words = set(_WORD.findall(text)) | set(re.findall(r"[a-z]+", text))
    wrong = 0
    for first, second in set(pairs):
        hyphened, joined = f"{first}-{second}", first + second
        if hyphened in inline and joined not in inline and joined in words:
            wrong += 1
    return wrong, len(pairs)


def named_pages(notes: list[str]) -> set[int]:
    """Return the pages the report names as unread."""
    pages: set[int] = set()
    for note in notes:
        if "no text" not in note:
            continue
        for match in _PAGES.finditer(note):
            for part in (match.group(1) or match.group(2)).split(","):
                bounds = re.split(r"[-\u2013]", part.strip())
                if bounds[0].isdigit():
                    end = bounds[-1] if bounds[-1].isdigit() else bounds[0]
                    pages.update(range(int(bounds[0]), int(end) + 1))
    return pages


def measure(name: str, agreement: Agreement, notes: list[str], text: str) -> Measured:
    expected = truth(name)
    headings = [str(h) for h in expected["headings"]]  # type: ignore[attr-defined]
    articles = [str(a) for a in expected["articles"]]  # type: ignore[attr-defined]
    unread = {int(p) for p in expected["unread_pages"]}  # type: ignore[attr-defined]
    found = [normal(c.number) for c in walk(agreement.clauses) if c.number]
    at_top, under, total = held(agreement, articles, headings)
    wrong, joins = wrong_joins(text, agreement)
    return Measured(
        headings=len(headings),
        in_order=in_order(headings, found),
        articles=len(articles),
        articles_top=at_top,
        sections=total,
        sections_held=under,
        table_numbers=table_numbers(agreement),
        wrong_joins=wrong,
        joins=joins,
        unread=len(unread),
        unread_named=len(unread & named_pages(notes)),
        lint=len(structure_warnings(agreement)),
    )
