"""Waiting helpers for Pilot tests (workers finish on their own time)."""

from __future__ import annotations

from collections.abc import Callable

from textual.css.query import NoMatches
from textual.pilot import Pilot


async def wait_until(
    pilot: Pilot[object], predicate: Callable[[], object], timeout: float = 15.0
) -> None:
    """Pause until ``predicate()`` is true; fail the test after ``timeout`` seconds."""
    steps = int(timeout / 0.05)
    for _ in range(steps):
        try:
            if predicate():
                return
        except NoMatches:
            pass  # the screen is not composed yet
        await pilot.pause(0.05)
    said = [n.message for n in pilot.app._notifications]
    raise AssertionError(f"timed out waiting for the app; notifications: {said}")


async def wait_for_library(pilot: Pilot[object], count: int) -> None:
    """Wait until the story list holds ``count`` stories, sorted into its rows."""
    app = pilot.app

    def sorted_in() -> bool:
        # New stories join the rows when the list re-sorts, a moment after they arrive.
        story_list = app.main.story_list  # type: ignore[attr-defined]
        return min(len(story_list.entries), len(story_list._order)) >= count

    await wait_until(pilot, sorted_in)
    await pilot.pause(0.2)


async def wait_for_story(pilot: Pilot[object], title: str | None = None) -> None:
    """Wait until the reader holds a whole story (with that title, when given)."""
    app = pilot.app

    def ready() -> bool:
        story = app.story  # type: ignore[attr-defined]
        return story is not None and not story.partial and (title is None or story.title == title)

    await wait_until(pilot, ready)
    await pilot.pause(0.1)
