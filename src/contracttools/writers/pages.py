"""The tracking chart and clause histories as HTML pages, through the Jinja templates.

Each page carries its own style sheet inline, so that a page saved on its own, or a
folder of them opened from `file://`, asks for nothing outside itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment

from contracttools.documents.clause_history import ClauseHistory
from contracttools.documents.tracking import Chart
from contracttools.templating import environment
from contracttools.writers.fit import Fitter

if TYPE_CHECKING:
    from contracttools.writers.options import Options


def css_string(text: str) -> str:
    """Return text as a quoted CSS string that cannot end its rule or the style element
    (as the HTML writer quotes its running heads; writers do not import each other)."""
    escaped = "".join(
        c if c.isalnum() or c in " .,;:!?()-_'\u2019/#&+" else f"\\{ord(c):x} "
        for c in " ".join(text.split())
    )
    return f'"{escaped}"'


@lru_cache(maxsize=4)
def _environment(templates: Path | None) -> Environment:
    """Return one environment per template folder: a book renders hundreds of pages, and
    compiling the templates for each would dominate."""
    return environment(templates)


def chart_page(
    chart: Chart,
    options: Options,
    links: Mapping[str, str] | None = None,
    packets: Mapping[str, str] | None = None,
) -> str:
    """Return the chart as a page; `links` from clause id, `packets` from pass key, to hrefs."""
    template = _environment(options.templates).get_template("chart.html.j2")
    return template.render(
        chart=chart,
        parts=chart_parts(len(chart.passes), options.paged),
        paper=options.paper,
        links=dict(links or {}),
        packets=dict(packets or {}),
        css_string=css_string,
    )


PASSES_A_PART = 4
"""Pass columns a printed chart part holds beside the section column: a landscape page
fits some eleven columns of the chart's words, and the last part also holds the status,
package, valuations and (team copy) notes columns."""


def chart_parts(passes: int, paged: bool) -> list[range]:
    """Return the passes (0-based) each table of a chart shows: all in one on a screen,
    where the table scrolls sideways; on a printed page, parts of `PASSES_A_PART` passes
    once they would not fit in one (each part repeats the section column), so no pass
    is cut off at the page's edge and the chart is never refused for its length."""
    if not paged or passes <= PASSES_A_PART + 2:
        return [range(passes)]
    return [range(i, min(i + PASSES_A_PART, passes)) for i in range(0, passes, PASSES_A_PART)]


def history_page(
    history: ClauseHistory,
    options: Options,
    index: str | None = None,
    packets: Mapping[str, str] | None = None,
) -> str:
    """Return a clause's history as a page; `index` is the chart's href in a book."""
    template = _environment(options.templates).get_template("history.html.j2")
    labels = {s.pass_key: s.pass_label for s in history.steps}
    return template.render(
        history=history,
        paper=options.paper,
        index=index,
        packets=dict(packets or {}),
        labels=labels,
        css_string=css_string,
        fit=Fitter(options.paper, False, options.paged),
    )


def write_chart(chart: Chart, options: Options) -> str:
    """Return the chart as a standalone HTML page."""
    return chart_page(chart, options)


def write_history(history: ClauseHistory, options: Options) -> str:
    """Return a clause's history as a standalone HTML page."""
    return history_page(history, options)
