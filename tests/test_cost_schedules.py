"""`contracttools cost --schedules`: the salary schedule each position makes, by hand."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from contracttools.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "wga-2023"
SCREENPLAY = "Screenplay, excluding treatment"
"""The sample's minimums table: one row per kind of work, one column per year's rates; the
schedule in force in the base year (from May 2, 2022) is its last column, one rate a row."""


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "wga"
    shutil.copytree(SAMPLE, target)
    assert "schedule: minimums.schedule" in (target / "costing.yaml").read_text()
    return target


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_each_pass_raises_the_schedule_to_the_cent(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "schedules.md"
    code, output = run("cost", str(sample), "--schedules", "-o", str(out))
    assert code == 0, output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    text = out.read_text()
    assert "CONFIDENTIAL" in text and "ROUND_HALF_UP" in text
    # The Guild's first pass, 6/5/5, on the screenplay's $92,587:
    # 92,587 x 1.06 = 98,142.22; x 1.05 = 103,049.331 -> 103,049.33;
    # 103,049.33 x 1.05 = 108,201.7965 -> 108,201.80.
    guild = text[text.index("## guild #1") : text.index("## producers #1")]
    assert "### From 2023-05-02: 6%" in guild and "### From 2025-05-02: 5%" in guild
    for figure in ("$98,142.22", "$103,049.33", "$108,201.80"):
        assert figure in guild
    # The TAs, 5/4/3.5: 97,216.35; 101,105.004 -> 101,105.00; 104,643.675 -> 104,643.68.
    agreed = text[text.index("## TAs so far") :]
    for figure in ("$97,216.35", "$101,105.00", "$104,643.68"):
        assert figure in agreed


def test_json_and_csv_give_the_same_figures(sample: Path, tmp_path: Path) -> None:
    data_file, table_file = tmp_path / "s.json", tmp_path / "s.csv"
    for target in (data_file, table_file):
        code, output = run("cost", str(sample), "--schedules", "-o", str(target))
        assert code == 0, output
    data = json.loads(data_file.read_text())
    assert data["confidential"].startswith("CONFIDENTIAL")
    assert data["current"]["rates"][SCREENPLAY]["rate"] == "92587.00"
    agreed = data["positions"][-1]
    assert agreed["label"] == "TAs so far"
    assert [s["from"] for s in agreed["schedules"]] == ["2023-05-02", "2024-05-02", "2025-05-02"]
    assert agreed["schedules"][2]["rates"][SCREENPLAY]["rate"] == "104643.68"
    rows = list(csv.reader(io.StringIO(table_file.read_text())))
    assert rows[0][0].startswith("CONFIDENTIAL")
    header = rows[1]
    last = [r for r in rows if r[0] == "TAs so far" and r[3] == SCREENPLAY][-1]
    assert last[header.index("Rate")] == "104643.68" and last[1] == "2025-05-02"


def test_without_a_schedule_there_is_nothing_to_raise(tmp_path: Path) -> None:
    plain = tmp_path / "wga"
    shutil.copytree(SAMPLE, plain)
    costing = plain / "costing.yaml"
    lines = costing.read_text().splitlines(keepends=True)
    costing.write_text("".join(x for x in lines if not x.startswith("schedule:")))
    out = tmp_path / "s.md"
    code, output = run("cost", str(plain), "--schedules", "-o", str(out))
    assert code == 2
    assert f"{plain / 'costing.yaml'}: names no 'schedule'" in output
    assert "Traceback" not in output and not out.exists()


def test_schedules_are_not_a_workbook(sample: Path, tmp_path: Path) -> None:
    code, output = run("cost", str(sample), "--schedules", "-o", str(tmp_path / "s.xlsx"))
    assert code == 2 and "give a .md, .csv or .json file" in output
    assert not (tmp_path / "s.xlsx").exists()
