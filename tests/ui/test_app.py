"""Pilot tests of the whole app: filtering, opening, notes, positions, themes, help, palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from fictui.state import StateStore
from fictui.ui.app import FictuiApp
from fictui.ui.messages import PassageNoteRequested
from fictui.ui.screens.help import HelpScreen
from fictui.ui.widgets.notes_panel import NotesPanel
from fictui.ui.widgets.story_list import StoryList

from .app_waits import wait_for_library, wait_for_story, wait_until
from .conftest import AppFactory, long_story


def titles(app: object) -> list[str]:
    story_list = app.main.story_list  # type: ignore[attr-defined]
    return [story_list.entries[i].title for i in story_list.view]


async def test_filter_narrows_as_you_type_and_escape_clears(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_library(pilot, 3)
        assert titles(app) == ["Copper Kettle Mornings", "Notes on Moss", "The Lantern Keeper"]
        await pilot.press("slash")
        assert app.focused is not None and app.focused.id == "filter-input"
        await pilot.press(*"wren")
        assert titles(app) == ["Copper Kettle Mornings", "The Lantern Keeper"]
        await pilot.press(*" lant")
        assert titles(app) == ["The Lantern Keeper"]
        assert "1 of 3" in str(app.screen.query_one("#filter-count").render())
        await pilot.press("escape")
        assert len(titles(app)) == 3
        assert isinstance(app.focused, StoryList)
        # Esc in the list clears a filter too.
        await pilot.press("slash", *"moss", "enter")
        assert titles(app) == ["Notes on Moss"] and isinstance(app.focused, StoryList)
        await pilot.press("escape")
        await pilot.pause()
        assert len(titles(app)) == 3


async def test_filter_by_my_notes_and_status(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_library(pilot, 3)
        story_list = app.main.story_list
        moss = next(e for e in story_list.entries if e.title == "Notes on Moss")
        with app.store.edit(moss.identity) as work:
            work.notes = "lichen counting, ask the gardener"
            work.status = "reading"
        app._changed(moss.identity)
        story_list.filter("lichen")
        assert titles(app) == ["Notes on Moss"]
        story_list.filter("has:notes")
        assert titles(app) == ["Notes on Moss"]
        story_list.filter("reading")
        assert titles(app) == ["Notes on Moss"]
        story_list.filter("unread")
        assert titles(app) == ["Copper Kettle Mornings", "The Lantern Keeper"]


async def test_enter_opens_the_story_in_the_reader(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_library(pilot, 3)
        await pilot.press("end", "enter")
        await wait_for_story(pilot, "The Lantern Keeper")
        assert app.focused is app.main.reader
        panel = app.main.query_one(NotesPanel)
        assert "The Lantern Keeper" in str(panel.query_one("#notes-about").render())
        assert panel.identity == app.story.identity


async def test_sort_key_cycles_and_is_remembered(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_library(pilot, 3)
        await pilot.press("s")
        assert app.main.story_list.sort_key == "author"
        assert titles(app)[0] == "Notes on Moss"
        await pilot.pause()
        assert "by author" in str(app.screen.query_one("#filter-count").render())
        await pilot.press("q")
    assert StateStore(tmp_path / "data").settings["sort"] == "author"
    again = make_app()
    async with again.run_test(size=(120, 30)) as pilot:
        await wait_for_library(pilot, 3)
        assert again.main.story_list.sort_key == "author"


async def test_passage_note_is_created_edited_and_saved(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_library(pilot, 3)
        await pilot.press("end", "enter")
        await wait_for_story(pilot, "The Lantern Keeper")
        reader = app.main.reader
        reader.focus()
        await pilot.press("a")
        await wait_until(pilot, lambda: app.main.notes_panel.editing_note is not None)
        editor = app.main.query_one("#passage-editor")
        assert app.focused is editor
        await pilot.press(*"lovely")
        await pilot.pause(0.3)
        identity = app.story.identity
        saved = StateStore(tmp_path / "data").work(identity)
        assert len(saved.passage_notes) == 1
        assert saved.passage_notes[0].text == "lovely"
        assert saved.passage_notes[0].quote
        # Esc goes back to reading; the panel lists the note; Enter on it jumps there.
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is reader
        listing = app.main.query_one("#passage-notes")
        assert listing.option_count == 1
        listing.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is reader


async def test_passage_note_from_the_reader_message(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_library(pilot, 3)
        await pilot.press("end", "enter")
        await wait_for_story(pilot)
        story = app.story
        address = story.address(1, 0)
        app.main.reader.post_message(
            PassageNoteRequested(story.identity, address, "The storm came")
        )
        await wait_until(pilot, lambda: app.main.notes_panel.passage_notes)
        note = app.main.notes_panel.passage_notes[0]
        assert note.address == address and note.text == ""
        # Deleting asks first.
        listing = app.main.query_one("#passage-notes")
        listing.focus()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: not app.main.notes_panel.passage_notes)
        await pilot.pause(0.3)
        assert StateStore(tmp_path / "data").work(story.identity).passage_notes == []


async def test_my_notes_are_saved_as_you_type(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_library(pilot, 3)
        await pilot.press("enter")
        await wait_for_story(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "my-notes"
        await pilot.press(*"kettle notes")
        await pilot.pause(0.4)
        saved = StateStore(tmp_path / "data").work(app.story.identity)
        assert saved.notes == "kettle notes"


async def test_reopening_goes_back_to_the_saved_position(
    make_app: AppFactory, tmp_path: Path
) -> None:
    stories = {"long-road.txt": long_story()}
    app = make_app(stories)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_library(pilot, 1)
        await pilot.press("enter")
        await wait_for_story(pilot, "The Long Road North")
        story = app.story
        target = story.address(1, 10)
        app.main.reader.go_to(target)
        await wait_until(pilot, lambda: app.main.reader.top_address == target)
        await pilot.pause(0.5)
        await pilot.press("q")
    saved = StateStore(tmp_path / "data").work(story.identity)
    assert saved.position == target and saved.status == "reading"
    again = make_app(stories)
    async with again.run_test(size=(160, 40)) as pilot:
        await wait_for_library(pilot, 1)
        progress = f"{round(saved.progress * 100)}%"
        assert progress in again.main.story_list.render_line(1).text
        await pilot.press("enter")
        await wait_for_story(pilot, "The Long Road North")
        await wait_until(pilot, lambda: again.main.reader.top_address == target)


async def test_theme_cycles_and_is_remembered(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "fictui-dark"
        await pilot.press("ctrl+t")
        first = app.theme
        assert first != "fictui-dark" and first in app.fictui_theme_names
        await pilot.press("ctrl+t")
        second = app.theme
        assert second not in ("fictui-dark", first)
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=(100, 30)):
        assert again.theme == second


async def test_help_lists_every_pane_and_the_users_keymap(make_app: AppFactory) -> None:
    app = make_app(keys={"app.theme": "f5"})
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_library(pilot, 3)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = str(app.screen.query_one("#help-keys").render())
        for heading in ("Everywhere", "Story list", "Filter", "Reader", "Notes panel"):
            assert heading in text
        for description in ("Quit", "Filter", "Sort", "Passage note", "Delete note", "Theme"):
            assert description in text
        assert "f5" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f5")
        assert app.theme != "fictui-dark"


async def test_palette_jumps_to_a_story(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_library(pilot, 3)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"moss")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for_story(pilot, "Notes on Moss")
        assert app.main.story_list.current_entry.title == "Notes on Moss"


async def test_narrow_terminal_shows_one_pane_and_notes_below(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for_library(pilot, 3)
        main = app.main
        assert main.narrow
        assert main.query_one("#list-pane").display and main.query_one("#list-pane").region.width
        assert main.query_one("#read-area").region.width == 0
        await pilot.press("enter")
        await wait_for_story(pilot)
        await pilot.pause()
        assert main.query_one("#list-pane").region.width == 0
        assert main.query_one("#reader-pane").region.width == 60
        notes = main.query_one("#notes-panel")
        # A short terminal keeps every line for the story until the notes are asked for.
        assert notes.region.height == 0
        assert main.query_one("#reader-pane").region.height >= 18
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert notes.region.width == 60
        assert notes.region.y > main.query_one("#reader-pane").region.y
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.focused, StoryList)
        assert main.query_one("#read-area").region.width == 0


async def test_tab_moves_between_panes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_library(pilot, 3)
        assert isinstance(app.focused, StoryList)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is app.main.reader
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "my-notes"
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, StoryList)
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "my-notes"


async def test_one_story_opens_straight_in_the_reader(make_app: AppFactory) -> None:
    app = make_app(open="notes-on-moss.txt")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_story(pilot, "Notes on Moss")
        assert not app.main.query("#list-pane")
        assert app.focused is app.main.reader


async def test_unreadable_file_is_a_row_and_opening_it_explains(make_app: AppFactory) -> None:
    app = make_app({"good.txt": "A Title\nby Someone\n\nSome text here.\n", "empty.txt": ""})
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_library(pilot, 2)
        story_list = app.main.story_list
        broken = next(e for e in story_list.entries if e.error)
        assert broken.name == "empty.txt"
        assert story_list.select_path(broken.path)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert any("empty.txt" in n.message for n in app._notifications)
        assert app.story is None


async def test_a_big_story_reopens_at_a_place_beyond_its_head(
    make_app: AppFactory, tmp_path: Path
) -> None:
    from fictui.formats import HEAD_BYTES

    text = long_story(chapters=40, paragraphs=60)
    assert len(text.encode()) > HEAD_BYTES
    stories = {"long-road.txt": text}
    app = make_app(stories)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_library(pilot, 1)
        await pilot.press("enter")
        await wait_for_story(pilot, "The Long Road North")
        target = app.story.address(38, 20)
        app.main.reader.go_to(target)
        await wait_until(pilot, lambda: app.main.reader.top_address == target)
        await pilot.pause(0.5)
        await pilot.press("q")
    again = make_app(stories)
    async with again.run_test(size=(120, 30)) as pilot:
        await wait_for_library(pilot, 1)
        await pilot.press("enter")
        await wait_for_story(pilot, "The Long Road North")
        await wait_until(pilot, lambda: again.main.reader.top_address == target)


async def test_mouse_click_selects_and_double_click_opens(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_library(pilot, 3)
        story_list = app.main.story_list
        await pilot.click("#story-list", offset=(5, 2))
        assert story_list.cursor == 1
        await pilot.click("#story-list", offset=(5, 3), times=2)
        await wait_for_story(pilot, "The Lantern Keeper")


def _blocked_data_dir(tmp_path: Path) -> Path:
    """A file where the data folder should be: every save fails until it is replaced."""
    blocked = tmp_path / "blocked-data"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    return blocked


async def _type_note_until_save_fails(pilot: Pilot[None], app: FictuiApp, note: str) -> None:
    await wait_for_library(pilot, 3)
    await pilot.press("enter")
    await wait_for_story(pilot)
    await pilot.press("ctrl+o", *note)
    await wait_until(pilot, lambda: any("save" in n.message for n in app._notifications), timeout=5)


async def test_a_failed_save_is_a_notification_and_notes_stay(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(data_dir=_blocked_data_dir(tmp_path))
    async with app.run_test(size=(160, 40)) as pilot:
        await _type_note_until_save_fails(pilot, app, "keep me")
        assert app.store.work(app.story.identity).notes == "keep me"
        assert all(not n.markup for n in app._notifications)


async def test_a_failed_save_is_retried_without_another_edit(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fictui.ui.app as app_module

    monkeypatch.setattr(app_module, "RETRY_SAVE_SECONDS", 0.2)
    blocked = _blocked_data_dir(tmp_path)
    app = make_app(data_dir=blocked)
    async with app.run_test(size=(160, 40)) as pilot:
        await _type_note_until_save_fails(pilot, app, "kept through the outage")
        # The disk comes back: the next retry saves with no further keystroke.
        blocked.unlink()
        blocked.mkdir()
        await wait_until(pilot, lambda: not app.store.dirty, timeout=5)
    saved = StateStore(blocked).works()
    assert [work.notes for work in saved.values()] == ["kept through the outage"]
