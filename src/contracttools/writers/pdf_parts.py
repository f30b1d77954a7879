"""A long PDF laid out in parts, one process a core, then joined into one tagged PDF.

WeasyPrint lays a document out on one core. A long document (a full blackline, the
redline of a new term) is cut at its articles into a front part (the title, the contents
and the changes table: everything before the first article) and one body part a core.
Each body part is laid out in a process of its own; when its pages are laid out it
reports how many, and waits to be told the page it starts on and the document's length,
so that "Page X of Y" is right before its margins are drawn. The front part is laid out
twice here: once to learn its length, once with the page number of every entry of its
contents (its `target-counter` page references become the numbers the parts reported).
The parts' PDFs are then joined with pikepdf: pages, fonts and annotations copied, one
structure tree (each part's elements under one Document element, the parent tree's keys
renumbered), one set of named destinations (links between parts resolve), one outline
built from every part's headings as a single document would have it.

What differs from a single-process PDF, and is said in docs/performance.md: each part
starts on a new page, so a document printed in parts has a page break before each part's
first article (two or three in a long document) that one process would not have made.
"""

from __future__ import annotations

import io
import itertools
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from contracttools.errors import ContractToolsError

PARTS_FROM = 200_000
"""Characters of HTML from which a document is laid out in parts: below it, the second
layout of the front part and the join cost more than the second core saves (measured in
docs/performance.md)."""

_ARTICLE = re.compile(r'<section class="(?:clause depth-0|item)[ "]')
"""Where a part may start: an article of a redline or an agreement, a packet's item."""
_PAGE_REFERENCE = re.compile(r"target-counter\(\s*attr\(\s*href\s*\)\s*,\s*page\s*\)")
_FIRST_PAGE = re.compile(r"@page\s*:first\b")
_INTERNAL_LINK = re.compile(r'<a\b([^>]*?)\shref="#([^"]+)"')
_EMPTY_REFERENCE = re.compile(r'<a\b[^>]*\shref="#[^"]*"[^>]*></a>')
_RUNNING_HEAD = re.compile(r'<(\w+) class="running-head">.*?</\1>', re.DOTALL)
_BODY = re.compile(r"<body\b[^>]*>")
_CONTAINER = re.compile(r"<(/?)(main|div|article|section|nav)\b[^>]*>")


class PartFailed(ContractToolsError):
    """A part's process ended without its PDF."""


@dataclass(frozen=True)
class Cut:
    """A document cut into parts: the front part and the body parts, each a whole page of
    HTML with the same head."""

    front: str
    bodies: tuple[str, ...]


@dataclass
class Laid:
    """What a part's process reports once its PDF is written."""

    pdf: bytes
    pages: int
    anchors: dict[str, int]
    """Each anchor's page, counted from the part's first page (0)."""
    bookmarks: list[list[tuple[int, str, tuple[float, float], str]]]
    """Each page's bookmarks as WeasyPrint gives them: level, label, point, state."""
    heights: list[float]
    errors: list[str] = field(default_factory=list)


def cores_to_use() -> int:
    """Return the cores a PDF may be laid out on: CONTRACTTOOLS_CORES where it is set to 2
    or more (the cores this process may run on at most), else 1: one process, as before,
    until the parts' targets are met (docs/performance.md)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # pragma: no cover - parts are laid out in forked processes
    asked = os.environ.get("CONTRACTTOOLS_CORES", "").strip()
    if not asked.isdigit() or int(asked) < 2:
        return 1
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        usable = os.cpu_count() or 1
    return max(2, min(int(asked), usable))


def front_styles(css: str) -> str:
    """Return a style sheet of the front part: each page reference reads the number the
    front part's link carries (`data-page`) instead of counting pages."""
    return _PAGE_REFERENCE.sub("attr(data-page)", css)


def body_styles(css: str) -> str:
    """Return a style sheet of a body part: no page of it is the document's first."""
    return _FIRST_PAGE.sub("@page contracttools-none", css)


