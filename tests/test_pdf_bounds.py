"""What a PDF can cost is bounded: pdftotext runs within a memory and an output bound, and
past either the PDF is refused, with no output written."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from contracttools.readers import pdf
from tests.conftest import invoke

LINE = b"(Wages shall be paid on the first and the fifteenth day of each month.) Tj 0 -12 Td\n"


def many_pages(path: Path, pages: int) -> Path:
    """Write a PDF of `pages` pages that all draw one content stream of 60 lines of text:
    a small file whose text is some 4 KB a page."""
    content = zlib.compress(b"BT /F1 9 Tf 1 0 0 1 36 760 Tm " + LINE * 60 + b"ET\n")
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>"
    )
    objects += [page] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def test_a_pdf_giving_more_text_than_the_bound_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 400 pages of some 4.3 KB of text each (72 characters and a line end, 60 lines) is
    # some 1.7 MB of text, past a bound of 1 MB; the file itself is under 100 KB.
    path = many_pages(tmp_path / "many.pdf", 400)
    assert path.stat().st_size < 100_000
    monkeypatch.setattr(pdf, "PDFTOTEXT_OUTPUT", 1 << 20)
    out = tmp_path / "out.yaml"
    code, output = invoke("import", str(path), "-o", str(out))
    assert code == 2, output
    assert output.strip() == (
        f"{path}: gives more than 1 MB of text; refused (the file may be built to exhaust "
        "the machine)"
    )
    assert not out.exists()


def test_the_same_pdf_within_the_bound_is_read(tmp_path: Path) -> None:
    path = many_pages(tmp_path / "some.pdf", 3)
    text = pdf.pdf_text(str(path))
    assert text.count("Wages shall be paid on the first and the fifteenth day") == 180


def test_pdftotext_past_its_memory_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pdftotext given 4 MB of address space cannot even map its libraries: the PDF is
    # refused for the memory it would take, never a traceback.
    path = many_pages(tmp_path / "some.pdf", 3)
    monkeypatch.setattr(pdf, "PDFTOTEXT_MEMORY", 4 << 20)
    out = tmp_path / "out.yaml"
    code, output = invoke("import", str(path), "-o", str(out))
    assert code == 2, output
    assert output.strip() == (
        f"{path}: reading it takes pdftotext more than 4 MB of memory; refused (the file "
        "may be built to exhaust the machine)"
    )
    assert not out.exists()
