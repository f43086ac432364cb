"""Reversible text for TOML: strings holding undecodable bytes (lone surrogates) survive.

TOML files must be valid UTF-8, but a file name decoded with os.fsdecode can hold
lone surrogates (one per byte that was not UTF-8), and a title or identity built
from it can too. Such a string is stored as ``raw:`` followed by the text with
backslashes doubled and each surrogate written as ``\\xNN`` (for surrogateescape
bytes) or ``\\uDXXX`` (any other lone surrogate). Carriage returns are escaped the
same way (``\\r``), because TOML writers fold CRLF in multi-line strings, and a
note must come back exactly as typed. Strings that do not need it are
stored as they are, unless they themselves start with ``raw:``; so the mapping is
one-to-one and the file stays readable.
"""

from __future__ import annotations

import re

PREFIX = "raw:"
"""Marks an escaped string in the state file."""

_NEEDS_RE = re.compile("[\r\ud800-\udfff]")
_ESCAPE_RE = re.compile(r"\\(\\|r|x[0-9a-fA-F]{2}|u[dD][89a-fA-F][0-9a-fA-F]{2})")


def needs_escape(text: str) -> bool:
    """True when the text cannot go into TOML as it is (or would be misread)."""
    return text.startswith(PREFIX) or _NEEDS_RE.search(text) is not None


def _escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    if char == "\\":
        return "\\\\"
    if char == "\r":
        return "\\r"
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def escape(text: str) -> str:
    """The TOML-safe form of a string (itself when it needs no escaping)."""
    if not needs_escape(text):
        return text
    return PREFIX + re.sub("[\\\\\r\ud800-\udfff]", _escape_char, text)


def _unescape_match(match: re.Match[str]) -> str:
    body = match.group(1)
    if body == "\\":
        return "\\"
    if body == "r":
        return "\r"
    if body[0] == "x":
        return chr(0xDC00 + int(body[1:], 16))
    return chr(int(body[1:], 16))


def unescape(text: str) -> str:
    """The original string from its TOML-safe form (see escape)."""
    if not text.startswith(PREFIX):
        return text
    return _ESCAPE_RE.sub(_unescape_match, text[len(PREFIX) :])
