"""Word documents without numbering: bold, underlined and heading-styled paragraphs are
headings (reported as guessed), and the text between them is their clauses' text.

Each document is written here with python-docx, from text of our own; the clauses read
back are compared with what the test wrote.
"""

from __future__ import annotations

from pathlib import Path

import docx

from contracttools.importing import import_agreement
from contracttools.importing.summary import summary_line
from contracttools.model import Agreement
from contracttools.readers import load_agreement
from contracttools.readers.word import read_word
from tests.conftest import invoke

Written = list[tuple[str, str, str]]
"""What a test wrote: (how, text, style), how being "bold", "underlined", "plain" or "style"."""


def write(path: Path, paragraphs: Written) -> Path:
    document = docx.Document()
    for how, text, style in paragraphs:
        if how == "style":
            document.add_paragraph(text, style=style)
            continue
        run = document.add_paragraph().add_run(text)
        run.bold = how == "bold" or None
        run.underline = how == "underlined" or None
    document.save(str(path))
    return path


def imported(path: Path) -> tuple[Agreement, list[str]]:
    result = import_agreement(read_word(str(path)), path.stem)
    assert isinstance(result.document, Agreement)
    return result.document, [f"{n.where}: {n.message}" for n in result.notes]


def tree(agreement: Agreement) -> list[tuple[int, str, str]]:
    """Return (depth, title, text) of every clause."""
    return [(depth, c.title, c.text) for c, depth in agreement.walk()]


def body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


WAGES = "Each employee shall be paid the rate for the position held."
RAISE = "The rates rise by three percent (3%) on July 1 of each year of the term."
BOLD_SENTENCE = "This increase is in addition to any step the employee is due on that date."
HOURS = "The work week is thirty-seven and one-half (37.5) hours."
LEAVE = "An employee may take ten (10) days of leave each year."

PROPOSAL: Written = [
    ("bold", "Union Proposal No. 3", ""),
    ("plain", "Passed on March 3 at 2:15 pm.", ""),
    ("bold", "Article: Wages", ""),
    ("plain", WAGES, ""),
    ("bold", BOLD_SENTENCE, ""),
    ("plain", RAISE, ""),
    ("bold", "Article: Hours of Work", ""),
    ("plain", HOURS, ""),
    ("bold", "Article: Leaves", ""),
    ("plain", LEAVE, ""),
]


def test_bold_paragraphs_head_the_clauses_of_an_unnumbered_proposal(tmp_path: Path) -> None:
    agreement, notes = imported(write(tmp_path / "union-3.docx", PROPOSAL))
    assert agreement.title == "Union Proposal No. 3"
    # The bold sentence is text of its clause, not a heading.
    assert tree(agreement) == [
        (0, "Preamble", body("Union Proposal No. 3", "Passed on March 3 at 2:15 pm.")),
        (0, "Article: Wages", body(WAGES, BOLD_SENTENCE, RAISE)),
        (0, "Article: Hours of Work", body(HOURS)),
        (0, "Article: Leaves", body(LEAVE)),
    ]
    assert [c.number for c, _ in agreement.walk()] == ["", "", "", ""]
    assert notes == [
        "paragraphs 3, 7, 9: guessed 3 headings from bold paragraphs "
        "(“Article: Wages”, “Article: Hours of Work”, “Article: Leaves”)"
    ]
    path = tmp_path / "union-3.docx"
    line = summary_line(agreement, import_agreement(read_word(str(path)), "union-3").notes)
    assert line == "3 articles, 0 sections, 0 tables; 3 headings guessed"


def test_the_import_report_names_the_guess_and_the_file_checks(tmp_path: Path) -> None:
    path = write(tmp_path / "union-3.docx", PROPOSAL)
    out = tmp_path / "union-3.yaml"
    code, output = invoke("import", str(path), "-o", str(out))
    assert code == 0, output
    assert "paragraphs 3, 7, 9: guessed 3 headings from bold paragraphs" in output
    assert "4 clauses (4 at the top level)" in output
    assert invoke("check", str(out))[0] == 0
    assert [c.title for c, _ in load_agreement(out).walk()] == [
        "Preamble",
        "Article: Wages",
        "Article: Hours of Work",
        "Article: Leaves",
    ]


