"""Appending to a Word body in constant time.

python-docx appends a paragraph or a table before the body's final `w:sectPr`, which it
finds by scanning every child of the body (`find`), and sizes each new table from the
last section, found by an XPath over every paragraph: each append costs the length of
the document, so a long document costs its square (a 20,000-clause redline spent most
of its time there). Here the body keeps the element it appends before, and the
document its block width, found once.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document, _Body
from docx.oxml import OxmlElement
from docx.oxml.table import CT_Tbl
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph


class _AppendingBody(_Body):
    """A body whose appends go before its final `w:sectPr` without searching for it."""

    def __init__(self, body: Any, parent: Any) -> None:
        super().__init__(body, parent)
        self._end = body.sectPr

    def _insert(self, element: Any) -> None:
        if self._end is None:
            self._element.append(element)
        else:
            self._end.addprevious(element)

    def _add_paragraph(self) -> Paragraph:
        element = OxmlElement("w:p")
        self._insert(element)
        return Paragraph(element, self)

    def add_table(self, rows: int, cols: int, width: Length) -> Table:
        element = CT_Tbl.new_tbl(rows, cols, width)
        self._insert(element)
        return Table(element, self)


class AppendingDocument(Document):
    """A python-docx document whose paragraphs and tables are appended in constant time."""

    _width: Length | None = None

    @property
    def _block_width(self) -> Length:
        if self._width is None:
            self._width = super()._block_width
        return self._width

    @property
    def _body(self) -> _Body:
        body = self.__dict__.get("_appending_body")
        if body is None:
            body = _AppendingBody(self._element.body, self)
            self.__dict__["_appending_body"] = body
        return body


def appending(document: Document) -> Document:
    """Make `document` append in constant time; it must not be edited but by appending."""
    document.__class__ = AppendingDocument
    return document
