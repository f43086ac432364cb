"""Reading a plain-text story's front matter: archive, title, by-line, labels, notes, contents."""

from __future__ import annotations

import re
from collections.abc import Sequence

from fictui.formats.txt_labels import Header, apply_label, known_label_line, split_authors
from fictui.formats.txt_lines import (
    BLANK_CHARS,
    date_line,
    heading_title,
    is_chrome,
    is_separator,
)

_BY_RE = re.compile(
    r"(?i:by|written\s+by|story\s+by|a\s+story\s+by|author\(?s?\)?|authors?)"
    r"\s*[:\-–—]?\s+(?P<name>\S.{0,80})"
)
_TITLE_BY_RE = re.compile(
    r"(?P<title>\S.{0,90}?)\s+(?i:by)\s+(?P<name>[A-Z0-9_\W]\S*(?:\s\S+){0,4})"
)
_TOC_RE = re.compile(r"(?i)(?:table\s+of\s+contents|contents|chapters|index)\s*:?")
_CAST_RE = re.compile(
    r"(?i)(?:dramatis\s+person(?:ae|æ)|cast(?:\s+of\s+characters)?|the\s+cast)\s*:?"
)
_CAST_LINE_RE = re.compile(r"[^\-–—:=]{1,50}?\s*(?:-|–|—|:|=|\.\.\.)\s*\S.{0,100}")
_DISCLAIMER_RE = re.compile(
    r"(?i)\b(?:disclaim|(?:do|does|did)\s*n(?:o|'|’)?t\s+own|not\s+mine|belongs?\s+to|"
    r"property\s+of|no\s+(?:money|profit)|not\s+making\s+(?:any\s+)?(?:money|profit)|"
    r"no\s+copyright\s+infringement|owned\s+by|own\s+nothing)"
)
_DEDICATED_RE = re.compile(
    r"(?i:(?:this\s+(?:story|fic|one)\s+is\s+)?dedicated\s+to\b)"
    r"|(?:For|To)\s+(?:my\s+)?[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?(?:,|:|\.|!|$)"
)
_POSTED_RE = re.compile(
    r"(?i:posted\s+originally\s+on|originally\s+posted\s+(?:on|at)|archived\s+(?:on|at))\s+"
    r"(?:the\s+)?(?P<site>.+?)\s+(?:at|as)\s+<?(?P<url>(?:https?://|www\.)\S+?)>?\.?"
)
_BARE_LABEL_RE = re.compile(
    r"(?i:summary|description|notes?|author'?s'?\s+notes?|a/n|disclaimer|dedication)"
)
_RATED_RE = re.compile(r"(?i:rated|rating)\s+(?P<rating>[\w+\-]{1,12})")
_QUOTES = frozenset("\"'“‘«„")
_AUTHOR_VOICE_RE = re.compile(
    r"(?i)\b(?:I|I'm|I’m|I've|I’ve|my|me|thanks?|thank\s+you|this\s+(?:story|fic|chapter|one)|"
    r"reviews?|readers?|beta(?:'d|ed)?|prompt|challenge|enjoy|hope|sorry|please|wrote|written|"
    r"fic|fanfic|canon|spoilers?|AU|OOC|exchange|gift|inspired)\b"
)
_SOURCE_HINT_RE = re.compile(
    r"(?i)\b(?:archive|archives|library|fanfiction|fan\s+fiction|fiction|fics?|stories|"
    r"collection|net|com|org|press|zine|site|board|forum|community)\b|\.(?:com|net|org)\b"
)
_STORY_URL_RE = re.compile(r"(?i)(?:\d|story|sid=|/s/|works?/|viewstory|chapter)")
_URL_LINE_RE = re.compile(r"(?i)<?(?:https?://|www\.)\S+>?")

MAX_HEADER_UNITS = 40
"""The header is looked for in this many chunks at most."""
_LOOKAHEAD = 4
_SHORT_UNIT = 1500
_SUMMARY_CHARS = 800


def _lines(unit: str) -> list[str]:
    return [line.strip(BLANK_CHARS) for line in unit.split("\n") if line.strip(BLANK_CHARS)]


