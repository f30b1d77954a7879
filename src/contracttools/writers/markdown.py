"""The redline as Markdown with CriticMarkup: {++inserted++} and {--deleted--}."""

from __future__ import annotations

from contracttools.redline.model import ClauseChange, Redline, Span, TableChange
from contracttools.summary import Summary
from contracttools.writers.labels import concept, context, describe, summary_line, tags, visible


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def spans(items: tuple[Span, ...], in_table: bool = False) -> str:
    """Return spans in CriticMarkup."""
    out = []
    for span in items:
        text = _escape(visible(span.text)) if in_table else visible(span.text)
        if span.op == "equal":
            out.append(text)
        elif span.op == "delete":
            out.append(f"{{--{text}--}}")
        else:
            out.append(f"{{++{text}++}}")
    return "".join(out)


def _table(block: TableChange) -> list[str]:
    lines = []
    for number, row in enumerate(block.rows):
        lines.append("| " + " | ".join(spans(cell.spans, True) for cell in row.cells) + " |")
        if number == 0:
            lines.append("|" + " --- |" * len(row.cells))
    return lines


def _clause(clause: ClauseChange) -> list[str]:
    title = spans(clause.title_spans) if clause.retitled else clause.ref.title
    name = " ".join(part for part in (clause.ref.number, title) if part) or clause.ref.id
    level = "#" * min(2 + clause.depth, 6)
    lines = [f"{level} {context(clause)}{name}", ""]
    labels = tags(clause)
    if labels:
        lines += [f"*{', '.join(labels)}*", ""]
    if clause.item is not None and clause.item.summary:
        lines += [f"> {clause.item.summary}", ""]
    if concept(clause):
        lines += [f"**Concept:** {concept(clause)}", ""]
    for block in clause.blocks:
        lines += [*(_table(block) if isinstance(block, TableChange) else [spans(block.spans)]), ""]
    return lines


def write(redline: Redline, every_clause: bool = False) -> str:
    """Return the redline as Markdown."""
    lines = [
        f"# Redline: {describe(redline.new)}",
        "",
        f"- Old: `{redline.old.path}` — {describe(redline.old)}",
        f"- New: `{redline.new.path}` — {describe(redline.new)}",
        f"- Changes: {summary_line(redline)}",
        "",
        "Inserted text is marked {++like this++}; deleted text {--like this--}.",
        "",
    ]
    for clause in redline.clauses:
        if every_clause or clause.changed:
            lines += _clause(clause)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_summary(summary: Summary) -> str:
    """Return the member summary as Markdown."""
    lines = [f"# {summary.title}: where talks stand", "", f"*As of {summary.day}*", ""]
    if summary.confidential:
        lines += ["**CONFIDENTIAL — team copy with internal notes. Not for members.**", ""]
    lines += ["## Overview", "", " ".join(summary.overview), ""]
    lines += ["## Where things stand", ""]
    names = summary.columns
    for topic in summary.topics:
        lines += [f"### {topic.name}", ""]
        lines.append("| Section | " + " | ".join(names) + " | Status |")
        lines.append("| --- |" + " --- |" * len(names) + " --- |")
        for row in topic.rows:
            cells = [f"{row.number} {row.title}".strip(), *row.positions, row.status]
            lines.append("| " + " | ".join(_escape(c) for c in cells) + " |")
        lines.append("")
    if summary.figures:
        lines += ["## The numbers side by side", ""]
        for figure in summary.figures:
            width = max(len(r.values) for r in figure.rows)
            lines += [f"### {figure.name}", ""]
            lines.append(
                "| | "
                + " | ".join(f"Year {n}" for n in range(1, width + 1))
                + " | Compounded over the term |"
            )
            lines.append("| --- |" + " --- |" * (width + 1))
            for figures in figure.rows:
                values = list(figures.values) + [""] * (width - len(figures.values))
                lines.append(
                    f"| {figures.who} | " + " | ".join(values) + f" | {figures.total or ''} |"
                )
            lines.append("")
    if summary.valuations:
        lines += [
            "## What the proposals are worth",
            "",
            *[f"- {v}" for v in summary.valuations],
            "",
        ]
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
            *[f"- {n}" for n in summary.team_notes],
            "",
        ]
    if summary.glossary:
        lines += ["## Words used here", ""]
        lines += [f"- **{term.capitalize()}**: {meaning}" for term, meaning in summary.glossary]
        lines.append("")
    lines += [f"*Reading level of this summary: grade {summary.grade} (Flesch-Kincaid).*"]
    return "\n".join(lines) + "\n"
