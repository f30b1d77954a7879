"""The one table from (document kind, format) to writer: every command dispatches here.

A writer takes the assembled document and `Options` and returns text or bytes.  Entries
name their function as "module:function" so that a command imports only the writer it
uses (WeasyPrint and python-docx are slow to import).  PDF is the HTML writer's page laid
out by WeasyPrint, reading only from the template folders.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from contracttools.writers import FORMATS


@dataclass(frozen=True)
class Options:
    """How a document is written; each writer reads the fields that concern it."""

    paper: str = "letter"
    templates: Path | None = None
    every: bool = False
    """Every clause, not only the changed ones."""
    tracked: bool = True
    """Word: real tracked changes, not marks as formatting."""
    color: bool = False
    stat: bool = False
    author: str = ""
    """Who made the changes (Word revisions, document properties)."""
    when: datetime | None = None
    """When the changes were made (Word revisions, document properties)."""
    brackets: bool = False
    """PDF, HTML: print the [+ +] and [- -] cues, not only underline and strikethrough."""
    old_order: tuple[str, ...] = ()
    """The old document's clause ids in reading order: where a full blackline shows a
    moved clause's deletion."""
    index: str = ""
    """HTML packet: the href of the page it belongs to (the bargaining book's chart), linked
    back to; empty for a page that stands alone."""


Writer = Callable[[Any, Options], "str | bytes"]

WRITERS: dict[tuple[str, str], str] = {
    ("redline", "text"): "contracttools.writers.table:_redline_text",
    ("redline", "json"): "contracttools.writers.table:_redline_json",
    ("redline", "markdown"): "contracttools.writers.table:_redline_markdown",
    ("redline", "html"): "contracttools.writers.table:_redline_html",
    ("redline", "pdf"): "contracttools.writers.table:_redline_pdf",
    ("redline", "docx"): "contracttools.writers.table:_redline_docx",
    ("packet", "html"): "contracttools.writers.table:_packet_html",
    ("packet", "pdf"): "contracttools.writers.table:_packet_pdf",
    ("packet", "docx"): "contracttools.writers.table:_packet_docx",
    ("summary", "markdown"): "contracttools.writers.table:_summary_markdown",
    ("summary", "html"): "contracttools.writers.table:_summary_html",
    ("summary", "pdf"): "contracttools.writers.table:_summary_pdf",
    ("summary", "docx"): "contracttools.writers.table:_summary_docx",
    ("chart", "xlsx"): "contracttools.writers.xlsx:write_chart",
    ("chart", "csv"): "contracttools.writers.chart:write_csv",
    ("chart", "markdown"): "contracttools.writers.chart:write_markdown",
    ("chart", "html"): "contracttools.writers.pages:write_chart",
    ("chart", "pdf"): "contracttools.writers.table:_chart_pdf",
    ("history", "text"): "contracttools.writers.history:write_text",
    ("history", "markdown"): "contracttools.writers.history:write_markdown",
    ("history", "html"): "contracttools.writers.pages:write_history",
    ("history", "pdf"): "contracttools.writers.table:_history_pdf",
    ("agreement", "yaml"): "contracttools.writers.yaml:write_agreement",
    ("proposal", "yaml"): "contracttools.writers.yaml:write_proposal",
    ("agreement", "docx"): "contracttools.writers.docx.agreements:write_docx",
    ("agreement", "pdf"): "contracttools.writers.agreement_html:write_pdf",
    ("agreement", "html"): "contracttools.writers.agreement_html:write_html",
    ("blackline", "docx"): "contracttools.writers.docx.agreements:write_docx",
    ("blackline", "pdf"): "contracttools.writers.agreement_html:write_pdf",
    ("blackline", "html"): "contracttools.writers.agreement_html:write_html",
}
"""(document kind, format) -> "module:function"; adding a format is one line here."""

BINARY = ("pdf", "docx", "xlsx")
"""Formats that are bytes, written only to a file."""


