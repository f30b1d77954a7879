"""Word revisions: spans written as tracked changes (w:ins, w:del) or as visual marks.

Rules kept here, for every revision:
- a unique w:id, an author and a date (UTC);
- deleted text in w:delText, never w:t; insertions never nested in deletions;
- revision wrappers hold runs; they are never inside a run;
- a wholly inserted or deleted paragraph marks its paragraph mark too, so that
  rejecting (or accepting) leaves no empty paragraph behind;
- an inserted or deleted table row is marked at the row (w:trPr).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from contracttools.characters import visible
from contracttools.redline.model import Span, shown

INSERTED_COLOR = "0B4EA2"
DELETED_COLOR = "B00020"

_XML_ILLEGAL = {c: 0x2400 + c for c in range(32) if c not in (9, 10, 13)} | {0x7F: 0x2421}


def xml_text(text: str) -> str:
    """Return text XML 1.0 can hold: control characters become their visible symbols (BEL as '␇')."""
    return text.translate(_XML_ILLEGAL).replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")


def _properties(style: str | None, bold: bool, italic: bool) -> Any:
    """Return a w:rPr with a character style, bold and italic, in the schema's order."""
    properties = OxmlElement("w:rPr")
    if style:
        style_el = OxmlElement("w:rStyle")
        style_el.set(qn("w:val"), style)
        properties.append(style_el)
    if bold:
        properties.append(OxmlElement("w:b"))
    if italic:
        properties.append(OxmlElement("w:i"))
    return properties


def word_date(moment: datetime) -> str:
    """Return a revision date as Word writes it: UTC, no fractions."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Marks:
    """Writes spans into paragraphs, as tracked changes or as visual marks."""

    author: str
    date: datetime
    tracked: bool = True
    brackets: bool = False
    """A visual redline: print [+ +] and [- -] around changes too."""
    next_id: int = field(default=1, init=False)
    count: int = field(default=0, init=False)

    def new_id(self) -> int:
        """Return an id no revision or bookmark of the document has yet."""
        self.next_id += 1
        return self.next_id - 1

    def _revision(self, tag: str) -> Any:
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self.new_id()))
        element.set(qn("w:author"), xml_text(self.author))
        element.set(qn("w:date"), word_date(self.date))
        self.count += 1
        return element

    def run(
        self,
        text: str,
        op: str = "equal",
        style: str | None = None,
        bold: bool = False,
        emphasis: tuple[str, ...] = (),
        old_emphasis: tuple[str, ...] | None = None,
    ) -> Any:
        """Return a w:r holding text; a deleted run holds w:delText.

        A run whose emphasis alone changed (`old_emphasis`) is a tracked formatting
        change (w:rPrChange holding the old properties), or highlighted between [~ ~].
        """
        run = OxmlElement("w:r")
        properties = _properties(style, bold or "strong" in emphasis, "em" in emphasis)
        if old_emphasis is not None and not self.tracked:
            highlight = OxmlElement("w:highlight")
            highlight.set(qn("w:val"), "yellow")
            properties.append(highlight)
        if not self.tracked and op != "equal":
            if op == "delete":
                properties.append(OxmlElement("w:strike"))
            color = OxmlElement("w:color")
            color.set(qn("w:val"), DELETED_COLOR if op == "delete" else INSERTED_COLOR)
            properties.append(color)
            if op == "insert":
                underline = OxmlElement("w:u")
                underline.set(qn("w:val"), "single")
                properties.append(underline)
        if old_emphasis is not None and self.tracked:
            change = self._revision("w:rPrChange")
            change.append(_properties(style, "strong" in old_emphasis, "em" in old_emphasis))
            properties.append(change)
        if len(properties):
            run.append(properties)
        text_el = OxmlElement("w:delText" if self.tracked and op == "delete" else "w:t")
        text_el.set(qn("xml:space"), "preserve")
        text_el.text = xml_text(text.replace("\n", "¶"))
        run.append(text_el)
        return run

    def spans(self, paragraph: Any, spans: tuple[Span, ...], style: str | None = None) -> None:
        """Append spans to a w:p element."""
        for span in shown(spans):
            if not span.text:
                continue
            emphasis = span.emphasis
            if span.restyled and not self.tracked:
                if self.brackets:
                    paragraph.append(self.run("[~", style=style, bold=True, old_emphasis=()))
                paragraph.append(self.run(span.text, "equal", style, False, emphasis, ()))
                if self.brackets:
                    paragraph.append(self.run("~]", style=style, bold=True, old_emphasis=()))
            elif span.op == "equal":
                paragraph.append(
                    self.run(span.text, "equal", style, False, emphasis, span.old_emphasis)
                )
            elif self.tracked:
                wrapper = self._revision("w:ins" if span.op == "insert" else "w:del")
                wrapper.append(self.run(visible(span.text), span.op, style, False, emphasis))
                paragraph.append(wrapper)
                if span.label:  # said beside the change, not inside it
                    paragraph.append(self.run(f" [{span.label}]", "equal", style))
            elif self.brackets:
                cue = "+" if span.op == "insert" else "-"
                paragraph.append(self.run(f"[{cue}", span.op, style, bold=True))
                paragraph.append(self.run(span.display, span.op, style, False, emphasis))
                paragraph.append(self.run(f"{cue}]", span.op, style, bold=True))
            else:
                paragraph.append(self.run(span.display, span.op, style))

    def paragraph_mark(self, paragraph: Any, status: str) -> None:
        """Mark a wholly inserted or deleted paragraph's mark, so nothing is left behind."""
        if not self.tracked or status not in ("inserted", "deleted"):
            return
        properties = paragraph.get_or_add_pPr()
        run_properties = properties.find(qn("w:rPr"))
        if run_properties is None:
            run_properties = OxmlElement("w:rPr")
            properties.append(run_properties)
        run_properties.append(self._revision("w:ins" if status == "inserted" else "w:del"))

    def row(self, row: Any, status: str) -> None:
        """Mark an inserted or deleted table row (w:trPr)."""
        if not self.tracked or status not in ("inserted", "deleted"):
            return
        properties = row.find(qn("w:trPr"))
        if properties is None:
            properties = OxmlElement("w:trPr")
            row.insert(0, properties)
        properties.append(self._revision("w:ins" if status == "inserted" else "w:del"))
