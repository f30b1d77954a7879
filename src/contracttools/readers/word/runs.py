"""A paragraph's text in both readings: as it was, and with every change made.

Tracked insertions (`w:ins`, `w:moveTo`) belong to the changed reading only, deletions
(`w:del`, `w:moveFrom`) to the original only; formatting changes (`w:rPrChange`,
`w:pPrChange`) change no text and are ignored.  With hand-typed marks, underlined text
counts as inserted and struck text as deleted.  Field results that are not clause text
(a table of contents, page numbers) are left out.  A footnote or endnote comes into the
text at the end of the paragraph that refers to it, "(Footnote 1: …)"; a text box is
not read and is reported with its words.

Text Word does not show is left out of both readings and kept in `left_out` for the
report: hidden text (`w:vanish`, set on the run or by its character or paragraph style, as
Word resolves them), text the colour of what it is printed on (the run's shading or
highlight, the paragraph's, the cell's, the page's), and text under 2 points.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from contracttools.readers.word.package import W, on
from contracttools.readers.word.segments import BOLD, UNDERLINED, Segment, quoted, text_of
from contracttools.readers.word.styles import Styles, color_of

_R, _T, _DEL_TEXT = f"{W}r", f"{W}t", f"{W}delText"
_INS, _DEL, _MOVE_TO, _MOVE_FROM = f"{W}ins", f"{W}del", f"{W}moveTo", f"{W}moveFrom"
_FLD_SIMPLE, _FLD_CHAR = f"{W}fldSimple", f"{W}fldChar"
_INSTR = (f"{W}instrText", f"{W}delInstrText")
_SPACE = {f"{W}tab", f"{W}ptab", f"{W}br", f"{W}cr"}
_CONTAINERS = {
    f"{W}hyperlink",
    f"{W}smartTag",
    f"{W}customXml",
    f"{W}sdtContent",
    f"{W}dir",
    f"{W}bdo",
}
_SDT = f"{W}sdt"
_HIDDEN_FIELDS = ("TOC", "PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF", "SECTION")


MAX_DEPTH = 64
"""How deeply elements may nest inside a paragraph."""


class TooDeep(Exception):
    """A paragraph nests elements beyond MAX_DEPTH."""


@dataclass
class Field:
    """A complex field being read: its instruction, and whether its result has begun."""

    instruction: str = ""
    result: bool = False

    @property
    def hidden(self) -> bool:
        words = self.instruction.split()
        return bool(words) and words[0].upper() in _HIDDEN_FIELDS


@dataclass
class Changes:
    """What the reader saw change, across the whole document."""

    count: int = 0
    authors: dict[str, None] = field(default_factory=dict)
    fields: list[Field] = field(default_factory=list)
    """Complex fields open at this point of the document (they span paragraphs)."""
    skipped: int = 0
    """Characters left out as table-of-contents or page-number field results."""

    def saw(self, element: Any) -> None:
        self.count += 1
        author = element.get(f"{W}author")
        if author:
            self.authors.setdefault(author, None)


@dataclass
class Paragraph:
    """One paragraph of the document, read both ways."""

    original: list[Segment] = field(default_factory=list)
    changed: list[Segment] = field(default_factory=list)
    mark: str | None = None
    """'ins' or 'del' when the paragraph mark itself is a tracked change."""
    style: str | None = None
    num: tuple[int | None, int | None] | None = None
    """Direct numbering: (numId, ilvl) as given (numId 0 switches numbering off)."""
    outline: int | None = None
    hidden: bool = False
    """All of its text lies in a table-of-contents field."""


class ParagraphReader:
    """Reads paragraphs, keeping the document-wide state (open fields, changes seen)."""

    def __init__(
        self, styles: Styles, marks: str, changes: Changes, background: str = "FFFFFF"
    ) -> None:
        self.styles = styles
        self.underline_strike = marks == "underline-strike"
        self.changes = changes
        self.background = background
        """The colour text is printed on where nothing else shades it (the page's)."""
        self.cell_fill: str | None = None
        """The shading of the table cell being read, "unknown" when a table style may shade it."""
        self._paragraph_fill: str | None = None
        self.left_out: list[tuple[str, str]] = []
        """(why, text) of each run of text left out since the last `take_left_out()`."""
        self.remarks: list[str] = []
        """Other things to report about the paragraphs read since `take_left_out()`."""
        self.notes: dict[str, dict[str, Any]] = {"footnote": {}, "endnote": {}}
        """Footnotes and endnotes by their id."""
        self._referred: list[tuple[str, str]] = []
        self._in_note = False

    def use_notes(self, kind: str, root: Any | None) -> None:
        """Keep the footnotes (or endnotes) of a document, to bring in where referred to."""
        if root is not None:
            for element in root.iter(f"{W}{kind}"):
                if element.get(f"{W}type") in (None, "normal"):
                    self.notes[kind][element.get(f"{W}id", "")] = element

    def take_left_out(self) -> list[str]:
        """Return (and forget) what to report of the paragraphs read since the last call."""
        messages = [
            f"left out {why}, which Word does not show: {quoted(text)}"
            for why, text in self.left_out
            if text.strip()
        ]
        messages.extend(self.remarks)
        self.left_out, self.remarks = [], []
        return messages

    def read(self, element: Any) -> Paragraph:
        paragraph = Paragraph()
        ppr = element.find(f"{W}pPr")
        self._paragraph_fill = None
        if ppr is not None:
            self._properties(ppr, paragraph)
            self._paragraph_fill = _fill(ppr.find(f"{W}shd"))
        self._bold_style = self.styles.bold(paragraph.style)
        self._underline_style = self.styles.underlined(paragraph.style)
        before = self.changes.skipped
        self._walk(element, paragraph, False, False)
        if self._referred and not self._in_note:
            self._bring_notes(paragraph)
        if self.changes.skipped > before and not any(t.strip() for t, _ in paragraph.changed):
            paragraph.hidden = True
        return paragraph

    def _bring_notes(self, paragraph: Paragraph) -> None:
        """Add the footnotes and endnotes a paragraph refers to at its end, in both readings."""
        referred, self._referred = self._referred, []
        self._in_note = True
        try:
            for kind, ident in referred:
                element = self.notes[kind].get(ident)
                if element is None:
                    self.remarks.append(f"refers to {kind} {ident}, which the file does not have")
                    continue
                read = [self.read(p) for p in element.iter(f"{W}p")]
                original = " ".join(text_of(p.original) for p in read).strip()
                changed = " ".join(text_of(p.changed) for p in read).strip()
                name = kind.capitalize()
                if original:
                    paragraph.original.append((f" ({name} {ident}: {original})", 0))
                if changed:
                    paragraph.changed.append((f" ({name} {ident}: {changed})", 0))
                self.remarks.append(f"{kind} {ident} brought into the text at the paragraph's end")
        finally:
            self._in_note = False
            self._referred = []

    def _properties(self, ppr: Any, paragraph: Paragraph) -> None:
        style = ppr.find(f"{W}pStyle")
        if style is not None:
            paragraph.style = style.get(f"{W}val")
        numpr = ppr.find(f"{W}numPr")
        if numpr is not None:
            paragraph.num = (_val(numpr.find(f"{W}numId")), _val(numpr.find(f"{W}ilvl")))
        outline = _val(ppr.find(f"{W}outlineLvl"))
        if outline is not None and outline < 9:
            paragraph.outline = outline
        rpr = ppr.find(f"{W}rPr")
        if rpr is not None:
            for tag, mark in ((_INS, "ins"), (_MOVE_TO, "ins"), (_DEL, "del"), (_MOVE_FROM, "del")):
                change = rpr.find(tag)
                if change is not None:
                    paragraph.mark = mark
                    self.changes.saw(change)

    def _walk(
        self, element: Any, paragraph: Paragraph, inserted: bool, deleted: bool, depth: int = 0
    ) -> None:
        if depth > MAX_DEPTH:
            raise TooDeep(
                f"more than {MAX_DEPTH} elements (hyperlinks, content controls, changes) are "
                "nested inside one another in a paragraph; refused (Word never nests so deep)"
            )
        depth += 1
        for child in element:
            tag = child.tag
            if tag == _R:
                self._run(child, paragraph, inserted, deleted)
            elif tag in (_INS, _MOVE_TO):
                self.changes.saw(child)
                self._walk(child, paragraph, True, deleted, depth)
            elif tag in (_DEL, _MOVE_FROM):
                self.changes.saw(child)
                self._walk(child, paragraph, inserted, True, depth)
            elif tag == _FLD_SIMPLE:
                if Field(child.get(f"{W}instr", "")).hidden:
                    self.changes.skipped += len("".join(child.itertext()))
                else:
                    self._walk(child, paragraph, inserted, deleted, depth)
            elif tag in _CONTAINERS:
                self._walk(child, paragraph, inserted, deleted, depth)
            elif tag == _SDT:
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self._walk(content, paragraph, inserted, deleted, depth)

    def _run(self, run: Any, paragraph: Paragraph, inserted: bool, deleted: bool) -> None:
        rpr = run.find(f"{W}rPr")
        bold = self._bold_style
        underlined = self._underline_style and not self.underline_strike
        if rpr is not None:
            bold = self._bold(rpr, bold)
            if not self.underline_strike:
                underlined = self._underlined(rpr, underlined)
            if self.underline_strike:
                underline = rpr.find(f"{W}u")
                if underline is not None and underline.get(f"{W}val", "single") != "none":
                    inserted = True
                    self.changes.count += 1
                if on(rpr.find(f"{W}strike")) or on(rpr.find(f"{W}dstrike")):
                    deleted = True
                    self.changes.count += 1
                if (inserted or deleted) and _is_cue(run):
                    return
        unseen = self._unseen(rpr, paragraph.style)
        fields = self.changes.fields
        for child in run:
            tag = child.tag
            if tag in (_T, _DEL_TEXT):
                text = child.text or ""
            elif tag in _SPACE:
                text = " "
            elif tag == f"{W}noBreakHyphen":
                text = "-"
            elif tag in _NOTE_REFERENCES:
                if not self._in_note:
                    self._referred.append((_NOTE_REFERENCES[tag], child.get(f"{W}id", "")))
                continue
            elif tag in _PICTURES:
                boxed = " ".join(
                    " ".join("".join(box.itertext()).split())
                    for box in child.iter(f"{W}txbxContent")
                    if not any(a.tag == _FALLBACK for a in box.iterancestors())
                )
                if boxed.strip():
                    self.remarks.append(f"a text box was not read: {quoted(boxed)}")
                continue
            elif tag == _FLD_CHAR:
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    fields.append(Field())
                elif kind == "separate" and fields:
                    fields[-1].result = True
                elif kind == "end" and fields:
                    fields.pop()
                continue
            elif tag in _INSTR:
                if fields and not fields[-1].result:
                    fields[-1].instruction += child.text or ""
                continue
            else:
                continue
            if fields and any(f.hidden or not f.result for f in fields):
                self.changes.skipped += len(text)
                continue
            if unseen is not None:
                if self.left_out and self.left_out[-1][0] == unseen:
                    self.left_out[-1] = (unseen, self.left_out[-1][1] + text)
                else:
                    self.left_out.append((unseen, text))
                continue
            marks = (BOLD if bold else 0) | (UNDERLINED if underlined else 0)
            if not deleted:
                paragraph.changed.append((text, marks))
            if not inserted:
                paragraph.original.append((text, marks))

    def _unseen(self, rpr: Any | None, paragraph_style: str | None) -> str | None:
        """Return why a run's text is not shown by Word (None when it is shown)."""
        run_style = None
        direct: dict[str, Any] = {}
        if rpr is not None:
            style = rpr.find(f"{W}rStyle")
            run_style = style.get(f"{W}val") if style is not None else None
            if rpr.find(f"{W}vanish") is not None:
                direct["hidden"] = on(rpr.find(f"{W}vanish"))
            if rpr.find(f"{W}color") is not None:
                direct["color"] = color_of(rpr.find(f"{W}color"))
            if rpr.find(f"{W}sz") is not None:
                direct["size"] = _val(rpr.find(f"{W}sz"))

        def resolved(name: str) -> Any:
            if direct.get(name) is not None:
                return direct[name]
            return self.styles.run_property(run_style, paragraph_style, name)

        if resolved("hidden"):
            return "hidden text (w:vanish)"
        size = resolved("size")
        if size is not None and 0 <= size < 4:
            return f"text of {size / 2:g} pt (under 2 pt)"
        color = resolved("color")
        if color is not None and color != "auto":
            ground = self._ground(rpr)
            if ground == color:
                return f"text the colour of its background (#{color})"
        return None

    def _ground(self, rpr: Any | None) -> str | None:
        """Return the colour behind a run (None when a table style may shade it)."""
        if rpr is not None:
            fill = _fill(rpr.find(f"{W}shd"))
            if fill is not None:
                return fill
            highlight = rpr.find(f"{W}highlight")
            if highlight is not None and highlight.get(f"{W}val", "none") != "none":
                return _HIGHLIGHTS.get(highlight.get(f"{W}val", ""), "highlight")
        if self._paragraph_fill is not None:
            return self._paragraph_fill
        if self.cell_fill is not None:
            return None if self.cell_fill == "unknown" else self.cell_fill
        return self.background

    def _bold(self, rpr: Any, inherited: bool) -> bool:
        b = rpr.find(f"{W}b")
        if b is not None:
            return on(b)
        style = rpr.find(f"{W}rStyle")
        if style is not None and self.styles.resolve(style.get(f"{W}val"), "bold") is not None:
            return bool(self.styles.resolve(style.get(f"{W}val"), "bold"))
        return inherited

    def _underlined(self, rpr: Any, inherited: bool) -> bool:
        u = rpr.find(f"{W}u")
        if u is not None:
            return on(u)
        style = rpr.find(f"{W}rStyle")
        if style is not None:
            value = self.styles.resolve(style.get(f"{W}val"), "underline")
            if value is not None:
                return bool(value)
        return inherited


_NOTE_REFERENCES = {f"{W}footnoteReference": "footnote", f"{W}endnoteReference": "endnote"}
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PICTURES = {f"{W}drawing", f"{W}pict", f"{W}object", f"{_MC}AlternateContent"}
_FALLBACK = f"{_MC}Fallback"


_HIGHLIGHTS = {"white": "FFFFFF", "black": "000000"}


def _fill(shd: Any | None) -> str | None:
    """Return a shading's fill colour (None for none or auto: the colour behind shows)."""
    fill = color_of(shd)
    return None if fill in (None, "auto") else fill


_CUES = {"[+", "+]", "[-", "-]", "[+row]", "[-row]"}
"""Text cues typed around marked changes (as our own visual redlines carry them)."""


def _is_cue(run: Any) -> bool:
    return "".join(t.text or "" for t in run.iter(_T)).strip() in _CUES


def _val(element: Any | None) -> int | None:
    if element is None:
        return None
    try:
        return int(element.get(f"{W}val", ""))
    except ValueError:
        return None
