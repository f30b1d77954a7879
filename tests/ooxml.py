"""Validate every XML part of a DOCX against the ISO/IEC 29500 transitional schemas.

The schema files are not part of this repository.  Point `CONTRACTTOOLS_OOXML_SCHEMAS` at
a folder holding them (`ISO-IEC29500-4_2016/wml.xsd`, `ecma/fouth-edition/opc-*.xsd`,
`mce/mc.xsd`, as laid out by several public repositories), or put them in
`../shared/ooxml-schemas` beside the repository; without them the tests that need them skip.
"""

from __future__ import annotations

import os
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
XML_NS = "http://www.w3.org/XML/1998/namespace"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

SCHEMAS = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "ISO-IEC29500-4_2016/wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "ISO-IEC29500-4_2016/dml-main.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": (
        "ISO-IEC29500-4_2016/shared-documentPropertiesExtended.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": (
        "ISO-IEC29500-4_2016/shared-documentPropertiesCustom.xsd"
    ),
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": (
        "ecma/fouth-edition/opc-coreProperties.xsd"
    ),
    "http://schemas.openxmlformats.org/package/2006/content-types": (
        "ecma/fouth-edition/opc-contentTypes.xsd"
    ),
    "http://schemas.openxmlformats.org/package/2006/relationships": (
        "ecma/fouth-edition/opc-relationships.xsd"
    ),
}
"""The namespace of a part's root element -> its schema, relative to the schema folder."""


def schema_folder() -> Path | None:
    """Return the folder holding the schemas, or None where they are not available."""
    named = os.environ.get("CONTRACTTOOLS_OOXML_SCHEMAS")
    for candidate in ([Path(named)] if named else []) + [ROOT.parent / "shared" / "ooxml-schemas"]:
        if (candidate / SCHEMAS[next(iter(SCHEMAS))]).is_file():
            return candidate
    return None


DUBLIN_CORE = {
    "dc.xsd": (
        "http://purl.org/dc/elements/1.1/",
        ("title", "subject", "creator", "description", "language", "identifier"),
    ),
    "dcterms.xsd": ("http://purl.org/dc/terms/", ("created", "modified")),
}
"""Stand-ins for the Dublin Core schemas the core-properties schema imports from the web:
each element it names, with any content (the W3CDTF dates are checked by the tests)."""


class _DublinCore(etree.Resolver):  # type: ignore[misc]
    def resolve(self, url: str, pubid: str, context: Any) -> Any:
        name = url.rsplit("/", 1)[-1]
        if name not in DUBLIN_CORE:
            return None
        namespace, elements = DUBLIN_CORE[name]
        declared = "".join(f'<xs:element name="{e}" type="xs:anyType"/>' for e in elements)
        declared += (
            '<xs:simpleType name="W3CDTF"><xs:restriction base="xs:string"/></xs:simpleType>'
        )
        stub = (
            '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            f'targetNamespace="{namespace}" elementFormDefault="qualified">{declared}</xs:schema>'
        )
        return self.resolve_string(stub, context)


@cache
def _schema(folder: Path, relative: str) -> Any:
    path = folder / relative
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_DublinCore())
    tree = etree.parse(str(path), parser)
    xml_schema = folder / "ISO-IEC29500-4_2016" / "xml.xsd"
    for imported in tree.getroot().iter("{http://www.w3.org/2001/XMLSchema}import"):
        if imported.get("namespace") == XML_NS and not imported.get("schemaLocation"):
            imported.set("schemaLocation", xml_schema.as_uri())
    return etree.XMLSchema(tree)


def _without_ignorable(root: Any) -> Any:
    """Drop what Markup Compatibility lets a consumer ignore (w14:, w15: and the like)."""
    ignorable: set[str] = set()
    for element in root.iter():
        for prefix in (element.get(f"{{{MC}}}Ignorable") or "").split():
            if prefix in element.nsmap:
                ignorable.add(element.nsmap[prefix])
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in ignorable:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        for name in list(element.attrib):
            if etree.QName(name).namespace in ignorable | {MC}:
                del element.attrib[name]
    return root


def problems(docx: Path, folder: Path) -> list[str]:
    """Return every schema error in the package's XML parts, as 'part:line: message'."""
    found: list[str] = []
    with zipfile.ZipFile(docx) as package:
        for name in package.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(package.read(name))
            namespace = etree.QName(root).namespace
            if namespace not in SCHEMAS:
                found.append(f"{name}: no schema for {namespace}")
                continue
            schema = _schema(folder, SCHEMAS[namespace])
            if not schema.validate(_without_ignorable(root)):
                found.extend(f"{name}:{e.line}: {e.message}" for e in schema.error_log)
    return found
