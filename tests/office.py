"""LibreOffice as a Word user's stand-in: open a DOCX, Accept All or Reject All, read the text.

Debian's Python bridge to LibreOffice (python3-uno) runs under the system interpreter, not
in the project's virtual environment, so the work is done by a small script run with
/usr/bin/python3 in a subprocess; it starts a headless LibreOffice of its own (its own
profile, its own pipe) and ends it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

PYTHON = "/usr/bin/python3"

SCRIPT = r"""
import json, os, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

path, profile, pipe, actions = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
office = subprocess.Popen(
    ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
     "-env:UserInstallation=" + profile, "--accept=pipe,name=%s;urp;" % pipe],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            context = resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.25)
    else:
        raise SystemExit("LibreOffice did not start")
    manager = context.ServiceManager
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
    out = {}
    for action in actions:
        # No RepairPackage: a file Word would offer to repair fails to load here.
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", True),))
        if document is None:
            raise SystemExit("LibreOffice could not open " + path)
        frame = document.getCurrentController().getFrame()
        if action == "accept":
            dispatcher.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
        elif action == "reject":
            dispatcher.executeDispatch(frame, ".uno:RejectAllTrackedChanges", "", 0, ())
        blocks = []
        enumeration = document.getText().createEnumeration()
        while enumeration.hasMoreElements():
            element = enumeration.nextElement()
            if element.supportsService("com.sun.star.text.TextTable"):
                rows = []
                for name in element.getCellNames():
                    rows.append([name, element.getCellByName(name).getString()])
                blocks.append({"table": rows})
            else:
                blocks.append({"text": element.getString(), "style": element.ParaStyleName})
        out[action] = {
            "blocks": blocks,
            "redlines": len(document.Redlines) if hasattr(document, "Redlines") else -1,
        }
        document.close(True)
    print(json.dumps(out))
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        office.wait(timeout=30)
    except Exception:
        office.kill()
"""


def available() -> bool:
    """Return whether LibreOffice and its Python bridge are installed."""
    return (
        shutil.which("soffice") is not None
        and Path(PYTHON).is_file()
        and (subprocess.run([PYTHON, "-c", "import uno"], capture_output=True).returncode == 0)
    )


def read(path: Path, *actions: str) -> dict[str, dict[str, object]]:
    """Open `path` once per action ("open", "accept", "reject") and return what it reads.

    Each result has "blocks" (paragraphs as {"text", "style"}, tables as {"table":
    [[cell name, text], ...]}) and "redlines" (tracked changes left in the document).
    """
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder, "profile").as_uri()
        pipe = f"contracttools{Path(folder).name}"
        done = subprocess.run(
            [PYTHON, "-c", SCRIPT, str(path), profile, pipe, *actions],
            capture_output=True,
            text=True,
            timeout=300,
        )
    if done.returncode != 0:
        raise RuntimeError(f"LibreOffice could not read {path}: {done.stderr or done.stdout}")
    result: dict[str, dict[str, object]] = json.loads(done.stdout)
    return result


def texts(blocks: object) -> list[str]:
    """Return the non-empty paragraph and cell texts of `read`'s blocks, in reading order."""
    out: list[str] = []
    for block in blocks:  # type: ignore[attr-defined]
        if "table" in block:
            out.extend(text for _, text in block["table"] if text)
        elif block["text"]:
            out.append(block["text"])
    return out


EDIT = r"""
import json, os, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

path, out, profile, pipe, author, pairs = sys.argv[1:7]
office = subprocess.Popen(
    ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
     "-env:UserInstallation=" + profile, "--accept=pipe,name=%s;urp;" % pipe],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            context = resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.25)
    else:
        raise SystemExit("LibreOffice did not start")
    manager = context.ServiceManager
    # The author of the tracked changes: the user's name in the profile.
    provider = manager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", context)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
    access.setPropertyValue("givenname", author)
    access.setPropertyValue("sn", "")
    access.commitChanges()
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", True),))
    if document is None:
        raise SystemExit("LibreOffice could not open " + path)
    document.RecordChanges = True
    made = {}
    for old, new in json.loads(pairs):
        search = document.createReplaceDescriptor()
        search.SearchString = old
        search.ReplaceString = new
        search.SearchCaseSensitive = True
        made[old] = document.replaceAll(search)
    document.storeToURL(
        uno.systemPathToFileUrl(os.path.abspath(out)), (prop("FilterName", "MS Word 2007 XML"),))
    redlines = len(document.Redlines)
    document.close(True)
    print(json.dumps({"replaced": made, "redlines": redlines}))
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        office.wait(timeout=30)
    except Exception:
        office.kill()
"""


def edit_tracked(
    path: Path, out: Path, replacements: list[tuple[str, str]], author: str
) -> dict[str, object]:
    """Open `path` in LibreOffice as `author`, with Record Changes on, replace each text by
    its new text (Find & Replace > Replace All), and save the result to `out` as DOCX.

    Return how many times each text was replaced and how many tracked changes the document
    then holds: the edit is LibreOffice's own, not this project's writer.
    """
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder, "profile").as_uri()
        pipe = f"contracttools{Path(folder).name}"
        done = subprocess.run(
            [PYTHON, "-c", EDIT, str(path), str(out), profile, pipe, author,
             json.dumps(replacements)],
            capture_output=True,
            text=True,
            timeout=300,
        )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"LibreOffice could not edit {path}: {done.stderr or done.stdout}")
    result: dict[str, object] = json.loads(done.stdout)
    return result
