"""Absurd numbering and nesting in a small Word file: shown and reported, or refused, never
a hang or a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from contracttools.readers.word import read_word
from tests.conftest import invoke
from tests.wordfixtures import abstract, level, make_docx, num, p, table, tc, tr


@pytest.mark.parametrize(
    "fmt, start, label",
    [
        ("lowerRoman", 2**63, "Article 9223372036854775808"),
        ("upperLetter", 2**63, "Article 9223372036854775808"),
        ("cardinalText", 10**4000, "Article 1" + "0" * 4000),
        ("ordinalText", -5, "Article -5"),
        ("ordinal", -3, "Article -3"),
        ("upperRoman", 32768, "Article 32768"),
    ],
)
def test_a_counter_beyond_words_range_is_shown_in_digits(
    tmp_path: Path, fmt: str, start: int, label: str
) -> None:
    numbering = abstract(1, level(0, fmt, "Article %1", start=start)) + num(1, 1)
    path = make_docx(tmp_path / "a.docx", p("Wages", num=1, ilvl=0), numbering)
    source = read_word(str(path))
    assert [(x.label, x.text) for x in source.changed] == [(label, "Wages")]
    note = next(n for n in source.notes if n.where == "paragraph 1")
    assert f"is beyond what Word numbers in {fmt} (0 to 32,767): shown in digits" in note.message


def test_the_largest_counter_word_shows_is_still_roman(tmp_path: Path) -> None:
    numbering = abstract(1, level(0, "upperRoman", "%1.", start=32767)) + num(1, 1)
    path = make_docx(tmp_path / "a.docx", p("Wages", num=1, ilvl=0), numbering)
    source = read_word(str(path))
    # 32767 = 32 thousands, then DCCLXVII
    assert source.changed[0].label == "M" * 32 + "DCCLXVII."
    assert not source.notes


def test_a_cell_spanning_past_the_grid_is_clamped(tmp_path: Path) -> None:
    wide = tc(p("Clerk"), span=400_000_000)
    grid = "<w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    body = p("Rates.") + table(tr("Class", "2023", "2024"), tr(wide)).replace(
        "<w:tblPr/>", "<w:tblPr/>" + grid
    )
    source = read_word(str(make_docx(tmp_path / "a.docx", body)))
    rows = next(x.rows for x in source.changed if x.is_table)
    assert rows == (("Class", "2023", "2024"), ("Clerk", "", ""))
    assert any("a cell spans 400000000 columns" in n.message for n in source.notes)


def test_a_thousand_nested_content_controls_are_read(tmp_path: Path) -> None:
    body = "<w:sdt><w:sdtContent>" * 1000 + p("Deep.") + "</w:sdtContent></w:sdt>" * 1000
    source = read_word(str(make_docx(tmp_path / "a.docx", p("Intro.") + body)))
    assert [x.text for x in source.changed] == ["Intro.", "Deep."]


@pytest.mark.parametrize("wrapper", ["w:hyperlink", "w:smartTag", "w:sdtContent"])
def test_inline_wrappers_nested_too_deep_are_refused(tmp_path: Path, wrapper: str) -> None:
    inner = f"<{wrapper}>" * 1500 + "<w:r><w:t>x</w:t></w:r>" + f"</{wrapper}>" * 1500
    path = make_docx(tmp_path / "a.docx", p("Intro.") + f"<w:p>{inner}</w:p>")
    code, output = invoke("import", str(path))
    assert code == 2
    assert output.strip() == (
        f"{path}: paragraph 2: more than 64 elements (hyperlinks, content controls, changes) "
        "are nested inside one another in a paragraph; refused (Word never nests so deep)"
    )


def test_nesting_word_writes_is_read(tmp_path: Path) -> None:
    inner = "<w:hyperlink>" * 60 + "<w:r><w:t>x</w:t></w:r>" + "</w:hyperlink>" * 60
    source = read_word(str(make_docx(tmp_path / "a.docx", f"<w:p>{inner}</w:p>")))
    assert [x.text for x in source.changed] == ["x"]
