"""HTML and PDF: read back as their readers will read them (text, pages, links)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from contracttools.loading import load_in_context
from contracttools.templating import template_folders
from contracttools.writers import pdf
from contracttools.writers.options import Options
from tests.conftest import AGREEMENT, SAMPLES, Writer
from tests.conftest import invoke as run

GOLDEN = Path(__file__).parent / "golden"
PRODUCERS_1 = str(SAMPLES / "02-producers-1.yaml")
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils missing"
)


def pages(path: Path) -> list[str]:
    """Return each page's text, laid out, as pdftotext reads it."""
    count = len(pypdf.PdfReader(path).pages)
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


@pytest.fixture(scope="module")
def packet_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("packet") / "producers-1.pdf"
    code, output = run("packet", PRODUCERS_1, "-o", str(out), "--signoff")
    assert code == 0, output
    return out


@needs_pdftotext
def test_packet_cover(packet_pdf: Path) -> None:
    cover = pages(packet_pdf)[0]
    for expected in (
        "Alliance of Screen and Streaming",
        "Proposal No. 1",
        "April 12, 2023, 3:30 p.m. PDT",
        "Screen Writers Guild",
        "2023 Screen and Series Basic Agreement Negotiations",
        "The Producers reserve the right to add to, modify or",
    ):
        assert expected in cover
    assert (
        "Alliance of Screen and Streaming Producers — Proposal No. 1" not in cover
    )  # no header on the cover


@needs_pdftotext
def test_every_page_numbered_and_headed(packet_pdf: Path) -> None:
    texts = pages(packet_pdf)
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {len(texts)}" in text
        if number > 1:
            assert (
                "Alliance of Screen and Streaming Producers — Proposal No. 1 — April 12, 2023"
                in text
            )


@needs_pdftotext
def test_index_page_numbers_point_at_the_items(packet_pdf: Path) -> None:
    texts = pages(packet_pdf)
    actual = {}
    for number, text in enumerate(texts, 1):
        for match in re.finditer(r"^\s*Item (\d+)\. ", text, re.MULTILINE):
            actual[int(match.group(1))] = number
    index = {}
    for line in texts[1].splitlines():
        row = re.match(r"^\s*(\d{1,2})\s{2,}\S.*\s(\d+)\s*$", line)
        if row:
            index[int(row.group(1))] = int(row.group(2))
    assert len(actual) == 11
    assert index == actual


@needs_pdftotext
def test_redline_marks_survive_as_text(packet_pdf: Path) -> None:
    laid_out = " ".join(" ".join(pages(packet_pdf)).split())
    # Compared without white space: where a line breaks depends on the fonts.
    assert "threefourpercent(3%)" in "".join(laid_out.split())  # no brackets printed...
    text = "".join(page.extract_text() for page in pypdf.PdfReader(packet_pdf).pages)
    assert "[-three-][+four+]percent[-(3%)-][+(4%)+]" in "".join(
        text.split()
    )  # ...but in the text layer
    assert (
        "ACCEPT" in laid_out
        and "marked against the current agreement, as the Guild proposed in its Proposal No. 1"
        in laid_out
    )
    assert "The clause moves from 3.B (Article 3) to 2.F (Article 2)." in " ".join(laid_out.split())
    # No lines to initial under a rejection or a concept (items 4, 6 and 9 of 11).
    assert laid_out.count("For Screen Writers Guild:") == 8 and laid_out.count("Initials") == 16


@needs_pdftotext
def test_brackets_printed_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "brackets.pdf"
    assert run("packet", PRODUCERS_1, "-o", str(out), "--marks", "brackets")[0] == 0
    text = "".join(" ".join(pages(out)).split())
    assert "[-three-][+four+]percent[-(3%)-][+(4%)+]" in text


def test_pdf_is_tagged_with_metadata_and_bookmarks(packet_pdf: Path) -> None:
    reader = pypdf.PdfReader(packet_pdf)
    assert reader.metadata is not None
    assert reader.metadata.title == "Alliance of Screen and Streaming Producers — Proposal No. 1"
    assert reader.metadata.author == "Alliance of Screen and Streaming Producers"
    root = reader.trailer["/Root"].get_object()
    assert isinstance(root, pypdf.generic.DictionaryObject) and "/StructTreeRoot" in root
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:2] == ["Proposal No. 1", "Index of items"]
    assert titles[2:4] == [
        "Item 1. 2.A General Increases (AMEND)",
        "Item 2. 2.C High Budget Streaming Programs (STATUS QUO)",
    ]
    assert len(titles) == 13
    assert reader.pages[0].mediabox.width == 612  # letter