def by_line(line: str, contacts: list[str] | None = None) -> list[str] | None:
    """The authors a by-line names (``By Name``, ``by Name``, ``Author: Name``), or None."""
    match = _BY_RE.fullmatch(line.strip(BLANK_CHARS))
    if not match:
        return None
    name = match["name"].strip()
    # "By the time she came home" is prose: a name is short and does not end a sentence.
    if len(name.split()) > 8 or name[-1:] in ",;" or (name[-1:] == "." and name[-3:-2] != " "):
        return None
    if name[:1].islower() and not re.match(r"(?i)by\b", line.strip()):
        return None
    if re.match(r"(?i)(?:the|a|an|then|now|this|that|my|his|her|their|our)\b", name):
        return None
    return split_authors(name, contacts)


def _is_source(line: str) -> bool:
    return len(line) <= 80 and _SOURCE_HINT_RE.search(line) is not None


def _is_title_candidate(line: str) -> bool:
    core = line.strip(BLANK_CHARS)
    return (
        0 < len(core) <= 100
        and core[-1] not in ".,;:"
        and core[0] not in "\"'“‘-–—([*_>"
        and heading_title(core) is None
        and not is_chrome(core)
    )


def _header_like(line: str) -> bool:
    """True for a line that may stand above a by-line: a title, an archive name, a URL."""
    return _is_title_candidate(line) or _is_source(line) or bool(_URL_LINE_RE.fullmatch(line))


