"""Exit statuses mean what they say: an interrupt is 130 (never 1, which `diff` uses for
"different"), a standard output that fails is a one-line message and 2, never a
traceback; the git driver prints file names as git quotes them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, invoke

OLD, NEW = str(SAMPLES / "agreement-2020.yaml"), str(SAMPLES / "03-guild-2.yaml")


def run(*args: str, stdout: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "contracttools", *args],
        stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("args", [["diff", OLD, NEW], ["check", str(SAMPLES)]])
def test_a_full_standard_output_is_an_error(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = run(*args, stdout=full.fileno())
    assert done.returncode == 2
    assert done.stderr == "cannot write to standard output: No space left on device\n"


def test_a_closed_standard_output_is_an_error() -> None:
    read, write = os.pipe()
    os.close(read)  # as `| head -c1` does once it has its byte
    try:
        done = run("diff", OLD, NEW, stdout=write)
    finally:
        os.close(write)
    assert done.returncode == 2
    assert done.stderr == "cannot write to standard output: Broken pipe\n"


def test_an_error_writing_a_named_file_is_not_called_standard_output(tmp_path: Path) -> None:
    done = run("diff", OLD, NEW, "-o", "/dev/full", stdout=subprocess.PIPE)
    assert done.returncode == 2
    assert "standard output" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [["diff", OLD, NEW], ["check", str(SAMPLES)]])
def test_an_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    from contracttools.readers import files

    def interrupted(path: str) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "read_file", interrupted)
    code, output = invoke(*args)
    assert code == 130
    assert output == "interrupted\n"


def test_a_real_interrupt_exits_130(tmp_path: Path) -> None:
    script = (
        "import os, signal, sys\n"
        "from contracttools.readers import files\n"
        "def stop(path):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "files.read_file = stop\n"
        "from contracttools.cli import main\n"
        "sys.argv = ['contracttools', 'check', sys.argv[1]]\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(SAMPLES)], capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 130
    assert done.stderr == "interrupted\n"


@pytest.mark.parametrize(
    "name, header",
    [
        ("plain.yaml", "diff --contracttools a/plain.yaml b/plain.yaml"),
        ("x\x1b[2Jy.yaml", 'diff --contracttools "a/x\\033[2Jy.yaml" "b/x\\033[2Jy.yaml"'),
        (
            "a\u202ez.yaml",
            'diff --contracttools "a/a\\342\\200\\256z.yaml" "b/a\\342\\200\\256z.yaml"',
        ),
        ('q"\\\t\n.yaml', 'diff --contracttools "a/q\\"\\\\\\t\\n.yaml" "b/q\\"\\\\\\t\\n.yaml"'),
    ],
)
def test_the_git_driver_quotes_file_names_as_git_does(
    tmp_path: Path, name: str, header: str
) -> None:
    old, new = SAMPLES / "01-guild-1.yaml", SAMPLES / "02-producers-1.yaml"
    code, output = invoke(
        "git-diff", name, str(old), "0" * 40, "100644", str(new), "1" * 40, "100644"
    )
    assert code == 0
    assert output.splitlines()[0] == header
    assert "\x1b[2J" not in output and "\u202e" not in output


def test_git_quotes_names_the_same_way(tmp_path: Path) -> None:
    """Our quoting is git's own: `git diff --no-index` prints the name as we do."""
    name = "x\x1by\u202e.yaml"
    (tmp_path / name).write_text("a\n")
    (tmp_path / "b.yaml").write_text("b\n")
    done = subprocess.run(
        ["git", "diff", "--no-index", "--no-color", name, "b.yaml"], cwd=tmp_path,
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    from contracttools.commands.git_diff import quoted

    assert f"--- {quoted('a/' + name)}" in done.stdout.splitlines()


def fifo(path: Path) -> None:
    os.mkfifo(path)


def device(path: Path) -> None:
    path.symlink_to("/dev/zero")


SPECIAL = {"a FIFO (named pipe)": fifo, "a character device": device}


@pytest.mark.parametrize("what", list(SPECIAL))
@pytest.mark.parametrize(
    "args",
    [
        ["check", "{x}"],
        ["diff", "{x}", NEW],
        ["diff", OLD, "{x}"],
        ["packet", "{x}", "-o", "{x}.html"],
        ["render", "{x}", "-o", "{x}.html"],
        ["summary", "{x}"],
        ["track", "{x}"],
        ["conform", "{x}"],
        ["import", "{x}"],
    ],
)
def test_every_command_refuses_what_is_not_a_file(
    tmp_path: Path, what: str, args: list[str]
) -> None:
    import threading

    path = tmp_path / "thing.yaml"
    if args[0] == "import":
        path = tmp_path / "thing.docx"
    SPECIAL[what](path)
    argv = [a.replace("{x}", str(path)) for a in args]
    result: list[tuple[int, str]] = []
    worker = threading.Thread(target=lambda: result.append(invoke(*argv)))
    worker.start()
    worker.join(20)
    if worker.is_alive():
        with open(path, "w"):
            pass
        worker.join()
        pytest.fail(f"{args[0]} blocked on {what}")
    code, output = result[0]
    assert code == 2, output
    assert f"{path}" in output and f"is {what}, not a file" in output, output


def test_the_git_driver_does_not_block_on_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "new.yaml"
    os.mkfifo(fifo)
    old = str(SAMPLES / "01-guild-1.yaml")
    args = ["git-diff", "x.yaml", old, "0" * 40, "100644", str(fifo), "1" * 40, "100644"]
    done = subprocess.run(
        [sys.executable, "-m", "contracttools", *args], capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0
    assert f"contracttools: {fifo}: is a FIFO (named pipe), not a file" in done.stdout
