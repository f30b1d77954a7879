"""A PDF's text that a viewer does not show is left out of the import and reported:
render mode 3, white on a white page, under 2 points; an OCR layer over a scan is kept."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
import yaml

from contracttools.readers.pdf import read_pdf
from tests.conftest import invoke

SHOWN = "1.1 Discipline. The Employer may discharge an employee only for just cause."


def pdf_of(path: Path, content: bytes, image: bool = False) -> Path:
    """Write a one-page PDF drawing `content` (Helvetica as /F1; a 2 x 2 grey image as
    /Im1 when `image`)."""
    stream = zlib.compress(content)
    resources = b"/Font << /F1 4 0 R >>" + (b" /XObject << /Im1 5 0 R >>" if image else b"")
    pixels = zlib.compress(b"\x80" * 4)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(pixels)
        + pixels
        + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << %s >> "
        b"/Contents 3 0 R >>" % resources,
    ]
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


def line(text: str, x: float, y: float, before: bytes = b"", size: float = 11) -> bytes:
    """A line of text; `before` sets its state, saved and restored around it (q, Q)."""
    return b"q BT %s /F1 %g Tf %g %g Td (%s) Tj ET Q\n" % (before, size, x, y, text.encode())


def visible(extra: bytes) -> bytes:
    """The printed clause, "not" drawn between "may" and "discharge" by `extra`'s state."""
    return (
        line("1.1 Discipline. The Employer may", 72, 700)
        + extra
        + line("discharge an employee only for just cause.", 72, 686)
    )


def imported(tmp_path: Path, pdf: Path) -> tuple[str, str]:
    out = tmp_path / "out.yaml"
    code, output = invoke("import", str(pdf), "-o", str(out))
    assert code == 0, output
    clauses = yaml.safe_load(out.read_text())["clauses"]
    text = " ".join(
        " ".join(str(c.get(k) or "") for k in ("number", "title", "text")) for c in clauses
    )
    return " ".join(text.split()), output


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        (b"3 Tr", "invisible (render mode 3)"),
        (b"7 Tr", "invisible (render mode 3)"),
        (b"1 g", "white, on a white page"),
        (b"1 1 1 rg", "white, on a white page"),
        (b"0 0 0 0 k", "white, on a white page"),
        (b"/DeviceRGB cs 1 1 1 sc", "white, on a white page"),
    ],
)
def test_hidden_text_is_left_out_and_named(tmp_path: Path, state: bytes, reason: str) -> None:
    pdf = pdf_of(tmp_path / "hidden.pdf", visible(line("not", 260, 700, before=state)))
    text, output = imported(tmp_path, pdf)
    assert "not" not in text.split()
    assert "The Employer may discharge an employee only for just cause." in text
    assert f"p. 1: left out text a PDF viewer does not show ({reason}): \u201cnot\u201d" in output


def test_text_under_two_points_is_left_out(tmp_path: Path) -> None:
    # 0.5 pt set directly, and 10 pt scaled by a text matrix of 0.1 (1 pt): both unseen;
    # 1 pt scaled up ten times by the transformation matrix (10 pt) is printed.
    tiny = line("not", 260, 700, size=0.5) + b"BT /F1 10 Tf 0.1 0 0 0.1 275 700 Tm (never) Tj ET\n"
    big = b"q 10 0 0 10 0 0 cm BT /F1 1 Tf 7.2 66 Td (Wages.) Tj ET Q\n"
    pdf = pdf_of(tmp_path / "tiny.pdf", visible(tiny) + big)
    text, output = imported(tmp_path, pdf)
    assert "not" not in text.split() and "never" not in text.split()
    assert "Wages." in text
    note = next(n for n in output.splitlines() if "viewer does not show" in n)
    assert "p. 1: left out text a PDF viewer does not show (under 2 points): \u201c" in note
    assert "not" in note.split(": ")[-1] and "never" in note.split(": ")[-1]


def test_white_text_on_a_dark_box_is_kept(tmp_path: Path) -> None:
    # A table header printed white on a navy box: a viewer shows it.
    header = b"0 0 0.5 rg 60 640 300 20 re f\n" + line("Range Step 1", 72, 646, before=b"1 g")
    pdf = pdf_of(tmp_path / "header.pdf", visible(b"") + header)
    text, output = imported(tmp_path, pdf)
    assert "Range Step 1" in text
    assert "viewer does not show" not in output


def test_an_ocr_layer_over_a_scan_is_read_and_said(tmp_path: Path) -> None:
    # A scanned page made searchable: the image, and the words over it in render mode 3.
    scan = b"q 612 0 0 792 0 0 cm /Im1 Do Q\n"
    words = visible(b"").replace(b"BT ", b"BT 3 Tr ")
    pdf = pdf_of(tmp_path / "scan.pdf", scan + words, image=True)
    text, output = imported(tmp_path, pdf)
    assert SHOWN in text
    assert "p. 1: the text is an invisible layer over an image" in output
    assert "viewer does not show" not in output


def test_a_plain_pdf_says_nothing_of_hidden_text(tmp_path: Path) -> None:
    pdf = pdf_of(tmp_path / "plain.pdf", visible(b""))
    source = read_pdf(str(pdf))
    assert not [n for n in source.notes if "viewer" in n.message or "OCR" in n.message]


def test_right_to_left_text_is_named(tmp_path: Path) -> None:
    # pdftotext gives Hebrew in the order it was drawn: the page is named for a check.
    from contracttools.readers.pdf import _right_to_left

    notes = _right_to_left(["Wages.", "\u05e9\u05db\u05e8 Wages", "Hours."], 3)
    assert [(n.where, n.message.split(":")[0]) for n in notes] == [
        ("p. 4", "right-to-left text (Hebrew, Arabic or another such script)")
    ]
    assert _right_to_left(["Caf\u00e9 wages \u2014 \u00a7 4."], 1) == []
