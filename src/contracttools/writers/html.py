"""Redlines and proposal packets as HTML, through the Jinja templates."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from contracttools.documents.packet import Packet
from contracttools.documents.summary import Summary
from contracttools.documents.summary_costs import COMPUTED_NOTE
from contracttools.redline.blackline import blackline_order
from contracttools.redline.model import Redline
from contracttools.templating import environment
from contracttools.writers.fit import Fitter
from contracttools.writers.labels import (
    concept,
    context,
    describe,
    file_name,
    heading,
    initialled,
    marked,
    passed,
    path,
    summary_line,
    tags,
)
from contracttools.writers.options import PLAIN, Options


def css_string(text: str) -> str:
    """Return text as a quoted CSS string that cannot end its rule or the style element."""
    if isinstance(text, Markup):
        text = text.unescape()  # the words template's text is escaped once, for HTML
    escaped = "".join(
        c if c.isalnum() or c in " .,;:!?()-_'\u2019/#&+" else f"\\{ord(c):x} "
        for c in " ".join(text.split())
    )
    return f'"{escaped}"'


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


HELPERS = {
    "describe": describe,
    "heading": heading,
    "context": context,
    "path": path,
    "summary_line": summary_line,
    "tags": tags,
    "concept": concept,
    "paragraphs": _paragraphs,
    "css_string": css_string,
    "file_name": file_name,
    "initialled": initialled,
    "marked": marked,
}


@lru_cache(maxsize=4)
def _environment(templates: Path | None) -> Environment:
    """Return one environment per template folder for the run: a book writes a packet for
    every pass, and building the environment and compiling the templates for each (and
    again for its stylesheet) was over half its time (docs/performance.md)."""
    return environment(templates)


def stylesheet(templates: Path | None) -> Markup:
    """Return contracttools.css (a user's, if they gave one) to inline: the page stands alone."""
    env = _environment(templates)
    assert env.loader is not None
    source = env.loader.get_source(env, "contracttools.css")[0]
    return Markup(source.replace("</", "<\\/"))


def _common(options: Options, brackets: bool | None = None) -> dict[str, object]:
    printed = options.brackets if brackets is None else brackets
    return {
        "paper": options.paper,
        "brackets": printed,
        "fit": Fitter(options.paper, printed, options.paged),
        "stylesheet": stylesheet(options.templates),
        **HELPERS,
    }


def write_redline(redline: Redline, options: Options = PLAIN) -> str:
    """Return the redline as an HTML document."""
    template = _environment(options.templates).get_template("redline.html.j2")
    shown = [
        c for c in blackline_order(redline.clauses, options.old_order) if options.every or c.changed
    ]
    # The changed-clauses table lists the changes (a moved clause once), each linked to
    # where its clause now reads: its insertion, for one a blackline split.
    anchors: dict[str, int] = {}
    for n, clause in enumerate(shown, 1):
        if clause.status != "deleted" or clause.ref.id not in anchors:
            anchors[clause.ref.id] = n
    changed = [(c, anchors[c.ref.id]) for c in redline.clauses if c.changed and c.ref.id in anchors]
    author = redline.new.party or ""
    created = redline.new.passed_at or ""
    return template.render(
        redline=redline,
        shown=shown,
        changed=changed,
        author=author,
        created=created,
        **_common(options),
    )


def write_packet(packet: Packet, options: Options = PLAIN) -> str:
    """Return the packet as an HTML document; `options.when` it was passed names its zone
    ("PDT") and is its creation date."""
    when = options.when
    created = when.isoformat() if when else ""
    template = _environment(options.templates).get_template("packet.html.j2")
    packages = {p.name: p.items for p in packet.packages}
    signers = [packet.party] + ([packet.other] if packet.other else [])
    return template.render(
        packet=packet,
        created=created,
        passed=passed(when) if when else packet.passed_at,
        packages=packages,
        signers=signers,
        index=options.index,
        **_common(options),
    )


def write_summary(summary: Summary, options: Options = PLAIN) -> str:
    """Return the member summary as an HTML document."""
    template = _environment(options.templates).get_template("summary.html.j2")
    # Member summaries print the [+ +] and [- -] cues: their readers need no legal convention.
    return template.render(
        summary=summary,
        author=options.author,
        computed_note=COMPUTED_NOTE,
        **_common(options, True),
    )
