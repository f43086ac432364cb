"""The command palette: fictui's commands, and "jump to story" over the whole library."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from fictui.library.entry import Entry
    from fictui.ui.app import FictuiApp

MAX_HITS = 40
"""At most this many stories are offered for one search."""


def fictui_commands(app: FictuiApp) -> Iterator[SystemCommand]:
    """fictui's own commands, for the palette (each also has a key)."""
    main = app.main
    yield SystemCommand("Keys", "Every key, pane by pane (?)", app.action_help)
    yield SystemCommand("Next theme", "Cycle the themes (ctrl+t)", app.action_cycle_theme)
    for name in app.fictui_theme_names:
        yield SystemCommand(f"Theme: {name}", "Use this theme", partial(app.use_theme, name))
    yield SystemCommand(
        "Toggle notes panel", "Show or hide the notes (ctrl+n)", main.action_toggle_notes
    )
    yield SystemCommand(
        "My notes", "Write notes on this story (ctrl+o)", main.action_focus_my_notes
    )
    if app.library_mode:
        from fictui.library.sort import SORT_KEYS

        yield SystemCommand("Filter the library", "Narrow the list (/)", main.action_focus_filter)
        yield SystemCommand("Show the library", "Focus the story list (l)", main.action_show_list)
        for key in SORT_KEYS:
            label = key.replace("-", " ")
            yield SystemCommand(
                f"Sort by {label}", "Order the list (s cycles)", partial(app.sort_by, key)
            )
    yield SystemCommand("Save notes now", "Write notes and positions to disk", app.save_now)
    yield SystemCommand("Quit", "Save and leave fictui (q)", app.action_quit)


def story_display(entry: Entry, spans: list[tuple[int, int]]) -> Content:
    """A story as a palette line: the title with its matches, then its authors (plain text)."""
    title = Content(entry.title or entry.name)
    for start, end in spans:
        title = title.stylize("bold underline", start, end)
    if entry.authors:
        return Content.assemble(title, ("  by " + ", ".join(entry.authors), "dim"))
    return title


def _score(
    entry: Entry, words: list[str], fold: Callable[[str], str]
) -> tuple[float, list[tuple[int, int]]] | None:
    folded = fold(entry.title)
    authors = entry.authors_key
    spans: list[tuple[int, int]] = []
    score = 0.0
    for word in words:
        at = folded.find(word)
        if at >= 0:
            # Folding keeps ASCII offsets; for other titles the highlight is approximate.
            spans.append((at, at + len(word)))
            score += 1.0 if at == 0 else 0.8
        elif word in authors:
            score += 0.5
        else:
            return None
    return score / max(len(words), 1), sorted(spans)


class StoryJump(Provider):
    """Jump to any story of the library by title or author."""

    def _entries(self) -> list[Entry]:
        app = self.app
        if not getattr(app, "library_mode", False):
            return []
        return app.main.story_list.entries  # type: ignore[attr-defined, no-any-return]

    def _jump(self, path: Path) -> None:
        self.app.jump_to_story(path)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for entry in self._entries()[:10]:
            yield DiscoveryHit(
                story_display(entry, []),
                partial(self._jump, entry.path),
                text=entry.title,
                help="Jump to this story",
            )

    async def search(self, query: str) -> Hits:
        from fictui.library.entry import fold

        words = fold(query).split()
        if not words:
            return
        hits: list[tuple[float, Entry, list[tuple[int, int]]]] = []
        for count, entry in enumerate(self._entries(), 1):
            if count % 5000 == 0:
                # Let keystrokes in: a big library takes a while to look through.
                await asyncio.sleep(0)
            if entry.error:
                continue
            found = _score(entry, words, fold)
            if found is not None:
                hits.append((found[0], entry, found[1]))
                if len(hits) >= MAX_HITS * 5:
                    break
        hits.sort(key=lambda hit: -hit[0])
        for score, entry, spans in hits[:MAX_HITS]:
            yield Hit(
                score,
                story_display(entry, spans),
                partial(self._jump, entry.path),
                text=entry.title,
                help="Jump to this story",
            )