def cut(page: str, parts: int) -> Cut | None:
    """Return `page` cut at its articles into a front part and up to `parts` body parts of
    about the same length, or None where it does not cut: fewer than two articles, or a
    page reference (an empty internal link) after the first article."""
    body = _BODY.search(page)
    starts = [m.start() for m in _ARTICLE.finditer(page)]
    end = page.rfind("</body>")
    if body is None or len(starts) < 2 or parts < 1 or end < starts[-1]:
        return None
    first = starts[0]
    if _EMPTY_REFERENCE.search(page, first):
        return None
    head, front = page[: body.end()], page[body.end() : first]
    # The elements the articles sit in (an agreement's <main>), opened again in each part.
    wrappers: list[re.Match[str]] = []
    for tag in _CONTAINER.finditer(front):
        if tag.group(1):
            if not wrappers or wrappers[-1].group(2) != tag.group(2):
                return None
            wrappers.pop()
        else:
            wrappers.append(tag)
    opens = "".join(w.group() for w in wrappers)
    # The front part ends where the articles' containers open: an empty one would be a page.
    front_end = body.end() + wrappers[0].start() if wrappers else first
    closes = "".join(f"</{w.group(2)}>" for w in reversed(wrappers))
    last = page.rfind(f"</{wrappers[-1].group(2)}>", first, end) if wrappers else end
    if last < starts[-1]:
        return None
    bounds = [first]
    for k in range(1, parts):
        target = first + (last - first) * k // parts
        at = min(starts, key=lambda s: abs(s - target))
        if at > bounds[-1]:
            bounds.append(at)
    bounds.append(last)
    segments = [page[a:b] for a, b in itertools.pairwise(bounds)]
    if any(s.count("<section") != s.count("</section>") for s in segments):
        return None
    # A running head set once in the front (an agreement's title page) is set again.
    heads = [m.group() for m in _RUNNING_HEAD.finditer(front)]
    hidden = (
        heads[-1].replace(
            ' class="running-head"', ' class="running-head" style="visibility: hidden"', 1
        )
        if heads
        else ""
    )
    later = body_styles(head) + hidden + opens
    ending = "</body>\n</html>\n"
    bodies = [later + segment + closes + ending for segment in segments[:-1]]
    bodies.append(later + segments[-1] + page[last:end] + ending)
    return Cut(front=page[:front_end] + ending, bodies=tuple(bodies))


def numbered_front(front: str, pages: dict[str, int], placeholder: str | None = None) -> str:
    """Return the front part with each page reference as a number: `data-page` on every
    internal link, read by its `target-counter` rule rewritten to `attr(data-page)`."""

    def number(match: re.Match[str]) -> str:
        attributes, anchor = match.groups()
        value = placeholder if placeholder is not None else str(pages.get(anchor, ""))
        return f'<a{attributes} data-page="{value}" href="#{anchor}"'

    return _PAGE_REFERENCE.sub("attr(data-page)", _INTERNAL_LINK.sub(number, front))


# --- WeasyPrint, told each part's place in the whole -------------------------------------

Told = Callable[[int], tuple[int, int]]
"""Given a part's page count, the pages before it and the document's page count."""

_numbering: Told | None = None
"""In a part being laid out: given its page count, the page before its first and the
document's page count."""


def _install() -> None:
    """Wrap WeasyPrint's margin boxes (numbered from `_numbering`) and its link resolution
    (links to an anchor in another part are kept: the joined PDF holds the anchor)."""
    import weasyprint.layout as layout
    import weasyprint.pdf as pdf

    if getattr(layout, "_contracttools_parts", False):
        return
    margin_boxes = layout.make_margin_boxes
    resolve_links = pdf.resolve_links
    told: dict[int, tuple[int, int]] = {}

    def numbered_margin_boxes(context: Any, page: Any, state: Any) -> Any:
        if _numbering is not None:
            counters = state[1]
            key = id(context)
            if key not in told:
                told.clear()
                told[key] = _numbering(counters["pages"][0])
            before, total = told[key]
            counters["page"] = [counters["page"][0] + before]
            counters["pages"] = [total]
        return margin_boxes(context, page, state)

    def kept_links(pages: Any) -> Iterator[Any]:
        if _numbering is None:
            yield from resolve_links(pages)
            return
        seen: set[str] = set()
        for page in pages:
            # An anchor's first page, as WeasyPrint's own resolution keeps it.
            anchors = [(n, x, y) for n, (x, y, _, _) in page.anchors.items() if n not in seen]
            seen.update(n for n, _, _ in anchors)
            yield page.links, anchors

    layout.make_margin_boxes = numbered_margin_boxes
    pdf.resolve_links = kept_links
    layout._contracttools_parts = True


@contextmanager
def _numbered(told: Told) -> Iterator[None]:
    global _numbering
    _install()
    _numbering = told
    try:
        yield
    finally:
        _numbering = None


