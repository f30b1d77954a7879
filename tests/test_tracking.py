"""Tracking chart and clause history: the samples' chart, statuses at every pass, XLSX as
spreadsheets read it, and nothing internal unless a team copy is asked for."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import stat
import subprocess
import time
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from contracttools.documents.tracking import build_chart
from contracttools.loading import load_negotiation
from contracttools.negotiation import moment, standings
from tests.conftest import SAMPLES
from tests.conftest import invoke as run
from tests.test_summary import every_byte as pdf_or_docx_bytes
from tests.test_summary import planted  # noqa: F401  (a fixture)

GOLDEN = Path(__file__).parent / "golden"
NEGOTIATION = load_negotiation(SAMPLES / "negotiation.yaml")


def uncosted(folder: Path, into: Path) -> Path:
    """Copy a negotiation folder without its costing file (the chart anyone may see)."""
    copy = into / "uncosted"
    shutil.copytree(folder, copy)
    path = copy / "negotiation.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.startswith("costing:")), encoding="utf-8")
    return copy


def every_byte(path: Path) -> bytes:
    """Return all of a file's content as a reader could get at it (every part of a zip)."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as package:
            return b"".join(package.read(name) for name in package.namelist())
    return pdf_or_docx_bytes(path)


def test_golden_markdown_chart(tmp_path: Path) -> None:
    out = tmp_path / "chart.md"
    code, output = run("track", str(uncosted(SAMPLES, tmp_path)), "-o", str(out))
    assert code == 0, output
    golden = GOLDEN / "chart.md"
    if os.environ.get("CONTRACTTOOLS_REGEN"):
        shutil.copy(out, golden)
    assert out.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")


# -- statuses as things stood at every pass and every TA ------------------------

EXPECTED = {
    "guild-1": {n: "open" for n in ("2.A", "2.C", "2.D", "3.B", "3.F", "4.B", "6.B", "8.B")}
    | {"11.D": "open"},
    "producers-1": {"3.F": "rejected", "4.B": "rejected", "6.B": "open", "5.D": "open"},
    "2023-04-14": {"6.B": "tentatively agreed", "3.F": "rejected"},
    "guild-2": {"3.F": "open", "4.B": "open", "8.B": "withdrawn", "5.D": "open", "7.A": "open"},
    "2023-04-28": {"5.D": "tentatively agreed", "2.A": "open"},
    "2023-04-30": {"2.A": "tentatively agreed", "6.B": "tentatively agreed", "8.B": "withdrawn"},
}


def _until(label: str) -> Any:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", label):
        return date.fromisoformat(label)
    party, number = label.rsplit("-", 1)
    return next(
        p.passed_at for p in NEGOTIATION.proposals if (p.party, p.number) == (party, int(number))
    )


@pytest.mark.parametrize("label", list(EXPECTED))
def test_statuses_as_of_every_pass(label: str) -> None:
    at = moment(NEGOTIATION, _until(label))
    chart = build_chart(NEGOTIATION, at)
    statuses = {row.number: row.status for row in chart.rows}
    for number, status in EXPECTED[label].items():
        assert statuses[number] == status, (label, number)
    # The chart reads its statuses from the negotiation layer: the same, clause for clause.
    assert {s.number: s.status for s in standings(NEGOTIATION, at)} == statuses
    assert len(chart.passes) == len(at.proposals)
    assert all(len(row.cells) == len(chart.passes) for row in chart.rows)
    if label == "guild-1":
        assert len(chart.rows) == 9 and chart.counts["open"] == 9


def test_as_of_on_the_command_line_drops_later_passes() -> None:
    code, output = run("track", str(SAMPLES), "--as-of", "producers-1", "-f", "csv")
    assert code == 0
    header = next(csv.reader(io.StringIO(output.lstrip("\ufeff"))))
    assert header[4:6] == ["Guild 1 · Mar 20", "Producers 1 · Apr 12"]
    assert "Guild 2 · Apr 27" not in output
    code, output = run("track", str(SAMPLES), "--as-of", "guild-9")
    assert code == 2 and "nor a listed proposal" in output


