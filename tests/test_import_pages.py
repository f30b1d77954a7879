"""PDF pages that cannot be read as text: named, or read with --ocr; --pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from contracttools.readers import load_agreement
from tests.conftest import invoke

SENTENCE = "The Employer shall meet with the Union on request within ten (10) days. " * 3
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _picture(path: Path, lines: list[str]) -> Path:
    """Write a PNG of black text on white (what a scanned page is), 150 dpi letter width."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1275, 90 * len(lines) + 100), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 40)
    for n, line in enumerate(lines):
        draw.text((60, 50 + 90 * n), line, fill="black", font=font)
    image.save(path)
    return path


def _pdf(tmp_path: Path, picture_lines: list[str]) -> Path:
    from weasyprint import HTML

    picture = _picture(tmp_path / "scan.png", picture_lines)
    html = (
        "<style>@page { size: letter; margin: 2cm } p { font-size: 11pt }"
        " img { width: 100% }</style>"
        f"<p>ARTICLE 1 - RECOGNITION</p><p>1.1 Unit</p><p>{SENTENCE}</p>"
        f"<div style='break-before: page; break-after: page'><img src='{picture.name}'></div>"
        "<p>ARTICLE 3 - HOURS</p><p>3.1 Week</p><p>The normal work week is forty hours.</p>"
    )
    path = tmp_path / "agreement.pdf"
    HTML(string=html, base_url=str(tmp_path)).write_pdf(path)
    return path


SCHEDULE = ["ARTICLE 2 - WAGES", "2.1 Schedule", "Step    2023    2024", "1    100    110"]


def test_a_page_of_images_is_named_not_read(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, SCHEDULE)
    out = tmp_path / "agreement.yaml"
    code, output = invoke("import", str(pdf), "-o", str(out))
    assert code == 0, output
    assert "p. 2: no text layer (images?): not read; --ocr reads such pages" in output
    numbers = [c.number for c, _ in load_agreement(out).walk()]
    assert numbers == ["ARTICLE 1", "1.1", "ARTICLE 3", "3.1"]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract (tesseract-ocr)")
def test_ocr_reads_the_page_of_images(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, SCHEDULE)
    out = tmp_path / "agreement.yaml"
    code, output = invoke("import", str(pdf), "--ocr", "-o", str(out))
    assert code == 0, output
    assert "p. 2: read by OCR (Tesseract): check it" in output
    agreement = load_agreement(out)
    assert [c.number for c, _ in agreement.walk()] == [
        "ARTICLE 1",
        "1.1",
        "ARTICLE 2",
        "2.1",
        "ARTICLE 3",
        "3.1",
    ]


def test_ocr_without_tesseract_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = _pdf(tmp_path, SCHEDULE)
    real = shutil.which

    def which(name: str, *args: object, **kwargs: object) -> str | None:
        return None if name == "tesseract" else real(name)

    monkeypatch.setattr(shutil, "which", which)
    code, output = invoke("import", str(pdf), "--ocr", "-o", str(tmp_path / "a.yaml"))
    assert code == 2
    assert "--ocr needs tesseract (tesseract-ocr); install it" in output
    assert not (tmp_path / "a.yaml").exists()


def test_pages_imports_a_page_range(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, SCHEDULE)
    out = tmp_path / "agreement.yaml"
    code, output = invoke("import", str(pdf), "--pages", "3-3", "-o", str(out))
    assert code == 0, output
    assert [c.number for c, _ in load_agreement(out).walk()] == ["ARTICLE 3", "3.1"]
    code, output = invoke("import", str(pdf), "--pages", "9-12", "-o", str(out))
    assert code == 2 and "--pages 9-12: the PDF has 3 pages" in output
