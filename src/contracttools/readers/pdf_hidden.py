"""Text in a PDF that a PDF viewer does not show: found in the pages' content streams.

A PDF can carry text no reader sees: drawn in render mode 3 or 7 (neither filled nor
stroked), filled white on a page where nothing else has been painted, or set under
2 points. pdftotext reads it all the same, so such text would come into the clauses as
if it were printed. :func:`scan` walks each page's content stream, keeping the graphics
state a viewer keeps (the fill colour, the render mode, the font size and the text and
transformation matrices, saved and restored by ``q`` and ``Q``), and names each text-
showing operator a viewer would not show; :func:`without` writes a copy of the PDF with
those operators removed, for pdftotext to read.

Invisible text over an image is an OCR layer (a scanned page made searchable): it is the
page's only text, so it is kept, and the report says so.

Limits: text inside form XObjects is not scanned (it is read as pdftotext reads it);
white text is taken as hidden only on a page that draws no image and where nothing but
white has been filled before it, so white text on a dark box (a table header) is kept.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

TINY = 2.0
"""Text set smaller than this many points is not read (no reader sees it)."""

_SHOW = {"Tj", "TJ", "'", '"'}
_FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
_OPERATORS = " ".join(
    [
        *sorted(_SHOW),
        "q Q cm BT ET Tf Tm Tr g rg k sc scn cs",
        *sorted(_FILLS),
    ]
)

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass
class Page:
    """What one page hides: the reasons, and the ordinals of its text-showing operators
    that a viewer would not show (counting every text-showing operator of the page)."""

    number: int
    reasons: list[str] = field(default_factory=list)
    hidden: set[int] = field(default_factory=set)
    ocr_layer: bool = False


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    white: bool = False
    mode: int = 0
    size: float = 12.0


def _times(a: Matrix, b: Matrix) -> Matrix:
    """Return a x b, PDF matrices [a b c d e f] as row vectors."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _numbers(operands: Iterable[object]) -> list[float] | None:
    out = []
    for value in operands:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            out.append(float(value))
        else:
            return None
    return out


def _is_white(values: list[float] | None, space: str) -> bool:
    if not values:
        return False
    if space == "cmyk" or (space == "" and len(values) == 4):
        return all(v <= 0.001 for v in values)
    return all(v >= 0.999 for v in values)


def scan_page(pdf_page: pikepdf.Page, number: int) -> Page:
    """Return what one pikepdf page hides from a viewer."""
    import pikepdf

    page = Page(number)
    state = _State()
    stack: list[_State] = []
    tm: Matrix = IDENTITY
    painted = False  # something not white has been filled: white text may sit on it
    image: bool | None = None  # whether the page draws an image: looked up when needed
    shown = 0
    space = ""
    instructions = pikepdf.parse_content_stream(pdf_page, _OPERATORS)
    for instruction in instructions:
        operands = instruction.operands
        name = str(instruction.operator)
        if name in _SHOW:
            scale = math.sqrt(abs(_determinant(_times(tm, state.ctm))))
            reason = None
            if state.mode in (3, 7):
                # Invisible text on a page that draws an image (a scan) is the scan's
                # OCR layer, wherever it comes in the content stream.
                if image is None:
                    image = _draws_image(pdf_page)
                page.ocr_layer = page.ocr_layer or image
                reason = None if image else "invisible (render mode 3)"
            elif state.white and state.mode in (0, 2, 4, 6) and not painted:
                if image is None:
                    image = _draws_image(pdf_page)
                reason = None if image else "white, on a white page"  # an image may be dark
            elif state.size * scale < TINY:
                reason = f"under {TINY:g} points"
            if reason is not None:
                page.hidden.add(shown)
                if reason not in page.reasons:
                    page.reasons.append(reason)
            shown += 1
        elif name == "q":
            stack.append(_State(state.ctm, state.white, state.mode, state.size))
        elif name == "Q":
            if stack:
                state = stack.pop()
        elif name == "cm":
            values = _numbers(operands)
            if values is not None and len(values) == 6:
                state.ctm = _times(
                    (values[0], values[1], values[2], values[3], values[4], values[5]), state.ctm
                )
        elif name == "BT":
            tm = IDENTITY
        elif name == "Tm":
            values = _numbers(operands)
            if values is not None and len(values) == 6:
                tm = (values[0], values[1], values[2], values[3], values[4], values[5])
        elif name == "Tf":
            values = _numbers(operands[1:])
            if values:
                state.size = abs(values[0])
        elif name == "Tr":
            values = _numbers(operands)
            if values:
                state.mode = int(values[0])
        elif name in ("g", "rg", "k"):
            state.white = _is_white(
                _numbers(operands), {"g": "gray", "rg": "rgb", "k": "cmyk"}[name]
            )
            space = ""
        elif name == "cs":
            space = str(operands[0]) if operands else ""
            space = {"/DeviceGray": "gray", "/DeviceRGB": "rgb", "/DeviceCMYK": "cmyk"}.get(
                space, "other"
            )
            state.white = False
        elif name in ("sc", "scn"):
            values = _numbers(operands)
            state.white = space != "other" and _is_white(values, space)
        elif name in _FILLS and not state.white:
            painted = True
    return page


