"""The summary's team copy: each side's computed cost beside the stated ones, by hand."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.conftest import invoke as run


def tiny(tmp_path: Path) -> Path:
    """The sample negotiation on a two-person roster with a 10% roll-up."""
    folder = tmp_path / "tiny"
    shutil.copytree(SAMPLES, folder)
    (folder / "roster.csv").write_text(
        "classification,salary,count,fte,id\nStaff writer,50000,1,1,a\nStory editor,70000,1,1,b\n",
        encoding="utf-8",
    )
    costing = folder / "costing.yaml"
    lines = costing.read_text(encoding="utf-8").splitlines(keepends=True)
    # the sample's `publish:` dropped: a member summary then shows nothing computed
    kept = ["rollup: 10%\n" if x.startswith("rollup:") else x for x in lines]
    kept = [x for x in kept if not x.startswith("publish:")]
    costing.write_text("".join(kept), encoding="utf-8")
    return folder


def text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        done = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
        )
        return done.stdout
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            return package.read("word/document.xml").decode("utf-8")
    return path.read_text(encoding="utf-8")


# Base payroll 50,000 + 70,000 = 120,000; increases on the base year's anniversaries, so
# contract year k costs 120,000 x (product of the increases - 1), and roll-up is 10% of it.
# Guild 2, 5.5% / 4.5% / 4%:
#   year 1: 120,000 x 0.055 = 6,600; roll-up 660; total 7,260
#   year 2: 120,000 x (1.055 x 1.045 - 1 = 0.102475) = 12,297; total 13,526.70 -> $13,527
#   year 3: 120,000 x (1.102475 x 1.04 - 1 = 0.146574) = 17,588.88 -> $17,589;
#     total 19,347.768 -> $19,348
#   term: 36,485.88 -> $36,486; roll-up 3,648.588 -> $3,649; total 40,134.468 -> $40,134
# Stated a year (03-guild-2.yaml): Guild $148,000,000, Producers $190,000,000, each set
# beside year 1's 7,260: differences -$147,992,740 and -$189,992,740.
# Producers 1, 4% / 3% / 2%: year 1 4,800, total 5,280; term 24,458.88 x 1.1 = 26,904.768
#   -> $26,905. Stated: Producers $74,000,000 (-$73,994,720), Guild $58,000,000 (-$57,994,720).
# TAs so far, 5% / 4% / 3.5%: 6,000 + 120,000 x 0.092 = 11,040 + 120,000 x (1.092 x 1.035
#   - 1 = 0.13022) = 15,626.40; term 32,666.40 x 1.1 = 35,933.04 -> $35,933.
EXPECTED = (
    "Guild's current position (proposal 2, April 27, 2023)",
    "$6,600",
    "$7,260",
    "$13,527",
    "$17,589",
    "$36,486",
    "$3,649",
    "$40,134",
    "$148,000,000",
    "-$147,992,740",
    "-$189,992,740",
    "Producers' current position (proposal 1, April 12, 2023)",
    "$5,280",
    "$26,905",
    "-$73,994,720",
    "-$57,994,720",
    "Tentative agreements so far",
    "$35,933",
)


def test_the_team_copy_sets_computed_beside_stated(tmp_path: Path) -> None:
    folder = tiny(tmp_path)
    out = tmp_path / "summary.md"
    code, output = run("summary", str(folder), "--team-copy", "-o", str(out))
    assert code == 0, output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    assert "CONFIDENTIAL" in text
    assert "## Computed cost (team copy only)" in text
    for figure in EXPECTED:
        assert figure in text, figure
    # one line: the valuer, how the figure is stated, stated, computed, difference
    assert "| The Guild | a year | $148,000,000 | $7,260 | -$147,992,740 |" in text
    assert "| Total with roll-up | $7,260 | $13,527 | $19,348 | $40,134 |" in text


@pytest.mark.parametrize("suffix", [".html", ".docx", ".pdf"])
def test_every_format_of_the_team_copy_shows_them(tmp_path: Path, suffix: str) -> None:
    folder = tiny(tmp_path)
    out = tmp_path / f"summary{suffix}"
    code, output = run("summary", str(folder), "--team-copy", "-o", str(out))
    assert code == 0, output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    text = text_of(out).replace("&#x27;", "'").replace("&#39;", "'").replace("&apos;", "'")
    assert "CONFIDENTIAL" in text
    for figure in EXPECTED:
        assert figure in text, figure


@pytest.mark.parametrize("suffix", [".md", ".html", ".docx"])
def test_the_member_summary_has_no_computed_figure(tmp_path: Path, suffix: str) -> None:
    folder = tiny(tmp_path)
    out = tmp_path / f"summary{suffix}"
    code, output = run("summary", str(folder), "-o", str(out))
    assert code == 0, output
    text = text_of(out)
    assert "Computed cost" not in text and "CONFIDENTIAL" not in text
    for figure in ("$7,260", "$40,134", "$36,486", "$26,905", "$35,933"):
        assert figure not in text, figure
    assert stat.S_IMODE(os.stat(out).st_mode) != 0o600


def test_without_a_costing_file_the_team_copy_has_no_computed_cost(tmp_path: Path) -> None:
    folder = tiny(tmp_path)
    manifest = folder / "negotiation.yaml"
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    manifest.write_text("".join(x for x in lines if not x.startswith("costing:")), "utf-8")
    code, output = run("summary", str(folder), "--team-copy")
    assert code == 0, output
    assert "Computed cost" not in output and "CONFIDENTIAL" in output
