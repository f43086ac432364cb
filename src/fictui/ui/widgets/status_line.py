"""The reader's one-line status: chapter, position, words and time left, realm, search."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from fictui.reading.progress import StatusInfo, status_parts


class StatusLine(Static):
    """Shows a `StatusInfo` as one line (built as Text, so titles are never markup)."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self.info = StatusInfo()
        self._shown = False

    def show(self, info: StatusInfo) -> None:
        """Show new figures (skipped when nothing changed)."""
        if info == self.info and self._shown:
            return
        self.info, self._shown = info, True
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, part in enumerate(status_parts(info)):
            if number:
                text.append("  ·  ")
            text.append(part)
        self.update(text)

    @property
    def plain(self) -> str:
        """The status as plain text (for tests and screen readers)."""
        return " · ".join(status_parts(self.info))
