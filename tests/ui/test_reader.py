"""Pilot tests of the reader pane: every key path, restore, resize and the realm view."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import OptionList

from fictui.model import (
    Address,
    Block,
    BlockKind,
    Chapter,
    Note,
    NotePosition,
    Span,
    Story,
    Style,
)
from fictui.ui.messages import (
    BookmarkSet,
    PassageNoteRequested,
    PositionChanged,
    ReaderSettingChanged,
)
from fictui.ui.screens.prompt import PromptScreen
from fictui.ui.screens.toc import TocScreen
from fictui.ui.theme_vars import THEME_VARIABLE_DEFAULTS
from fictui.ui.widgets.reader import Reader
from fictui.ui.widgets.reader_paint import PASSAGE_MARK, REALM_BAR
from fictui.ui.widgets.reader_pane import ReaderPane

WORDS = [
    "lantern",
    "river",
    "ferry",
    "bell",
    "dusk",
    "harbour",
    "rope",
    "salt",
    "gull",
    "oar",
    "tide",
    "lamp",
]


def paragraph_text(chapter: int, number: int) -> str:
    words = " ".join(WORDS[(chapter + number + k) % len(WORDS)] for k in range(8 + number % 9))
    return f"C{chapter}P{number} {words}."


def make_story(chapters: int = 4, paragraphs: int = 24, *, prefix: list[Chapter] | None = None):
    """Chapters of paragraphs; every fifth paragraph is wholly italic (the dream realm)."""
    body = list(prefix or [])
    for c in range(chapters):
        blocks = []
        for p in range(paragraphs):
            style = Style.ITALIC if p % 5 == 2 else Style.PLAIN
            blocks.append(Block(BlockKind.PARAGRAPH, [Span(paragraph_text(c, p), style)]))
        blocks.insert(10, Block(BlockKind.SCENE_BREAK))
        body.append(Chapter(f"Chapter {c + 1}: The Crossing", blocks))
    return Story(
        title="Lanterns on the Water",
        authors=["Tess Marlowe"],
        url="https://example.org/works/lanterns",
        chapters=body,
        notes=[Note(NotePosition.CHAPTER_FRONT, "Thank you for the kind words!", 0, "A/N")],
    )


class ReaderApp(App[None]):
    """A harness: one reader pane with fictui's theme variables."""

    def __init__(self, story: Story | None = None, **load: Any) -> None:
        super().__init__()
        self.story = story
        self.load_args = load
        self.messages: list[Message] = []

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return THEME_VARIABLE_DEFAULTS

    def compose(self) -> ComposeResult:
        yield ReaderPane()

    def on_mount(self) -> None:
        self.query_one(ReaderPane).search_input.cursor_blink = False
        reader = self.query_one("#reader", Reader)
        if self.story is not None:
            reader.load(self.story, **self.load_args)
        reader.focus()

    def record(self, message: Message) -> None:
        # The hook sees a bubbling message at every node it reaches: keep it once.
        if not any(seen is message for seen in self.messages):
            self.messages.append(message)

    def of_type(self, kind: type[Message]) -> list[Any]:
        return [m for m in self.messages if isinstance(m, kind)]


def run(app: ReaderApp, size: tuple[int, int] = (80, 24)) -> Any:
    return app.run_test(size=size, message_hook=app.record)


def reader_of(app: App[None]) -> Reader:
    return app.query_one("#reader", Reader)


def screen_text(reader: Reader) -> list[str]:
    height = reader.scrollable_content_region.height
    return ["".join(seg.text for seg in reader.render_line(y)) for y in range(height)]


def status(app: App[None]) -> str:
    return app.query_one(ReaderPane).status_line.plain


def top(reader: Reader) -> tuple[int, int]:
    address = reader.top_address
    assert address is not None
    return (address.chapter, address.paragraph)


async def test_scrolling_keys() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        reader = reader_of(app)
        height = reader.scrollable_content_region.height
        assert reader.scroll_y == 0
        await pilot.press("j", "j", "down")
        assert reader.scroll_y == 3
        await pilot.press("k", "up")
        assert reader.scroll_y == 1
        await pilot.press("space")
        assert reader.scroll_y == 1 + height - 1
        await pilot.press("b")
        assert reader.scroll_y == 1
        await pilot.press("pagedown", "pagedown", "pageup")
        assert reader.scroll_y == height
        await pilot.press("ctrl+d")
        assert reader.scroll_y == height + height // 2
        await pilot.press("ctrl+u")
        assert reader.scroll_y == height
        await pilot.press("G")
        assert reader.scroll_y == reader.max_scroll_y > 0
        assert reader.progress == 1.0
        assert top(reader)[0] == 3
        await pilot.press("g")
        assert reader.scroll_y == 0
        await pilot.press("end")
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("home")
        assert reader.scroll_y == 0 and top(reader) == (0, 0)


