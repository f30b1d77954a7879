"""Properties that hold for every input: the redline never misrepresents a word."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracttools.body import Mark, Paragraph, Table, parse_body
from contracttools.readers import load_agreement
from contracttools.redline import compare, diff_words, new_text, old_text, tokenize
from contracttools.redline.blocks import diff_blocks
from contracttools.redline.model import ParagraphChange, TableChange, count_words

WORDS = [
    "the",
    "Producer",
    "shall",
    "pay",
    "writer",
    "thirty",
    "(30)",
    "days",
    "$70,000",
    "5.5%",
    "2.4",
    "§",
    "12.3",
    "—",
    "l’écrivain",
    "“promptly”",
    "作家",
    "報酬",
    "forty-five",
    "(a)",
    ",",
    ".",
    ";",
    "week",
    "minimum",
    "residual",
    "\u000b",
    "\x07",
]
words = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)
raw = st.text(max_size=60)
texts = st.one_of(words, raw, st.sampled_from(["", " ", "  \n\t ", "\n"]))


@settings(max_examples=1500, deadline=None)
@given(texts, texts)
def test_spans_rebuild_both_texts(old: str, new: str) -> None:
    spans = diff_words(old, new)
    assert old_text(spans) == old
    assert new_text(spans) == new
    assert all(span.text for span in spans)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_text_against_itself_is_unchanged(text: str) -> None:
    assert all(span.op == "equal" for span in diff_words(text, text))


@given(texts)
def test_tokens_rebuild_the_text(text: str) -> None:
    assert "".join(tokenize(text)) == text


cells = st.lists(st.sampled_from(WORDS[:12]), min_size=0, max_size=3).map(" ".join)
tables = st.integers(1, 4).flatmap(
    lambda width: st.lists(st.tuples(*[cells] * width), min_size=1, max_size=8).map(
        lambda rows: Table(tuple(rows))
    )
)
paragraphs = words.filter(lambda t: t.strip() != "").map(lambda t: Paragraph(" ".join(t.split())))
blocks = st.lists(st.one_of(paragraphs, tables), max_size=6)


def _rebuilt(changes: tuple[Any, ...], side: str) -> list[Any]:
    absent, skip = ("inserted", "insert") if side == "old" else ("deleted", "delete")
    out: list[Any] = []
    for change in changes:
        if change.status == absent:
            continue
        if isinstance(change, ParagraphChange):
            # Paragraphs merged or split: one side's text holds paragraph marks.
            text = "".join(s.text for s in change.spans if s.op != skip)
            out.extend(("p", piece) for piece in text.split("\n"))
        else:
            assert isinstance(change, TableChange)
            rows = []
            for row in change.rows:
                if row.status == absent:
                    continue
                rows.append(
                    tuple(
                        "".join(s.text for s in cell.spans if s.op != skip)
                        for cell in row.cells
                        if cell.status != absent
                    )
                )
            out.append(("t", tuple(rows)))
    return out


def _plain(items: list[Any]) -> list[Any]:
    return [("p", b.text) if isinstance(b, Paragraph) else ("t", b.rows) for b in items]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks, blocks)
def test_block_changes_rebuild_both_bodies(old: list[Any], new: list[Any]) -> None:
    changes = diff_blocks(old, new)
    assert _rebuilt(changes, "old") == _plain(old)
    assert _rebuilt(changes, "new") == _plain(new)


def _cell_text(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.replace("|", "") for v in values)


bodies = st.lists(
    st.one_of(
        words.map(lambda t: t.replace("|", "")),
        st.lists(st.tuples(cells, cells), min_size=1, max_size=5).map(
            lambda rows: (
                "| H1 | H2 |\n| --- | --- |\n"
                + "\n".join(f"| {a or '-'} | {b or '-'} |" for a, b in rows)
            )
        ),
    ),
    max_size=4,
).map(lambda parts: "\n\n".join(parts))


@st.composite
def agreements(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    count = draw(st.integers(0, 8))
    old = [
        {
            "id": f"c{i}",
            "number": str(i + 1),
            "title": draw(st.sampled_from(["Pay", "Notice", "Term"])),
            "text": draw(bodies),
        }
        for i in range(count)
    ]
    new = []
    for clause in old:
        fate = draw(st.sampled_from(["keep", "keep", "edit", "drop", "renumber"]))
        if fate == "drop":
            continue
        clause = dict(clause)
        if fate == "edit":
            clause["text"] = draw(bodies)
        if fate == "renumber":
            clause["number"] = clause["number"] + "A"
        new.append(clause)
    new = draw(st.permutations(new)) if draw(st.booleans()) else new
    for i in range(draw(st.integers(0, 2))):
        new.append({"id": f"n{i}", "number": f"9.{i}", "title": "New", "text": draw(bodies)})
    return old, list(new)


def _load(name: str, clauses: list[dict[str, Any]]) -> Any:
    document = {"kind": "agreement", "id": name, "title": name, "clauses": clauses}
    if not clauses:
        document["clauses"] = [{"id": "placeholder", "number": "0", "title": "Placeholder"}]
    return load_agreement(f"{name}.yaml", yaml.safe_dump(document, allow_unicode=True).encode())


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreements())
def test_every_clause_rebuilds_from_the_redline(
    pair: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    old, new = _load("old", pair[0]), _load("new", pair[1])
    redline = compare(old, new)
    for side, document in (("old", old), ("new", new)):
        rebuilt = {
            getattr(c, side).id: _rebuilt(c.blocks, side)
            for c in redline.clauses
            if getattr(c, side)
        }
        expected = {clause.id: _plain(list(clause.blocks)) for clause, _ in document.walk()}
        assert rebuilt == expected
    assert not compare(old, old).changed
    assert not compare(new, new).changed


def test_body_parse_is_stable_under_rewrapping() -> None:
    assert parse_body("a b\nc  d\n\ne") == parse_body("a\nb c d\n\n\ne\n")


plain_text = st.lists(
    st.one_of(
        st.sampled_from(["\n", "\n\n", "  \n \n", " ", "\t"]),
        st.text(alphabet=st.characters(blacklist_characters="*|\x00\r"), max_size=20),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(plain_text)
def test_plain_paragraph_path_agrees_with_the_markdown_parser(text: str) -> None:
    from contracttools.body import _parse_markdown, plain_paragraphs

    fast = [(b.text, b.line) for b in plain_paragraphs(text)] if text.strip() else []
    slow = [(b.text, b.line) for b in _parse_markdown(text)] if text.strip() else []
    assert fast == slow


DISTINCT = [
    "Producer",
    "shall",
    "pay",
    "each",
    "writer",
    "within",
    "thirty",
    "(30)",
    "days",
    "after",
    "delivery",
    "of",
    "the",
    "final",
    "draft,",
    "unless",
    "Guild",
    "and",
    "Company",
    "agree",
    "otherwise",
    "in",
    "writing;",
    "any",
    "late",
    "payment",
    "bears",
    "interest",
    "at",
    "1.5%",
    "monthly",
    "from",
    "its",
    "due",
    "date",
    "until",
    "paid",
]


@st.composite
def sentences(draw: st.DrawFn) -> list[str]:
    """Paragraphs of distinct words: a real body rarely repeats a whole paragraph."""
    words_in_order = draw(st.permutations(DISTINCT))
    cuts = sorted(draw(st.sets(st.integers(1, len(DISTINCT) - 1), min_size=1, max_size=6)))
    edges = [0, *cuts, len(DISTINCT)]
    return [" ".join(words_in_order[a:b]) for a, b in pairwise(edges)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences(), st.data())
def test_paragraphs_merged_or_split_mark_no_words(parts: list[str], data: st.DataObject) -> None:
    old = [Paragraph(p) for p in parts]
    new: list[Paragraph] = []
    for paragraph in old:
        words_of = paragraph.text.split(" ")
        fate = data.draw(st.sampled_from(["keep", "merge", "split"]))
        if fate == "merge" and new:
            new[-1] = Paragraph(new[-1].text + " " + paragraph.text)
        elif fate == "split" and len(words_of) > 1:
            cut = data.draw(st.integers(1, len(words_of) - 1))
            new += [Paragraph(" ".join(words_of[:cut])), Paragraph(" ".join(words_of[cut:]))]
        else:
            new.append(paragraph)
    changes = diff_blocks(old, new)
    assert _rebuilt(changes, "old") == _plain(old)
    assert _rebuilt(changes, "new") == _plain(new)
    for change in changes:
        assert count_words(change.spans, "insert") + count_words(change.spans, "delete") == 0


@st.composite
def emphasised(draw: st.DrawFn) -> Paragraph:
    """A paragraph of words, some of them emphasised."""
    chosen = draw(st.lists(st.sampled_from(WORDS[:20]), min_size=1, max_size=12))
    text, marks, at = "", [], 0
    for word in chosen:
        if text:
            text += " "
            at += 1
        kind = draw(st.sampled_from([None, None, "em", "strong"]))
        if kind:
            marks.append(Mark(at, at + len(word), kind))
        text += word
        at += len(word)
    return Paragraph(text, tuple(marks))


def _styles(paragraph: Paragraph) -> list[tuple[str, ...]]:
    return [
        tuple(sorted({m.kind for m in paragraph.marks if m.start <= i < m.end}))
        for i in range(len(paragraph.text))
    ]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(emphasised(), min_size=1, max_size=4), st.lists(emphasised(), max_size=4))
def test_emphasis_of_both_sides_is_in_the_spans(old: list[Paragraph], new: list[Paragraph]) -> None:
    changes = diff_blocks(old, new)
    for side, paragraphs, skip in (("old", old, "insert"), ("new", new, "delete")):
        styles: list[tuple[str, ...]] = []
        for change in changes:
            if change.status == ("inserted" if side == "old" else "deleted"):
                continue
            for span in change.spans:
                if span.op == skip:
                    continue
                style = span.old_emphasis if side == "old" and span.restyled else span.emphasis
                styles += [tuple(style or ())] * len(span.text.replace("\n", ""))
        expected = [s for p in paragraphs for s in _styles(p)]
        # White space never carries a change of emphasis: compare the words' characters.
        text = "".join(p.text for p in paragraphs)
        assert [s for s, c in zip(styles, text, strict=True) if not c.isspace()] == [
            s for s, c in zip(expected, text, strict=True) if not c.isspace()
        ]
    if old == new:
        assert all(c.status == "equal" for c in changes)
