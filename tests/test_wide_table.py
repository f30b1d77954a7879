"""A table too wide for paper is refused with a message naming the clause; other formats take it."""

from __future__ import annotations

from pathlib import Path

from contracttools.writers.pdf import MAX_COLUMNS
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
