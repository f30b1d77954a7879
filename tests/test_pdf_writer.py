"""The PDF writer: a table too wide for paper is refused, naming the clause; page references cached."""

from __future__ import annotations

from pathlib import Path

from contracttools.writers.fit import MAX_COLUMNS
from tests.conftest import Writer, invoke


def agreement(columns: int, figure: str) -> str:
    header = "| " + " | ".join(f"Step {c}" for c in range(columns)) + " |"
    rule = "|" + " --- |" * columns
    row = "| " + " | ".join(figure for _ in range(columns)) + " |"
    lines = [
        "kind: agreement",
        "id: wide",
        "title: Wide",
        "clauses:",
        "  - id: schedule",
        '    number: "1"',
        "    title: Schedule",
        "    text: |",
        *(f"      {line}" for line in (header, rule, row)),
    ]
    return "\n".join(lines) + "\n"


def test_too_wide_for_a_pdf(write: Writer, tmp_path: Path) -> None:
    old = write("old.yaml", agreement(MAX_COLUMNS + 1, "$1"))
    new = write("new.yaml", agreement(MAX_COLUMNS + 1, "$2"))
    out = tmp_path / "x.pdf"
    code, output = invoke("diff", str(old), str(new), "-o", str(out))
    assert code == 2
    assert f"'1 Schedule' holds a table of {MAX_COLUMNS + 1} columns" in output
    assert "-o FILE.html" in output
    assert not out.exists()
    code, output = invoke("diff", str(old), str(new), "-o", str(tmp_path / "x.html"))
    assert code == 1, output


def test_page_references_cached_as_computed() -> None:
    """The cached page references are pydyf's own, and follow pages added later."""
    import pydyf

    from contracttools.writers.pdf import _cache_page_references

    _cache_page_references()
    document = pydyf.PDF()
    for _ in range(3):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    expected = tuple(f"{n} 0 R".encode("ascii") for n in document.pages["Kids"][::3])
    assert document.page_references == expected
    document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(document.page_references) == 4
