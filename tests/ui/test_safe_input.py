"""What the reader types or pastes is sanitized like story text: no raw control is drawn."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult

from fictui.ui.widgets.safe_input import SafeInput, SafeTextArea

PASTE = "note \x1b]52;c;aGk=\x07 and \x9b2J and \u202eevil\r\nnext line"


class Fields(App[None]):
    def compose(self) -> ComposeResult:
        yield SafeInput(id="one-line")
        yield SafeTextArea(id="many-lines")


async def test_pasting_escapes_into_an_input_keeps_them_visible_but_harmless() -> None:
    app = Fields()
    async with app.run_test() as pilot:
        field = app.query_one("#one-line", SafeInput)
        field.focus()
        await pilot.pause()
        field.post_message(events.Paste(PASTE))
        await pilot.pause()
        assert "\x1b" not in field.value and "\x9b" not in field.value
        assert "\u202e" not in field.value and "\n" not in field.value
        assert "\u241b]52;c;aGk=" in field.value
        await pilot.press("x", "space", "y")
        assert field.value.endswith("x y")


async def test_pasting_escapes_into_a_text_area_keeps_lines_and_drops_controls() -> None:
    app = Fields()
    async with app.run_test() as pilot:
        area = app.query_one("#many-lines", SafeTextArea)
        area.focus()
        await pilot.pause()
        area.post_message(events.Paste(PASTE))
        await pilot.pause()
        assert "\x1b" not in area.text and "\x9b" not in area.text and "\u202e" not in area.text
        assert area.text.splitlines()[-1] == "next line"
        area.load_text("loaded \x1b[2J text")
        assert area.text == "loaded \u241b[2J text"
