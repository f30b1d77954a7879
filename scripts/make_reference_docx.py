"""Build templates/reference.docx: the styles, page setup, header and footer of Word output.

Users restyle Word output by editing the reference document in Word (export it with
`contracttools templates export DIR`, pass it back with `--templates DIR`).  This script
makes the shipped one; run it again after changing it:  python scripts/make_reference_docx.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from contracttools.writers.docx.package import deterministic, finished  # noqa: E402

TARGET = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"


def field(paragraph: object, code: str, placeholder: str) -> None:
    """Append a simple field (PAGE, NUMPAGES) to a paragraph."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)  # type: ignore[attr-defined]


def main() -> None:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for level, size in ((1, 16), (2, 13), (3, 11.5), (4, 11)):
        heading = styles[f"Heading {level}"]
        heading.font.name, heading.font.size = "Arial", Pt(size)
        heading.font.color.rgb = RGBColor(0x11, 0x11, 0x11)
    styles["Title"].font.name = "Arial"
    styles["Subtitle"].font.name = "Arial"
    note = styles.add_style("Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size, note.font.italic = Pt(9), True
    note.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    for level in (1, 2):
        entry = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        entry.base_style = normal
        entry.paragraph_format.left_indent = Inches(0.25 * (level - 1))
        entry.paragraph_format.space_after = Pt(2)
    label = styles.add_style("Action Label", WD_STYLE_TYPE.CHARACTER)
    label.font.bold, label.font.size, label.font.name = True, Pt(8.5), "Arial"
    header = section.header.paragraphs[0]
    header.style = styles["Note"]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    field(footer, "PAGE", "1")
    footer.add_run(" of ")
    field(footer, "NUMPAGES", "1")
    document.core_properties.author = "contracttools"
    TARGET.write_bytes(deterministic(finished(_save(document), (0, 0, 0))))
    print(f"wrote {TARGET}")


def _save(document: object) -> bytes:
    import io

    out = io.BytesIO()
    document.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


if __name__ == "__main__":
    main()
