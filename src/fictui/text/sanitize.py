"""The one sanitizer: every string from a story file passes through here before display."""

from __future__ import annotations

import os
import re
from pathlib import Path

# C0 controls but tab and newline, DEL, C1 controls, bidirectional embeddings,
# overrides and isolates, the line/paragraph separators (they break layout),
# lone surrogates (from undecodable file names) and the BOM as a stray character.
_UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff\ud800-\udfff]"
)
_NEWLINES_RE = re.compile("\r\n?")


def _placeholder(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ESC becomes ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return f"\\x{code:02x}"
    if code in (0x2028, 0x2029):
        return "\n"
    if code == 0xFEFF:
        return ""
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"<U+{code:04X}>"


_UNSAFE_RANGES = (
    (0x00, 0x08),
    (0x0B, 0x1F),
    (0x7F, 0x9F),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
    (0x2028, 0x2029),
    (0xFEFF, 0xFEFF),
    (0xD800, 0xDFFF),
)
_TABLE = {
    code: _placeholder(chr(code)) for low, high in _UNSAFE_RANGES for code in range(low, high + 1)
}


def has_unsafe(text: str) -> bool:
    """True when the text holds a character the sanitizer would replace."""
    return _UNSAFE_RE.search(text) is not None


def sanitize(text: str) -> str:
    """Make an untrusted string safe to show in a terminal.

    Line endings become newlines; every other control character, C1 control and
    bidirectional override becomes a visible placeholder, so nothing from a file
    can reach the terminal as an escape sequence.

    Args:
        text: A string that came from a story file, its name or its metadata.

    Returns:
        The same text with unsafe characters replaced.
    """
    if "\r" in text:
        text = _NEWLINES_RE.sub("\n", text)
    if _UNSAFE_RE.search(text) is None:
        return text
    return text.translate(_TABLE)


def sanitize_line(text: str) -> str:
    """Sanitize a one-line field (title, name, tag): newlines fold to spaces."""
    return " ".join(sanitize(text).split())


def display_path(path: str | os.PathLike[str]) -> str:
    """A file name fit for display: undecodable bytes and controls made visible."""
    raw = os.fspath(path)
    if isinstance(raw, bytes):  # pragma: no cover - fspath of str paths is str
        raw = raw.decode("utf-8", "surrogateescape")
    return sanitize(raw).replace("\n", "\u2424")


def display_name(path: Path) -> str:
    """The sanitized last component of a path."""
    return display_path(path.name)
