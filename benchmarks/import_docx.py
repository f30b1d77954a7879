"""Import benchmark: a generated 300-page Word agreement with multilevel numbering.

    .venv/bin/python benchmarks/import_docx.py [--runs 3] [--pages]

Writes a seeded agreement as .docx (articles and sections numbered by heading styles
linked to one multilevel list, "(a)" subparagraphs numbered by a second list, a wage
table in every article, a table of contents field), then times, in the same run:
`contracttools import` end to end (a fresh process each run), the import in process,
and LibreOffice's own text export of the same file (`soffice --convert-to txt`), the
reference.  With --pages, LibreOffice also lays the file out as PDF to count its pages.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from html import escape
from pathlib import Path

BIN = Path(sys.executable).parent
ARTICLES = 26
SECTIONS = 12
WORDS = [
    "the",
    "employer",
    "shall",
    "pay",
    "each",
    "employee",
    "covered",
    "by",
    "this",
    "agreement",
    "at",
    "the",
    "rate",
    "set",
    "out",
    "in",
    "the",
    "schedule",
    "for",
    "all",
    "hours",
    "worked",
    "in",
    "excess",
    "of",
    "the",
    "normal",
    "work",
    "week",
    "provided",
    "that",
    "no",
    "employee",
    "shall",
    "suffer",
    "any",
    "reduction",
    "in",
    "pay",
    "or",
    "benefits",
    "by",
    "reason",
    "of",
    "this",
    "article",
    "and",
    "the",
    "union",
    "shall",
    "be",
    "notified",
    "in",
    "writing",
    "within",
    "thirty",
    "days",
    "of",
    "any",
    "change",
]
TARGET = 2.0
"""Seconds a 300-page agreement may take to import."""

NUMBERING = (
    '<w:abstractNum w:abstractNumId="1">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:pStyle w:val="Heading1"/><w:lvlText w:val="ARTICLE %1"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalZero"/>'
    '<w:pStyle w:val="Heading2"/><w:lvlText w:val="%1.%2"/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="(%1)"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>'
    '<w:lvlText w:val="(%2)"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
)
NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _sentence(rng: random.Random, words: int) -> str:
    start = rng.randrange(len(WORDS))
    text = " ".join(WORDS[(start + i) % len(WORDS)] for i in range(words))
    return text[0].upper() + text[1:] + "."


def _p(text: str, style: str = "", num: tuple[int, int] | None = None) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _table(rng: random.Random) -> str:
    def cell(text: str) -> str:
        return f"<w:tc>{_p(text)}</w:tc>"

    head = "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + "".join(
        cell(t) for t in ("Classification", "Year 1", "Year 2", "Year 3")
    )
    rows = [head + "</w:tr>"]
    for grade in range(1, 9):
        rate = rng.uniform(18, 40)
        figures = [f"${rate * 1.03**y:,.2f}" for y in range(3)]
        rows.append("<w:tr>" + cell(f"Grade {grade}") + "".join(map(cell, figures)) + "</w:tr>")
    return f"<w:tbl><w:tblPr/>{''.join(rows)}</w:tbl>"


def body(seed: int = 2023) -> tuple[str, str]:
    """Return the document body and the extra list instances it uses."""
    rng = random.Random(seed)
    parts = [_p("Collective Agreement", "Title")]
    parts.append(
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o '
        '"1-2" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>Table of contents (not updated)</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    instances = []
    num_id = 2
    for article in range(1, ARTICLES + 1):
        parts.append(_p(f"Article Title {article}", "Heading1"))
        for section in range(1, SECTIONS + 1):
            parts.append(_p(f"Section Title {article}-{section}", "Heading2"))
            parts.append(_p(_sentence(rng, 120)))
            num_id += 1
            instances.append(
                f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="2"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
            for _ in range(3):
                parts.append(_p(_sentence(rng, 45), num=(num_id, 0)))
                parts.append(_p(_sentence(rng, 25), num=(num_id, 1)))
            parts.append(_p(_sentence(rng, 90)))
        parts.append(_table(rng))
    return "".join(parts), "".join(instances)


def write_docx(path: Path) -> None:
    """Write the benchmark agreement."""
    import docx

    made = io.BytesIO()
    docx.Document().save(made)
    source = zipfile.ZipFile(made)
    content, instances = body()
    styles_link = (
        '<w:numPr><w:numId w:val="1"/></w:numPr>',
        '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode()
                section = re.search(r"<w:sectPr.*</w:sectPr>", text, re.DOTALL)
                data = (
                    f"<w:document {NS}><w:body>{content}"
                    f"{section.group(0) if section else ''}</w:body></w:document>"
                ).encode()
            elif info.filename == "word/numbering.xml":
                data = f"<w:numbering {NS}>{NUMBERING}{instances}</w:numbering>".encode()
            elif info.filename == "word/styles.xml":
                text = data.decode()
                for n, link in enumerate(styles_link, 1):
                    text = re.sub(
                        rf'(<w:style [^>]*w:styleId="Heading{n}"[^>]*>.*?<w:pPr>)',
                        rf"\1{link}",
                        text,
                        count=1,
                        flags=re.DOTALL,
                    )
                data = text.encode()
            target.writestr(info, data)


def timed(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", action="store_true", help="count pages (LibreOffice PDF)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="contracttools-import-"))
    try:
        docx_path = work / "agreement.docx"
        write_docx(docx_path)
        print(f"agreement.docx: {docx_path.stat().st_size / 1e6:.1f} MB")
        soffice = shutil.which("soffice")
        if args.pages and soffice:
            subprocess.run(
                [
                    soffice,
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(docx_path),
                ],
                check=True,
                capture_output=True,
            )
            import pypdf

            print(
                f"pages (LibreOffice layout): {len(pypdf.PdfReader(work / 'agreement.pdf').pages)}"
            )
        out = work / "agreement.yaml"
        tool = str(BIN / "contracttools")
        end_to_end = timed([tool, "import", str(docx_path), "-o", str(out)], args.runs)
        from contracttools.importing import import_agreement
        from contracttools.readers import load_agreement
        from contracttools.readers.word import read_word

        agreement = load_agreement(out)
        words = sum(len(c.text.split()) for c, _ in agreement.walk())
        print(f"imported: {len(agreement.by_id)} clauses, {words:,} words of clause text")
        start = time.perf_counter()
        source = read_word(str(docx_path))
        read = time.perf_counter() - start
        import_agreement(source, "agreement")
        built = time.perf_counter() - start - read
        print(f"in process: read {read:.2f} s, clauses {built:.2f} s")
        verdict = "met" if end_to_end < TARGET else "MISSED"
        print(
            f"contracttools import (end to end, median of {args.runs}): {end_to_end:.2f} s "
            f"[target {TARGET:.0f} s: {verdict}]"
        )
        if soffice:
            reference = timed(
                [soffice, "--headless", "--convert-to", "txt:Text", "--outdir", str(work),
                 str(docx_path)],
                args.runs,
            )  # fmt: skip
            print(f"LibreOffice text export (same file, median of {args.runs}): {reference:.2f} s")
            print(f"ratio: {end_to_end / reference:.2f}x LibreOffice")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
