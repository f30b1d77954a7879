"""Wide tables on paper: every column printed (smaller, landscape, or split with the first
column repeated), or the table refused with its clause named; never cut off at the edge."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from contracttools.templating import template_folders
from contracttools.writers import pdf
from tests.conftest import Writer, invoke

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")

CENT = Decimal("0.01")


def schedule(ranges: int, steps: int, raised: Decimal = Decimal(0)) -> list[list[str]]:
    """Return a wage schedule's rows: a header, then ranges of steps with cents."""
    rows = [["Range", *(f"Step {s}" for s in range(1, steps + 1))]]
    for r in range(1, ranges + 1):
        figures = (
            Decimal("41234.56") + Decimal("1189.37") * r + Decimal("987.61") * s + raised
            for s in range(1, steps + 1)
        )
        rows.append([str(r), *(f"${f.quantize(CENT):,}" for f in figures)])
    return rows


def agreement(rows: list[list[str]]) -> str:
    """Return an agreement whose clause 1.1 holds `rows` as a pipe table."""
    table = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * len(rows[0])]
    table += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    lines = [
        "kind: agreement",
        "id: wide",
        "title: Wide Schedules",
        "clauses:",
        "  - id: pay",
        '    number: "1"',
        "    title: Pay",
        "    clauses:",
        "      - id: pay.schedule",
        '        number: "1.1"',
        "        title: Salary Schedule",
        "        text: |",
        "          The rates are:",
        "",
        *(f"          {line}" for line in table),
    ]
    return "\n".join(lines) + "\n"


def words_off_the_page(path: Path) -> list[str]:
    """Return the words whose box reaches past their page's edge (pdftotext -bbox)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    off = []
    for page in re.finditer(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', out, re.S):
        width = float(page.group(1))
        for word in re.finditer(
            r'<word xMin="([\d.-]+)" yMin="[\d.-]+" xMax="([\d.-]+)" yMax="[\d.-]+">(.*?)</word>',
            page.group(2),
        ):
            if float(word.group(1)) < 0 or float(word.group(2)) > width:
                off.append(html.unescape(word.group(3)))
    return off


def text(path: Path) -> str:
    """Return the PDF's text as pdftotext's layout mode reads it."""
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def page_sizes(path: Path) -> list[tuple[int, int]]:
    """Return each page's width and height in points (pdfinfo)."""
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True
    ).stdout
    found = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)
    return [(round(float(w)), round(float(h))) for w, h in found]


def missing(rows: list[list[str]], printed: str) -> list[str]:
    """Return the cells of `rows` that are not in the printed text (cues set apart)."""
    words = set(re.sub(r"\[[-+]|[-+]\]|\u200b", " ", printed).split())
    return [cell for row in rows for cell in row if not set(cell.split()) <= words]


def test_thirteen_columns_with_cents_print_every_figure(write: Writer, tmp_path: Path) -> None:
    rows = schedule(20, 12)
    path = write("schedule.yaml", agreement(rows))
    out = tmp_path / "schedule.pdf"
    code, output = invoke("render", str(path), "-o", str(out))
    assert code == 0, output
    assert missing(rows, text(out)) == []
    assert words_off_the_page(out) == []
    # 13 columns of "$45,423.17" are wider than a portrait letter page: a landscape one.
    assert (792, 612) in page_sizes(out)


def test_a_redlined_schedule_prints_every_old_and_new_figure(write: Writer, tmp_path: Path) -> None:
    old_rows, new_rows = schedule(20, 12), schedule(20, 12, Decimal("1250.25"))
    old = write("old.yaml", agreement(old_rows))
    new = write("new.yaml", agreement(new_rows))
    for options in ((), ("--marks", "brackets")):
        out = tmp_path / "redline.pdf"
        code, output = invoke("diff", str(old), str(new), "-o", str(out), *options)
        assert code == 1, output
        printed = text(out)
        assert missing(old_rows, printed) == []
        assert missing(new_rows, printed) == []
        assert words_off_the_page(out) == []


def test_a_four_page_wide_table_splits_with_its_first_column_repeated(
    write: Writer, tmp_path: Path
) -> None:
    rows = schedule(6, 40)
    path = write("schedule.yaml", agreement(rows))
    out = tmp_path / "schedule.pdf"
    code, output = invoke("render", str(path), "-o", str(out))
    assert code == 0, output
    printed = text(out)
    assert missing(rows, printed) == []
    assert words_off_the_page(out) == []
    parts = re.findall(r"Part (\d+) of (\d+): Step (\d+) to Step (\d+)", printed)
    assert parts and all(total == parts[0][1] for _, total, _, _ in parts)
    assert [int(n) for n, _, _, _ in parts] == list(range(1, int(parts[0][1]) + 1))
    # Every step once, in order, across the parts; every range in every part.
    steps = [s for _, _, first, last in parts for s in range(int(first), int(last) + 1)]
    assert steps == list(range(1, 41))
    assert len(re.findall(r"Part \d+ of \d+: .*\n\s*Range Step", printed)) == len(parts)
    # HTML is for a screen: one table, as written.
    page = tmp_path / "schedule.html"
    assert invoke("render", str(path), "-o", str(page))[0] == 0
    assert page.read_text(encoding="utf-8").count('<table class="schedule') == 1