def test_underlined_headings_nest_under_bold_ones(tmp_path: Path) -> None:
    purpose = "The parties mean to settle the terms below."
    written: Written = [
        ("bold", "Employer Proposal for Stability", ""),
        ("bold", "March 3, 2026", ""),
        ("underlined", "Purpose", ""),
        ("plain", purpose, ""),
        ("bold", "Compensation", ""),
        ("underlined", "Salary Schedule", ""),
        ("plain", WAGES, ""),
        ("underlined", "Annual Increase:", ""),
        ("plain", RAISE, ""),
        ("bold", "Working Conditions", ""),
        ("underlined", "Work Week", ""),
        ("plain", HOURS, ""),
    ]
    agreement, notes = imported(write(tmp_path / "employer.docx", written))
    # The opening bold line is the title; a date in bold is no heading.
    assert agreement.title == "Employer Proposal for Stability"
    assert tree(agreement) == [
        (0, "Preamble", body("Employer Proposal for Stability", "March 3, 2026")),
        # Underlined before any bold heading: at the top, closed by the bold one.
        (0, "Purpose", body(purpose)),
        (0, "Compensation", ""),
        (1, "Salary Schedule", body(WAGES)),
        (1, "Annual Increase", body(RAISE)),
        (0, "Working Conditions", ""),
        (1, "Work Week", body(HOURS)),
    ]
    assert notes == [
        "paragraphs 3, 6, 8, 11: guessed 4 headings from underlined paragraphs "
        "(“Purpose”, “Salary Schedule”, “Annual Increase”, …)",
        "paragraphs 5, 10: guessed 2 headings from bold paragraphs "
        "(“Compensation”, “Working Conditions”)",
    ]


def test_an_opening_bold_line_heads_the_underlined_one_after_it(tmp_path: Path) -> None:
    written: Written = [
        ("bold", "Compensation", ""),
        ("underlined", "Salary Schedule", ""),
        ("plain", WAGES, ""),
        ("bold", "Working Conditions", ""),
        ("plain", HOURS, ""),
    ]
    agreement, _ = imported(write(tmp_path / "counter.docx", written))
    assert agreement.title == "counter"
    assert tree(agreement) == [
        (0, "Compensation", ""),
        (1, "Salary Schedule", body(WAGES)),
        (0, "Working Conditions", body(HOURS)),
    ]


def test_heading_styles_nest_by_level_and_bold_headings_sit_under_them(tmp_path: Path) -> None:
    written: Written = [
        ("style", "Tentative Agreements", "Title"),
        ("style", "Compensation", "Heading 1"),
        ("style", "Salaries", "Heading 2"),
        ("plain", WAGES, ""),
        ("bold", "Annual Increase", ""),
        ("plain", RAISE, ""),
        ("style", "Working Conditions", "Heading 1"),
        ("bold", "Work Week", ""),
        ("plain", HOURS, ""),
        ("style", "Side Letters", "Title"),
        ("style", "Leaves", "Heading 1"),
        ("plain", LEAVE, ""),
    ]
    agreement, notes = imported(write(tmp_path / "tas.docx", written))
    assert agreement.title == "Tentative Agreements"
    assert tree(agreement) == [
        (0, "Compensation", ""),
        (1, "Salaries", body(WAGES)),
        (2, "Annual Increase", body(RAISE)),
        (0, "Working Conditions", ""),
        (1, "Work Week", body(HOURS)),
        # A later paragraph in the Title style heads a part of its own: its words are kept.
        (0, "Side Letters", ""),
        (0, "Leaves", body(LEAVE)),
    ]
    assert notes == [
        "paragraph 10: heading 'Side Letters' guessed from side letter title",
        "paragraphs 2, 3, 7, 11: guessed 4 headings from heading styles "
        "(“Compensation”, “Salaries”, “Working Conditions”, …)",
        "paragraphs 5, 8: guessed 2 headings from bold paragraphs (“Annual Increase”, “Work Week”)",
    ]


