"""Property: edits made as tracked changes come back as exactly those proposal items."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracttools.importing import import_agreement, import_proposal
from contracttools.model import Agreement, Proposal
from contracttools.readers.word import read_word
from tests.test_import_roundtrip import NUMBERING, STYLES
from tests.wordfixtures import dele, ins, make_docx, p

WORDS = ["employer", "shall", "pay", "thirty", "(30)", "days", "$70,000", "per", "week", "union"]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(
    lambda words: "The " + " ".join(words) + "."
)
edit = st.sampled_from(["same", "same", "amend", "delete", "add"])
section = st.tuples(sentence, st.lists(sentence, max_size=2), edit, sentence).filter(
    lambda s: s[2] != "amend" or s[0] != s[3]
)
"""First paragraph, further paragraphs, what happens to the section, the new language."""
agreements = st.lists(st.lists(section, min_size=1, max_size=4), min_size=1, max_size=3)

Plan = list[list[tuple[str, list[str], str, str]]]


def _titles(a: int, s: int) -> str:
    return f"Topic {chr(ord('A') + a)}{s}"


def _documents(plan: Plan) -> tuple[str, str]:
    """Return the clean body and the body with the edits as tracked changes."""
    clean, tracked = [], []
    for a, sections in enumerate(plan):
        heading = p(f"Article {chr(ord('A') + a)}", style="Heading1")
        clean.append(heading)
        tracked.append(heading)
        for s, (first, rest, change, new) in enumerate(sections):
            title = _titles(a, s)
            clean += [p(title, style="Heading2"), p(first), *(p(x) for x in rest)]
            if change == "delete":
                tracked.append(p(dele(title), style="Heading2", mark="del"))
                tracked += [p(dele(x), mark="del") for x in (first, *rest)]
                continue
            tracked.append(p(title, style="Heading2"))
            tracked.append(p(dele(first), ins(new)) if change == "amend" else p(first))
            tracked += [p(x) for x in rest]
            if change == "add":
                tracked.append(p(ins(f"New {title}"), style="Heading2", mark="ins"))
                tracked.append(p(ins(new), mark="ins"))
    return "".join(clean), "".join(tracked)


def _expected(plan: Plan, base: Agreement) -> list[tuple[str, str, str | None]]:
    by_title = {c.title: c.id for c, _ in base.walk()}
    wanted: list[tuple[str, str, str | None]] = []
    for a, sections in enumerate(plan):
        for s, (_first, rest, change, new) in enumerate(sections):
            title = _titles(a, s)
            if change == "amend":
                wanted.append((by_title[title], "amend", "\n\n".join([new, *rest]) + "\n"))
            elif change == "delete":
                wanted.append((by_title[title], "delete", None))
            elif change == "add":
                wanted.append((f"New {title}", "add", new + "\n"))
    return sorted(wanted, key=str)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreements)
def test_tracked_edits_come_back_as_items(plan: Plan) -> None:
    clean, tracked = _documents(plan)
    with tempfile.TemporaryDirectory() as folder:
        before = make_docx(Path(folder) / "clean.docx", clean, NUMBERING, STYLES)
        after = make_docx(Path(folder) / "tracked.docx", tracked, NUMBERING, STYLES)
        base = import_agreement(read_word(str(before)), "base").document
        assert isinstance(base, Agreement)
        wanted = _expected(plan, base)
        source = read_word(str(after))
        if not wanted:
            return
        proposal = import_proposal(
            source, base, "union", 1, datetime(2023, 1, 1, tzinfo=UTC), "base.yaml"
        ).document
    assert isinstance(proposal, Proposal)
    got = sorted(
        (
            ((item.title or "") if item.action == "add" else item.clause, item.action, item.text)
            for item in proposal.items
        ),
        key=str,
    )
    assert got == wanted
