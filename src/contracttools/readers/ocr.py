"""Pages without a text layer read by Tesseract (`import --ocr`).

Each page is rendered at 300 dpi by `pdftoppm` (poppler) and read by the `tesseract`
command with the spaces between words kept, so that a wage table's columns stay apart
as `pdftotext -layout` keeps them.  OCR guesses; what it read is checked: the rows of a
table (lines of two or more cells set apart) must all have the same number of cells,
and a row that has not is reported with its page, never mended.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from contracttools.errors import InputProblem
from contracttools.readers.source import Note

DPI = 300
_CELLS = re.compile(r"\s{3,}")


def _need(path: str) -> None:
    for tool, package in (("tesseract", "tesseract-ocr"), ("pdftoppm", "poppler-utils")):
        if shutil.which(tool) is None:
            raise InputProblem(
                path,
                f"--ocr needs {tool} ({package}); install it (scripts/system-packages.sh test "
                "installs it on Debian and Ubuntu) or import without --ocr",
            )


def ocr_page(path: str, page: int, folder: Path) -> str:
    """Return the text Tesseract reads on one page of a PDF."""
    prefix = folder / f"page-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-f",
            str(page),
            "-l",
            str(page),
            "-r",
            str(DPI),
            "-png",
            "-singlefile",
            path,
            str(prefix),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    done = subprocess.run(
        ["tesseract", f"{prefix}.png", "stdout", "--psm", "6", "-c", "preserve_interword_spaces=1"],
        capture_output=True,
        check=False,
        timeout=300,
    )
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputProblem(path, f"page {page}: tesseract failed: {reason[-1] if reason else ''}")
    return done.stdout.decode("utf-8", "replace")


def check_rows(text: str, page: int) -> list[Note]:
    """Return a note for each table row OCR read with another number of cells than its table's."""
    notes: list[Note] = []
    block: list[tuple[int, int]] = []

    def close() -> None:
        if len(block) >= 3:
            usual = Counter(cells for _, cells in block).most_common(1)[0][0]
            for line, cells in block:
                if cells != usual:
                    notes.append(
                        Note(
                            f"page {page}",
                            f"OCR table row at line {line} has {cells} cells where its table "
                            f"has {usual}: check it against the page",
                        )
                    )
        block.clear()

    for number, line in enumerate(text.split("\n"), 1):
        cells = len(_CELLS.split(line.strip())) if line.strip() else 0
        if cells >= 2:
            block.append((number, cells))
        else:
            close()
    close()
    return notes


def ocr_pages(path: str, pages: list[int]) -> tuple[dict[int, str], list[Note]]:
    """Return the text of each page Tesseract could read, and notes on what it read."""
    _need(path)
    read: dict[int, str] = {}
    notes: list[Note] = []
    with tempfile.TemporaryDirectory(prefix="contracttools-ocr-") as folder:
        for page in pages:
            text = ocr_page(path, page, Path(folder))
            if not text.strip():
                continue
            read[page] = text
            notes.extend(check_rows(text, page))
    if read:
        from contracttools.readers.running import pages_named

        notes.insert(0, Note(pages_named(sorted(read)), "read by OCR (Tesseract): check it"))
    return read, notes
