"""Pilot-test helpers: a factory that writes small stories and returns a configured app."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from textual.widgets import Input, TextArea

from fictui.config import Config
from fictui.state import StateStore

if TYPE_CHECKING:
    from fictui.ui.app import FictuiApp

STORY_ONE = """\
The Lantern Keeper
by Wren Ashdown

Chapter 1: The Lamp

Mira climbed the tower stairs every evening with a can of oil and a rag.

_The sea remembers every light that ever failed it._

She polished the glass until it sang.

Chapter 2: The Storm

The storm came in sideways, and the lamp held.

Nobody in the harbour town thanked her, and she did not mind.
"""
"""A short two-chapter story with an italic-realm paragraph."""

STORY_TWO = """\
Notes on Moss
by Tamsin Vell

Moss grows where the light is patient.

The gardener counted seven kinds on one stone.
"""
"""A one-chapter story by another author."""

STORY_THREE = """\
Copper Kettle Mornings
by Wren Ashdown

The kettle whistled twice before anyone woke.

_Steam is just water in a hurry,_ her grandmother used to say.
"""
"""A third story, sharing an author with the first."""


def long_story(chapters: int = 3, paragraphs: int = 30) -> str:
    """A longer story (many screens), for positions and scrolling."""
    lines = ["The Long Road North", "by Ione Carrow", ""]
    for chapter in range(1, chapters + 1):
        lines += [f"Chapter {chapter}: Mile {chapter * 100}", ""]
        for paragraph in range(1, paragraphs + 1):
            lines += [
                f"Paragraph {paragraph} of chapter {chapter}: the cart rolled on past "
                f"fields and fences, and the driver counted {paragraph} crows on the wire.",
                "",
            ]
    return "\n".join(lines)


DEFAULT_STORIES: dict[str, str | bytes] = {
    "lantern-keeper.txt": STORY_ONE,
    "notes-on-moss.txt": STORY_TWO,
    "copper-kettle.txt": STORY_THREE,
}
"""The library most tests use."""


def stop_blinking(app: Any) -> None:
    """Stop every cursor blinking on the app's screen, so screens are stable."""
    for widget in app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


def quiet_app_class() -> type[FictuiApp]:
    """The app with blinking cursors stopped (imported late: only UI tests load Textual)."""
    from fictui.ui.app import FictuiApp

    class QuietApp(FictuiApp):
        def on_mount(self) -> None:
            # Textual calls FictuiApp.on_mount too (handlers run down the class tree).
            self.call_after_refresh(stop_blinking, self)

    return QuietApp


AppFactory = Callable[..., "FictuiApp"]
"""make_app(stories=..., open=..., config=...) -> app."""


def write_stories(folder: Path, stories: Mapping[str, str | bytes]) -> None:
    """Write story files (text or bytes) into a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in stories.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")


@pytest.fixture
def make_app(tmp_path: Path) -> AppFactory:
    """A factory for apps over a small library written into tmp_path.

    Keyword arguments: ``stories`` (name to text), ``open`` (a name: open that one
    story instead of the library), ``config`` (Config fields), ``data_dir``.
    """

    def factory(
        stories: Mapping[str, str | bytes] | None = None,
        *,
        open: str | None = None,
        data_dir: Path | None = None,
        **config: object,
    ) -> FictuiApp:
        library = tmp_path / "library"
        write_stories(library, DEFAULT_STORIES if stories is None else stories)
        settings = Config(autosave_delay_ms=50, **config)  # type: ignore[arg-type]
        store = StateStore(data_dir or tmp_path / "data")
        target = library / open if open else library
        return quiet_app_class()(target, library=open is None, config=settings, store=store)

    return factory
