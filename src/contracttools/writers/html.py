"""Redlines and proposal packets as HTML, through the Jinja templates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from markupsafe import Markup

from contracttools.documents.packet import Packet
from contracttools.documents.summary import Summary
from contracttools.redline.model import Redline
from contracttools.templating import environment
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


@dataclass(frozen=True)
class PageOptions:
    """How the document is laid out and where its templates come from."""

    paper: str = "letter"
    templates: Path | None = None
    every_clause: bool = False
    brackets: bool = False
    """Print [+ +] and [- -] around changes (they are in the text either way)."""
    old_order: tuple[str, ...] = ()
    index: str = ""
    """A packet's link back to the page it belongs to (the bargaining book's chart)."""


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


def stylesheet(templates: Path | None) -> Markup:
    """Return contracttools.css (a user's, if they gave one) to inline: the page stands alone."""
    env = environment(templates)
    assert env.loader is not None
    source = env.loader.get_source(env, "contracttools.css")[0]
    return Markup(source.replace("</", "<\\/"))


def _common(options: PageOptions) -> dict[str, object]:
    return {
        "paper": options.paper,
        "brackets": options.brackets,
        "stylesheet": stylesheet(options.templates),
        **HELPERS,
    }


def write_redline(redline: Redline, options: PageOptions) -> str:
    """Return the redline as an HTML document."""
    template = environment(options.templates).get_template("redline.html.j2")
    shown = [c for c in redline.clauses if options.every_clause or c.changed]
    author = redline.new.party or ""
    created = redline.new.passed_at or ""
    return template.render(
        redline=redline, shown=shown, author=author, created=created, **_common(options)
    )


def write_packet(
    packet: Packet, options: PageOptions, created: str, when: datetime | None = None
) -> str:
    """Return the packet as an HTML document; `when` it was passed names its zone ("PDT")."""
    template = environment(options.templates).get_template("packet.html.j2")
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


def write_summary(summary: Summary, options: PageOptions, author: str) -> str:
    """Return the member summary as an HTML document."""
    template = environment(options.templates).get_template("summary.html.j2")
    # Member summaries print the [+ +] and [- -] cues: their readers need no legal convention.
    return template.render(summary=summary, author=author, **{**_common(options), "brackets": True})
