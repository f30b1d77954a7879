"""An agreement written to Word and imported back has the same clauses (numbers, titles, texts)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracttools.body import Table
from contracttools.importing import import_agreement
from contracttools.model import Agreement, Clause
from contracttools.readers.word import read_word
from tests.wordfixtures import abstract, level, make_docx, num, p, style, table, tr

WORDS = ["employer", "shall", "pay", "thirty", "(30)", "days", "$70,000", "5.5%", "per", "week"]
TITLE_WORDS = ["Wages", "Hours", "Overtime", "Leave", "Seniority", "Health", "Grievance", "Notice"]

sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=20).map(
    lambda words: "The " + " ".join(words) + "."
)
labelled = st.tuples(st.sampled_from(["(a)", "(b)", "(iv)", "(1)"]), sentence).map(" ".join)
paragraph = st.one_of(sentence, labelled)
rows = st.integers(1, 3).flatmap(
    lambda width: st.lists(
        st.tuples(*[st.sampled_from(["Clerk", "$20.00", "2023", "Grade 1"])] * width),
        min_size=2,
        max_size=4,
    )
)
block = st.one_of(paragraph, paragraph, rows)
title = st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=4, unique=True).map(" ".join)
section = st.tuples(title, st.lists(block, min_size=1, max_size=3))
article = st.tuples(title, st.lists(section, min_size=1, max_size=4))
agreements = st.lists(article, min_size=1, max_size=4)

NUMBERING = abstract(
    1,
    level(0, "decimal", "Article %1", extra='<w:pStyle w:val="Heading1"/>'),
    level(1, "decimal", "%1.%2", extra='<w:pStyle w:val="Heading2"/>'),
) + num(1, 1)
STYLES = style("Heading1", "heading 1", ppr='<w:numPr><w:numId w:val="1"/></w:numPr>') + style(
    "Heading2", "heading 2", ppr='<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'
)


def _word(articles: list[tuple[str, list[tuple[str, list[object]]]]]) -> str:
    """Write the agreement as Word would hold it: numbered heading styles, paragraphs, tables."""
    body = []
    for article_title, sections in articles:
        body.append(p(article_title, style="Heading1"))
        for section_title, blocks in sections:
            body.append(p(section_title, style="Heading2"))
            for item in blocks:
                if isinstance(item, str):
                    body.append(p(item))
                else:
                    assert isinstance(item, list)
                    body.append(table(*(tr(*cells, header=n == 0) for n, cells in enumerate(item))))
    return "".join(body)


def _expected(
    articles: list[tuple[str, list[tuple[str, list[object]]]]],
) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for a, (article_title, sections) in enumerate(articles, 1):
        out.append((f"Article {a}", article_title, ()))
        for s, (section_title, blocks) in enumerate(sections, 1):
            shown = tuple(
                item if isinstance(item, str) else tuple(tuple(row) for row in _rows(item))
                for item in blocks
            )
            out.append((f"{a}.{s}", section_title, shown))
    return out


def _rows(item: object) -> list[tuple[str, ...]]:
    assert isinstance(item, list)
    return item


def _read(agreement: Agreement) -> list[tuple[object, ...]]:
    def shown(clause: Clause) -> tuple[object, ...]:
        return tuple(b.rows if isinstance(b, Table) else b.text for b in clause.blocks)

    return [(c.number, c.title, shown(c)) for c, _ in agreement.walk()]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreements)
def test_word_round_trip_keeps_numbers_titles_and_texts(
    articles: list[tuple[str, list[tuple[str, list[object]]]]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = make_docx(Path(folder) / "agreement.docx", _word(articles), NUMBERING, STYLES)
        imported = import_agreement(read_word(str(path)), "agreement").document
    assert isinstance(imported, Agreement)
    assert _read(imported) == _expected(articles)
    assert len(set(imported.by_id)) == len(list(imported.walk()))


def test_the_sample_agreement_comes_back_from_our_own_word_output(tmp_path: Path) -> None:
    from contracttools.importing.proposal import wording
    from contracttools.readers import load_agreement
    from tests.conftest import SAMPLES, invoke

    agreement = SAMPLES / "agreement-2020.yaml"
    word = tmp_path / "agreement.docx"
    code, output = invoke("diff", str(agreement), str(agreement), "--all", "-o", str(word))
    assert code == 0, output
    out = tmp_path / "agreement.yaml"
    code, output = invoke("import", str(word), "--like", str(agreement), "-o", str(out))
    assert code == 0, output

    def clauses(loaded: Agreement) -> list[tuple[object, ...]]:
        return [
            (c.id, c.number, c.title, wording(c), depth)
            for c, depth in loaded.walk()
            if c.id not in ("preamble", "changed-clauses")  # the redline's own pages
        ]

    assert clauses(load_agreement(out)) == clauses(load_agreement(agreement))


def test_render_then_import_gives_the_same_clauses(tmp_path: Path) -> None:
    from contracttools.importing.proposal import wording
    from contracttools.readers import load_agreement
    from tests.conftest import SAMPLES, invoke

    agreement = SAMPLES / "agreement-2020.yaml"
    word = tmp_path / "printed.docx"
    code, output = invoke("render", str(agreement), "-o", str(word))
    assert code == 0, output
    out = tmp_path / "imported.yaml"
    code, output = invoke("import", str(word), "-o", str(out))
    assert code == 0, output

    def clauses(loaded: Agreement) -> list[tuple[object, ...]]:
        return [(c.number, c.title, wording(c), depth) for c, depth in loaded.walk()]

    assert clauses(load_agreement(out)) == clauses(load_agreement(agreement))
