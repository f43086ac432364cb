"""Decoding a plain-text file and cutting it into blank-line separated chunks.

Big UTF-8 files are decoded and cut piece by piece, so the whole decoded text
never sits in memory beside its chunks: that keeps a 20 MB file's peak near
twice its size instead of three and a half times. Anything else goes through
the one decoder in a single call, with the same result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fictui.formats.txt_lines import BLANK_CHARS, LONG_LINE
from fictui.text.decode import decode

PIECE_BYTES = 1 << 20
"""Files larger than two pieces are decoded and cut this many bytes at a time."""

_GAP_RE = re.compile(f"(\n(?:[{BLANK_CHARS}]*\n)+)")


@dataclass(slots=True)
class Source:
    """A file's chunks and how it was decoded."""

    units: list[str]
    """The text cut at blank lines; line endings are "\\n"."""
    gaps: list[int]
    """For each chunk but the last, the number of blank lines after it."""
    encoding: str
    """The encoding the decoder chose."""
    problems: list[str] = field(default_factory=list)
    """What the decoder found odd."""


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR line endings into LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_units(text: str) -> tuple[list[str], list[int]]:
    """Cut text at blank lines.

    Returns:
        The chunks, and for each chunk but the last the number of blank lines after it.
    """
    parts = _GAP_RE.split(text)
    units = parts[0::2]
    gaps = [part.count("\n") - 1 for part in parts[1::2]]
    if units and units[0][:1] in ("\n", " ", "\t"):
        units[0] = units[0].lstrip("\n")
    return units, gaps


def _cut(data: bytes, start: int) -> int:
    """Where the piece starting at ``start`` ends: just after a line ending."""
    target = start + PIECE_BYTES
    if target >= len(data):
        return len(data)
    for ending in (b"\n", b"\r"):
        found = data.find(ending, target, target + PIECE_BYTES)
        if found >= 0:
            return found + 1
    return len(data)


class _NotUtf8(Exception):
    """A later piece is not plain UTF-8: decode the whole file at once instead."""


def _pieces(data: bytes, first_cut: int, first_text: str) -> tuple[list[str], list[int]]:
    """Cut a UTF-8 file into chunks one piece at a time.

    Raises:
        _NotUtf8: A piece is not valid UTF-8 or holds NUL bytes.
    """
    units: list[str] = []
    gaps: list[int] = []
    carry = ""
    cut = first_cut
    text = first_text
    while True:
        parts = _GAP_RE.split(carry + normalize_newlines(text))
        if cut >= len(data):
            units.extend(parts[0::2])
            gaps.extend(part.count("\n") - 1 for part in parts[1::2])
            break
        # The last chunk may go on in the next piece. When the piece ends in a
        # gap, that gap may go on too, so the chunk before it waits with it.
        keep = 3 if len(parts) >= 3 and parts[-1] == "" else 1
        carry = "".join(parts[-keep:])
        done = parts[:-keep]
        units.extend(done[0::2])
        gaps.extend(part.count("\n") - 1 for part in done[1::2])
        start, cut = cut, _cut(data, cut)
        piece = data[start:cut]
        if b"\x00" in piece:
            raise _NotUtf8
        try:
            text = piece.decode("utf-8")
        except UnicodeDecodeError:
            raise _NotUtf8 from None
    if units and units[0][:1] in ("\n", " ", "\t"):
        units[0] = units[0].lstrip("\n")
    return units, gaps


def lines_are_paragraphs(units: list[str], sample: int = 200) -> bool:
    """True for a file that puts each paragraph on one long line, with no blank lines between.

    Such a file has chunks of many lines where most lines are far longer than any
    hard wrap would leave them.
    """
    long = total = seen = 0
    for unit in units:
        if "\n" not in unit:
            continue
        lines = unit.split("\n")
        total += len(lines)
        long += sum(1 for line in lines if len(line) > LONG_LINE)
        seen += 1
        if seen >= sample:
            break
    return long >= 2 and long * 5 >= total


def explode_lines(units: list[str], gaps: list[int]) -> tuple[list[str], list[int]]:
    """Make every line of every chunk its own chunk (with no blank line after it)."""
    new_units: list[str] = []
    new_gaps: list[int] = []
    for index, unit in enumerate(units):
        lines = [line for line in unit.split("\n") if line.strip(BLANK_CHARS)] or [unit]
        new_units.extend(lines)
        new_gaps.extend([0] * (len(lines) - 1))
        if index < len(gaps):
            new_gaps.append(gaps[index])
    return new_units, new_gaps


def read_source(data: bytes) -> Source:
    """Decode a plain-text file's bytes and cut the text into chunks.

    Raises:
        StoryError: The bytes are binary, not text.
    """
    if len(data) > 2 * PIECE_BYTES:
        first_cut = _cut(data, 0)
        first = decode(data[:first_cut])
        if first.encoding == "utf-8" and not first.problems:
            try:
                units, gaps = _pieces(data, first_cut, first.text)
                return _lined(Source(units, gaps, "utf-8"))
            except _NotUtf8:
                pass
    decoded = decode(data)
    units, gaps = split_units(normalize_newlines(decoded.text))
    return _lined(Source(units, gaps, decoded.encoding, list(decoded.problems)))


def _lined(source: Source) -> Source:
    if lines_are_paragraphs(source.units):
        source.units, source.gaps = explode_lines(source.units, source.gaps)
    return source


__all__ = ["PIECE_BYTES", "Source", "normalize_newlines", "read_source", "split_units"]