def test_a4(tmp_path: Path) -> None:
    out = tmp_path / "a4.pdf"
    assert run("packet", PRODUCERS_1, "-o", str(out), "--paper", "a4")[0] == 0
    box = pypdf.PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_packet_html_golden(tmp_path: Path) -> None:
    out = tmp_path / "packet.html"
    assert run("packet", PRODUCERS_1, "-o", str(out), "--signoff")[0] == 0
    golden = GOLDEN / "packet-producers-1.html"
    if os.environ.get("CONTRACTTOOLS_REGEN"):
        shutil.copy(out, golden)
    assert out.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")


def test_notes_only_in_the_team_copy(tmp_path: Path) -> None:
    plain, team = tmp_path / "plain.html", tmp_path / "team.html"
    guild = str(SAMPLES / "01-guild-1.yaml")
    assert run("packet", guild, "-o", str(plain))[0] == 0
    assert run("packet", guild, "-o", str(team), "--include-notes")[0] == 0
    secret = "Floor is 5% in year one"
    assert secret not in plain.read_text(encoding="utf-8")
    assert "mini-rooms are the strike issue" not in plain.read_text(encoding="utf-8")
    assert secret in team.read_text(encoding="utf-8")
    assert '@top-right { content: "CONFIDENTIAL"; }' in team.read_text(encoding="utf-8")


def test_against_the_other_sides_counter(tmp_path: Path) -> None:
    out = tmp_path / "counter.html"
    code, _ = run(
        "packet", str(SAMPLES / "03-guild-2.yaml"), "--against", PRODUCERS_1, "-o", str(out)
    )
    html = out.read_text(encoding="utf-8")
    assert code == 0
    assert "marked against Producers&#39; Proposal No. 1" in html
    assert "Package “series-employment”.</p>" in html
    assert '<del><span class="cue">[-</span>four<span class="cue">-]</span></del>' in html


HOSTILE = 'Pay <img src="file:///etc/hostname"> now {{ 7*7 }} {% if x %} <script>alert(1)</script> & more.'


@needs_pdftotext
def test_clause_text_is_data_never_markup(tmp_path: Path, write: Writer) -> None:
    old = write("old.yaml", AGREEMENT)
    new = write(
        "new.yaml", AGREEMENT.replace("Payment is due within seven (7) days.", f"'{HOSTILE}'")
    )
    html_out, pdf_out = tmp_path / "r.html", tmp_path / "r.pdf"
    assert run("diff", str(old), str(new), "-o", str(html_out))[0] == 1
    assert run("diff", str(old), str(new), "-o", str(pdf_out))[0] == 1
    html = html_out.read_text(encoding="utf-8")
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=&#34;file:///etc/hostname&#34;&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html
    text = " ".join(" ".join(pages(pdf_out)).split())
    assert '<img src="file:///etc/hostname">' in text and "{{ 7*7 }}" in text


def test_shared_words_are_escaped_in_html() -> None:
    from contracttools.templating import environment

    template = environment().from_string('{% import "words.txt.j2" as w %}{{ w.withdrawn(p) }}')
    html = template.render(p={"party": {"name": "<script>x</script> O'Neil"}})
    assert html.startswith("&lt;script&gt;x&lt;/script&gt; O&#39;Neil withdraws")


def test_fetcher_serves_template_folders_only() -> None:
    folders = template_folders()
    fetch = pdf.fetcher(folders)
    response = fetch.fetch((folders[0] / "contracttools.css").as_uri())
    response.close()
    for url in (
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        (folders[0] / ".." / "pyproject.toml").as_uri(),
    ):
        with pytest.raises(ValueError, match="loads nothing outside its template folders"):
            fetch.fetch(url)