async def test_first_screen_shows_heading_text_and_realm_bar() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        await pilot.pause()
        lines = screen_text(reader_of(app))
        assert "Chapter 1: The Crossing" in lines[0]
        assert lines[0].strip() == "Chapter 1: The Crossing"  # centred heading
        assert any(line.lstrip().startswith("C0P0 lantern") for line in lines)
        italic = [line for line in lines if "C0P2" in line]
        assert italic and italic[0].lstrip().startswith(REALM_BAR)
        plain = [line for line in lines if "C0P1" in line]
        assert REALM_BAR not in plain[0]
        assert "Chapter 1: The Crossing" in status(app)
        assert "plain · " in status(app) and "% italic" in status(app)


async def test_italic_spans_and_realm_use_italic_styles() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        await pilot.pause()
        reader = reader_of(app)
        lines = screen_text(reader)
        row = next(y for y, line in enumerate(lines) if "C0P2" in line)
        segments = list(reader.render_line(row))
        text_segment = next(s for s in segments if "C0P2" in s.text)
        assert text_segment.style is not None and text_segment.style.italic
        bar = next(s for s in segments if s.text == REALM_BAR)
        assert bar.style is not None and bar.style.color is not None
        plain_row = next(y for y, line in enumerate(lines) if "C0P1" in line)
        plain_segment = next(s for s in reader.render_line(plain_row) if "C0P1" in s.text)
        assert plain_segment.style is not None and not plain_segment.style.italic


async def test_chapter_jumps() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        reader = reader_of(app)
        await pilot.press("right_square_bracket")
        assert top(reader) == (1, 0)
        assert "Chapter 2" in status(app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert top(reader) == (3, 0)
        await pilot.press("left_square_bracket")
        assert top(reader) == (2, 0)


async def test_contents_enter_jumps_and_escape_closes() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        reader = reader_of(app)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TocScreen)
        options = app.screen.query_one(OptionList)
        first = str(options.get_option_at_index(0).prompt)
        words = reader.story.chapters[0].words  # type: ignore[union-attr]
        assert "Chapter 1: The Crossing" in first and f"{words} words" in first
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, TocScreen)
        assert top(reader) == (2, 0)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("down", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, TocScreen)
        assert top(reader) == (2, 0)


async def test_percentage_with_digits_and_prompt() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        reader = reader_of(app)
        await pilot.press("6", "0")
        assert "60…" in status(app)
        await pilot.press("percent_sign")
        assert top(reader)[0] == 2  # within the third of four equal chapters
        assert 0.55 < reader.progress < 0.65
        assert "…" not in status(app)
        await pilot.press("percent_sign")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("3", "5", "enter")
        await pilot.pause()
        assert top(reader)[0] == 1
        assert 0.3 < reader.progress < 0.4


async def test_realm_switch_jumps() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        reader = reader_of(app)
        await pilot.press("right_parenthesis")
        assert top(reader) == (0, 2)  # the first italic paragraph
        assert "italic realm" in status(app)
        await pilot.press("right_parenthesis")
        assert top(reader) == (0, 3)  # back to the plain world
        await pilot.press("right_parenthesis")
        assert top(reader) == (0, 7)
        await pilot.press("left_parenthesis")
        assert top(reader) == (0, 3)


async def test_realm_filter_hides_paragraphs() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        reader = reader_of(app)
        await pilot.press("v")
        assert reader.realm_filter == "plain"
        text = "\n".join(screen_text(reader))
        assert "C0P1 " in text and "C0P3 " in text and "C0P2 " not in text
        await pilot.press("v")
        assert reader.realm_filter == "italic"
        text = "\n".join(screen_text(reader))
        assert "C0P2 " in text and "C0P7 " in text and "C0P1 " not in text
        assert "only italic" in status(app)
        await pilot.press("v")
        assert reader.realm_filter == "both"
        settings = app.of_type(ReaderSettingChanged)
        assert [(m.name, m.value) for m in settings] == [
            ("realm_filter", "plain"),
            ("realm_filter", "italic"),
            ("realm_filter", "both"),
        ]


