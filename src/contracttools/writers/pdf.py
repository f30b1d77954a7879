"""HTML to PDF with WeasyPrint, reading only files from the template folders."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF for assistive technology (WeasyPrint's PDF/UA-1 support)."""


def fetcher(folders: Sequence[Path]) -> Any:
    """Return a URL fetcher that serves files from `folders` and refuses everything else.

    A refused resource (the network, a file elsewhere) is not loaded; the document is
    laid out without it.
    """
    from weasyprint.urls import URLFetcher

    allowed = [folder.resolve() for folder in folders]

    class TemplateFolderFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path.is_file() and any(path.is_relative_to(f) for f in allowed):
                    return super().fetch(url, headers)
            raise ValueError(f"contracttools loads nothing outside its template folders: {url}")

    return TemplateFolderFetcher(allowed_protocols={"file"}, timeout=1)


def write(html: str, folders: Sequence[Path], base: Path) -> bytes:
    """Return the PDF of an HTML document whose relative links resolve in `base`."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=fetcher(folders))
    out = io.BytesIO()
    document.write_pdf(out, pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
    return out.getvalue()
