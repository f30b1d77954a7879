"""The redline as Markdown with CriticMarkup: {++inserted++} and {--deleted--}."""

from __future__ import annotations

from contracttools.documents.summary import Summary
from contracttools.documents.summary_costs import COMPUTED_NOTE
from contracttools.inert import markdown_code, markdown_text
from contracttools.redline.model import ClauseChange, Redline, Span, TableChange, shown
from contracttools.writers.labels import (
    concept,
    context,
    describe,
    emphasized,
    summary_line,
    tags,
    visible,
)
from contracttools.writers.options import PLAIN, Options

_escape = markdown_text
"""Text from the files is shown as written: nothing in it becomes markup (see inert.py)."""


def spans(items: tuple[Span, ...], in_table: bool = False) -> str:
    """Return spans in CriticMarkup, their text escaped so nothing in it becomes markup;
    a change of emphasis alone is {~~old~>new~~}."""
    out = []
    for span in shown(items):
        plain = _escape(visible(span.display).replace("\n", "¶"))
        text = emphasized(plain, span.emphasis)
        if span.restyled:
            out.append(f"{{~~{emphasized(plain, span.old_emphasis)}~>{text}~~}}")
        elif span.op == "equal":
            out.append(text)
        elif span.op == "delete":
            out.append(f"{{--{text}--}}")
        else:
            out.append(f"{{++{text}++}}")
        if span.op == "insert" and span.text == "\n" and not in_table:
            out.append("\n\n")  # a paragraph split: the new paragraph starts here
    return "".join(out)


def _table(block: TableChange) -> list[str]:
    lines = []
    for number, row in enumerate(block.rows):
        lines.append("| " + " | ".join(spans(cell.spans, True) for cell in row.cells) + " |")
        if number == 0:
            lines.append("|" + " --- |" * len(row.cells))
    return lines


def _clause(clause: ClauseChange) -> list[str]:
    title = spans(clause.title_spans) if clause.retitled else _escape(clause.ref.title)
    number = _escape(clause.ref.number)
    name = " ".join(part for part in (number, title) if part) or _escape(clause.ref.id)
    level = "#" * min(2 + clause.depth, 6)
    lines = [f"{level} {_escape(context(clause))}{name}", ""]
    labels = tags(clause)
    if labels:
        lines += [f"*{_escape(', '.join(labels))}*", ""]
    if clause.item is not None and clause.item.summary:
        lines += [f"> {_escape(clause.item.summary)}", ""]
    if concept(clause):
        lines += [f"**Concept:** {_escape(concept(clause))}", ""]
    for block in clause.blocks:
        lines += [*(_table(block) if isinstance(block, TableChange) else [spans(block.spans)]), ""]
    return lines


def write(redline: Redline, options: Options = PLAIN) -> str:
    """Return the redline as Markdown."""
    lines = [
        f"# Redline: {_escape(describe(redline.new))}",
        "",
        f"- Old: {markdown_code(redline.old.path)} — {_escape(describe(redline.old))}",
        f"- New: {markdown_code(redline.new.path)} — {_escape(describe(redline.new))}",
        f"- Changes: {summary_line(redline)}",
        "",
        "Inserted text is marked {++like this++}; deleted text {--like this--}; a change of"
        " emphasis alone {~~like this~>**like this**~~}.",
        "",
    ]
    for clause in redline.clauses:
        if options.every or clause.changed:
            lines += _clause(clause)
    return "\n".join(lines).rstrip("\n") + "\n"


