"""The git diff driver, set up exactly as docs/git.md says, never stops `git diff`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, invoke

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Return a repository holding the whole sample negotiation, set up as docs/git.md says."""
    folder = tmp_path / "talks"
    shutil.copytree(SAMPLES, folder)
    git(folder, "init", "-q")
    (folder / ".gitattributes").write_text("*.yaml diff=contracttools\n")
    git(
        folder,
        "config",
        "diff.contracttools.command",
        f"{sys.executable} -m contracttools git-diff",
    )
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "opening")
    return folder


def git(folder: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PYTHONPATH": str(Path(__file__).parent.parent / "src"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(folder.parent),
    }
    done = subprocess.run(["git", *args], cwd=folder, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    return done.stdout


def test_a_changed_negotiation_manifest_is_a_plain_diff_with_a_note(repo: Path) -> None:
    manifest = repo / "negotiation.yaml"
    manifest.write_text(
        manifest.read_text().replace("initials: {guild: MK", "initials: {guild: JD")
    )
    output = git(repo, "diff")
    assert output.startswith("diff --contracttools a/negotiation.yaml b/negotiation.yaml\n")
    assert "contracttools: negotiation.yaml: diff compares agreements and proposals" in output
    assert "contracttools: showing a plain diff instead" in output
    assert "-    initials: {guild: MK, producers: CL}" in output
    assert "+    initials: {guild: JD, producers: CL}" in output


def test_a_proposal_whose_agreement_is_gone_is_a_plain_diff(repo: Path) -> None:
    (repo / "agreement-2020.yaml").unlink()
    proposal = repo / "01-guild-1.yaml"
    proposal.write_text(proposal.read_text().replace("six percent (6%)", "seven percent (7%)"))
    output = git(repo, "diff")
    assert "'amends' names 'agreement-2020.yaml', which does not exist" in output
    assert "+      Each minimum set out in this Agreement shall be increased by seven" in output


def test_a_deleted_manifest_and_a_renamed_proposal(repo: Path) -> None:
    git(repo, "rm", "-q", "negotiation.yaml")
    git(repo, "mv", "03-guild-2.yaml", "04-guild-2.yaml")
    output = git(repo, "diff", "--cached", "-M")
    assert "diff --contracttools a/negotiation.yaml b/negotiation.yaml" in output
    assert "-kind: negotiation" in output


@pytest.mark.parametrize("broken", ["missing", "folder"])
def test_an_unreadable_version_is_noted_not_a_traceback(tmp_path: Path, broken: str) -> None:
    old = str(SAMPLES / "01-guild-1.yaml")
    new = str(tmp_path / "nothing.yaml") if broken == "missing" else str(tmp_path)
    code, output = invoke(
        "git-diff", "01-guild-1.yaml", old, "0" * 40, "100644", new, "0" * 40, "100644"
    )
    assert code == 0
    assert "contracttools: showing a plain diff instead" in output
    why = "no such file" if broken == "missing" else "is a folder, not a file"
    assert f"contracttools: {new}: {why}" in output
    assert "-kind: proposal" in output


def test_the_example_in_docs_git_md_is_what_git_diff_prints(repo: Path) -> None:
    proposal = repo / "01-guild-1.yaml"
    proposal.write_text(
        proposal.read_text().replace(
            "increased by six percent (6%)", "increased by seven percent (7%)"
        )
    )
    page = (Path(__file__).parent.parent / "docs" / "git.md").read_text(encoding="utf-8")
    example = page.split("$ git diff\n", 1)[1].split("```", 1)[0]
    assert git(repo, "diff") == example