def test_a_table_that_cannot_fit_is_refused_by_name(write: Writer, tmp_path: Path) -> None:
    rows = [["Range", "Terms"], ["1", "x" * 400]]
    path = write("schedule.yaml", agreement(rows))
    out = tmp_path / "schedule.pdf"
    code, output = invoke("render", str(path), "-o", str(out))
    assert code == 2
    assert "'1.1 Salary Schedule' holds a table of 2 columns" in output
    assert "landscape page at 7 pt" in output
    assert "Traceback" not in output
    assert not out.exists()


def test_a_table_laid_out_past_the_edge_is_refused_by_name() -> None:
    """A table the fitting never saw (a user's template) is caught after layout."""
    cells = "".join(f"<td>$45,423.{n:02d}</td>" for n in range(30))
    page = (
        '<html><body><h2 data-bookmark="7.2 Differentials">7.2 Differentials</h2>'
        f"<table><tr>{cells}</tr></table></body></html>"
    )
    folders = template_folders(None)
    with pytest.raises(pdf.TooWide, match=re.escape("'7.2 Differentials' holds a table wider")):
        pdf.write(page, folders, folders[-1])


def negotiation(write: Writer, old_rows: list[list[str]], new_rows: list[list[str]]) -> Path:
    """Write an agreement of `old_rows`, a pass amending it to `new_rows`, and their
    negotiation; return the negotiation's manifest (the pass is p1.yaml beside it)."""
    write("agreement.yaml", agreement(old_rows))
    body = agreement(new_rows).split("        text: |\n", 1)[1]
    item = {"clause": "pay.schedule", "action": "amend", "text": textwrap.dedent(body)}
    write(
        "p1.yaml",
        yaml.safe_dump(
            {
                "kind": "proposal",
                "party": "guild",
                "number": 1,
                "passed_at": "2023-04-01T10:00:00-07:00",
                "amends": "agreement.yaml",
                "items": [item],
            },
            sort_keys=False,
        ),
    )
    return write(
        "negotiation.yaml",
        "kind: negotiation\ntitle: Wide\nparties:\n"
        "  guild: {name: Guild, short: Guild, role: union}\n"
        "  producers: {name: Producers, short: Producers, role: employer}\n"
        "agreement: agreement.yaml\nproposals: [p1.yaml]\n",
    )


def test_a_packet_and_a_history_print_every_figure(write: Writer, tmp_path: Path) -> None:
    """The packet's item and the history's versions (a grid on screen) print every cell."""
    old_rows, new_rows = schedule(20, 12), schedule(20, 12, Decimal("1250.25"))
    manifest = negotiation(write, old_rows, new_rows)
    proposal = manifest.parent / "p1.yaml"
    packet, history = tmp_path / "packet.pdf", tmp_path / "history.pdf"
    assert invoke("packet", str(proposal), "-o", str(packet))[0] == 0
    assert invoke("history", str(manifest), "pay.schedule", "-o", str(history))[0] == 0
    for out in (packet, history):
        printed = text(out)
        assert missing(old_rows, printed) == [], out.name
        assert missing(new_rows, printed) == [], out.name
        assert words_off_the_page(out) == [], out.name
        assert (792, 612) in page_sizes(out)


def test_a_table_the_layout_drops_is_refused(write: Writer, tmp_path: Path) -> None:
    """A clause table a template sets where its page cannot open (a landscape page inside
    a grid, which WeasyPrint drops) is not silently lost: no PDF is written."""
    manifest = negotiation(write, schedule(20, 12), schedule(20, 12, Decimal("1250.25")))
    mine = tmp_path / "mine"
    mine.mkdir()
    shipped = (template_folders(None)[-1] / "book.css").read_text(encoding="utf-8")
    assert ".versions { display: block; }" in shipped
    (mine / "book.css").write_text(
        shipped.replace(".versions { display: block; }", ".versions { display: grid; }"),
        encoding="utf-8",
    )
    out = tmp_path / "history.pdf"
    code, output = invoke(
        "history", str(manifest), "pay.schedule", "-o", str(out), "--templates", str(mine)
    )
    assert code == 2, output
    assert "clause tables were not laid out" in output
    assert not out.exists()


def test_a_long_chart_prints_in_parts_with_every_pass(tmp_path: Path) -> None:
    """Fourteen passes are wider than a landscape page: the printed chart gives each
    article's passes in parts of four, the section column repeated, and every item of
    every pass is on the page."""
    from benchmarks.passes import negotiation as passes

    manifest = passes(tmp_path / "talks", 14)
    out = tmp_path / "chart.pdf"
    code, output = invoke("track", str(manifest), "-o", str(out))
    assert code == 0, output
    assert words_off_the_page(out) == []
    raw = subprocess.run(  # drawing order: a cell's lines one after another
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    printed = re.sub(r"\s+", "", raw)
    summaries = [
        item["summary"]
        for proposal in sorted((tmp_path / "talks").glob("[0-9]*.yaml"))
        for item in yaml.safe_load(proposal.read_text(encoding="utf-8"))["items"]
    ]
    assert len(summaries) == 14 * 12
    assert [s for s in summaries if re.sub(r"\s+", "", s) not in printed] == []
    for part in range(1, 5):  # 4 + 4 + 4 + 2 passes
        assert f"Part{part}of4:" in printed
    assert "Part5of" not in printed
    # on a screen the chart is one table an article, scrolling sideways
    page = tmp_path / "chart.html"
    assert invoke("track", str(manifest), "-o", str(page))[0] == 0
    assert "Part 1 of" not in page.read_text(encoding="utf-8")
