"""Watched-folder changes reach the list: new rows marked, updates counted, removals gone."""

from __future__ import annotations

from pathlib import Path

from fictui.ui.widgets.story_marks import MARK_NEW, MARK_UPDATED

from .app_waits import wait_for_library, wait_for_story, wait_until
from .conftest import STORY_ONE, AppFactory, long_story


def row_of(app: object, title: str) -> str:
    story_list = app.main.story_list  # type: ignore[attr-defined]
    for row, index in enumerate(story_list.view):
        if story_list.entries[index].title == title:
            return str(story_list.render_line(row + 1).text)
    return ""


async def test_added_changed_and_removed_files_arrive_in_batches(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(poll=True)
    library = tmp_path / "library"
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_library(pilot, 3)
        status = app.main.query_one("#library-status")
        await wait_until(pilot, lambda: "watching by polling" in str(status.render()))
        # A new story appears, marked new.
        (library / "fresh.txt").write_text(
            "Fresh Bread\nby Ada Crumb\n\nThe loaf was still warm.\n", encoding="utf-8"
        )
        await wait_until(pilot, lambda: row_of(app, "Fresh Bread"))
        assert row_of(app, "Fresh Bread").startswith(MARK_NEW)
        # A story gains a chapter: marked updated, with the count.
        extra = "\nChapter 3: The Calm\n\nThe sea lay flat as a plate.\n"
        (library / "lantern-keeper.txt").write_text(STORY_ONE + extra, encoding="utf-8")
        await wait_until(pilot, lambda: row_of(app, "The Lantern Keeper").startswith(MARK_UPDATED))
        assert "1 new chapter" in row_of(app, "The Lantern Keeper")
        # A removed story's row goes.
        (library / "notes-on-moss.txt").unlink()
        await wait_until(pilot, lambda: not row_of(app, "Notes on Moss"))
        assert len(app.main.story_list.entries) == 3


async def test_the_open_story_reloads_in_place_keeping_the_position(
    make_app: AppFactory, tmp_path: Path
) -> None:
    text = long_story(chapters=2)
    app = make_app({"road.txt": text}, poll=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_library(pilot, 1)
        await pilot.press("enter")
        await wait_for_story(pilot, "The Long Road North")
        target = app.story.address(1, 5)
        app.main.reader.go_to(target)
        await wait_until(pilot, lambda: app.main.reader.top_address == target)
        first = app.story
        more = "\nChapter 3: Mile 300\n\nThe road ended at the sea.\n"
        (tmp_path / "library" / "road.txt").write_text(text + more, encoding="utf-8")
        await wait_until(pilot, lambda: app.story is not first and len(app.story.chapters) == 3)
        await pilot.pause(0.3)
        assert app.main.reader.top_address == target
