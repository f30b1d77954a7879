"""Passes worth a second look are reported as warnings (path:line:column), and stop nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import SAMPLES, invoke

LATER = """\
kind: proposal
party: {party}
number: {number}
passed_at: {when}
amends: agreement-2020.yaml
items:
  - clause: {clause}
    action: {action}
{text}"""


def _talks(tmp_path: Path, *passes: dict[str, str]) -> Path:
    folder = tmp_path / "talks"
    shutil.copytree(SAMPLES, folder)
    manifest = folder / "negotiation.yaml"
    listed = manifest.read_text(encoding="utf-8")
    for n, fields in enumerate(passes, start=4):
        name = f"0{n}-{fields['party']}.yaml"
        (folder / name).write_text(LATER.format(**fields), encoding="utf-8")
        listed = listed.replace("tentative_agreements:", f"  - {name}\ntentative_agreements:", 1)
    manifest.write_text(listed, encoding="utf-8")
    return folder


def test_a_tad_clause_proposed_again_is_a_warning(tmp_path: Path) -> None:
    # 6.B Health Fund Contributions was initialled on 2023-04-14 (negotiation.yaml).
    folder = _talks(
        tmp_path,
        {
            "party": "producers", "number": "2", "when": "2023-04-28T10:00:00-07:00",
            "clause": "benefits.health", "action": "amend",
            "text": "    text: |\n      Contributions shall be eleven percent (11%).\n",
        },
    )  # fmt: skip
    code, output = invoke("check", str(folder))
    assert code == 0, output
    assert (
        f"{folder / '04-producers.yaml'}:7:13: warning: item 'benefits.health': producers #2 "
        "re-proposes 6.B Health Fund Contributions, tentatively agreed on 2023-04-14 "
        "(the TA still stands)"
    ) in output
    code, chart = invoke("track", str(folder), "--format", "csv")
    assert code == 0 and "re-proposes 6.B" in chart


def test_a_counter_to_a_withdrawn_clause_is_a_warning(tmp_path: Path) -> None:
    folder = _talks(
        tmp_path,
        {
            "party": "guild", "number": "3", "when": "2023-04-28T10:00:00-07:00",
            "clause": "minimums.streaming", "action": "withdraw", "text": "",
        },
        {
            "party": "producers", "number": "2", "when": "2023-04-29T10:00:00-07:00",
            "clause": "minimums.streaming", "action": "amend",
            "text": "    text: |\n      Streaming minimums rise by half.\n",
        },
    )  # fmt: skip
    code, output = invoke("check", str(folder))
    assert code == 0, output
    assert (
        "warning: item 'minimums.streaming': producers #2 answers (amend) 2.C High Budget "
        "Streaming Programs, which guild #3 withdrew"
    ) in output


def test_the_sample_talks_give_no_warning() -> None:
    code, output = invoke("check", str(SAMPLES))
    assert code == 0 and "warning" not in output