def test_no_warnings_while_rendering(caplog: pytest.LogCaptureFixture) -> None:
    from contracttools.documents.packet import build_packet
    from contracttools.model import Proposal
    from contracttools.writers.html import write_packet

    proposal, negotiation = load_in_context(PRODUCERS_1)
    assert isinstance(proposal, Proposal)  # the sample's file, read as a proposal
    packet = build_packet(proposal, negotiation, signoff=True)
    html = write_packet(packet, Options(when=proposal.passed_at))
    folders = template_folders()
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf.write(html, folders, folders[0])
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


@needs_pdftotext
def test_any_script_comes_out_as_text(tmp_path: Path, write: Writer) -> None:
    text = "作家は報酬を受け取る。 Écrivain “promptly” § 12.3 — Ελληνικά Кириллица"
    old = write("old.yaml", AGREEMENT)
    new = write("new.yaml", AGREEMENT.replace("Payment is due within seven (7) days.", f"'{text}'"))
    out = tmp_path / "r.pdf"
    assert run("diff", str(old), str(new), "-o", str(out))[0] == 1
    extracted = " ".join(pages(out))
    for piece in ("作家は報酬を受け取る", "Écrivain", "“promptly”", "§", "Ελληνικά", "Кириллица"):
        assert piece in extracted


def test_user_templates_override_one_file(tmp_path: Path) -> None:
    shutil.copy(template_folders()[0] / "macros.html.j2", tmp_path / "macros.html.j2")
    macros = tmp_path / "macros.html.j2"
    macros.write_text(macros.read_text().replace("How to read the marks:", "Legend (our style):"))
    out = tmp_path / "p.html"
    assert run("packet", PRODUCERS_1, "-o", str(out), "--templates", str(tmp_path))[0] == 0
    assert "Legend (our style):" in out.read_text(encoding="utf-8")


def test_user_templates_are_sandboxed(tmp_path: Path) -> None:
    (tmp_path / "packet.html.j2").write_text("{{ packet.__class__.__init__.__globals__ }}")
    out = tmp_path / "p.html"
    code, output = run("packet", PRODUCERS_1, "-o", str(out), "--templates", str(tmp_path))
    assert code == 2
    assert "template error" in output and "unsafe" in output
    assert not out.exists()


def test_template_syntax_error_has_its_place(tmp_path: Path) -> None:
    (tmp_path / "packet.html.j2").write_text("<p>\n{% if packet %}\n")
    code, output = run(
        "packet", PRODUCERS_1, "-o", str(tmp_path / "p.html"), "--templates", str(tmp_path)
    )
    assert code == 2
    assert output.startswith(
        f"{tmp_path / 'packet.html.j2'}:2:1: template error: Unexpected end of template"
    )


def test_missing_variable_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "packet.html.j2").write_text("{{ no_such_thing }}")
    code, output = run(
        "packet", PRODUCERS_1, "-o", str(tmp_path / "p.html"), "--templates", str(tmp_path)
    )
    assert code == 2
    assert "'no_such_thing' is undefined" in output


@needs_pdftotext
def test_no_item_heading_alone_and_signoff_with_its_item(packet_pdf: Path) -> None:
    texts = pages(packet_pdf)
    for number, text in enumerate(texts[1:], 2):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith(("Page ", "Alliance of Screen"))]
        assert body, f"page {number} is empty"
        assert not re.match(r"^Item \d+\. ", body[-1]), f"heading alone at the foot of {number}"
        assert not body[0].startswith(("For ", "Initials", "Date")), (
            f"page {number} opens with a sign-off block"
        )
        if number > 2:
            assert body[0].startswith("Item "), (number, body[0])


@needs_pdftotext
def test_running_head_escaped_once_in_the_pdf(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    shutil.copytree(SAMPLES, folder)
    manifest = folder / "negotiation.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("Screen Writers Guild", "Writers' Guild"),
        encoding="utf-8",
    )
    out = tmp_path / "guild.pdf"
    assert run("packet", str(folder / "01-guild-1.yaml"), "-o", str(out))[0] == 0
    second = pages(out)[1]
    assert "Writers' Guild — Proposal No. 1 — March 20, 2023" in second
    assert "&#39;" not in second and "&amp;" not in second


def test_running_head_escaped_once() -> None:
    from markupsafe import Markup

    from contracttools.writers.html import css_string

    assert css_string(Markup("Writers&#39; Guild — No. 1")) == '"Writers\' Guild \\2014  No. 1"'


