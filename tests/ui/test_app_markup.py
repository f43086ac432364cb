"""Markup in file data is shown literally everywhere: list rows, panel, border titles, notices."""

from __future__ import annotations

from .app_waits import wait_for_library, wait_for_story
from .conftest import AppFactory

HOSTILE_TITLE = "[@click=app.quit]x[/]"
"""A title that would quit the app if it were ever read as markup."""

HOSTILE_STORY = f"""\
Title: {HOSTILE_TITLE}
Author: [/

[bold]This should not be bold[/bold] and [@click=app.bell]nor a link[/].
"""


async def test_hostile_titles_names_and_notices_are_plain_text(make_app: AppFactory) -> None:
    stories = {
        "hostile.txt": HOSTILE_STORY,
        "[@click=app.quit]y[b].txt": "",
        "plain.txt": "Plain Story\nby Somebody\n\nQuiet words.\n",
    }
    app = make_app(stories)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_library(pilot, 3)
        story_list = app.main.story_list
        rows = [story_list.render_line(y).text for y in range(1, 4)]
        assert any(HOSTILE_TITLE in row and "[/" in row for row in rows)
        assert any("[@click=app.quit]y[b].txt" in row and "unreadable" in row for row in rows)
        # Opening the unreadable one gives a notification with its name, literally.
        broken = next(e for e in story_list.entries if e.error)
        story_list.select_path(broken.path)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert any("[@click=app.quit]y[b].txt" in n.message for n in app._notifications)
        assert all(not n.markup for n in app._notifications if "[@click" in n.message)
        # Opening the hostile story: the panel and its border title show it as typed.
        hostile = next(e for e in story_list.entries if e.title == HOSTILE_TITLE)
        story_list.select_path(hostile.path)
        story_list.focus()
        await pilot.press("enter")
        await wait_for_story(pilot, HOSTILE_TITLE)
        panel = app.main.notes_panel
        assert HOSTILE_TITLE in str(panel.query_one("#notes-about").render())
        assert panel._border_title is not None
        assert panel._border_title.plain.endswith(HOSTILE_TITLE)
        # Clicking everywhere along the first rows triggers nothing.
        for x in range(0, 160, 8):
            await pilot.click(offset=(x, 1))
            await pilot.click(offset=(x, 2))
        await pilot.pause()
        assert app.is_running and app.return_code is None
