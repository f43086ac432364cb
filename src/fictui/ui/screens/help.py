"""The help screen: every key by pane, generated from the bindings in force."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.app import App

PaneBindings = tuple[str, Iterable[BindingType]]
"""A pane's name and the bindings of its classes."""


def key_table(app: App[Any], panes: Iterable[PaneBindings], keymap: dict[str, str]) -> Text:
    """Every key of every pane as plain Text, with the user's keymap applied.

    Args:
        app: The app (it spells keys for display).
        panes: Pane names with the bindings their widgets declare.
        keymap: The user's rebindings by binding id.

    Returns:
        One section per pane: the keys and what they do.
    """
    text = Text(end="")
    for name, bindings in panes:
        bindings_map = BindingsMap(bindings)
        bindings_map.apply_keymap(keymap)
        by_id: dict[str, tuple[Binding, list[str]]] = {}
        for key, found in bindings_map.key_to_bindings.items():
            # The first binding of a key is the one that answers it.
            for binding in found[:1]:
                slot = binding.id or f"{binding.action}:{binding.description}"
                keys = by_id.setdefault(slot, (binding, []))[1]
                shown = app.get_key_display(Binding(key, binding.action, key_display=None))
                if shown not in keys:
                    keys.append(shown)
        if not by_id:
            continue
        text.append(f"{name}\n", style="bold underline")
        for binding, keys in by_id.values():
            text.append(f"  {' '.join(keys):<18}", style="bold")
            text.append(f" {binding.description or binding.action}\n")
        text.append("\n")
    text.rstrip()
    return text


class HelpScreen(ModalScreen[None]):
    """Every key, pane by pane; Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close_help", "Close help", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 80; max-width: 100%; height: 90%;
            border: round $accent; background: $panel; padding: 0 1;
        }
    }
    """

    def __init__(self, keys: Text) -> None:
        super().__init__()
        self.keys = keys
        """The key table to show."""

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys (Esc closes)"
            yield Static(self.keys, id="help-keys")

    def action_close_help(self) -> None:
        self.dismiss(None)
