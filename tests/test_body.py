"""Clause bodies keep legal text literal: only the documented markup is markup."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from contracttools.body import Mark, Paragraph, body_text, fold, parse_body

# Every character but the markup (`*`, `|`) and what the parser normalises (NUL, CR).
literal = st.text(
    alphabet=st.characters(blacklist_characters="*|\x00\r", blacklist_categories=["Cs"]),
    max_size=80,
)


def _chunks(text: str) -> list[str]:
    return [f for f in (fold(c) for c in re.split(r"\n[ \t]*\n", text)) if f]


@settings(max_examples=500, deadline=None)
@given(literal)
def test_text_without_markup_is_kept_as_typed(text: str) -> None:
    blocks = parse_body(text)
    assert [b.text for b in blocks] == _chunks(text)
    assert all(isinstance(b, Paragraph) and not b.marks for b in blocks)
    assert parse_body(body_text(blocks)) == blocks


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\x00\r"), max_size=80))
def test_any_body_written_back_parses_the_same(text: str) -> None:
    blocks = parse_body(text)
    written = body_text(blocks)
    assert [(b.text, getattr(b, "marks", ())) for b in parse_body(written)] == [
        (b.text, getattr(b, "marks", ())) for b in blocks
    ]


words = st.lists(
    st.tuples(
        st.text(alphabet="abcXYZ_\\`'(30).,$%-", min_size=1, max_size=8).filter(
            lambda w: w[-1] != "\\" and any(c.isalnum() for c in w[:1] + w[-1:])
        ),
        st.sampled_from([(), ("em",), ("strong",), ("em", "strong")]),
    ),
    min_size=1,
    max_size=10,
)


@settings(max_examples=250, deadline=None)
@given(words)
def test_emphasis_round_trips(items: list[tuple[str, tuple[str, ...]]]) -> None:
    text, marks, at = "", [], 0
    for word, kinds in items:
        if text:
            text += " "
            at += 1
        marks += [Mark(at, at + len(word), kind) for kind in kinds]
        text += word
        at += len(word)
    paragraph = Paragraph(text, tuple(marks))
    (parsed,) = parse_body(body_text((paragraph,)))
    assert isinstance(parsed, Paragraph)
    assert parsed.text == text
    covered = {(i, m.kind) for m in parsed.marks for i in range(m.start, m.end)}
    assert covered == {(i, m.kind) for m in marks for i in range(m.start, m.end)}


def test_signature_line_keeps_underscores_backslashes_and_backticks() -> None:
    (line,) = parse_body("Signed this _3_ day of _August_ at C:\\\\Shared, file `final`.")
    assert line == Paragraph("Signed this _3_ day of _August_ at C:\\\\Shared, file `final`.")


def test_asterisks_are_emphasis_and_a_backslash_makes_one_literal() -> None:
    (line,) = parse_body("The **Producer** shall *promptly* pay 5 \\* 3.")
    assert isinstance(line, Paragraph)
    assert line.text == "The Producer shall promptly pay 5 * 3."
    assert line.marks == (Mark(4, 12, "strong"), Mark(19, 27, "em"))


def test_asterisks_in_table_cells_are_text() -> None:
    (table,) = parse_body("| Step | Rate |\n| --- | --- |\n| *1* | $5 \\| week |\n")
    assert table.rows == (("Step", "Rate"), ("*1*", "$5 | week"))  # type: ignore[union-attr]
