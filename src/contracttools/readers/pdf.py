"""PDF contracts through `pdftotext -layout` (poppler-utils), page by page.

Running headers and footers (a line at the top or bottom of most pages, its figures
aside), page numbers and e-signature audit trails are dropped before the text is read
as plain text (`running`).  Pages with next to no text that hold images (a scanned
salary schedule) are named, or read by OCR with `ocr`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace

from contracttools.errors import InputProblem
from contracttools.readers.plain import read_pages
from contracttools.readers.running import pages_named, strip_running
from contracttools.readers.source import Note, Source

UNREAD_WORDS = 25
"""A page with fewer words than this (running lines aside) that holds images was not read."""


def pdf_text(path: str, first: int = 1, last: int | None = None) -> str:
    """Return the text of a PDF as pdftotext lays it out, pages separated by form feeds."""
    if shutil.which("pdftotext") is None:
        raise InputProblem(path, "reading a PDF needs pdftotext (poppler-utils); install it")
    span = ["-f", str(first)] + (["-l", str(last)] if last is not None else [])
    try:
        done = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", *span, path, "-"],
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


def page_count(path: str) -> int:
    """Return how many pages a PDF has (pdfinfo)."""
    done = subprocess.run(["pdfinfo", path], capture_output=True, check=False, timeout=60)
    found = re.search(rb"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
    if done.returncode != 0 or found is None:
        raise InputProblem(path, "cannot read this PDF: pdfinfo finds no page count")
    return int(found.group(1))


def image_pages(path: str, pages: list[int]) -> set[int]:
    """Return which of the given pages hold images (pdfimages -list), one run per page span."""
    found: set[int] = set()
    if shutil.which("pdfimages") is None:
        return found
    runs: list[list[int]] = []
    for page in sorted(pages):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    for run in runs:
        done = subprocess.run(
            ["pdfimages", "-f", str(run[0]), "-l", str(run[-1]), "-list", path],
            capture_output=True,
            check=False,
            timeout=120,
        )
        for row in done.stdout.decode("utf-8", "replace").splitlines()[2:]:
            cells = row.split()
            if cells and cells[0].isdigit():
                found.add(int(cells[0]))
    return found


def read_pdf(path: str, pages: tuple[int, int] | None = None, ocr: bool = False) -> Source:
    """Read a PDF contract, or the pages `pages` (first, last; 1-based) of it.

    Pages with (next to) no text that hold images are named in the notes; with `ocr`
    they are read by Tesseract instead.
    """
    first, last = pages if pages is not None else (1, None)
    if pages is not None:
        count = page_count(path)
        if first > count:
            raise InputProblem(path, f"--pages {first}-{last}: the PDF has {count} pages")
        last = min(last or count, count)
    texts = pdf_text(path, first, last).split("\f")
    if texts and not texts[-1].strip():
        texts = texts[:-1]
    kept, notes = strip_running(texts, first)
    thin = [first + i for i, page in enumerate(kept) if len(page.split()) < UNREAD_WORDS]
    images = image_pages(path, thin) if thin else set()
    unread = [page for page in thin if page in images]
    blank = [page for page in thin if not kept[page - first].strip() and page not in images]
    if unread and ocr:
        from contracttools.readers.ocr import ocr_pages

        read, ocr_notes = ocr_pages(path, unread)
        for page, text in read.items():
            kept[page - first] = text
        notes.extend(ocr_notes)
        unread = [page for page in unread if page not in read]
    if not any(page.strip() for page in kept):
        raise InputProblem(
            path,
            "has no text layer (it is a scan or made of images); import it with --ocr, or "
            "run OCR first (for example: ocrmypdf FILE.pdf text.pdf) and import the result",
        )
    if unread:
        notes.append(
            Note(
                pages_named(unread),
                "no text layer (images?): not read"
                + ("" if ocr else "; --ocr reads such pages with Tesseract"),
            )
        )
    if blank:
        notes.append(Note(pages_named(blank), "blank: no text"))
    source = read_pages(path, kept, markdown=False, first=first)
    return replace(source, notes=(*notes, *source.notes))
