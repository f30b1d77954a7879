"""What a Word file can cost is bounded: parts that unpack beyond the bounds are refused
before and while inflating, and import reads only regular files."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from contracttools.readers.word.package import MAX_PART, MAX_TOTAL
from tests.conftest import invoke
from tests.wordfixtures import make_docx, p


def bomb(path: Path, sizes: dict[str, int]) -> Path:
    """Write a Word file whose parts named in `sizes` unpack to that many bytes of spaces."""
    make_docx(path, p("Wages."))
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name, data in parts.items():
            if name not in sizes:
                target.writestr(name, data)
                continue
            cut = data.index(b"<w:body>") + 8 if name == "word/document.xml" else len(data) - 1
            head, tail = data[:cut], data[cut:]
            with target.open(name, "w", force_zip64=True) as part:
                part.write(head)
                left = sizes[name] - len(head) - len(tail)
                block = b" " * (1 << 20)
                while left > 0:
                    part.write(block[: min(left, len(block))])
                    left -= len(block)
                part.write(tail)
    return path


def test_a_part_that_unpacks_too_far_is_refused(tmp_path: Path) -> None:
    path = bomb(tmp_path / "bomb.docx", {"word/document.xml": MAX_PART + 1})
    assert path.stat().st_size < MAX_PART // 100  # a small file
    out = tmp_path / "out.yaml"
    code, output = invoke("import", str(path), "-o", str(out))
    assert code == 2
    assert output.strip() == (
        f"{path}: word/document.xml unpacks to more than {MAX_PART // 2**20} MB; refused "
        "(a Word document's text is far smaller: the file may be built to exhaust memory, "
        "a zip bomb)"
    )
    assert not out.exists()


def test_parts_that_unpack_too_far_together_are_refused(tmp_path: Path) -> None:
    each = MAX_TOTAL // 2 + 1
    assert each < MAX_PART
    path = bomb(tmp_path / "bomb.docx", {"word/document.xml": each, "word/styles.xml": each})
    code, output = invoke("import", str(path))
    assert code == 2
    assert f"the document unpacks to more than {MAX_TOTAL // 2**20} MB; refused" in output


def test_a_header_that_understates_a_part_is_caught_while_inflating(tmp_path: Path) -> None:
    path = bomb(tmp_path / "bomb.docx", {"word/document.xml": MAX_PART + 1})
    data = bytes(path.read_bytes())
    # The local header's zip64 field and the central directory both say 1,000 bytes.
    for width in (8, 4):
        real = (MAX_PART + 1).to_bytes(width, "little")
        assert data.count(real) == 1
        data = data.replace(real, (1000).to_bytes(width, "little"))
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1000
    code, output = invoke("import", str(path))
    assert code == 2
    assert output.strip() == (
        f"{path}: is corrupt: cannot unpack word/document.xml "
        "(Bad CRC-32 for file 'word/document.xml')"
    )


def test_a_bomb_costs_little_time_and_memory(tmp_path: Path) -> None:
    path = bomb(tmp_path / "bomb.docx", {"word/document.xml": 4 * MAX_PART})

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    done = subprocess.run(
        [sys.executable, "-m", "contracttools", "import", str(path)],
        capture_output=True, text=True, timeout=20, preexec_fn=limit, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "unpacks to more than" in done.stderr


@pytest.mark.parametrize(
    "make, what",
    [
        (lambda path: os.mkfifo(path), "a FIFO (named pipe)"),
        (lambda path: path.mkdir(), "a folder"),
    ],
)
@pytest.mark.parametrize("name", ["a.docx", "a.pdf", "a.txt"])
def test_import_refuses_what_is_not_a_file(
    tmp_path: Path, make: object, what: str, name: str
) -> None:
    path = tmp_path / name
    make(path)  # type: ignore[operator]
    result: list[tuple[int, str]] = []
    worker = threading.Thread(target=lambda: result.append(invoke("import", str(path))))
    worker.start()
    worker.join(10)
    if worker.is_alive():
        with open(path, "w"):
            pass
        worker.join()
        pytest.fail("import blocked")
    code, output = result[0]
    assert code == 2
    assert what in output or "is a directory" in output, output


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_import_refuses_a_device(tmp_path: Path, device: str) -> None:
    link = tmp_path / "device.docx"
    link.symlink_to(device)
    code, output = invoke("import", str(link))
    assert code == 2
    assert output.strip() == f"{link}: is a character device, not a file; give a document file"
