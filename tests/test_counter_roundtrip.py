"""Done means: a packet against a real-size agreement, countered in LibreOffice, read back.

The union's packet (a general increase, two amendments, a deletion, a status quo and a new
"Heat and Air Quality" section) is written against a real 64-page agreement imported from
the shared corpus; LibreOffice, as the district's user, with Record Changes on, edits the
Word file as the other side would (4% / 3% / 3% for 6% / 5% / 5%, a smaller figure in our
new section); the import reads it back as the district's counter, and the negotiation's
chart and summary say what the district did.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from contracttools.readers import load_agreement
from tests import office
from tests.conftest import ROOT, invoke

CORPUS = ROOT.parent / "shared" / "corpus"
REAL = CORPUS / "uasf_cba_2023-2025.pdf"
DISTRICT = "San Francisco Unified School District"

pytestmark = [
    pytest.mark.client,
    pytest.mark.skipif(not REAL.is_file(), reason=f"the shared corpus is absent ({REAL})"),
    pytest.mark.skipif(not office.available(), reason="LibreOffice with python3-uno is absent"),
]

INCREASE = (
    "Salaries shall be increased by six percent (6%) effective July 1, 2025, by five "
    "percent (5%) effective July 1, 2026, and by five percent (5%) effective July 1, 2027."
)
HEAT = (
    "No employee shall be assigned to a room whose temperature exceeds eighty-five (85) "
    "degrees Fahrenheit."
)


def _write(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_a_counter_made_in_libreoffice_comes_back_as_the_districts(tmp_path: Path) -> None:
    code, output = invoke("import", str(REAL), "-o", str(tmp_path / "agreement.yaml"))
    assert code == 0, output
    agreement = load_agreement(tmp_path / "agreement.yaml")
    assert len(agreement.by_id) > 150  # real size: the 64 pages hold over 150 clauses
    leaves = [c for c, depth in agreement.walk() if depth and not c.clauses and len(c.text) > 100]
    increase, amended, struck, kept = leaves[:4]
    article = next(c for c in agreement.clauses if len(c.clauses) > 2)
    _write(
        tmp_path / "01-union-1.yaml",
        {
            "kind": "proposal", "party": "union", "number": 1,
            "passed_at": "2025-02-07T10:00:00-08:00", "amends": "agreement.yaml",
            "items": [
                {"clause": increase.id, "action": "amend", "text": INCREASE + "\n",
                 "terms": {"general_increase": ["6%", "5%", "5%"]}},
                {"clause": amended.id, "action": "amend",
                 "text": amended.text.rstrip("\n") + " The union shall be notified in writing.\n"},
                {"clause": struck.id, "action": "delete"},
                {"clause": kept.id, "action": "status-quo"},
                {"clause": f"{article.id}.heat", "action": "add", "number": "99.1",
                 "title": "Heat and Air Quality", "after": article.clauses[-1].id,
                 "text": HEAT + "\n"},
            ],
        },
    )  # fmt: skip
    manifest = {
        "kind": "negotiation", "title": "Real-size talks",
        "parties": {
            "union": {"name": "United Administrators of San Francisco", "short": "UASF",
                      "role": "union"},
            "district": {"name": DISTRICT, "short": "District", "role": "employer"},
        },
        "agreement": "agreement.yaml", "proposals": ["01-union-1.yaml"],
    }  # fmt: skip
    _write(tmp_path / "negotiation.yaml", manifest)
    packet = tmp_path / "union-1.docx"
    code, output = invoke("packet", str(tmp_path / "01-union-1.yaml"), "-o", str(packet))
    assert code == 0, output

    returned = tmp_path / "district-reply.docx"
    done = office.edit_tracked(
        packet,
        returned,
        [
            ("six percent (6%)", "four percent (4%)"),
            (
                "five percent (5%) effective July 1, 2026",
                "three percent (3%) effective July 1, 2026",
            ),
            (
                "five percent (5%) effective July 1, 2027",
                "three percent (3%) effective July 1, 2027",
            ),
            ("eighty-five (85)", "ninety (90)"),
        ],
        DISTRICT,
    )
    assert all(n == 1 for n in done["replaced"].values()), done  # type: ignore[attr-defined]

    counter = tmp_path / "02-district-1.yaml"
    code, output = invoke(
        "import", str(returned), "--amends", str(tmp_path / "agreement.yaml"),
        "--party", "district", "--number", "1", "--passed-at", "2025-02-14T10:00:00-08:00",
        "-o", str(counter),
    )  # fmt: skip
    assert code == 0, output
    items = yaml.safe_load(counter.read_text(encoding="utf-8"))["items"]
    # The counter to our new clause keeps our id; what they left alone is not theirs.
    assert [(i["clause"], i["action"]) for i in items] == [
        (increase.id, "amend"),
        (f"{article.id}.heat", "amend"),
    ]
    assert "four percent (4%)" in items[0]["text"] and "ninety (90) degrees" in items[1]["text"]
    assert "3 items returned without change: left open" in output

    manifest["proposals"] = ["01-union-1.yaml", "02-district-1.yaml"]
    _write(tmp_path / "negotiation.yaml", manifest)
    code, output = invoke("check", str(tmp_path))
    assert code == 0, output
    code, chart = invoke("track", str(tmp_path), "--format", "csv")
    assert code == 0, chart
    rows = list(csv.DictReader(io.StringIO(chart.lstrip("\ufeff"))))
    sections = [r["Section"] for r in rows]
    assert len(sections) == len(set(sections)) == 5  # one row per clause of the packet
    heat = next(r for r in rows if r["Section"] == "99.1")
    assert heat["Title"] == "Heat and Air Quality" and heat["Status"] == "open"
    assert heat["District 1 \u00b7 Feb 14"].startswith("AMEND")
    code, summary = invoke("summary", str(tmp_path))
    assert code == 0, summary
    # 1.04 * 1.03 * 1.03 = 1.103336, by hand: 10.33%.
    assert "| District (February 14, 2025), read from the text | 4% | 3% | 3% | 10.33% |" in summary
    assert "| UASF (February 7, 2025) | 6% | 5% | 5% | 16.87% |" in summary
