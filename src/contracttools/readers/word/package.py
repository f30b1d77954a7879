"""The DOCX package: its parts as XML trees, and clear words for files that are not one."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from contracttools.errors import InputProblem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True
)


@dataclass(frozen=True)
class Package:
    """The parts of a Word document the reader needs (None where a part is absent)."""

    document: Any
    styles: Any | None
    numbering: Any | None
    title: str
    properties: tuple[tuple[str, str], ...] = ()
    """Custom document properties holding text (docProps/custom.xml), by name."""


def open_package(path: str) -> Package:
    """Return the parts of a .docx, or raise InputProblem saying what the file is instead."""
    try:
        with Path(path).open("rb") as stream:
            head = stream.read(8)
    except IsADirectoryError:
        raise InputProblem(path, "is a folder, not a Word document") from None
    except OSError as err:
        raise InputProblem(path, f"cannot read: {err.strerror}") from None
    if head == _OLE:
        data = Path(path).read_bytes()
        if _ENCRYPTED in data:
            raise InputProblem(
                path, "is password-protected (encrypted); save an unprotected copy and import that"
            )
        raise InputProblem(
            path,
            "is a Word 97-2003 document (.doc), not a .docx; open it in Word and save it as "
            ".docx, or convert it: soffice --headless --convert-to docx FILE",
        )
    if not head:
        raise InputProblem(path, "is empty (0 bytes)")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputProblem(path, "is not a Word document (.docx): not a ZIP package") from None
    with archive:
        names = set(archive.namelist())
        main = _main_part(archive, names)
        if main is None:
            raise InputProblem(
                path, "is a ZIP file but not a Word document (no main document part)"
            )
        document = _xml(archive, path, main)
        folder = posixpath.dirname(main)
        styles = _optional(archive, path, names, posixpath.join(folder, "styles.xml"))
        numbering = _optional(archive, path, names, posixpath.join(folder, "numbering.xml"))
        core = _optional(archive, path, names, "docProps/core.xml")
        custom = _optional(archive, path, names, "docProps/custom.xml")
    if document.find(f"{W}body") is None:
        raise InputProblem(path, f"is corrupt: {main} has no body")
    return Package(document, styles, numbering, _core_title(core), _custom(custom))


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    if "_rels/.rels" in names:
        try:
            rels = etree.fromstring(archive.read("_rels/.rels"), _PARSER)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
            rels = None
        if rels is not None:
            for rel in rels.iter(f"{REL}Relationship"):
                if rel.get("Type") == _MAIN:
                    target = str(rel.get("Target", "")).lstrip("/")
                    if target in names:
                        return target
    return "word/document.xml" if "word/document.xml" in names else None


def _xml(archive: zipfile.ZipFile, path: str, name: str) -> Any:
    try:
        data = archive.read(name)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as err:
        raise InputProblem(path, f"is corrupt: cannot unpack {name} ({err})") from None
    except Exception as err:  # zlib.error and others from a damaged archive
        raise InputProblem(path, f"is corrupt: cannot unpack {name} ({err})") from None
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as err:
        raise InputProblem(path, f"is corrupt: {name}: {err}") from None


def _optional(archive: zipfile.ZipFile, path: str, names: set[str], name: str) -> Any | None:
    return _xml(archive, path, name) if name in names else None


def _core_title(core: Any | None) -> str:
    if core is None:
        return ""
    title = core.find("{http://purl.org/dc/elements/1.1/}title")
    return (title.text or "").strip() if title is not None else ""


def _custom(custom: Any | None) -> tuple[tuple[str, str], ...]:
    """Return the custom properties that hold text, in the order written."""
    if custom is None:
        return ()
    found = []
    for prop in custom:
        name = prop.get("name")
        value = next(iter(prop), None)
        if name and value is not None and value.tag.endswith("}lpwstr"):
            found.append((str(name), value.text or ""))
    return tuple(found)


def on(element: Any | None, name: str = "val") -> bool:
    """Return whether a Word on/off property (`<w:b/>`, `<w:b w:val="0"/>`) is on."""
    if element is None:
        return False
    value = element.get(f"{W}{name}")
    return value not in ("0", "false", "off", "none")