async def test_search_counts_highlights_and_steps() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        reader = reader_of(app)
        pane = app.query_one(ReaderPane)
        await pilot.press("n")
        assert reader.scroll_y == 0  # n does nothing without a search
        await pilot.press("slash")
        assert pane.search_input.has_focus
        await pilot.press(*"c1p3", "enter")
        await pilot.pause()
        assert reader.has_focus and not pane.search_input.has_class("-open")
        assert "search 1/1" in status(app)
        assert top(reader)[0] == 1  # scrolled to the hit
        await pilot.press("slash")
        pane.search_input.value = ""
        await pilot.press(*"SALT", "enter")
        await pilot.pause()
        total = len(reader.found.hits)
        assert total > 10
        first = reader.found.current
        assert first is not None and first > 0  # the first hit from where we are
        assert reader.found.hits[first].item >= reader.top_item
        assert f"search {first + 1}/{total}" in status(app)
        await pilot.press("n", "n")
        assert f"search {first + 3}/{total}" in status(app)
        await pilot.press("N")
        assert f"search {first + 2}/{total}" in status(app)
        row = next(y for y, line in enumerate(screen_text(reader)) if "salt" in line)
        hit = next(s for s in reader.render_line(row) if s.text == "salt")
        assert hit.style is not None and hit.style.bgcolor is not None
        await pilot.press("escape")
        assert not reader.found and "search" not in status(app)


async def test_escape_closes_the_search_input() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        pane = app.query_one(ReaderPane)
        await pilot.press("slash", "x")
        assert pane.search_input.has_class("-open")
        await pilot.press("escape")
        assert not pane.search_input.has_class("-open")
        assert reader_of(app).has_focus


async def test_bookmarks_set_and_return() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        reader = reader_of(app)
        await pilot.press("right_square_bracket", "j", "j", "j")
        here = reader.top_address
        await pilot.press("m")
        assert "m…" in status(app)
        await pilot.press("q")
        sets = app.of_type(BookmarkSet)
        assert len(sets) == 1 and sets[0].letter == "q" and sets[0].address == here
        assert sets[0].identity == reader.story.identity  # type: ignore[union-attr]
        await pilot.press("g")
        assert reader.top_address != here
        await pilot.press("apostrophe", "q")
        assert reader.top_address == here
        await pilot.press("g", "apostrophe", "z")  # unknown letter: stays put
        assert top(reader) == (0, 0)


async def test_notes_inline_toggle() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        reader = reader_of(app)
        assert "Thank you for the kind words!" not in "\n".join(screen_text(reader))
        await pilot.press("i")
        lines = screen_text(reader)
        label = next(line for line in lines if "A/N" in line)
        note = next(line for line in lines if "Thank you" in line)
        assert "│" in label and "│" in note
        assert app.of_type(ReaderSettingChanged)[-1].name == "show_notes_inline"
        await pilot.press("i")
        assert "Thank you" not in "\n".join(screen_text(reader))


async def test_passage_note_request_and_marks() -> None:
    story = make_story()
    app = ReaderApp(story)
    async with run(app) as pilot:
        reader = reader_of(app)
        await pilot.press("j", "j")  # the heading scrolls away; C0P0 is at the top
        await pilot.press("a")
        requests = app.of_type(PassageNoteRequested)
        assert len(requests) == 1
        assert requests[0].address == story.address(0, 0)
        assert requests[0].quote.startswith("C0P0 lantern")
        reader.set_passage_marks([story.address(0, 1)])
        await pilot.pause()
        lines = screen_text(reader)
        marked = next(line for line in lines if "C0P1" in line)
        assert marked.lstrip().startswith(PASSAGE_MARK)
        assert PASSAGE_MARK not in next(line for line in lines if "C0P3" in line)


async def test_width_keys_and_narrow_terminal() -> None:
    app = ReaderApp(make_story())
    async with run(app, size=(60, 20)) as pilot:
        reader = reader_of(app)
        await pilot.pause()
        longest = max(len(line.rstrip()) for line in screen_text(reader))
        assert longest <= reader.scrollable_content_region.width
        assert reader._column < 60
        await pilot.press("minus")
        assert reader.reading_width == 68
        await pilot.press("minus", "minus", "minus", "minus", "minus")
        assert reader.reading_width == 48 and reader._column == 48
        assert max(len(line.strip()) for line in screen_text(reader)) <= 50
        await pilot.press("plus", "greater_than_sign")
        assert reader.reading_width == 56
        await pilot.press("J")
        assert reader.justify
        names = [m.name for m in app.of_type(ReaderSettingChanged)]
        assert names.count("reading_width") == 8 and names[-1] == "justify"


async def test_resize_keeps_the_top_paragraph() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        reader = reader_of(app)
        await pilot.press("right_square_bracket")
        await pilot.press(*["j"] * 20)
        before = top(reader)
        await pilot.resize_terminal(50, 24)
        await pilot.pause()
        assert top(reader) == before
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert top(reader) == before


