"""Safe YAML reading into nodes that remember where they stood.

The tree is built from the parser's events (the C parser when present), so that
aliases are refused before they can expand, nesting is bounded without recursion,
and every value keeps its line and column for error messages.  Scalars stay text:
the schema, not YAML's implicit typing, decides what a value means (so `number: 10.10`
stays "10.10" and `NO` is not `False`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import yaml

from contracttools.collector import cycle_collector_paused
from contracttools.problems import ContractFileError, Location, Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters a YAML file may not hold raw (control characters, lone surrogates)."""


class Node:
    """A YAML value with its place: kind is 'map', 'seq' or 'scalar'.

    A full agreement is a million of these: they keep no `__dict__`, scalars share one
    empty tuple for `items` and `pairs`, and the `Location` is made only when asked for.
    """

    __slots__ = ("block", "column", "items", "kind", "line", "pairs", "path", "plain", "text")

    def __init__(
        self,
        kind: str,
        path: str,
        line: int,
        column: int,
        text: str = "",
        plain: bool = False,
        block: bool = False,
    ) -> None:
        self.kind = kind
        self.path = path
        self.line = line
        self.column = column
        self.text = text
        self.plain = plain
        self.block = block
        self.items: Sequence[Node] = ()
        self.pairs: Sequence[tuple[Node, Node]] = ()

    @property
    def at(self) -> Location:
        """Where the value starts."""
        return Location(self.path, self.line, self.column)

    @property
    def is_null(self) -> bool:
        return (
            self.kind == "scalar" and self.plain and self.text in ("", "~", "null", "Null", "NULL")
        )

    def get(self, key: str) -> Node | None:
        """Return the value under key in a mapping (the first, if given twice)."""
        if self.kind != "map":
            return None
        return next((value for k, value in self.pairs if k.text == key), None)

    def describe(self) -> str:
        """Return what this value is, in words, for messages."""
        if self.kind == "map":
            return "a mapping"
        if self.kind == "seq":
            return "a list"
        if self.is_null:
            return "nothing"
        return f"'{self.text[:40]}'" if len(self.text) <= 40 else "a long text"


def read_text(path: str, data: bytes) -> str:
    """Decode UTF-8, reporting the line and column of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ContractFileError(
            [
                Problem(
                    Location(path, line, column),
                    f"invalid UTF-8 (byte 0x{data[err.start]:02x}); save the file as UTF-8",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def _tab_problems(path: str, text: str) -> list[Problem]:
    problems: list[Problem] = []
    if "\t" not in text:
        return problems
    for number, line in enumerate(text.split("\n"), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    Location(path, number, indent.index("\t") + 1),
                    "tab in indentation; indent with spaces",
                )
            )
    return problems


def _character_problems(path: str, text: str) -> list[Problem]:
    problems = []
    for found in _NOT_YAML.finditer(text):
        start = found.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        problems.append(
            Problem(
                Location(path, line, column),
                f"control character U+{ord(found.group()):04X} is not allowed in a YAML file; "
                "remove it, or write it as an escape in a double-quoted string",
            )
        )
        if len(problems) == 20:
            break
    return problems


def _at(path: str, mark: Any) -> Location:
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


def parse(path: str, text: str) -> Node:
    """Return the single document of a YAML text as nodes, or raise ContractFileError."""
    tabs = _tab_problems(path, text) + _character_problems(path, text)
    if tabs:
        raise ContractFileError(tabs)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise ContractFileError([Problem(Location(path), "the file is empty")])
    try:
        with cycle_collector_paused():
            return _compose(path, text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        message = (err.problem or err.context or "not valid YAML").strip()
        raise ContractFileError([Problem(_at(path, mark), f"YAML syntax: {message}")]) from None
    except yaml.YAMLError as err:  # pragma: no cover - reader errors carry no mark
        first = str(err).splitlines()[0] if str(err) else "not valid YAML"
        raise ContractFileError([Problem(Location(path), f"YAML syntax: {first}")]) from None


def _compose(path: str, text: str) -> Node:
    stack: list[Node] = []
    items: list[list[Node]] = []  # the open containers' items and pairs, being filled
    pairs: list[list[tuple[Node, Node]]] = []
    pending_key: list[Node | None] = []
    root: Node | None = None
    documents = 0

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if parent.kind == "seq":
            items[-1].append(node)
        elif pending_key[-1] is None:
            pending_key[-1] = node
        else:
            key = pending_key[-1]
            assert key is not None
            pairs[-1].append((key, node))
            pending_key[-1] = None

    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if isinstance(event, yaml.ScalarEvent):
            if event.tag not in (None, "!"):
                raise ContractFileError(
                    [
                        Problem(
                            Location(path, line, column), f"YAML tag '{event.tag}' is not allowed"
                        )
                    ]
                )
            style = event.style
            value = event.value
            if not value.isascii():  # one letter, one form: "é" composed or not is no change
                value = unicodedata.normalize("NFC", value)
            attach(
                Node(
                    "scalar",
                    path,
                    line,
                    column,
                    value,
                    plain=style is None or style == "",
                    block=style in ("|", ">"),
                )
            )
            continue
        at = Location(path, line, column)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise ContractFileError(
                    [Problem(at, "more than one YAML document; keep one document per file")]
                )
        elif isinstance(event, yaml.AliasEvent):
            raise ContractFileError(
                [
                    Problem(
                        at,
                        f"YAML alias '*{event.anchor}' is not allowed in contract files; write the value out",
                    )
                ]
            )
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            if event.tag is not None:
                raise ContractFileError([Problem(at, f"YAML tag '{event.tag}' is not allowed")])
            if len(stack) >= MAX_DEPTH:
                raise ContractFileError(
                    [
                        Problem(
                            at,
                            f"nested more than {MAX_DEPTH} levels deep; this is not a contract file",
                        )
                    ]
                )
            kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
            node = Node(kind, path, line, column)
            attach(node)
            items_of: list[Node] = []
            pairs_of: list[tuple[Node, Node]] = []
            node.items, node.pairs = items_of, pairs_of
            stack.append(node)
            items.append(items_of)
            pairs.append(pairs_of)
            pending_key.append(None)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            node = stack.pop()
            node.items, node.pairs = tuple(items.pop()), tuple(pairs.pop())
            pending_key.pop()
    assert root is not None
    return root