def test_html_stands_alone(tmp_path: Path) -> None:
    for args in (
        ["packet", PRODUCERS_1],
        ["diff", str(SAMPLES / "agreement-2020.yaml"), PRODUCERS_1],
    ):
        out = tmp_path / "page.html"
        assert run(*args, "-o", str(out))[0] in (0, 1)
        html = out.read_text(encoding="utf-8")
        assert "<link" not in html and "@page" in html and "ins { text-decoration" in html


@needs_pdftotext
def test_pdf_redline_is_the_full_blackline(tmp_path: Path) -> None:
    agreement = str(SAMPLES / "agreement-2020.yaml")
    full, short = tmp_path / "full.pdf", tmp_path / "short.pdf"
    assert run("diff", agreement, PRODUCERS_1, "-o", str(full))[0] == 1
    assert run("diff", agreement, PRODUCERS_1, "-o", str(short), "--changed-only")[0] == 1
    assert "2.B Schedule of Minimums" in " ".join(pages(full))
    assert "2.B Schedule of Minimums" not in " ".join(pages(short))
    assert "/wga-2023/" not in " ".join(pages(full))  # file names, not paths


def test_zone_names() -> None:
    from datetime import datetime, timedelta, timezone

    from contracttools.writers.labels import passed, zone_name

    def at(text: str, hours: float) -> datetime:
        return datetime.fromisoformat(text).replace(tzinfo=timezone(timedelta(hours=hours)))

    assert passed(at("2023-04-12T15:30", -7)) == "April 12, 2023, 3:30 p.m. PDT"
    assert zone_name(at("2023-01-12T15:30", -8)) == "PST"
    assert zone_name(at("2023-01-12T15:30", -7)) == "MST"
    assert zone_name(at("2023-07-12T09:00", -4)) == "EDT"
    assert zone_name(at("2023-07-12T09:00", 0)) == "UTC"
    assert zone_name(at("2023-07-12T09:00", 2)) == "UTC+02:00"
    assert zone_name(at("2023-07-12T09:00", 2), "Europe/Paris") == "CEST"
    assert zone_name(at("2023-07-12T09:00", -7), "America/Phoenix") == "MST"


def changes_rows(html: str) -> list[tuple[str, str]]:
    """Return the changed-clauses table's rows: (clause as written, text of the linked element)."""
    import lxml.html

    page = lxml.html.fromstring(html)
    rows = []
    for row in page.xpath('//table[@class="changes"]/tbody/tr'):
        fragment = row.xpath('.//td[@class="page"]/a/@href')[0].removeprefix("#")
        assert row[0].xpath("./a/@href") == [f"#{fragment}"]  # the clause's name links there too
        (target,) = page.xpath(f'//*[@id="{fragment}"]')
        heading = target.xpath("./*[self::h1 or self::h2 or self::h3 or self::h4]")[0]
        rows.append((row[0].text_content(), heading.text_content()))
    return rows


@pytest.mark.parametrize("short", [False, True], ids=["full", "changed-only"])
def test_changed_clauses_link_to_their_own_clause(tmp_path: Path, short: bool) -> None:
    out = tmp_path / "redline.html"
    extra = ["--changed-only"] if short else []
    assert (
        run("diff", str(SAMPLES / "agreement-2020.yaml"), PRODUCERS_1, "-o", str(out), *extra)[0]
        == 1
    )
    rows = changes_rows(out.read_text(encoding="utf-8"))
    assert len(rows) >= 10
    for clause, heading in rows:
        assert heading.startswith(clause), (clause, heading)


@needs_pdftotext
def test_changed_clauses_print_the_page_of_their_heading(tmp_path: Path) -> None:
    out = tmp_path / "redline.pdf"
    assert run("diff", str(SAMPLES / "agreement-2020.yaml"), PRODUCERS_1, "-o", str(out))[0] == 1
    laid_out = pages(out)
    row = re.compile(r"^\s*(?:Article \d+ › )?(\d+\.[A-Z]) \S.*\s(\d+)\s*$", re.MULTILINE)
    printed = {m.group(1): int(m.group(2)) for m in row.finditer(laid_out[0] + laid_out[1])}
    assert len(printed) == 11, printed
    for number, page in printed.items():
        heading = re.compile(rf"^\s*(?:Article \d+ › )?{re.escape(number)} \D*$", re.MULTILINE)
        found = [n for n, text in enumerate(laid_out, 1) if heading.search(text)]
        assert found == [page], (number, page, found)


