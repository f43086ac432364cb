"""The table of contents: a modal list of chapters with word counts; Enter jumps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from fictui.model import Story
from fictui.reading.progress import format_count


class TocScreen(ModalScreen[int | None]):
    """Chapters of a story; dismisses with the chosen chapter index, or None on Esc."""

    DEFAULT_CSS = """
    TocScreen { align: center middle; }
    TocScreen > OptionList {
        width: 80%;
        max-width: 90;
        height: 80%;
        border: round $primary;
        background: $surface;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="toc.close"),
    ]

    def __init__(self, story: Story, current: int = 0, words: Sequence[int] | None = None) -> None:
        """Keep the story and the chapter to highlight.

        Args:
            story: The story whose chapters are listed.
            current: The chapter being read.
            words: Words per chapter; None while they are still being counted
                (counting a big story here would freeze the screen).
        """
        super().__init__()
        self.story = story
        self.current = current
        self.words = words

    def compose(self) -> ComposeResult:
        """One option per chapter: number, title and word count."""
        options = []
        width = len(str(len(self.story.chapters)))
        for index, chapter in enumerate(self.story.chapters):
            label = Text(f"{index + 1:>{width}}  ", style="dim")
            label.append(chapter.title or f"Chapter {index + 1}")
            if self.words is not None and index < len(self.words):
                label.append(f"  {format_count(self.words[index])} words", style="dim")
            else:
                label.append("  … words", style="dim")
            options.append(Option(label, id=f"chapter-{index}"))
        toc = OptionList(*options, id="toc")
        toc.border_title = "Contents"
        yield toc

    def on_mount(self) -> None:
        """Start on the chapter being read."""
        toc = self.query_one(OptionList)
        if self.story.chapters:
            toc.highlighted = max(0, min(self.current, len(self.story.chapters) - 1))
        toc.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Jump to the chosen chapter."""
        event.stop()
        self.dismiss(event.option_index)

    def action_close(self) -> None:
        """Close without jumping."""
        self.dismiss(None)
