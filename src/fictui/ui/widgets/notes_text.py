"""The read-only parts of the notes panel as rich Text: about the story, author's notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from fictui.model import TAG_KINDS, Note, NotePosition, Story
from fictui.text.sanitize import display_path

if TYPE_CHECKING:
    from fictui.library.entry import Entry

LABEL = "bold"
"""The style of a field's label."""
HEADING = "bold underline"
"""The style of a sub-heading."""


def _field(text: Text, label: str, value: str) -> None:
    if value:
        text.append(f"{label}: ", style=LABEL)
        text.append(value)
        text.append("\n")


def about_story(story: Story, file_label: str | None = None) -> Text:
    """Everything the file says about a story, as plain Text (never markup).

    Args:
        story: The story (sanitized by the formats layer).
        file_label: How to name its file (relative to the library); default: its path.

    Returns:
        Summary, tags by kind, source, dates, size, status, encoding and problems.
    """
    text = Text(end="")
    text.append(story.title or "Untitled", style="bold")
    text.append("\n")
    if story.authors:
        text.append("by " + ", ".join(story.authors) + "\n", style="italic")
    if story.summary:
        text.append("\n")
        text.append(story.summary.strip())
        text.append("\n")
    text.append("\n")
    kinds = [kind for kind in TAG_KINDS if kind in story.tags]
    kinds += sorted(kind for kind in story.tags if kind not in TAG_KINDS)
    for kind in kinds:
        _field(text, kind.capitalize(), ", ".join(story.tags[kind]))
    _field(text, "Source", story.source)
    _field(text, "URL", story.url)
    _field(text, "Published", story.published.isoformat() if story.published else "")
    _field(text, "Updated", story.updated.isoformat() if story.updated else "")
    _field(text, "Words", f"{story.words:,}" + (" so far (still loading)" if story.partial else ""))
    total = story.chapters_total
    done = story.status.value == "complete"
    of = str(total) if total is not None else (str(len(story.chapters)) if done else "?")
    chapters = f"{len(story.chapters)}/{of}"
    _field(text, "Chapters", chapters)
    _field(text, "Status", story.status.value)
    _field(text, "Language", story.language)
    fmt = story.format + (f" ({story.encoding})" if story.encoding else "")
    _field(text, "Format", fmt)
    if file_label:
        _field(text, "File", file_label)
    elif story.path is not None:
        _field(text, "File", display_path(story.path))
    if story.problems:
        text.append("\nReading problems\n", style=HEADING)
        for problem in story.problems:
            text.append(f"• {problem}\n")
    text.rstrip()
    return text


def about_entry(entry: Entry) -> Text:
    """What the library knows of a story not open in the reader (or unreadable)."""
    text = Text(end="")
    text.append(entry.title or entry.name, style="bold")
    text.append("\n")
    if entry.authors:
        text.append("by " + ", ".join(entry.authors) + "\n", style="italic")
    if entry.error:
        text.append("\nThis file could not be read: ", style=LABEL)
        text.append(entry.error + "\n")
    if entry.summary:
        text.append("\n" + entry.summary.strip() + "\n")
    text.append("\n")
    for kind in TAG_KINDS:
        _field(text, kind.capitalize(), ", ".join(entry.tags.get(kind, [])))
    if not entry.error:
        _field(text, "Words", f"{entry.words:,}")
        _field(text, "Chapters", entry.chapters_label)
        _field(text, "Status", entry.status)
    _field(text, "Published", entry.published or "")
    _field(text, "Updated", entry.updated or "")
    _field(text, "File", entry.name)
    text.rstrip()
    return text


def note_place(note: Note, story: Story) -> str:
    """Where a note stood in the file, in words."""
    if note.position is NotePosition.FRONT:
        return "Before the story"
    if note.position is NotePosition.END:
        return "After the story"
    index = note.chapter if note.chapter is not None else 0
    title = ""
    if 0 <= index < len(story.chapters) and story.chapters[index].title:
        title = f" ({story.chapters[index].title})"
    where = "start" if note.position is NotePosition.CHAPTER_FRONT else "end"
    return f"Chapter {index + 1}{title}, {where}"


def ordered_notes(story: Story, chapter: int | None) -> list[Note]:
    """The author's notes, the current chapter's first, then in file order."""
    current = [n for n in story.notes if chapter is not None and n.chapter == chapter]
    rest = [n for n in story.notes if n not in current]
    return current + rest


def author_notes(story: Story, chapter: int | None = None) -> Text:
    """The author's notes and removed site text, each labelled with where it stood.

    Args:
        story: The story.
        chapter: The chapter being read; its notes come first.

    Returns:
        The notes as Text, or a line saying there are none.
    """
    text = Text(end="")
    notes = ordered_notes(story, chapter)
    for note in notes:
        place = note_place(note, story)
        if chapter is not None and note.chapter == chapter:
            place += " (this chapter)"
        text.append(place, style=HEADING)
        if note.label:
            text.append(f" · {note.label}", style=LABEL)
        text.append("\n")
        text.append(note.text.strip() + "\n\n")
    for extra in story.extras:
        text.append("Removed from the text (site footer)", style=HEADING)
        text.append("\n")
        text.append(extra.strip() + "\n\n")
    if not notes and not story.extras:
        text.append("The author left no notes in this file.", style="italic")
    text.rstrip()
    return text
