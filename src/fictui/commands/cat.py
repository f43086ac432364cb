"""`fictui cat FILE`: the reading text, wrapped, with italics kept."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterator

from fictui.commands.common import load_story
from fictui.layout import Line, wrap_block, wrap_spans
from fictui.model import Block, BlockKind, Note, NotePosition, Span, Story, Style

ORNAMENT = "*   *   *"
"""The scene-break ornament, centred."""

_ANSI = {Style.ITALIC: "3", Style.BOLD: "1", Style.UNDERLINE: "4"}


def _ansi_line(line: Line) -> str:
    out: list[str] = []
    for span in line:
        codes = [code for flag, code in _ANSI.items() if span.style & flag]
        out.append(f"\x1b[{';'.join(codes)}m{span.text}\x1b[0m" if codes else span.text)
    return "".join(out)


def _marked(spans: list[Span]) -> list[Span]:
    """Write styles as plain-text marks (_italic_, **bold**) for pipes and files."""
    out: list[Span] = []
    for span in spans:
        text = span.text
        core = text.strip()
        if core and span.style & (Style.ITALIC | Style.BOLD | Style.UNDERLINE):
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            if span.style & Style.BOLD:
                core = f"**{core}**"
            if span.style & (Style.ITALIC | Style.UNDERLINE):
                core = f"_{core}_"
            text = lead + core + trail
        out.append(Span(text))
    return out


def _merge_styles(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and (merged[-1].style == span.style or not span.text.strip()):
            merged[-1] = Span(merged[-1].text + span.text, merged[-1].style)
        else:
            merged.append(span)
    return merged


def render_block(block: Block, width: int, ansi: bool) -> list[str]:
    """The printed lines of one block."""
    if block.kind is BlockKind.SCENE_BREAK:
        return [ORNAMENT.center(width).rstrip()]
    indent = 4 if block.kind is BlockKind.QUOTE else 0
    inner = max(10, width - indent)
    if ansi:
        lines = wrap_block(block, inner)
        return [" " * indent + _ansi_line(line) for line in lines]
    marked = Block(block.kind, _marked(_merge_styles(block.spans)))
    return [" " * indent + "".join(s.text for s in line) for line in wrap_block(marked, inner)]


def _note_lines(note: Note, width: int, ansi: bool) -> list[str]:
    where = {
        NotePosition.FRONT: "Note",
        NotePosition.END: "End note",
        NotePosition.CHAPTER_FRONT: "Chapter note",
        NotePosition.CHAPTER_END: "Chapter end note",
    }[note.position]
    label = note.label or where
    lines = [f"[{label}]"]
    for paragraph in note.text.split("\n\n"):
        wrapped = wrap_spans([Span(" ".join(paragraph.split()))], max(10, width - 2))
        lines += ["  " + "".join(s.text for s in line) for line in wrapped]
    return lines


def render_story(story: Story, width: int, *, ansi: bool, notes: bool) -> Iterator[str]:
    """Every printed line of a story, in order."""

    def notes_at(position: NotePosition, chapter: int | None) -> Iterator[str]:
        if not notes:
            return
        for note in story.notes:
            if note.position is position and note.chapter == chapter:
                yield from _note_lines(note, width, ansi)
                yield ""

    heading = ("\x1b[1m{}\x1b[0m" if ansi else "{}").format
    yield from notes_at(NotePosition.FRONT, None)
    for index, chapter in enumerate(story.chapters):
        if chapter.title and (len(story.chapters) > 1 or index == 0):
            yield heading(chapter.title)
            yield ""
        yield from notes_at(NotePosition.CHAPTER_FRONT, index)
        for block in chapter.blocks:
            yield from render_block(block, width, ansi)
            yield ""
        yield from notes_at(NotePosition.CHAPTER_END, index)
    yield from notes_at(NotePosition.END, None)


def run(args: argparse.Namespace) -> int:
    """Print a story's text; returns the exit status."""
    story = load_story(args.file)
    width = args.width or min(80, shutil.get_terminal_size((80, 24)).columns)
    width = max(20, width)
    ansi = sys.stdout.isatty()
    write = sys.stdout.write
    for line in render_story(story, width, ansi=ansi, notes=args.notes):
        write(line + "\n")
    sys.stdout.flush()
    return 0
