"""A clause a pass or a TA moves is said to move, with its old and its new number, in
the tracking chart (every format), the clause's history and the bargaining book."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest

from contracttools.model import Agreement, Clause
from contracttools.negotiation.moves import move
from tests.conftest import invoke as run

AGREEMENT = """\
kind: agreement
id: base
title: Base Agreement
clauses:
  - id: minimums
    number: Article 2
    title: Minimums
    clauses:
      - id: minimums.increase
        number: "2.A"
        title: General Increase
        text: Each minimum shall be increased by three percent (3%).
      - id: minimums.table
        number: "2.B"
        title: Schedule of Minimums
        text: The minimums are those of the schedule.
  - id: episodic
    number: Article 3
    title: Episodic Series
    clauses:
      - id: episodic.credits
        number: "3.A"
        title: Screen Credits
        text: Every writer shall receive screen credit.
      - id: episodic.weeks
        number: "3.B"
        title: Weeks Covered
        text: One episodic fee covers two (2) weeks of work.
      - id: episodic.fees
        number: "3.C"
        title: Script Fees
        text: Each script is paid the minimum fee.
      - id: episodic.notes
        number: "3.D"
        title: Notes
        text: Notes are given in writing.
"""

GUILD = """\
kind: proposal
party: guild
number: 1
passed_at: 2023-03-20T10:00:00-07:00
amends: agreement.yaml
title: Guild Opening
items:
  - clause: episodic.weeks
    action: amend
    number: "2.C"
    parent: minimums
    title: Weeks Covered
    text: One episodic fee covers one (1) week of work.
    summary: One fee covers one week.
  - clause: episodic.credits
    action: amend
    after: episodic.notes
    text: Every writer shall receive screen credit on every episode.
    summary: Credit on every episode.
"""

PRODUCERS = """\
kind: proposal
party: producers
number: 1
passed_at: 2023-03-28T10:00:00-07:00
amends: agreement.yaml
title: Producers Counter
items:
  - clause: episodic.weeks
    action: reject
  - clause: episodic.fees
    action: amend
    text: Each script is paid the minimum fee within seven (7) days.
    summary: Pay within a week.
"""

NEGOTIATION = """\
kind: negotiation
title: Moves Negotiation
parties:
  guild:
    name: Writers Guild
    short: Guild
    role: union
  producers:
    name: Producers Alliance
    short: Producers
    role: employer
agreement: agreement.yaml
proposals:
  - guild-1.yaml
  - producers-1.yaml
tentative_agreements:
  - clause: episodic.weeks
    date: 2023-04-10
    initials: {guild: MK, producers: CL}
    text: One episodic fee covers ten (10) days of work.
    number: "2.C"
    parent: minimums
  - clause: episodic.credits
    date: 2023-04-12
    initials: {guild: MK, producers: CL}
    party: guild
    proposal: 1
