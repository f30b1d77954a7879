"""`contracttools diff` as a negotiator and a script use it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, invoke

AGREEMENT = str(SAMPLES / "agreement-2020.yaml")
GUILD_1 = str(SAMPLES / "01-guild-1.yaml")
PRODUCERS_1 = str(SAMPLES / "02-producers-1.yaml")


def diff(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    return invoke("diff", *args, env=env)


def test_same_file_exits_0() -> None:
    code, output = diff(AGREEMENT, AGREEMENT)
    assert code == 0
    assert "0 modified, 0 added, 0 deleted, 0 moved, 0 renumbered, 63 unchanged" in output


def test_agreement_against_opening_proposal() -> None:
    code, output = diff(AGREEMENT, GUILD_1)
    assert code == 1
    lines = output.splitlines()
    assert (
        lines[2]
        == "6 modified, 2 added, 1 deleted, 0 moved, 0 renumbered, 56 unchanged; 218 words inserted, 108 deleted"
    )
    assert "  == Article 2 › 2.A General Increases  [AMEND]" in lines
    assert "[-three-]{+six+} percent [-(3%)-]{+(6%)+}" in output
    assert "  == Article 8 › 8.B Deferral of Payment  [deleted, DELETE]" in lines
    assert (
        "   Concept: The Guild proposes that material produced by artificial intelligence" in output
    )
    assert "\x1b[" not in output


def test_counter_against_demand_shows_moves_and_actions() -> None:
    code, output = diff(GUILD_1, PRODUCERS_1)
    assert code == 1
    assert (
        "== Article 2 › 2.F Weeks Covered by an Episodic Fee  [moved from 3.B (Article 3) to 2.F (Article 2), AMEND]"
        in output
    )
    assert (
        "== Article 4 › 4.B Residuals for High Budget Streaming Programs  [was AMEND, REJECT]"
        in output
    )
    assert "== Article 6 › 6.B Health Fund Contributions  [was AMEND, ACCEPT]" in output


def test_producers_draft_moves_the_episodic_clause() -> None:
    code, output = diff(AGREEMENT, PRODUCERS_1)
    assert code == 1
    assert (
        "  == Article 2 › 2.F Weeks Covered by an Episodic Fee  [moved from 3.B (Article 3) to 2.F (Article 2), AMEND]"
        in output
    )
    assert "0 added, 0 deleted, 1 moved, 1 renumbered" in output


def test_unchanged_clauses_only_with_all() -> None:
    assert "1.A Recognition" not in diff(AGREEMENT, GUILD_1)[1]
    assert "== Article 1 › 1.A Recognition" in diff("--all", AGREEMENT, GUILD_1)[1]


def test_stat() -> None:
    code, output = diff("--stat", AGREEMENT, GUILD_1)
    assert code == 1
    assert output.splitlines()[0].startswith(" Article 2 › 2.A General Increases")
    assert output.splitlines()[-1] == " 9 clauses changed, 218 words inserted(+), 108 deleted(-)"


def test_stat_all_counts_unchanged_clauses_as_unchanged() -> None:
    code, output = diff("--all", "--stat", AGREEMENT, AGREEMENT)
    assert code == 0
    lines = output.splitlines()
    assert len(lines) == 64  # a line for each of the 63 clauses, and the total
    assert lines[-1] == " 0 clauses changed, 63 unchanged, 0 words inserted(+), 0 deleted(-)"
    code, output = diff("--all", "--stat", AGREEMENT, GUILD_1)
    assert output.splitlines()[-1] == (
        " 9 clauses changed, 56 unchanged, 218 words inserted(+), 108 deleted(-)"
    )
    assert diff("--stat", AGREEMENT, AGREEMENT)[1] == (
        " 0 clauses changed, 0 words inserted(+), 0 deleted(-)\n"
    )


def test_colour_rules() -> None:
    assert "\x1b[32;4m" in diff("--color", "always", AGREEMENT, GUILD_1)[1]
    assert "\x1b[" not in diff("--color", "auto", AGREEMENT, GUILD_1, env={"NO_COLOR": "1"})[1]
    assert "\x1b[" not in diff("--color", "never", AGREEMENT, GUILD_1)[1]


def test_json_shape() -> None:
    code, output = diff("--format", "json", AGREEMENT, PRODUCERS_1)
    data = json.loads(output)
    assert code == 1
    assert data["version"] == 1
    assert data["old"]["kind"] == "agreement" and data["new"]["party"] == "producers"
    assert set(data["stats"]["clauses"]) == {
        "modified",
        "added",
        "deleted",
        "moved",
        "renumbered",
        "unchanged",
    }
    moved = next(c for c in data["clauses"] if c["moved"])
    assert moved["old"]["number"] == "3.B" and moved["new"]["number"] == "2.F"
    assert moved["moved_from"] == {"number": "3.B", "article": "Article 3"}
    assert moved["moved_to"] == {"number": "2.F", "article": "Article 2"}
    assert all(c["moved_from"] is None for c in data["clauses"] if not c["moved"])
    # Every clause of the agreement, plus the two replies to clauses it does not have.
    assert len(data["clauses"]) == 65
    assert "note" not in output.lower().replace("notes", "")


def test_markdown_criticmarkup(tmp_path: Path) -> None:
    target = tmp_path / "redline.md"
    code, output = diff(AGREEMENT, GUILD_1, "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert (code, output) == (1, "")
    assert "{--three--}{++six++} percent {--(3%)--}{++(6%)++}" in text
    assert "| Fewer than 20 million | {--$7,000--}{++$9,500++} |" in text


def test_output_is_atomic_and_inputs_untouched(tmp_path: Path) -> None:
    old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
    shutil.copy(AGREEMENT, old)
    shutil.copy(AGREEMENT, new)
    new.write_text(new.read_text().replace("title: Recognition\n", "titel: Recognition\n"))
    before = (old.read_bytes(), new.read_bytes())
    code, output = diff(str(old), str(new), "-o", str(tmp_path / "out.json"))
    assert code == 2
    assert "unknown key 'titel' in a clause; did you mean 'title'?" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]
    assert (old.read_bytes(), new.read_bytes()) == before


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    old = tmp_path / "a.yaml"
    shutil.copy(AGREEMENT, old)
    before = old.read_bytes()
    same = tmp_path / "same-file"  # a name that implies no format: --format alone decides
    os.link(old, same)
    code, output = diff(str(old), GUILD_1, "-o", str(same), "--format", "json")
    assert code == 2
    assert "would overwrite an input file" in output
    assert old.read_bytes() == before


def test_word_needs_a_file() -> None:
    code, output = diff(AGREEMENT, GUILD_1, "--format", "docx")
    assert code == 2
    assert "DOCX output needs -o FILE.docx" in output


def test_pdf_needs_a_file() -> None:
    code, output = diff(AGREEMENT, GUILD_1, "--format", "pdf")
    assert code == 2
    assert "PDF output needs -o FILE.pdf" in output


def test_html_to_stdout() -> None:
    code, output = diff(AGREEMENT, GUILD_1, "--format", "html")
    assert code == 1
    assert output.startswith("<!DOCTYPE html>")
    assert '<del><span class="cue">[-</span>three<span class="cue">-]</span></del>' in output


def test_negotiation_is_not_diffable() -> None:
    code, output = diff(str(SAMPLES / "negotiation.yaml"), AGREEMENT)
    assert code == 2
    assert "diff compares agreements and proposals, not a negotiation" in output


def test_git_diff_driver_in_a_real_repository(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "talks"
    repo.mkdir()
    for name in ("agreement-2020.yaml", "01-guild-1.yaml"):
        shutil.copy(SAMPLES / name, repo / name)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PYTHONPATH": str(Path(__file__).parent.parent / "src"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
    }

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q")
    (repo / ".gitattributes").write_text("*.yaml diff=contracttools\n")
    git("config", "diff.contracttools.command", f"{sys.executable} -m contracttools git-diff")
    git("add", ".")
    git("commit", "-qm", "opening")
    proposal = repo / "01-guild-1.yaml"
    proposal.write_text(proposal.read_text().replace("six percent (6%)", "seven percent (7%)"))
    output = git("diff")
    assert output.startswith("diff --contracttools a/01-guild-1.yaml b/01-guild-1.yaml\n")
    assert "== Article 2 › 2.A General Increases  [AMEND]" in output
    assert "[-six-]{+seven+} percent [-(6%)-]{+(7%)+}" in output
    # A broken version falls back to a plain diff and says why.
    proposal.write_text(proposal.read_text().replace("action: amend", "action: ammend", 1))
    output = git("diff")
    assert "contracttools: 01-guild-1.yaml:" in output and "did you mean 'amend'?" in output
    assert "-    action: amend" in output and "+    action: ammend" in output
    # A new proposal reads as its changes to the agreement it amends.
    shutil.copy(SAMPLES / "03-guild-2.yaml", repo / "03-guild-2.yaml")
    git("checkout", "01-guild-1.yaml")
    git("add", "03-guild-2.yaml")
    output = git("diff", "--cached")
    assert "diff --contracttools a/03-guild-2.yaml b/03-guild-2.yaml" in output
    assert "increased by [-three-]{+five and one-half+} percent" in output
