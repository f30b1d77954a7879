"""`contracttools cost`: the team's cost report, its inputs' errors, and no roster leak."""

from __future__ import annotations

import json
import os
import shutil
import stat
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from contracttools.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "wga-2023"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "wga"
    shutil.copytree(SAMPLE, target)
    return target


def test_the_report_is_confidential_and_owner_only(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "cost.json"
    result = CliRunner().invoke(main, ["cost", str(sample), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    data = json.loads(out.read_text())
    assert data["confidential"].startswith("CONFIDENTIAL")
    # Base payroll by hand: 92,587 x 12,000 + 121,284 x 6,000 + 138,949 x 3,000
    #   + 92,587 x 2,000 x 0.5 = 1,111,044,000 + 727,704,000 + 416,847,000 + 92,587,000
    #   = 2,348,182,000. The Guild's first pass asks 6% in year 1:
    #   2,348,182,000 x 0.06 = 140,890,920; roll-up 6.2 + 1.45 + 9.5 = 17.15%:
    #   140,890,920 x 1.1715 = 165,053,712.78
    guild = data["columns"][0]
    assert guild["label"] == "guild #1"
    assert Decimal(guild["years"][0]["general"]) == Decimal("140890920")
    assert Decimal(guild["years"][0]["total"]) == Decimal("165053712.78")


def test_markdown_and_csv_state_the_rounding_rule(sample: Path, tmp_path: Path) -> None:
    for name in ("cost.md", "cost.csv"):
        out = tmp_path / name
        result = CliRunner().invoke(main, ["cost", str(sample), "-o", str(out)])
        assert result.exit_code == 0, result.output
        text = out.read_text()
        assert "CONFIDENTIAL" in text
        assert "$140,890,920" in text  # 6% of $2,348,182,000, worked above
    assert "ROUND_HALF_UP" in (tmp_path / "cost.md").read_text()


def test_a_bad_roster_row_is_named_by_line_and_column(sample: Path, tmp_path: Path) -> None:
    roster = sample / "roster.csv"
    roster.write_text("classification,salary,count\nStaff writer,92587,12000\nEditor,lots,3\n")
    out = tmp_path / "cost.md"
    result = CliRunner().invoke(main, ["cost", str(sample), "-o", str(out)])
    assert result.exit_code == 2
    assert f"{roster}:3:8: salary 'lots' is not an amount" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_costing_file_error_is_named(sample: Path) -> None:
    costing = sample / "costing.yaml"
    costing.write_text(costing.read_text().replace("steps: none", "steps: monthly"))
    result = CliRunner().invoke(main, ["cost", str(sample)])
    assert result.exit_code == 2
    assert f"{costing}:6:8: unknown 'steps' 'monthly'" in result.output


def test_check_reads_the_costing_and_its_roster(sample: Path) -> None:
    assert CliRunner().invoke(main, ["check", str(sample)]).exit_code == 0
    roster = sample / "roster.csv"
    roster.write_text("classification,salary\nStaff writer,-5\n")
    for given in (sample, sample / "costing.yaml"):
        result = CliRunner().invoke(main, ["check", str(given)])
        assert result.exit_code == 2, result.output
        assert f"{roster}:2:" in result.output and "Traceback" not in result.output


def test_a_costing_file_alone_is_checked_with_its_negotiation(tmp_path: Path) -> None:
    costing = tmp_path / "costing.yaml"
    costing.write_text("kind: costing\nbase_year: {start: 2022-07-01}\nroster: r.csv\n")
    result = CliRunner().invoke(main, ["check", str(costing)])
    assert result.exit_code == 2
    assert f"{costing}:1:1: a costing file is checked with the negotiation" in result.output


def test_the_roster_never_reaches_a_member_summary(sample: Path, tmp_path: Path) -> None:
    roster_words = {"group-a", "group-b", "Story editor", "Co-producer", "92587", "92,587"}
    # The sample publishes its new schedule, whose first column is the agreement's own
    # printed rates; a roster salary equal to one of them ($92,587) is the agreement's.
    public = (sample / "agreement-2020.yaml").read_text(encoding="utf-8")
    roster_words = {word for word in roster_words if word not in public}
    assert "92587" in roster_words  # as the roster writes it, never printed
    for name in ("summary.md", "summary.html"):
        out = tmp_path / name
        result = CliRunner().invoke(main, ["summary", str(sample), "-o", str(out)])
        assert result.exit_code == 0, result.output
        text = out.read_text()
        assert not [word for word in roster_words if word in text]


def test_a_report_written_over_a_shared_file_is_owner_only(sample: Path, tmp_path: Path) -> None:
    # A world-readable file of the same name does not make the report world-readable.
    out = tmp_path / "cost.md"
    out.write_text("an old report")
    os.chmod(out, 0o644)
    result = CliRunner().invoke(main, ["cost", str(sample), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert "CONFIDENTIAL" in out.read_text()
