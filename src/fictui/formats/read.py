"""Reading a file safely and handing it to its format's parser, then sanitizing the result."""

from __future__ import annotations

import importlib
import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from fictui.errors import StoryError
from fictui.formats.detect import format_for_name, sniff
from fictui.model import Span, Story
from fictui.text.sanitize import _UNSAFE_RE, sanitize, sanitize_line

HEAD_BYTES = 256 * 1024
"""How much of a file is read for a first screen (a partial story)."""

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Files larger than this are refused rather than read into memory."""


class Parser(Protocol):
    """What every format module provides."""

    def __call__(self, data: bytes, path: Path, *, partial: bool = False) -> Story: ...


def _parser(fmt: str) -> Parser:
    module = importlib.import_module(f"fictui.formats.{fmt}")
    parse: Parser = module.parse
    return parse


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """Read a regular file's bytes without ever blocking on a FIFO or device.

    Args:
        path: The file to read (symlinks are followed to a regular file only).
        limit: Read at most this many bytes.

    Returns:
        The bytes read.

    Raises:
        StoryError: The path is missing, not a regular file, unreadable or too large.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise StoryError("no such file") from None
    except PermissionError:
        raise StoryError("permission denied") from None
    except OSError as error:
        raise StoryError(error.strerror or "cannot open the file") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise StoryError("not a regular file")
        if info.st_size > MAX_FILE_BYTES and limit is None:
            raise StoryError(f"too large ({info.st_size // (1024 * 1024)} MiB)")
        wanted = info.st_size if limit is None else min(limit, info.st_size)
        chunks: list[bytes] = []
        remaining = wanted
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 16 * 1024 * 1024))
            if not chunk:
                break  # the file shrank while we read it
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise StoryError(error.strerror or "cannot read the file") from None
    finally:
        os.close(fd)


def read_story(path: Path, *, head: bool = False) -> Story:
    """Read a story file into a sanitized Story.

    Args:
        path: The file.
        head: Read only the start of the file, enough for a first screen.

    Returns:
        The story; ``partial`` is set when only the head was read.

    Raises:
        StoryError: The file is not a story fictui can read; the message says why.
    """
    fmt = format_for_name(path)
    if fmt is None:
        raise StoryError(f"not a story file ({path.suffix or 'no extension'})")
    limit = HEAD_BYTES if head and fmt != "epub" else None
    data = read_bytes(path, limit)
    partial = limit is not None and len(data) >= limit
    if partial and limit is not None:
        cut = data.rfind(b"\n")
        if cut > limit // 2:
            data = data[: cut + 1]
    return parse_bytes(data, path, fmt=fmt, partial=partial or (head and fmt == "epub"))


def parse_bytes(data: bytes, path: Path, *, fmt: str | None = None, partial: bool = False) -> Story:
    """Parse bytes already read from ``path`` with the right format's parser.

    Args:
        data: The file's bytes (or its head, when ``partial``).
        path: Where they came from (its name gives the format and a fallback title).
        fmt: Force a format instead of choosing from the name.
        partial: Only the head of the file is given.

    Returns:
        The sanitized story.

    Raises:
        StoryError: The bytes are not a story fictui can read.
    """
    chosen = fmt or format_for_name(path) or "txt"
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise StoryError("the file is empty")
    chosen = sniff(data, chosen)
    try:
        story = _parser(chosen)(data, path, partial=partial)
    except StoryError:
        raise
    except RecursionError:
        raise StoryError("the file is nested too deeply to read") from None
    except MemoryError:
        raise StoryError("the file is too large to read") from None
    story.path = path
    story.format = story.format or chosen
    story.partial = partial
    return sanitize_story(story)


def _count_unsafe(text: str) -> int:
    return len(_UNSAFE_RE.findall(text))


def sanitize_story(story: Story) -> Story:
    """Sanitize every string of a story in place: the one pass all formats share.

    Args:
        story: A story straight from a parser.

    Returns:
        The same story, with every field safe to display and a problem noted
        when control characters were replaced.
    """
    replaced = 0

    def line(text: str) -> str:
        nonlocal replaced
        if _UNSAFE_RE.search(text):
            replaced += _count_unsafe(text)
        return sanitize_line(text)

    def block_text(text: str) -> str:
        nonlocal replaced
        if _UNSAFE_RE.search(text):
            replaced += _count_unsafe(text)
            return sanitize(text)
        return text.replace("\r", "\n") if "\r" in text else text

    story.title = line(story.title)
    story.authors = [name for name in (line(a) for a in story.authors) if name]
    story.source = line(story.source)
    story.url = line(story.url)
    story.summary = block_text(story.summary).strip()
    story.language = line(story.language)
    story.work_id = line(story.work_id)
    story.tags = {
        line(kind): [tag for tag in (line(t) for t in values) if tag]
        for kind, values in story.tags.items()
    }
    story.tags = {kind: values for kind, values in story.tags.items() if values}
    story.extras = [block_text(extra) for extra in story.extras]
    story.notes = [
        replace(note, text=block_text(note.text), label=line(note.label)) for note in story.notes
    ]
    for chapter in story.chapters:
        chapter.title = line(chapter.title)
        for block in chapter.blocks:
            # Most spans are clean; rebuild only the ones that are not.
            for index, span in enumerate(block.spans):
                if _UNSAFE_RE.search(span.text) or "\r" in span.text:
                    block.spans[index] = Span(block_text(span.text), span.style)
    story.problems = [sanitize_line(problem) for problem in story.problems]
    if replaced:
        noun = "character" if replaced == 1 else "characters"
        story.problems.append(f"{replaced} control {noun} replaced")
    return story


__all__ = ["HEAD_BYTES", "MAX_FILE_BYTES", "parse_bytes", "read_bytes", "read_story"]
