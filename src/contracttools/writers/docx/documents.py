"""The packet and the redline as Word documents."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from contracttools.documents.packet import Packet, PacketItem
from contracttools.documents.summary import Summary
from contracttools.documents.summary_costs import COMPUTED_NOTE
from contracttools.readers.word.record import PROPERTY, SentItem, SentPacket, words_key
from contracttools.redline.blackline import blackline_order
from contracttools.redline.model import ClauseChange, ParagraphChange, Redline, new_text
from contracttools.writers.docx.build import (
    Words,
    blocks,
    bookmark,
    clause_heading,
    clause_note,
    finish,
    heading_spans,
    paragraph,
    reference,
    rows_kept_whole,
    simple_table,
)
from contracttools.writers.docx.properties import with_custom_properties
from contracttools.writers.docx.revisions import Marks, xml_text
from contracttools.writers.labels import (
    concept,
    describe,
    file_name,
    heading,
    initialled,
    marked,
    passed,
    summary_line,
    tags,
)
from contracttools.writers.options import PLAIN, Options


def _when(options: Options) -> datetime:
    """Return the date Word revisions carry: a Word document is not made without one."""
    if options.when is None:
        raise ValueError("a Word document needs the date of its changes (Options.when)")
    return options.when


def write_packet(packet: Packet, options: Options = PLAIN) -> bytes:
    """Return the packet as a DOCX; revisions are the proposing party's, dated when passed."""
    when = _when(options)
    words = Words(options.templates)
    document = reference(options.templates)
    marks = Marks(packet.party.name, when, options.tracked, options.brackets)
    paragraph(document, packet.party.name, "Title")
    document.add_paragraph(f"Proposal No. {packet.number}", style="Subtitle")
    paragraph(document, packet.title)
    details = [("Passed", passed(when))]
    if packet.other:
        details.append(("To", packet.other.name))
    details += [
        ("Negotiation", packet.negotiation),
        ("Amends", packet.agreement),
        ("Items", str(len(packet.items))),
    ]
    for label, value in details:
        made = document.add_paragraph()
        made.add_run(f"{label}: ").bold = True
        made.add_run(xml_text(value))
    for text in (packet.preamble or "").split("\n\n"):
        if text.strip():
            paragraph(document, " ".join(text.split()))
    if packet.confidential:
        paragraph(document, words.confidential(), "Note")
    if packet.note:
        paragraph(document, f"{words.internal_note()} {packet.note}", "Note")
    document.add_page_break()
    # One list of the items: the index (a table of contents would list them again).
    index_heading = document.add_paragraph("Index of items", style="Heading 1")
    bookmark(index_heading._p, marks, "_TocIndex")
    simple_table(
        document,
        ["No.", "Clause", "Action", "Summary"],
        [
            [
                str(i.index),
                f"{i.number} {i.title}".strip() + (f" ({i.path})" if i.path else ""),
                i.label,
                i.summary or "",
            ]
            for i in packet.items
        ],
        [0.45, 2.1, 1.05, 2.9],
    )
    if packet.packages:
        paragraph(document, words.packages_line(packet), "Note")
    legend = (
        words.legend_tracked(packet.party.name)
        if options.tracked
        else words.legend_marks(options.brackets)
    )
    paragraph(document, legend, "Note")
    packages = {p.name: p.items for p in packet.packages}
    signers = [packet.party] + ([packet.other] if packet.other else [])
    for item in packet.items:
        made = document.add_paragraph(style="Heading 2")
        change = item.change
        if change and change.old and change.new and (change.renumbered or change.retitled):
            # A renumbering or retitling is a revision: reject it and the old name comes back.
            made.add_run(f"Item {item.index}. ")
            marks.spans(made._p, heading_spans(change))
        else:
            made.add_run(words.item_heading(item))
        made.add_run("  " + item.label, style="Action Label")
        bookmark(made._p, marks, f"_TocItem{item.index}")
        if item.package:
            partners = [i for i in packages[item.package] if i != item.index]
            paragraph(document, words.package_line(item, partners), "Note")
        if item.action == "concept":
            made = document.add_paragraph()
            made.add_run(words.concept() + " ").bold = True
            made.add_run(xml_text(item.concept or item.summary or ""))
        elif item.action == "withdraw":
            paragraph(document, words.withdrawn(packet))
        elif item.action == "reject":
            paragraph(document, words.rejected(packet))
        elif item.action == "status-quo" and not marked(change):
            paragraph(document, words.status_quo())
            if item.change:
                blocks(document, marks, item.change.blocks)
        elif item.statement and not marked(change):
            paragraph(document, item.statement)
            if item.change:
                blocks(document, marks, item.change.blocks)
        elif item.change:
            if item.statement:
                paragraph(document, item.statement)
            paragraph(document, words.against(item), "Note")
            blocks(document, marks, item.change.blocks)
        if item.note:
            paragraph(document, f"{words.internal_note()} {item.note}", "Note")
        if packet.signoff and initialled(item.action):
            # The block stays on the page of the item's last lines, and never splits.
            document.paragraphs[-1].paragraph_format.keep_with_next = True
            table = document.add_table(rows=1, cols=len(signers))
            rows_kept_whole(table.rows[0]._tr, header=False)
            for cell, party in zip(table.rows[0].cells, signers, strict=True):
                cell.paragraphs[0].add_run(words.signoff_for(party))
                cell.add_paragraph("Initials: ____________")
                cell.add_paragraph("Date: ____________")
            document.add_paragraph()
    title = f"{packet.party.name} — Proposal No. {packet.number}"
    written = finish(
        document,
        title,
        packet.party.name,
        f"{packet.title}, {packet.negotiation}",
        when,
        words.running_head(packet, passed(when)),
        cover=True,
    )
    return with_custom_properties(written, {PROPERTY: record(packet).to_json()})


