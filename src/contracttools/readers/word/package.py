"""The DOCX package: its parts as XML trees, and clear words for files that are not one."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from contracttools.errors import InputProblem
from contracttools.readers.source import check_input

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True
)


MAX_PART = 64 * 1024 * 1024
"""The most one part may unpack to (the text of a 2,000-page agreement is about 30 MB)."""
MAX_TOTAL = 96 * 1024 * 1024
"""The most the parts read may unpack to together."""
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Package:
    """The parts of a Word document the reader needs (None where a part is absent)."""

    document: Any
    styles: Any | None
    numbering: Any | None
    title: str
    footnotes: Any | None = None
    endnotes: Any | None = None
    properties: tuple[tuple[str, str], ...] = ()
    """Custom document properties holding text (docProps/custom.xml), by name."""


def open_package(path: str) -> Package:
    """Return the parts of a .docx, or raise InputProblem saying what the file is instead."""
    check_input(path)
    try:
        with Path(path).open("rb") as stream:
            head = stream.read(8)
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
        parts = _Parts(archive, path)
        names = set(archive.namelist())
        main = _main_part(parts, names)
        if main is None:
            raise InputProblem(
                path, "is a ZIP file but not a Word document (no main document part)"
            )
        document = parts.xml(main)
        folder = posixpath.dirname(main)

        def optional(name: str) -> Any | None:
            return parts.xml(name) if name in names else None

        styles = optional(posixpath.join(folder, "styles.xml"))
        numbering = optional(posixpath.join(folder, "numbering.xml"))
        core = optional("docProps/core.xml")
        custom = optional("docProps/custom.xml")
        footnotes = optional(posixpath.join(folder, "footnotes.xml"))
        endnotes = optional(posixpath.join(folder, "endnotes.xml"))
    if document.find(f"{W}body") is None:
        raise InputProblem(path, f"is corrupt: {main} has no body")
    return Package(
        document, styles, numbering, _core_title(core), footnotes, endnotes, _custom(custom)
    )


def _main_part(parts: _Parts, names: set[str]) -> str | None:
    if "_rels/.rels" in names:
        try:
            rels = etree.fromstring(parts.read("_rels/.rels"), _PARSER)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
            rels = None
        if rels is not None:
            _refuse_doctype(rels, parts.path, "_rels/.rels")
            for rel in rels.iter(f"{REL}Relationship"):
                if rel.get("Type") == _MAIN:
                    target = str(rel.get("Target", "")).lstrip("/")
                    if target in names:
                        return target
    return "word/document.xml" if "word/document.xml" in names else None


class _Parts:
    """Reads a package's parts within the bounds: each part at most MAX_PART unpacked, all
    of them together at most MAX_TOTAL, checked by the sizes the headers declare before
    inflating and by counting while inflating (a header may lie)."""

    def __init__(self, archive: zipfile.ZipFile, path: str) -> None:
        self.archive, self.path = archive, path
        self.unpacked = 0

    def _refuse(self, what: str, limit: int) -> InputProblem:
        return InputProblem(
            self.path,
            f"{what} unpacks to more than {limit // 2**20} MB; refused (a Word document's "
            "text is far smaller: the file may be built to exhaust memory, a zip bomb)",
        )

    def read(self, name: str) -> bytes:
        declared = self.archive.getinfo(name).file_size
        if declared > MAX_PART:
            raise self._refuse(name, MAX_PART)
        if self.unpacked + declared > MAX_TOTAL:
            raise self._refuse("the document", MAX_TOTAL)
        chunks, size = [], 0
        with self.archive.open(name) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > MAX_PART:
                    raise self._refuse(name, MAX_PART)
                if self.unpacked + size > MAX_TOTAL:
                    raise self._refuse("the document", MAX_TOTAL)
                chunks.append(chunk)
        self.unpacked += size
        return b"".join(chunks)

    def xml(self, name: str) -> Any:
        path = self.path
        try:
            data = self.read(name)
        except InputProblem:
            raise
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as err:
            raise InputProblem(path, f"is corrupt: cannot unpack {name} ({err})") from None
        except Exception as err:  # zlib.error and others from a damaged archive
            raise InputProblem(path, f"is corrupt: cannot unpack {name} ({err})") from None
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as err:
            message = " ".join(str(err).split())  # one line, whatever libxml2 says
            raise InputProblem(path, f"is corrupt: {name}: {message}") from None
        _refuse_doctype(root, path, name)
        return root


def _refuse_doctype(root: Any, path: str, name: str) -> None:
    """Refuse a part that declares a DOCTYPE: Word never writes one, and its entities would
    hide or change text."""
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise InputProblem(
            path,
            f"{name} declares a DOCTYPE (entity declarations), which Word never writes; "
            "refused: open the file in Word and save it again",
        )


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
