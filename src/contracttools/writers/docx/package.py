"""The DOCX zip package: only the parts a document needs, byte for byte the same each time."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)

LEFT_OUT = re.compile(r"^(customXml/.*|docProps/thumbnail\.[a-z]+|word/stylesWithEffects\.xml)$")
"""Parts a template may carry that a written document must not: a preview picture of the
template, its bibliography sources, Word 2010's duplicate styles."""

APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Words>{words}</Words><Characters>{characters}</Characters>"
    "<Paragraphs>{paragraphs}</Paragraphs>"
    "<Application>contracttools</Application><DocSecurity>0</DocSecurity></Properties>"
)


def finished(data: bytes, counts: tuple[int, int, int]) -> bytes:
    """Return the package without the template's leftovers, with its own app.xml.

    `counts` are the document's words, characters (without spaces) and paragraphs.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    kept = [n for n in source.namelist() if not LEFT_OUT.match(n)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in kept:
            content = source.read(name)
            if name == "docProps/app.xml":
                words, characters, paragraphs = counts
                content = APP.format(
                    words=words, characters=characters, paragraphs=paragraphs
                ).encode()
            elif name == "docProps/core.xml":
                content = re.sub(rb"<cp:lastPrinted>[^<]*</cp:lastPrinted>", b"", content)
            elif name == "[Content_Types].xml":
                content = re.sub(
                    rb'<Override PartName="/([^"]+)"[^>]*/>',
                    lambda m: b"" if LEFT_OUT.match(m.group(1).decode()) else m.group(0),
                    content,
                )
            elif name.endswith(".rels"):
                content = _without_links(name, content)
            target.writestr(name, content)
    return out.getvalue()


def _without_links(rels: str, content: bytes) -> bytes:
    """Drop relationships to parts left out (and settings' link to a preview)."""
    folder = posixpath.dirname(posixpath.dirname(rels))

    def keep(match: re.Match[bytes]) -> bytes:
        target = re.search(rb'Target="([^"]+)"', match.group(0))
        if target is None or b"TargetMode" in match.group(0):
            return match.group(0)
        path = target.group(1).decode()
        resolved = path[1:] if path.startswith("/") else posixpath.join(folder, path)
        return b"" if LEFT_OUT.match(posixpath.normpath(resolved)) else match.group(0)

    return re.sub(rb"<Relationship [^>]*/>", keep, content)


def deterministic(data: bytes) -> bytes:
    """Return the package re-zipped with fixed timestamps and a fixed order of parts."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in names]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()
