"""A hang-up never loses a note: type into "My notes", send SIGHUP, find the note on restart.

This is the SSH-disconnect case: the terminal vanishes while the user is typing.
The real app runs in a pseudo-terminal on a one-story library; the note must be
in the state file right after the signal, and on screen when fictui opens again.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

from tests.e2e.escape_check import describe, scan
from tests.e2e.pty_harness import PtyApp
from tests.e2e.test_e2e_terminals import folders_env
from tests.hostile.make_corpus import PROSE

NOTE = "[b]Ferryman[/b] 7f3a"
"""The note typed: unique, markup that must stay literal, and too short to wrap."""

SIZE = (160, 48)
"""Wide enough for the notes panel to sit beside the reader."""


def _library(root: Path) -> Path:
    folder = root / "library"
    folder.mkdir()
    story = "Title: The Green Umbrella\nAuthor: Ada\n\n" + "\n\n".join(PROSE * 20) + "\n"
    (folder / "green-umbrella.txt").write_text(story)
    return folder


def _saved_text(data_dir: Path) -> str:
    return "".join(path.read_text() for path in data_dir.rglob("*.toml"))


def _open_story(app: PtyApp) -> None:
    app.wait_for("Green Umbrella", timeout=20)
    app.send("enter")
    app.wait_for(PROSE[0][:11], timeout=15)


def test_note_typed_before_sighup_is_saved(tmp_path: Path) -> None:
    """SIGHUP right after typing: the note is in state.toml and shows on restart."""
    library = _library(tmp_path)
    env = folders_env(tmp_path)
    # The longest autosave pause, so the note is still unsaved when the signal comes.
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text("autosave_delay_ms = 1000\n")
    data_dir = tmp_path / "data"
    with PtyApp([str(library)], env=env, size=SIZE) as app:
        _open_story(app)
        app.send("ctrl+o")
        app.wait_until(lambda: "Back to reading" in app.bottom_row(), "My notes focused")
        app.send(NOTE, pause=0.02)
        typed = time.monotonic()
        app.wait_for(NOTE, timeout=10)  # the editor holds it: the app has every key
        before = _saved_text(data_dir)
        quick = time.monotonic() - typed < 0.8
        app.signal(signal.SIGHUP)
        status = app.wait_exit(10)
        findings = scan(bytes(app.raw), "app")
    assert status in (0, 128 + signal.SIGHUP), f"exit status {status}"
    assert not findings, describe(findings)
    if quick:
        # Still inside the autosave pause: only the signal handler can have saved it.
        assert NOTE not in before, "saved before the signal: the test proves nothing"
    assert NOTE in _saved_text(data_dir), f"the note is in no state file under {data_dir}"

    with PtyApp([str(library)], env=env, size=SIZE) as again:
        _open_story(again)
        again.wait_for(NOTE, timeout=10)
        again.send("q")
        assert again.wait_exit(15) == 0
