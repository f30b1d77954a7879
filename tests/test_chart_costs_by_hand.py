"""The tracking chart's computed cost of each pass, on a two-person roster, worked by hand."""

from __future__ import annotations

import json
import os
import shutil
import stat
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from tests.conftest import SAMPLES
from tests.conftest import invoke as run


def test_chart_costs_on_a_tiny_roster(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(SAMPLES, folder)
    (folder / "roster.csv").write_text(
        "classification,salary,count,fte,id\nStaff writer,50000,1,1,a\nStory editor,70000,1,1,b\n",
        encoding="utf-8",
    )
    costing = folder / "costing.yaml"
    lines = costing.read_text(encoding="utf-8").splitlines(keepends=True)
    costing.write_text("".join(x for x in lines if not x.startswith("rollup:")), encoding="utf-8")
    out = tmp_path / "chart.md"
    code, output = run("track", str(folder), "-o", str(out))
    assert code == 0, output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    assert "CONFIDENTIAL" in text
    # Base payroll: 50,000 + 70,000 = 120,000; no roll-up, no steps, increases on the
    # base year's anniversaries, so year k costs 120,000 x (product of increases - 1).
    # Guild 1, 6% / 5% / 5%:
    #   year 1: 120,000 x 0.06 = 7,200
    #   year 2: 120,000 x (1.06 x 1.05 - 1 = 0.113) = 13,560
    #   year 3: 120,000 x (1.113 x 1.05 - 1 = 0.16865) = 20,238
    #   term: 40,998, that is 34.165% of 120,000 (a tie at two decimals, so not asserted)
    assert "computed, Guild 1 · Mar 20: $40,998 over the term" in text
    # Producers 1, 4% / 3% / 2%:
    #   4,800 + 120,000 x (1.04 x 1.03 - 1 = 0.0712) = 8,544
    #   + 120,000 x (1.0712 x 1.02 - 1 = 0.092624) = 11,114.88
    #   term 24,458.88 -> $24,459; 24,458.88 / 120,000 = 20.3824% -> 20.38%
    assert "computed, Producers 1 · Apr 12: $24,459 over the term (20.38% of base payroll)" in text
    # Guild 2, 5.5% / 4.5% / 4%:
    #   6,600 + 120,000 x (1.055 x 1.045 - 1 = 0.102475) = 12,297
    #   + 120,000 x (1.102475 x 1.04 - 1 = 0.146574) = 17,588.88
    #   term 36,485.88 -> $36,486; 36,485.88 / 120,000 = 30.4049% -> 30.40%
    assert "computed, Guild 2 · Apr 27: $36,486 over the term (30.40% of base payroll)" in text


def test_only_the_team_book_shows_computed_costs(tmp_path: Path) -> None:
    team, members = tmp_path / "team", tmp_path / "members"
    assert run("book", str(SAMPLES), "-o", str(team), "--team-copy")[0] == 0
    assert run("book", str(SAMPLES), "-o", str(members))[0] == 0
    index = (team / "index.html").read_text(encoding="utf-8")
    # The same figure as the cost report's (one model): its Guild 1 term total, to the dollar.
    report = tmp_path / "cost.json"
    assert run("cost", str(SAMPLES), "-o", str(report))[0] == 0
    total = Decimal(json.loads(report.read_text())["columns"][0]["term"]["total"])
    dollars = f"${total.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"
    assert f"computed, Guild 1 · Mar 20: {dollars} over the term" in index
    assert stat.S_IMODE(os.stat(team / "index.html").st_mode) == 0o600
    for page in members.rglob("*"):
        if page.is_file() and page.suffix in {".html", ".pdf"}:
            assert (
                b"computed, " not in page.read_bytes() and b"939,843,350" not in page.read_bytes()
            )
