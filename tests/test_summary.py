"""Member summaries: right figures, the state at each pass, and nothing internal, ever."""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml

from contracttools.documents.summary import build_summary
from contracttools.documents.wording import compounded, money, reading_grade
from contracttools.loading import load_negotiation
from contracttools.negotiation import moment
from tests.conftest import SAMPLES
from tests.conftest import invoke as run

GOLDEN = Path(__file__).parent / "golden"


def test_golden_markdown_summary(tmp_path: Path) -> None:
    out = tmp_path / "summary.md"
    code, output = run("summary", str(SAMPLES), "-o", str(out))
    assert code == 0, output
    golden = GOLDEN / "summary.md"
    if os.environ.get("CONTRACTTOOLS_REGEN"):
        shutil.copy(out, golden)
    assert out.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("values", "total"),
    [
        (("6%", "5%", "5%"), "16.87%"),  # 1.06 x 1.05 x 1.05 = 1.16865: not the 16% a sum gives
        (("4%", "3%", "2%"), "9.26%"),
        (("3%", "2.5%", "3%"), "8.74%"),
        (("5.5%", "4.5%", "4%"), "14.66%"),
        (("5%", "5%"), "10.25%"),
        (("0%",), "0.00%"),
        (("$70,000", "5%"), None),
        ((), None),
    ],
)
def test_compounding(values: tuple[str, ...], total: str | None) -> None:
    assert compounded(values) == total


def test_money_in_words() -> None:
    assert money(Decimal("429000000")) == "$429 million"
    assert money(Decimal("85500000")) == "$85.5 million"
    assert money(Decimal("1200000000")) == "$1.2 billion"
    assert money(Decimal("86000")) == "$86,000"


def test_reading_grade_tells_plain_from_legalese() -> None:
    plain = "Pay goes up 6% this year. Then it goes up 5% each year."
    legal = (
        "Notwithstanding any provision hereinafter enumerated, the indemnification obligations "
        "contemplated hereunder shall survive the expiration or termination of this Agreement."
    )
    assert reading_grade(plain) < 6 < 14 < reading_grade(legal)


NEGOTIATION = load_negotiation(SAMPLES / "negotiation.yaml")


def state(until: Any) -> Any:
    return build_summary(NEGOTIATION, moment(NEGOTIATION, until))


def test_as_of_the_opening() -> None:
    opening = NEGOTIATION.proposals[0].passed_at
    summary = state(opening)
    assert summary.day == "March 20, 2023"
    assert summary.counts == {
        "open": 9,
        "tentatively agreed": 0,
        "withdrawn": 0,
        "status quo": 0,
        "rejected": 0,
    }
    assert summary.valuations[0] == (
        "The Guild's proposals still on the table: the Guild values them at $429 million a year; "
        "the Producers put them at $600 million a year."
    )
    assert "The Producers have not passed proposals yet." in summary.overview


def test_before_any_pass_nothing_is_on_the_table(tmp_path: Path) -> None:
    summary = state(date(2023, 3, 1))
    assert summary.overview[-3:] == (
        "No section is on the table yet.",
        "The Guild has not passed proposals yet.",
        "The Producers have not passed proposals yet.",
    )
    code, markdown = run("summary", str(SAMPLES), "--as-of", "2023-03-01")
    assert code == 0 and "Where things stand" not in markdown
    assert "No section is on the table yet." in markdown
    code, page = run("summary", str(SAMPLES), "--as-of", "2023-03-01", "--format", "html")
    assert code == 0 and "Where things stand" not in page and "<h2>Overview</h2>" in page
    word = tmp_path / "summary.docx"
    assert run("summary", str(SAMPLES), "--as-of", "2023-03-01", "-o", str(word))[0] == 0
    with zipfile.ZipFile(word) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert "Where things stand" not in body and "No section is on the table yet." in body


def test_as_of_the_counter() -> None:
    summary = state(NEGOTIATION.proposals[1].passed_at)
    rows = {r.number: r for t in summary.topics for r in t.rows}
    assert rows["4.B"].status == "rejected" and rows["3.F"].status == "rejected"
    assert rows["2.A"].positions == (
        "Every minimum rises 6% this year, then 5% and 5%.",
        "Every minimum rises 4% this year, then 3% and 2%.",
    )
    assert any("the Guild puts them at $86 million a year" in v for v in summary.valuations)
    figures = {r.who: r.total for r in summary.figures[0].rows}
    assert figures == {
        "Current contract": "8.74%",
        "Guild (March 20, 2023)": "16.87%",
        "Producers (April 12, 2023)": "9.26%",
    }


def test_as_of_the_second_pass() -> None:
    summary = state(NEGOTIATION.proposals[2].passed_at)
    rows = {r.number: r for t in summary.topics for r in t.rows}
    assert rows["6.B"].status == "tentatively agreed"  # initialled April 14
    assert rows["5.D"].status == "open"  # initialled April 28, after this pass
    assert rows["8.B"].status == "withdrawn"
    assert rows["3.F"].status == "open"  # the Guild answered the rejection


def test_as_of_today_and_by_label() -> None:
    final = state(None)
    assert final.counts["tentatively agreed"] == 3
    code, output = run("summary", str(SAMPLES), "--as-of", "producers-1")
    assert code == 0 and "*As of April 12, 2023*" in output
    code, output = run("summary", str(SAMPLES), "--as-of", str(SAMPLES / "01-guild-1.yaml"))
    assert code == 0 and "*As of March 20, 2023*" in output
    assert state(date(2023, 3, 1)).counts["open"] == 0
    code, output = run("summary", str(SAMPLES), "--as-of", "guild-9")
    assert (
        code == 2
        and "not a date (YYYY-MM-DD), nor a listed proposal (guild-1, producers-1, guild-2)"
        in output
    )


