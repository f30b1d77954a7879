"""A long PDF laid out in parts, in parallel processes, reads as the single-process one.

Each document is written twice from the same inputs: in one process, and cut into parts
laid out in two processes and joined (the size from which that happens is lowered to
nothing here, so that the samples cut). Independent readers check what a reader of the
PDF would: pdftotext for the words and the printed page numbers (with their positions),
pikepdf for the links, named destinations, outline and structure tree.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from contracttools.writers import pdf_parts
from tests.conftest import SAMPLES, invoke

DOCUMENTS = {
    "blackline": ["conform", str(SAMPLES), "--schedules", "--redline"],
    "redline": [
        "diff",
        str(SAMPLES / "agreement-2020.yaml"),
        str(SAMPLES / "01-guild-1.yaml"),
        "--all",
    ],
    "packet": ["packet", str(SAMPLES / "02-producers-1.yaml"), "--signoff"],
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each document as one process writes it and as two parts joined."""
    folder = tmp_path_factory.mktemp("parts")
    out: dict[str, tuple[Path, Path]] = {}
    joins: list[int] = []
    join = pdf_parts.join

    def counted(laids: Any) -> bytes:
        joins.append(len(laids))
        return join(laids)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_parts, "PARTS_FROM", 0)
        patch.setattr(pdf_parts, "join", counted)
        for name, args in DOCUMENTS.items():
            single, joined = folder / f"{name}-1.pdf", folder / f"{name}-2.pdf"
            for target, cores in ((single, "1"), (joined, "2")):
                before = len(joins)
                status, output = invoke(
                    *args, "-o", str(target), env={"CONTRACTTOOLS_CORES": cores}
                )
                assert status in (0, 1), output
                # One process writes it whole; two write a front and two body parts.
                assert joins[before:] == ([] if cores == "1" else [3]), name
            out[name] = (single, joined)
    return out


