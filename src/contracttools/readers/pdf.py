"""PDF contracts through `pdftotext -layout` (poppler-utils), page by page.

Running headers and footers (a line at the top or bottom of most pages, its figures
aside), page numbers and e-signature audit trails are dropped before the text is read
as plain text (`running`).  Pages with next to no text that hold images (a scanned
salary schedule) are named, or read by OCR with `ocr`.
"""

from __future__ import annotations

import re
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from contracttools.errors import InputProblem
from contracttools.readers.pdf_hidden import Page, left_out, scan, without
from contracttools.readers.plain import read_pages
from contracttools.readers.running import pages_named, strip_running
from contracttools.readers.source import Note, Source

UNREAD_WORDS = 25
"""A page with fewer words than this (running lines aside) that holds images was not read."""


PDFTOTEXT_MEMORY = 1 << 30
"""The address space pdftotext may use (1 GB): a page built to make it hold billions of
words is refused, not allowed to take the machine."""
PDFTOTEXT_OUTPUT = 64 << 20
"""The most text pdftotext may give (64 MB; a 400-page agreement is some 3 MB)."""
PDFTOTEXT_SECONDS = 600


def pdf_text(path: str, first: int = 1, last: int | None = None) -> str:
    """Return the text of a PDF as pdftotext lays it out, pages separated by form feeds.

    pdftotext runs with at most PDFTOTEXT_MEMORY of memory, PDFTOTEXT_OUTPUT of text and
    PDFTOTEXT_SECONDS; past any of them the PDF is refused, saying which.
    """
    if shutil.which("pdftotext") is None:
        raise InputProblem(path, "reading a PDF needs pdftotext (poppler-utils); install it")
    span = ["-f", str(first)] + (["-l", str(last)] if last is not None else [])
    out = _bounded(["pdftotext", "-layout", "-enc", "UTF-8", *span, path, "-"], path)
    # Zero-width spaces (U+200B) stand between the columns of some exports: a space.
    return out.decode("utf-8", "replace").replace("\u200b", " ")


def _limit_memory() -> None:  # pragma: no cover - runs in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (PDFTOTEXT_MEMORY, PDFTOTEXT_MEMORY))


def _bounded(command: list[str], path: str) -> bytes:
    """Run pdftotext within its bounds and return its output, or refuse the PDF."""
    bomb = "; refused (the file may be built to exhaust the machine)"
    with tempfile.TemporaryFile() as errors:
        try:
            child = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=errors, preexec_fn=_limit_memory
            )
        except OSError as problem:
            raise InputProblem(path, f"cannot run pdftotext: {problem.strerror}") from None
        assert child.stdout is not None
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + PDFTOTEXT_SECONDS
        too_much = False
        with child:
            while chunk := child.stdout.read(1 << 20):
                size += len(chunk)
                if size > PDFTOTEXT_OUTPUT:
                    too_much = True
                    child.kill()
                    break
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    child.kill()
                    raise InputProblem(path, "pdftotext took more than 10 minutes") from None
            try:
                code = child.wait(timeout=max(1.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                raise InputProblem(path, "pdftotext took more than 10 minutes") from None
        if too_much:
            mb = PDFTOTEXT_OUTPUT >> 20
            raise InputProblem(path, f"gives more than {mb} MB of text{bomb}")
        errors.seek(0)
        message = errors.read().decode("utf-8", "replace").strip().splitlines()
    if code != 0:
        signs = ("memory", "bad_alloc", "failed to map")
        memory = code == -signal.SIGABRT or any(
            sign in line.lower() for line in message for sign in signs
        )
        if memory:
            mb = PDFTOTEXT_MEMORY >> 20
            raise InputProblem(
                path, f"reading it takes pdftotext more than {mb:,} MB of memory{bomb}"
            )
        reason = message[-1] if message else f"pdftotext exit status {code}"
        if code < 0:
            reason = f"pdftotext stopped by signal {-code}"
        if "password" in reason.lower():
            reason = "is password-protected; save an unprotected copy and import that"
        raise InputProblem(path, f"cannot read this PDF: {reason}")
    return b"".join(chunks)


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


def _scan(path: str, first: int, last: int | None) -> tuple[list[Page], list[Note]]:
    """Return the pages that hide text from a viewer, or a note that they could not be
    looked for (a PDF pdftotext reads but the scan cannot parse)."""
    try:
        return scan(path, first, last), []
    except Exception as problem:  # any failure of the scan is reported, never raised
        reason = (
            str(problem).strip().splitlines()[0] if str(problem).strip() else type(problem).__name__
        )
        return [], [
            Note("the whole file", f"not checked for text a PDF viewer does not show: {reason}")
        ]


def _leave_out_hidden(path: str, pages: list[Page], texts: list[str], first: int) -> list[Note]:
    """Replace in `texts` the pages that hide text by their text without it; return the
    notes that say what was left out where, and which pages are an OCR layer."""
    notes: list[Note] = []
    ocr = [p.number for p in pages if p.ocr_layer]
    if ocr:
        notes.append(
            Note(
                pages_named(ocr),
                "the text is an invisible layer over an image (a scan made searchable by "
                "OCR): read as the page's text; check it against the page",
            )
        )
    hiding = [p for p in pages if p.hidden and 0 <= p.number - first < len(texts)]
    if not hiding:
        return notes
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "shown.pdf"
        numbers = without(path, hiding, target)
        shown = pdf_text(str(target)).split("\f")
    by_reason: dict[str, tuple[list[int], list[str]]] = {}
    for number, text, page in zip(numbers, shown, hiding, strict=False):
        before = texts[number - first]
        texts[number - first] = text
        pieces = left_out(before, text)
        for reason in page.reasons:
            pages_of, samples = by_reason.setdefault(reason, ([], []))
            pages_of.append(number)
            samples.extend(pieces)
    for reason, (pages_of, samples) in by_reason.items():
        distinct = list(dict.fromkeys(samples))
        shown_samples = ", ".join(f"\u201c{piece}\u201d" for piece in distinct[:5])
        more = f" and {len(distinct) - 5} more" if len(distinct) > 5 else ""
        notes.append(
            Note(
                pages_named(pages_of),
                f"left out text a PDF viewer does not show ({reason}): "
                + (f"{shown_samples}{more}" if distinct else "no words"),
            )
        )
    return notes


_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
"""Hebrew, Arabic, Syriac, Thaana, N'Ko and the other right-to-left blocks."""


def _right_to_left(texts: list[str], first: int) -> list[Note]:
    """Name the pages holding right-to-left script (Hebrew, Arabic, ...): pdftotext lays
    such text out in the order it was drawn, which may not be the order it is read in."""
    pages = [first + index for index, text in enumerate(texts) if _RIGHT_TO_LEFT.search(text)]
    if not pages:
        return []
    return [
        Note(
            pages_named(pages),
            "right-to-left text (Hebrew, Arabic or another such script): its words may "
            "be out of reading order; check them against the page",
        )
    ]


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
    with ThreadPoolExecutor(1) as pool:  # the scan runs while pdftotext does
        scanning = pool.submit(_scan, path, first, last)
        texts = pdf_text(path, first, last).split("\f")
        hiding, hidden_notes = scanning.result()
    if texts and not texts[-1].strip():
        texts = texts[:-1]
    hidden_notes.extend(_leave_out_hidden(path, hiding, texts, first))
    hidden_notes.extend(_right_to_left(texts, first))
    kept, notes = strip_running(texts, first)
    notes[:0] = hidden_notes
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
