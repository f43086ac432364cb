"""The filter bar above the story list: a query input and how many stories match."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Label

from fictui.ui.messages import FilterChanged, FilterDone
from fictui.ui.widgets.safe_input import SafeInput

PLACEHOLDER = "/ filter: words, author:, tag:, fandom:, status:complete, words:>50000, unread"
"""What the empty filter says (the query language in brief)."""


class FilterInput(SafeInput):
    """The query input: Esc clears it, Enter goes back to the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_filter", "Clear filter", id="filter.clear"),
        Binding("enter", "done", "Back to list", id="filter.done"),
        Binding("down", "done", "Back to list", id="filter.down", show=False),
    ]

    def action_clear_filter(self) -> None:
        self.value = ""
        self.post_message(FilterDone(cleared=True))

    def action_done(self) -> None:
        self.post_message(FilterDone(cleared=False))


class FilterBar(Horizontal):
    """A one-line filter: the input and a count of matching stories."""

    DEFAULT_CSS = """
    FilterBar {
        height: 1;
        background: $panel;
        & > FilterInput {
            border: none;
            height: 1;
            width: 1fr;
            padding: 0 1;
            background: $panel;
        }
        & > FilterInput:focus { background: $boost; }
        & > #filter-count { width: auto; padding: 0 1; color: $text-muted; }
    }
    """

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder=PLACEHOLDER, id="filter-input", select_on_focus=False)
        yield Label("", id="filter-count", markup=False)

    @property
    def value(self) -> str:
        """The query as typed."""
        return self.query_one(FilterInput).value

    def focus_input(self) -> None:
        """Put the cursor in the filter."""
        self.query_one(FilterInput).focus()

    def show_count(self, shown: int, total: int, sort_key: str = "") -> None:
        """Say how many stories the filter lets through, and their order."""
        text = f"{total:,}" if shown == total else f"{shown:,} of {total:,}"
        if sort_key:
            text += f" · by {sort_key.replace('-', ' ')}"
        self.query_one("#filter-count", Label).update(text)

    @on(Input.Changed, "#filter-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(FilterChanged(event.value))

    @on(Input.Submitted, "#filter-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
