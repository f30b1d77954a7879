"""`contracttools check`: every error class reports path:line:column and exits 2."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from contracttools.cli import main
from tests.conftest import AGREEMENT, SAMPLES, Writer, invoke

PROPOSAL_HEAD = """\
kind: proposal
party: union
number: 1
passed_at: 2023-03-20T10:00:00-07:00
amends: agreement.yaml
items:
"""


def run_check(*paths: Path | str) -> tuple[int, str]:
    return invoke("check", *map(str, paths))


def test_samples_pass() -> None:
    code, output = run_check(SAMPLES)
    assert code == 0
    assert output == "1 file OK: 63 clauses, 3 proposals checked\n"


def test_each_sample_file_passes_alone() -> None:
    files = sorted(SAMPLES.glob("*.yaml"))
    code, output = run_check(*files)
    assert code == 0, output
    assert output.startswith(f"{len(files)} files OK")


AGREEMENT_CASES = {
    "duplicate id names both places": (
        AGREEMENT.replace("id: pay.timing", "id: pay.increase"),
        ["{p}:14:13: duplicate clause id 'pay.increase' (first used at {p}:9:13)"],
    ),
    "unknown key with a hint": (
        AGREEMENT.replace("title: Increases", "titel: Increases"),
        ["{p}:11:9: clause 'pay.increase': unknown key 'titel' in a clause; did you mean 'title'?"],
    ),
    "missing required key": (
        AGREEMENT.replace('        number: "1.B"\n', ""),
        ["{p}:14:9: clause 'pay.timing': a clause is missing required key 'number'"],
    ),
    "wrong type": (
        AGREEMENT.replace("title: Pay", "title: [Pay]"),
        ["{p}:7:12: clause 'pay': 'title' must be text, not a list"],
    ),
    "id with spaces": (
        AGREEMENT.replace("id: pay.timing", "id: pay timing"),
        ["{p}:14:13: clause id 'pay timing' may hold only letters, digits, '.', '_' and '-'"],
    ),
    "tab in indentation": (
        AGREEMENT.replace("    number: Article 1", "\tnumber: Article 1"),
        ["{p}:6:1: tab in indentation; indent with spaces"],
    ),
    "empty file": ("# nothing here\n\n", ["{p}:1:1: the file is empty"]),
    "not a mapping": (
        "- one\n- two\n",
        ["{p}:1:1: a contract file must be a mapping with a 'kind' key, not a list"],
    ),
    "wrong kind": (
        AGREEMENT.replace("kind: agreement", "kind: agrement"),
        [
            "{p}:1:7: unknown kind 'agrement' (one of: agreement, proposal, negotiation); did you mean 'agreement'?"
        ],
    ),
    "YAML syntax": (
        "kind: agreement\ntitle: [unclosed\n",
        ["{p}:3:1: YAML syntax: did not find expected ',' or ']'"],
    ),
    "two documents": (
        AGREEMENT + "---\nkind: agreement\n",
        ["{p}:18:1: more than one YAML document; keep one document per file"],
    ),
    "duplicate key": (
        AGREEMENT.replace("title: Base Agreement", "title: Base Agreement\ntitle: Again"),
        ["{p}:4:1: duplicate key 'title' (first given at line 3)"],
    ),
    "table row with a cell too many": (
        AGREEMENT.replace(
            "Payment is due within seven (7) days.",
            "|\n          | Year | Rate |\n          | --- | --- |\n          | 2023 | $1 | $2 |",
        ),
        ["{p}:20:1: clause 'pay.timing': table row has 3 cells; the header has 2"],
    ),
}


@pytest.mark.parametrize("case", AGREEMENT_CASES)
def test_agreement_errors(case: str, write: Writer) -> None:
    text, expected = AGREEMENT_CASES[case]
    path = write("agreement.yaml", text)
    code, output = run_check(path)
    assert code == 2
    lines = output.splitlines()
    assert lines[:-1] == [e.format(p=path) for e in expected]
    assert lines[-1].endswith(("problem found", "problems found"))


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "agreement.yaml"
    path.write_bytes(AGREEMENT.encode().replace(b"Pay\n", b"Pa\xffy\n", 1))
    code, output = run_check(path)
    assert code == 2
    assert (
        output.splitlines()[0] == f"{path}:7:14: invalid UTF-8 (byte 0xff); save the file as UTF-8"
    )


def test_all_problems_of_a_file_in_one_run(write: Writer) -> None:
    text = AGREEMENT.replace("title: Increases", "titel: Increases").replace(
        "title: Pay", "title: [Pay]"
    )
    code, output = run_check(write("agreement.yaml", text))
    assert code == 2
    assert output.splitlines()[-1] == "2 problems found"


PROPOSAL_CASES = {
    "unknown action with a hint": (
        "  - clause: pay.increase\n    action: ammend\n    text: x\n",
        [
            "{p}:8:13: item 'pay.increase': unknown action 'ammend' (one of: amend, add, delete, status-quo, withdraw, accept, reject, concept); did you mean 'amend'?"
        ],
    ),
    "item names an unknown clause": (
        "  - clause: pay.increse\n    action: delete\n",
        [
            "{p}:7:13: item 'pay.increse': unknown clause 'pay.increse'; did you mean 'pay.increase'?"
        ],
    ),
    "after names an unknown clause": (
        "  - clause: pay.new\n    action: add\n    number: 1.C\n    title: New\n    after: pay.timeing\n    text: x\n",
        [
            "{p}:11:12: item 'pay.new': 'after' names unknown clause 'pay.timeing'; did you mean 'pay.timing'?"
        ],
    ),
    "amend without text": (
        "  - clause: pay.increase\n    action: amend\n",
        ["{p}:8:13: item 'pay.increase': 'amend' needs 'text' (the full new language)"],
    ),
    "add of an existing clause": (
        "  - clause: pay.timing\n    action: add\n    number: 1.C\n    title: T\n    parent: pay\n    text: x\n",
        [
            "{p}:7:13: item 'pay.timing': new clause 'pay.timing' is already in the agreement; use 'amend'"
        ],
    ),
    "cost with a bad amount": (
        "  - clause: pay.timing\n    action: delete\n    cost: [{valuer: union, amount: lots}]\n",
        [
            "{p}:9:36: item 'pay.timing': 'amount' must be an amount of money in digits, such as 74000000 or $1,250.50, not 'lots'"
        ],
    ),
}


@pytest.mark.parametrize("case", PROPOSAL_CASES)
def test_proposal_errors(case: str, write: Writer) -> None:
    items, expected = PROPOSAL_CASES[case]
    write("agreement.yaml", AGREEMENT)
    path = write("proposal.yaml", PROPOSAL_HEAD + items)
    code, output = run_check(path)
    assert code == 2
    assert output.splitlines()[:-1] == [e.format(p=path) for e in expected]


def test_date_without_zone(write: Writer) -> None:
    write("agreement.yaml", AGREEMENT)
    text = PROPOSAL_HEAD.replace("2023-03-20T10:00:00-07:00", "2023-03-20T10:00:00")
    path = write("proposal.yaml", text + "  - clause: pay.timing\n    action: delete\n")
    code, output = run_check(path)
    assert code == 2
    assert output.splitlines()[0] == (
        f"{path}:4:12: 'passed_at' '2023-03-20T10:00:00' has no time zone; add one, e.g. '2023-03-20T10:00:00-07:00'"
    )


def test_amends_a_missing_file(write: Writer) -> None:
    path = write("proposal.yaml", PROPOSAL_HEAD + "  - clause: pay.timing\n    action: delete\n")
    code, output = run_check(path)
    assert code == 2
    assert output.splitlines()[0].startswith(
        f"{path}:5:9: 'amends' names 'agreement.yaml', which does not exist"
    )


NEGOTIATION = """\
kind: negotiation
title: Talks
parties:
  union: {name: The Union, short: Union, role: union}
  employer: {name: The Company, short: Company, role: employer}
