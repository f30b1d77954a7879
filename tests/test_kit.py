"""The members' ratification kit: a folder of an e-mail (HTML, text, draft .eml), the
member summary, the new agreement and its blackline, written whole or not at all."""

from __future__ import annotations

import email
import email.policy
import re
import shutil
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pypdf
import pytest

from tests.browser import axe, measured, pick_every
from tests.conftest import SAMPLES
from tests.conftest import invoke as run
from tests.test_book import chromium
from tests.test_summary import every_byte, planted  # noqa: F401  (a fixture)


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kit") / "kit"
    code, output = run("kit", str(SAMPLES), "-o", str(out))
    assert code == 0, output
    return out


def parsed(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def compound(*rates: str) -> str:
    """Return yearly increases compounded over the term, to the hundredth of a percent."""
    total = Decimal(1)
    for rate in rates:
        total *= 1 + Decimal(rate) / 100
    return f"{((total - 1) * 100).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(text)
    return parser.tags


def test_the_folder(kit: Path) -> None:
    assert sorted(p.name for p in kit.iterdir()) == [
        ".contracttools-written",
        "agreement.pdf",
        "blackline.pdf",
        "message.eml",
        "message.html",
        "message.txt",
        "pay.html",  # the sample's costing file names its schedule
        "summary.pdf",
    ]
    assert not list(kit.parent.glob(".contracttools-*"))


def test_the_eml_is_a_draft_with_both_parts_and_the_summary_attached(kit: Path) -> None:
    message = parsed(kit / "message.eml")
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == (
        "2023 Screen and Series Basic Agreement Negotiations: the tentative agreement, "
        "for your vote"
    )
    assert message["From"] is None and message["To"] is None and message["Date"] is None
    assert message.get_content_type() == "multipart/mixed"
    alternative = next(p for p in message.iter_parts() if p.is_multipart())
    assert alternative.get_content_type() == "multipart/alternative"
    text, html = (p for p in alternative.iter_parts() if isinstance(p, EmailMessage))
    assert text.get_content_type() == "text/plain" and html.get_content_type() == "text/html"
    # an e-mail's lines end in CRLF (RFC 5322); the files' in LF
    assert text.get_content().replace("\r\n", "\n") == (kit / "message.txt").read_text("utf-8")
    assert html.get_content().replace("\r\n", "\n") == (kit / "message.html").read_text("utf-8")
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["summary.pdf"]
    assert attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_content() == (kit / "summary.pdf").read_bytes()


def test_the_html_survives_a_mail_client(kit: Path) -> None:
    page = (kit / "message.html").read_text(encoding="utf-8")
    found = tags(page)
    names = {tag for tag, _ in found}
    assert not names & {"script", "style", "link", "img", "iframe", "object", "form"}
    assert not re.search(r"\son\w+=", page)  # no event handlers
    assert "max-width:640px" in page
    for tag, attrs in found:
        for name in ("href", "src"):
            value = attrs.get(name)
            if value is not None:
                assert "://" not in value and not value.startswith("//"), value
                assert (kit / value).is_file(), f"{tag} {name}={value} does not resolve"
    hrefs = [a["href"] for t, a in found if t == "a"]
    # the pay page: in the list of documents, and where the message says to find a rate
    assert hrefs == ["summary.pdf", "agreement.pdf", "blackline.pdf", "pay.html", "pay.html"]


def test_text_and_html_say_the_same(kit: Path) -> None:
    text = " ".join((kit / "message.txt").read_text(encoding="utf-8").split())
    page = (kit / "message.html").read_text(encoding="utf-8")
    shown = " ".join(re.sub(r"<[^>]+>", " ", page).replace("&#39;", "'").split())
    for words in [
        "Dear members,",
        "2.A General Increases: Every minimum rises 5% this year, then 4% and 3.5%.",
        "6.B Health Fund Contributions: The Guild's proposal.",
        "The Producers started with: Every minimum rises 4% this year, then 3% and 2%.",
        "Withdrawn: the current language stays.",
        "In solidarity,",
        "The Screen Writers Guild bargaining team",
    ]:
        assert words in text and words in shown, words
    assert text.count("started with:") == shown.count("started with:") == 22


def test_where_each_side_started_in_figures_compounded(kit: Path) -> None:
    text = " ".join((kit / "message.txt").read_text(encoding="utf-8").split())
    # the opening passes' terms and the TA's, from the sample files
    for who, rates in [
        ("Current contract", ("3", "2.5", "3")),
        ("Guild opened", ("6", "5", "5")),
        ("Producers opened", ("4", "3", "2")),
        ("Agreed", ("5", "4", "3.5")),
    ]:
        figures = " / ".join(f"{r}%" for r in rates)
        assert f"{who}: {figures}; {compound(*rates)} compounded" in text
    assert compound("5", "4", "3.5") == "13.02%"  # 1.05 x 1.04 x 1.035 = 1.13022
    page = (kit / "message.html").read_text(encoding="utf-8")
    assert '<th scope="row" style="' in page and "<caption" in page


def test_the_documents_are_the_summary_the_agreement_and_its_blackline(kit: Path) -> None:
    def text(name: str) -> str:
        return " ".join(
            " ".join(p.extract_text() for p in pypdf.PdfReader(kit / name).pages).split()
        )

    summary = text("summary.pdf")
    assert "where talks stand" in summary and "Where things stand" in summary
    assert "What the proposals are worth" not in summary and "million" not in summary
    agreement = text("agreement.pdf")
    assert "2023 Screen and Series Basic Agreement" in agreement
    assert "by five percent (5%)" in agreement
    blackline = text("blackline.pdf")
    assert "[+" in blackline and "[-" in blackline


def test_the_words_come_from_a_template_the_team_can_override(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "kit-letter.txt.j2").write_text(
        "{% macro subject(kit) %}Vote yes: {{ kit.union.short }} & the deal{% endmacro %}\n"
        "{% macro greeting(kit) %}Hello, siblings,{% endmacro %}\n"
        "{% macro opening(kit) %}Here it is.{% endmacro %}\n"
        "{% macro signoff(kit) %}Solidarity forever,{% endmacro %}\n"
        "{% macro signature(kit) %}Your team{% endmacro %}\n",
        encoding="utf-8",
    )
    out = tmp_path / "kit"
    code, output = run("kit", str(SAMPLES), "-o", str(out), "--templates", str(mine))
    assert code == 0, output
    assert parsed(out / "message.eml")["Subject"] == "Vote yes: Guild & the deal"
    text = (out / "message.txt").read_text(encoding="utf-8")
    assert text.startswith("VOTE YES: GUILD & THE DEAL\n\nHello, siblings,\n")
    assert "Solidarity forever,\nYour team\n" in text
    page = (out / "message.html").read_text(encoding="utf-8")
    assert "<title>Vote yes: Guild &amp; the deal</title>" in page


def test_link_base_makes_the_links_absolute(tmp_path: Path) -> None:
    out = tmp_path / "kit"
    base = "https://union.example/ratify/"
    assert run("kit", str(SAMPLES), "-o", str(out), "--link-base", base)[0] == 0
    assert f'href="{base}summary.pdf"' in (out / "message.html").read_text(encoding="utf-8")
    assert f"{base}blackline.pdf" in (out / "message.txt").read_text(encoding="utf-8")


def test_an_earlier_kit_is_replaced_other_folders_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "kit"
    assert run("kit", str(SAMPLES), "-o", str(out), "--as-of", "producers-1")[0] == 0
    early = (out / "message.txt").read_text(encoding="utf-8")
    assert run("kit", str(SAMPLES), "-o", str(out))[0] == 0
    assert (out / "message.txt").read_text(encoding="utf-8") != early
    other = tmp_path / "mine"
    other.mkdir()
    (other / "message.html").write_text("my own letter", encoding="utf-8")
    code, output = run("kit", str(SAMPLES), "-o", str(other))
    assert code == 2 and "holds other files" in output and "one it wrote before" in output
    assert [p.name for p in other.iterdir()] == ["message.html"]
    assert (other / "message.html").read_text(encoding="utf-8") == "my own letter"
    copy = tmp_path / "talks"
    shutil.copytree(SAMPLES, copy)
    code, output = run("kit", str(copy), "-o", str(copy))
    assert code == 2 and "input files" in output


def test_a_failed_run_leaves_no_half_kit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "kit"
    assert run("kit", str(SAMPLES), "-o", str(out), "--as-of", "producers-1")[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = Path.write_bytes

    def fail_on_the_eml(self: Path, data: bytes) -> int:
        if self.name == "message.eml":
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", fail_on_the_eml)
    code, output = run("kit", str(SAMPLES), "-o", str(out))
    assert code == 2 and "No space left on device" in output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kit"]
    code, _ = run("kit", str(SAMPLES), "-o", str(tmp_path / "fresh"))
    assert code == 2 and not (tmp_path / "fresh").exists()


# -- accessible -----------------------------------------------------------------------


def structure(path: Path) -> tuple[pikepdf.Pdf, Counter[str], Counter[str]]:
    """Return a PDF read by pikepdf, its structure elements by type, and the scopes of its
    header cells, walking the structure tree from its root."""
    pdf = pikepdf.open(path)
    kinds: Counter[str] = Counter()
    scopes: Counter[str] = Counter()
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        kind = node.get("/S")
        if kind is not None:
            kinds[str(kind)] += 1
            if str(kind) == "/TH":
                scopes[str(node.A.get("/Scope"))] += 1
        children = node.get("/K")
        if isinstance(children, pikepdf.Array):
            stack.extend(children)
        elif children is not None:
            stack.append(children)
    return pdf, kinds, scopes


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("summary.pdf", "2023 Screen and Series Basic Agreement Negotiations: where talks stand"),
        ("agreement.pdf", "2023 Screen and Series Basic Agreement (illustrative excerpt)"),
        (
            "blackline.pdf",
            "Ratification copy — 2023 Screen and Series Basic Agreement (illustrative excerpt)",
        ),
    ],
)
def test_the_member_pdfs_are_tagged(kit: Path, name: str, title: str) -> None:
    pdf, kinds, scopes = structure(kit / name)
    assert str(pdf.Root.Lang) == "en"
    assert str(pdf.docinfo["/Title"]) == title
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)  # the title, not the file name
    assert bool(pdf.Root.MarkInfo.Marked)
    assert kinds["/Document"] == 1 and kinds["/H1"] == 1 and kinds["/H2"] >= 2
    assert kinds["/Table"] >= 1 and kinds["/TH"] >= 1 and kinds["/TD"] >= 1
    assert sum(scopes.values()) == kinds["/TH"] and set(scopes) <= {"/Column", "/Row"}
    assert scopes["/Column"] >= 1


