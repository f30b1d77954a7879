"""PDF, plain-text and Markdown contracts."""

from __future__ import annotations

from pathlib import Path

from contracttools.readers import load_agreement
from tests.conftest import invoke

FILLER = "The parties agree that this provision applies to every employee in the unit. " * 12


def _pdf(path: Path, html: str) -> Path:
    from weasyprint import HTML

    HTML(string=html).write_pdf(path)
    return path


def test_pdf_without_running_headers_footers_or_page_numbers(tmp_path: Path) -> None:
    articles = []
    for n, title in enumerate(["WAGES", "HOURS", "LEAVE", "GRIEVANCES"], 1):
        articles.append(f"<h2>ARTICLE {n} - {title}</h2>")
        for s in (1, 2):
            articles.append(f"<p>{n}.{s} Section {s} of {title.title()}</p><p>{FILLER}</p>")
    html = (
        "<style>@page { size: letter; margin: 2cm;"
        " @top-center { content: 'Collective Agreement 2023-2026' }"
        " @bottom-center { content: 'Page ' counter(page) ' of ' counter(pages) } }"
        " p, h2 { font-family: DejaVu Serif; font-size: 11pt }</style>"
        "<p>COLLECTIVE AGREEMENT</p>" + "".join(articles)
    )
    pdf = _pdf(tmp_path / "contract.pdf", html)
    out = tmp_path / "agreement.yaml"
    code, output = invoke("import", str(pdf), "-o", str(out))
    assert code == 0, output
    assert "running header or footer" in output
    agreement = load_agreement(out)
    assert [c.number for c in agreement.clauses if c.id != "preamble"] == [
        "ARTICLE 1",
        "ARTICLE 2",
        "ARTICLE 3",
        "ARTICLE 4",
    ]
    assert [c.number for c in agreement.clauses[1].clauses] == ["1.1", "1.2"]
    text = out.read_text()
    assert "Collective Agreement 2023-2026" not in text
    assert "Page 2 of" not in text
    assert agreement.by_id["wages.section-1-of-wages"].text.startswith("The parties agree")


def test_image_only_pdf_needs_ocr(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "scan.pdf", "<div style='width:5cm;height:5cm;background:#000'></div>")
    out = tmp_path / "agreement.yaml"
    code, output = invoke("import", str(pdf), "-o", str(out))
    assert code == 2
    assert output.startswith(f"{pdf}: has no text layer")
    assert "OCR" in output
    assert not out.exists()


def test_plain_text_with_typed_numbers_and_a_schedule(tmp_path: Path) -> None:
    source = tmp_path / "contract.txt"
    source.write_text(
        "AGREEMENT between the Employer and the Union\n\n"
        "ARTICLE 1 - WAGES\n\n"
        "1.1 Rates\n"
        "The Employer shall pay the following employ-\n"
        "ment rates:\n\n"
        "Classification    2023       2024\n"
        "Clerk             $20.00     $21.00\n"
        "Driver            $24.00     $25.00\n\n"
        "(a) Rates are hourly.\n"
        "(b) Rates are gross.\n\n"
        "ARTICLE 2 - HOURS\n\n"
        "2.1 The normal work week is forty (40) hours.\n",
        encoding="utf-8",
    )
    out = tmp_path / "agreement.yaml"
    code, output = invoke("import", str(source), "-o", str(out))
    assert code == 0, output
    agreement = load_agreement(out)
    rates = agreement.by_id["wages.rates"]
    assert [b.type for b in rates.blocks] == ["paragraph", "table", "paragraph", "paragraph"]
    assert rates.blocks[0].text == "The Employer shall pay the following employment rates:"
    assert rates.blocks[1].rows[1] == ("Clerk", "$20.00", "$21.00")  # type: ignore[union-attr]
    assert [(c.number, c.title) for c, _ in agreement.walk()][-1] == ("2.1", "")


def test_markdown_headings_and_pipe_tables(tmp_path: Path) -> None:
    source = tmp_path / "contract.md"
    source.write_text(
        "# Collective Agreement\n\n"
        "## Article 1 Wages\n\n"
        "### 1.1 Rates\n\n"
        "| Classification | Rate |\n| --- | --- |\n| Clerk | $20.00 |\n\n"
        "## Article 2 Hours\n\nForty hours.\n",
        encoding="utf-8",
    )
    out = tmp_path / "agreement.yaml"
    code, output = invoke("import", str(source), "-o", str(out))
    assert code == 0, output
    agreement = load_agreement(out)
    assert agreement.title == "Collective Agreement"
    assert [(d, c.number, c.title) for c, d in agreement.walk()] == [
        (0, "Article 1", "Wages"),
        (1, "1.1", "Rates"),
        (0, "Article 2", "Hours"),
    ]
    assert agreement.by_id["wages.rates"].blocks[0].type == "table"


def test_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "contract.rtf"
    source.write_text("x", encoding="utf-8")
    code, output = invoke("import", str(source))
    assert code == 2 and "import reads .docx, .pdf, .txt and .md" in output
