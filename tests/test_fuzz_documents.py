"""Mutated Word and PDF documents never end in a traceback, a hang or a memory blow-up.

Hypothesis mutates the parts of a Word file (bytes, hostile XML put in at any place:
hidden text, a DOCTYPE, absurd numbers, deep nesting, tracked changes) and the bytes of
the package and of a PDF, and runs `import` on each: it exits 0 or 2, and an exit 2 is
one `path: message` line. The examples are drawn derandomized, without a deadline, so
a run is the same on every machine; CONTRACTTOOLS_FUZZ=10 runs ten times as many. The
hostile documents of the corpus are also run in a process of their own, limited to 1 GB
of memory and 20 s.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES, invoke
from tests.wordfixtures import AUTHOR, abstract, dele, ins, level, make_docx, num, p, table, tc, tr

SCALE = int(os.environ.get("CONTRACTTOOLS_FUZZ", "1"))
DOCUMENTS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    max_examples=40 * SCALE,
)

NUMBERING = abstract(
    1,
    level(0, "upperRoman", "ARTICLE %1"),
    level(1, "decimal", "%1.%2", extra="<w:isLgl/>"),
    level(2, "lowerLetter", "(%3)"),
) + num(1, 1)
BODY = (
    p("Collective Agreement", style="Title")
    + p("Wages", num=1, ilvl=0)
    + p("Rates", num=1, ilvl=1)
    + p("The Employer shall pay ", dele("ten"), ins("twelve"), " dollars.")
    + p("Day work", num=1, ilvl=2)
    + table(tr("Class", "2023", header=True), tr("Clerk", "$20.00"), tr(tc(p("All"), span=2)))
    + p("Hours", num=1, ilvl=0)
    + p("The normal week is forty hours.")
)
HOSTILE = (
    "<w:r><w:rPr><w:vanish/></w:rPr><w:t>not</w:t></w:r>",
    '<w:r><w:rPr><w:color w:val="FFFFFF"/><w:sz w:val="1"/></w:rPr><w:t>x</w:t></w:r>',
    '<!DOCTYPE x [<!ENTITY e "not">]>', "&e;", "<w:sdt><w:sdtContent>" * 70,
    "<w:hyperlink>" * 70, '<w:start w:val="9223372036854775808"/>',
    '<w:start w:val="-5"/>', '<w:numFmt w:val="ordinalText"/>', '<w:gridSpan w:val="400000000"/>',
    '<w:numPr><w:ilvl w:val="99"/><w:numId w:val="1"/></w:numPr>',
    f'<w:ins w:id="5" {AUTHOR}>', "</w:ins>", '<w:footnoteReference w:id="7"/>',
    "<w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent>",
    '<w:fldChar w:fldCharType="begin"/>', "<w:instrText>TOC</w:instrText>",
    "\u202e", "\u200b", "\x00", "<", "&", "]]>", "<?pi x?>", "<!-- c -->",
)  # fmt: skip
PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml", "[Content_Types].xml")


@cache
def base_docx() -> bytes:
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"fuzz-base-{os.getpid()}.docx"
    make_docx(path, BODY, NUMBERING)
    data = path.read_bytes()
    path.unlink()
    return data


@cache
def base_pdf() -> bytes:
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"fuzz-pdf-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    out = folder / "agreement.pdf"
    code, output = invoke(
        "diff", str(SAMPLES / "agreement-2020.yaml"), str(SAMPLES / "agreement-2020.yaml"),
        "--all", "-o", str(out),
    )  # fmt: skip
    assert code == 0, output
    data = out.read_bytes()
    out.unlink()
    folder.rmdir()
    return data


@dataclass(frozen=True)
class Change:
    """One change to a document: `kind`, at a position (wrapping around) with a value."""

    kind: str
    at: int
    value: int = 0
    text: str = ""

    def apply(self, data: bytes) -> bytes:
        if not data:
            return data
        at = self.at % len(data)
        if self.kind == "byte":
            return data[:at] + bytes([self.value % 256]) + data[at + 1 :]
        if self.kind == "cut":
            return data[:at]
        if self.kind == "drop":
            return data[:at] + data[at + 1 + self.value % 64 :]
        # "insert": text put in at a tag boundary of the XML
        boundary = data.find(b">", at)
        at = boundary + 1 if boundary >= 0 else at
        return data[:at] + self.text.encode("utf-8") + data[at:]


positions = st.integers(min_value=0, max_value=10**7)
xml_changes = st.one_of(
    st.builds(Change, st.just("insert"), positions, st.just(0), st.sampled_from(HOSTILE)),
    st.builds(Change, st.sampled_from(("byte", "drop", "cut")), positions, st.integers(0, 255)),
)
byte_changes = st.builds(
    Change, st.sampled_from(("byte", "drop", "cut")), positions, st.integers(0, 255)
)


def mutated_docx(part: str, changes: list[Change]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(base_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                for change in changes:
                    data = change.apply(data)
            target.writestr(info.filename, data)
    return out.getvalue()


def assert_imports_cleanly(path: Path) -> None:
    code, output = invoke("import", str(path), "--accept-changes")
    assert code in (0, 2), output
    assert "Traceback" not in output
    if code == 2:
        assert output.startswith(f"{path}: ") and output.count("\n") == 1, output


@DOCUMENTS
@given(part=st.sampled_from(PARTS), changes=st.lists(xml_changes, min_size=1, max_size=4))
def test_mutated_word_parts(tmp_path: Path, part: str, changes: list[Change]) -> None:
    path = tmp_path / "mutated.docx"
    path.write_bytes(mutated_docx(part, changes))
    assert_imports_cleanly(path)


@settings(DOCUMENTS, max_examples=20 * SCALE)
@given(changes=st.lists(byte_changes, min_size=1, max_size=3))
def test_mutated_word_packages(tmp_path: Path, changes: list[Change]) -> None:
    data = base_docx()
    for change in changes:
        data = change.apply(data)
    path = tmp_path / "mutated.docx"
    path.write_bytes(data)
    assert_imports_cleanly(path)


@settings(DOCUMENTS, max_examples=10 * SCALE)
@given(changes=st.lists(byte_changes, min_size=1, max_size=3))
def test_mutated_pdfs(tmp_path: Path, changes: list[Change]) -> None:
    data = base_pdf()
    for change in changes:
        data = change.apply(data)
    path = tmp_path / "mutated.pdf"
    path.write_bytes(data)
    code, output = invoke("import", str(path))
    assert code in (0, 2), output
    assert "Traceback" not in output


def hostile_corpus(folder: Path) -> list[Path]:
    """Write the hostile documents of the corpus: each of the breaks import once had."""
    made = []
    deep = "<w:sdt><w:sdtContent>" * 1000 + p("x") + "</w:sdtContent></w:sdt>" * 1000
    wrappers = (
        "<w:p>"
        + "<w:hyperlink>" * 1500
        + "<w:r><w:t>x</w:t></w:r>"
        + "</w:hyperlink>" * 1500
        + "</w:p>"
    )
    for name, body, numbering in (
        ("roman", p("x", num=1, ilvl=0), abstract(1, level(0, "lowerRoman", "%1", start=2**63)) + num(1, 1)),
        ("letters", p("x", num=1, ilvl=0), abstract(1, level(0, "lowerLetter", "%1", start=2**63)) + num(1, 1)),
        ("words", p("x", num=1, ilvl=0), abstract(1, level(0, "cardinalText", "%1", start=10**4000)) + num(1, 1)),
        ("ordinal", p("x", num=1, ilvl=0), abstract(1, level(0, "ordinalText", "%1", start=-5)) + num(1, 1)),
        ("span", table(tr(tc(p("x"), span=400_000_000))), ""),
        ("controls", deep, ""),
        ("wrappers", wrappers, ""),
    ):  # fmt: skip
        made.append(make_docx(folder / f"{name}.docx", p("Intro.") + body, numbering))
    bomb = folder / "bomb.docx"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
        target.open("word/document.xml", "w") as part,
    ):
        for _ in range(200):
            part.write(b" " * (1 << 20))
    made.append(bomb)
    # 3 MB of text wrapped as a PDF's text layer wraps it, with no blank line: one paragraph
    # of 50,000 lines (joining each line to the paragraph so far once took half an hour)
    wrapped = folder / "wrapped.txt"
    line = "the employer shall pay each employee not less than the rate in the schedule,"
    wrapped.write_text("ARTICLE 1\nWAGES\n\n1.1 " + f"{line}\n" * 40_000, encoding="utf-8")
    # a line of a million letters ending in a hyphen, then a line in lower case
    letters = folder / "letters.txt"
    letters.write_text("1.1 Pay " + "a" * 1_000_000 + " b-\ncd\n", encoding="utf-8")
    made += [wrapped, letters]
    return made


def test_no_hostile_document_takes_20_s_or_1_gb(tmp_path: Path) -> None:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    for path in hostile_corpus(tmp_path):
        done = subprocess.run(
            [sys.executable, "-m", "contracttools", "import", str(path)],
            capture_output=True, text=True, timeout=20, preexec_fn=limit, check=False,
        )  # fmt: skip
        assert done.returncode in (0, 2), (path.name, done.stderr)
        assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr, path.name
