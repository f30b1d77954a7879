"""Word documents on the reference document: blocks, tables, fields, properties."""

from __future__ import annotations

import copy
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from markupsafe import Markup

from contracttools.redline.model import BlockChange, ClauseChange, ClauseRef, Op, Span, TableChange
from contracttools.templating import environment
from contracttools.writers.docx.append import appending
from contracttools.writers.docx.package import deterministic, finished
from contracttools.writers.docx.revisions import Marks, xml_text


class Words:
    """The shared text macros (templates/words.txt.j2), as plain text."""

    def __init__(self, templates: Path | None) -> None:
        self._module = environment(templates).get_template("words.txt.j2").module

    def __getattr__(self, name: str) -> Any:
        macro = getattr(self._module, name)

        def call(*args: Any) -> str:
            return xml_text(Markup(macro(*args)).unescape())

        return call


STYLES = (
    "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4",
    "Note", "List Bullet", "Table Grid", "Action Label",
)  # fmt: skip
"""The styles the writers use: a reference document must have them."""


def reference(templates: Path | None) -> Any:
    """Return a new document on the reference document (a user's, if they gave one)."""
    for folder in ([templates] if templates else []) + [None]:
        if folder is None:
            from contracttools.resources import templates_dir

            folder = templates_dir()
        path = Path(folder) / "reference.docx"
        if path.is_file():
            return _opened(path)
    raise FileNotFoundError("reference.docx")


def _opened(path: Path) -> Any:
    """Open a reference document, or say plainly why it cannot serve as one."""
    from contracttools.errors import TemplateProblem

    try:
        document = appending(Document(str(path)))
        names = {style.name for style in document.styles}
    except Exception as err:  # python-docx, zipfile and lxml each raise their own
        raise TemplateProblem(f"not a Word document ({err})", str(path)) from None
    missing = [name for name in STYLES if name not in names]
    if missing:
        raise TemplateProblem(
            f"lacks the styles {', '.join(missing)}; start from `contracttools templates export`",
            str(path),
        )
    return document


def style(document: Any, name: str) -> str | None:
    """Return a paragraph style's name, or None (Normal) where a user's reference lacks it."""
    return name if name in [s.name for s in document.styles] else None


def paragraph(document: Any, text: str = "", style: str | None = None) -> Any:
    """Append a paragraph of plain text."""
    made = document.add_paragraph(xml_text(text), style=style)
    return made


def spans_paragraph(
    container: Any, marks: Marks, spans: tuple[Span, ...], status: str, style: str | None = None
) -> Any:
    """Append a paragraph made of spans, its mark tracked when it is wholly new or gone.

    Tracked, paragraphs merged or split (a paragraph mark deleted or inserted in the spans)
    are written as Word writes them: a paragraph whose mark is a deletion or an insertion.
    Otherwise the mark shows as a marked "¶".
    """
    pieces = paragraph_pieces(spans) if marks.tracked else [(spans, None)]
    made = None
    for piece, mark in pieces:
        made = container.add_paragraph(style=style)
        marks.spans(made._p, piece)
        marks.paragraph_mark(made._p, status if mark is None else mark)
    return made


def paragraph_pieces(spans: tuple[Span, ...]) -> list[tuple[tuple[Span, ...], str | None]]:
    """Return spans cut at paragraph marks, each piece with how its mark changed."""
    pieces: list[tuple[tuple[Span, ...], str | None]] = []
    current: list[Span] = []
    for span in spans:
        parts = span.text.split("\n")
        for number, part in enumerate(parts):
            if part:
                current.append(Span(span.op, part, span.emphasis, span.old_emphasis, span.label))
            if number < len(parts) - 1:
                mark = {"insert": "inserted", "delete": "deleted"}.get(span.op)
                pieces.append((tuple(current), mark))
                current = []
    pieces.append((tuple(current), None))
    return pieces


def blocks(document: Any, marks: Marks, items: tuple[BlockChange, ...]) -> None:
    """Append a clause body's blocks."""
    for block in items:
        if isinstance(block, TableChange):
            table_block(document, marks, block)
        else:
            spans_paragraph(document, marks, block.spans, block.status)


