"""The one table from (document kind, format) to writer: only commands dispatch here.

A writer is a function of the assembled document and `Options` that returns text or bytes;
every entry names one such function in its own writer module.  Entries name their function
as "module:function" so that a command imports only the writer it uses (WeasyPrint and
python-docx are slow to import); `tests/test_layout.py` checks that each entry exists and
takes the document kind's model and `Options`.  Adding a format is one line here.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import Any, Literal

from contracttools.writers import FORMATS
from contracttools.writers.options import Options

Kind = Literal[
    "redline", "packet", "summary", "chart", "history", "agreement", "proposal", "blackline", "cost"
]
"""The kinds of document a command writes."""

Writer = Callable[[Any, Options], "str | bytes"]

DOCUMENTS: dict[Kind, tuple[str, ...]] = {
    "redline": ("Redline",),
    "packet": ("Packet",),
    "summary": ("Summary",),
    "chart": ("Chart",),
    "history": ("ClauseHistory",),
    "agreement": ("Agreement", "Printing"),
    "proposal": ("Proposal",),
    "blackline": ("Agreement", "Printing"),
    "cost": ("CostReport",),
}
"""The models each kind's writers take (by class name), as their signatures say: every
writer of the kind takes the first; some take the others too (a printing of an agreement)."""

WRITERS: dict[tuple[Kind, str], str] = {
    ("redline", "text"): "contracttools.writers.terminal:write_redline",
    ("redline", "json"): "contracttools.writers.json:write",
    ("redline", "markdown"): "contracttools.writers.markdown:write",
    ("redline", "html"): "contracttools.writers.html:write_redline",
    ("redline", "pdf"): "contracttools.writers.pdf:write_redline",
    ("redline", "docx"): "contracttools.writers.docx.documents:write_redline",
    ("packet", "html"): "contracttools.writers.html:write_packet",
    ("packet", "pdf"): "contracttools.writers.pdf:write_packet",
    ("packet", "docx"): "contracttools.writers.docx.documents:write_packet",
    ("summary", "markdown"): "contracttools.writers.markdown:write_summary",
    ("summary", "html"): "contracttools.writers.html:write_summary",
    ("summary", "pdf"): "contracttools.writers.pdf:write_summary",
    ("summary", "docx"): "contracttools.writers.docx.documents:write_summary",
    ("chart", "xlsx"): "contracttools.writers.xlsx:write_chart",
    ("chart", "csv"): "contracttools.writers.chart:write_csv",
    ("chart", "markdown"): "contracttools.writers.chart:write_markdown",
    ("chart", "html"): "contracttools.writers.pages:write_chart",
    ("chart", "pdf"): "contracttools.writers.pdf:write_chart",
    ("history", "text"): "contracttools.writers.history:write_text",
    ("history", "markdown"): "contracttools.writers.history:write_markdown",
    ("history", "html"): "contracttools.writers.pages:write_history",
    ("history", "pdf"): "contracttools.writers.pdf:write_history",
    ("agreement", "yaml"): "contracttools.writers.yaml:write_agreement",
    ("proposal", "yaml"): "contracttools.writers.yaml:write_proposal",
    ("agreement", "docx"): "contracttools.writers.docx.agreements:write_docx",
    ("agreement", "pdf"): "contracttools.writers.pdf:write_agreement",
    ("agreement", "html"): "contracttools.writers.agreement_html:write_html",
    ("blackline", "docx"): "contracttools.writers.docx.agreements:write_docx",
    ("blackline", "pdf"): "contracttools.writers.pdf:write_agreement",
    ("blackline", "html"): "contracttools.writers.agreement_html:write_html",
    ("cost", "xlsx"): "contracttools.writers.cost:write_cost",
}
"""(document kind, format) -> "module:function"; adding a format is one line here."""

BINARY = ("pdf", "docx", "xlsx")
"""Formats that are bytes, written only to a file."""


def formats(kind: Kind) -> tuple[str, ...]:
    """Return the formats a kind of document can be written in, in table order."""
    return tuple(fmt for k, fmt in WRITERS if k == kind)


def format_for(kind: Kind, output: str | None, fmt: str | None, default: str) -> str:
    """Return the format named, else the one -o's extension implies, else `default`.

    Raise ValueError with a message a user can act on when the kind has no such format.
    """
    if fmt is None and output is not None:
        extension = os.path.splitext(output)[1].lower()
        fmt = FORMATS.get(extension)
        if fmt is None:
            raise ValueError(f"-o {output}: unknown extension '{extension}'; use --format")
    fmt = fmt or default
    if (kind, fmt) not in WRITERS:
        allowed = ", ".join(formats(kind))
        raise ValueError(f"a {kind} is written as {allowed}, not {fmt}")
    return fmt


def writer(kind: Kind, fmt: str) -> Writer:
    """Return the writer for a kind of document in a format."""
    module, _, name = WRITERS[(kind, fmt)].partition(":")
    function: Writer = getattr(importlib.import_module(module), name)
    return function


def write(kind: Kind, fmt: str, document: Any, options: Options) -> str | bytes:
    """Return `document` written in `fmt`."""
    return writer(kind, fmt)(document, options)