def _draws_image(pdf_page: pikepdf.Page) -> bool:
    """Whether a page has an image among its resources or draws one inline."""
    resources = pdf_page.obj.get("/Resources")
    xobjects = resources.get("/XObject") if resources is not None else None
    if xobjects is not None:
        for _, xobject in xobjects.items():
            if xobject.get("/Subtype") == "/Image":
                return True
    return re.search(rb"(?:^|\s)BI\s", _raw(pdf_page)) is not None


def _raw(pdf_page: pikepdf.Page) -> bytes:
    """Return a page's content stream, its parts joined."""
    import pikepdf

    contents = pdf_page.obj.get("/Contents")
    if contents is None:
        return b""
    parts = contents if isinstance(contents, pikepdf.Array) else [contents]
    return b"\n".join(part.read_bytes() for part in parts)


def _determinant(m: Matrix) -> float:
    return m[0] * m[3] - m[1] * m[2]


def scan(path: str, first: int, last: int | None) -> list[Page]:
    """Return the pages from `first` to `last` (1-based) that hide text or carry an OCR layer."""
    import pikepdf

    found = []
    with pikepdf.open(path) as document:
        end = len(document.pages) if last is None else min(last, len(document.pages))
        for number in range(first, end + 1):
            page = scan_page(document.pages[number - 1], number)
            if page.hidden or page.ocr_layer:
                found.append(page)
    return found


def without(path: str, pages: Sequence[Page], target: Path) -> list[int]:
    """Write to `target` the pages that hide text, in order, without the hidden
    text-showing operators; return their page numbers (the target's pages, in turn)."""
    import pikepdf

    numbers = [page.number for page in pages if page.hidden]
    with pikepdf.open(path) as document, pikepdf.new() as cleaned:
        for page in pages:
            if not page.hidden:
                continue
            pdf_page = document.pages[page.number - 1]
            kept = []
            shown = 0
            for instruction in pikepdf.parse_content_stream(pdf_page):
                if str(instruction.operator) in _SHOW:
                    shown += 1
                    if shown - 1 in page.hidden:
                        continue
                kept.append(instruction)
            pdf_page.Contents = document.make_stream(pikepdf.unparse_content_stream(kept))
            cleaned.pages.append(pdf_page)
        cleaned.save(target)
    return numbers


def left_out(before: str, after: str) -> list[str]:
    """Return the pieces of text in `before` that are not in `after` (white space aside):
    words paired first, then the characters of the words that differ."""
    from difflib import SequenceMatcher

    a, b = before.split(), after.split()
    pieces = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "delete":
            pieces.append(" ".join(a[i1:i2]))
        elif tag == "replace":
            old, new = " ".join(a[i1:i2]), " ".join(b[j1:j2])
            matcher = SequenceMatcher(None, old, new, autojunk=False)
            for kind, k1, k2, _, _ in matcher.get_opcodes():
                if kind in ("delete", "replace") and old[k1:k2].strip():
                    pieces.append(old[k1:k2].strip())
    return pieces
