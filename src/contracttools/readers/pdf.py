"""PDF contracts through `pdftotext -layout` (poppler-utils), page by page.

Running headers and footers (a line at the top or bottom of most pages, its figures
aside) and page numbers are dropped before the text is read as plain text.  A PDF with
no text layer is a scan: it needs OCR first.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from dataclasses import replace

from contracttools.errors import InputProblem
from contracttools.readers.plain import read_pages
from contracttools.readers.source import Note, Source

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-\u2013\u2014]?\s*\d+\s*[-\u2013\u2014]?(?:\s+of\s+\d+)?$|^[ivxlc]+$",
    re.IGNORECASE,
)
EDGE = 3
"""How many lines at the top and bottom of a page may be a running header or footer."""


def pdf_text(path: str) -> str:
    """Return the text of a PDF as pdftotext lays it out, pages separated by form feeds."""
    if shutil.which("pdftotext") is None:
        raise InputProblem(path, "reading a PDF needs pdftotext (poppler-utils); install it")
    try:
        done = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", path, "-"],
            capture_output=True,
            check=False,
            timeout=600,
        )
    except subprocess.TimeoutExpired:
        raise InputProblem(path, "pdftotext took more than 10 minutes") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else f"pdftotext exit status {done.returncode}"
        if "password" in reason.lower():
            reason = "is password-protected; save an unprotected copy and import that"
        raise InputProblem(path, f"cannot read this PDF: {reason}")
    # Zero-width spaces (U+200B) stand between the columns of some exports: a space.
    return done.stdout.decode("utf-8", "replace").replace("\u200b", " ")


def read_pdf(path: str) -> Source:
    """Read a PDF contract."""
    text = pdf_text(path)
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    if not any(page.strip() for page in pages):
        raise InputProblem(
            path,
            "has no text layer (it is a scan or made of images); run OCR first "
            "(for example: ocrmypdf FILE.pdf text.pdf) and import the result",
        )
    kept, notes = strip_running(pages)
    source = read_pages(path, kept, markdown=False)
    return replace(source, notes=(*notes, *source.notes))


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def strip_running(pages: list[str]) -> tuple[list[str], list[Note]]:
    """Return pages without running headers, footers and page numbers, and what was dropped."""
    split = [page.split("\n") for page in pages]
    edges: Counter[str] = Counter()
    for lines in split:
        filled = [line for line in lines if line.strip()]
        edges.update({_shape(line) for line in filled[:EDGE] + filled[-EDGE:]})
    threshold = max(2, (len(pages) + 1) // 2)
    running = {shape for shape, count in edges.items() if count >= threshold}
    notes: list[Note] = []
    dropped: Counter[str] = Counter()
    example: dict[str, str] = {}
    kept_pages = []
    for lines in split:
        positions = [i for i, line in enumerate(lines) if line.strip()]
        edge = set(positions[:EDGE] + positions[-EDGE:])
        kept = []
        for i, line in enumerate(lines):
            shape = _shape(line)
            if i in edge and (shape in running or _PAGE_NUMBER.match(line.strip())):
                if shape in running:
                    dropped[shape] += 1
                    example.setdefault(shape, " ".join(line.split()))
                continue
            kept.append(line)
        kept_pages.append("\n".join(kept))
    for shape, count in dropped.items():
        notes.append(
            Note(
                "every page" if count == len(pages) else f"{count} of {len(pages)} pages",
                f"dropped '{example[shape][:60]}' as a running header or footer",
            )
        )
    return kept_pages, notes
