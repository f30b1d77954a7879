"""Redlines and proposal packets as HTML, through the Jinja templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from contracttools.packet import Packet
from contracttools.redline.model import Redline
from contracttools.summary import Summary
from contracttools.templating import environment
from contracttools.writers.labels import (
    concept,
    context,
    describe,
    heading,
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


def css_string(text: str) -> str:
    """Return text as a quoted CSS string that cannot end its rule or the style element."""
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
}


def write_redline(redline: Redline, options: PageOptions) -> str:
    """Return the redline as an HTML document."""
    template = environment(options.templates).get_template("redline.html.j2")
    shown = [c for c in redline.clauses if options.every_clause or c.changed]
    author = redline.new.party or ""
    created = redline.new.passed_at or ""
    return template.render(
        redline=redline, shown=shown, paper=options.paper, author=author, created=created, **HELPERS
    )


def write_packet(packet: Packet, options: PageOptions, created: str) -> str:
    """Return the packet as an HTML document."""
    template = environment(options.templates).get_template("packet.html.j2")
    packages = {p.name: p.items for p in packet.packages}
    signers = [packet.party] + ([packet.other] if packet.other else [])
    return template.render(
        packet=packet,
        paper=options.paper,
        created=created,
        packages=packages,
        signers=signers,
        **HELPERS,
    )


def write_summary(summary: Summary, options: PageOptions, author: str) -> str:
    """Return the member summary as an HTML document."""
    template = environment(options.templates).get_template("summary.html.j2")
    return template.render(summary=summary, paper=options.paper, author=author, **HELPERS)
