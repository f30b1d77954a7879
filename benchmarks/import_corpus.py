"""Import benchmark on the real-document corpus (`../shared/corpus`).

    .venv/bin/python benchmarks/import_corpus.py [NAME ...]

For each document with a truth file (`tests/corpus/*.json`, from `pdftotext -layout`)
prints: numbered headings imported in order, articles at the top level, sections held
by their article, section numbers inside tables (false tables), words wrongly joined
at a line-end hyphen, unread pages named, the structure warnings `check` gives the
import, and the import's time in process against
`pdftotext -layout` on the same file in the same run (the reference: the import starts
with it).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus.measures import CORPUS, documents, layout_text, measure  # noqa: E402


def main(names: list[str]) -> int:
    from contracttools.importing import import_agreement
    from contracttools.readers.pdf import read_pdf

    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    with open("/proc/loadavg") as load:
        print(f"load average {load.read().split()[0]} (2 shared cores)")
    for name in names or documents():
        path = CORPUS / name
        start = time.perf_counter()
        subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
        reference = time.perf_counter() - start
        start = time.perf_counter()
        source = read_pdf(str(path))
        imported = import_agreement(source, path.stem)
        took = time.perf_counter() - start
        notes = [f"{n.where}: {n.message}" for n in imported.notes]
        assert not isinstance(imported.document, type(None))
        m = measure(name, imported.document, notes, layout_text(path))  # type: ignore[arg-type]
        print(
            f"{name[:40]:40} headings {m.in_order}/{m.headings} in order "
            f"({100 * m.in_order / max(m.headings, 1):.1f}%), "
            f"articles at top {m.articles_top}/{m.articles}, "
            f"sections held {m.sections_held}/{m.sections}, "
            f"numbers in tables {m.table_numbers}, "
            f"wrong joins {m.wrong_joins} of {m.joins} line-end hyphens, "
            f"unread pages named {m.unread_named}/{m.unread}, "
            f"lint warnings {m.lint}, "
            f"{took:.2f} s vs pdftotext {reference:.2f} s ({took / reference:.1f}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