"""

# Worked out from the files above, not from the tool: weeks (3.B, in Article 3) goes to
# the end of Article 2 (after 2.B) as 2.C; credits (3.A) stays in Article 3, after 3.D.
ACROSS = "moved from 3.B (Article 3) to 2.C (Article 2)"
WITHIN = "moved within Article 3, after 3.D"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    here = tmp_path / "moves"
    here.mkdir()
    for name, text in (
        ("agreement.yaml", AGREEMENT),
        ("guild-1.yaml", GUILD),
        ("producers-1.yaml", PRODUCERS),
        ("negotiation.yaml", NEGOTIATION),
    ):
        (here / name).write_text(textwrap.dedent(text), encoding="utf-8")
    code, output = run("check", str(here))
    assert code == 0, output
    return here


def _chart(folder: Path, tmp_path: Path, suffix: str) -> Path:
    out = tmp_path / f"chart{suffix}"
    code, output = run("track", str(folder), "-o", str(out))
    assert code == 0, output
    return out


def _row(rows: list[list[str]], number: str) -> list[str]:
    return next(row for row in rows if row[0] == number)


def test_chart_markdown_says_each_move_with_both_numbers(folder: Path, tmp_path: Path) -> None:
    text = _chart(folder, tmp_path, ".md").read_text(encoding="utf-8")
    weeks = next(line for line in text.splitlines() if line.startswith("| 3.B Weeks Covered"))
    cells = [c.strip() for c in weeks.strip("|").split("|")]
    # Section, Guild 1, Producers 1, Status, Package, Valuations
    assert cells[1] == f"AMEND: One fee covers one week. — {ACROSS}"
    assert cells[2].startswith("REJECT")
    assert ACROSS not in cells[2]
    assert cells[3] == f"tentatively agreed April 10, 2023 (MK / CL) — {ACROSS}"
    credits = next(line for line in text.splitlines() if line.startswith("| 3.A Screen Credits"))
    cells = [c.strip() for c in credits.strip("|").split("|")]
    assert cells[1] == f"AMEND: Credit on every episode. — {WITHIN}"
    assert cells[3] == f"tentatively agreed April 12, 2023 (MK / CL) — {WITHIN}"
    fees = next(line for line in text.splitlines() if line.startswith("| 3.C Script Fees"))
    assert "moved" not in fees


def test_chart_xlsx_and_csv_say_the_moves(folder: Path, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_chart(folder, tmp_path, ".xlsx")).active
    assert sheet is not None
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    header = rows[0]
    guild, status = header.index("Guild 1 · Mar 20"), header.index("Status")
    assert _row(rows, "3.B")[guild] == f"AMEND: One fee covers one week. — {ACROSS}"
    assert _row(rows, "3.B")[status].endswith(f" — {ACROSS}")
    assert _row(rows, "3.A")[guild] == f"AMEND: Credit on every episode. — {WITHIN}"
    assert _row(rows, "3.A")[status].endswith(f" — {WITHIN}")
    assert "moved" not in " ".join(_row(rows, "3.C"))
    text = _chart(folder, tmp_path, ".csv").read_text(encoding="utf-8-sig")
    flat = list(csv.reader(io.StringIO(text)))
    assert _row(flat, "3.B")[guild] == f"AMEND: One fee covers one week. — {ACROSS}"
    assert _row(flat, "3.A")[status].endswith(f" — {WITHIN}")


def test_chart_html_says_the_moves(folder: Path, tmp_path: Path) -> None:
    html = _chart(folder, tmp_path, ".html").read_text(encoding="utf-8")
    assert f'<span class="moved">{ACROSS}</span>' in html
    assert f'<span class="moved">{WITHIN}</span>' in html
    assert html.count(ACROSS) == 2  # the guild's pass and the TA
    assert html.count(WITHIN) == 2


def test_history_says_the_move_of_the_pass_and_of_the_ta(folder: Path) -> None:
    code, text = run("history", str(folder), "3.B")
    assert code == 0, text
    assert f"- Place: {ACROSS}" in text
    # the guild's pass moves it, the producers' rejection leaves it, the TA moves it
    assert text.count(f"Place: {ACROSS}") == 2
    code, text = run("history", str(folder), "episodic.credits")
    assert code == 0, text
    assert text.count(f"Place: {WITHIN}") == 2
    code, text = run("history", str(folder), "3.C")
    assert code == 0, text
    assert "moved" not in text and "Place:" not in text


def test_history_markdown_and_html(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "weeks.md"
    code, output = run("history", str(folder), "3.B", "-o", str(out))
    assert code == 0, output
    assert out.read_text(encoding="utf-8").count(f"- Place: {ACROSS}") == 2
    out = tmp_path / "weeks.html"
    code, output = run("history", str(folder), "3.B", "-o", str(out))
    assert code == 0, output
    assert out.read_text(encoding="utf-8").count(f"<dt>Place</dt><dd>{ACROSS}</dd>") == 2


def test_book_says_the_moves(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "book"
    code, output = run("book", str(folder), "-o", str(out))
    assert code == 0, output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'<span class="moved">{ACROSS}</span>' in index
    assert f'<span class="moved">{WITHIN}</span>' in index
    weeks = (out / "clauses" / "episodic.weeks.html").read_text(encoding="utf-8")
    assert weeks.count(f"<dt>Place</dt><dd>{ACROSS}</dd>") == 2
    credits = (out / "clauses" / "episodic.credits.html").read_text(encoding="utf-8")
    assert credits.count(f"<dt>Place</dt><dd>{WITHIN}</dd>") == 2


def _pdf_words(path: Path) -> str:
    """Return a PDF's text as pdftotext reads it, white space (line wraps) made one space."""
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def test_chart_pdf_says_the_moves(folder: Path, tmp_path: Path) -> None:
    words = _pdf_words(_chart(folder, tmp_path, ".pdf"))
    assert words.count(ACROSS) == 2
    assert words.count(WITHIN) == 2


