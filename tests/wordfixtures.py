"""Word documents made for the import tests: python-docx's package with hand-written parts.

Each helper returns WordprocessingML as a string, so that a test shows the XML it reads.
"""

from __future__ import annotations

import io
import re
import zipfile
from html import escape
from pathlib import Path

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
AUTHOR = 'w:author="Other Side" w:date="2023-04-12T10:00:00Z"'


def r(text: str, bold: bool = False, underline: bool = False, strike: bool = False) -> str:
    """Return a run."""
    props = ("<w:b/>" if bold else "") + ('<w:u w:val="single"/>' if underline else "")
    props += "<w:strike/>" if strike else ""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text, quote=False)}</w:t></w:r>'


def ins(text: str, ident: int = 1) -> str:
    """Return an inserted run."""
    return f'<w:ins w:id="{ident}" {AUTHOR}>{r(text)}</w:ins>'


def dele(text: str, ident: int = 2) -> str:
    """Return a deleted run."""
    return (
        f'<w:del w:id="{ident}" {AUTHOR}><w:r><w:delText xml:space="preserve">'
        f"{escape(text, quote=False)}</w:delText></w:r></w:del>"
    )


def p(
    *runs: str,
    style: str | None = None,
    num: int | None = None,
    ilvl: int | None = None,
    mark: str = "",
    outline: int | None = None,
) -> str:
    """Return a paragraph; plain strings among `runs` become runs. `mark` is 'ins' or 'del'."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None or ilvl is not None:
        props += "<w:numPr>"
        props += f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        props += f'<w:numId w:val="{num}"/>' if num is not None else ""
        props += "</w:numPr>"
    if outline is not None:
        props += f'<w:outlineLvl w:val="{outline}"/>'
    if mark:
        props += f'<w:rPr><w:{mark} w:id="9" {AUTHOR}/></w:rPr>'
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    content = "".join(run if run.startswith("<") else r(run) for run in runs)
    return f"<w:p>{ppr}{content}</w:p>"


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    """Return a numbering level."""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def abstract(ident: int, *levels: str, extra: str = "") -> str:
    """Return an abstract numbering definition."""
    return f'<w:abstractNum w:abstractNumId="{ident}">{extra}{"".join(levels)}</w:abstractNum>'


def num(ident: int, abstract_id: int, starts: dict[int, int] | None = None) -> str:
    """Return a list instance, with `starts` as startOverride per level."""
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
        for lvl, value in (starts or {}).items()
    )
    return f'<w:num w:numId="{ident}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def style(ident: str, name: str, based_on: str = "Normal", ppr: str = "", rpr: str = "") -> str:
    """Return a paragraph style."""
    return (
        f'<w:style w:type="paragraph" w:styleId="{ident}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="{based_on}"/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>'
    )


def table(*rows: str) -> str:
    """Return a table of rows."""
    return f"<w:tbl><w:tblPr/>{''.join(rows)}</w:tbl>"


def tr(*cells: str, header: bool = False, mark: str = "") -> str:
    """Return a table row; plain strings among `cells` become one-paragraph cells."""
    props = "<w:tblHeader/>" if header else ""
    props += f'<w:{mark} w:id="8" {AUTHOR}/>' if mark else ""
    content = "".join(c if c.startswith("<w:tc") else tc(p(c)) for c in cells)
    return f"<w:tr><w:trPr>{props}</w:trPr>{content}</w:tr>"


def tc(*paragraphs: str, span: int = 1, merge: str = "") -> str:
    """Return a table cell; `merge` is 'restart' or 'continue' (vertical merge)."""
    props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if merge:
        props += f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paragraphs) or '<w:p/>'}</w:tc>"


def make_docx(
    path: Path,
    body: str,
    numbering: str = "",
    styles: str = "",
    header: str = "",
    footer: str = "",
) -> Path:
    """Write a .docx with `body` as its body and the numbering and extra styles given."""
    import docx

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    made = io.BytesIO()
    document.save(made)
    source = zipfile.ZipFile(made)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                section = re.search(r"<w:sectPr.*</w:sectPr>", text, re.DOTALL)
                data = (
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f"<w:document {NS}><w:body>{body}{section.group(0) if section else ''}"
                    "</w:body></w:document>"
                ).encode()
            elif info.filename == "word/numbering.xml" and numbering:
                data = f"<w:numbering {NS}>{numbering}</w:numbering>".encode()
            elif info.filename == "word/styles.xml" and styles:
                data = data.replace(b"</w:styles>", styles.encode() + b"</w:styles>")
            target.writestr(info, data)
    path.write_bytes(out.getvalue())
    return path