async def test_position_restore_and_messages() -> None:
    story = make_story()
    app = ReaderApp(story, position=story.address(2, 5))
    async with run(app) as pilot:
        reader = reader_of(app)
        await pilot.pause(0.4)
        assert top(reader) == (2, 5)
        # Opening at a saved position never reports a position on the way there.
        assert {m.address for m in app.of_type(PositionChanged)} <= {story.address(2, 5)}
        await pilot.press("right_square_bracket")
        await pilot.pause(0.4)
        positions = app.of_type(PositionChanged)
        assert positions and positions[-1].address == story.address(3, 0)
        assert positions[-1].chapter == 3 and 0.7 < positions[-1].progress < 0.8


async def test_restore_after_a_chapter_was_added_at_the_front() -> None:
    old = make_story()
    saved = old.address(1, 7)
    prologue = Chapter("Prologue", [Block(BlockKind.PARAGRAPH, [Span("Before it all began.")])])
    new = make_story(prefix=[prologue])
    app = ReaderApp(new, position=saved)
    async with run(app) as pilot:
        await pilot.pause()
        assert top(reader_of(app)) == (2, 7)


async def test_partial_then_full_story_keeps_the_position() -> None:
    full = make_story()
    partial = make_story(chapters=2)
    partial.partial = True
    app = ReaderApp(partial)
    async with run(app) as pilot:
        reader = reader_of(app)
        await pilot.press("right_square_bracket", "j", "j", "j", "j")
        here = top(reader)
        await pilot.press("slash", *"c3p1 dusk", "enter")
        assert reader.found.query == "c3p1 dusk" and reader.found.hits == []
        await pilot.press("g", "right_square_bracket", "j", "j", "j", "j")
        reader.load(full)
        await pilot.pause()
        assert top(reader) == here
        assert len(reader.story.chapters) == 4  # type: ignore[union-attr]
        # The search runs again over the full story, which has the third chapter.
        assert len(reader.found.hits) == 1 and "search 1/1" in status(app)


async def test_position_sent_when_the_reader_goes_away() -> None:
    story = make_story()
    app = ReaderApp(story)
    async with run(app) as pilot:
        reader = reader_of(app)
        await pilot.press("right_square_bracket")
        await pilot.pause(0.4)
        await pilot.press("j", "j", "j", "j", "j", "j")  # within the throttle window
        last = reader.top_address
        await app.query_one(ReaderPane).remove()
        await pilot.pause()
        assert app.of_type(PositionChanged)[-1].address == last


async def test_big_story_wraps_in_background_and_keeps_the_top(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Reader, "SYNC_BLOCKS", 10)
    story = make_story(chapters=12, paragraphs=40)
    app = ReaderApp(story, position=story.address(6, 20))
    async with run(app) as pilot:
        reader = reader_of(app)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert top(reader) == (6, 20)
        assert all(reader._index.exact)  # type: ignore[union-attr]
        await pilot.press("slash", *"gull", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reader.found.hits and f"/{len(reader.found.hits)}" in status(app)
        hit = reader.found.current_hit
        assert hit is not None and hit.item >= reader.top_item
        await pilot.resize_terminal(50, 24)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reader.top_address is not None


async def test_no_color_keeps_realm_bar_and_reverse_hits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        reader = reader_of(app)
        assert app.no_color
        await pilot.press("slash", *"dusk", "enter")
        await pilot.pause()
        lines = screen_text(reader)
        assert any(line.lstrip().startswith(REALM_BAR) for line in lines)
        row = next(y for y, line in enumerate(lines) if "dusk" in line)
        hit = next(s for s in reader.render_line(row) if s.text == "dusk")
        assert hit.style is not None and hit.style.reverse


async def test_untrusted_text_is_not_markup() -> None:
    story = Story(
        title="[bold]x[/bold]",
        chapters=[
            Chapter("[red]Title[/red]", [Block(BlockKind.PARAGRAPH, [Span("[link=x]hi[/link]")])])
        ],
    )
    app = ReaderApp(story)
    async with run(app) as pilot:
        await pilot.pause()
        text = "\n".join(screen_text(reader_of(app)))
        assert "[red]Title[/red]" in text and "[link=x]hi[/link]" in text
        assert "[red]Title[/red]" in status(app)


async def test_theme_change_restyles() -> None:
    app = ReaderApp(make_story())
    async with run(app) as pilot:
        reader = reader_of(app)
        await pilot.pause()
        before = reader._get_styles().body
        app.theme = "textual-light"
        await pilot.pause()
        assert reader._get_styles().body.bgcolor != before.bgcolor


def test_address_round_trip_for_helpers() -> None:
    story = make_story()
    assert story.locate(Address(0, 3, story.address(0, 3).hash)) == (0, 3)
