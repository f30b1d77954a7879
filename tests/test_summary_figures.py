"""The numbers side by side follow each side's latest language, not its earlier `terms`.

The sample talks (samples/wga-2023) give the Producers 4% / 3% / 2% in their first pass.
Each test adds a second Producers pass on 2.A General Increases with language and no
`terms`, as an imported counter has, and reads the summary as of that pass.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from contracttools.documents.summary import build_summary
from contracttools.loading import load_negotiation
from contracttools.negotiation import moment
from contracttools.negotiation.figures import read_terms
from tests.conftest import SAMPLES
from tests.conftest import invoke as run

SECOND = """\
kind: proposal
party: producers
number: 2
passed_at: 2023-04-28T15:30:00-07:00
amends: agreement-2020.yaml
items:
  - clause: minimums.general-increase
    action: amend
    text: |
      {text}
"""
MOVED = (
    "Each minimum set out in this Agreement shall be increased by four percent (4%) "
    "effective May 2, 2023, by 3 percent (3%) effective May 2, 2024, and by three percent "
    "(3%) effective May 2, 2025."
)


def _talks(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "talks"
    shutil.copytree(SAMPLES, folder)
    (folder / "04-producers-2.yaml").write_text(SECOND.format(text=text), encoding="utf-8")
    manifest = folder / "negotiation.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            "  - 03-guild-2.yaml\n", "  - 03-guild-2.yaml\n  - 04-producers-2.yaml\n"
        ),
        encoding="utf-8",
    )
    return folder


def _rows(folder: Path) -> dict[str, tuple[tuple[str, ...], str | None, str]]:
    negotiation = load_negotiation(folder / "negotiation.yaml")
    summary = build_summary(negotiation, moment(negotiation, negotiation.proposals[-1].passed_at))
    return {r.who: (r.values, r.total, r.found) for r in summary.figures[0].rows}


def test_a_counter_without_terms_shows_the_figures_of_its_language(tmp_path: Path) -> None:
    rows = _rows(_talks(tmp_path, MOVED))
    # 1.04 * 1.03 * 1.03 = 1.103336: 10.33%, by hand.
    assert rows["Producers (April 28, 2023), read from the text"] == (
        ("4%", "3%", "3%"),
        "10.33%",
        "read from the text",
    )
    assert not any(who.startswith("Producers (April 12") for who in rows)
    code, markdown = run("summary", str(tmp_path / "talks"), "--as-of", "2023-04-28")
    assert code == 0
    assert "| Producers (April 28, 2023), read from the text | 4% | 3% | 3% | 10.33% |" in markdown
    assert "| 2% |" not in markdown.split("The numbers side by side")[1].split("###")[1]


def test_a_counter_whose_language_gives_no_figures_says_so(tmp_path: Path) -> None:
    rows = _rows(_talks(tmp_path, "Each minimum shall be increased as the parties agree."))
    assert rows["Producers (April 28, 2023): figures not given in that pass"] == (
        (),
        None,
        "not given",
    )
    # Their superseded 4% / 3% / 2% is not shown as their latest.
    assert all(values != ("4%", "3%", "2%") for values, _, _ in rows.values())


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        (MOVED, ("4%", "3%", "3%")),
        ("Increases of 5.5 per cent, 4.5% and 4 percent (4%).", ("5.5%", "4.5%", "4%")),
        (
            "| Year | Increase |\n| --- | --- |\n| 2023 | 4% |\n| 2024 | 3% |\n| 2025 | 3% |",
            ("4%", "3%", "3%"),
        ),
        ("An increase of 4% in the first year only.", None),  # one figure, three years
        ("No figures at all.", None),
    ],
)
def test_the_rule_for_reading_figures(text: str, figures: tuple[str, ...] | None) -> None:
    assert read_terms(text, [("3%", "2.5%", "3%")]) == figures


def test_amounts_are_read_where_the_term_is_amounts() -> None:
    text = "A lump sum of $1,500 in 2023 and $750.50 in 2024."
    assert read_terms(text, [("$1,000", "$500")]) == ("$1,500", "$750.50")
