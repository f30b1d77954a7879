"""The structure of published agreements: contents, numbered lines, articles, hyphens."""

from __future__ import annotations

from pathlib import Path

from contracttools.readers import load_agreement
from tests.conftest import invoke

SENTENCE = "The Employer shall meet with the Union on request within ten (10) days."


def _import(tmp_path: Path, text: str, *options: str) -> tuple[str, list[tuple[int, str]]]:
    source = tmp_path / "contract.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "agreement.yaml"
    code, output = invoke("import", str(source), "-o", str(out), *options)
    assert code == 0, output
    agreement = load_agreement(out)
    return output, [(depth, clause.number) for clause, depth in agreement.walk()]


def test_a_table_of_contents_is_dropped_reported_and_checked(tmp_path: Path) -> None:
    text = (
        "TABLE OF CONTENTS\n"
        "ARTICLE 1 - WAGES .................................. 2\n"
        "   1.1   Rates ........................................ 2\n"
        "   1.2   Overtime ..................................... 2\n"
        "ARTICLE 2 - HOURS .................................. 3\n"
        "ARTICLE 3 - LEAVE .................................. 4\n"
        "\n"
        "ARTICLE 1 - WAGES\n\n"
        f"1.1 Rates\n{SENTENCE}\n\n"
        f"1.2 Overtime\n{SENTENCE}\n\n"
        "ARTICLE 2 - HOURS\n\n"
        f"2.1 Overtime\n{SENTENCE}\n"
    )
    output, found = _import(tmp_path, text)
    # Hand count: five entry lines under the title.
    assert "dropped the table of contents (5 entries)" in output
    assert "1 contents entries have no heading in the body: 'ARTICLE 3 LEAVE' (p. 4)" in output
    # Sections are listed (two of three), so the one the contents lacks is named.
    assert "1 headings of the body are not in the contents: 2.1" in output
    assert found == [(0, "ARTICLE 1"), (1, "1.1"), (1, "1.2"), (0, "ARTICLE 2"), (1, "2.1")]


def test_dot_leaders_in_the_body_are_no_table_of_contents(tmp_path: Path) -> None:
    text = (
        "ARTICLE 9 - CLASS SIZE\n\n"
        "9.5.1.1 Kindergarten ........................ 22\n"
        "9.5.1.2 Grades 4-5 .......................... 30\n"
    )
    output, found = _import(tmp_path, text)
    assert "table of contents" not in output
    assert [n for _, n in found] == ["ARTICLE 9", "9.5.1.1", "9.5.1.2"]


def test_list_lines_with_leaders_before_figures_each_start_a_clause(tmp_path: Path) -> None:
    # Leaders of ellipses or full stops before a figure with marks or words after it, as
    # class-size and caseload lists print them; the first numbered line follows a line
    # that ends no sentence.
    ellipses = "\u2026" * 30
    text = (
        "ARTICLE 9 - CLASS SIZE\n\n"
        "9.7 Special classes - a special class exists when the students are taught there for\n"
        "more than one half of the school day in a class of its own, as the program sets\n"
        f"9.7.1 Mild to moderate {ellipses}{ellipses} 8-12*\n"
        f"9.7.2 Kindergarten {'.' * 50} 22 (per section 9.3.1)\n"
        f"9.7.3 Resource teachers ..{ellipses}{ellipses}. 27***\n"
        f"9.7.4 Counselors {ellipses}{ellipses}{ellipses} 1:450 1:200\n"
        "9.7.5 Psychologists serve the whole school population at a ratio of one to eight\n"
        "hundred (1:800) students in all of the grades that the schools of the District teach.\n"
    )
    _, found = _import(tmp_path, text)
    assert [n for _, n in found] == [
        "ARTICLE 9", "9.7", "9.7.1", "9.7.2", "9.7.3", "9.7.4", "9.7.5"
    ]  # fmt: skip
    texts = {c.number: c.text for c, _ in load_agreement(tmp_path / "agreement.yaml").walk()}
    assert texts["9.7"] == (
        "Special classes - a special class exists when the students are taught there for "
        "more than one half of the school day in a class of its own, as the program sets\n"
    )
    assert texts["9.7.5"] == (
        "Psychologists serve the whole school population at a ratio of one to eight "
        "hundred (1:800) students in all of the grades that the schools of the District teach.\n"
    )


