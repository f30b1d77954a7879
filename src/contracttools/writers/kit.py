"""The members' ratification message: HTML, plain text and a draft e-mail (.eml).

One assembled `Kit` in, text or bytes out, through the templates kit-message.html.j2,
kit-message.txt.j2 and the words a team changes most, kit-letter.txt.j2.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

from markupsafe import Markup

from contracttools.documents.kit import Kit
from contracttools.documents.pay import PayPage, dollars, rise
from contracttools.templating import environment


def plain(words: str) -> str:
    """Return what a macro of the plain-text letter gives as plain text, to be escaped
    once for HTML (its literal text is the team's words, not markup)."""
    return str(Markup(words).unescape())


def _render(name: str, kit: Kit, templates: Path | None, pay: Any, link_base: str) -> str:
    template = environment(templates).get_template(name)
    return template.render(kit=kit, pay=pay, pay_href="pay.html", link_base=link_base, plain=plain)


def write_html(kit: Kit, templates: Path | None, pay: Any = None, link_base: str = "") -> str:
    """Return the message as an HTML page that survives mail clients (inline styles only)."""
    return _render("kit-message.html.j2", kit, templates, pay, link_base)


def write_text(kit: Kit, templates: Path | None, pay: Any = None, link_base: str = "") -> str:
    """Return the message as plain text, the same content as the HTML."""
    rendered = _render("kit-message.txt.j2", kit, templates, pay, link_base)
    return Markup(rendered).unescape()  # the templates escape once, for HTML


def subject(kit: Kit, templates: Path | None) -> str:
    """Return the message's subject line (kit-letter.txt.j2's `subject`)."""
    module = environment(templates).get_template("kit-letter.txt.j2").module
    return " ".join(plain(module.subject(kit)).split())  # type: ignore[attr-defined]


def write_pay(pay: PayPage, templates: Path | None) -> str:
    """Return the pay page: a picker over the full table of rates, which stands alone."""
    template = environment(templates).get_template("pay.html.j2")
    return template.render(pay=pay, dollars=dollars, rise=rise)


def write_eml(
    subject_line: str, text: str, html: str, attachments: list[tuple[str, bytes]]
) -> bytes:
    """Return a draft e-mail: multipart/alternative (text, HTML) with the PDFs attached.

    No sender, no recipients, no date: the mail client fills them in.  `X-Unsent: 1`
    opens it as a draft in the clients that know the header (Outlook, Thunderbird with
    it, Apple Mail).
    """
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject_line
    message["X-Unsent"] = "1"
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return message.as_bytes()
