"""Agreements as Word documents: a clean printing, or the ratification blackline.

Built on the reference document (its styles, page setup and "page X of Y" footer).  The
blackline's tracked changes are stamped clause by clause with the author and date of the
TA that made them (`Printing.stamps`), so that a reviewer can accept or reject TA by TA.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from contracttools.documents.printing import (
    Printing,
    Stamp,
    as_printing,
    first_anchors,
    heading_spans,
    plain_heading,
)
from contracttools.model import Agreement
from contracttools.writers.docx.build import (
    blocks,
    field_run,
    finish,
    hyperlink,
    reference,
    simple_table,
)
from contracttools.writers.docx.revisions import Marks, xml_text

if TYPE_CHECKING:
    from contracttools.writers.options import Options

TOC_LEVELS = 2
"""Articles and sections are listed in the table of contents."""


class _Styles:
    """The reference document's paragraph styles by name, looked up once (python-docx
    looks a style up by walking every style, which a long agreement cannot afford)."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.ids = {
            s.name: s.style_id for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH
        }

    def has(self, name: str) -> bool:
        return name in self.ids

    def add(self, name: str | None, text: str = "") -> Any:
        """Append a paragraph in a style (Normal where the reference lacks it)."""
        made = self.document.add_paragraph(xml_text(text) if text else "")
        if name is not None and name in self.ids:
            made._p.style = self.ids[name]
        return made


def _bookmark(paragraph: Any, name: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    properties = paragraph.find(qn("w:pPr"))
    paragraph.insert(0 if properties is None else 1, start)
    paragraph.append(end)


def _toc(styles: _Styles, entries: list[tuple[int, str, str]]) -> None:
    """Append a TOC field with its entries already written, each linked to its heading.

    Word cannot be told page numbers before it lays the pages out: the entries carry
    none until References > Update Table; the field is never an empty placeholder.
    """
    styles.add("TOC Heading" if styles.has("TOC Heading") else "Heading 1", "Contents")
    made = []
    for level, text, anchor in entries:
        paragraph = styles.add(f"TOC {level}")
        if not styles.has(f"TOC {level}"):
            paragraph.paragraph_format.left_indent = Inches(0.3 * (level - 1))
            paragraph.paragraph_format.space_before = Pt(0)
            paragraph.paragraph_format.space_after = Pt(2 if level > 1 else 0)
        hyperlink(paragraph._p, text, anchor)
        made.append(paragraph)
    if not made:
        return
    first = made[0]._p
    runs = [
        field_run("begin"),
        field_run("", f' TOC \\o "1-{TOC_LEVELS}" \\h \\z \\n '),
        field_run("separate"),
    ]
    properties = first.find(qn("w:pPr"))
    for offset, run in enumerate(runs):
        first.insert((0 if properties is None else 1) + offset, run)
    made[-1]._p.append(field_run("end"))


def _linked_table(document: Any, header: list[str], rows: list[tuple[str, list[str]]]) -> None:
    """Append a table whose first cell of each row links to an anchor."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(xml_text(text)).bold = True
    for anchor, values in rows:
        cells = table.add_row().cells
        if anchor:
            hyperlink(cells[0].paragraphs[0]._p, values[0], anchor)
        else:  # a clause the text no longer has (struck by the TA)
            cells[0].paragraphs[0].add_run(xml_text(values[0]))
        for cell, text in zip(cells[1:], values[1:], strict=True):
            cell.paragraphs[0].add_run(xml_text(text))
    document.add_paragraph()


def _page_break(document: Any) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def write_docx(source: Agreement | Printing, options: Options) -> bytes:
    """Return an agreement (clean, or a blackline with each TA's changes tracked) as DOCX."""
    printing = as_printing(source)
    document = reference(options.templates)
    agreement = printing.agreement
    when = printing.when or _day(agreement)
    marks = Marks(printing.author, when, True)
    styles = _Styles(document)
    styles.add("Title", agreement.title)
    for line in printing.lines:
        styles.add("Subtitle", line)
    if printing.blackline:
        styles.add(
            "Note",
            "Ratification copy. Each tentative agreement's changes are tracked changes by "
            "their own author (the side whose language was agreed, the TA's date and "
            "initials), dated the day the TA was signed: Review > Accept or Reject, one "
            "TA at a time by filtering on its author. Accept all gives the conformed "
            "agreement; reject all gives the base agreement.",
        )
    _page_break(document)
    heads = [(change, _name(anchor)) for change, anchor in first_anchors(printing)]
    entries: list[tuple[int, str, str]] = []
    if printing.signed:
        entries.append((1, "Tentative agreements", "TaIndex"))
    if printing.outstanding:
        entries.append((1, "Open items", "OpenItems"))
    entries += [
        (change.depth + 1, plain_heading(change), name)
        for change, name in heads
        if name and change.depth < TOC_LEVELS and change.status != "deleted"
    ]
    _toc(styles, entries)
    bookmarks = iter(range(10_000_000, 20_000_000))
    if printing.signed:
        _page_break(document)
        made = styles.add("Heading 1", "Tentative agreements")
        _bookmark(made._p, "TaIndex", next(bookmarks))
        _linked_table(
            document,
            ["Clause", "Signed", "Initials", "Language", "Action"],
            [
                (
                    _name(row.anchor),
                    [
                        f"{row.number} {row.title}".strip(),
                        row.day.isoformat(),
                        row.initials,
                        row.whose,
                        row.action,
                    ],
                )
                for row in printing.signed
            ],
        )
    if printing.outstanding:
        _page_break(document)
        made = styles.add("Heading 1", "Open items")
        _bookmark(made._p, "OpenItems", next(bookmarks))
        styles.add(
            "Note", "Still on the table: not applied to this text. Each side's last position:"
        )
        simple_table(
            document,
            ["Clause", "Status", "Last positions"],
            [
                [
                    f"{o.number} {o.title}".strip(),
                    o.status,
                    "\n".join(f"{who}: {words}" for who, words in o.positions),
                ]
                for o in printing.outstanding
            ],
            [1.6, 0.8, 4.1],
        )
    _page_break(document)
    stamps = printing.stamps or {}
    for change, name in heads:
        stamp = stamps.get(change.ref.id)
        if stamp is not None:
            _stamp(marks, stamp)
        level = min(change.depth + 1, 9)
        made = styles.add(f"Heading {level}")
        marks.spans(made._p, heading_spans(change))
        marks.paragraph_mark(
            made._p, {"added": "inserted", "deleted": "deleted"}.get(change.status, "")
        )
        if name:
            _bookmark(made._p, name, next(bookmarks))
        blocks(document, marks, change.blocks)
    return finish(
        document,
        agreement.title,
        printing.author,
        printing.lines[0][:255] if printing.lines else "",
        when,
        printing.head,
    )


def _name(anchor: str) -> str:
    """Return a bookmark name for an anchor ("c12" -> "Clause12"), or "" for none."""
    return f"Clause{anchor[1:]}" if anchor else ""


def _stamp(marks: Marks, stamp: Stamp) -> None:
    """Attribute the revisions that follow to a TA."""
    marks.author = stamp.author
    marks.date = stamp.when


def _day(agreement: Any) -> datetime:
    day = agreement.effective or agreement.expires
    if day is None:
        return datetime(1970, 1, 1, tzinfo=UTC)
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