def test_rows_are_grouped_by_article_new_clauses_where_proposed() -> None:
    chart = build_chart(NEGOTIATION, moment(NEGOTIATION))
    headings = [a.heading for a in chart.articles]
    assert headings[:3] == [
        "Article 2 Minimum Compensation",
        "Article 3 Episodic Television",
        "Article 4 Residuals",
    ]
    episodic = next(a for a in chart.articles if a.number == "Article 3")
    assert [r.number for r in episodic.rows] == ["3.B", "3.F"]  # 3.F: a new clause, after 3.E
    ai = next(a for a in chart.articles if a.number == "Article 11")
    assert [r.number for r in ai.rows] == ["11.D"]


def test_cells_status_package_and_attributed_valuations() -> None:
    chart = build_chart(NEGOTIATION, moment(NEGOTIATION))
    rows = {r.number: r for r in chart.rows}
    assert [p.label for p in chart.passes] == [
        "Guild 1 · Mar 20",
        "Producers 1 · Apr 12",
        "Guild 2 · Apr 27",
    ]
    minimums = rows["2.A"]
    assert minimums.status_text == "tentatively agreed April 30, 2023 (MK / CL)"
    assert [c.label for c in minimums.cells if c] == ["AMEND", "AMEND", "AMEND"]
    assert minimums.valuations == (
        "Guild 2 · Apr 27: Guild $148 million a year; Producers $190 million a year",
        "Producers 1 · Apr 12: Producers $74 million a year; Guild $58 million a year",
    )
    assert rows["4.B"].package == "streaming-parity"
    assert rows["5.D"].cells[0] is None and rows["5.D"].cells[2] is not None
    assert rows["5.D"].cells[2].label == "ACCEPT"
    withdrawn = rows["8.B"].cells[2]
    assert withdrawn is not None and withdrawn.text.startswith("WITHDRAWN: The Guild withdraws")


