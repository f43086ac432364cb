"""Decoding a plain-text file to text with ``\\n`` line endings, through the one decoder."""

from __future__ import annotations

from dataclasses import dataclass, field

from fictui.text.decode import decode


@dataclass(slots=True)
class Source:
    """A file's text and how it was decoded."""

    text: str
    """The text, with CRLF and lone CR turned into LF."""
    encoding: str
    """The encoding the decoder chose."""
    problems: list[str] = field(default_factory=list)
    """What the decoder found odd."""


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR line endings into LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode_text(data: bytes) -> Source:
    """Decode a plain-text file's bytes.

    Raises:
        StoryError: The bytes are binary, not text.
    """
    decoded = decode(data)
    return Source(normalize_newlines(decoded.text), decoded.encoding, list(decoded.problems))


__all__ = ["Source", "decode_text", "normalize_newlines"]
