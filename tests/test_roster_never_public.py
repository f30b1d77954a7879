"""No roster name, id or salary reaches any member-facing output of the sample negotiation.

Each output's text is read back with a reader independent of the writer: pdftotext for
PDF, the document XML of a DOCX (zip), HTML and text as they are.
"""

from __future__ import annotations

import csv
import html
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.conftest import invoke as run


def roster_words() -> set[str]:
    """Every name, id and salary figure in the sample roster, as a reader might see it.

    The invented roster pays each classification its minimum, so a salary figure that the
    public agreement itself prints (its schedule, in agreement-2020.yaml) is the agreement's
    and may appear in the agreement and its blackline; every other roster word may not.
    """
    words: set[str] = set()
    with (SAMPLES / "roster.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            words.add(row["classification"])
            words.add(row["id"])
            salary = Decimal(row["salary"])
            words.update({str(salary), f"{salary:,}"})
    public = (SAMPLES / "agreement-2020.yaml").read_text(encoding="utf-8")
    return {word for word in words if word not in public}


def test_the_roster_has_words_the_agreement_does_not_print() -> None:
    # The ids group-a .. group-d at least; the check below must be checking something.
    assert {"group-a", "group-b", "group-c", "group-d"} <= roster_words()


def text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        done = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
        )
        return done.stdout
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            xml = "".join(
                package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".xml")
            )
        return html.unescape(re.sub(r"<[^>]+>", "", xml))
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in {".html", ".htm"}:
        return html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return raw


def member_outputs(out: Path) -> list[Path]:
    files: list[Path] = []
    for suffix in (".md", ".html", ".pdf", ".docx"):
        target = out / f"summary{suffix}"
        code, output = run("summary", str(SAMPLES), "--with-language", "-o", str(target))
        assert code == 0, output
        files.append(target)
    book = out / "book"
    assert run("book", str(SAMPLES), "-o", str(book))[0] == 0
    kit = out / "kit"
    code, output = run("kit", str(SAMPLES), "-o", str(kit))
    assert code == 0, output
    for proposal in sorted(SAMPLES.glob("0*.yaml")):
        for suffix in (".pdf", ".docx"):
            target = out / f"{proposal.stem}-packet{suffix}"
            code, output = run("packet", str(proposal), "-o", str(target))
            assert code == 0, output
            files.append(target)
    for folder in (book, kit):
        files += [p for p in folder.rglob("*") if p.is_file() and p.suffix in TEXTUAL]
    return files


TEXTUAL = {".html", ".md", ".txt", ".pdf", ".docx", ".eml"}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return member_outputs(tmp_path_factory.mktemp("members"))


def test_no_roster_word_in_any_member_output(outputs: list[Path]) -> None:
    words = roster_words()
    assert len(outputs) > 10
    found = {(path.name, word) for path in outputs for word in words if word in text_of(path)}
    assert not found


def test_team_copies_with_computed_costs_are_owner_only(tmp_path: Path) -> None:
    chart = tmp_path / "chart.md"
    assert run("track", str(SAMPLES), "-o", str(chart))[0] == 0
    book = tmp_path / "book"
    assert run("book", str(SAMPLES), "-o", str(book), "--team-copy")[0] == 0
    for path in (chart, book / "index.html"):
        assert path.stat().st_mode & 0o777 == 0o600