def table_block(document: Any, marks: Marks, block: TableChange) -> None:
    """Append a schedule, row by row, inserted and deleted rows marked at the row."""
    width = max((len(row.cells) for row in block.rows), default=1)
    table = document.add_table(rows=0, cols=width)
    table.style = document.styles["Table Grid"]
    for number, row in enumerate(block.rows):
        cells = table.add_row().cells
        for index, cell in enumerate(row.cells):
            target = cells[index].paragraphs[0]
            marks.spans(target._p, cell.spans)
            marks.paragraph_mark(target._p, row.status)
            if number == 0:
                for run in target.runs:
                    run.bold = True
        rows_kept_whole(table.rows[-1]._tr, header=number == 0)
        marks.row(table.rows[-1]._tr, row.status)
    spacer = document.add_paragraph()
    marks.paragraph_mark(spacer._p, block.status)


def rows_kept_whole(row: Any, header: bool) -> None:
    """Keep a row on one page (w:cantSplit); repeat a header row on every page (w:tblHeader)."""
    properties = row.find(qn("w:trPr"))
    if properties is None:
        properties = OxmlElement("w:trPr")
        row.insert(0, properties)
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def heading_spans(clause: ClauseChange) -> tuple[Span, ...]:
    """Return a clause heading's spans: number and title changes are revisions too.

    A clause that comes or goes whole has its whole heading, the space between number
    and title included, in one revision, so nothing of it is left behind.
    """
    old, new = clause.old, clause.new
    whole = whole_op(clause)
    if whole != "equal":
        ref = new if whole == "insert" else old
        assert ref is not None
        return (Span(whole, " ".join(p for p in (ref.number, ref.title) if p)),)
    assert old is not None and new is not None
    number = _changed(old.number, new.number)
    title = clause.title_spans if clause.retitled else (Span("equal", new.title),)
    old_gap, new_gap = _gap(old), _gap(new)
    if old_gap == new_gap:
        spans = (*number, Span("equal", new_gap), *title)
    elif bool(old.title) != bool(new.title):  # a title added or removed takes the space
        op = "insert" if new.title else "delete"
        spans = (*number, *(Span(s.op, " " + s.text) if s.op == op else s for s in title))
    else:  # a number added or removed takes the space
        op = "insert" if new.number else "delete"
        spans = (*(Span(s.op, s.text + " ") if s.op == op else s for s in number), *title)
    return tuple(s for s in spans if s.text)


def _gap(ref: ClauseRef) -> str:
    """Return the space between a heading's number and title: none where one is missing."""
    return " " if ref.number and ref.title else ""


def _changed(old: str, new: str) -> tuple[Span, ...]:
    """Return a heading's number as one span kept, or the old deleted and the new inserted."""
    if old == new:
        return (Span("equal", new),)
    return (Span("delete", old), Span("insert", new))


def clause_heading(
    document: Any, marks: Marks, clause: ClauseChange, level: int, tags: list[str]
) -> Any:
    """Append a clause heading; a visual redline adds its labels, a tracked one does not
    (after accepting or rejecting every revision, only the agreement's text is left)."""
    made = document.add_paragraph(style=f"Heading {level}")
    marks.spans(made._p, heading_spans(clause))
    if tags and not marks.tracked:
        marks.spans(made._p, (Span("equal", "  " + ", ".join(tags)),), style="ActionLabel")
    marks.paragraph_mark(made._p, WHOLE.get(clause.status, ""))
    return made


WHOLE = {"added": "inserted", "deleted": "deleted"}


def whole_op(clause: ClauseChange) -> Op:
    """Return how the notes of a clause are marked: with the clause when it comes or goes whole."""
    return {"added": "insert", "deleted": "delete"}.get(clause.status, "equal")  # type: ignore[return-value]


def clause_note(document: Any, marks: Marks, clause: ClauseChange, text: str) -> None:
    """Append a note about a clause (its summary, a concept), going with the clause if it goes."""
    spans_paragraph(
        document, marks, (Span(whole_op(clause), text),), WHOLE.get(clause.status, ""), "Note"
    )


