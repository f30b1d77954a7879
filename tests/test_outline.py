"""`contracttools outline FILE`: the skeleton of an agreement, a proposal, a negotiation or
a document imported in memory, checked against what the files say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from contracttools.cli import main
from tests.conftest import SAMPLES, Writer
from tests.corpus.measures import CORPUS, normal, truth

# From samples/wga-2023/agreement-2020.yaml: each article's number, title and how many
# sections it has (63 clauses: 12 articles, 51 sections; 3 pipe tables, in 2.B, 4.A, 4.B).
ARTICLES = [
    ("Article 1", "Recognition and Scope", 5),
    ("Article 2", "Minimum Compensation", 5),
    ("Article 3", "Episodic Television", 5),
    ("Article 4", "Residuals", 5),
    ("Article 5", "Writing Credits", 4),
    ("Article 6", "Pension and Health", 4),
    ("Article 7", "Working Conditions", 4),
    ("Article 8", "Payments and Accounts", 4),
    ("Article 9", "Grievance and Arbitration", 4),
    ("Article 10", "No Strike, No Lockout", 4),
    ("Article 11", "New Technology", 3),
    ("Article 12", "General Provisions", 4),
]
EPISODIC = [
    ("3.A", "Episodic Fees"),
    ("3.B", "Weeks Covered by an Episodic Fee"),
    ("3.C", "Staff Writers"),
    ("3.D", "Options and Exclusivity"),
    ("3.E", "Script Fees for Staff Writers"),
]
_LINE = re.compile(
    r"^(?P<indent> *)(?P<name>.*?)  \[(?P<held>\d+) clauses?, depth (?P<depth>\d+)\]$"
)


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, ["outline", *args])
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), result.exception
    return result


def tree(stdout: str) -> list[tuple[str, int, int]]:
    """Return the (name, clauses held, depth) of each clause line, checking its indent."""
    found = []
    for line in stdout.splitlines()[1:-1]:
        match = _LINE.match(line)
        assert match, line
        depth = int(match["depth"])
        assert len(match["indent"]) == 2 * depth, line
        found.append((match["name"], int(match["held"]), depth))
    return found


def test_the_sample_agreement() -> None:
    result = run(str(SAMPLES / "agreement-2020.yaml"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].endswith(": 2020 Screen and Series Basic Agreement (illustrative excerpt)")
    assert lines[-1] == "63 clauses, 12 at the top level, deepest at depth 1, 3 tables"
    found = tree(result.stdout)
    assert len(found) == 63
    top = [entry for entry in found if entry[2] == 0]
    assert top == [(f"{number} {title}", held, 0) for number, title, held in ARTICLES]
    at = found.index(("Article 3 Episodic Television", 5, 0))
    assert found[at + 1 : at + 6] == [(f"{n} {t}", 0, 1) for n, t in EPISODIC]
    assert result.stderr == ""


def test_depth_shows_only_the_first_levels_with_whole_counts() -> None:
    result = run(str(SAMPLES / "agreement-2020.yaml"), "--depth", "1")
    assert result.exit_code == 0, result.output
    assert tree(result.stdout) == [(f"{n} {t}", held, 0) for n, t, held in ARTICLES]
    assert result.stdout.splitlines()[-1].startswith("63 clauses, 12 at the top level")


def test_a_proposal_outlines_the_agreement_as_it_would_make_it() -> None:
    # 01-guild-1.yaml (party: guild) adds 3.F Development Rooms after 3.E.
    result = run(str(SAMPLES / "01-guild-1.yaml"))
    assert result.exit_code == 0, result.output
    assert "as guild #1 would make it" in result.stdout.splitlines()[0]
    found = tree(result.stdout)
    at = found.index(("Article 3 Episodic Television", 6, 0))
    assert found[at + 6] == ("3.F Development Rooms", 0, 1)
    assert result.stdout.splitlines()[-1].startswith("64 clauses, 12 at the top level")


def test_a_negotiation_outlines_its_conformed_agreement() -> None:
    result = run(str(SAMPLES))
    assert result.exit_code == 0, result.output
    assert "every tentative agreement applied" in result.stdout.splitlines()[0]
    # Its three TAs amend clauses: the tree is the agreement's.
    top = [entry for entry in tree(result.stdout) if entry[2] == 0]
    assert top == [(f"{n} {t}", held, 0) for n, t, held in ARTICLES]
    assert result.stdout.splitlines()[-1].startswith("63 clauses, 12 at the top level")


TEXT = """\
Agreement Between the District and the Union

