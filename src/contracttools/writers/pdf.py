"""HTML to PDF with WeasyPrint, reading only files from the template folders.

Every PDF is the HTML writer's page laid out on paper: the writers here are the HTML ones
followed by `pdf_of`.
"""

from __future__ import annotations

import html as markup
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
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
from contracttools.writers import agreement_html, html, pages, pdf_parts
from contracttools.writers.fit import MAX_COLUMNS
from contracttools.writers.options import PLAIN, Options

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF for assistive technology (WeasyPrint's PDF/UA-1 support)."""

_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_CELL = re.compile(r"<t[dh][\s>]")
_HEADING = re.compile(r'data-bookmark="([^"]*)"')
_SCHEDULE = re.compile(r'<table class="schedule[ "]')
_UNFIT = re.compile(r'data-unfit="([^"]*)"')
PT = 0.75
"""Points in a CSS pixel, WeasyPrint's unit of layout."""
SLACK = 0.5
"""How far past the page's right margin a table may reach, in points (its outer rule)."""


class TooWide(ContractToolsError):
    """A table has more columns than a page can show."""


def _clause_before(page: str, at: int) -> str:
    """Return "'heading' holds" for the last heading before `at` in `page`."""
    headings = _HEADING.findall(page, 0, at)
    return f"'{markup.unescape(headings[-1])}' holds" if headings else "the document holds"


def refuse_wide_tables(page: str) -> None:
    """Raise TooWide, naming the clause, when a table of `page` has over MAX_COLUMNS columns
    or cannot be fitted to the page (`writers/fit.py` marks it `data-unfit`)."""
    unfit = _UNFIT.search(page)
    if unfit is not None:
        raise TooWide(
            f"{_clause_before(page, unfit.start())} {markup.unescape(unfit.group(1))}. "
            "Write this one as HTML, Word or JSON "
            "(-o FILE.html, .docx or .json), or split the table in the clause's text."
        )
    if page.count("<td") + page.count("<th") <= MAX_COLUMNS:
        return
    for table in _TABLE.finditer(page):
        first_row = table.group()[: table.group().find("</tr>")]
        columns = len(_CELL.findall(first_row))
        if columns > MAX_COLUMNS:
            raise TooWide(
                f"{_clause_before(page, table.start())} a table of {columns:,} columns; a PDF "
                f"prints at most {MAX_COLUMNS}. Write this one as HTML, Word or JSON "
                "(-o FILE.html, .docx or .json), or split the table in the clause's text."
            )


def refuse_clipped_tables(document: Any, schedules: int = 0) -> None:
    """Raise TooWide, naming the clause, when a laid-out table reaches past its page's
    right margin (a user's template, or a font wider than the one measured), or when
    fewer than `schedules` of the clauses' tables (`table.schedule`) were laid out at all
    (a landscape page asked for where none can open, inside a grid: WeasyPrint drops it)."""
    from weasyprint.formatting_structure import boxes

    label = ""
    seen: set[int] = set()
    for number, page in enumerate(document.pages, 1):
        root = page._page_box
        right = root.content_box_x() + root.width + SLACK / PT
        stack = [root]
        while stack:
            box = stack.pop()
            if box.bookmark_label:
                label = box.bookmark_label
            if isinstance(box, boxes.TableBox):
                if "schedule" in (box.element.get("class") or "").split():
                    seen.add(id(box.element))
                if box.border_box_x() + box.border_width() > right:
                    where = f"'{label}' holds" if label else f"page {number} holds"
                    chart = "chart" in (box.element.get("class") or "").split()
                    instead = (
                        "Write the chart as a spreadsheet or a page (-o FILE.xlsx, .csv or "
                        ".html), or chart fewer passes (--as-of)."
                        if chart
                        else "Write this one as HTML, Word or JSON (-o FILE.html, .docx or "
                        ".json), or split the table in the clause's text."
                    )
                    raise TooWide(
                        f"{where} a table wider than the page ({box.border_width() * PT:.0f} pt "
                        f"where {root.width * PT:.0f} pt fit); it would be cut off at the edge, so "
                        f"no PDF is written. {instead}"
                    )
                continue
            if isinstance(box, boxes.ParentBox) and not isinstance(box, boxes.LineBox):
                stack.extend(reversed(box.children))
    if len(seen) < schedules:
        raise TooWide(
            f"{schedules - len(seen)} of the document's {schedules} clause tables were not laid "
            "out (a template sets one where its page cannot break); no PDF is written."
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


def fetcher(folders: Sequence[Path], styles: Callable[[str], str] | None = None) -> Any:
    """Return a URL fetcher that serves files from `folders` and refuses everything else;
    a style sheet passes through `styles` where one is given (a part of a document laid out
    in parts: `writers/pdf_parts.py`).

    A refused resource (the network, a file elsewhere) is not loaded; the document is
    laid out without it.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = [folder.resolve() for folder in folders]

    class TemplateFolderFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path.is_file() and any(path.is_relative_to(f) for f in allowed):
                    if styles is not None and path.suffix == ".css":
                        text = styles(path.read_text(encoding="utf-8"))
                        return URLFetcherResponse(url, text, {"Content-Type": "text/css"})
                    return super().fetch(url, headers)
            raise ValueError(f"contracttools loads nothing outside its template folders: {url}")

    return TemplateFolderFetcher(allowed_protocols={"file"}, timeout=1)


def scope_header_cells(document: Any, pdf: Any) -> None:
    """Give every tagged header cell its scope (WeasyPrint tags TH without one): a header
    cell in a table's head heads its column, one in a body row heads its row, as the HTML
    templates mark them with `scope`.  A finisher for `write_pdf`."""
    import pydyf

    objects = {obj.number: obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary)}

    def parent(element: Any) -> Any:
        reference = element.get("P")
        if not isinstance(reference, bytes):
            return None
        return objects.get(int(reference.split()[0]))

    for element in objects.values():
        if element.get("S") != "/TH":
            continue
        row = parent(element)
        group = parent(row) if row is not None else None
        head = group is not None and group.get("S") == "/THead"
        attributes = element.get("A")
        if isinstance(attributes, pydyf.Dictionary):
            attributes["Scope"] = "/Column" if head else "/Row"


def _laid_out(
    page: str, folders: Sequence[Path], base: Path, styles: Callable[[str], str] | None = None
) -> tuple[Any, bytes]:
    """Lay out and write an HTML page whose relative links resolve in `base`; return the
    laid-out document and its PDF."""
    from weasyprint import HTML

    document = HTML(string=page, base_url=base.as_uri() + "/", url_fetcher=fetcher(folders, styles))
    out = io.BytesIO()
    # The price of the pause: the cyclic garbage layout leaves, kept until the end,
    # about a fifth more peak memory (docs/performance.md).
    with cycle_collector_paused():
        laid_out = document.render(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
        refuse_clipped_tables(laid_out, len(_SCHEDULE.findall(page)))
        laid_out.write_pdf(
            out, pdf_variant=PDF_VARIANT, uncompressed_pdf=False, finisher=scope_header_cells
        )
    return laid_out, out.getvalue()


def write(html: str, folders: Sequence[Path], base: Path, cores: int | None = None) -> bytes:
    """Return the PDF of an HTML document whose relative links resolve in `base`: a long
    one laid out in parts, one a core (`writers/pdf_parts.py`), where `cores` (or the
    CONTRACTTOOLS_CORES environment variable) asks for 2 or more."""
    refuse_wide_tables(html)
    _cache_page_references()
    if cores is None:
        cores = pdf_parts.cores_to_use()
    if cores > 1 and len(html) >= pdf_parts.PARTS_FROM:
        parts = pdf_parts.cut(html, cores)
        if parts is not None:
            try:
                return pdf_parts.write_in_parts(
                    parts, lambda page, styles: _laid_out(page, folders, base, styles), TooWide
                )
            except pdf_parts.PartFailed:
                pass  # a part's process died (memory, a signal): one process, as before
    return _laid_out(html, folders, base)[1]


def pdf_of(page: str, templates: Path | None) -> bytes:
    """Return the PDF of an HTML page, reading only from the template folders."""
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    folders = template_folders(templates)
    base = next((f for f in folders if (f / "contracttools.css").is_file()), folders[-1])
    return write(page, folders, base)


def _paged(options: Options) -> Options:
    """Return the options for HTML laid out on paper: wide tables fitted to the page."""
    return replace(options, paged=True)


def write_redline(redline: Redline, options: Options = PLAIN) -> bytes:
    """Return the redline as a PDF."""
    return pdf_of(html.write_redline(redline, _paged(options)), options.templates)


def write_packet(packet: Packet, options: Options = PLAIN) -> bytes:
    """Return the proposal packet as a PDF."""
    return pdf_of(html.write_packet(packet, _paged(options)), options.templates)


def write_summary(summary: Summary, options: Options = PLAIN) -> bytes:
    """Return the member summary as a PDF."""
    return pdf_of(html.write_summary(summary, _paged(options)), options.templates)


def write_chart(chart: Chart, options: Options = PLAIN) -> bytes:
    """Return the tracking chart as a PDF."""
    return pdf_of(pages.write_chart(chart, _paged(options)), options.templates)


def write_history(history: ClauseHistory, options: Options = PLAIN) -> bytes:
    """Return a clause's history as a PDF."""
    return pdf_of(pages.write_history(history, _paged(options)), options.templates)


def write_agreement(document: Agreement | Printing, options: Options = PLAIN) -> bytes:
    """Return an agreement (a printing or a blackline) as a PDF."""
    return pdf_of(agreement_html.write_html(document, _paged(options)), options.templates)
