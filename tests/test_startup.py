"""Start-up: `check` of plain clauses loads only what reading YAML needs.

A body with no Markdown in it (no `*` or `|`) is read without the Markdown parser, and no
writer (WeasyPrint, python-docx, Jinja, the spreadsheet writers) is imported by `check`.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

HEAVY = ("weasyprint", "docx", "markdown_it", "jinja2", "xlsxwriter", "openpyxl", "pdfplumber")

PLAIN = """\
kind: agreement
id: plain
title: Plain
clauses:
  - id: pay
    number: "1"
    title: Pay
    text: |
      Employees are paid twice a month.

      Overtime is paid at time and one half.
"""


def modules_after(*argv: str) -> list[str]:
    code = (
        "import sys; from click.testing import CliRunner; from contracttools.cli import main;"
        f"result = CliRunner().invoke(main, {list(argv)!r}); print(result.exit_code);"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    code_line, modules = result.stdout.strip().splitlines()[-2:]
    assert code_line == "0", result.stdout
    names: list[str] = ast.literal_eval(modules)  # a printed list of names
    return names


def test_check_of_plain_clauses_imports_no_parser_and_no_writer(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text(PLAIN, encoding="utf-8")
    assert modules_after("check", str(path)) == []


def test_a_body_with_markup_still_reads_its_emphasis_and_table(tmp_path: Path) -> None:
    from contracttools.body import Paragraph, Table, parse_body

    blocks = parse_body("Paid *twice* a month.\n\n| Step | Rate |\n|---|---|\n| 1 | $10.00 |\n")
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "Paid twice a month."
    assert [m.kind for m in blocks[0].marks] == ["em"]
    assert isinstance(blocks[1], Table) and blocks[1].rows == (("Step", "Rate"), ("1", "$10.00"))
