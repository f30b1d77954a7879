"""HTML to PDF with WeasyPrint, reading only files from the template folders.

Every PDF is the HTML writer's page laid out on paper: the writers here are the HTML ones
followed by `pdf_of`.
"""

from __future__ import annotations

import html as markup
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from contracttools.collector import cycle_collector_paused
from contracttools.documents.clause_history import ClauseHistory
from contracttools.documents.packet import Packet
from contracttools.documents.printing import Printing
from contracttools.documents.summary import Summary
from contracttools.documents.tracking import Chart
from contracttools.errors import ContractToolsError
from contracttools.model import Agreement
from contracttools.redline.model import Redline
from contracttools.templating import template_folders
from contracttools.writers import agreement_html, html, pages
from contracttools.writers.options import PLAIN, Options

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF for assistive technology (WeasyPrint's PDF/UA-1 support)."""

MAX_COLUMNS = 100
"""The widest table laid out on paper.  Wider ones are refused: at letter width each
column would be narrower than a figure, and WeasyPrint's table layout takes about 3 ms
of CPU and 0.1 MB per column and row (a 5-row, 10,000-column table: over a minute)."""

_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_CELL = re.compile(r"<t[dh][\s>]")
_HEADING = re.compile(r'data-bookmark="([^"]*)"')


class TooWide(ContractToolsError):
    """A table has more columns than a page can show."""


def refuse_wide_tables(page: str) -> None:
    """Raise TooWide, naming the clause, when a table of `page` has over MAX_COLUMNS columns."""
    if page.count("<td") + page.count("<th") <= MAX_COLUMNS:
        return
    for table in _TABLE.finditer(page):
        first_row = table.group()[: table.group().find("</tr>")]
        columns = len(_CELL.findall(first_row))
        if columns > MAX_COLUMNS:
            headings = _HEADING.findall(page, 0, table.start())
            where = f"'{markup.unescape(headings[-1])}' holds" if headings else "the document holds"
            raise TooWide(
                f"{where} a table of {columns:,} columns; a PDF page shows at most "
                f"{MAX_COLUMNS} legibly. Write this one as HTML, Word or JSON "
                "(-o FILE.html, .docx or .json), or split the table in the clause's text."
            )


def _cache_page_references() -> None:
    """Make pydyf's `PDF.page_references` compute once per page count, not once per use.

    WeasyPrint's tagging asks for it for every tagged element, and each call formats a
    reference to every page: quadratic (a 421-page redline spent most of its writing
    time there).  The cached value is the same tuple, rebuilt when a page is added.
    """
    import pydyf

    if getattr(pydyf.PDF, "_contracttools_cached", False):
        return

    def page_references(self: Any) -> tuple[bytes, ...]:
        count = self.pages["Count"]
        cached = self.__dict__.get("_contracttools_references")
        if cached is None or cached[0] != count:
            cached = (count, tuple(f"{n} 0 R".encode("ascii") for n in self.pages["Kids"][::3]))
            self.__dict__["_contracttools_references"] = cached
        references: tuple[bytes, ...] = cached[1]
        return references

    pydyf.PDF.page_references = property(page_references)
    pydyf.PDF._contracttools_cached = True


def fetcher(folders: Sequence[Path]) -> Any:
    """Return a URL fetcher that serves files from `folders` and refuses everything else.

    A refused resource (the network, a file elsewhere) is not loaded; the document is
    laid out without it.
    """
    from weasyprint.urls import URLFetcher

    allowed = [folder.resolve() for folder in folders]

    class TemplateFolderFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path.is_file() and any(path.is_relative_to(f) for f in allowed):
                    return super().fetch(url, headers)
            raise ValueError(f"contracttools loads nothing outside its template folders: {url}")

    return TemplateFolderFetcher(allowed_protocols={"file"}, timeout=1)


def write(html: str, folders: Sequence[Path], base: Path) -> bytes:
    """Return the PDF of an HTML document whose relative links resolve in `base`."""
    from weasyprint import HTML

    refuse_wide_tables(html)
    _cache_page_references()
    document = HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=fetcher(folders))
    out = io.BytesIO()
    # The price of the pause: the cyclic garbage layout leaves, kept until the end,
    # about a fifth more peak memory (docs/performance.md).
    with cycle_collector_paused():
        document.write_pdf(out, pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
    return out.getvalue()


def pdf_of(page: str, templates: Path | None) -> bytes:
    """Return the PDF of an HTML page, reading only from the template folders."""
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    folders = template_folders(templates)
    base = next((f for f in folders if (f / "contracttools.css").is_file()), folders[-1])
    return write(page, folders, base)


def write_redline(redline: Redline, options: Options = PLAIN) -> bytes:
    """Return the redline as a PDF."""
    return pdf_of(html.write_redline(redline, options), options.templates)


def write_packet(packet: Packet, options: Options = PLAIN) -> bytes:
    """Return the proposal packet as a PDF."""
    return pdf_of(html.write_packet(packet, options), options.templates)


def write_summary(summary: Summary, options: Options = PLAIN) -> bytes:
    """Return the member summary as a PDF."""
    return pdf_of(html.write_summary(summary, options), options.templates)


def write_chart(chart: Chart, options: Options = PLAIN) -> bytes:
    """Return the tracking chart as a PDF."""
    return pdf_of(pages.write_chart(chart, options), options.templates)


def write_history(history: ClauseHistory, options: Options = PLAIN) -> bytes:
    """Return a clause's history as a PDF."""
    return pdf_of(pages.write_history(history, options), options.templates)


def write_agreement(document: Agreement | Printing, options: Options = PLAIN) -> bytes:
    """Return an agreement (a printing or a blackline) as a PDF."""
    return pdf_of(agreement_html.write_html(document, options), options.templates)
