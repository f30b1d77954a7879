"""What a file names: a path that is a folder or a device, or a clause placed inside itself.

Each message says what the named thing is, at the line and column of the name.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import AGREEMENT, Writer, invoke

PROPOSAL = """\
kind: proposal
party: union
number: 1
passed_at: 2023-03-20T10:00:00-07:00
amends: agreement.yaml
items:
"""

NEGOTIATION = """\
kind: negotiation
title: Talks
parties:
  union: {name: The Union, short: Union, role: union}
  employer: {name: The Company, short: Company, role: employer}
agreement: agreement.yaml
proposals:
  - proposal.yaml
"""


def test_amends_naming_a_folder_says_it_is_a_folder(write: Writer, tmp_path: Path) -> None:
    (tmp_path / "agreement.yaml").mkdir()
    path = write("proposal.yaml", PROPOSAL + "  - clause: pay.timing\n    action: delete\n")
    code, output = invoke("check", str(path))
    assert code == 2
    assert output.splitlines()[0].startswith(
        f"{path}:5:9: 'amends' names 'agreement.yaml', which is a folder, not a file"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_agreement_naming_a_fifo_says_so_and_does_not_block(write: Writer, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "agreement.yaml")
    path = write("negotiation.yaml", NEGOTIATION.replace("  - proposal.yaml\n", ""))
    code, output = invoke("check", str(path))
    assert code == 2
    assert (
        f"{path}:6:12: 'agreement' names 'agreement.yaml', which is a FIFO (named pipe), not a file"
        in output
    )


def test_a_proposal_listed_as_a_folder_says_so(write: Writer, tmp_path: Path) -> None:
    write("agreement.yaml", AGREEMENT)
    (tmp_path / "proposal.yaml").mkdir()
    path = write("negotiation.yaml", NEGOTIATION)
    code, output = invoke("check", str(path))
    assert code == 2
    assert f"{path}:8:5: proposal 'proposal.yaml' is a folder, not a file" in output


MOVE = "  - clause: pay\n    action: amend\n    {key}: {ref}\n    text: Pay.\n"


@pytest.mark.parametrize(
    ("key", "ref", "named"),
    [
        ("parent", "pay.timing", "'pay.timing', a clause inside it"),
        ("after", "pay.increase", "'pay.increase', a clause inside it"),
        ("parent", "pay", "the clause itself"),
    ],
)
def test_a_clause_cannot_be_placed_inside_itself(
    write: Writer, key: str, ref: str, named: str
) -> None:
    write("agreement.yaml", AGREEMENT)
    path = write("proposal.yaml", PROPOSAL + MOVE.format(key=key, ref=ref))
    code, output = invoke("check", str(path))
    assert code == 2
    assert output.splitlines()[0] == (
        f"{path}:9:{7 + len(key)}: item 'pay': '{key}' names {named}: "
        "a clause cannot be placed within itself"
    )


def test_moving_a_clause_under_another_article_is_still_fine(write: Writer) -> None:
    agreement = AGREEMENT + (
        "  - id: hours\n    number: Article 2\n    title: Hours\n    text: Eight a day.\n"
    )
    write("agreement.yaml", agreement)
    path = write(
        "proposal.yaml",
        PROPOSAL + "  - clause: pay.timing\n    action: amend\n    parent: hours\n    text: Due.\n",
    )
    assert invoke("check", str(path)) == (0, "1 file OK: 0 clauses, 1 proposal checked\n")
