"""Read contract files: the bytes of each (bounded, recorded as read), its kind and its
top-level keys.

Each kind's reader is its own module: `readers.agreements`, `readers.proposals`,
`readers.negotiations`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import TypeAlias

from contracttools.model import (
    Agreement,
    Negotiation,
    Proposal,
)
from contracttools.problems import ContractFileError, Location, Problem, did_you_mean
from contracttools.readers.fields import FieldReader
from contracttools.readers.nodes import Node, parse, read_text
from contracttools.readers.source import special

KINDS = ("agreement", "proposal", "negotiation")
Loaded: TypeAlias = Agreement | Proposal | Negotiation

AGREEMENT_KEYS = ("kind", "id", "title", "clauses")
AGREEMENT_OPTIONAL = ("effective", "expires", "note")
CLAUSE_KEYS = ("id", "number", "title")
CLAUSE_OPTIONAL = ("text", "clauses", "terms", "note")
PROPOSAL_KEYS = ("kind", "party", "number", "passed_at", "amends", "items")
PROPOSAL_OPTIONAL = ("title", "preamble", "note")
ITEM_KEYS = ("clause", "action")
ITEM_OPTIONAL = (
    "text",
    "number",
    "title",
    "after",
    "parent",
    "summary",
    "topic",
    "terms",
    "cost",
    "package",
    "note",
)
NEGOTIATION_KEYS = ("kind", "title", "parties", "agreement", "proposals")
NEGOTIATION_OPTIONAL = ("tentative_agreements", "expires", "unlisted", "note", "costing")
PARTY_KEYS = ("name", "short", "role")
TA_KEYS = ("clause", "date", "initials")
TA_OPTIONAL = (
    "party",
    "proposal",
    "text",
    "summary",
    "terms",
    "number",
    "title",
    "after",
    "parent",
    "note",
)
VALUATION_KEYS = ("valuer", "amount")
VALUATION_OPTIONAL = ("per", "note")

NEEDS_TEXT = ("amend", "add")
PLACED = ("add", "amend", "concept")  # items that may give a number, title and place
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # stands in for a value already reported
MAX_FIGURES = 20
"""The most figures a term lists (one a year, or a step of a schedule)."""
MAX_BYTES = 64 * 1024 * 1024
"""The largest contract file read (a 2,000-page agreement is about 10 MB)."""

_sources: ContextVar[frozenset[str]] = ContextVar("sources", default=frozenset())


def sources() -> frozenset[str]:
    """Return the absolute path of every file read since `reading()` began: a run's inputs,
    however they were reached (named, amended, listed in a manifest)."""
    return _sources.get()


@contextmanager
def reading() -> Iterator[None]:
    """Start a fresh record of the files read (one command run)."""
    token = _sources.set(frozenset())
    try:
        yield
    finally:
        _sources.reset(token)


def _display(path: str | os.PathLike[str]) -> str:
    return os.fspath(path)


def read_file(path: str) -> bytes:
    """Return a contract file's bytes: a regular file of at most MAX_BYTES, never a device,
    a FIFO or a folder (they would block or never end); the file is recorded as read."""

    def refuse(message: str) -> ContractFileError:
        return ContractFileError([Problem(Location(path), message)])

    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the open
    except OSError as err:
        raise refuse(f"cannot read: {err.strerror}") from None
    try:
        info = os.fstat(handle)
        what = special(info.st_mode)
        if what is not None:
            raise refuse(f"is {what}, not a file; give a file")
        if info.st_size > MAX_BYTES:
            raise refuse(f"is larger than {MAX_BYTES // 2**20} MB; this is not a contract file")
        _sources.set(_sources.get() | {os.path.abspath(path)})
        chunks, size = [], 0
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BYTES:
                raise refuse(f"is larger than {MAX_BYTES // 2**20} MB; this is not a contract file")
        return b"".join(chunks)
    except OSError as err:
        raise refuse(f"cannot read: {err.strerror}") from None
    finally:
        os.close(handle)


def not_a_file(path: str) -> str | None:
    """Return what is wrong with a path a file names ("does not exist", "is a folder, not a
    file"), or None for a regular file."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "does not exist"
    except OSError as err:
        return f"cannot be read ({err.strerror})"
    what = special(mode)
    return None if what is None else f"is {what}, not a file"


def _document(path: str, data: bytes | None = None) -> Node:
    """Parse a file (or `data`, given as if read from `path`) into its root node."""
    if data is None:
        data = read_file(path)
    text = read_text(path, data)
    root = parse(path, text)
    if root.kind != "map":
        raise ContractFileError(
            [
                Problem(
                    root.at,
                    f"a contract file must be a mapping with a 'kind' key, not {root.describe()}",
                )
            ]
        )
    return root


def _kind_of(root: Node, path: str) -> str:
    kind_node = root.get("kind")
    if kind_node is None:
        raise ContractFileError([Problem(root.at, f"missing 'kind' (one of: {', '.join(KINDS)})")])
    if kind_node.kind != "scalar" or kind_node.text not in KINDS:
        shown = kind_node.text if kind_node.kind == "scalar" else kind_node.describe()
        raise ContractFileError(
            [
                Problem(
                    kind_node.at,
                    f"unknown kind '{shown}' (one of: {', '.join(KINDS)}){did_you_mean(shown, KINDS)}",
                )
            ]
        )
    return kind_node.text


def _open(
    root: Node, path: str, kind: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> tuple[dict[str, Node], FieldReader]:
    """Check a parsed file's kind and top-level keys; return them and the reader."""
    reader = FieldReader(path)
    _expect_kind(root, path, kind)
    article = "an" if kind[0] in "aeiou" else "a"
    fields = reader.mapping(root, f"{article} {kind}", required, optional)
    if fields is None:
        raise ContractFileError(reader.problems)
    return fields, reader


def _expect_kind(root: Node, path: str, kind: str) -> None:
    found = _kind_of(root, path)
    if found != kind:
        raise ContractFileError(
            [Problem(Location(path), f"expected a {kind} file, found kind '{found}'")]
        )


def find_negotiation(proposal_path: str) -> str | None:
    """Return the negotiation.yaml beside a proposal when it names that proposal."""
    folder = os.path.dirname(os.path.abspath(proposal_path))
    manifest = os.path.join(folder, "negotiation.yaml")
    if not os.path.isfile(manifest):
        return None
    try:
        root = _document(manifest)
    except ContractFileError:
        return None
    proposals = root.get("proposals")
    if proposals is None or proposals.kind != "seq":
        return None
    for entry in proposals.items:
        if entry.kind == "scalar":
            candidate = os.path.join(folder, entry.text)
            if os.path.isfile(candidate) and os.path.samefile(candidate, proposal_path):
                return os.path.join(os.path.dirname(proposal_path), "negotiation.yaml")
    return None
