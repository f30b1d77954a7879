"""Agreements as HTML (and so PDF): a clean printing, or the ratification blackline.

One template, `agreement.html.j2` (with `agreement.css`): title page, contents (page
numbers in PDF), the TA index and open items of a conformed text, then every clause,
headings by depth, schedules as tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracttools.documents.printing import (
    Printing,
    as_printing,
    first_anchors,
    heading_spans,
    plain_heading,
)
from contracttools.model import Agreement
from contracttools.redline import ClauseChange
from contracttools.writers.fit import Fitter

if TYPE_CHECKING:
    from contracttools.writers.options import Options

TOC_LEVELS = 2
"""Articles and sections are listed in the contents."""


def write_html(document: Agreement | Printing, options: Options) -> str:
    """Return the agreement as an HTML document."""
    from contracttools.templating import environment

    printing = as_printing(document)
    template = environment(options.templates).get_template("agreement.html.j2")
    stamps = printing.stamps or {}

    def stamp(change: ClauseChange) -> str:
        found = stamps.get(change.ref.id)
        return found.author if found is not None else ""

    return template.render(
        printing=printing,
        clauses=first_anchors(printing),
        paper=options.paper,
        toc_levels=TOC_LEVELS,
        heading=heading_spans,
        plain_heading=plain_heading,
        stamp=stamp,
        fit=Fitter(options.paper, False, options.paged),
    )
