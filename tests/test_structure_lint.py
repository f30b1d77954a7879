"""`contracttools check` lints an agreement's structure: warnings at the clause's line and
column (exit 0), and `--strict` fails on them (exit 2)."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner, Result

from contracttools.cli import main
from tests.conftest import SAMPLES, Writer

HEAD = "kind: agreement\nid: lint\ntitle: Lint\nclauses:\n"


def clause(cid: str, number: str, title: str, text: str = "Text.", indent: int = 2) -> str:
    lines = [f"- id: {cid}", f'  number: "{number}"', f'  title: "{title}"']
    if text:
        lines.append(f"  text: {text}")
    return textwrap.indent("\n".join(lines), " " * indent) + "\n"


def check(*args: str) -> Result:
    result = CliRunner().invoke(main, ["check", *args])
    assert "Traceback" not in result.output
    return result


def warnings(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": warning: " in line]


# Each case: the clauses (line 5 is the first clause's "- id"), then the warnings
# expected as (line, column, words the message holds).
CASES = {
    "a number twice among siblings": (
        clause("a", "1", "Pay") + clause("b", "2", "Leave") + clause("c", "2", "Hours"),
        [(13, 5, "number '2' is used twice among its siblings (first by 'b' at {p}:9:5)")],
    ),
    "dotted numbers out of order": (
        clause("a", "1.1", "A") + clause("b", "1.3", "B") + clause("c", "1.2", "C"),
        [(13, 5, "number '1.2' comes after '1.3' among its siblings (out of order)")],
    ),
    "letters out of order": (
        clause("a", "4.B", "A") + clause("b", "4.A", "B"),
        [(9, 5, "number '4.A' comes after '4.B'")],
    ),
    "roman numerals out of order, and IX after V is in order": (
        clause("a", "Article V", "A")
        + clause("b", "Article IX", "B")
        + clause("c", "Article IV", "C"),
        [(13, 5, "number 'Article IV' comes after 'Article IX'")],
    ),
    "a number with a letter between two": (
        clause("a", "5", "A") + clause("b", "5A", "B") + clause("c", "6", "C"),
        [],
    ),
    "numbers in words are not compared": (
        clause("a", "ARTICLE NINE", "A") + clause("b", "ARTICLE TEN", "B"),
        [],
    ),
    "unnumbered clauses are skipped": (
        clause("a", "2", "A") + clause("b", "", "Unnumbered") + clause("c", "3", "C"),
        [],
    ),
    "styles apart: an appendix after article 12": (
        clause("a", "Article 12", "A") + clause("b", "Appendix A", "B"),
        [],
    ),
    "a deeper number holding a shallower one": (
        clause("a", "4.2.1", "Deep", text="")
        + "    clauses:\n"
        + clause("b", "4.2", "Shallow", indent=6),
        [(9, 9, "clause 'b' (4.2 Shallow): numbered no deeper than '4.2.1', which holds it")],
    ),
    "an article under a section": (
        clause("a", "Section 3.1", "Sick leave", text="")
        + "    clauses:\n"
        + clause("b", "Article 4", "Wages", indent=6),
        [(9, 9, "an article-level clause held by 'Section 3.1'")],
    ),
    "a title with dot leaders and a page number": (
        clause("a", "Article 1", "Wages ........ 12"),
        [(5, 5, "the title has dot leaders or a trailing page number")],
    ),
    "a title with a page number after a gap": (
        clause("a", "Article 1", "Hours of Work      14"),
        [(5, 5, "the title has dot leaders or a trailing page number")],
    ),
    "a title ending in a number that belongs to it": (
        clause("a", "Article 1", "Grade 3"),
        [],
    ),
    "a title ending in a section number": (
        clause("a", "Article 1", "Exceptions to Section 4.12"),
        [],
    ),
    "a title with a one-dot leader before its page number": (
        clause("a", "Article 1", "Wages. 12"),
        [(5, 5, "the title has dot leaders or a trailing page number")],
    ),
    "a clause with neither title nor text nor clauses": (
        clause("a", "1", "Pay") + clause("b", "2", "", text=""),
        [(9, 5, "clause 'b' (2): has neither title nor text nor clauses")],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_lint(write: Writer, name: str) -> None:
    clauses, expected = CASES[name]
    path = write("agreement.yaml", HEAD + clauses)
    result = check(str(path))
    assert result.exit_code == 0, result.output
    found = warnings(result)
    assert len(found) == len(expected), found
    for line, (row, column, words) in zip(found, expected, strict=True):
        assert line.startswith(f"{path}:{row}:{column}: warning: "), line
        assert words.format(p=path) in line, line
    strict = check("--strict", str(path))
    assert strict.exit_code == (2 if expected else 0), strict.output
    if expected:
        assert strict.stderr.splitlines()[-1].endswith("about structure (--strict)")
        assert "OK" not in strict.stdout


def test_the_samples_give_no_warning() -> None:
    files = [str(SAMPLES), *map(str, sorted(SAMPLES.glob("*.yaml")))]
    result = check("--strict", *files)
    assert result.exit_code == 0, result.output
    assert warnings(result) == []


def test_an_agreement_given_twice_is_linted_once(write: Writer) -> None:
    path = write("agreement.yaml", HEAD + clause("a", "1", "Pay") + clause("b", "1", "Leave"))
    result = check(str(path), str(path))
    assert len(warnings(result)) == 1
