"""styles.xml: which paragraph styles are headings, which are numbered, bold or underlined.

Word stores built-in style names in English ("heading 1") whatever the user's language,
but documents made by other programs, or styles copied between them, carry localized
names ("Überschrift 1", "Titre 1"); both are recognised, and so is an outline level set
on the style itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from contracttools.readers.word.package import W, on

_HEADING = re.compile(
    r"^(?:heading|überschrift|titre|título|titulo|titolo|kop|rubrik|otsikko|overskrift|"
    r"nagłówek|naglowek|nadpis|címsor|заголовок|nadpis|kopje|encabezado|"
    r"見出し|标题|標題|제목)\s*(\d)$",
    re.IGNORECASE,
)
_TITLE = re.compile(r"^(?:title|titel|titre|título|titolo|заголовок документа)$", re.IGNORECASE)
_FRONT = re.compile(r"^(subtitle|toc ?heading)$", re.IGNORECASE)


@dataclass
class Style:
    """One style, its own properties only (see `Styles` for what it inherits)."""

    id: str
    name: str
    kind: str
    based_on: str | None
    num_id: int | None
    ilvl: int | None
    outline: int | None
    bold: bool | None = None
    underline: bool | None = None
    """`w:u` other than "none": underlined text."""
    hidden: bool | None = None
    """`w:vanish`: text Word neither shows nor prints."""
    color: str | None = None
    """The text colour as RRGGBB (a theme's background colour as FFFFFF), or "auto"."""
    size: int | None = None
    """The font size in half-points (`w:sz`)."""


class Styles:
    """The styles of a document, with inherited properties resolved on demand."""

    def __init__(self, root: Any | None) -> None:
        self.styles: dict[str, Style] = {}
        self.default_paragraph: str | None = None
        self._cache: dict[tuple[str, str], Any] = {}
        self.defaults: dict[str, Any] = {}
        """Run properties every run has unless a style or the run says otherwise."""
        if root is None:
            return
        default = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        if default is not None:
            self.defaults = run_properties(default)
        for element in root.iter(f"{W}style"):
            style = _style(element)
            self.styles[style.id] = style
            if style.kind == "paragraph" and element.get(f"{W}default") in ("1", "true", "on"):
                self.default_paragraph = style.id

    def _inherited(self, style_id: str | None, attribute: str) -> Any:
        seen: set[str] = set()
        while style_id is not None and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            value = getattr(self.styles[style_id], attribute)
            if value is not None:
                return value
            style_id = self.styles[style_id].based_on
        return None

    def resolve(self, style_id: str | None, attribute: str) -> Any:
        """Return a property as the style has it, itself or through the styles it is based on."""
        style_id = style_id or self.default_paragraph
        if style_id is None:
            return None
        key = (style_id, attribute)
        if key not in self._cache:
            self._cache[key] = self._inherited(style_id, attribute)
        return self._cache[key]

    def heading_level(self, style_id: str | None) -> int | None:
        """Return the 0-based heading level of a heading style (by name or outline level)."""
        seen: set[str] = set()
        current = style_id
        while current is not None and current in self.styles and current not in seen:
            seen.add(current)
            style = self.styles[current]
            match = _HEADING.match(style.name.strip()) or _HEADING.match(style.id)
            if match:
                return max(int(match.group(1)) - 1, 0)
            current = style.based_on
        outline = self.resolve(style_id, "outline")
        return outline if outline is not None and outline < 9 else None

    def is_title(self, style_id: str | None) -> bool:
        """Return whether a paragraph style is the document title's."""
        if style_id is None or style_id not in self.styles:
            return False
        return bool(_TITLE.match(self.styles[style_id].name.strip()) or style_id == "Title")

    def is_front_matter(self, style_id: str | None) -> bool:
        """Return whether a paragraph style is a cover's or a contents heading's (Subtitle,
        TOC Heading): words about the document, not clause text."""
        if style_id is None:
            return False
        name = self.styles[style_id].name.strip() if style_id in self.styles else style_id
        return bool(_FRONT.match(name) or _FRONT.match(style_id))

    def run_property(self, run_style: str | None, paragraph_style: str | None, name: str) -> Any:
        """Return a run property as Word resolves it for a run without it set directly:
        from the run's character style, then the paragraph's style, then the defaults."""
        for style_id in (run_style, paragraph_style or self.default_paragraph):
            if style_id is not None:
                value = self._inherited(style_id, name)
                if value is not None:
                    return value
        return self.defaults.get(name)

    def numbering(self, style_id: str | None) -> tuple[int, int | None] | None:
        """Return (numId, ilvl or None) that a paragraph style numbers its paragraphs with."""
        num_id = self.resolve(style_id, "num_id")
        if num_id is None:
            return None
        return num_id, self.resolve(style_id, "ilvl")

    def bold(self, style_id: str | None) -> bool:
        """Return whether a style makes its text bold."""
        return bool(self.resolve(style_id, "bold"))

    def underlined(self, style_id: str | None) -> bool:
        """Return whether a style underlines its text."""
        return bool(self.resolve(style_id, "underline"))


def _int(element: Any | None) -> int | None:
    if element is None:
        return None
    try:
        return int(element.get(f"{W}val", ""))
    except ValueError:
        return None


def _style(element: Any) -> Style:
    name_element = element.find(f"{W}name")
    based = element.find(f"{W}basedOn")
    ppr = element.find(f"{W}pPr")
    rpr = element.find(f"{W}rPr")
    num_id = ilvl = outline = None
    if ppr is not None:
        numpr = ppr.find(f"{W}numPr")
        if numpr is not None:
            num_id = _int(numpr.find(f"{W}numId"))
            ilvl = _int(numpr.find(f"{W}ilvl"))
        outline = _int(ppr.find(f"{W}outlineLvl"))
    props = run_properties(rpr) if rpr is not None else {}
    style_id = element.get(f"{W}styleId", "")
    return Style(
        id=style_id,
        name=name_element.get(f"{W}val", style_id) if name_element is not None else style_id,
        kind=element.get(f"{W}type", "paragraph"),
        based_on=based.get(f"{W}val") if based is not None else None,
        num_id=num_id,
        ilvl=ilvl,
        outline=outline,
        **props,
    )


_THEME = {"background1": "FFFFFF", "light1": "FFFFFF", "text1": "000000", "dark1": "000000"}


def color_of(element: Any | None) -> str | None:
    """Return a `w:color` or `w:shd` fill as RRGGBB or "auto" (None when not given)."""
    if element is None:
        return None
    theme = element.get(f"{W}themeColor") or element.get(f"{W}themeFill")
    if theme in _THEME:
        return _THEME[theme]
    value = element.get(f"{W}val") if element.tag == f"{W}color" else element.get(f"{W}fill")
    if not value:
        return None
    return "auto" if value.lower() == "auto" else value.upper()


def run_properties(rpr: Any) -> dict[str, Any]:
    """Return the run properties a reader resolves (bold, underline, hidden, colour, size) that an
    `w:rPr` sets; those it does not set are absent."""
    props: dict[str, Any] = {}
    if rpr.find(f"{W}b") is not None:
        props["bold"] = on(rpr.find(f"{W}b"))
    if rpr.find(f"{W}u") is not None:
        props["underline"] = on(rpr.find(f"{W}u"))
    if rpr.find(f"{W}vanish") is not None:
        props["hidden"] = on(rpr.find(f"{W}vanish"))
    color = color_of(rpr.find(f"{W}color"))
    if color is not None:
        props["color"] = color
    size = _int(rpr.find(f"{W}sz"))
    if size is not None:
        props["size"] = size
    return props