ARTICLE 1 RECOGNITION

1.1 Scope
The District recognizes the Union as the exclusive representative of its teachers.

1.2 Term
This Agreement runs from July 1, 2024 through June 30, 2027.

ARTICLE 2 WAGES

2.1 Rates
Every rate of the salary schedule rises by three percent (3%).

2.1.1 Steps
Each teacher moves one step each year.
"""


def test_a_text_file_is_imported_in_memory(write: Writer, tmp_path: Path) -> None:
    path = write("district.txt", TEXT)
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert tree(result.stdout) == [
        ("Preamble", 0, 0),
        ("ARTICLE 1 RECOGNITION", 2, 0),
        ("1.1 Scope", 0, 1),
        ("1.2 Term", 0, 1),
        ("ARTICLE 2 WAGES", 2, 0),
        ("2.1 Rates", 1, 1),
        ("2.1.1 Steps", 0, 2),
    ]
    assert result.stdout.splitlines()[-1] == (
        "7 clauses, 3 at the top level, deepest at depth 2, 0 tables"
    )
    # The import's report, on stderr; nothing written beside the input.
    assert f"imported {path}: 7 clauses (3 at the top level)" in result.stderr
    assert result.stderr.splitlines()[-1] == f"{path}: 2 articles, 4 sections, 0 tables"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["district.txt"]


@pytest.mark.parametrize(
    ("name", "text", "args", "message"),
    [
        ("missing.pdf", None, (), "{p}: no such file"),
        ("agreement.xlsx", "x", (), "outline reads agreement, proposal and negotiation files"),
        ("a.yaml", "kind: agreement\nid: a\ntitle: A\nclauses: 3\n", (), "{p}:4:10: "),
        ("a.txt", TEXT, ("--pages", "2-3"), "--pages reads PDF files only"),
        ("a.pdf", "not a PDF", (), "{p}: "),
        ("a.pdf", "x", ("--pages", "9-2"), "the last page comes before the first"),
    ],
)
def test_bad_input(
    write: Writer, tmp_path: Path, name: str, text: str | None, args: tuple[str, ...], message: str
) -> None:
    path = write(name, text) if text is not None else tmp_path / name
    result = run(str(path), *args)
    assert result.exit_code == 2
    assert message.format(p=path) in result.stderr
    assert result.stdout == ""


def test_depth_must_be_a_level() -> None:
    assert run(str(SAMPLES / "agreement-2020.yaml"), "--depth", "0").exit_code == 2


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no corpus beside the project")
def test_a_published_agreement_has_its_articles_at_the_top() -> None:
    name = "uasf_cba_2023-2025.pdf"
    if not (CORPUS / name).is_file():
        pytest.skip(f"{name} is not in the corpus")
    whole = run(str(CORPUS / name), "--depth", "1")
    assert whole.exit_code == 0, whole.output
    top: set[str] = set()
    for entry, _, depth in tree(whole.stdout):
        assert depth == 0
        words = entry.split()
        top |= {normal(words[0]), normal(" ".join(words[:2]))}
    articles = truth(name)["articles"]
    assert isinstance(articles, list) and articles
    assert set(articles) <= top
    assert whole.stderr.splitlines()[-1].startswith(f"{CORPUS / name}: ")
    # A page range outlines fewer clauses, and says so in the report.
    part = run(str(CORPUS / name), "--pages", "5-20")
    assert part.exit_code == 0, part.output
    clauses = [int(r.stdout.splitlines()[-1].split()[0]) for r in (whole, part)]
    assert 0 < clauses[1] < clauses[0]
