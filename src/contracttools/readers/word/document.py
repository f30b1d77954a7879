"""The body of a Word document in reading order, read as it was and as it is.

Each reading is counted on its own: a paragraph inserted with its paragraph mark takes
a number only in the changed reading, so that every number after it moves there and not
in the original.  A paragraph whose mark was deleted runs on into the next one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from contracttools.readers.source import Note, Piece
from contracttools.readers.word.formats import MAX_COUNTER
from contracttools.readers.word.numbering import Counter, Numbering
from contracttools.readers.word.package import W
from contracttools.readers.word.runs import (
    Changes,
    Paragraph,
    ParagraphReader,
    TooDeep,
)
from contracttools.readers.word.segments import Segment, bold_lead, emphasis, text_of
from contracttools.readers.word.styles import Styles
from contracttools.readers.word.tables import Table, read_table

_P, _TBL, _SDT = f"{W}p", f"{W}tbl", f"{W}sdt"
_WRAPPERS = (f"{W}customXml", f"{W}sdtContent")


@dataclass
class Block:
    """A body-level paragraph or table, with its paragraph number for reports."""

    number: int
    paragraph: Paragraph | None = None
    table: Table | None = None


def blocks(body: Any, reader: ParagraphReader, notes: list[Note]) -> Iterator[Block]:
    """Yield the body's paragraphs and tables in reading order."""
    number = 0
    for element in _flatten(body, notes):
        if element.tag == _P:
            number += 1
            where = f"paragraph {number}"
        else:
            where = f"table before paragraph {number + 1}"
        try:
            if element.tag == _P:
                block = Block(number, paragraph=reader.read(element))
            else:
                block = Block(number + 1, table=read_table(element, reader))
        except TooDeep as err:
            raise TooDeep(f"{where}: {err}") from None
        notes.extend(Note(where, message) for message in reader.take_left_out())
        yield block


