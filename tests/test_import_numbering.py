"""The numbers Word shows, computed from numbering.xml and styles.xml as Word computes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from contracttools.readers.word import read_word
from contracttools.readers.word.formats import format_number
from tests.wordfixtures import abstract, level, make_docx, num, p, style

OUTLINE = abstract(
    1,
    level(0, "decimal", "Article %1"),
    level(1, "decimal", "%1.%2"),
    level(2, "lowerLetter", "%1.%2(%3)"),
)


def labels(path: Path) -> list[tuple[str, str]]:
    return [(piece.label, piece.text) for piece in read_word(str(path)).changed]


def test_multilevel_text_shows_every_level(tmp_path: Path) -> None:
    body = p("Wages", num=1, ilvl=0) + p("Rates", num=1, ilvl=1) + p("Day", num=1, ilvl=2)
    body += p("Night", num=1, ilvl=2) + p("Overtime", num=1, ilvl=1) + p("Hours", num=1, ilvl=0)
    body += p("Week", num=1, ilvl=1)
    path = make_docx(tmp_path / "a.docx", body, OUTLINE + num(1, 1))
    assert [label for label, _ in labels(path)] == [
        "Article 1",
        "1.1",
        "1.1(a)",
        "1.1(b)",
        "1.2",
        "Article 2",
        "2.1",
    ]


def test_counters_belong_to_the_definition_not_the_instance(tmp_path: Path) -> None:
    body = p("one", num=1) + p("two", num=1) + p("three", num=2) + p("four", num=1)
    path = make_docx(tmp_path / "a.docx", body, OUTLINE + num(1, 1) + num(2, 1))
    assert [label for label, _ in labels(path)] == [
        "Article 1",
        "Article 2",
        "Article 3",
        "Article 4",
    ]


def test_start_override_restarts_once_and_later_lists_continue(tmp_path: Path) -> None:
    definitions = abstract(1, level(0, "decimal", "%1.")) + num(1, 1) + num(2, 1, {0: 1})
    definitions += num(3, 1, {0: 10})
    body = p("a", num=1) + p("b", num=1) + p("c", num=2) + p("d", num=2) + p("e", num=1)
    body += p("f", num=3) + p("g", num=2)
    path = make_docx(tmp_path / "a.docx", body, definitions)
    assert [label for label, _ in labels(path)] == ["1.", "2.", "1.", "2.", "3.", "10.", "11."]


def test_formats(tmp_path: Path) -> None:
    definitions = abstract(
        1,
        level(0, "decimalZero", "1.%1"),
        level(1, "upperRoman", "%2."),
        level(2, "lowerRoman", "(%3)"),
        level(3, "upperLetter", "%4)"),
        level(4, "lowerLetter", "%5.", start=26),
    ) + num(1, 1)
    body = p("x", num=1, ilvl=0) + p("x", num=1, ilvl=1) + p("x", num=1, ilvl=1)
    body += p("x", num=1, ilvl=2) + p("x", num=1, ilvl=2) + p("x", num=1, ilvl=2)
    body += p("x", num=1, ilvl=2) + p("x", num=1, ilvl=3) + p("x", num=1, ilvl=4)
    body += p("x", num=1, ilvl=4)
    path = make_docx(tmp_path / "a.docx", body, definitions)
    assert [label for label, _ in labels(path)] == [
        "1.01",
        "I.",
        "II.",
        "(i)",
        "(ii)",
        "(iii)",
        "(iv)",
        "A)",
        "z.",
        "aa.",
    ]


def test_legal_numbering_shows_upper_levels_in_arabic(tmp_path: Path) -> None:
    definitions = abstract(
        1,
        level(0, "upperRoman", "ARTICLE %1"),
        level(1, "decimal", "Section %1.%2", extra="<w:isLgl/>"),
    ) + num(1, 1)
    body = p("A", num=1, ilvl=0) + p("B", num=1, ilvl=0) + p("C", num=1, ilvl=1)
    path = make_docx(tmp_path / "a.docx", body, definitions)
    assert [label for label, _ in labels(path)] == ["ARTICLE I", "ARTICLE II", "Section 2.1"]


def test_level_that_never_restarts(tmp_path: Path) -> None:
    definitions = abstract(
        1,
        level(0, "decimal", "Part %1"),
        level(1, "decimal", "Rule %2", extra='<w:lvlRestart w:val="0"/>'),
    ) + num(1, 1)
    body = p("x", num=1, ilvl=0) + p("x", num=1, ilvl=1) + p("x", num=1, ilvl=0)
    body += p("x", num=1, ilvl=1)
    path = make_docx(tmp_path / "a.docx", body, definitions)
    assert [label for label, _ in labels(path)] == ["Part 1", "Rule 1", "Part 2", "Rule 2"]


HEADING_STYLES = style(
    "ArticleHeading",
    "Überschrift 1",
    ppr='<w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/>',
    rpr="<w:b/>",
) + style(
    "SectionHeading",
    "Überschrift 2",
    ppr='<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>',
)


def test_numbering_from_localized_heading_styles(tmp_path: Path) -> None:
    body = p("Wages", style="ArticleHeading") + p("Rates", style="SectionHeading")
    body += p("Body text.") + p("Hours", style="ArticleHeading")
    path = make_docx(tmp_path / "a.docx", body, OUTLINE + num(1, 1), HEADING_STYLES)
    pieces = read_word(str(path)).changed
    assert [(x.label, x.text, x.level) for x in pieces] == [
        ("Article 1", "Wages", 0),
        ("1.1", "Rates", 1),
        ("", "Body text.", None),
        ("Article 2", "Hours", 0),
    ]


def test_level_linked_to_a_style_by_pstyle(tmp_path: Path) -> None:
    definitions = abstract(
        1,
        level(0, "decimal", "%1.", extra='<w:pStyle w:val="Heading1"/>'),
        level(1, "decimal", "%1.%2", extra='<w:pStyle w:val="Heading2"/>'),
    ) + num(5, 1)
    styles = style("Heading2", "heading 2", ppr='<w:numPr><w:numId w:val="5"/></w:numPr>')
    body = p("Top", style="Heading1", num=5) + p("Sub", style="Heading2", num=5)
    body += p("Sub two", style="Heading2")
    path = make_docx(tmp_path / "a.docx", body, definitions, styles)
    assert [label for label, _ in labels(path)] == ["1.", "1.1", "1.2"]


def test_numbering_switched_off_keeps_the_typed_number(tmp_path: Path) -> None:
    body = p("Wages", style="ArticleHeading") + p(
        "Article 1A Interim", style="ArticleHeading", num=0
    )
    body += p("Hours", style="ArticleHeading")
    path = make_docx(tmp_path / "a.docx", body, OUTLINE + num(1, 1), HEADING_STYLES)
    assert labels(path) == [
        ("Article 1", "Wages"),
        ("", "Article 1A Interim"),
        ("Article 2", "Hours"),
    ]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (4, "upperRoman", "IV"),
        (1994, "lowerRoman", "mcmxciv"),
        (28, "lowerLetter", "bb"),
        (3, "decimalZero", "03"),
        (12, "decimalZero", "12"),
        (22, "ordinal", "22nd"),
        (11, "ordinal", "11th"),
        (5, "none", ""),
        (1, "cardinalText", "One"),
        (1001, "cardinalText", "One thousand and one"),
        (121, "ordinalText", "One hundred twenty-first"),
        (40, "ordinalText", "Fortieth"),
        (7, "custom:001, 002, 003, ...", "007"),
        (18, "decimalEnclosedCircle", "\u2471"),
    ],
)
def test_format_number(value: int, fmt: str, shown: str) -> None:
    assert format_number(value, fmt) == shown
