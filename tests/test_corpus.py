"""Import measured on real published agreements and proposals (`../shared/corpus`).

Each document's truth file (`tests/corpus/*.json`) was written from `pdftotext -layout`
by `tests/corpus/make_truth.py`, a reader apart from the import: the heading numbers in
the order printed, the articles, the pages without a text layer.  The floors below sit
just under what the import measured when they were set (`benchmarks/import_corpus.py`
prints the figures); a change that loses structure on a real document fails here.
"""

from __future__ import annotations

import pytest

from contracttools.importing import import_agreement
from contracttools.model import Agreement
from contracttools.readers.pdf import read_pdf
from tests.corpus.measures import CORPUS, documents, layout_text, measure

# The share of numbered headings imported in the printed order, per document.
FLOORS = {
    "ctu_cba-2019-2024_chicago.pdf": 0.99,
    "oea_cba-2018-2021_oakland.pdf": 1.0,
    "uasf_cba_2023-2025.pdf": 0.99,
    "SFUSD_to_UESF_Counter_to_Stability_Plan_Proposal_2.7.26.pdf": 1.0,
    "Exchanged_2.7.2025_UESF_to_SFUSD_Counter_to_Stability_Plan_Proposal.pdf": 1.0,
    "Tentative_Agreement_2_7_26_Sanctuary_Schools_.pdf": 1.0,
}

# Structure warnings `check` gives the import: none where every heading sits under its
# holder.  Where the import still reads a table's header or a list line as a heading, or a
# proposal amends sections of several articles out of their order, at most the count
# measured when this was set (docs/import.md names each).
LINT = {
    "ctu_cba-2019-2024_chicago.pdf": 6,
    "oea_cba-2018-2021_oakland.pdf": 0,
    "uasf_cba_2023-2025.pdf": 0,
    "SFUSD_to_UESF_Counter_to_Stability_Plan_Proposal_2.7.26.pdf": 33,
    "Exchanged_2.7.2025_UESF_to_SFUSD_Counter_to_Stability_Plan_Proposal.pdf": 64,
    "Tentative_Agreement_2_7_26_Sanctuary_Schools_.pdf": 0,
}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="no corpus beside the project")


@pytest.mark.parametrize("name", documents())
def test_structure_of_a_published_document(name: str) -> None:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{name} is not in the corpus")
    imported = import_agreement(read_pdf(str(path)), path.stem)
    assert isinstance(imported.document, Agreement)
    notes = [f"{n.where}: {n.message}" for n in imported.notes]
    m = measure(name, imported.document, notes, layout_text(path))
    assert m.in_order >= FLOORS[name] * m.headings, (m.in_order, m.headings)
    # Every article at the top level, holding every one of its sections.
    assert m.articles_top == m.articles
    assert m.sections_held == m.sections
    assert m.lint <= LINT[name]
    # No section number read as the first cell of a table row beside clause text.
    assert m.table_numbers == 0
    # No compound spelled with a hyphen elsewhere in the document joined at a line end.
    assert m.wrong_joins == 0
    # Every page without a text layer named in the report.
    assert m.unread_named == m.unread