def test_the_summary_heads_its_rows_and_columns(kit: Path) -> None:
    _, kinds, scopes = structure(kit / "summary.pdf")
    # 11 sections on the table, 4 rows of general-increase figures and the 8 kinds of work
    # of the new schedule of minimums (the sample's costing file publishes it) head their rows
    assert scopes["/Row"] == 11 + 4 + 8
    assert kinds["/H1"] == 1


# -- nothing internal -------------------------------------------------------------------


def every_part(path: Path) -> bytes:
    """Return all a reader could get at in a kit file: for the e-mail, its headers and
    every part decoded, attachments read as the PDFs they are."""
    if path.suffix != ".eml":
        return every_byte(path)
    message = parsed(path)
    parts = [path.read_bytes(), str(message.items()).encode()]
    for part in message.walk():
        parts.append(str(part.items()).encode())
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        if part.get_content_type() == "application/pdf":
            copy = path.with_name(f"attached-{part.get_filename()}")
            copy.write_bytes(payload)
            parts.append(every_byte(copy))
            copy.unlink()
        parts.append(payload)
    return b"".join(parts)


def test_nothing_internal_in_any_file_of_the_kit(
    planted: tuple[Path, list[str]],  # noqa: F811
    tmp_path: Path,
) -> None:
    folder, markers = planted
    assert len(markers) > 80
    out = tmp_path / "kit"
    code, output = run("kit", str(folder), "-o", str(out), "--schedule", "minimums.schedule")
    assert code == 0, output
    files = sorted(out.iterdir())
    assert (out / "pay.html") in files and len(files) >= 7
    for path in files:
        content = every_part(path)
        assert b"LEAKMARK" not in content, path
        assert b"CONFIDENTIAL" not in content, path
        # no valuation: the stated costs of the sample's items are not published
        for words in (b"What the proposals are worth", b"them at $", b"$429 million"):
            assert words not in content, (path, words)
    # the scan would see a marker that got through: in the e-mail's decoded HTML part
    eml = out / "message.eml"
    leaked = parsed(eml)
    html = leaked.get_body(("html",))
    assert html is not None
    html.set_content("LEAKMARK in the HTML part", subtype="html")
    eml.write_bytes(leaked.as_bytes())
    assert b"LEAKMARK" in every_part(eml)


