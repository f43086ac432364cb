"""Which bindings the help screen lists, pane by pane (read from the widget classes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

from fictui.ui.screens.confirm import ConfirmScreen
from fictui.ui.screens.help import PaneBindings
from fictui.ui.screens.main import MainScreen
from fictui.ui.screens.toc import TocScreen
from fictui.ui.widgets.filter_bar import FilterInput
from fictui.ui.widgets.notes_panel import NotesEditor, PassageNoteList
from fictui.ui.widgets.reader import Reader
from fictui.ui.widgets.reader_pane import ReaderPane
from fictui.ui.widgets.story_list import StoryList

if TYPE_CHECKING:
    from fictui.ui.app import FictuiApp


def _bindings(*classes: type) -> list[BindingType]:
    # Each class's own bindings: inherited ones (Textual's scrolling keys) are standard.
    found: list[BindingType] = []
    for cls in classes:
        found.extend(cls.__dict__.get("BINDINGS", []))
    return found


def help_panes(app: FictuiApp) -> list[PaneBindings]:
    """Every pane's name and the bindings that work in it."""
    from fictui.ui.app import FictuiApp

    palette = Binding(
        app.COMMAND_PALETTE_BINDING,
        "command_palette",
        "Commands and jump to story",
        id="app.command-palette",
    )
    panes: list[PaneBindings] = [
        ("Everywhere", [*_bindings(FictuiApp), palette, *_bindings(MainScreen)]),
    ]
    if app.library_mode:
        panes.append(("Story list", _bindings(StoryList)))
        panes.append(("Filter", _bindings(FilterInput)))
    panes.append(("Reader", _bindings(ReaderPane, Reader)))
    panes.append(("Notes panel", _bindings(NotesEditor, PassageNoteList)))
    panes.append(("Table of contents", _bindings(TocScreen)))
    panes.append(("Questions", _bindings(ConfirmScreen)))
    return panes