def record(packet: Packet) -> SentPacket:
    """Return what the packet records of itself: whose it is, and each item's clause id,
    action and the key of the words it shows with every change made."""
    return SentPacket(
        packet.party.key,
        packet.party.name,
        packet.number,
        tuple(
            SentItem(item.index, item.clause, item.action, words_key(_shown_words(item)))
            for item in packet.items
        ),
    )


def _shown_words(item: PacketItem) -> list[str]:
    """Return the texts an item shows once every change is made (its language)."""
    if item.action == "concept":
        return [item.concept or item.summary or ""]
    if item.change is None or item.action in ("withdraw", "reject"):
        return []
    texts = []
    for block in item.change.blocks:
        if isinstance(block, ParagraphChange):
            texts.append(new_text(block.spans))
        else:
            texts.extend(new_text(cell.spans) for row in block.rows for cell in row.cells)
    return texts


def write_redline(redline: Redline, options: Options = PLAIN) -> bytes:
    """Return the redline as a DOCX; revisions carry the options' author and date."""
    author, when = options.author, _when(options)
    words = Words(options.templates)
    document = reference(options.templates)
    marks = Marks(author, when, options.tracked, options.brackets)
    paragraph(document, f"Redline: {redline.new.title}", "Title")
    for label, side in (("Old", redline.old), ("New", redline.new)):
        made = document.add_paragraph()
        made.add_run(f"{label}: ").bold = True
        made.add_run(xml_text(f"{describe(side)} ({file_name(side.path)})"))
    paragraph(document, f"Changes: {summary_line(redline)}")
    paragraph(
        document,
        words.legend_tracked(author) if options.tracked else words.legend_marks(options.brackets),
        "Note",
    )
    order = blackline_order(redline.clauses, options.old_order)
    moved = {c.ref.id for c in redline.clauses if c.moved}
    shown = [
        c
        for c in order
        if (options.every or c.changed or c.ref.id in moved)
        and not (options.tracked and reply_only(c))
    ]
    document.add_paragraph("Changed clauses", style="Heading 1")
    simple_table(
        document,
        ["Clause", "Change", "Words inserted", "Words deleted"],
        [
            [
                heading(c),
                ", ".join(tags(c)) or c.status,
                str(c.words("insert")),
                str(c.words("delete")),
            ]
            for c in redline.clauses
            if c.changed
        ],
    )
    if options.every:
        paragraph(document, words.blackline_note(), "Note")
    for clause in shown:
        labels = [t for t in tags(clause) if not t.startswith("renumbered")]
        clause_heading(document, marks, clause, min(2 + clause.depth, 4), labels)
        if clause.item is not None and clause.item.summary:
            clause_note(document, marks, clause, clause.item.summary)
        if concept(clause):
            clause_note(document, marks, clause, f"{words.concept()} {concept(clause)}")
        blocks(document, marks, clause.blocks)
    title = f"Redline: {redline.new.title}"
    return finish(
        document,
        title,
        author,
        f"{describe(redline.old)} compared with {describe(redline.new)}",
        when,
        title,
    )