def test_a_clause_left_out_under_the_withdrawn_rule(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    shutil.copytree(SAMPLES, folder)
    manifest = folder / "negotiation.yaml"
    text = manifest.read_text(encoding="utf-8").replace(
        "agreement: agreement-2020.yaml", "agreement: agreement-2020.yaml\nunlisted: withdrawn"
    )
    manifest.write_text(text, encoding="utf-8")
    negotiation = load_negotiation(manifest)
    rows = {r.number: r for r in build_chart(negotiation, moment(negotiation)).rows}
    cell = rows["2.C"].cells[2]  # the Guild's second pass leaves 2.C out
    assert cell is not None and cell.text == "WITHDRAWN: not restated (ground rules)"


# -- XLSX as a spreadsheet reads it ----------------------------------------------


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("xlsx")
    out = where / "chart.xlsx"
    code, output = run("track", str(uncosted(SAMPLES, where)), "-o", str(out))
    assert code == 0, output
    return out


def test_xlsx_read_back_by_openpyxl(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    sheet = book.active
    assert sheet.freeze_panes == "B2"  # the header row and the section column
    assert sheet.auto_filter.ref == "A1:J12"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert "CONFIDENTIAL" not in sheet.oddHeader.left.text
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Section", "Title", "Article", "Topic"]
    assert header[4:7] == ["Guild 1 · Mar 20", "Producers 1 · Apr 12", "Guild 2 · Apr 27"]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    status = header.index("Status")
    agreed = rows["2.A"][status]
    assert agreed.value == "tentatively agreed April 30, 2023 (MK / CL)"
    assert agreed.fill.fgColor.rgb == "FFD9EAD3"
    assert (
        rows["3.F"][status].value == "open" and rows["3.F"][status].fill.fgColor.rgb == "FFFFF2CC"
    )
    assert rows["8.B"][status].value == "withdrawn"
    assert rows["2.A"][4].alignment.wrap_text
    assert rows["2.A"][4].value == "AMEND: Every minimum rises 6% this year, then 5% and 5%."
    widths = {k: d.width for k, d in sheet.column_dimensions.items()}
    assert 5 < widths["A"] < 14 and 30 < widths["E"] <= 45
    properties = book.properties
    assert properties.title == "2023 Screen and Series Basic Agreement Negotiations: tracking chart"
    assert properties.creator == "Screen Writers Guild"
    assert properties.created.date() == date(2023, 4, 30)


def test_xlsx_same_inputs_same_bytes(workbook: Path, tmp_path: Path) -> None:
    time.sleep(1.1)  # a clock in the file would show
    again = tmp_path / "again.xlsx"
    assert run("track", str(workbook.parent / "uncosted"), "-o", str(again))[0] == 0
    assert again.read_bytes() == workbook.read_bytes()


def test_xlsx_team_copy_is_stamped(planted: tuple[Path, list[str]], tmp_path: Path) -> None:  # noqa: F811
    folder, _ = planted
    out = tmp_path / "team.xlsx"
    assert run("track", str(folder), "-o", str(out), "--team-copy")[0] == 0
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    assert "CONFIDENTIAL" in sheet.oddHeader.right.text
    assert "CONFIDENTIAL" in sheet.oddFooter.right.text
    assert "CONFIDENTIAL" in (book.properties.title or "")
    assert book.sheetnames == ["CONFIDENTIAL chart", "CONFIDENTIAL notes"]


@pytest.mark.client
def test_xlsx_read_back_by_libreoffice(workbook: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    seen = list(csv.reader(io.StringIO((tmp_path / "chart.csv").read_text(encoding="utf-8"))))
    code, ours = run("track", str(workbook.parent / "uncosted"), "-f", "csv")
    assert code == 0
    expected = list(csv.reader(io.StringIO(ours.lstrip("\ufeff"))))
    assert seen == expected


# -- clause history ----------------------------------------------------------------


def test_history_on_the_terminal_by_number_and_by_id() -> None:
    code, by_number = run("history", str(SAMPLES), "2.A")
    assert code == 0
    code, by_id = run("history", str(SAMPLES), "minimums.general-increase")
    assert code == 0 and by_id == by_number
    assert by_number.startswith("2.A General Increases\n")
    order = [
        "Current language",
        "1. Guild 1 · Mar 20: AMEND",
        "2. Producers 1 · Apr 12: AMEND",
        "3. Guild 2 · Apr 27: AMEND",
        "Tentative agreement, April 30, 2023",
    ]
    places = [by_number.index(heading) for heading in order]
    assert places == sorted(places)
    assert "Redlined against Producers 1 · Apr 12:" in by_number
    assert "[-four-]{+five and one-half+} percent" in by_number  # Producers 1 to Guild 2
    assert "\x1b[" not in by_number
    code, coloured = run("history", str(SAMPLES), "2.A", "--color", "always")
    assert "\x1b[32;4m" in coloured


def test_history_unknown_clause_lists_close_matches() -> None:
    code, output = run("history", str(SAMPLES), "2.Z")
    assert code == 2
    assert (
        "no clause '2.Z'" in output
        and "2.A General Increases (minimums.general-increase)" in output
    )
    code, output = run("history", str(SAMPLES), "minimums.general")
    assert code == 2 and "closest: 2.A General Increases" in output


def test_history_markdown_shows_each_position_redlined_and_the_ta(tmp_path: Path) -> None:
    out = tmp_path / "h.md"
    assert run("history", str(SAMPLES), "credits.paid-ads", "-o", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "### 2. Guild 2 · Apr 27: ACCEPT" in text
    assert "(no change from Producers 1 · Apr 12)" in text
    assert "- Language: the language of Producers 1 · Apr 12" in text
    assert "{++ and in advertising on social media of less than thirty (30) seconds++}" in text


def test_history_pdf_reads_back(tmp_path: Path) -> None:
    import pypdf

    out = tmp_path / "h.pdf"
    assert run("history", str(SAMPLES), "3.F", "-o", str(out))[0] == 0
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "3.F Development Rooms" in text and "Producers 1 · Apr 12: REJECT" in text


# -- nothing internal, in any format ------------------------------------------------

OUTPUTS = [
    ("track", ".xlsx"),
    ("track", ".csv"),
    ("track", ".md"),
    ("track", ".html"),
    ("track", ".pdf"),
    ("history", ".md"),
    ("history", ".html"),
    ("history", ".pdf"),
]


def _render(command: str, folder: Path, out: Path, *extra: str) -> None:
    args = [command, str(folder)] + (["2.A"] if command == "history" else [])
    code, output = run(*args, "-o", str(out), *extra)
    assert code == 0, output


@pytest.mark.parametrize(("command", "suffix"), OUTPUTS)
def test_no_internal_field_leaks(
    planted: tuple[Path, list[str]],  # noqa: F811
    command: str,
    suffix: str,
    tmp_path: Path,
) -> None:
    folder, _ = planted
    if command == "track":  # with a costing file the chart is a team copy (tested below)
        folder = uncosted(folder, tmp_path)
    out = tmp_path / f"out{suffix}"
    _render(command, folder, out)
    content = every_byte(out)
    assert b"LEAKMARK" not in content
    assert b"CONFIDENTIAL" not in content


@pytest.mark.parametrize(("command", "suffix"), OUTPUTS)
def test_the_scan_finds_the_notes_in_a_team_copy(
    planted: tuple[Path, list[str]],  # noqa: F811
    command: str,
    suffix: str,
    tmp_path: Path,
) -> None:
    folder, _ = planted
    out = tmp_path / f"team{suffix}"
    _render(command, folder, out, "--team-copy")
    content = every_byte(out)
    assert b"LEAKMARK" in content
    assert b"CONFIDENTIAL" in content


def test_history_on_the_terminal_leaks_nothing(planted: tuple[Path, list[str]]) -> None:  # noqa: F811
    folder, _ = planted
    code, output = run("history", str(folder), "2.A")
    assert code == 0 and "LEAKMARK" not in output
    code, output = run("history", str(folder), "2.A", "--team-copy")
    assert code == 0 and "LEAKMARK" in output and "CONFIDENTIAL" in output


def test_history_of_a_number_two_clauses_share_asks_for_the_id(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    shutil.copytree(SAMPLES, folder)
    for name in ("01-guild-1.yaml", "03-guild-2.yaml"):
        path = folder / name
        path.write_text(
            path.read_text(encoding="utf-8").replace('number: "3.F"', 'number: "3.E"'),
            encoding="utf-8",
        )
    code, output = run("history", str(folder), "3.E")
    assert code == 2 and "'3.E' numbers more than one clause" in output and "give its id" in output
    assert run("history", str(folder), "episodic.development-rooms")[0] == 0


def test_text_from_the_files_stays_text(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    shutil.copytree(SAMPLES, folder)
    path = folder / "01-guild-1.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "title: Development Rooms",
        'title: "=HYPERLINK(\\"http://example.invalid\\")"',
    )
    text = text.replace(
        'summary: Rooms that develop a show before it is ordered ("mini-rooms")',
        "summary: <script>alert(1)</script> [x](javascript:alert(1))",
    )
    path.write_text(text, encoding="utf-8")
    code, output = run("track", str(folder), "-f", "csv")
    assert code == 0 and "'=HYPERLINK" in output and ",=HYPERLINK" not in output
    code, output = run("track", str(folder))
    assert code == 0 and "\\<script\\>" in output and "<script>" not in output
    assert "\\[x\\](javascript:alert(1))" in output
    out = tmp_path / "h.md"
    assert run("history", str(folder), "3.F", "-o", str(out))[0] == 0
    assert "<script>" not in out.read_text(encoding="utf-8")
    out = tmp_path / "h.html"
    assert run("history", str(folder), "3.F", "-o", str(out))[0] == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_history_finds_a_clause_by_a_number_a_pass_gave_it() -> None:
    code, output = run("history", str(SAMPLES), "2.F")  # Producers 1 renumbers 3.B
    assert code == 0
    assert "3.B" in output and "Producers 1 · Apr 12" in output
    code, output = run("history", str(SAMPLES), "2F")
    assert code == 2
    assert "2.F, a pass's number for 3.B" in output


@pytest.mark.parametrize("suffix", [".md", ".csv", ".html", ".xlsx", ".pdf"])
def test_costed_chart_is_a_team_copy_with_computed_costs(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"chart{suffix}"
    _render("track", SAMPLES, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    content = every_byte(out)
    assert b"CONFIDENTIAL" in content
    if suffix != ".pdf":  # PDF text is compressed; every_byte decompresses streams only
        assert b"computed, Guild 1" in content
