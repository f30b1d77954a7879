"""The redline as Markdown with CriticMarkup: {++inserted++} and {--deleted--}."""

from __future__ import annotations

from contracttools.redline.model import ClauseChange, Redline, Span, TableChange
from contracttools.writers.labels import concept, describe, summary_line, tags, visible


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
    lines = [f"{level} {name}", ""]
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