def test_a_section_number_set_apart_is_a_clause_not_a_table_row(tmp_path: Path) -> None:
    text = (
        "Article 1 - AGREEMENT\n\n"
        "1.1       General Provisions\n"
        "  1.1.1         This Agreement fully and completely incorporates the understanding of the\n"
        "                parties hereto and supersedes all previous agreements.\n"
        "  1.1.2         The Employer and Association will support this Agreement for its\n"
        "                duration.\n"
        "1.2       Bargaining\n"
        "  1.2.1         A contract with a member is subject to this Agreement.\n"
    )
    _, found = _import(tmp_path, text)
    assert found == [
        (0, "Article 1"),
        (1, "1.1"),
        (2, "1.1.1"),
        (2, "1.1.2"),
        (1, "1.2"),
        (2, "1.2.1"),
    ]


def test_n_point_zero_articles_hold_their_sections(tmp_path: Path) -> None:
    text = (
        "1.0 RECOGNITION\n\n"
        f"1.1 Unit\n{SENTENCE}\n\n"
        f"1.1.1 Scope\n{SENTENCE}\n\n"
        "2.0 WAGES\n\n"
        f"2.1 Rates\n{SENTENCE}\n"
    )
    _, found = _import(tmp_path, text)
    assert found == [(0, "1.0"), (1, "1.1"), (2, "1.1.1"), (0, "2.0"), (1, "2.1")]


def test_article_hyphen_section_numbers_and_appendices_beside_articles(tmp_path: Path) -> None:
    text = (
        "                       ARTICLE 1\n"
        "                RECOGNITION\n"
        "1-1. Representative Unit.\n"
        f"    1-1.1. Scope of Bargaining Unit. {SENTENCE}\n"
        f"1-2. Recognition of UNION. {SENTENCE}\n\n"
        "                       ARTICLE 2\n"
        "                 WAGES\n"
        f"2-1. Rates. {SENTENCE}\n\n"
        "                       APPENDIX A\n"
        "              SALARY SCHEDULES\n"
        f"{SENTENCE}\n\n"
        "            SIDE LETTER ON\n"
        "          CLASS SIZE\n"
        f"{SENTENCE}\n"
    )
    output, found = _import(tmp_path, text)
    assert found == [
        (0, "ARTICLE 1"),
        (1, "1-1"),
        (2, "1-1.1"),
        (1, "1-2"),
        (0, "ARTICLE 2"),
        (1, "2-1"),
        (0, "APPENDIX A"),
        (0, ""),
    ]
    assert "heading 'SIDE LETTER ON CLASS SIZE' guessed from side letter title" in output


def test_line_end_hyphens_are_kept_unless_the_joined_word_is_a_word(tmp_path: Path) -> None:
    text = (
        "ARTICLE 1 - LEAVE\n\n"
        "1.1 Family\n"
        "Family means parents, children, sons-\n"
        "and daughters-in-law of the employee. The union-\n"
        "management committee shall meet. Union-management meetings are open. As re-\n"
        "ferred to above, what was referred to the committee stays with the employ-\n"
        "ment. Decision-\n"
        "making is shared, and decision-making is recorded.\n"
    )
    output, _ = _import(tmp_path, text, "--all-notes")
    written = (tmp_path / "agreement.yaml").read_text(encoding="utf-8")
    assert "sons- and daughters-in-law" in written
    assert "union-management committee" in written
    assert "Decision-making is shared" in written
    assert "As referred to above" in written
    assert "stays with the employment." in written
    assert "joined 're-' and 'ferred' (a word of the document)" in output
    # "employment" is on one line nowhere in the text: the word list decides.
    assert "joined 'employ-' and 'ment' (a word of the word list)" in output
    assert output.strip().endswith(
        "1 article, 1 section, 0 tables; 2 words joined at line-end hyphens"
    )
    brief, _ = _import(tmp_path, text)
    assert "2 words joined at a line-end hyphen (first: line 4: joined 're-' and 'ferred'" in brief
    assert "joined 'employ-'" not in brief


def _pages(body: list[str], header: str, footer: str) -> str:
    """Return pages as pdftotext writes them: form feeds between, a header and a footer on each."""
    return "\f".join(
        f"{header}\n\n{text}\n\n{footer.format(n=n)}\n" for n, text in enumerate(body, 1)
    )