# -- in a real browser ----------------------------------------------------------------


@pytest.mark.client
def test_the_message_passes_axe(kit: Path, tmp_path: Path) -> None:
    found = axe(kit / "message.html", tmp_path / "axe")
    assert found["violations"] == []
    for rule in ("color-contrast", "html-has-lang", "document-title", "heading-order", "region"):
        assert rule in found["passes"], rule


@pytest.mark.client
def test_axe_finds_what_is_wrong(tmp_path: Path) -> None:
    page = tmp_path / "wrong.html"
    page.write_text(
        "<!DOCTYPE html><html><head></head><body><main><h1>Pay</h1><h3>Skipped</h3>"
        '<img src="x.png"><p style="color:#bbb">faint</p></main></body></html>',
        encoding="utf-8",
    )
    found = {rule for rule, _ in axe(page, tmp_path / "axe")["violations"]}
    assert {"html-has-lang", "document-title", "image-alt", "heading-order"} <= found
    assert "color-contrast" in found


@pytest.mark.client
@pytest.mark.parametrize("width", [390, 1280])
def test_the_message_fits_a_phone_and_a_desktop(kit: Path, tmp_path: Path, width: int) -> None:
    shown = measured(kit / "message.html", tmp_path / "m", width)
    assert shown["width"] == width
    assert shown["scroll"] <= shown["client"], shown  # no sideways scrolling
    assert shown["cut"] == [] and shown["widest"] <= width, shown
    shot = tmp_path / f"message-{width}.png"
    chromium(
        tmp_path / "s",
        f"--screenshot={shot}",
        f"--window-size={width},2000",
        (kit / "message.html").as_uri(),
    )
    assert shot.stat().st_size > 20_000
    assert shown["beyond"] == []  # nothing sticks out of the text column
    assert shown["column"] <= width and (width < 700 or 600 <= shown["column"] <= 700)


