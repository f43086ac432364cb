"""The whole app over the hostile corpus: every story opened, scrolled to the end, notes shown.

Headless (``App.run_test``) for every file, driven by keys as a user would; and
once more in a real pseudo-terminal under a 1 GB memory limit with the bombs
left in, since a bomb opened in the test process itself could take the machine.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.message import Message

from fictui.config import Config
from fictui.state import StateStore
from fictui.text.sanitize import has_unsafe
from fictui.ui.app import FictuiApp
from fictui.ui.messages import LibraryRows
from tests.e2e.escape_check import describe, scan
from tests.e2e.pty_harness import PtyApp
from tests.e2e.test_e2e_terminals import folders_env
from tests.fuzz.test_fuzz_readers import story_strings
from tests.hostile.make_corpus import SECRET, build, remove

IN_PROCESS_SKIPS = ("yaml-bomb.md",)
"""Bombs kept out of the test process (they run in the pty test, under a memory limit)."""

OPEN_TIMEOUT = 5.0
"""Seconds one story may take to open (or to be refused) before it counts as a hang."""

TALLY: Counter[str] = Counter()
"""Counts for the summary line."""


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Path]:
    """The corpus as a library folder (without the in-process skips)."""
    root = tmp_path / "corpus"
    build(root)
    for name in IN_PROCESS_SKIPS:
        (root / name).unlink()
    yield root
    remove(root)


@pytest.fixture(scope="module", autouse=True)
def summary() -> Iterator[None]:
    """Print the counts (visible with ``pytest -s``)."""
    TALLY.clear()
    yield
    print(
        f"\nhostile app: stories={TALLY['stories']} opened={TALLY['opened']} "
        f"refused={TALLY['refused']} crashes={TALLY['crashes']} hangs={TALLY['hangs']} "
        f"escape-sequences-out={TALLY['escapes']}"
    )


def _crashes(app: FictuiApp) -> list[str]:
    # Workers run with exit_on_error=False: an exception in one becomes an error notification.
    return [n.message for n in app._notifications if " failed: " in n.message]


async def test_open_every_story_headless(library: Path, tmp_path: Path) -> None:
    """Open each listed file, jump to its end, toggle the notes panel: no crash, no hang."""
    app = FictuiApp(library, library=True, config=Config(), store=StateStore(tmp_path / "data"))
    scans: list[int] = []

    def watch(message: Message) -> None:
        if isinstance(message, LibraryRows) and message.kind == "scanned":
            scans.append(len(message.entries))

    async with app.run_test(size=(160, 48), message_hook=watch) as pilot:
        story_list = app.main.story_list
        deadline = time.monotonic() + 60
        while not scans:
            assert time.monotonic() < deadline, "the library scan never finished"
            await pilot.pause(0.1)
        await pilot.pause(0.3)
        assert len(story_list.entries) >= 40, [e.name for e in story_list.entries]
        panel = app.main.notes_panel
        hangs: list[str] = []
        for index in range(len(story_list.view)):
            # Choosing the row as Enter does (the key path itself is tested in tests/ui).
            story_list.cursor = index
            entry = story_list.current_entry
            assert entry is not None
            TALLY["stories"] += 1
            known = {id(note) for note in app._notifications}
            story_list.action_open()
            started = time.monotonic()
            while True:
                story = app.story
                if story is not None and app.open_path == entry.path and not story.partial:
                    TALLY["opened"] += 1
                    shown = [text for _, text in story_strings(story)]
                    assert not any(SECRET in text for text in shown), f"{entry.name}: XXE"
                    assert not any(has_unsafe(text) for text in shown), f"{entry.name}: unsafe"
                    break
                if any(id(note) not in known for note in app._notifications):
                    TALLY["refused"] += 1  # an unreadable file: its reason is shown
                    break
                if time.monotonic() - started > OPEN_TIMEOUT:
                    hangs.append(entry.name)
                    TALLY["hangs"] += 1
                    break
                await pilot.pause(0.02)
            app.main.reader.focus()
            await pilot.press("G")  # to the end: every line of the story is laid out
            app.main.action_toggle_notes()
            app.main.action_toggle_notes()
            await pilot.pause(0.02)
            if app.story is not None and app.open_path == entry.path:
                assert panel.story is app.story, (
                    f"{entry.name}: the notes panel shows another story"
                )
        crashes = _crashes(app)
        TALLY["crashes"] += len(crashes)
        assert not crashes, crashes
        assert not hangs, f"no story and no error after {OPEN_TIMEOUT}s: {hangs}"
        unsafe = [n.message for n in app._notifications if has_unsafe(str(n.message))]
        assert not unsafe, f"messages with control characters: {unsafe[:3]!r}"
        await pilot.press("q")


def test_whole_corpus_in_a_terminal(tmp_path: Path) -> None:
    """Bombs included, in a real terminal: the library lists, stays responsive and quits."""
    root = tmp_path / "corpus"
    build(root)
    try:
        with PtyApp([str(root)], env=folders_env(tmp_path), size=(200, 60)) as app:
            app.wait_for("zip-bomb.epub", timeout=30)
            bomb_rows = [line for line in app.text().splitlines() if "yaml-bomb" in line]
            app.send("/")
            app.send(*"Harbour", pause=0.03)
            app.wait_for("Harbour ", timeout=10)
            app.send("enter", "enter")
            app.wait_for("The lantern", timeout=10)
            app.send("G", "ctrl+n", "ctrl+n")
            app.pump(0.3)
            app.send("q")
            status = app.wait_exit(15)
            findings = scan(bytes(app.raw), "app")
    finally:
        remove(root)
    TALLY["escapes"] += len(findings)
    assert status == 0
    assert not findings, describe(findings)
    # Parsing that hit the memory limit shows as "the file is too large to read".
    assert bomb_rows and not any("too large to" in row for row in bomb_rows), bomb_rows


async def test_story_truncated_then_deleted_while_open(tmp_path: Path) -> None:
    """The open file shrinks mid-character, then vanishes: the reader copes, nothing crashes."""
    folder = tmp_path / "library"
    folder.mkdir()
    story = folder / "shrinking.txt"
    paragraph = "The ferry bell rang — twice, then once more — and the gulls lifted. "
    story.write_text("Title: Shrinking\n\n" + "\n\n".join([paragraph * 4] * 400))
    app = FictuiApp(folder, library=True, config=Config(), store=StateStore(tmp_path / "data"))
    async with app.run_test(size=(160, 48)) as pilot:
        story_list = app.main.story_list
        deadline = time.monotonic() + 30
        while not story_list.view:
            assert time.monotonic() < deadline, "the library never listed the story"
            await pilot.pause(0.1)
        story_list.cursor = 0
        story_list.action_open()
        while app.story is None or app.story.partial:
            assert time.monotonic() < deadline, "the story never opened"
            await pilot.pause(0.05)
        app.main.reader.focus()
        await pilot.press("G")
        # Cut inside the three-byte dash, as a download interrupted mid-write would.
        data = story.read_bytes()
        cut = data.index("—".encode(), len(data) // 2) + 1
        with open(story, "r+b") as handle:
            handle.truncate(cut)
        app.open_story(story, keep_position=True)
        await pilot.pause(1.0)
        await pilot.press("G", "g", "G")
        story.unlink()
        app.open_story(story, keep_position=True)
        await pilot.pause(1.0)
        await pilot.press("G", "g")
        crashes = _crashes(app)
        TALLY["crashes"] += len(crashes)
        assert not crashes, crashes
        assert app.story is not None, "the reader dropped the story it had"
        said = " ".join(str(note.message) for note in app._notifications)
        assert "shrinking.txt" in said, f"no word about the vanished file: {said!r}"
        await pilot.press("q")