def test_history_pdf_says_the_moves(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "weeks.pdf"
    code, output = run("history", str(folder), "3.B", "-o", str(out))
    assert code == 0, output
    assert _pdf_words(out).count(f"Place {ACROSS}") == 2


def test_diff_says_the_move_with_both_numbers(folder: Path) -> None:
    code, text = run("diff", str(folder / "agreement.yaml"), str(folder / "guild-1.yaml"))
    assert code == 1, text
    assert "2.C Weeks Covered  [moved from 3.B (Article 3) to 2.C (Article 2), AMEND]" in text
    assert "renumbered 3.B" not in text  # one tag says both numbers
    assert "2 moved, 1 renumbered" in text
    # the same words as the chart's for the same move
    assert f"3.A Screen Credits  [{WITHIN}, AMEND]" in text
    code, text = run(
        "diff", str(folder / "agreement.yaml"), str(folder / "guild-1.yaml"), "--format", "json"
    )

    clauses = {c["new"]["id"]: c for c in json.loads(text)["clauses"] if c["new"]}
    assert clauses["episodic.weeks"]["moved_from"] == {"number": "3.B", "article": "Article 3"}
    assert clauses["episodic.weeks"]["moved_to"] == {"number": "2.C", "article": "Article 2"}
    assert clauses["episodic.credits"]["moved_from"] == {"number": "3.A", "article": "Article 3"}
    assert clauses["episodic.credits"]["moved_to"] == {"number": "3.A", "article": "Article 3"}
    assert clauses["episodic.fees"]["moved_from"] is None
    assert clauses["episodic.credits"]["moved_after"] == "3.D"
    assert clauses["episodic.credits"]["moved_words"] == WITHIN
    assert clauses["episodic.weeks"]["moved_after"] == "2.B"
    assert clauses["episodic.weeks"]["moved_words"] == ACROSS
    assert clauses["episodic.fees"]["moved_after"] is None
    assert clauses["episodic.fees"]["moved_words"] is None


def test_diff_markdown_says_the_move_as_the_chart_does(folder: Path) -> None:
    code, text = run(
        "diff",
        str(folder / "agreement.yaml"),
        str(folder / "guild-1.yaml"),
        "--format",
        "markdown",
    )
    assert code == 1, text
    assert f"*{ACROSS}, AMEND*" in text
    assert f"*{WITHIN}, AMEND*" in text


def test_diff_says_a_clause_moved_first_in_its_article(folder: Path) -> None:
    # 3.D Notes put before 3.A: first among Article 3's sections, its number kept.
    text = (folder / "agreement.yaml").read_text(encoding="utf-8")
    start = text.index("      - id: episodic.notes")
    notes = text[start:]
    first = text.index("      - id: episodic.credits")
    (folder / "reordered.yaml").write_text(
        text[:first] + notes + text[first:start], encoding="utf-8"
    )
    words = "moved within Article 3, first in Article 3"
    old, new = str(folder / "agreement.yaml"), str(folder / "reordered.yaml")
    code, out = run("diff", old, new)
    assert code == 1, out
    assert f"3.D Notes  [{words}]" in out
    code, out = run("diff", old, new, "--format", "json")
    notes_change = next(c for c in json.loads(out)["clauses"] if c["new"]["id"] == "episodic.notes")
    assert notes_change["moved_after"] == ""
    assert notes_change["moved_words"] == words


def test_packet_says_where_each_item_moves_its_clause(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "guild-1.html"
    code, output = run("packet", str(folder / "guild-1.yaml"), "-o", str(out))
    assert code == 0, output
    html = out.read_text(encoding="utf-8")
    assert "The clause moves from 3.B (Article 3) to 2.C (Article 2)." in html
    assert "The clause moves within Article 3, after 3.D." in html


# -- where a clause stands, told from the agreement before and after a change -------


def _agreement(*articles: tuple[str, str, tuple[str, ...]]) -> Agreement:
    """Return an agreement of articles (id, number, section numbers): a section's id is
    its number, its title "Section " and its number."""
    return Agreement(
        "base",
        "Base",
        tuple(
            Clause(
                key,
                number,
                key.title(),
                "",
                tuple(Clause(n, n, f"Section {n}", n) for n in sections),
            )
            for key, number, sections in articles
        ),
    )


def test_a_clause_added_or_struck_beside_it_is_no_move() -> None:
    before = _agreement(("pay", "Article 1", ("1.A", "1.B", "1.C")))
    after = _agreement(("pay", "Article 1", ("1.A", "1.X", "1.B")))  # 1.X added, 1.C struck
    assert move(before, after, "1.B") is None


def test_first_among_its_siblings_and_an_article_numbered_bare() -> None:
    before = _agreement(("pay", "1", ("1.A", "1.B", "1.C")))
    after = _agreement(("pay", "1", ("1.C", "1.A", "1.B")))
    found = move(before, after, "1.C")
    assert found is not None
    assert found.words == "moved within Article 1, first in Article 1"
    assert found.said("moves") == "moves within Article 1, first in Article 1"


def test_an_article_moved_is_said_by_its_numbers_alone() -> None:
    before = _agreement(("pay", "Article 1", ()), ("hours", "Article 2", ()))
    after = _agreement(("hours", "Article 1", ()), ("pay", "Article 2", ()))
    found = move(before, after, "hours")
    assert found is not None and found.words == "moved from Article 2 to Article 1"
    assert move(before, after, "absent") is None


def test_word_packet_says_the_move(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "guild-1.docx"
    code, output = run("packet", str(folder / "guild-1.yaml"), "-o", str(out))
    assert code == 0, output
    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    paragraphs = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in xml.split("</w:p>")]
    assert any("The clause moves from 3.B (Article 3) to 2.C (Article 2)." in p for p in paragraphs)
    assert any("The clause moves within Article 3, after 3.D." in p for p in paragraphs)


def test_an_accept_of_a_move_says_the_move(folder: Path, tmp_path: Path) -> None:
    producers = folder / "producers-1.yaml"
    text = producers.read_text(encoding="utf-8")
    producers.write_text(
        text.replace(
            "  - clause: episodic.weeks\n    action: reject\n",
            "  - clause: episodic.weeks\n    action: accept\n",
        ),
        encoding="utf-8",
    )
    chart = _chart(folder, tmp_path, ".md").read_text(encoding="utf-8")
    weeks = next(line for line in chart.splitlines() if line.startswith("| 3.B Weeks Covered"))
    cells = [c.strip() for c in weeks.strip("|").split("|")]
    assert cells[2] == f"ACCEPT: accepts Guild 1 — {ACROSS}"


# -- a clause one pass adds and a later pass places elsewhere --------------------------

EXTRA = """\
      - id: episodic.rewrites
        number: "3.E"
        title: Rewrites
        text: A rewrite is paid half the script fee.
"""

ADDS = """\
kind: proposal
party: guild
number: 1
passed_at: 2023-03-20T10:00:00-07:00
amends: agreement.yaml
title: Guild Opening
items:
  - clause: episodic.staff
    action: add
    number: "3.F"
    title: Staff Writers
    after: episodic.rewrites
    text: Every series shall employ at least two staff writers.
    summary: Two staff writers on every series.
"""

COUNTER = """\
kind: proposal
party: producers
number: 1
passed_at: 2023-03-28T10:00:00-07:00
amends: agreement.yaml
title: Producers Counter
items:
  - clause: episodic.staff
    action: amend
    {place}
    title: Staff Writers
    text: Every series of six or more episodes shall employ at least two staff writers.
    summary: Two staff writers on longer series.
"""

TWO_PASSES = """\
kind: negotiation
title: Added Then Moved
parties:
  guild:
    name: Writers Guild
    short: Guild
    role: union
  producers:
    name: Producers Alliance
    short: Producers
    role: employer
agreement: agreement.yaml
proposals:
  - guild-1.yaml
  - producers-1.yaml
"""

# Worked out from the files above: the Guild adds staff writers as 3.F, after 3.E, in
# Article 3; the Producers' counter puts it last in Article 2 (after 2.B) as 2.C, or
# (second case) back in Article 3 after 3.A, its number kept.
ADDED_ACROSS = "moved from 3.F (Article 3) to 2.C (Article 2)"
ADDED_WITHIN = "moved within Article 3, after 3.A"


def _added_then_moved(tmp_path: Path, place: str) -> Path:
    here = tmp_path / "added"
    here.mkdir()
    for name, text in (
        ("agreement.yaml", AGREEMENT + EXTRA),
        ("guild-1.yaml", ADDS),
        ("producers-1.yaml", COUNTER.replace("{place}", place)),
        ("negotiation.yaml", TWO_PASSES),
    ):
        (here / name).write_text(text, encoding="utf-8")
    code, output = run("check", str(here))
    assert code == 0, output
    return here


def _cells(chart: str, heading: str) -> list[str]:
    line = next(line for line in chart.splitlines() if line.startswith(f"| {heading}"))
    return [c.strip() for c in line.strip("|").split("|")]


def test_a_clause_added_then_moved_by_the_counter_says_the_move(tmp_path: Path) -> None:
    here = _added_then_moved(tmp_path, 'number: "2.C"\n    parent: minimums')
    chart = _chart(here, tmp_path, ".md").read_text(encoding="utf-8")
    cells = _cells(chart, "3.F Staff Writers")
    # Section, Guild 1, Producers 1, Status, ...
    assert cells[1] == "NEW: Two staff writers on every series."
    assert cells[2] == f"AMEND: Two staff writers on longer series. — {ADDED_ACROSS}"
    sheet = openpyxl.load_workbook(_chart(here, tmp_path, ".xlsx")).active
    assert sheet is not None
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    producers = rows[0].index("Producers 1 · Mar 28")
    assert _row(rows, "3.F")[producers].endswith(f" — {ADDED_ACROSS}")
    assert "moved" not in _row(rows, "3.F")[rows[0].index("Guild 1 · Mar 20")]
    flat = list(csv.reader(io.StringIO(_chart(here, tmp_path, ".csv").read_text("utf-8-sig"))))
    assert _row(flat, "3.F")[producers].endswith(f" — {ADDED_ACROSS}")
    html = _chart(here, tmp_path, ".html").read_text(encoding="utf-8")
    assert html.count(f'<span class="moved">{ADDED_ACROSS}</span>') == 1
    code, text = run("history", str(here), "episodic.staff")
    assert code == 0, text
    assert text.count(f"- Place: {ADDED_ACROSS}") == 1


def test_a_clause_added_then_placed_after_another_says_the_move(tmp_path: Path) -> None:
    here = _added_then_moved(tmp_path, "after: episodic.credits")
    chart = _chart(here, tmp_path, ".md").read_text(encoding="utf-8")
    cells = _cells(chart, "3.F Staff Writers")
    assert "moved" not in cells[1]
    assert cells[2] == f"AMEND: Two staff writers on longer series. — {ADDED_WITHIN}"
    code, text = run("history", str(here), "episodic.staff")
    assert code == 0, text
    assert text.count(f"- Place: {ADDED_WITHIN}") == 1


def test_a_clause_added_and_restated_in_its_place_is_no_move(tmp_path: Path) -> None:
    here = _added_then_moved(tmp_path, "after: episodic.rewrites")
    chart = _chart(here, tmp_path, ".md").read_text(encoding="utf-8")
    assert "moved" not in " ".join(_cells(chart, "3.F Staff Writers"))
