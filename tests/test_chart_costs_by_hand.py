"""The tracking chart's computed cost of each pass, on a two-person roster, worked by hand."""

from __future__ import annotations

import os
import shutil
import stat
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
