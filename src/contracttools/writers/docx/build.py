"""Word documents on the reference document: blocks, tables, fields, properties."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from markupsafe import Markup

from contracttools.redline.model import BlockChange, ClauseChange, Op, Span, TableChange
from contracttools.templating import environment
from contracttools.writers.docx.package import deterministic
from contracttools.writers.docx.revisions import Marks, xml_text


@dataclass(frozen=True)
class WordOptions:
    """How a Word document is made."""

    tracked: bool = True
    templates: Path | None = None
    every_clause: bool = False


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
        document = Document(str(path))
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
                current.append(Span(span.op, part, span.emphasis, span.old_emphasis))
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
            if number == 0:
                for run in target.runs:
                    run.bold = True
        marks.row(table.rows[-1]._tr, row.status)
    document.add_paragraph()


def clause_heading(
    document: Any, marks: Marks, clause: ClauseChange, level: int, tags: list[str]
) -> None:
    """Append a clause heading: number and title changes are revisions too."""
    made = document.add_paragraph(style=f"Heading {level}")
    old, new = clause.old, clause.new
    if old and new and old.number != new.number:
        number: tuple[Span, ...] = (Span("delete", old.number), Span("insert", new.number))
    elif clause.status == "added" and new:
        number = (Span("insert", new.number),)
    elif clause.status == "deleted" and old:
        number = (Span("delete", old.number),)
    else:
        number = (Span("equal", clause.ref.number),)
    marks.spans(
        made._p, number + ((Span("equal", " "),) if clause.ref.number else ()) + clause.title_spans
    )
    if tags:
        marks.spans(made._p, (Span(whole_op(clause), "  " + ", ".join(tags)),), style="ActionLabel")
    marks.paragraph_mark(made._p, WHOLE.get(clause.status, ""))


WHOLE = {"added": "inserted", "deleted": "deleted"}


def whole_op(clause: ClauseChange) -> Op:
    """Return how the notes of a clause are marked: with the clause when it comes or goes whole."""
    return {"added": "insert", "deleted": "delete"}.get(clause.status, "equal")  # type: ignore[return-value]


def clause_note(document: Any, marks: Marks, clause: ClauseChange, text: str) -> None:
    """Append a note about a clause (its summary, a concept), going with the clause if it goes."""
    spans_paragraph(
        document, marks, (Span(whole_op(clause), text),), WHOLE.get(clause.status, ""), "Note"
    )


def toc(document: Any, title: str) -> None:
    """Append a table of contents field that Word fills in (it updates fields on opening)."""
    document.add_paragraph(title, style="Heading 1")
    made = document.add_paragraph()
    begin, instruction, separate, placeholder, end = (OxmlElement("w:r") for _ in range(5))
    begin_char = OxmlElement("w:fldChar")
    begin_char.set(qn("w:fldCharType"), "begin")
    begin.append(begin_char)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = ' TOC \\o "1-3" \\h \\z \\u '
    instruction.append(code)
    separate_char = OxmlElement("w:fldChar")
    separate_char.set(qn("w:fldCharType"), "separate")
    separate.append(separate_char)
    text = OxmlElement("w:t")
    text.text = "The table of contents is filled in when Word updates fields."
    placeholder.append(text)
    end_char = OxmlElement("w:fldChar")
    end_char.set(qn("w:fldCharType"), "end")
    end.append(end_char)
    for run in (begin, instruction, separate, placeholder, end):
        made._p.append(run)
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)


def simple_table(
    document: Any, header: list[str], rows: list[list[str]], widths: list[float] | None = None
) -> None:
    """Append a plain table (an index, a list of changes); widths in inches."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.autofit = widths is None
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(xml_text(text)).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(xml_text(text))
    for index, width in enumerate(widths or []):
        for cell in table.columns[index].cells:
            cell.width = Inches(width)
    document.add_paragraph()


CORE_LIMIT = 255
"""The longest text a core property (title, subject, author) may hold."""


def core_text(text: str) -> str:
    """Return text a core property can hold: XML-safe, cut at 255 characters with '…'."""
    safe = " ".join(xml_text(text).split())
    return safe if len(safe) <= CORE_LIMIT else safe[: CORE_LIMIT - 1] + "…"


def finish(
    document: Any, title: str, author: str, subject: str, when: datetime, header: str
) -> bytes:
    """Set the header and the core properties from the inputs, never the clock; return bytes."""
    section = document.sections[0]
    head = section.header.paragraphs[0]
    head.text = xml_text(header)
    properties = document.core_properties
    properties.title = core_text(title)
    properties.author = core_text(author)
    properties.last_modified_by = core_text(author)
    properties.subject = core_text(subject)
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    properties.revision = 1
    naive = when.astimezone().replace(tzinfo=None) if when.tzinfo else when
    properties.created = naive
    properties.modified = naive
    properties.last_printed = naive
    out = io.BytesIO()
    document.save(out)
    return deterministic(out.getvalue())
