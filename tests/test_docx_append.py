"""Word bodies appended in constant time are the bodies python-docx would have written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document

from contracttools.writers.docx.append import AppendingDocument, appending

REFERENCE = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"


def _fill(document: Any) -> None:
    for number in range(30):
        document.add_paragraph(
            f"Paragraph {number}", style="Heading 2" if number % 7 == 0 else None
        )
        if number % 5 == 0:
            table = document.add_table(rows=2, cols=3)
            table.cell(0, 0).text = f"Table {number}"
    document.add_paragraph("Last")


def test_appended_body_is_python_docx_body() -> None:
    plain, fast = Document(str(REFERENCE)), appending(Document(str(REFERENCE)))
    assert isinstance(fast, AppendingDocument)
    _fill(plain)
    _fill(fast)
    assert fast.element.xml == plain.element.xml
    body = fast.element.body
    # 31 paragraphs and 6 tables, in order, before the section properties, which stay last.
    assert [child.tag.rsplit("}", 1)[1] for child in body][-1] == "sectPr"
    assert len(body.findall("{*}p")) == 31 + len(
        Document(str(REFERENCE)).element.body.findall("{*}p")
    )
    assert len(body.findall("{*}tbl")) == 6
