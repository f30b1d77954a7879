"""Custom document properties (docProps/custom.xml): named texts a document carries.

Word lists them under File > Properties > Custom, LibreOffice under File > Properties >
Custom Properties; both keep them when they save the document again.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape, quoteattr

from contracttools.writers.docx.package import deterministic

PART = "docProps/custom.xml"
_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FORMAT_ID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The format id every custom property carries (the OLE user-defined property set)."""


def custom_part(properties: dict[str, str]) -> bytes:
    """Return docProps/custom.xml holding the given properties, as text (vt:lpwstr)."""
    entries = "".join(
        f'<property fmtid="{_FORMAT_ID}" pid="{pid}" name={quoteattr(name)}>'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{entries}</Properties>"
    ).encode()


def with_custom_properties(data: bytes, properties: dict[str, str]) -> bytes:
    """Return the package with its custom properties set to `properties` (and no others)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name == PART:
                continue
            content = source.read(name)
            if name == "[Content_Types].xml":
                content = re.sub(
                    rb'<Override PartName="/docProps/custom\.xml"[^>]*/>', b"", content
                )
                override = f'<Override PartName="/{PART}" ContentType="{_TYPE}"/>'.encode()
                content = content.replace(b"</Types>", override + b"</Types>")
            elif name == "_rels/.rels":
                content = re.sub(
                    rb'<Relationship [^>]*Target="/?docProps/custom\.xml"[^>]*/>', b"", content
                )
                ids = {int(i) for i in re.findall(rb'Id="rId(\d+)"', content)}
                rel = f'<Relationship Id="rId{max(ids, default=0) + 1}" Type="{_REL}" Target="{PART}"/>'
                content = content.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            target.writestr(name, content)
        target.writestr(PART, custom_part(properties))
    return deterministic(out.getvalue())
