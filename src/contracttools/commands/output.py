"""The one writing rule for what commands write: whole or not at all, modes by the umask,
team copies their owner's alone.

A file is written to a temporary file beside it and renamed into place; a folder is built
in a temporary folder beside it and renamed into place.  New files get 0666 and new folders
0777, less the umask; a team copy (confidential) gets 0600 files in 0700 folders whatever
the umask.  A folder is replaced only when it is empty or this tool wrote it: its marker
file lists what it wrote, and it holds nothing else.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import suppress
from pathlib import Path

from contracttools.errors import OutputProblem

MARKER = ".contracttools-written"
"""In a folder a command wrote (the book): every file it wrote, one a line."""


def umask() -> int:
    """Return the process's umask (read by setting it and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode(private: bool) -> int:
    """Return the mode of a new file: its owner's alone for a team copy, else by the umask."""
    return (0o600 if private else 0o666) & ~umask()


def folder_mode(private: bool) -> int:
    """Return the mode of a new folder: its owner's alone for a team copy, else by the umask."""
    return (0o700 if private else 0o777) & ~umask()


def _written_by_us(folder: Path) -> bool:
    """Return whether a folder may be replaced: empty, or holding exactly what its marker
    says this tool wrote there (and the folders those files are in)."""
    found = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir()}
    if not found:
        return not any(folder.iterdir())
    marker = folder / MARKER
    if not marker.is_file() or marker.is_symlink():
        return False
    try:
        listed = set(marker.read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return False
    return found <= listed | {MARKER}


def write_folder(
    target: Path,
    files: Mapping[str, str | bytes],
    inputs: Sequence[Path] = (),
    private: bool = False,
) -> None:
    """Write a whole folder or nothing: built in a temporary sibling, then renamed into
    place.  A folder already there is replaced only once the new one is complete, and only
    when it is empty or an earlier run wrote it (its marker); otherwise it is refused."""
    target = target.absolute()
    parent = target.parent
    if not parent.is_dir():
        raise OutputProblem(str(target), f"folder {parent} does not exist")
    if target.exists() or target.is_symlink():
        if not target.is_dir() or target.is_symlink():
            raise OutputProblem(str(target), "is not a folder")
        if any(i.resolve().is_relative_to(target.resolve()) for i in inputs):
            raise OutputProblem(str(target), "holds input files; choose another folder")
        if not _written_by_us(target):
            raise OutputProblem(
                str(target),
                "the folder holds other files (it is not one this tool wrote); "
                "give a new or empty folder, or one it wrote before",
            )
    try:
        building = Path(tempfile.mkdtemp(dir=parent, prefix=".contracttools-build-"))
    except OSError as err:
        raise OutputProblem(str(target), f"cannot write here: {err.strerror}") from None
    old: Path | None = None
    listing = "".join(f"{name}\n" for name in sorted(files))
    try:
        for name, content in sorted({**files, MARKER: listing}.items()):
            path = building / name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            path.write_bytes(data)
            path.chmod(file_mode(private))
        for folder in [building, *(p for p in building.rglob("*") if p.is_dir())]:
            folder.chmod(folder_mode(private))
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=parent, prefix=".contracttools-old-"))
            os.replace(target, old / "replaced")
        try:
            os.replace(building, target)
        except BaseException:
            if old is not None:
                os.replace(old / "replaced", target)
            raise
    except OSError as err:
        raise OutputProblem(str(target), f"cannot write here: {err.strerror}") from None
    finally:
        with suppress(FileNotFoundError):
            shutil.rmtree(building)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def write_new_files(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write files into a folder (made if missing), all or none, none over a file already
    there: every name is checked before the first file is written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputProblem(str(folder), f"cannot write here: {err.strerror}") from None
    if not folder.is_dir():
        raise OutputProblem(str(folder), "is not a folder")
    clashes = sorted(name for name in files if os.path.lexists(folder / name))
    if clashes:
        raise OutputProblem(
            str(folder),
            f"already holds {', '.join(clashes)}; nothing was written (use a new or empty folder)",
        )
    written: list[Path] = []
    try:
        for name, data in sorted(files.items()):
            path = folder / name
            # O_EXCL: a file made there since the check is never written over.
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            written.append(path)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(path, file_mode(False))
    except OSError as err:
        for path in written:  # nothing or everything: what was written goes again
            with suppress(FileNotFoundError):
                path.unlink()
        raise OutputProblem(str(folder), f"cannot write here: {err.strerror}") from None
