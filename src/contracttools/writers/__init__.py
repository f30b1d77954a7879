"""Writers: one redline model in, text or bytes out.  No writer imports another."""

FORMATS = {
    ".txt": "text",
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".xlsx": "xlsx",
    ".csv": "csv",
}
"""Output format by the extension of -o."""

__all__ = ["FORMATS"]
