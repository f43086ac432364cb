"""The story list on its own: virtual rows, columns by width, filtering, marks, unreadable rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from fictui.library.entry import Entry, error_entry
from fictui.library.query import UserFacts
from fictui.ui.messages import StoryChosen
from fictui.ui.theme_vars import THEME_VARIABLE_DEFAULTS
from fictui.ui.widgets import story_index
from fictui.ui.widgets import story_list as story_list_module
from fictui.ui.widgets.story_list import StoryList
from fictui.ui.widgets.story_marks import MARK_NEW, MARK_UPDATED
from fictui.ui.widgets.story_rows import fit_columns, human_words


def make_entries(count: int) -> list[Entry]:
    """Entries with distinct titles and two alternating authors."""
    return [
        Entry(
            path=Path(f"/lib/story{i:05d}.txt"),
            name=f"story{i:05d}.txt",
            title=f"Story {i:05d} of the {'Lantern' if i % 2 else 'Harbour'}",
            authors=["Wren Ashdown" if i % 3 else "Tamsin Vell"],
            words=1000 + i,
            chapters=3,
            status="in-progress" if i % 2 else "complete",
            identity=f"work:{i}",
        )
        for i in range(count)
    ]


class ListApp(App[None]):
    """A host for one story list."""

    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self.entries = entries
        self.chosen: list[StoryChosen] = []

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(THEME_VARIABLE_DEFAULTS)

    def compose(self) -> ComposeResult:
        yield StoryList(id="list")

    def on_mount(self) -> None:
        story_list = self.query_one(StoryList)
        story_list.set_entries(self.entries)
        story_list.focus()

    def on_story_chosen(self, event: StoryChosen) -> None:
        self.chosen.append(event)


def line_text(story_list: StoryList, y: int) -> str:
    return story_list.render_line(y).text


def test_columns_fit_80_and_grow_when_wide() -> None:
    narrow = [column.key for column, _ in fit_columns(78)]
    wide = [column.key for column, _ in fit_columns(158)]
    assert narrow[:3] == ["mark", "title", "authors"]
    assert {"words", "chapters", "status", "progress", "last_read"} <= set(narrow)
    assert "fandom" not in narrow and "rating" not in narrow
    assert {"fandom", "rating", "added"} <= set(wide)
    for width in (30, 58, 78, 158):
        cells = fit_columns(width)
        assert sum(w for _, w in cells) + len(cells) - 1 == width


def test_human_words() -> None:
    assert [human_words(n) for n in (850, 12_345, 250_000, 1_200_000)] == [
        "850",
        "12.3k",
        "250k",
        "1.2M",
    ]


async def test_only_visible_rows_are_rendered(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = story_list_module.row_segments

    def counting(entry: Entry, *args: object, **kwargs: object) -> object:
        calls.append(entry.title)
        return real(entry, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(story_list_module, "row_segments", counting)
    app = ListApp(make_entries(100_000))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        story_list = app.query_one(StoryList)
        assert len(story_list.view) == 100_000
        assert story_list.virtual_size.height == 100_001
        assert 0 < len(calls) <= 3 * 24
        assert len(app.query(StoryList)) == 1 and len(story_list.children) == 0


async def test_cursor_keys_scroll_and_enter_chooses() -> None:
    app = ListApp(make_entries(200))
    async with app.run_test(size=(80, 12)) as pilot:
        story_list = app.query_one(StoryList)
        await pilot.press("j", "j", "down")
        assert story_list.cursor == 3
        await pilot.press("pagedown")
        assert story_list.cursor > 3
        await pilot.press("end")
        assert story_list.cursor == 199
        assert story_list.scroll_offset.y > 0
        await pilot.press("home", "k")
        assert story_list.cursor == 0
        await pilot.press("G")
        assert story_list.cursor == 199
        await pilot.press("g")
        assert story_list.cursor == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen and app.chosen[0].path == story_list.entries[story_list.view[0]].path


async def test_filter_narrows_highlights_and_keeps_order() -> None:
    app = ListApp(make_entries(300))
    async with app.run_test(size=(100, 20)) as pilot:
        story_list = app.query_one(StoryList)
        story_list.filter("lantern")
        await pilot.pause()
        assert len(story_list.view) == 150
        titles = [story_list.entries[i].title for i in story_list.view]
        assert titles == sorted(titles)
        strip = story_list.render_line(1)
        assert "Lantern" in strip.text
        matched = [seg for seg in strip if seg.text == "Lantern"]
        assert matched and matched[0].style is not None and matched[0].style.underline
        story_list.filter("lantern author:tamsin")
        assert len(story_list.view) == 50
        story_list.filter("")
        assert len(story_list.view) == 300


async def test_no_match_says_so() -> None:
    app = ListApp(make_entries(5))
    async with app.run_test(size=(80, 10)) as pilot:
        story_list = app.query_one(StoryList)
        story_list.filter("zebra")
        await pilot.pause()
        assert story_list.view == []
        assert "No stories match" in line_text(story_list, 1)


async def test_unreadable_rows_show_the_reason_and_marks_show() -> None:
    entries = make_entries(3)
    entries.append(error_entry(Path("/lib/broken.txt"), "the file is empty", root=Path("/lib")))
    app = ListApp(entries)
    async with app.run_test(size=(100, 10)) as pilot:
        story_list = app.query_one(StoryList)
        story_list.mark(entries[0].path, "added")
        story_list.mark(entries[1].path, "changed", 2)
        story_list.update_facts("work:2", UserFacts(status="reading", progress=0.42))
        await pilot.pause()
        lines = [line_text(story_list, y) for y in range(1, 5)]
        broken = next(line for line in lines if "broken.txt" in line)
        assert broken.startswith("!") and "unreadable: the file is empty" in broken
        assert any(line.startswith(MARK_NEW) for line in lines)
        updated = next(line for line in lines if line.startswith(MARK_UPDATED))
        assert "2 new chapters" in updated
        assert any("42%" in line for line in lines)


async def test_sort_cycles_and_keeps_the_cursor_on_its_story() -> None:
    entries = make_entries(20)
    app = ListApp(entries)
    async with app.run_test(size=(100, 30)) as pilot:
        story_list = app.query_one(StoryList)
        await pilot.press("j", "j")
        chosen = story_list.current_entry
        await pilot.press("s")
        assert story_list.sort_key == "author"
        assert story_list.current_entry is chosen
        await pilot.press("s")
        assert story_list.sort_key == "words"
        words = [story_list.entries[i].words for i in story_list.view]
        assert words == sorted(words, reverse=True)


async def test_markup_in_titles_is_shown_literally() -> None:
    entries = make_entries(2)
    entries[0].title = "[@click=app.quit]x[/]"
    entries[0].refold()
    entries[1].title = "[/ and [b]bold?"
    app = ListApp(entries)
    async with app.run_test(size=(80, 10)) as pilot:
        story_list = app.query_one(StoryList)
        lines = [line_text(story_list, y) for y in (1, 2)]
        assert any("[@click=app.quit]x[/]" in line for line in lines)
        assert any("[/ and [b]bold?" in line for line in lines)
        await pilot.click(StoryList, offset=(5, 1))
        await pilot.click(StoryList, offset=(5, 2))
        await pilot.pause()
        assert app.is_running


async def test_without_colour_the_cursor_is_reverse_video(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ListApp(make_entries(5))
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        assert app.no_color
        strip = app.query_one(StoryList).render_line(1)
        styles = [segment.style for segment in strip if segment.text.strip()]
        assert styles and all(style is not None and style.reverse for style in styles)
        other = app.query_one(StoryList).render_line(2)
        assert not any(seg.style and seg.style.reverse for seg in other if seg.text.strip())


async def test_slow_filters_move_to_a_worker_and_stale_results_are_dropped() -> None:
    app = ListApp(make_entries(300))
    async with app.run_test(size=(100, 20)) as pilot:
        story_list = app.query_one(StoryList)
        story_list.last_filter_seconds = 1.0  # as if the last keystroke had been slow
        story_list.request_filter("zebra")
        story_list.request_filter("lantern")
        assert len(story_list.view) == 300  # nothing changed yet: the work is in a thread
        for _ in range(100):
            await pilot.pause(0.05)
            if len(story_list.view) == 150:
                break
        await pilot.pause(0.2)
        assert len(story_list.view) == 150
        assert story_list.filter_query.text == "lantern"
        assert story_list.last_filter_seconds < 1.0
        # Fast again: the next keystroke filters at once.
        story_list.request_filter("lantern author:tamsin")
        assert len(story_list.view) == 50


async def test_marks_keep_new_and_add_up_chapters_until_opened() -> None:
    entries = make_entries(3)
    app = ListApp(entries)
    async with app.run_test(size=(120, 10)) as pilot:
        story_list = app.query_one(StoryList)
        story_list.mark(entries[0].path, "added")
        story_list.mark(entries[0].path, "changed", 1)
        story_list.mark(entries[1].path, "changed", 1)
        story_list.mark(entries[1].path, "changed", 2)
        story_list.mark(entries[1].path, "changed", 0)
        await pilot.pause()
        assert story_list.marks[entries[0].path][0] == MARK_NEW
        assert story_list.marks[entries[1].path] == (MARK_UPDATED, "3 new chapters")
        story_list.clear_mark(entries[1].path)
        story_list.mark(entries[1].path, "changed", 1)
        assert story_list.marks[entries[1].path] == (MARK_UPDATED, "1 new chapter")


async def _index_built(pilot: object, story_list: StoryList) -> None:
    for _ in range(200):
        if story_list.filter_index is not None:
            return
        await pilot.pause(0.02)  # type: ignore[attr-defined]
    raise AssertionError("the filter index was never built")


async def test_a_large_list_filters_through_a_filter_index_built_in_a_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(story_index, "INDEX_MIN", 100)
    monkeypatch.setattr(story_index, "INDEX_LAG", 50)
    app = ListApp(make_entries(300))
    async with app.run_test(size=(100, 20)) as pilot:
        story_list = app.query_one(StoryList)
        await _index_built(pilot, story_list)
        index = story_list.filter_index
        assert index is not None and index.size == 300
        story_list.filter("lantern author:tamsin")
        assert len(story_list.view) == 50
        # A re-downloaded story replaces its entry: the index reads it afresh.
        first = story_list.entries[0]
        renamed = Entry(path=first.path, name=first.name, title="Zephyr Lantern", identity="w")
        story_list.add_entries([renamed])
        assert story_list.filter_index is index and index.stale == 1
        story_list.filter("zephyr")
        assert [story_list.entries[i].title for i in story_list.view] == ["Zephyr Lantern"]
        # New stories beyond the index are found too, and enough of them rebuild it.
        story_list.add_entries(
            [Entry(path=Path(f"/lib/new{n}.txt"), title=f"Zephyr {n}") for n in range(60)]
        )
        await pilot.pause(0.3)  # the list sorts a burst of new stories in shortly after
        story_list.filter("zephyr")
        assert len(story_list.view) == 61
        for _ in range(200):
            if story_list.filter_index is not index and story_list.filter_index is not None:
                break
            await pilot.pause(0.02)
        assert story_list.filter_index is not None and story_list.filter_index.size == 360
        # Files gone: positions move, so the index is dropped and built again.
        story_list.remove_paths([first.path])
        assert story_list.filter_index is None
        story_list.filter("zephyr")
        assert len(story_list.view) == 60
        await _index_built(pilot, story_list)
        assert story_list.filter_index.size == 359
        story_list.filter("zephyr")
        assert len(story_list.view) == 60