def reply_only(clause: ClauseChange) -> bool:
    """Return whether a clause is only a reply, with no language on either side (the other
    side's new clause, rejected): listed among the changes, but no part of either text."""
    return clause.reply


def bullets(document: Any, heading: str, items: tuple[str, ...]) -> None:
    """Append a headed bulleted list, or nothing when there are no items."""
    if items:
        document.add_paragraph(heading, style="Heading 1")
        for item in items:
            paragraph(document, item, "List Bullet")


def computed(document: Any, summary: Summary) -> None:
    """Add the team copy's computed costs, each side's beside its stated valuations."""
    document.add_paragraph("Computed cost (team copy only)", style="Heading 1")
    paragraph(document, COMPUTED_NOTE)
    for side in summary.computed:
        paragraph(document, side.who, "Heading 2")
        simple_table(
            document,
            ["", *side.years, "Over the term"],
            [[line.label, *line.years, line.term] for line in side.lines],
        )
        if side.stated:
            simple_table(
                document,
                ["Valuer", "Per", "Stated", "Computed", "Difference"],
                [[s.valuer, s.per, s.stated, s.computed, s.difference] for s in side.stated],
            )


def write_summary(summary: Summary, options: Options = PLAIN) -> bytes:
    """Return the member summary as a DOCX (tracked changes for agreed language, if asked)."""
    author, when = options.author, _when(options)
    document = reference(options.templates)
    marks = Marks(author, when, options.tracked)
    paragraph(document, f"{summary.title}: where talks stand", "Title")
    paragraph(document, f"As of {summary.day}", "Note")
    if summary.confidential:
        paragraph(
            document, "CONFIDENTIAL — team copy with internal notes. Not for members.", "Note"
        )
    document.add_paragraph("Overview", style="Heading 1")
    paragraph(document, " ".join(summary.overview))
    if summary.topics:
        document.add_paragraph("Where things stand", style="Heading 1")
    names = list(summary.columns)
    for topic in summary.topics:
        paragraph(document, topic.name, "Heading 2")
        table = simple_table(
            document,
            ["Section", *names, "Status"],
            [[f"{r.number} {r.title}".strip(), *r.cells, r.status] for r in topic.rows],
        )
        for number, row in enumerate(topic.rows, start=1):
            if row.agreed is not None and len(names) > 1:
                # What was agreed belongs to both sides: one cell across their columns.
                cells = table.rows[number].cells
                cells[1].merge(cells[len(names)])
    if summary.figures:
        document.add_paragraph("The numbers side by side", style="Heading 1")
        for figure in summary.figures:
            width = max(len(r.values) for r in figure.rows)
            paragraph(document, figure.name, "Heading 2")
            simple_table(
                document,
                ["", *(f"Year {n}" for n in range(1, width + 1)), "Compounded over the term"],
                [
                    [r.who, *r.values, *[""] * (width - len(r.values)), r.total or ""]
                    for r in figure.rows
                ],
            )
    if summary.published or summary.pay_tables:
        document.add_paragraph("Pay in figures", style="Heading 1")
        for sentence in summary.published:
            paragraph(document, sentence, "List Bullet")
        for pay in summary.pay_tables:
            paragraph(document, pay.caption)
            simple_table(document, list(pay.header), [list(row) for row in pay.rows])
    bullets(document, "What the proposals are worth", summary.valuations)
    if summary.computed:
        computed(document, summary)
    if summary.language:
        document.add_paragraph("Tentatively agreed language", style="Heading 1")
        for clause in summary.language:
            paragraph(document, f"{clause.ref.number} {clause.ref.title}", "Heading 2")
            blocks(document, marks, clause.blocks)
    bullets(document, "Internal notes (team copy only)", summary.team_notes)
    if summary.glossary:
        document.add_paragraph("Words used here", style="Heading 1")
        for term, meaning in summary.glossary:
            made = document.add_paragraph()
            made.add_run(f"{term.capitalize()}: ").bold = True
            made.add_run(meaning)
    paragraph(
        document, f"Reading level of this summary: grade {summary.grade} (Flesch-Kincaid).", "Note"
    )
    title = f"{summary.title}: where talks stand"
    return finish(document, title, author, f"Member summary as of {summary.day}", when, title)