def _computed(summary: Summary) -> list[str]:
    """Return the team copy's computed costs, each side's beside its stated valuations."""
    lines = ["## Computed cost (team copy only)", "", _escape(COMPUTED_NOTE), ""]
    for side in summary.computed:
        lines += [f"### {_escape(side.who)}", ""]
        lines.append("| | " + " | ".join(_escape(y) for y in side.years) + " | Over the term |")
        lines.append("| --- |" + " ---: |" * (len(side.years) + 1))
        for line in side.lines:
            lines.append(
                f"| {_escape(line.label)} | " + " | ".join([*line.years, line.term]) + " |"
            )
        lines.append("")
        if side.stated:
            lines += [
                "| Valuer | Per | Stated | Computed | Difference |",
                "| --- | --- | ---: | ---: | ---: |",
            ]
            lines += [
                f"| {_escape(s.valuer)} | {s.per} | {s.stated} | {s.computed} | {s.difference} |"
                for s in side.stated
            ]
            lines.append("")
    return lines


def write_summary(summary: Summary, options: Options = PLAIN) -> str:
    """Return the member summary as Markdown."""
    lines = [f"# {_escape(summary.title)}: where talks stand", "", f"*As of {summary.day}*", ""]
    if summary.confidential:
        lines += ["**CONFIDENTIAL — team copy with internal notes. Not for members.**", ""]
    lines += ["## Overview", "", _escape(" ".join(summary.overview)), ""]
    if summary.topics:
        lines += ["## Where things stand", ""]
    names = [_escape(name) for name in summary.columns]
    for topic in summary.topics:
        lines += [f"### {_escape(topic.name)}", ""]
        lines.append("| Section | " + " | ".join(names) + " | Status |")
        lines.append("| --- |" + " --- |" * len(names) + " --- |")
        for row in topic.rows:
            cells = [f"{row.number} {row.title}".strip(), *row.cells, row.status]
            lines.append("| " + " | ".join(_escape(c) for c in cells) + " |")
        lines.append("")
    if summary.figures:
        lines += ["## The numbers side by side", ""]
        for figure in summary.figures:
            width = max(len(r.values) for r in figure.rows)
            lines += [f"### {_escape(figure.name)}", ""]
            lines.append(
                "| | "
                + " | ".join(f"Year {n}" for n in range(1, width + 1))
                + " | Compounded over the term |"
            )
            lines.append("| --- |" + " --- |" * (width + 1))
            for figures in figure.rows:
                values = [_escape(v) for v in figures.values]
                values += [""] * (width - len(figures.values))
                total = _escape(figures.total or "")
                lines.append(f"| {_escape(figures.who)} | " + " | ".join(values) + f" | {total} |")
            lines.append("")
    if summary.published or summary.pay_tables:
        lines += ["## Pay in figures", ""]
        if summary.published:
            lines += [*[f"- {_escape(p)}" for p in summary.published], ""]
        for table in summary.pay_tables:
            lines += [_escape(table.caption), ""]
            lines.append("| " + " | ".join(_escape(h) for h in table.header) + " |")
            lines.append("| --- |" + " ---: |" * (len(table.header) - 1))
            lines += ["| " + " | ".join(_escape(c) for c in row) + " |" for row in table.rows]
            lines.append("")
    if summary.valuations:
        lines += [
            "## What the proposals are worth",
            "",
            *[f"- {_escape(v)}" for v in summary.valuations],
            "",
        ]
    if summary.computed:
        lines += _computed(summary)
    if summary.language:
        lines += [
            "## Tentatively agreed language",
            "",
            "Changes from the current contract: {++added++} and {--removed--}.",
            "",
        ]
        for clause in summary.language:
            lines += _clause(clause)
    if summary.team_notes:
        lines += [
            "## Internal notes (team copy only)",
            "",
            *[f"- {_escape(n)}" for n in summary.team_notes],
            "",
        ]
    if summary.glossary:
        lines += ["## Words used here", ""]
        lines += [
            f"- **{_escape(term.capitalize())}**: {_escape(meaning)}"
            for term, meaning in summary.glossary
        ]
        lines.append("")
    lines += [f"*Reading level of this summary: grade {summary.grade} (Flesch-Kincaid).*"]
    return "\n".join(lines) + "\n"