def test_status_quo_answering_a_change_says_what_it_is_marked_against(tmp_path: Path) -> None:
    import lxml.html

    from tests.test_docx import read_back

    counter = ["packet", str(SAMPLES / "03-guild-2.yaml"), "--against", PRODUCERS_1]
    html, word = tmp_path / "counter.html", tmp_path / "counter.docx"
    assert run(*counter, "-o", str(html))[0] == 0 and run(*counter, "-o", str(word))[0] == 0
    (item,) = lxml.html.fromstring(html.read_text(encoding="utf-8")).xpath('//*[@id="item-6"]')
    words = "Keeps the current language; marked against Producers' Proposal No. 1."
    assert "STATUS QUO" in item.text_content()
    assert [p.text_content() for p in item.xpath('.//p[@class="against"]')] == [words]
    assert "No change is proposed" not in item.text_content() and item.xpath(".//del")
    assert words in read_back(word, "reject") and "No change is proposed" not in " ".join(
        read_back(word, "reject")
    )
    # Marked against the agreement, a status-quo item marks nothing and says so.
    plain = tmp_path / "producers.html"
    assert run("packet", PRODUCERS_1, "-o", str(plain))[0] == 0
    text = plain.read_text(encoding="utf-8")
    assert text.count("No change is proposed: the current language stands.") == 3
    assert "Keeps the current language" not in text


def test_package_lines_count_the_items(tmp_path: Path) -> None:
    from contracttools.documents.packet import Package
    from contracttools.templating import environment

    words = environment(None).get_template("words.txt.j2").module
    one, two = Package("streaming-parity", (2,)), Package("series", (3, 5))
    packet = type("Packet", (), {"packages": (one, two)})()
    assert str(words.packages_line(packet)) == (  # type: ignore[attr-defined]
        "Package “streaming-parity”: item 2. Package “series”: items 3, 5 stand or fall together."
    )


@needs_pdftotext
def test_signoff_lines_level_when_a_name_wraps(tmp_path: Path) -> None:
    out = tmp_path / "counter.pdf"
    counter = ["packet", str(SAMPLES / "03-guild-2.yaml"), "--against", PRODUCERS_1]
    assert run(*counter, "--signoff", "-o", str(out))[0] == 0
    lines = [line for page in pages(out) for line in page.splitlines()]
    wrapped = [
        n for n, line in enumerate(lines) if line.strip() == "For Alliance of Screen and Streaming"
    ]
    assert len(wrapped) == 6  # the name wraps in the right column: the left one's lines wait
    for n in wrapped:
        assert lines[n + 1].split() == ["For", "Screen", "Writers", "Guild:", "Producers:"]
        assert lines[n + 2].split() == ["Initials", "Initials"]
        assert lines[n + 3].split() == ["Date", "Date"]


@needs_pdftotext
def test_printed_cues_stay_with_their_change(tmp_path: Path) -> None:
    summary, packet = tmp_path / "summary.pdf", tmp_path / "packet.pdf"
    assert run("summary", str(SAMPLES), "--with-language", "-o", str(summary))[0] == 0
    assert run("packet", PRODUCERS_1, "--marks", "brackets", "-o", str(packet))[0] == 0
    lines = [
        line.strip() for out in (summary, packet) for p in pages(out) for line in p.splitlines()
    ]
    assert sum("[-" in line for line in lines) > 10
    for line in lines:
        assert not line.endswith(("[-", "[+", "[~")), line
        assert not line.startswith(("-]", "+]", "~]")), line


def test_a_packet_in_a_book_links_back_to_it() -> None:
    from contracttools.documents.packet import build_packet
    from contracttools.writers.options import Options
    from contracttools.writers.table import write

    proposal, negotiation = load_in_context(PRODUCERS_1)
    packet = build_packet(proposal, negotiation)  # type: ignore[arg-type]
    in_book = write("packet", "html", packet, Options(index="../index.html"))
    alone = write("packet", "html", packet, Options())
    assert isinstance(in_book, str) and isinstance(alone, str)
    assert '<nav class="crumbs"><a href="../index.html">← Tracking chart</a></nav>' in in_book
    assert "crumbs" not in alone.split("</style>")[-1]