class _Reader:
    """The state of one header read: the chunks, a position and the header so far."""

    def __init__(self, units: Sequence[str]) -> None:
        self.units = units
        self.header = Header()
        self.limit = min(len(units), MAX_HEADER_UNITS)
        self.note: str | None = None  # the note (or "summary") unlabelled text continues
        self.pre_title = ""  # the line taken as the title before any "Title:" label
        self.titled = False  # whether a "Title:" label named the work

    def boundary_ahead(self, index: int) -> bool:
        """True when the chunk at ``index`` is still header: more header comes soon after it.

        A separator, a label, a contents list or a disclaimer close by means the
        header goes on. A chapter heading does only for a lone short paragraph
        right after the by-line (a summary); otherwise text before the first
        heading is the story's opening.
        """
        first_after = True
        for unit in self.units[index + 1 : min(index + 1 + _LOOKAHEAD, self.limit)]:
            lines = _lines(unit)
            if not lines:
                continue
            first = lines[0]
            if heading_title(first) is not None and known_label_line(first) is None:
                header = self.header
                lone = not header.summary and not header.notes and self.note is None
                return first_after and lone and len(self.units[index]) <= _SUMMARY_CHARS
            if (
                is_separator(first)
                or known_label_line(first) is not None
                or (len(lines) == 1 and _BARE_LABEL_RE.fullmatch(first.rstrip(":")))
                or _TOC_RE.fullmatch(first)
                or _DISCLAIMER_RE.search(unit)
            ):
                return True
            if len(unit) > _SHORT_UNIT:
                return False
            first_after = False
        return False

    def top(self) -> int:
        """Read the archive, title and by-line lines; return the index after them."""
        header = self.header
        pre: list[str] = []
        index = 0
        while index < self.limit and index < 8:
            lines = _lines(self.units[index])
            if not lines:
                index += 1
                continue
            if all(is_chrome(line) and not _URL_LINE_RE.fullmatch(line) for line in lines):
                header.extras.append("\n".join(lines))
                index += 1
                continue
            for position, line in enumerate(lines):
                if self.posted(line):
                    continue
                # A by-line sits in a short chunk; a wrapped line of prose may start "by".
                short = len(lines) <= 4 and len(line) <= 100
                authors = by_line(line, self.header.extras) if short else None
                if authors is None and known_label_line(line) is None:
                    match = _TITLE_BY_RE.fullmatch(line) if not pre and position == 0 else None
                    if match and len(lines) <= 2 and _is_title_candidate(match["title"]):
                        pre.append(match["title"])
                        authors = split_authors(match["name"])
                if authors is not None:
                    header.authors = authors
                    header.evidence += 2
                    self._place_pre(pre)
                    rest = lines[position + 1 :]
                    if rest:
                        self.labelled(rest)
                    return index + 1
                if known_label_line(line) is not None:
                    self._place_pre(pre)
                    self.labelled(lines[position:])
                    return index + 1
                if not _header_like(line):
                    return self._no_byline()  # prose: there is no by-line header
                pre.append(line)
            if len(pre) > 4 or heading_title(lines[0]) is not None:
                break
            index += 1
        return self._no_byline()

    def _no_byline(self) -> int:
        """No by-line: a lone short first line is the title, else there is no header."""
        for index in range(min(self.limit, 3)):
            lines = _lines(self.units[index])
            if not lines:
                continue
            if all(is_chrome(line) for line in lines):
                continue
            if (
                len(lines) == 1
                and self.units[index][:1] != "\t"
                and _is_title_candidate(lines[0])
                and lines[0][-1] not in '!?"”'
                and index + 1 < len(self.units)
            ):
                self.header.title = lines[0]
                return index + 1
            return index
        return 0

    def _place_pre(self, pre: list[str]) -> None:
        """Lines before the by-line: the last is the title, earlier ones the archive."""
        header = self.header
        pre = [line for line in pre if not is_separator(line)]  # title underlines
        urls = [line for line in pre if _URL_LINE_RE.fullmatch(line)]
        rest = [line for line in pre if not _URL_LINE_RE.fullmatch(line)]
        for url in urls:
            clean = url.strip("<>")
            if not header.url and _STORY_URL_RE.search(clean.split("//", 1)[-1].split("/", 1)[-1]):
                header.url = clean
            else:
                header.extras.append(clean)
        if rest and _is_title_candidate(rest[-1]):
            self.pre_title = rest.pop()
            header.title = self.pre_title
        if rest:
            sources = [line for line in rest if _is_source(line)] or rest[:1]
            header.source = sources[0]
            header.extras.extend(line for line in rest if line != sources[0])

    def posted(self, line: str) -> bool:
        """Read a "Posted originally on SITE at URL." line; True when the line was one."""
        match = _POSTED_RE.fullmatch(line.strip(BLANK_CHARS))
        if match is None:
            return False
        header = self.header
        header.source = header.source or match["site"]
        header.url = header.url or match["url"]
        header.evidence += 1
        return True

    def labelled(self, lines: list[str]) -> None:
        """Read ``Label: value`` lines; unlabelled lines continue the previous value."""
        header = self.header
        for line in lines:
            if self.posted(line):
                continue
            found = known_label_line(line)
            if found is not None:
                header.evidence += 1
                if found[0] in ("title", "story title") and found[1]:
                    header.title = found[1]
                    self.titled = True
                    self.note = None
                    continue
                self.note = apply_label(header, *found)
                continue
            if not header.authors and (authors := by_line(line, header.extras)) is not None:
                header.authors = authors
                continue
            self.continue_text(line)

    def title_again(self, lines: list[str]) -> None:
        """A title and by-line repeated below the labels (as exports from some archives do)."""
        header = self.header
        for line in lines:
            authors = by_line(line)
            if authors is not None:
                header.authors = header.authors or authors
            elif not header.title:
                header.title = line
            elif line != header.title:
                header.extras.append(line)
        header.evidence += 1

    def awaiting_text(self) -> bool:
        """True right after a label alone on its line ("Summary", "Notes:"): its text comes next."""
        header = self.header
        if self.note == "summary":
            return not header.summary
        return self.note is not None and bool(header.notes) and not header.notes[-1].text

    def more_header(self, unit: str) -> bool:
        """Whether unlabelled text belongs to the header rather than opening the story.

        The first paragraph after the by-line is a summary; a later one must sound
        like its author talking (I, my, thanks, this story...), not like the story.
        """
        header = self.header
        if not header.summary and not header.notes and self.note is None:
            return len(unit) <= _SUMMARY_CHARS
        if self.note not in (None, "summary") and header.notes and not header.notes[-1].text:
            return True  # a label alone on its line: its text is the next paragraph
        if self.note == "summary" and not header.summary:
            return True
        stripped = unit.lstrip(BLANK_CHARS)
        return stripped[:1] not in _QUOTES and _AUTHOR_VOICE_RE.search(unit) is not None

    def continue_text(self, text: str, paragraph: bool = False) -> None:
        """Add unlabelled header text to the note or summary it follows."""
        header = self.header
        joiner = "\n\n" if paragraph else " "
        if self.note == "summary" or (self.note is None and not header.notes):
            header.summary = (header.summary + joiner + text).strip() if header.summary else text
            self.note = "summary"
        elif self.note is not None and header.notes:
            last = header.notes[-1]
            last.text = (last.text + joiner + text).strip() if last.text else text
        else:
            header.add_note("Note", text)
            self.note = "Note"

    def body(self, index: int) -> int:
        """Read labelled blocks, notes, a contents list and a cast list after the by-line."""
        header = self.header
        while index < self.limit:
            unit = self.units[index]
            lines = _lines(unit)
            if not lines:
                index += 1
                continue
            first = lines[0]
            if heading_title(first) is not None and known_label_line(first) is None:
                return index
            if is_separator(first) and len(lines) == 1:
                return index + 1
            if _TOC_RE.fullmatch(first) and (len(lines) > 1 or header.evidence):
                index = self.contents(index, lines[1:])
                continue
            if _CAST_RE.fullmatch(first):
                index = self.cast(index, lines)
                continue
            if len(lines) == 1 and _BARE_LABEL_RE.fullmatch(first.rstrip(":")):
                label = " ".join(first.rstrip(":").replace("’", "'").lower().split())
                self.note = apply_label(header, label, "")
                header.evidence += 1
            elif len(lines) <= 2 and any(by_line(line) for line in lines):
                self.title_again(lines)
            elif len(lines) == 1 and self.posted(first):
                pass
            elif len(lines) == 1 and (found := date_line(first)) is not None:
                header.published = header.published or found
                header.evidence += 1
            elif len(lines) == 1 and (rated := _RATED_RE.fullmatch(first)):
                header.add_tags("rating", rated["rating"])
            elif known_label_line(first) is not None:
                self.labelled(lines)
            elif _DEDICATED_RE.match(first) and (len(lines) > 1 or len(first) <= 120):
                header.add_note("Dedication", "\n".join(lines))
                self.note = "Dedication"
            elif len(unit) <= _SHORT_UNIT and _DISCLAIMER_RE.search(unit) and header.evidence:
                header.add_note("Disclaimer", " ".join(lines))
                self.note = "Disclaimer"
            elif all(is_chrome(line) for line in lines):
                header.extras.append("\n".join(lines))
            elif self.awaiting_text() or (
                header.evidence
                and len(unit) <= _SHORT_UNIT
                and self.boundary_ahead(index)
                and self.more_header(unit)
            ):
                self.continue_text(" ".join(lines), paragraph=True)
            else:
                return index
            index += 1
        return index

    def contents(self, index: int, inline: list[str]) -> int:
        """Read a table of contents; return the index of the first chunk after it."""
        toc = self.header.toc
        toc.extend(inline)
        index += 1
        while index < len(self.units):
            lines = _lines(self.units[index])
            if not lines:
                index += 1
                continue
            if len(lines) > 1 and not toc:
                toc.extend(lines)
                index += 1
                continue
            if len(lines) > 1 or lines[0] in toc or len(lines[0]) > 120:
                break
            if self.units[index][:1] == "\t" and toc:
                break
            toc.append(lines[0])
            index += 1
        self.header.evidence += 1
        return index

    def cast(self, index: int, lines: list[str]) -> int:
        """Read a cast list (``Dramatis Personae`` then ``Name- Name`` lines) into a note."""
        entries = lines[1:]
        index += 1
        while index < self.limit:
            more = _lines(self.units[index])
            if not more or not all(_CAST_LINE_RE.fullmatch(line) for line in more):
                break
            entries.extend(more)
            index += 1
        self.header.add_note(lines[0].rstrip(":"), "\n".join(entries) or lines[0])
        self.note = None
        return index


def read_header(units: Sequence[str]) -> Header:
    """Read a plain-text story's front matter.

    Args:
        units: The file's blank-line separated chunks.

    Returns:
        The header, with ``start`` the index of the first chunk of the body.
    """
    reader = _Reader(units)
    index = reader.top()
    index = reader.body(index)
    header = reader.header
    header.start = index
    header.notes = [note for note in header.notes if note.text]
    if reader.titled and reader.pre_title and reader.pre_title != header.title:
        # A "Title:" label named the work: the line above it was the archive's name.
        if header.source:
            header.extras.append(reader.pre_title)
        else:
            header.source = reader.pre_title
    return header


__all__ = ["MAX_HEADER_UNITS", "by_line", "read_header"]
