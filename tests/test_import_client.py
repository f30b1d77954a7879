"""LibreOffice as the reference for the numbers Word shows.

Legal numbering (`w:isLgl`) is left out here: the LibreOffice this was written against
shows "Section I.01" where Word shows "Section 1.01" (tested in test_import_numbering).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from contracttools.readers.word import read_word
from tests.test_import_numbering import HEADING_STYLES, OUTLINE
from tests.wordfixtures import abstract, level, make_docx, num, p, style

pytestmark = pytest.mark.client

DEFINITIONS = (
    OUTLINE
    + num(1, 1)
    + abstract(2, level(0, "decimal", "%1."))
    + num(2, 2)
    + num(3, 2, {0: 1})
    + num(4, 2, {0: 10})
    + abstract(
        3,
        level(0, "upperRoman", "ARTICLE %1"),
        level(1, "decimalZero", "Section %1.%2"),
        level(2, "lowerRoman", "(%3)"),
        level(3, "upperLetter", "%4."),
    )
    + num(5, 3)
    + abstract(4, level(0, "cardinalText", "ARTICLE %1"), level(1, "ordinalText", "%2 rule"))
    + num(6, 4)
)

BODY = (
    p("Wages", style="ArticleHeading")
    + p("Rates", style="SectionHeading")
    + p("Day", num=1, ilvl=2)
    + p("Night", num=1, ilvl=2)
    + p("Article 1A Interim", style="ArticleHeading", num=0)
    + p("Hours", style="ArticleHeading")
    + p("Week", style="SectionHeading")
    + "".join(p(word, num=n) for word, n in zip("abcdefg", (2, 2, 3, 3, 2, 4, 3), strict=True))
    + p("Scope", num=5, ilvl=0)
    + p("Unit", num=5, ilvl=1)
    + p("Term", num=5, ilvl=0)
    + p("Length", num=5, ilvl=1)
    + p("Renewal", num=5, ilvl=1)
    + p("Notice", num=5, ilvl=2)
    + p("Form", num=5, ilvl=3)
    + p("Recognition", num=6, ilvl=0)
    + p("Union shop", num=6, ilvl=1)
    + p("Dues", num=6, ilvl=1)
)


def test_numbers_match_libreoffice(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    assert soffice is not None, "LibreOffice is needed (scripts/system-packages.sh test)"
    styles = HEADING_STYLES + style("Plain", "Plain")
    path = make_docx(tmp_path / "numbers.docx", BODY, DEFINITIONS, styles)
    subprocess.run(
        [soffice, "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    shown = (tmp_path / "numbers.txt").read_text(encoding="utf-8-sig").splitlines()
    reference = [" ".join(line.split()) for line in shown if line.strip()]
    ours = [" ".join(f"{x.label} {x.text}".split()) for x in read_word(str(path)).changed]
    assert ours == reference
    assert "Section II.01 Length" in ours and "Second rule Dues" in ours