Render = Callable[[str, Callable[[str], str]], tuple[Any, bytes]]
"""Lay out a page of HTML whose style sheets pass through a function; return the laid-out
document and its PDF."""


def lay_out(page: str, styles: Callable[[str], str], render: Render, told: Told) -> Laid:
    """Lay out and write one part, numbered as `told` says once its length is known."""
    with _numbered(told):
        document, pdf = render(page, styles)
    anchors: dict[str, int] = {}
    for number, laid in enumerate(document.pages):
        for name in laid.anchors:
            anchors.setdefault(name, number)
    return Laid(
        pdf=pdf,
        pages=len(document.pages),
        anchors=anchors,
        bookmarks=[list(laid.bookmarks) for laid in document.pages],
        heights=[laid.height for laid in document.pages],
    )


def _part_process(connection: Connection, page: str, render: Render) -> None:
    """A part's process: lay out, report the length, wait for the numbering, write."""

    def told(pages: int) -> tuple[int, int]:
        connection.send(("pages", pages))
        before, total = connection.recv()
        return int(before), int(total)

    try:
        laid = lay_out(page, body_styles, render, told)
    except ContractToolsError as error:
        connection.send(("refused", str(error)))
    except Exception as error:  # reported to the parent, which raises
        connection.send(("failed", f"{type(error).__name__}: {error}"))
    else:
        connection.send(("done", laid))
    connection.close()


def write_in_parts(parts: Cut, render: Render, refused: type[ContractToolsError]) -> bytes:
    """Return the PDF of a cut document: its body parts laid out in parallel processes, its
    front part here, joined."""
    context = multiprocessing.get_context("fork")
    processes, connections = [], []
    for body in parts.bodies:
        mine, theirs = context.Pipe()
        process = context.Process(target=_part_process, args=(theirs, body, render), daemon=True)
        process.start()
        theirs.close()
        processes.append(process)
        connections.append(mine)
    try:
        # The front part's length, with every page reference as wide as a real one.
        placeholder = "8" * 4
        first = lay_out(
            numbered_front(parts.front, {}, placeholder), front_styles, render, lambda n: (0, n)
        )
        counts = [_expect(c, "pages", refused) for c in connections]
        total = first.pages + sum(counts)
        before = first.pages
        for connection, count in zip(connections, counts, strict=True):
            connection.send((before, total))
            before += count
        laids = [_expect(c, "done", refused) for c in connections]
        starts, at = [], first.pages
        for laid in laids:
            starts.append(at)
            at += laid.pages
        pages = {name: page + 1 for name, page in first.anchors.items()}
        for start, laid in zip(starts, laids, strict=True):
            for name, page in laid.anchors.items():
                pages.setdefault(name, start + page + 1)
        front = lay_out(
            numbered_front(parts.front, pages), front_styles, render, lambda n: (0, total)
        )
        if front.pages != first.pages:
            raise PartFailed(
                f"the front pages came out {front.pages} long, not {first.pages}, once numbered"
            )
        return join([front, *laids])
    finally:
        for process in processes:
            if process.is_alive():
                process.kill()
            process.join()


def _expect(connection: Connection, what: str, refused: type[ContractToolsError]) -> Any:
    """Return the next message of `what` from a part, raising what the part raised."""
    wait([connection])
    try:
        kind, value = connection.recv()
    except EOFError:
        raise PartFailed("a part's process ended before its PDF was written") from None
    if kind == "refused":
        raise refused(value)
    if kind == "failed":
        raise PartFailed(f"a part's process failed: {value}")
    if kind != what:
        raise PartFailed(f"a part's process said {kind!r} where {what!r} was expected")
    return value


# --- The join ------------------------------------------------------------------------------


def _nums(tree: Any) -> Iterator[tuple[int, Any]]:
    """Yield a number tree's keys and values, through its kids."""
    if "/Nums" in tree:
        values = list(tree.Nums)
        for k in range(0, len(values), 2):
            yield int(values[k]), values[k + 1]
    for kid in tree.get("/Kids", []):
        yield from _nums(kid)


def _names(tree: Any) -> Iterator[tuple[Any, Any]]:
    """Yield a name tree's names and values, through its kids."""
    if "/Names" in tree:
        values = list(tree.Names)
        for k in range(0, len(values), 2):
            yield values[k], values[k + 1]
    for kid in tree.get("/Kids", []):
        yield from _names(kid)