def formats(kind: str) -> tuple[str, ...]:
    """Return the formats a kind of document can be written in, in table order."""
    return tuple(fmt for k, fmt in WRITERS if k == kind)


def format_for(kind: str, output: str | None, fmt: str | None, default: str) -> str:
    """Return the format named, else the one -o's extension implies, else `default`.

    Raise ValueError with a message a user can act on when the kind has no such format.
    """
    import os

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


def writer(kind: str, fmt: str) -> Writer:
    """Return the writer for a kind of document in a format."""
    module, _, name = WRITERS[(kind, fmt)].partition(":")
    function: Writer = getattr(importlib.import_module(module), name)
    return function


def write(kind: str, fmt: str, document: Any, options: Options) -> str | bytes:
    """Return `document` written in `fmt`."""
    return writer(kind, fmt)(document, options)


def pdf_of(page: str, templates: Path | None) -> bytes:
    """Return the PDF of an HTML page, reading only from the template folders."""
    import logging

    from contracttools.templating import template_folders
    from contracttools.writers import pdf

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    folders = template_folders(templates)
    base = next((f for f in folders if (f / "contracttools.css").is_file()), folders[-1])
    return pdf.write(page, folders, base)


# Adapters from the table's one signature to each writer's own.


def _redline_text(redline: Any, options: Options) -> str:
    from contracttools.writers import terminal

    shown = terminal.TerminalOptions(color=options.color, all=options.every)
    return terminal.write_stat(redline, shown) if options.stat else terminal.write(redline, shown)


def _redline_json(redline: Any, options: Options) -> str:
    from contracttools.writers import json

    return json.write(redline)


def _redline_markdown(redline: Any, options: Options) -> str:
    from contracttools.writers import markdown

    return markdown.write(redline, options.every)


def _page(options: Options) -> Any:
    from contracttools.writers.html import PageOptions

    return PageOptions(
        options.paper,
        options.templates,
        options.every,
        options.brackets,
        options.old_order,
        index=options.index,
    )


def _redline_html(redline: Any, options: Options) -> str:
    from contracttools.writers import html

    return html.write_redline(redline, _page(options))


def _redline_pdf(redline: Any, options: Options) -> bytes:
    return pdf_of(_redline_html(redline, options), options.templates)


def _word(options: Options) -> Any:
    from contracttools.writers import docx

    return docx.WordOptions(
        options.tracked, options.templates, options.every, options.old_order, options.brackets
    )


def _redline_docx(redline: Any, options: Options) -> bytes:
    from contracttools.writers import docx

    assert options.when is not None
    return docx.write_redline(redline, _word(options), options.author, options.when)


def _packet_html(packet: Any, options: Options) -> str:
    from contracttools.writers import html

    created = options.when.isoformat() if options.when else ""
    return html.write_packet(packet, _page(options), created, options.when)


def _packet_pdf(packet: Any, options: Options) -> bytes:
    return pdf_of(_packet_html(packet, options), options.templates)


def _packet_docx(packet: Any, options: Options) -> bytes:
    from contracttools.writers import docx

    assert options.when is not None
    return docx.write_packet(packet, _word(options), options.when)


def _summary_markdown(summary: Any, options: Options) -> str:
    from contracttools.writers import markdown

    return markdown.write_summary(summary)


def _summary_html(summary: Any, options: Options) -> str:
    from contracttools.writers import html

    return html.write_summary(summary, _page(options), options.author)


def _summary_pdf(summary: Any, options: Options) -> bytes:
    return pdf_of(_summary_html(summary, options), options.templates)


def _summary_docx(summary: Any, options: Options) -> bytes:
    from contracttools.writers import docx

    assert options.when is not None
    return docx.write_summary(summary, _word(options), options.author, options.when)


def _chart_pdf(chart: Any, options: Options) -> bytes:
    from contracttools.writers import pages

    return pdf_of(pages.write_chart(chart, options), options.templates)


def _history_pdf(history: Any, options: Options) -> bytes:
    from contracttools.writers import pages

    return pdf_of(pages.write_history(history, options), options.templates)
