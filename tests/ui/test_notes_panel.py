"""The notes panel: about the story, the author's notes in order, passage notes, plain text only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import App, ComposeResult

from fictui.model import Address, Chapter, Note, NotePosition, Status, Story
from fictui.state.model import PassageNote, WorkState
from fictui.ui.messages import MyNotesEdited, PassageNoteJump
from fictui.ui.theme_vars import THEME_VARIABLE_DEFAULTS
from fictui.ui.widgets.notes_panel import NotesPanel, PassageNoteList
from fictui.ui.widgets.notes_text import about_story, author_notes


def sample_story() -> Story:
    return Story(
        title="Salt and Cinders",
        authors=["Odile Marr"],
        source="Archive of Our Own",
        url="https://archiveofourown.org/works/424242",
        summary="A baker and a dragon share an oven.",
        status=Status.IN_PROGRESS,
        published=date(2024, 3, 1),
        updated=date(2024, 6, 9),
        tags={"fandoms": ["Original Work"], "freeform": ["Slow Burn", "Baking"]},
        chapters=[Chapter("Dough"), Chapter("Proofing"), Chapter("Crust")],
        notes=[
            Note(NotePosition.FRONT, "Thanks for reading!", label="Notes"),
            Note(NotePosition.CHAPTER_FRONT, "This one is short.", chapter=0),
            Note(NotePosition.CHAPTER_END, "Recipe credit to my aunt.", chapter=1),
            Note(NotePosition.END, "Kudos welcome."),
        ],
        extras=["Posted on a site. Leave a review!"],
        format="html",
        encoding="utf-8",
        problems=["2 control characters replaced"],
        chapters_total=None,
        path=Path("/lib/salt.html"),
    )


def test_about_lists_everything_the_file_says() -> None:
    text = about_story(sample_story()).plain
    for expected in (
        "Salt and Cinders",
        "by Odile Marr",
        "A baker and a dragon share an oven.",
        "Fandoms: Original Work",
        "Freeform: Slow Burn, Baking",
        "Source: Archive of Our Own",
        "URL: https://archiveofourown.org/works/424242",
        "Published: 2024-03-01",
        "Updated: 2024-06-09",
        "Chapters: 3/?",
        "Status: in-progress",
        "Format: html (utf-8)",
        "2 control characters replaced",
    ):
        assert expected in text, expected
    assert text.index("Fandoms") < text.index("Freeform")


def test_author_notes_put_the_current_chapter_first_and_label_each() -> None:
    story = sample_story()
    text = author_notes(story, chapter=1).plain
    first = text.index("Recipe credit")
    assert first < text.index("Thanks for reading") < text.index("Kudos welcome")
    assert "Chapter 2 (Proofing), end (this chapter)" in text
    assert "Before the story · Notes" in text
    assert "Chapter 1 (Dough), start" in text
    assert "After the story" in text
    assert "Removed from the text (site footer)" in text and "Leave a review!" in text
    assert "no notes" in author_notes(Story(title="x")).plain


class PanelApp(App[None]):
    """A host for the panel alone."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[object] = []

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(THEME_VARIABLE_DEFAULTS)

    def compose(self) -> ComposeResult:
        yield NotesPanel(id="panel")

    def on_my_notes_edited(self, event: MyNotesEdited) -> None:
        self.seen.append(event)

    def on_passage_note_jump(self, event: PassageNoteJump) -> None:
        self.seen.append(event)


async def test_panel_shows_story_and_reports_edits_and_jumps() -> None:
    app = PanelApp()
    story = sample_story()
    address = Address(1, 0, "abcd1234")
    work = WorkState(
        identity=story.identity,
        notes="first thoughts",
        passage_notes=[PassageNote(id="n1", address=address, text="so good", quote="The oven")],
    )
    async with app.run_test(size=(60, 60)) as pilot:
        panel = app.query_one(NotesPanel)
        panel.show_story(story, work)
        await pilot.pause()
        editor = panel.query_one("#my-notes")
        assert editor.text == "first thoughts"  # type: ignore[attr-defined]
        listing = panel.query_one(PassageNoteList)
        assert listing.option_count == 1
        prompt = str(listing.get_option_at_index(0).prompt)
        assert "The oven" in prompt and "so good" in prompt
        editor.focus()
        await pilot.press("end", "!")
        await pilot.pause()
        edits = [e for e in app.seen if isinstance(e, MyNotesEdited)]
        assert edits and edits[-1].text == "first thoughts!"
        listing.focus()
        await pilot.press("enter")
        await pilot.pause()
        jumps = [e for e in app.seen if isinstance(e, PassageNoteJump)]
        assert jumps and jumps[0].address == address


async def test_panel_shows_markup_from_the_file_literally() -> None:
    app = PanelApp()
    story = sample_story()
    story.title = "[@click=app.quit]x[/]"
    story.summary = "[bold]not bold[/bold] and [/"
    story.tags = {"freeform": ["[red]tag[/red]"]}
    story.notes = [Note(NotePosition.FRONT, "[link=http://x]y[/link]", label="[b]")]
    work = WorkState(
        identity="w",
        notes="[i]mine[/i]",
        passage_notes=[PassageNote(id="n", address=Address(0, 0, ""), text="[/", quote="[b]q")],
    )
    async with app.run_test(size=(70, 60)) as pilot:
        panel = app.query_one(NotesPanel)
        panel.show_story(story, work)
        await pilot.pause()
        about = str(panel.query_one("#notes-about").render())
        assert "[@click=app.quit]x[/]" in about
        assert "[bold]not bold[/bold] and [/" in about and "[red]tag[/red]" in about
        notes = str(panel.query_one("#notes-author").render())
        assert "[link=http://x]y[/link]" in notes
        assert panel._border_title is not None
        assert panel._border_title.plain == "Notes · [@click=app.quit]x[/]"
        prompt = str(panel.query_one(PassageNoteList).get_option_at_index(0).prompt)
        assert "[b]q" in prompt and "[/" in prompt
        await pilot.click(NotesPanel, offset=(3, 1))
        await pilot.pause()
        assert app.is_running