def test_with_language_shows_the_agreed_text(tmp_path: Path) -> None:
    code, output = run("summary", str(SAMPLES), "--with-language")
    assert code == 0
    assert "## Tentatively agreed language" in output
    assert "{--eleven--}{++twelve++} and one-half percent {--(11.5%)--}{++(12.5%)++}" in output
    assert "{++ and in advertising on social media of less than thirty (30) seconds++}" in output


# -- nothing internal, anywhere --------------------------------------------------


def plant(folder: Path) -> list[str]:
    """Put a unique marker in every internal field of the samples; return the markers."""
    markers: list[str] = []

    def mark(where: dict[str, Any]) -> None:
        where["note"] = f"LEAKMARK{len(markers):03d}"
        markers.append(where["note"])

    for path in folder.glob("*.yaml"):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if document["kind"] == "costing":
            continue  # team-only as a whole: it has no internal fields of its own
        mark(document)
        if document["kind"] == "agreement":
            stack = list(document["clauses"])
            while stack:
                clause = stack.pop()
                mark(clause)
                stack.extend(clause.get("clauses", []))
        elif document["kind"] == "proposal":
            for item in document["items"]:
                mark(item)
                for valuation in item.get("cost", []):
                    mark(valuation)
        else:
            for ta in document["tentative_agreements"]:
                mark(ta)
        path.write_text(
            yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return markers


def every_byte(path: Path) -> bytes:
    """Return all of a file's content as a reader could get at it."""
    data = path.read_bytes()
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            return b"".join(package.read(name) for name in package.namelist())
    if path.suffix == ".pdf":
        reader = pypdf.PdfReader(path)
        parts = [data, repr(reader.metadata).encode()]
        numbers = {n for table in reader.xref.values() for n in table} | set(reader.xref_objStm)
        for number in sorted(numbers):
            obj = reader.get_object(number)
            if isinstance(obj, pypdf.generic.StreamObject):
                parts.append(obj.get_data())
            parts.append(repr(obj).encode())
        parts.extend(page.extract_text().encode() for page in reader.pages)
        return b"".join(parts)
    return data


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("planted") / "talks"
    shutil.copytree(SAMPLES, folder)
    markers = plant(folder)
    assert run("check", str(folder))[0] == 0
    return folder, markers


@pytest.mark.parametrize("suffix", [".md", ".html", ".pdf", ".docx"])
def test_no_internal_field_reaches_members(
    planted: tuple[Path, list[str]], suffix: str, tmp_path: Path
) -> None:
    folder, markers = planted
    assert len(markers) > 80
    out = tmp_path / f"summary{suffix}"
    assert run("summary", str(folder), "-o", str(out), "--with-language")[0] == 0
    content = every_byte(out)
    assert b"LEAKMARK" not in content
    assert b"Where things stand" in content or suffix == ".pdf"


def test_the_team_copy_carries_notes_and_says_so(
    planted: tuple[Path, list[str]], tmp_path: Path
) -> None:
    folder, _ = planted
    out = tmp_path / "team.md"
    assert run("summary", str(folder), "-o", str(out), "--team-copy")[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "**CONFIDENTIAL — team copy with internal notes. Not for members.**" in text
    assert len(re.findall(r"LEAKMARK\d+", text)) >= 20


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html"])
def test_the_scan_finds_a_planted_note_when_there_is_one(
    planted: tuple[Path, list[str]], suffix: str, tmp_path: Path
) -> None:
    folder, _ = planted
    out = tmp_path / f"team{suffix}"
    assert run("summary", str(folder), "-o", str(out), "--team-copy")[0] == 0
    assert b"LEAKMARK" in every_byte(out)


def test_pdf_summary_is_accessible(tmp_path: Path) -> None:
    html, pdf = tmp_path / "s.html", tmp_path / "s.pdf"
    assert run("summary", str(SAMPLES), "-o", str(html))[0] == 0
    assert run("summary", str(SAMPLES), "-o", str(pdf))[0] == 0
    page = html.read_text(encoding="utf-8")
    levels = [int(n) for n in re.findall(r"<h([1-6])", page)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels))
    assert (
        '<th scope="col">Status</th>' in page
        and '<th scope="row">2.A General Increases</th>' in page
    )
    reader = pypdf.PdfReader(pdf)
    root = reader.trailer["/Root"].get_object()
    assert isinstance(root, pypdf.generic.DictionaryObject) and "/StructTreeRoot" in root
    assert reader.metadata is not None and reader.metadata.author == "Screen Writers Guild"
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Reading level of this summary: grade" in text


def test_a_compromise_ta_shows_its_own_figures_not_the_stale_positions() -> None:
    code, output = run("summary", str(SAMPLES), "--with-language")
    assert code == 0
    row = next(line for line in output.splitlines() if line.startswith("| 2.A General Increases"))
    assert "Tentatively agreed on April 30, 2023: Every minimum rises 5% this year" in row
    assert "5.5%" not in row and "4% this year, then 3%" not in row
    assert "| Tentatively agreed (April 30, 2023) | 5% | 4% | 3.5% | 13.02% |" in output
    assert "by [--three--]{++five++} percent" in output.replace("{--", "[--").replace("--}", "--]")
    assert "Landed between" not in output  # the TA's note is internal
