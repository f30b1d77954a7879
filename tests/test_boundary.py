"""The file boundary: inputs are never written, outputs are whole, private where confidential,
and nothing that is not a regular file is read as a contract file."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import threading
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, invoke


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """Return a private copy of the sample negotiation."""
    folder = tmp_path / "wga"
    shutil.copytree(SAMPLES, folder)
    return folder


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize(
    "args, target",
    [
        # the agreement a proposal amends (never named on the command line)
        (
            ["diff", "01-guild-1.yaml", "02-producers-1.yaml", "--format", "json"],
            "agreement-2020.yaml",
        ),
        # another proposal of the negotiation (read through the manifest)
        (["diff", "01-guild-1.yaml", "02-producers-1.yaml", "--format", "json"], "03-guild-2.yaml"),
        # the manifest of a folder given as the negotiation
        (["summary", ".", "--format", "markdown"], "negotiation.yaml"),
        (["summary", ".", "--format", "markdown"], "agreement-2020.yaml"),
        (["packet", "02-producers-1.yaml", "--format", "html"], "agreement-2020.yaml"),
        (["packet", "02-producers-1.yaml", "--format", "html"], "negotiation.yaml"),
    ],
)
def test_never_writes_a_file_the_run_read(
    samples: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], target: str
) -> None:
    monkeypatch.chdir(samples)
    os.link(target, "same-file")  # a name that implies no format: --format alone decides
    before = contents(samples)
    code, output = invoke(*args, "-o", "same-file")
    assert code == 2
    assert "same-file: would overwrite an input file" in output
    assert contents(samples) == before


def test_never_writes_an_input_through_a_link(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(samples)
    os.symlink("agreement-2020.yaml", "link.md")
    os.link("01-guild-1.yaml", "hard.md")
    before = (samples / "agreement-2020.yaml").read_bytes()
    for target in ("link.md", "hard.md"):
        code, output = invoke("diff", "01-guild-1.yaml", "02-producers-1.yaml", "-o", target)
        assert code == 2, target
        assert "would overwrite an input file" in output
    assert (samples / "agreement-2020.yaml").read_bytes() == before
    assert os.path.islink("link.md")


def test_a_link_to_an_output_is_followed_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n")
    (tmp_path / "link.md").symlink_to(real)
    code, _ = invoke(
        "diff", str(SAMPLES / "01-guild-1.yaml"), str(SAMPLES / "02-producers-1.yaml"),
        "-o", str(tmp_path / "link.md"),
    )  # fmt: skip
    assert code == 1
    assert (tmp_path / "link.md").is_symlink()
    assert real.read_text().startswith("# Redline")


def run_diff_to(target: str) -> tuple[int, str]:
    return invoke(
        "diff", str(SAMPLES / "01-guild-1.yaml"), str(SAMPLES / "02-producers-1.yaml"),
        "--format", "markdown", "-o", target,
    )  # fmt: skip


def test_output_at_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    code, output = run_diff_to(str(tmp_path))
    assert code == 2
    assert output.strip() == f"{tmp_path}: is a folder; give a file name"


@pytest.mark.parametrize("target", ["/proc/x.md", "/proc/self/status", "/nonexistent/x.md"])
def test_output_where_nothing_can_be_written(target: str) -> None:
    code, output = run_diff_to(target)
    assert code == 2
    assert output.startswith(f"{target}: ")
    assert len(output.strip().splitlines()) == 1


def test_output_on_a_read_only_file_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(*args: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", read_only)
    code, output = run_diff_to(str(tmp_path / "x.md"))
    assert code == 2
    assert output.strip() == f"{tmp_path / 'x.md'}: cannot write here: Read-only file system"
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_output_into_a_device_writes_into_it_and_leaves_it_a_device() -> None:
    code, output = run_diff_to("/dev/null")
    assert (code, output) == (1, "")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_outputs_respect_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        run_diff_to(str(tmp_path / "x.md"))
    finally:
        os.umask(previous)
    assert mode(tmp_path / "x.md") == 0o640


def test_a_replaced_output_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    target.write_text("old")
    target.chmod(0o600)
    run_diff_to(str(target))
    assert mode(target) == 0o600
    assert target.read_text().startswith("# Redline")


@pytest.mark.parametrize(
    "args",
    [
        ["summary", str(SAMPLES), "--team-copy", "-o", "team.md"],
        ["packet", str(SAMPLES / "02-producers-1.yaml"), "--include-notes", "-o", "team.html"],
    ],
)
def test_a_new_team_copy_is_readable_by_its_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    previous = os.umask(0o022)
    try:
        code, _ = invoke(*args)
    finally:
        os.umask(previous)
    assert code == 0
    assert mode(tmp_path / args[-1]) == 0o600


def test_check_refuses_a_device() -> None:
    code, output = invoke("check", "/dev/zero")
    assert code == 2
    assert output.splitlines()[0] == (
        "/dev/zero:1:1: is a character device, not a file; give a file"
    )


def test_check_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result: list[tuple[int, str]] = []
    worker = threading.Thread(target=lambda: result.append(invoke("check", str(fifo))))
    worker.start()
    worker.join(10)
    if worker.is_alive():  # unblock the reader before failing
        with open(fifo, "w"):
            pass
        worker.join()
        pytest.fail("check blocked on a FIFO")
    assert result[0][0] == 2
    assert f"{fifo}:1:1: is a FIFO (named pipe), not a file; give a file" in result[0][1]


def test_check_refuses_a_huge_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from contracttools.readers import files

    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_text("kind: agreement\n" + "# padding\n" * 200)
    code, output = invoke("check", str(big))
    assert code == 2
    assert output.startswith(f"{big}:1:1: is larger than")


def test_never_writes_over_a_template(tmp_path: Path) -> None:
    from contracttools.templating import template_folders

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.html").write_text("kept")
    shipped = template_folders()[0] / "packet.html.j2"
    before = shipped.read_bytes()
    proposal = str(SAMPLES / "02-producers-1.yaml")
    for target in (mine / "notes.html", shipped):
        code, output = invoke(
            "packet", proposal, "--templates", str(mine), "-o", str(target), "--format", "html"
        )
        assert code == 2
        assert f"{target}: would overwrite a template in " in output
    assert (mine / "notes.html").read_text() == "kept"
    assert shipped.read_bytes() == before