def page_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    done = subprocess.run(
        ["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def words_but_numbers(path: Path) -> list[str]:
    """The PDF's words in reading order, inside its margins (without the running head and
    "Page 3 of 40": the pages are letter, their margins 0.9 inch), without the contents'
    page numbers and their leaders (as long as the numbers are wide)."""
    done = subprocess.run(
        ["pdftotext", "-x", "0", "-y", "60", "-W", "612", "-H", "672", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    words = (w.rstrip(".") if w.endswith("..") else w for w in done.stdout.split())
    return [w for w in words if w and not w.isdigit()]


def cue(word: str) -> bool:
    """An unprinted cue ("[+", "-][+"): a reader places them by their tiny glyphs'
    positions, so their order among the words moves with the page breaks."""
    return set(word) <= set("[]+-~")


def words_in_boxes(path: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """Each word of a page with its box (x0, y0, x1, y1 from the top), from pdftotext."""
    done = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        done.stdout,
    )
    return [(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in found]


def destinations(pdf: pikepdf.Pdf) -> dict[str, int]:
    """Each named destination's page (0-based)."""
    numbers = {page.objgen: k for k, page in enumerate(pdf.pages)}
    found: dict[str, int] = {}

    def walk(tree: Any) -> None:
        names = list(tree.get("/Names", []))
        for k in range(0, len(names), 2):
            found[str(names[k])] = numbers[names[k + 1][0].objgen]
        for kid in tree.get("/Kids", []):
            walk(kid)

    walk(pdf.Root.Names.Dests)
    return found


def outline(pdf: pikepdf.Pdf) -> list[tuple[int, str, int]]:
    """The outline, depth first: each item's depth, title and page (0-based)."""
    numbers = {page.objgen: k for k, page in enumerate(pdf.pages)}
    items: list[tuple[int, str, int]] = []

    def walk(children: Any, depth: int) -> None:
        for item in children:
            destination = item.destination
            items.append((depth, item.title, numbers[destination[0].objgen]))
            walk(item.children, depth + 1)

    with pdf.open_outline() as tree:
        walk(tree.root, 0)
    return items


def elements(pdf: pikepdf.Pdf) -> Iterator[Any]:
    """Every element of the structure tree, depth first."""
    stack = [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            kids = node.get("/K")
            if kids is not None:
                stack.append(kids)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_joined_has_the_single_documents_words(
    written: dict[str, tuple[Path, Path]], name: str
) -> None:
    single, joined = written[name]
    with pikepdf.open(single) as one, pikepdf.open(joined) as two:
        assert len(two.pages) > len(one.pages) - 1
        # A part starts on a new page: at most one page more a part (front and two bodies).
        assert len(two.pages) <= len(one.pages) + 2
    one_words, two_words = words_but_numbers(single), words_but_numbers(joined)
    assert [w for w in two_words if not cue(w)] == [w for w in one_words if not cue(w)]
    assert Counter(w for w in two_words if cue(w)) == Counter(w for w in one_words if cue(w))


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_page_says_its_number_of_the_whole(
    written: dict[str, tuple[Path, Path]], name: str
) -> None:
    _, joined = written[name]
    with pikepdf.open(joined) as pdf:
        total = len(pdf.pages)
    said = [re.findall(r"Page (\d+) of (\d+)", page_text(joined, k)) for k in range(1, total + 1)]
    # The blackline's title page carries no number (its own rule); every other page does.
    first = 2 if name == "blackline" else 1
    assert said[: first - 1] == [[]] * (first - 1)
    assert said[first - 1 :] == [[(str(k), str(total))] for k in range(first, total + 1)]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_contents_numbers_are_the_pages_links_go_to(
    written: dict[str, tuple[Path, Path]], name: str
) -> None:
    for path in written[name]:
        with pikepdf.open(path) as pdf:
            where = destinations(pdf)
            checked = 0
            for number, page in enumerate(pdf.pages, 1):
                height = float(page.mediabox[3])
                boxes = None
                for annotation in page.obj.get("/Annots", []):
                    if "/Dest" not in annotation:
                        continue
                    if boxes is None:
                        boxes = words_in_boxes(path, number)
                    xa, ya, xb, yb = (float(v) for v in annotation.Rect)
                    x0, x1, y0, y1 = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
                    inside = [
                        w
                        for a, b, c, d, w in boxes
                        if a >= x0 - 1
                        and c <= x1 + 1
                        and height - d >= y0 - 1
                        and height - b <= y1 + 1
                    ]
                    target = where[str(annotation.Dest)]
                    if inside and inside[-1].isdigit():
                        assert int(inside[-1]) == target + 1, (path.name, inside)
                        checked += 1
            assert checked >= 5, path.name


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_outline_and_destinations_match_and_land_on_their_headings(
    written: dict[str, tuple[Path, Path]], name: str
) -> None:
    single, joined = written[name]
    with pikepdf.open(single) as one, pikepdf.open(joined) as two:
        assert set(destinations(two)) == set(destinations(one))
        marks_one, marks_two = outline(one), outline(two)
        assert [(d, t) for d, t, _ in marks_two] == [(d, t) for d, t, _ in marks_one]
        assert len(marks_two) >= 10
        for _, title, page in marks_two:
            on_page = " ".join(page_text(joined, page + 1).split())
            assert " ".join(title.split()[:3]) in on_page, title


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_one_structure_tree_with_every_heading_and_link(
    written: dict[str, tuple[Path, Path]], name: str
) -> None:
    single, joined = written[name]
    with pikepdf.open(single) as one, pikepdf.open(joined) as two:
        root = two.Root.StructTreeRoot
        assert isinstance(root.K, pikepdf.Array) and len(root.K) == 1
        assert root.K[0].S == "/Document"

        def kinds(pdf: pikepdf.Pdf) -> list[str]:
            return [str(e.S) for e in elements(pdf) if re.fullmatch(r"/(H\d|Link|Table)", str(e.S))]

        headings = [k for k in kinds(two) if k.startswith("/H")]
        assert headings == [k for k in kinds(one) if k.startswith("/H")]
        assert kinds(two).count("/Link") == kinds(one).count("/Link")
        # The parent tree: a key for every page and link, each once, and every element it
        # holds a descendant of the one structure root (as the single-process PDF has it).
        nums = list(root.ParentTree.Nums)
        keys = [int(k) for k in nums[::2]]
        assert len(keys) == len(set(keys))
        assert int(root.ParentTreeNextKey) == max(keys) + 1
        for page in two.pages:
            assert int(page.obj.StructParents) in keys
            for annotation in page.obj.get("/Annots", []):
                assert int(annotation.StructParent) in keys
        for value in nums[1::2]:
            for element in value if isinstance(value, pikepdf.Array) else [value]:
                steps = 0
                while "/P" in element and steps < 100:
                    element, steps = element.P, steps + 1
                assert element.objgen == root.objgen
