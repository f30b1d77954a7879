"""Write the corpus truth files from an independent reader: `pdftotext -layout` (poppler).

    .venv/bin/python tests/corpus/make_truth.py

For each document of `../shared/corpus` this keeps only what is ours: the numbers of its
numbered headings in reading order, its article numbers, the pages without text, the
wage figures' count, and the file's SHA-256.  The rules are one regular expression per
document, written after reading the document's pages; the table of contents is left out
by starting at the first page of the body (read by eye).  contracttools is not used.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent.parent / "shared" / "corpus"
_DOTTED = r"(\d+(?:\.\d+)+)"
_AT_MARGIN = r"^" + _DOTTED + r"\.?\s+(?![a-z])\S"
"""A section number at the margin before its text; not one that a wrapped sentence put
there ("... in Section 9.5.7 through" / "9.5.12 above being exceeded, ..."), whose words
go on in lower case."""
_MONEY = re.compile(r"\$\s?\d{1,3}(?:,\d{3})*(?:\.\d{2})?")

RULES: dict[str, dict[str, object]] = {
    # ARTICLE N on a line of its own, sections "1-5." and "1-5.1." with a full stop.
    "ctu_cba-2019-2024_chicago.pdf": {
        "body": 5,
        "end": 410,
        "article": r"^\s*ARTICLE (\d+)\s*$",
        "section": r"^\s*(\d+-\d+(?:\.\d+)*)\.\s+[A-Z\[(]",
    },
    # "Article N - TITLE" set alone and centred; sections "1.1", "1.1.1" followed by a gap.
    "oea_cba-2018-2021_oakland.pdf": {
        "body": 8,
        "article": r"^\s{8,}Article (\d+) - [^.()]*$",
        "section": r"^\s*" + _DOTTED + r"\.?\s{2,}\S",
    },
    # "ARTICLE N - TITLE" or "ARTICLE N: TITLE"; sections "1.1" then a gap or a zero-width space.
    "uasf_cba_2023-2025.pdf": {
        "body": 3,
        "article": r"^\s*ARTICLE (\d+)\s*[-:]",
        "section": r"^\s*" + _DOTTED + r"\.?[\s\u200b]",
    },
    # Proposals and the TA: the sections of the agreement they amend, at the margin.
    "SFUSD_to_UESF_Counter_to_Stability_Plan_Proposal_2.7.26.pdf": {
        "body": 1,
        "section": _AT_MARGIN,
    },
    "Exchanged_2.7.2025_UESF_to_SFUSD_Counter_to_Stability_Plan_Proposal.pdf": {
        "body": 1,
        "section": _AT_MARGIN,
    },
    "Tentative_Agreement_2_7_26_Sanctuary_Schools_.pdf": {
        "body": 1,
        "section": _AT_MARGIN,
    },
}


def pages(path: Path) -> list[str]:
    done = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
    )
    text = done.stdout.decode("utf-8")
    return text.split("\f")[:-1]


def image_pages(path: Path) -> set[int]:
    done = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True)
    rows = done.stdout.decode().splitlines()[2:]
    return {int(row.split()[0]) for row in rows if row.strip()}


def truth(path: Path, rule: dict[str, object]) -> dict[str, object]:
    texts = pages(path)
    images = image_pages(path)
    article = re.compile(str(rule["article"])) if "article" in rule else None
    section = re.compile(str(rule["section"]))
    body = int(str(rule["body"]))
    end = int(str(rule.get("end", len(texts))))
    headings: list[str] = []
    articles: list[str] = []
    for number, text in enumerate(texts, 1):
        if number < body or number > end:
            continue
        for line in text.split("\n"):
            line = line.replace("\u200b", " ") if article is None else line
            if article is not None and (found := article.match(line)):
                articles.append(found.group(1))
                headings.append(found.group(1))
            elif found := section.match(line):
                headings.append(found.group(1))
    # A page is unread when it holds images and no more words than a running header
    # and a title (the salary schedules of one agreement are pictures).
    unread = [
        number
        for number, text in enumerate(texts, 1)
        if len(text.split()) < 25 and (number in images or not text.strip())
    ]
    return {
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "pages": len(texts),
        "headings": headings,
        "articles": articles,
        "unread_pages": unread,
        "money_figures": sum(len(_MONEY.findall(t)) for t in texts[body - 1 : end]),
    }


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    for name, rule in RULES.items():
        found = truth(CORPUS / name, rule)
        out = HERE / (Path(name).stem + ".json")
        out.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
        print(
            f"{name}: {len(found['headings'])} headings, {len(found['articles'])} articles, "  # type: ignore[arg-type]
            f"unread {found['unread_pages']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