def test_a_document_with_real_numbering_keeps_using_it(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph().add_run("ARTICLE 5 WAGES").bold = True
    rates = document.add_paragraph()
    rates.add_run("5.1 Rates.").bold = True
    rates.add_run(" " + WAGES)
    document.add_paragraph().add_run("Salary Schedule").bold = True
    document.add_paragraph(RAISE)
    document.add_paragraph().add_run("5.2 Overtime").bold = True
    document.add_paragraph(HOURS)
    document.add_paragraph().add_run("ARTICLE 6 LEAVES").bold = True
    document.add_paragraph(LEAVE)
    path = tmp_path / "agreement.docx"
    document.save(str(path))
    agreement, notes = imported(path)
    assert [(d, c.number, c.title, c.text) for c, d in agreement.walk()] == [
        (0, "ARTICLE 5", "WAGES", ""),
        # The bold lead of a numbered paragraph is its title, as before; the bold line
        # inside the section stays its text.
        (1, "5.1", "Rates", body(WAGES, "Salary Schedule", RAISE)),
        (1, "5.2", "Overtime", body(HOURS)),
        (0, "ARTICLE 6", "LEAVES", body(LEAVE)),
    ]
    assert notes == ["paragraph 2: heading '5.1 Rates' guessed from bold title"]


def test_bold_topics_hold_the_numbered_sections_of_a_proposal(tmp_path: Path) -> None:
    document = docx.Document()
    for topic, number, text in (
        ("Planning Time", "9.2.2", HOURS),
        ("Floating Holidays", "10.2.4.1", LEAVE),
        ("Salary", "", RAISE),
    ):
        document.add_paragraph().add_run(topic).bold = True
        document.add_paragraph(f"{number} {text}".strip())
    path = tmp_path / "counter.docx"
    document.save(str(path))
    agreement, notes = imported(path)
    assert [(d, c.number, c.title, c.text) for c, d in agreement.walk()] == [
        (0, "", "Planning Time", ""),
        (1, "9.2.2", "", body(HOURS)),
        (0, "", "Floating Holidays", ""),
        (1, "10.2.4.1", "", body(LEAVE)),
        (0, "", "Salary", body(RAISE)),
    ]
    assert notes == [
        "paragraphs 1, 3, 5: guessed 3 headings from bold paragraphs "
        "(“Planning Time”, “Floating Holidays”, “Salary”)"
    ]


def test_what_is_no_heading_stays_text(tmp_path: Path) -> None:
    written: Written = [
        ("plain", "Proposal of the Employer.", ""),
        ("bold", "Wages", ""),
        ("plain", WAGES, ""),
        # Two sentences, a figure, a sentence ending in a full stop: no headings.
        ("bold", "Rates rise. Steps stay.", ""),
        ("bold", "3% on July 1", ""),
        ("bold", "The parties agree to meet again in the spring of that year.", ""),
        ("bold", "Hours", ""),
        ("plain", HOURS, ""),
        # A signature block: blanks to fill in, a date line; the last paragraph heads nothing.
        ("bold", "____________________", ""),
        ("bold", "Date: ______________", ""),
        ("bold", "2/5/2026", ""),
        ("bold", "For the Employer", ""),
    ]
    agreement, _ = imported(write(tmp_path / "employer.docx", written))
    assert tree(agreement) == [
        (0, "Preamble", body("Proposal of the Employer.")),
        (
            0,
            "Wages",
            body(
                WAGES,
                "Rates rise. Steps stay.",
                "3% on July 1",
                "The parties agree to meet again in the spring of that year.",
            ),
        ),
        (
            0,
            "Hours",
            body(
                HOURS,
                "_" * 20,
                "Date: " + "_" * 14,
                "2/5/2026",
                "For the Employer",
            ),
        ),
    ]
