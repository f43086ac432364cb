"""Splitting the body of a plain-text story into chapters at heading lines."""

from __future__ import annotations

import re
from collections.abc import Iterable, MutableSequence
from dataclasses import dataclass

from fictui.formats.txt_lines import BLANK_CHARS, heading_title, is_separator

OPENING_TITLE = "Prologue"
"""The title given to text that comes before the first chapter heading."""

_MAX_HEADING = 110
# Every heading word heading_title() knows starts with one of these pairs; most
# chunks of prose are ruled out by this one match.
_HEADING_START_RE = re.compile(r"[ \t=#*~_]*(?i:ch|pa|bo|se|vo|ac|ep|pr|in|af|fo|co)")
_NOT_TITLE_END = frozenset(".,;:!?\"”’'")
_NOT_TITLE_START = frozenset("\"'“‘(-–—*_>[")


@dataclass(slots=True)
class ChapterRange:
    """Where one chapter lies among the file's chunks."""

    title: str
    """The chapter's title ("" when the file has no headings at all)."""
    start: int
    """Index of its first chunk of text."""
    end: int
    """Index just past its last chunk."""


def tab_titles_allowed(units: Iterable[str], sample: int = 4000) -> bool:
    """True when tab-indented chunks are rare and never in a row, as titles are.

    A file that indents its paragraphs with tabs has runs of tab-indented chunks;
    a file that marks chapter titles with a tab has each one followed by text.
    """
    seen = tabbed = 0
    previous = False
    for unit in units:
        if not unit:
            continue
        seen += 1
        current = unit[:1] == "\t"
        if current and previous:
            return False
        tabbed += current
        previous = current
        if seen >= sample:
            break
    return seen > 0 and tabbed * 2 <= seen


def _tab_title(unit: str, line: str) -> bool:
    return (
        unit[:1] == "\t"
        and 0 < len(line) <= 80
        and line[-1] not in _NOT_TITLE_END
        and line[0] not in _NOT_TITLE_START
        and not is_separator(line)
    )


def _subtitle(line: str) -> bool:
    return (
        0 < len(line) <= 80
        and line[-1] not in ".,;"
        and line[0] not in _NOT_TITLE_START
        and heading_title(line) is None
    )


def find_heading(unit: str, toc: frozenset[str], tab_titles: bool) -> tuple[str, str] | None:
    """The title a chunk opens with and the text left after it, or None.

    Args:
        unit: One chunk of the file.
        toc: Chapter titles from a table of contents (stripped).
        tab_titles: Whether a short tab-indented line counts as a title.

    Returns:
        (title, rest): ``rest`` is the chunk's text after the heading (and after
        a subtitle line or an underline), "" when the chunk was only a heading.
    """
    if not toc and unit[:1] != "\t" and _HEADING_START_RE.match(unit) is None:
        return None
    cut = unit.find("\n")
    first_raw = unit if cut < 0 else unit[:cut]
    if len(first_raw) > _MAX_HEADING:
        return None
    first = first_raw.strip(BLANK_CHARS)
    if not first:
        return None
    title = heading_title(first)
    if title is None and first in toc:
        title = first
    if title is None and tab_titles and cut < 0 and _tab_title(unit, first):
        title = first
    if title is None:
        return None
    if cut < 0:
        return title, ""
    rest = unit[cut + 1 :]
    lines = rest.split("\n", 2)
    second = lines[0].strip(BLANK_CHARS)
    if second and set(second) <= set("=-~_*#"):
        rest = rest[len(lines[0]) + 1 :] if len(lines) > 1 else ""
    elif len(lines) == 1 and _subtitle(second):
        joined = title[-1:] in ":.-–—"
        title = f"{title} {second}" if joined else f"{title}: {second}"
        rest = ""
    return title, rest


def _heading_list(unit: str) -> list[str]:
    """The titles of a chunk made only of heading lines (a contents list), else []."""
    if "\n" not in unit or len(unit) > 2000 or _HEADING_START_RE.match(unit) is None:
        return []
    lines = [line.strip(BLANK_CHARS) for line in unit.split("\n") if line.strip(BLANK_CHARS)]
    titles = [heading_title(line) for line in lines]
    if len(titles) < 2 or any(title is None for title in titles):
        return []
    return [title for title in titles if title is not None]


def split_chapters(
    units: MutableSequence[str],
    start: int,
    end: int,
    toc: Iterable[str] = (),
    tab_titles: bool = False,
) -> list[ChapterRange]:
    """Find the chapters of the body ``units[start:end]``.

    A chunk that is a heading with text after it is cut in place: the heading
    goes and the text stays as the chapter's first chunk.

    Args:
        units: The file's chunks (changed in place where a heading is cut off).
        start: First chunk of the body.
        end: Index just past the body.
        toc: Titles from a table of contents, which count as headings.
        tab_titles: Whether short tab-indented lines count as headings.

    Returns:
        The chapters in order; text before the first heading is an opening
        chapter, and a body without headings is one chapter titled "".
    """
    toc_set = frozenset(title.strip(BLANK_CHARS) for title in toc)
    found: list[tuple[int, str, int]] = []  # (chunk index, title, first text chunk)
    for index in range(start, end):
        unit = units[index]
        if not toc_set and unit[:1] != "\t" and _HEADING_START_RE.match(unit) is None:
            continue  # most chunks of prose are ruled out here, in one match
        listed = _heading_list(unit)
        if listed:
            found.extend((index, title, index + 1) for title in listed)
            continue
        found_heading = find_heading(unit, toc_set, tab_titles)
        if found_heading is None:
            continue
        title, rest = found_heading
        if rest.strip(BLANK_CHARS):
            units[index] = rest
            found.append((index, title, index))
        else:
            found.append((index, title, index + 1))
    if not found:
        return [ChapterRange("", start, end)]
    chapters: list[ChapterRange] = []
    first_heading = found[0][0]
    if any(units[i].strip(BLANK_CHARS) for i in range(start, first_heading)):
        chapters.append(ChapterRange(OPENING_TITLE, start, first_heading))
    for number, (_, title, text_start) in enumerate(found):
        stop = found[number + 1][0] if number + 1 < len(found) else end
        chapters.append(ChapterRange(title, text_start, max(stop, text_start)))
    return chapters


__all__ = ["OPENING_TITLE", "ChapterRange", "find_heading", "split_chapters", "tab_titles_allowed"]
