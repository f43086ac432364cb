"""Re-flowing hard-wrapped plain text into paragraphs, keeping lines that are short on purpose."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import repeat
from operator import add

from fictui.formats.txt_lines import BLANK_CHARS, LONG_LINE, is_separator
from fictui.model import BlockKind

RawBlock = tuple[BlockKind, str]
"""A block before emphasis is parsed: its kind and its text ("\\n" between kept lines)."""

_LIST_ITEM_RE = re.compile(r"[ \t]*(?:[-*•+–]\s|\d{1,3}[.)]\s|[a-zA-Z][.)]\s)")
# A line that may need a closer look: indented, quoted, a list item, a separator
# (ornament characters or oOo / xXx) or a word broken at a hyphen. Chunks with no
# such line take the fast path.
_SPECIAL_START = "[ \t\u00a0\u3000>*~\\-_=#+•·°^:.<|/\\\\§¤–0-9]"
_SPECIAL_FIRST_RE = re.compile(_SPECIAL_START)
# Starting with the newline lets the engine jump from line to line.
_SPECIAL_NEXT_RE = re.compile("\n" + _SPECIAL_START)
# Lines starting with a letter can still be a lettered list item or an oOo
# ornament; those follow a short line, which the next-word-fits test catches.
_SAMPLE_UNITS = 3000
_ORNAMENT_START = frozenset("*~-_=#+•·°^:.<>|/\\§¤oOxX0")
_SPACES_RE = re.compile(r"[ \t]{2,}")


def measure_width(units: Sequence[str]) -> int | None:
    """Estimate the column a hard-wrapped file was wrapped at, or None when it is not wrapped.

    Args:
        units: The file's paragraphs (blank-line separated chunks), raw.

    Returns:
        The wrap width: a high percentile of the lengths of lines that were
        followed by another line of the same paragraph.
    """
    lengths: list[int] = []
    seen = 0
    for unit in units:
        if "\n" not in unit:
            continue
        lines = unit.split("\n")
        lengths.extend(len(line.rstrip()) for line in lines[:-1] if line[:1] != ">")
        seen += 1
        if seen >= _SAMPLE_UNITS:
            break
    lengths = [length for length in lengths if length > 0]
    if not lengths:
        return None
    lengths.sort()
    width = lengths[min(len(lengths) - 1, math.ceil(0.95 * (len(lengths) - 1)))]
    if len(lengths) < 3 and width < 45:
        return None  # too little to tell a wrap from a short line
    if width > LONG_LINE or width < 20:
        return None
    # Wrapped lines cluster just under the width; a file of short lines does not.
    near = sum(1 for length in lengths if length >= width * 0.7)
    return width if near * 2 >= len(lengths) else None


def _first_word(line: str) -> int:
    stripped = line.lstrip()
    cut = stripped.find(" ")
    return len(stripped) if cut < 0 else cut


def _join(pieces: list[str]) -> str:
    out = pieces[0]
    for piece in pieces[1:]:
        # A word broken at its own hyphen ("well-" / "known") joins without a space.
        if len(out) > 1 and out[-1] == "-" and out[-2].isalpha() and piece[:1].isalpha():
            out += piece
        else:
            out += " " + piece
    return out


def _reflow_lines(lines: list[str], width: int | None, out: list[RawBlock]) -> None:
    """Reflow the lines of one paragraph, appending paragraph or verse blocks."""
    limit = (width - 2) if width else None
    kept: list[str] = []  # finished lines of the current block
    pieces: list[str] = []  # pieces of the line being re-flowed
    last = len(lines) - 1
    for index, raw in enumerate(lines):
        line = raw.strip(BLANK_CHARS)
        pieces.append(line)
        if index == last:
            break
        following = lines[index + 1]
        if len(raw) > LONG_LINE and (width is None or len(raw) > width + 10):
            # An unwrapped paragraph on one line: the newline ends the paragraph.
            kept.append(_join(pieces))
            pieces = []
            _flush(kept, out)
            kept = []
            continue
        if _LIST_ITEM_RE.match(following):
            kept.append(_join(pieces))
            pieces = []
            continue
        if limit is not None and len(raw.rstrip()) + 1 + _first_word(following) > limit:
            continue  # the next word did not fit: a wrap, so the lines join
        kept.append(_join(pieces))
        pieces = []
    if pieces:
        kept.append(_join(pieces))
    _flush(kept, out)


def _flush(kept: list[str], out: list[RawBlock]) -> None:
    kept = [line for line in kept if line]
    if not kept:
        return
    if len(kept) == 1:
        out.append((BlockKind.PARAGRAPH, kept[0]))
    else:
        out.append((BlockKind.VERSE, "\n".join(kept)))


def _indent(line: str) -> bool:
    return line[:1] == "\t" or line[:2] == "  "


def reflow_unit(unit: str, width: int | None, out: list[RawBlock]) -> None:
    """Turn one blank-line separated chunk of a file into raw blocks.

    Args:
        unit: The chunk, lines separated by "\\n".
        width: The file's wrap width (see measure_width), or None.
        out: Where the blocks are appended.
    """
    if "\n" not in unit:
        if unit.lstrip(BLANK_CHARS)[:1] in _ORNAMENT_START and is_separator(unit):
            out.append((BlockKind.SCENE_BREAK, ""))
        else:
            text = unit.strip(BLANK_CHARS)
            if text[:1] == ">":
                out.append((BlockKind.QUOTE, text[1:].strip(BLANK_CHARS)))
            elif text:
                out.append((BlockKind.PARAGRAPH, text))
        return
    lines = unit.split("\n")
    if (
        width is not None
        and "-\n" not in unit
        and _SPECIAL_NEXT_RE.search(unit) is None
        and _SPECIAL_FIRST_RE.match(unit) is None
    ):
        _fast(unit, lines, width - 2, out)
        return
    groups = _split_groups(lines)
    for kind, group in groups:
        if kind is BlockKind.SCENE_BREAK:
            out.append((BlockKind.SCENE_BREAK, ""))
        elif kind is BlockKind.QUOTE:
            inner: list[RawBlock] = []
            _reflow_lines([line.lstrip()[1:].removeprefix(" ") for line in group], width, inner)
            out.extend((BlockKind.QUOTE, text) for _, text in inner)
        else:
            _reflow_lines(group, width, out)


def _fast(unit: str, lines: list[str], limit: int, out: list[RawBlock]) -> None:
    """Reflow a chunk of plain wrapped lines (no indents, lists, quotes or ornaments)."""
    if max(map(len, lines)) > LONG_LINE:
        _reflow_lines(lines, limit + 2, out)
        return
    # The next line's first word would have fitted: the line was broken on purpose.
    # (A one-word next line gives find() == -1 and so takes the careful path too.)
    # Mapped builtins keep this loop in C: it runs for nearly every line of a file.
    ends = map(add, map(len, lines), map(str.find, lines[1:], repeat(" ")))
    if any(map(limit.__gt__, ends)):
        _reflow_lines(lines, limit + 2, out)
        return
    text = unit.replace("\n", " ")
    if "  " in text:
        text = _SPACES_RE.sub(" ", text)
    out.append((BlockKind.PARAGRAPH, text.strip(BLANK_CHARS)))


def _split_groups(lines: list[str]) -> list[tuple[BlockKind, list[str]]]:
    """Split a chunk's lines at separator lines, quote runs and paragraph indents."""
    groups: list[tuple[BlockKind, list[str]]] = []
    indented = [_indent(line) for line in lines]
    # Indented first lines mark paragraphs in files without blank lines between them.
    split_on_indent = indented[0] and 0 < sum(indented) < len(lines) and sum(indented) > 1
    current: list[str] = []
    current_kind = BlockKind.PARAGRAPH
    for index, line in enumerate(lines):
        stripped = line.lstrip(BLANK_CHARS)
        if stripped[:1] in _ORNAMENT_START and is_separator(line):
            if current:
                groups.append((current_kind, current))
            groups.append((BlockKind.SCENE_BREAK, []))
            current, current_kind = [], BlockKind.PARAGRAPH
            continue
        kind = BlockKind.QUOTE if stripped[:1] == ">" else BlockKind.PARAGRAPH
        starts = split_on_indent and indented[index] and index > 0
        if current and (kind is not current_kind or starts):
            groups.append((current_kind, current))
            current = []
        current_kind = kind
        current.append(line)
    if current:
        groups.append((current_kind, current))
    return groups


__all__ = ["LONG_LINE", "RawBlock", "measure_width", "reflow_unit"]
