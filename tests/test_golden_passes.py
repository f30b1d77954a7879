"""Golden redlines of the sample passes: an agreement against a proposal, and proposals
against each other (positions carried forward), as the terminal shows them.

Regenerate after a deliberate change with `CONTRACTTOOLS_REGEN=1 pytest
tests/test_golden_passes.py`, then read the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, invoke

GOLDEN = Path(__file__).parent / "golden"
PAIRS = {
    "agreement-vs-guild-1": ("agreement-2020.yaml", "01-guild-1.yaml"),
    "agreement-vs-producers-1": ("agreement-2020.yaml", "02-producers-1.yaml"),
    "guild-1-vs-producers-1": ("01-guild-1.yaml", "02-producers-1.yaml"),
    "producers-1-vs-guild-2": ("02-producers-1.yaml", "03-guild-2.yaml"),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_golden_pass_redline(name: str) -> None:
    old, new = PAIRS[name]
    code, output = invoke("diff", str(SAMPLES / old), str(SAMPLES / new), "--color", "never")
    assert code == 1
    text = output.split("\n", 2)[2]  # the two lines naming the files say where they are
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("CONTRACTTOOLS_REGEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