def _copied(whole: Any, value: Any) -> Any:
    """Return a value of another PDF as `whole` holds it: indirect objects copied (once:
    pikepdf keeps what it copied from each PDF), direct arrays and dictionaries rebuilt."""
    import pikepdf

    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return whole.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copied(whole, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({k: _copied(whole, v) for k, v in value.items()})
    return value


def join(laids: Sequence[Laid]) -> bytes:
    """Return one PDF of the parts' PDFs in order: the first part's catalog (metadata,
    language, viewer preferences), every part's pages, one structure tree, one set of
    named destinations and one outline."""
    import pikepdf

    whole = pikepdf.open(io.BytesIO(laids[0].pdf))
    root = whole.Root.StructTreeRoot
    document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
    nums = list(_nums(root.ParentTree))
    key = max((k for k, _ in nums), default=-1) + 1
    names = list(_names(whole.Root.Names.Dests)) if "/Names" in whole.Root else []
    others = []
    for laid in laids[1:]:
        part = pikepdf.open(io.BytesIO(laid.pdf))
        others.append(part)
        tree = part.Root.StructTreeRoot
        top = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
        part_nums = list(_nums(tree.ParentTree))
        for page in part.pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + key
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + key
        del top["/P"]
        whole.pages.extend(part.pages)
        copied = whole.copy_foreign(top)
        for kid in list(copied.K):
            if isinstance(kid, pikepdf.Dictionary) and "/P" in kid:
                kid.P = document
            document.K.append(kid)
        copied_nums = [(k + key, _copied(whole, v)) for k, v in part_nums]
        # Elements WeasyPrint parents on the Document without listing them in it (page
        # artifacts' NonStruct) are parented on the one Document too.
        for _, value in copied_nums:
            for element in value if isinstance(value, pikepdf.Array) else [value]:
                parent = element.get("/P") if isinstance(element, pikepdf.Dictionary) else None
                while parent is not None and parent.objgen != copied.objgen:
                    parent = parent.get("/P")
                    element = element.P
                if parent is not None:
                    element.P = document
        nums.extend(copied_nums)
        key += max((k for k, _ in part_nums), default=-1) + 1
        if "/Names" in part.Root and "/Dests" in part.Root.Names:
            names.extend((n, _copied(whole, d)) for n, d in _names(part.Root.Names.Dests))
    flat: list[Any] = []
    for k, v in sorted(nums, key=lambda item: item[0]):
        flat.extend([k, v])
    root.ParentTree = whole.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(flat)))
    root.ParentTreeNextKey = key
    if names:
        ordered: list[Any] = []
        for n, d in sorted(names, key=lambda item: bytes(item[0])):
            ordered.extend([n, d])
        if "/Names" not in whole.Root:
            whole.Root.Names = pikepdf.Dictionary()
        whole.Root.Names.Dests = whole.make_indirect(
            pikepdf.Dictionary(Names=pikepdf.Array(ordered))
        )
    _outline(whole, laids)
    out = io.BytesIO()
    whole.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    for part in others:
        part.close()
    return out.getvalue()


def _outline(whole: Any, laids: Sequence[Laid]) -> None:
    """Write the outline a single document would have: every part's bookmarks, in order,
    nested by their levels across parts (WeasyPrint's own tree-making)."""
    import pikepdf
    from weasyprint.anchors import make_page_bookmark_tree
    from weasyprint.matrix import Matrix

    @dataclass
    class Bookmarked:
        bookmarks: list[tuple[int, str, tuple[float, float], str]]
        height: float

    tree: list[Any] = []
    skipped: list[int] = []
    last = [tree]
    previous = 0
    number = 0
    scale = 0.75
    for laid in laids:
        for marks, height in zip(laid.bookmarks, laid.heights, strict=True):
            matrix = Matrix(a=scale, d=-scale, f=height * scale)
            previous = make_page_bookmark_tree(
                Bookmarked(marks, height), skipped, last, previous, number, matrix
            )
            number += 1

    def items(subtrees: list[Any]) -> list[Any]:
        made = []
        for label, (page, x, y), children, state in subtrees:
            item = pikepdf.OutlineItem(label, page, pikepdf.PageLocation.XYZ, left=x, top=y, zoom=0)
            item.children.extend(items(children))
            item.is_closed = state == "closed"
            made.append(item)
        return made

    with whole.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(items(tree))