def _flatten(body: Any, notes: list[Note]) -> Iterator[Any]:
    """Yield the paragraphs and tables of a body, through content controls and custom XML
    however deeply nested (with a stack, not recursion)."""
    stack = [iter(body)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag in (_P, _TBL):
            yield child
        elif tag == _SDT:
            gallery = child.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
            if gallery is not None and "Contents" in gallery.get(f"{W}val", ""):
                continue
            content = child.find(f"{W}sdtContent")
            if content is not None:
                stack.append(iter(content))
        elif tag in _WRAPPERS:
            stack.append(iter(child))
        elif tag == f"{W}altChunk":
            notes.append(Note("document", "an embedded document (altChunk) was not read"))


class Reading:
    """Builds one reading ('original' or 'changed') of the body as pieces."""

    def __init__(
        self,
        which: str,
        styles: Styles,
        numbering: Numbering,
        title: Callable[[str], None],
        notes: list[Note] | None = None,
    ) -> None:
        self.which = which
        self.notes = notes
        self.styles = styles
        self.numbering = numbering
        self.counter = Counter(numbering)
        self.pieces: list[Piece] = []
        self.title = title
        self.titled = False
        """Whether the document's title (its first paragraph in the Title style) was read."""
        self.pending: tuple[Block, list[Segment]] | None = None

    def add(self, block: Block) -> None:
        if block.table is not None:
            self._flush()
            rows = block.table.rows(self.which)
            if rows and self.notes is not None and block.table.irregular(self.which):
                self.notes.append(
                    Note(
                        f"table before paragraph {block.number}",
                        "rows of different lengths (merged or missing cells): filled with "
                        "empty cells; check the columns",
                    )
                )
            if rows:
                self.pieces.append(
                    Piece(
                        f"table before paragraph {block.number}",
                        block.number * 2 - 1,
                        rows=rows,
                        header=block.table.header,
                    )
                )
            return
        paragraph = block.paragraph
        assert paragraph is not None
        if paragraph.hidden:
            return
        segments = paragraph.original if self.which == "original" else paragraph.changed
        absent = paragraph.mark == ("ins" if self.which == "original" else "del")
        if self.pending is not None:
            first, before = self.pending
            self.pending = None
            if text_of(before):
                block, segments = first, [*before, (" ", 0), *segments]
        if absent:
            self.pending = (block, segments)
            return
        self._emit(block, segments)

    def finish(self) -> list[Piece]:
        self._flush()
        return self.pieces

    def _flush(self) -> None:
        if self.pending is not None:
            block, segments = self.pending
            self.pending = None
            if text_of(segments):
                self._emit(block, segments)

    def _emit(self, block: Block, segments: list[Segment]) -> None:
        paragraph = block.paragraph
        assert paragraph is not None
        label = ""
        list_level = None
        numbered = self._numbering(paragraph)
        if numbered is not None:
            counted = self.counter.next(*numbered)
            if counted is not None:
                label, list_level = counted, numbered[1]
            if self.notes is not None:
                for value, fmt in self.counter.beyond:
                    shown = (
                        f"{value:,}"
                        if len(str(value)) <= 40
                        else f"a number of {len(str(value))} digits"
                    )
                    self.notes.append(
                        Note(
                            f"paragraph {block.number}",
                            f"its number ({shown}) is beyond what Word numbers in {fmt} "
                            f"(0 to {MAX_COUNTER:,}): shown in digits",
                        )
                    )
        text = text_of(segments)
        if not text:
            return
        titled = self.styles.is_title(paragraph.style) and not label
        if titled and not self.titled:
            self.titled = True
            self.title(text)
            return
        if self.styles.is_front_matter(paragraph.style) and not label:
            return
        # A later paragraph in the Title style heads a part, at the top level.
        level = 0 if titled else self.styles.heading_level(paragraph.style)
        if level is None:
            level = paragraph.outline
        self.pieces.append(
            Piece(
                f"paragraph {block.number}",
                block.number * 2,
                text=text,
                label=label,
                level=level,
                list_level=list_level,
                lead=bold_lead(segments),
                emphasis=emphasis(segments),
            )
        )

    def _numbering(self, paragraph: Paragraph) -> tuple[int, int] | None:
        """Return the (numId, ilvl) a paragraph is numbered with, directly or by its style."""
        num_id, ilvl = paragraph.num if paragraph.num is not None else (None, None)
        if num_id == 0:
            return None
        styled = self.styles.numbering(paragraph.style)
        linked = self.numbering.style_levels.get(paragraph.style or "")
        if num_id is None:
            if styled is None:
                return None
            num_id = styled[0]
            if ilvl is None:
                ilvl = styled[1]
        if num_id == 0:
            return None
        if ilvl is None and linked is not None and linked[0] == num_id:
            ilvl = linked[1]
        if ilvl is None and linked is not None and styled is not None:
            ilvl = linked[1]
        return num_id, ilvl or 0


def read_body(
    body: Any,
    styles: Styles,
    numbering: Numbering,
    marks: str,
    notes: list[Note],
    progress: Callable[[int], Callable[[int], object]] | None = None,
    background: str = "FFFFFF",
    footnotes: Any | None = None,
    endnotes: Any | None = None,
) -> tuple[list[Piece], list[Piece], Changes, str]:
    """Return the original and changed readings of a body, the changes seen and the title."""
    changes = Changes()
    reader = ParagraphReader(styles, marks, changes, background)
    reader.use_notes("footnote", footnotes)
    reader.use_notes("endnote", endnotes)
    titles: list[str] = []
    original = Reading("original", styles, numbering, titles.append)
    changed = Reading("changed", styles, numbering, lambda _: None, notes)
    advance = progress(len(body)) if progress is not None else None
    for block in blocks(body, reader, notes):
        original.add(block)
        changed.add(block)
        if advance is not None:
            advance(1)
    title = titles[0] if titles else ""
    return original.finish(), changed.finish(), changes, title