def test_running_headers_and_page_numbers_leave_a_text_with_pages(tmp_path: Path) -> None:
    titles = ["WAGES", "HOURS", "LEAVE", "GRIEVANCES"]
    body = [
        f"ARTICLE {n} - {title}\n\n{n}.1 {title.title()} in General\n"
        + "\n".join([SENTENCE] * 6)
        + f"\nThis Article {title.lower()} ends here."
        for n, title in enumerate(titles, 1)
    ]
    text = _pages(body, "UESF to SFUSD        Date: 2/7/2026      Time: 2:27pm", "Page {n} of 4")
    output, found = _import(tmp_path, text)
    assert (
        "every page: dropped 'UESF to SFUSD Date: 2/7/2026 Time: 2:27pm' as a running header or footer"
        in output
    )
    assert "every page: dropped the page numbers" in output
    written = (tmp_path / "agreement.yaml").read_text(encoding="utf-8")
    assert "Time: 2:27pm" not in written and "of 4" not in written
    assert [n for _, n in found] == [n for k in range(1, 5) for n in (f"ARTICLE {k}", f"{k}.1")]


def test_a_running_footer_is_counted_in_pages_not_lines(tmp_path: Path) -> None:
    # "DRAFT" twice at the foot of pages 1-3, not on page 4: three of four pages, however
    # many lines it took
    body = [
        f"ARTICLE {n} - {title}\n\n{n}.1 {title.title()} in General\n" + "\n".join([SENTENCE] * 6)
        for n, title in enumerate(["WAGES", "HOURS", "LEAVE", "GRIEVANCES"], 1)
    ]
    pages = [
        f"{text}\n\nDRAFT\nDRAFT\n" if n < 4 else f"{text}\n" for n, text in enumerate(body, 1)
    ]
    output, _ = _import(tmp_path, "\f".join(pages))
    assert "3 of 4 pages: dropped 'DRAFT' as a running header or footer" in output
    assert "DRAFT" not in (tmp_path / "agreement.yaml").read_text(encoding="utf-8")


def test_an_e_signature_audit_trail_is_dropped_and_reported(tmp_path: Path) -> None:
    body = [
        f"ARTICLE 1 - WAGES\n\n1.1 Rates\n{SENTENCE}",
        "1.2 Steps\nEach employee moves one step on the anniversary of hire.",
        "Certificate Of Completion\nEnvelope Id: 0A1B2C3D\nSigner Events      Signature      Timestamp\n"
        "Pat Example (pat@example.org)   Signed by Pat Example (IP Address: 192.0.2.1)\n"
        "Viewed by pat@example.org on 2/7/2026",
    ]
    text = "\f".join(body) + "\f"
    output, found = _import(tmp_path, text)
    assert "p. 3: dropped an e-signature audit trail" in output
    written = (tmp_path / "agreement.yaml").read_text(encoding="utf-8")
    assert "pat@example.org" not in written and "Envelope" not in written
    assert [n for _, n in found] == ["ARTICLE 1", "1.1", "1.2"]


def test_a_clause_sits_under_the_nearest_clause_its_number_begins_with(tmp_path: Path) -> None:
    # 24.2.1 is missing: 24.2.2 sits under 24.2, not under 24.2.1.2 before it.
    text = (
        "Article 24 - COMPENSATION\n\n"
        f"24.2 Placement\n{SENTENCE}\n\n"
        f"24.2.1.2 Credentials\n{SENTENCE}\n\n"
        f"24.2.2 Warrants\n{SENTENCE}\n\n"
        f"24.3 Rates\n{SENTENCE}\n\n"
        f"Article 25 - LEAVES\n\n25.1 Sick leave\n{SENTENCE}\n"
    )
    _, found = _import(tmp_path, text)
    assert found == [
        (0, "Article 24"),
        (1, "24.2"),
        (2, "24.2.1.2"),
        (2, "24.2.2"),
        (1, "24.3"),
        (0, "Article 25"),
        (1, "25.1"),
    ]


def test_sections_of_several_articles_stand_side_by_side(tmp_path: Path) -> None:
    # A proposal amending 13.6.1.10 and then 13.7: no open clause holds 13.7.
    text = (
        f"13.6.1.10 Steps\n{SENTENCE}\n\n13.7 Advancement\n{SENTENCE}\n\n13.7.1 Rule\n{SENTENCE}\n"
    )
    _, found = _import(tmp_path, text)
    assert found == [(0, "13.6.1.10"), (0, "13.7"), (1, "13.7.1")]


def test_letters_after_a_roman_one_sit_inside_it(tmp_path: Path) -> None:
    text = (
        f"I. Medical Benefit\n\nA. Plan Design\n{SENTENCE}\n\nB. Premiums\n{SENTENCE}\n\n"
        f"II. Dental Benefit\n\nA. Plan\n{SENTENCE}\n"
    )
    _, found = _import(tmp_path, text)
    assert found == [(0, "I"), (1, "A"), (1, "B"), (0, "II"), (1, "A")]
