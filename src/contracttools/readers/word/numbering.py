"""numbering.xml: the numbers Word shows, computed as Word computes them.

Counters belong to the abstract numbering definition, not to the list instance (`w:num`)
that a paragraph names: two instances of one definition continue each other.  An
instance with a `w:startOverride` restarts its levels the first time a paragraph uses it
("restart numbering"); later instances without one continue from there.  A level's text
("%1.%2(%3)") shows each level's counter in that level's format, or in arabic digits
when the level is "legal" (`w:isLgl`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from contracttools.readers.word.formats import beyond, format_number
from contracttools.readers.word.package import W, on
from contracttools.readers.word.styles import Styles

LEVELS = 9
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


@dataclass(frozen=True)
class Level:
    """One level of a numbering definition."""

    start: int = 1
    format: str = "decimal"
    text: str = ""
    legal: bool = False
    restart: int | None = None
    """Restart after a use of level `restart - 1` or above; 0 never; None after any above."""
    style: str | None = None


@dataclass
class Instance:
    """A list instance (`w:num`): its definition and what it overrides."""

    abstract: int
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


def _int(element: Any | None, default: int | None = None) -> int | None:
    if element is None:
        return default
    try:
        return int(element.get(f"{W}val", ""))
    except ValueError:
        return default


def _level(element: Any, base: Level | None = None) -> Level:
    level = base or Level()
    start = element.find(f"{W}start")
    if start is not None:
        level = replace(level, start=_int(start, 1) or 0)
    fmt = element.find(f"{W}numFmt")
    choice = element.find(f"{MC}AlternateContent/{MC}Choice/{W}numFmt")
    if choice is not None:
        fmt = choice
    if fmt is not None:
        value = fmt.get(f"{W}val", "decimal")
        if value == "custom":
            value = "custom:" + fmt.get(f"{W}format", "")
        level = replace(level, format=value)
    text = element.find(f"{W}lvlText")
    if text is not None:
        level = replace(level, text=text.get(f"{W}val", ""))
    if element.find(f"{W}isLgl") is not None:
        level = replace(level, legal=on(element.find(f"{W}isLgl")))
    restart = element.find(f"{W}lvlRestart")
    if restart is not None:
        level = replace(level, restart=_int(restart))
    style = element.find(f"{W}pStyle")
    if style is not None:
        level = replace(level, style=style.get(f"{W}val"))
    return level


class Numbering:
    """The numbering definitions of a document."""

    def __init__(self, root: Any | None, styles: Styles) -> None:
        self.abstracts: dict[int, dict[int, Level]] = {}
        self.instances: dict[int, Instance] = {}
        self._levels: dict[tuple[int, int], Level | None] = {}
        self.style_levels: dict[str, tuple[int, int]] = {}
        """Paragraph style -> (numId, ilvl) from a level's pStyle link."""
        if root is None:
            return
        links: dict[int, str] = {}
        for element in root.iter(f"{W}abstractNum"):
            ident = _int_attr(element, "abstractNumId")
            if ident is None:
                continue
            levels = {}
            for lvl in element.iter(f"{W}lvl"):
                ilvl = _int_attr(lvl, "ilvl")
                if ilvl is not None:
                    levels[ilvl] = _level(lvl)
            self.abstracts[ident] = levels
            link = element.find(f"{W}numStyleLink")
            if link is not None and link.get(f"{W}val"):
                links[ident] = link.get(f"{W}val")
        for element in root.iter(f"{W}num"):
            ident = _int_attr(element, "numId")
            abstract = _int(element.find(f"{W}abstractNumId"))
            if ident is None or abstract is None:
                continue
            instance = Instance(abstract)
            for override in element.iter(f"{W}lvlOverride"):
                ilvl = _int_attr(override, "ilvl")
                if ilvl is None:
                    continue
                start = override.find(f"{W}startOverride")
                if start is not None:
                    instance.starts[ilvl] = _int(start, 1) or 0
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    instance.levels[ilvl] = _level(lvl, self.abstracts.get(abstract, {}).get(ilvl))
            self.instances[ident] = instance
        # A definition that only points at a numbering style uses that style's list.
        for ident, style_id in links.items():
            linked = styles.numbering(style_id)
            if linked is not None and linked[0] in self.instances:
                target = self.instances[linked[0]].abstract
                for instance in self.instances.values():
                    if instance.abstract == ident and target != ident:
                        instance.abstract = target
        for num_id, instance in self.instances.items():
            for ilvl, level in self.abstracts.get(instance.abstract, {}).items():
                if level.style and level.style not in self.style_levels:
                    self.style_levels[level.style] = (num_id, ilvl)

    def level(self, num_id: int, ilvl: int) -> Level | None:
        """Return the definition of a level as a list instance has it."""
        key = (num_id, ilvl)
        if key not in self._levels:
            self._levels[key] = self._level(num_id, ilvl)
        return self._levels[key]

    def _level(self, num_id: int, ilvl: int) -> Level | None:
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        if ilvl in instance.levels:
            return instance.levels[ilvl]
        return self.abstracts.get(instance.abstract, {}).get(ilvl)


def _int_attr(element: Any, name: str) -> int | None:
    try:
        return int(element.get(f"{W}{name}", ""))
    except ValueError:
        return None


class Counter:
    """Counts numbered paragraphs in reading order, as Word does, and returns their labels."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.counts: dict[int, list[int | None]] = {}
        self.used: set[int] = set()
        self.beyond: list[tuple[int, str]] = []
        """(value, format) of each counter shown in digits since the last label."""

    def next(self, num_id: int, ilvl: int) -> str | None:
        """Count one paragraph of list `num_id` at level `ilvl`; return its label."""
        numbering = self.numbering
        instance = numbering.instances.get(num_id)
        if instance is None or not 0 <= ilvl < LEVELS:
            return None
        level = numbering.level(num_id, ilvl)
        if level is None:
            return None
        counts = self.counts.setdefault(instance.abstract, [None] * LEVELS)
        if num_id not in self.used:
            self.used.add(num_id)
            for overridden, start in instance.starts.items():
                if 0 <= overridden < LEVELS:
                    counts[overridden] = start - 1
                    for deeper in range(overridden + 1, LEVELS):
                        counts[deeper] = None
        current = counts[ilvl]
        counts[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            definition = numbering.level(num_id, deeper)
            restart = definition.restart if definition else None
            if restart is None or (restart != 0 and ilvl < restart):
                counts[deeper] = None
        self.beyond = []
        return self.label(num_id, ilvl, counts)

    def label(self, num_id: int, ilvl: int, counts: list[int | None]) -> str:
        level = self.numbering.level(num_id, ilvl)
        assert level is not None
        if level.format in ("bullet", "none"):
            return ""
        out = []
        text = level.text
        i = 0
        while i < len(text):
            char = text[i]
            if char == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                which = int(text[i + 1]) - 1
                i += 2
                if not 0 <= which < LEVELS:
                    continue
                other = self.numbering.level(num_id, which) or Level()
                value = counts[which]
                if value is None:
                    value = other.start
                fmt = "decimal" if level.legal and other.format != "decimalZero" else other.format
                if beyond(value, fmt) and fmt not in ("none", "bullet"):
                    self.beyond.append((value, fmt))
                out.append(format_number(value, fmt))
                continue
            out.append(char)
            i += 1
        return "".join(out)
