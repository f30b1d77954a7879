"""Every XML part of every DOCX validates against the ISO/IEC 29500 transitional schemas.

The schemas are not shipped with the repository (see tests/ooxml.py for where they are
looked for); without them these tests skip and say why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import ooxml
from tests.conftest import SAMPLES
from tests.conftest import invoke as run
from tests.test_blackline import CASE_PATHS, case_files

FOLDER = ooxml.schema_folder()
pytestmark = pytest.mark.skipif(
    FOLDER is None,
    reason="ISO/IEC 29500 schemas not found: set CONTRACTTOOLS_OOXML_SCHEMAS to a folder "
    "holding ISO-IEC29500-4_2016/wml.xsd, ecma/fouth-edition/opc-*.xsd and mce/mc.xsd",
)


def valid(path: Path) -> None:
    assert FOLDER is not None
    assert ooxml.problems(path, FOLDER) == []


@pytest.mark.parametrize("case_path", CASE_PATHS, ids=lambda p: p.stem)
@pytest.mark.parametrize("mode", ["tracked", "visual"])
def test_golden_case_redlines_validate(case_path: Path, mode: str, tmp_path: Path) -> None:
    old, new = case_files(case_path, tmp_path)
    out = tmp_path / "redline.docx"
    assert run("diff", old, new, "-o", str(out), "--redline", mode)[0] in (0, 1)
    valid(out)


@pytest.mark.parametrize("name", ["01-guild-1", "02-producers-1", "03-guild-2"])
def test_sample_packets_validate(name: str, tmp_path: Path) -> None:
    out = tmp_path / "packet.docx"
    assert run("packet", str(SAMPLES / f"{name}.yaml"), "-o", str(out), "--signoff")[0] == 0
    valid(out)


def test_summary_validates(tmp_path: Path) -> None:
    out = tmp_path / "summary.docx"
    assert run("summary", str(SAMPLES / "negotiation.yaml"), "-o", str(out))[0] == 0
    valid(out)
