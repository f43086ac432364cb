"""Choosing the reader for a file from its name and first bytes."""

from __future__ import annotations

from pathlib import Path

EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".epub": "epub",
    ".md": "markdown",
    ".markdown": "markdown",
}
"""File endings fictui reads, and the format each one means."""


def format_for_name(path: Path) -> str | None:
    """The format a file name suggests, or None when fictui does not read it."""
    return EXTENSIONS.get(path.suffix.lower())


def sniff(data: bytes, suggested: str) -> str:
    """Correct the format from the first bytes (an HTML page saved as .txt, say).

    Args:
        data: The start of the file.
        suggested: The format the file name suggests.

    Returns:
        The format to read the file as.
    """
    if suggested in ("txt", "markdown"):
        head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if (
            head.startswith((b"<!doctype html", b"<html", b"<?xml"))
            and b"<body" in data[:65536].lower()
        ):
            return "html"
    if (
        suggested != "epub"
        and data[:4] == b"PK\x03\x04"
        and b"mimetypeapplication/epub+zip" in data[:128]
    ):
        return "epub"
    return suggested
