"""Text fields that never hold a control character: what the reader types or pastes is shown safely.

A pasted clipboard can carry escape sequences just as a story file can; these
fields pass it through the same sanitizer, so nothing typed reaches the terminal
raw either.
"""

from __future__ import annotations

from textual.document._document import EditResult
from textual.document._edit import Edit
from textual.widgets import Input, TextArea

from fictui.text.sanitize import has_unsafe, sanitize


def _one_line(text: str) -> str:
    if has_unsafe(text) or "\r" in text or "\n" in text:
        return sanitize(text).replace("\n", " ")
    return text


class SafeInput(Input):
    """A one-line input whose value is sanitized (newlines become spaces)."""

    def replace(self, text: str, start: int, end: int) -> None:
        """Sanitize typed or pasted text first, so the cursor lands after what is shown."""
        super().replace(_one_line(text), start, end)

    def validate_value(self, value: str) -> str:
        """Replace control characters in a value set directly with visible placeholders."""
        return _one_line(value)


class SafeTextArea(TextArea):
    """A text area whose every edit and loaded text is sanitized (tabs and newlines kept)."""

    def edit(self, edit: Edit) -> EditResult:
        """Sanitize the inserted text, then perform the edit."""
        if has_unsafe(edit.text) or "\r" in edit.text:
            edit.text = sanitize(edit.text)
        return super().edit(edit)

    def load_text(self, text: str) -> None:
        """Load text, sanitized (state files can be edited by hand)."""
        super().load_text(sanitize(text))
