"""Snapshots of the main layouts: 80x24 and 160x48, dark and light, italic realm on screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fictui.config import Config
from fictui.state import StateStore
from tests.ui.app_waits import wait_for_library, wait_for_story
from tests.ui.conftest import DEFAULT_STORIES, quiet_app_class, stop_blinking, write_stories


def library_app(tmp_path: Path, theme: str) -> Any:
    library = tmp_path / "library"
    write_stories(library, DEFAULT_STORIES)
    config = Config(theme=theme, autosave_delay_ms=50)
    store = StateStore(tmp_path / "data")
    return quiet_app_class()(library, library=True, config=config, store=store)


async def open_lantern_keeper(pilot: Any) -> None:
    """Wait for the list, open the story with the italic passage, settle."""
    await wait_for_library(pilot, 3)
    await pilot.press("end", "enter")
    await wait_for_story(pilot, "The Lantern Keeper")
    pilot.app.clear_notifications()
    stop_blinking(pilot.app)
    await pilot.pause(0.3)


async def list_only(pilot: Any) -> None:
    """Wait for the list and the end of the scan."""
    await wait_for_library(pilot, 3)
    pilot.app.clear_notifications()
    stop_blinking(pilot.app)
    await pilot.pause(0.3)


@pytest.mark.parametrize("theme", ["fictui-dark", "fictui-light"])
def test_wide_three_panes(snap_compare: Any, tmp_path: Path, theme: str) -> None:
    app = library_app(tmp_path, theme)
    assert snap_compare(app, terminal_size=(160, 48), run_before=open_lantern_keeper)


@pytest.mark.parametrize("theme", ["fictui-dark", "fictui-light"])
def test_narrow_reader(snap_compare: Any, tmp_path: Path, theme: str) -> None:
    app = library_app(tmp_path, theme)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_lantern_keeper)


def test_narrow_list(snap_compare: Any, tmp_path: Path) -> None:
    app = library_app(tmp_path, "fictui-dark")
    assert snap_compare(app, terminal_size=(80, 24), run_before=list_only)
