"""Reading the end of a plain-text story: end markers, a date, a closing note and site chrome."""

from __future__ import annotations

import re
from collections.abc import MutableSequence
from dataclasses import dataclass, field
from datetime import date

from fictui.formats.txt_labels import note_label
from fictui.formats.txt_lines import (
    BLANK_CHARS,
    date_line,
    end_marker,
    heading_title,
    is_chrome,
    is_separator,
    split_label,
)
from fictui.model import Note, NotePosition, Status

_SCAN_UNITS = 14
_SCAN_CHARS = 4000
_NOTE_BEFORE_END = 3


@dataclass(slots=True)
class Footer:
    """What the end of a file says, and where the story's text stops."""

    end: int
    """Index of the first chunk after the story's text."""
    status: Status = Status.UNKNOWN
    """Complete or in progress, from an end marker."""
    dates: list[date] = field(default_factory=list)
    """Dates found on their own line after the end."""
    notes: list[Note] = field(default_factory=list)
    """End notes (a trailing author's note, thanks)."""
    extras: list[str] = field(default_factory=list)
    """Site chrome after the story: review links, navigation, credits."""


_SIGN_OFF_RE = re.compile(
    r"(?i)\b(?:thanks?\s+(?:you\s+)?(?:so\s+much\s+)?for\s+reading|please\s+(?:r\s*&\s*r|review)|"
    r"read\s+(?:and|&)\s+review|reviews?\s+(?:are|make|would|keep)|let\s+me\s+know\s+what\s+you\s+think)"
)
_SIGN_OFF_CHARS = 300


def _is_sign_off(unit: str) -> bool:
    """True for a short unlabelled closing word from the author ("Thanks for reading!")."""
    return (
        len(unit) <= _SIGN_OFF_CHARS
        and unit.lstrip(BLANK_CHARS)[:1] not in "\"'“‘«"
        and _SIGN_OFF_RE.search(unit) is not None
    )


def _lines(unit: str) -> list[str]:
    return [line.strip(BLANK_CHARS) for line in unit.split("\n") if line.strip(BLANK_CHARS)]


def opening_note(line: str) -> tuple[str, str] | None:
    """The (label, text) when a line opens an author's note (``A/N:``, ``Author's Note:``).

    A label alone on its line without a colon ("End Notes") opens a note too.
    """
    core = line.strip(BLANK_CHARS)
    if ":" not in core and len(core) <= 30:
        label = note_label(" ".join(core.replace("’", "'").lower().split()))
        if label is not None and label not in ("Dedication", "Note"):
            return label, ""
    found = split_label(line)
    if found is None:
        return None
    label = note_label(found[0])
    if label is None or label in ("Dedication",):
        return None
    return label, found[1]


def _is_tail(lines: list[str]) -> bool:
    """True when a chunk can only be after-the-story matter: chrome, a date or ornament."""
    return all(is_chrome(line) or date_line(line) or is_separator(line) for line in lines)


def _stands_alone(lines: list[str]) -> bool:
    """True when an end marker is a line of its own, not the last word of a wrapped sentence."""
    if len(lines) == 1:
        return True
    marker, before = lines[-1], lines[-2].rstrip()
    return not marker[:1].islower() and before[-1:] in ".!?\"”’')…*~_-"


def _find_marker(units: MutableSequence[str], start: int) -> int | None:
    """The index of the end marker chunk among the last chunks, or None."""
    seen = 0
    for index in range(len(units) - 1, max(start, len(units) - _SCAN_UNITS) - 1, -1):
        lines = _lines(units[index])
        if not lines:
            continue
        if end_marker(lines[-1]) is not None and _stands_alone(lines):
            return index
        seen += len(units[index])
        if seen > _SCAN_CHARS:
            return None
    return None


class _Tail:
    """Sorts the chunks after the story into notes, dates and extras."""

    def __init__(self, footer: Footer) -> None:
        self.footer = footer
        self.note: Note | None = None

    def add(self, lines: list[str]) -> None:
        """Sort one chunk's lines; a note's lines within a chunk join as one paragraph."""
        footer = self.footer
        text: list[str] = []
        for line in lines:
            found = date_line(line)
            if found is not None:
                footer.dates.append(found)
            elif is_chrome(line):
                footer.extras.append(line)
            elif is_separator(line):
                continue
            elif (opened := opening_note(line)) is not None:
                self._flush(text)
                text = []
                self.note = Note(NotePosition.END, "", None, opened[0])
                self.footer.notes.append(self.note)
                text = [opened[1]] if opened[1] else []
            else:
                text.append(line)
        self._flush(text)

    def _flush(self, text: list[str]) -> None:
        if not text:
            return
        joined = " ".join(text)
        if self.note is None:
            self.note = Note(NotePosition.END, "", None, "Note")
            self.footer.notes.append(self.note)
        self.note.text = f"{self.note.text}\n\n{joined}" if self.note.text else joined


def read_footer(units: MutableSequence[str], start: int) -> Footer:
    """Find where the story ends and read what comes after it.

    A chunk whose last line is an end marker is trimmed in place (``units`` is
    changed) so the marker is not part of the last paragraph.

    Args:
        units: The file's chunks.
        start: The first chunk of the body (after the header).

    Returns:
        The footer, with ``end`` the index of the first chunk after the story.
    """
    footer = Footer(end=len(units))
    if len(units) <= start:
        return footer
    marker = _find_marker(units, start)
    tail = _Tail(footer)
    if marker is not None:
        lines = units[marker].split("\n")
        while lines and not lines[-1].strip(BLANK_CHARS):
            lines.pop()
        kind = end_marker(lines[-1]) if lines else None
        footer.status = Status.COMPLETE if kind == "complete" else Status.IN_PROGRESS
        rest = "\n".join(lines[:-1])
        if rest.strip(BLANK_CHARS):
            units[marker] = rest
            footer.end = marker + 1
        else:
            footer.end = marker
        _note_before(units, start, footer)
        for unit in units[marker + 1 :]:
            tail.add(_lines(unit))
        return footer
    # No end marker: only chrome, dates and an author's note at the very end are taken.
    end = len(units)
    while end > start and _is_tail(_lines(units[end - 1]) or ["-"]):
        end -= 1
    for index in range(end - 1, max(start, end - _NOTE_BEFORE_END - 1) - 1, -1):
        lines = _lines(units[index])
        if lines and opening_note(lines[0]) is not None:
            end = index
            break
    else:
        if end - 1 > start and _is_sign_off(units[end - 1]):
            end -= 1
    footer.end = end
    for unit in units[end:]:
        tail.add(_lines(unit))
    return footer


def _note_before(units: MutableSequence[str], start: int, footer: Footer) -> None:
    """An author's note just before the end marker is an end note too."""
    end = footer.end
    for index in range(end - 1, max(start, end - _NOTE_BEFORE_END) - 1, -1):
        lines = _lines(units[index])
        if not lines:
            continue
        if heading_title(lines[0]) is not None or is_separator(lines[0]):
            return  # the note belongs to an earlier chapter, not to the end
        if opening_note(lines[0]) is not None:
            tail = _Tail(footer)
            for unit in units[index:end]:
                tail.add(_lines(unit))
            footer.end = index
            return


__all__ = ["Footer", "opening_note", "read_footer"]