def test_before_any_agreement_the_message_says_so(tmp_path: Path) -> None:
    out = tmp_path / "kit"
    assert run("kit", str(SAMPLES), "-o", str(out), "--as-of", "guild-1")[0] == 0
    for name in ("message.txt", "message.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert "No section has been tentatively agreed yet." in text
        assert "Producers opened" not in text and "Guild opened" in text


# -- the pay page, on its own --------------------------------------------------------


def steps_page(tmp_path: Path) -> tuple[Path, dict[tuple[str, str], list[str]]]:
    """Write a pay page for a schedule of two ranges of three steps, rates from $40,000
    rising $1,000 a range and $500 a step, then 3% and 2.5%; return it and the rates a
    member of each range and step should read, worked out here."""
    from contracttools.documents.pay import PayPage, Place
    from contracttools.writers.kit import write_pay

    places = []
    expected: dict[tuple[str, str], list[str]] = {}
    for r in (1, 2):
        for s in (1, 2, 3):
            now = Decimal(40_000 + 1_000 * (r - 1) + 500 * (s - 1))
            one = (now * Decimal("1.03")).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            two = (one * Decimal("1.025")).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            places.append(Place(f"Range {r}", f"Step {s}", (now, one, two)))
            expected[(f"Range {r}", f"Step {s}")] = [f"${v:,}" for v in (now, one, two)]
    assert expected[("Range 2", "Step 3")] == ["$42,000", "$43,260", "$44,342"]
    pay = PayPage(
        "Talks",
        "Schedule A",
        "Range",
        ("Step 1", "Step 2", "Step 3"),
        ("Now", "From July 1, 2023", "From July 1, 2024"),
        tuple(places),
    )
    page = tmp_path / "pay.html"
    page.write_text(write_pay(pay, None), encoding="utf-8")
    return page, expected


def rise(old: str, new: str) -> str:
    """Return "+3.0%" for "$40,000" to "$41,200": the rise in percent, to a tenth."""
    before, after = (Decimal(v.strip("$").replace(",", "")) for v in (old, new))
    return f"+{((after - before) / before * 100).quantize(Decimal('0.1'))}%"


def test_the_pay_page_holds_every_rate_without_script(tmp_path: Path) -> None:
    page, expected = steps_page(tmp_path)
    text = page.read_text(encoding="utf-8")
    assert "<script src" not in text and "://" not in text
    rows = re.findall(r'<tr data-row="([^"]+)" data-step="([^"]+)"[^>]*>(.*?)</tr>', text)
    assert len(rows) == len(expected) == 6
    for row, step, cells in rows:
        assert re.findall(r"<td[^>]*>(\$[\d,]+)", cells) == expected[(row, step)]
    assert '<label for="pay-row">Your range</label>' in text
    assert '<label for="pay-step">Your step</label>' in text
    assert 'id="pay-result" role="status" aria-live="polite"' in text
    assert '<form id="pay-finder" hidden>' in text  # shown by the script, so never dead


@pytest.mark.client
def test_the_pay_page_gives_each_member_their_rate(tmp_path: Path) -> None:
    page, expected = steps_page(tmp_path)
    seen = pick_every(page, tmp_path / "p")
    assert seen["form_hidden"] is False and seen["live"] == "polite"
    assert len(seen["picks"]) == 6
    for row, step, said in seen["picks"]:
        now, one, two = expected[(row, step)]
        assert [line for line in said.split("\n") if line] == [
            f"{row}, {step}:",
            f"Now: {now}",
            f"From July 1, 2023: {one} ({rise(now, one)})",
            f"From July 1, 2024: {two} ({rise(one, two)})",
        ], said
    found = axe(page, tmp_path / "axe")
    assert found["violations"] == []
    assert {"label", "select-name", "scrollable-region-focusable"} & set(found["passes"])
