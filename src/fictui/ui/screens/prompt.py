"""A small modal that asks for one line of text (such as a percentage to go to)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from fictui.ui.widgets.safe_input import SafeInput


class PromptScreen(ModalScreen[str | None]):
    """Asks a question; dismisses with the answer on Enter, or None on Esc."""

    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > Vertical {
        width: 44;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="prompt.close"),
    ]

    def __init__(self, question: str, placeholder: str = "") -> None:
        """Keep the question (text we write, never story text).

        Args:
            question: The label above the input.
            placeholder: Shown in the empty input.
        """
        super().__init__()
        self.question = question
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        """The question and its input."""
        with Vertical():
            yield Label(self.question, markup=False)
            yield SafeInput(placeholder=self.placeholder, id="prompt-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Answer with what was typed."""
        event.stop()
        self.dismiss(event.value)

    def action_close(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