def field_run(kind: str, code: str = "") -> Any:
    """Return a run holding a complex field's begin, separate or end character, or its code."""
    run = OxmlElement("w:r")
    if code:
        text = OxmlElement("w:instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = code
        run.append(text)
    else:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run.append(char)
    return run


def bookmark(paragraph: Any, marks: Marks, name: str) -> None:
    """Wrap a paragraph's content in a bookmark (a table of contents links to it)."""
    number = str(marks.new_id())
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), number)
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), number)
    properties = paragraph.find(qn("w:pPr"))
    paragraph.insert(0 if properties is None else 1, start)
    paragraph.append(end)


def toc(document: Any, title: str, entries: list[tuple[int, str, str]]) -> None:
    """Append a table of contents with its entries written out, linked to their headings.

    `entries` are (level, text, bookmark).  The field has no page numbers (Word cannot be
    told them before it lays the pages out), so it reads right as opened and Word need not
    update fields on opening; References > Update Table rebuilds it.
    """
    document.add_paragraph(title, style="Heading 1")
    made = [
        document.add_paragraph(style=style(document, f"TOC {level}")) for level, _, _ in entries
    ]
    if not made:
        return
    made[0]._p.append(field_run("begin"))
    made[0]._p.append(field_run("", ' TOC \\o "1-2" \\h \\z \\n '))
    made[0]._p.append(field_run("separate"))
    for paragraph_, (_, text, name) in zip(made, entries, strict=True):
        hyperlink(paragraph_._p, text, name)
    made[-1]._p.append(field_run("end"))


def hyperlink(paragraph: Any, text: str, anchor: str) -> None:
    """Append to a w:p element a link to a bookmark in the document."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    text_el = OxmlElement("w:t")
    text_el.set(qn("xml:space"), "preserve")
    text_el.text = xml_text(text)
    run.append(text_el)
    link.append(run)
    paragraph.append(link)


def simple_table(
    document: Any, header: list[str], rows: list[list[str]], widths: list[float] | None = None
) -> Any:
    """Append a plain table (an index, a list of changes); widths in inches.  Return it."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.autofit = widths is None
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(xml_text(text)).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(xml_text(text))
    for number, row in enumerate(table.rows):
        rows_kept_whole(row._tr, header=number == 0)
    if widths:
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Inches(width)  # the grid (w:gridCol) ...
            for cell in column.cells:
                cell.width = Inches(width)  # ... and every cell say the same
    document.add_paragraph()
    return table


CORE_LIMIT = 255
"""The longest text a core property (title, subject, author) may hold."""


def core_text(text: str) -> str:
    """Return text a core property can hold: XML-safe, cut at 255 characters with '…'."""
    safe = " ".join(xml_text(text).split())
    return safe if len(safe) <= CORE_LIMIT else safe[: CORE_LIMIT - 1] + "…"


def finish(
    document: Any,
    title: str,
    author: str,
    subject: str,
    when: datetime,
    header: str,
    cover: bool = False,
) -> bytes:
    """Set the header (none on a cover page) and the core properties from the inputs, never
    the clock; return bytes."""
    section = document.sections[0]
    head = section.header.paragraphs[0]
    head.text = xml_text(header)
    if cover:
        section.different_first_page_header_footer = True
        first = section.first_page_footer._element
        for child in list(first):
            first.remove(child)
        for child in section.footer._element:
            first.append(copy.deepcopy(child))
    properties = document.core_properties
    properties.title = core_text(title)
    properties.author = core_text(author)
    properties.last_modified_by = core_text(author)
    properties.subject = core_text(subject)
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    properties.revision = 1
    utc = when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when
    properties.created = utc
    properties.modified = utc
    settings(document.settings.element)
    out = io.BytesIO()
    document.save(out)
    return deterministic(finished(out.getvalue(), words_in(document)))


def settings(element: Any) -> None:
    """Make the settings part valid: a zoom with its percentage; no field update on opening."""
    zoom = element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")
    for left in element.findall(qn("w:updateFields")) + element.findall(qn("w:savePreviewPicture")):
        element.remove(left)


def words_in(document: Any) -> tuple[int, int, int]:
    """Return the words, characters and paragraphs of the body as it reads (w:t, not w:delText)."""
    words = characters = paragraphs = 0
    for paragraph_ in document.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph_.iter(qn("w:t")))
        if text.strip():
            paragraphs += 1
            words += len(text.split())
            characters += len(text.replace(" ", ""))
    return words, characters, paragraphs
