"""Pieces in, an agreement out: headings nest into articles, sections and subsections.

A numbered heading sits under the nearest open clause whose number begins its own
("24.2.2" under "24.2" or "Article 24", never under "24.2.1.2"); where none does, it
closes the open clauses numbered in its style that do not hold it.  Otherwise headings
nest by the shape of their numbers: a shape seen before closes every clause
opened since its last use; a new shape opens a level below the current one; within one
family (dotted numbers) a shallower rank closes deeper ones.  Articles, appendices,
addenda, exhibits and side letters are siblings at the top, whichever came first,
never inside a numbered clause.  An
unnumbered heading sits at its heading style's level, and never holds numbered clauses.
Headings guessed from bold or underlined paragraphs (`unnumbered`) sit under the styled
ones and hold the numbered clauses after them.  Text before the first heading is the
preamble.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from contracttools.importing.headings import Heading
from contracttools.importing.ids import IdMaker
from contracttools.importing.unnumbered import SUMMED, headings, summed_note
from contracttools.model import Agreement, Clause
from contracttools.readers.numbers import Signature, title_like
from contracttools.readers.source import Note, Piece

_MARKUP = re.compile(r"([*|])")


def escape(text: str) -> str:
    """Return text with the characters the body format reads as markup escaped.

    The body format's only markup is emphasis with asterisks and pipe tables, so a
    literal `*` or `|` is written `\\*`, `\\|`; underscores, backticks and other
    backslashes are text as typed (docs/format.md).
    """
    return _MARKUP.sub(r"\\\1", text)


def pipe_table(rows: tuple[tuple[str, ...], ...]) -> str:
    """Return rows as a pipe table, the first row its header."""
    width = max(len(row) for row in rows)

    def line(row: tuple[str, ...]) -> str:
        cells = [escape(" ".join(cell.split())) for cell in row] + [""] * (width - len(row))
        return "| " + " | ".join(cells) + " |"

    return "\n".join([line(rows[0]), "|" + " --- |" * width, *(line(r) for r in rows[1:])])


@dataclass
class Draft:
    """A clause being assembled."""

    number: str
    title: str
    signature: Signature
    rank: int
    source: int
    where: str
    blocks: list[str] = field(default_factory=list)
    children: list[Draft] = field(default_factory=list)

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n" if self.blocks else ""


@dataclass
class Built:
    """An agreement found in pieces, where each clause's heading was, and what was unsure."""

    agreement: Agreement
    sources: dict[str, int]
    """Clause id -> `source` of its heading piece (pairs the two readings)."""
    wheres: dict[str, str]
    notes: list[Note]


TOP_KEYWORDS = frozenset(
    {"article", "appendix", "addendum", "exhibit", "annex", "attachment", "side letter"}
)
"""Keywords of the parts of an agreement that stand side by side at the top."""


def _top(signature: Signature) -> bool:
    return signature[0] == "keyword" and signature[1] in TOP_KEYWORDS and signature[2] == "1"


def _closes(open_: Draft, signature: Signature, rank: int) -> bool:
    same_family = open_.signature[0] == signature[0] and open_.signature[:2] == signature[:2]
    return same_family and open_.rank >= rank


def build(pieces: tuple[Piece, ...], agreement_id: str, title: str, titled: bool = True) -> Built:
    """Return the clause tree found in pieces (`titled`: the document's title is known)."""
    notes: list[Note] = []
    preamble = Draft("", "Preamble", ("preamble",), 0, -1, "start")
    roots: list[Draft] = []
    stack: list[Draft] = []
    waiting_title: Draft | None = None
    summed: dict[str, list[tuple[Piece, Heading]]] = {}
    for piece, heading in zip(pieces, headings(pieces, titled), strict=True):
        if heading is None:
            if waiting_title is not None and not piece.is_table and title_like(piece.text):
                waiting_title.title = piece.text
                waiting_title = None
                continue
            waiting_title = None
            block = pipe_table(piece.rows) if piece.rows else escape(_full(piece))
            (stack[-1] if stack else preamble).blocks.append(block)
            continue
        draft = _open(heading, piece, stack, roots)
        if heading.guessed in SUMMED:
            summed.setdefault(heading.guessed, []).append((piece, heading))
        elif heading.guessed:
            notes.append(
                Note(piece.where, f"heading '{_shown(heading)}' guessed from {heading.guessed}")
            )
        waiting_title = draft if not heading.title and not heading.body else None
    notes.extend(summed_note(reason, guessed) for reason, guessed in summed.items())
    ids = IdMaker()
    sources: dict[str, int] = {}
    wheres: dict[str, str] = {}
    clauses = [_clause(d, "", ids, sources, wheres) for d in roots]
    if preamble.blocks:
        clauses.insert(0, _clause(preamble, "", ids, sources, wheres))
    return Built(Agreement(agreement_id, title, tuple(clauses)), sources, wheres, notes)