agreement: agreement.yaml
proposals:
  - proposal.yaml
tentative_agreements:
  - clause: pay.timing
    date: 2023-04-01
    initials: {union: AB, employer: CD}
    party: union
    proposal: 1
"""


def _negotiation(write: Writer, manifest: str) -> Path:
    write("agreement.yaml", AGREEMENT)
    write(
        "proposal.yaml",
        PROPOSAL_HEAD + "  - clause: pay.timing\n    action: amend\n    text: Due in 5 days.\n",
    )
    return write("negotiation.yaml", manifest)


def test_negotiation_passes(write: Writer) -> None:
    code, output = run_check(_negotiation(write, NEGOTIATION))
    assert (code, output) == (0, "1 file OK: 3 clauses, 1 proposal checked\n")


NEGOTIATION_CASES = {
    "missing proposal file": (
        NEGOTIATION.replace("  - proposal.yaml", "  - proposal.yaml\n  - missing.yaml"),
        ["{p}:9:5: proposal 'missing.yaml' does not exist"],
    ),
    "TA names an unknown clause": (
        NEGOTIATION.replace("  - clause: pay.timing", "  - clause: pay.timin"),
        [
            "{p}:10:13: tentative agreement 'pay.timin': unknown clause 'pay.timin'; did you mean 'pay.timing'?"
        ],
    ),
    "TA names a proposal that does not exist": (
        NEGOTIATION.replace("    proposal: 1", "    proposal: 2"),
        ["{p}:14:15: tentative agreement 'pay.timing': no proposal union #2 in this negotiation"],
    ),
    "unknown role": (
        NEGOTIATION.replace("role: employer", "role: employers"),
        [
            "{p}:5:55: party 'employer': unknown role 'employers' (one of: union, employer); did you mean 'employer'?"
        ],
    ),
}


@pytest.mark.parametrize("case", NEGOTIATION_CASES)
def test_negotiation_errors(case: str, write: Writer) -> None:
    manifest, expected = NEGOTIATION_CASES[case]
    path = _negotiation(write, manifest)
    code, output = run_check(path)
    assert code == 2
    assert output.splitlines()[:-1] == [e.format(p=path) for e in expected]


def test_alias_bomb_is_refused_fast(write: Writer) -> None:
    lines = [
        "kind: agreement",
        'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = write("bomb.yaml", "\n".join(lines) + "\n")
    start = time.perf_counter()
    code, output = run_check(path)
    assert time.perf_counter() - start < 1.0
    assert code == 2
    assert (
        output.splitlines()[0]
        == f"{path}:3:10: YAML alias '*a0' is not allowed in contract files; write the value out"
    )


@pytest.mark.parametrize(
    ("depth", "message"),
    [
        (100, "2:67: nested more than 64 levels deep; this is not a contract file"),
        (100_000, "2:1003: YAML syntax: exceeded maximum nesting depth"),
    ],
)
def test_absurd_nesting_is_refused_fast(depth: int, message: str, write: Writer) -> None:
    path = write("deep.yaml", "kind: agreement\nx: " + "[" * depth + "]" * depth + "\n")
    start = time.perf_counter()
    code, output = run_check(path)
    assert time.perf_counter() - start < 1.0
    assert code == 2
    assert output.splitlines()[0] == f"{path}:{message}"


def test_real_process_exits_2_without_traceback(write: Writer) -> None:
    path = write("agreement.yaml", AGREEMENT.replace("title: Pay", "titel: Pay"))
    before = path.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "contracttools", "check", str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}:7:5: clause 'pay': unknown key 'titel'")
    assert path.read_bytes() == before


def test_help_and_check_do_not_import_heavy_writers() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from contracttools.cli import main;"
        "CliRunner().invoke(main, ['--help']);"
        f"CliRunner().invoke(main, ['check', {str(SAMPLES)!r}]);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'docx')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_help_lists_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("check", "diff"):
        assert f"  {command} " in result.output
    assert "git-diff" not in result.output


def test_a_value_that_spans_lines_is_quoted_on_the_problem_s_line(write: Writer) -> None:
    path = write(
        "a.yaml",
        """\
        kind: agreement
        id: base
        title: Base
        clauses:
          - id: pay.increase Each minimum
              shall rise | by | 3% |
            number: "1"
            title: Pay
        """,
    )
    code, output = invoke("check", str(path))
    assert code == 2
    lines = output.splitlines()
    assert all(line.startswith(f"{path}:") for line in lines[:-1]), lines
    assert "clause id 'pay.increase Each minimum shall rise | by | 3% |'" in output


def test_a_problem_quoting_lines_of_text_stays_on_one_line(write: Writer) -> None:
    path = write(
        "agreement.yaml",
        "kind: agreement\nid: base\ntitle: Base\nclauses:\n"
        "  - id: |\n      two\n      lines\n    number: '1'\n    title: One\n    text: Text.\n",
    )
    code, output = run_check(path)
    assert code == 2
    lines = output.splitlines()
    assert (
        lines[0]
        == f"{path}:5:9: clause id 'two lines' may hold only letters, digits, '.', '_' and '-'"
    )
    assert lines[1:] == ["1 problem found"]