def _full(piece: Piece) -> str:
    return f"{piece.label} {piece.text}".strip() if piece.label else piece.text


def _shown(heading: Heading) -> str:
    return " ".join(part for part in (heading.number, heading.title) if part)


def _open(heading: Heading, piece: Piece, stack: list[Draft], roots: list[Draft]) -> Draft:
    draft = Draft(
        heading.number, heading.title, heading.signature, heading.rank, piece.source, piece.where
    )
    if heading.body:
        draft.blocks.append(escape(heading.body))
    if heading.signature[0] == "style":
        # An unnumbered heading sits at its style's level.
        del stack[heading.rank :]
    elif heading.signature[0] == "emphasis":
        # A bold or underlined heading sits under the styled ones, below the kind seen first.
        while stack and not _holds_emphasis(stack[-1], heading.rank):
            stack.pop()
    else:
        # A numbered heading never nests under an unnumbered styled one ("Standard Terms");
        # under a bold or underlined one it does (a proposal's topic over the sections),
        # unless it is an article, an appendix or a side letter, which stand at the top.
        unnumbered = ("style", "emphasis") if _top(heading.signature) else ("style",)
        while stack and stack[-1].signature[0] in unnumbered:
            stack.pop()
        if heading.signature == ("letter",) and heading.number == "A":
            # "A" after "I" starts letters inside a roman "I", not a letter after "H".
            for open_ in stack:
                if open_.signature == ("letter",) and open_.number == "I":
                    open_.signature = ("roman",)
        signatures = [d.signature for d in stack]
        numbered = [i for i, d in enumerate(stack) if d.signature[0] not in ("style", "emphasis")]
        holder = _holder(heading.number, stack)
        if _top(heading.signature):
            # Articles, appendices, addenda and side letters stand at the top, however
            # numbered, never inside a clause.
            del stack[numbered[0] if numbered else len(stack) :]
        elif holder is not None:
            # "24.2.2" sits under the nearest "24.2" (or "Article 24"), never under "24.2.1.2".
            del stack[holder + 1 :]
        elif heading.signature in signatures:
            del stack[signatures.index(heading.signature) :]
        else:
            while stack and _closes(stack[-1], heading.signature, heading.rank):
                stack.pop()
        if holder is None and len(_parts(heading.number)) > 1:
            # No clause open holds it by number: none of the same style it is not inside.
            style = _parts(heading.number)[0].isdigit()
            while stack and (parts := _parts(stack[-1].number)) and parts[0].isdigit() == style:
                if stack[-1].signature[0] == "keyword":
                    break  # an article holds what follows it until the next one
                stack.pop()
    (stack[-1].children if stack else roots).append(draft)
    stack.append(draft)
    return draft


_KEYWORD = re.compile(r"^[^\W\d_]+\.?\s+(?=\w)")
_ROMAN = re.compile(r"^[ivxlc]+$")


def _parts(number: str) -> tuple[str, ...]:
    """Return the parts of a clause number as compared for holding ("Article 24" -> ("24",),
    "24.2.1" -> ("24", "2", "1"), "5.0" -> ("5",), "28-1.1" -> ("28", "1", "1"))."""
    text = _KEYWORD.sub("", number.strip().rstrip(".")).lower()
    pieces = re.split(r"[.-]", text)
    while len(pieces) > 1 and pieces[-1].strip("0") == "":
        pieces.pop()
    if not all(re.fullmatch(r"\d+[a-z]?|[a-z]{1,2}|[ivxlc]+", p) for p in pieces):
        return ()
    if number[:1].isalpha() and _ROMAN.match(pieces[0]) and len(pieces) == 1:
        values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
        digits = [values[c] for c in pieces[0]]
        total = sum(
            -d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits)
        )
        pieces = [str(total)] if len(pieces[0]) > 1 or pieces[0] in "ivx" else pieces
    return tuple(str(int(p)) if p.isdigit() else p for p in pieces)


def _holder(number: str, stack: list[Draft]) -> int | None:
    """Return where in `stack` the nearest clause whose number begins `number` is."""
    parts = _parts(number)
    if len(parts) < 2:
        return None
    for index in range(len(stack) - 1, -1, -1):
        inner = _parts(stack[index].number)
        if inner and len(inner) < len(parts) and parts[: len(inner)] == inner:
            return index
    return None


def _holds_emphasis(open_: Draft, rank: int) -> bool:
    kind = open_.signature[0]
    return kind == "style" or (kind == "emphasis" and open_.rank < rank)


def _clause(
    draft: Draft, parent: str, ids: IdMaker, sources: dict[str, int], wheres: dict[str, str]
) -> Clause:
    clause_id = ids.make(parent, draft.title, draft.number)
    sources[clause_id] = draft.source
    wheres[clause_id] = draft.where
    children = tuple(_clause(c, clause_id, ids, sources, wheres) for c in draft.children)
    return Clause(clause_id, draft.number, draft.title, draft.text(), children)
