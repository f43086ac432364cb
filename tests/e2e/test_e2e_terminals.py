"""The installed fictui in a real pseudo-terminal, over hostile stories, in many terminals.

Each run opens a library, filters it, opens a story, scrolls to the end, moves to
the notes panel, opens help, resizes the terminal repeatedly and quits; then
every byte fictui wrote is checked: only the escape sequences Textual itself
writes may appear (so no title, clipboard, link or query sequence ever leaves).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.escape_check import describe, scan
from tests.e2e.pty_harness import PtyApp
from tests.hostile.make_corpus import ALL_ESCAPES, MARKERS, MARKUP, PROSE, contents

TERMS = ("xterm-256color", "screen-256color", "tmux-256color", "screen", "vt100")
"""The TERM values every run is repeated under."""

SIZES = ((60, 20), (200, 60))
"""Columns and rows: a narrow terminal (panes stack) and a wide one."""

LIBRARY_FILES = (
    b"escapes.txt",
    b"front-matter.md",
    b"entities.html",
    b"c1-metadata.epub",
    b"markup.txt",
    b"wide.txt",
    b"combining.txt",
    b"\x1b]0;PWNED\x07title.txt",
    b"[@click=app.quit]x.txt",
    b"\xe2\x80\xaetxt.exe.txt",
)
"""Hostile stories of every format, and hostile names, for the library."""

GREYS = {16, 231, *range(232, 256)}
"""The 256-colour palette's black, white and grey ramp: all NO_COLOR may use."""

TALLY: Counter[str] = Counter()
"""Counts for the summary line."""


def make_library(folder: Path) -> Path:
    """Write the hostile stories into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    data = contents()
    for name in LIBRARY_FILES:
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write(data[name])
    return folder


def folders_env(root: Path) -> dict[str, str]:
    """FICTUI_*_DIR pointing into ``root``, so a run never touches the real home."""
    return {
        "FICTUI_CONFIG_DIR": str(root / "config"),
        "FICTUI_DATA_DIR": str(root / "data"),
        "FICTUI_CACHE_DIR": str(root / "cache"),
    }


def walk_the_app(app: PtyApp, size: tuple[int, int]) -> None:
    """The scenario of every run: list, filter, open, end, notes, help, palette, resizes, quit."""
    app.wait_for("Harbour", timeout=20)
    app.send("/")
    app.wait_until(lambda: "Back to list" in app.bottom_row(), "filter focused")
    app.send(*"Harbour", pause=0.03)
    app.send("enter")
    app.wait_until(lambda: "Open" in app.bottom_row(), "list focused")  # the footer says so
    app.send("enter")
    app.wait_for(PROSE[0][:11], timeout=15)  # "The lantern"
    app.send("G")
    app.wait_for(PROSE[2][:7], timeout=10)  # "By noon"
    app.send("end", "tab", "tab")
    app.pump(0.2)
    app.send("escape")
    app.send("?")
    app.wait_for("Esc closes", timeout=10)  # the help screen's own border title
    app.send("escape")
    app.wait_until(lambda: "Esc closes" not in app.text(), "help closed")
    # The command palette lists story titles: markup in them must show as typed.
    app.send("ctrl+p")
    app.send(*"click", pause=0.03)
    app.wait_for("[@click=app.quit]x", timeout=10)
    app.send("escape")
    for columns, rows in ((100, 30), (60, 20), (200, 60), (61, 21), (120, 40)):
        app.resize(columns, rows)
        # SIGWINCH reached fictui when it redraws the footer on the new last row.
        app.wait_until(lambda: "palette" in app.bottom_row(), f"redraw at {columns}x{rows}")
    app.resize(*size)
    app.pump(0.25)
    app.send("escape", "escape")
    app.send("q")


def check_output(app: PtyApp, status: int) -> None:
    """The raw-output invariant and a clean exit."""
    raw = bytes(app.raw)
    findings = scan(raw, "app")
    TALLY["runs"] += 1
    TALLY["escapes"] += len(findings)
    TALLY["crashes"] += int(status != 0 or b"Traceback" in raw)
    assert b"Traceback" not in raw, app.text()
    assert status == 0, f"exit status {status}:\n{app.text()}"
    assert not findings, f"escape sequences fictui did not choose:\n{describe(findings)}"
    assert not [f for f in findings if f.carries_payload]
    # Textual leaves the alternate screen and shows the cursor again on the way out.
    tail = raw[-400:]
    assert b"\x1b[?1049l" in tail and b"\x1b[?25h" in tail, tail


@pytest.fixture(scope="module", autouse=True)
def summary() -> Iterator[None]:
    """Print the counts (visible with ``pytest -s``)."""
    TALLY.clear()
    yield
    print(
        f"\ne2e terminals: runs={TALLY['runs']} terminals={len(TERMS)} "
        f"files={len(LIBRARY_FILES)} crashes={TALLY['crashes']} "
        f"escape-sequences-out={TALLY['escapes']} (markers watched: {', '.join(MARKERS)})"
    )


def run_once(tmp_path: Path, term: str, no_color: bool, size: tuple[int, int]) -> PtyApp:
    """Run the whole scenario once and check its output; returns the finished app."""
    library = make_library(tmp_path / "library")
    with PtyApp(
        [str(library)], env=folders_env(tmp_path), size=size, term=term, no_color=no_color
    ) as app:
        try:
            walk_the_app(app, size)
            status = app.wait_exit(15)
        except BaseException:
            TALLY["runs"] += 1
            TALLY["crashes"] += 1
            raise
        check_output(app, status)
    return app


def test_default_terminal(tmp_path: Path) -> None:
    """The everyday case: xterm-256color, colour, 80x24."""
    run_once(tmp_path, "xterm-256color", False, (80, 24))


@pytest.mark.slow
@pytest.mark.e2e
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("term", TERMS)
def test_terminal_matrix(tmp_path: Path, term: str, no_color: bool, size: tuple[int, int]) -> None:
    """Every TERM, with and without NO_COLOR, narrow and wide: 20 runs."""
    app = run_once(tmp_path, term, no_color, size)
    if no_color:
        # NO_COLOR: Textual draws in greys only (black, white and the 24-step grey ramp).
        text = bytes(app.raw).decode("utf-8", "replace")
        assert "38;2;" not in text and "48;2;" not in text, "true colour despite NO_COLOR"
        indices = {int(n) for n in re.findall(r"[34]8;5;([0-9]+)", text)}
        assert indices <= GREYS, f"colours despite NO_COLOR: {sorted(indices - GREYS)}"


def test_checker_sees_a_leak() -> None:
    """The invariant can fail: a payload written raw is found and flagged as carrying one."""
    leaked = b"\x1b[?1049h\x1b[1;1Hhello" + contents()[b"escapes.txt"][:400] + b"\x1b[?1049l"
    findings = scan(leaked, "app")
    assert findings and any(f.carries_payload for f in findings)
    assert not scan(b"\x1b[?1049h\x1b[1;1H\x1b[38;2;1;2;3mhi\x1b[0m\x1b]22;default\x07", "app")


def test_pasted_escapes_never_reach_the_terminal(tmp_path: Path) -> None:
    """A clipboard full of escape sequences pasted into the filter and into "My notes"."""
    library = make_library(tmp_path / "library")
    paste = "\x1b[200~" + ALL_ESCAPES + MARKUP + "\x1b[201~"
    with PtyApp([str(library)], env=folders_env(tmp_path), size=(160, 48)) as app:
        app.wait_for("Harbour", timeout=20)
        app.send("/", paste)
        app.pump(0.5)
        app.send("escape")
        app.send("enter")
        app.wait_for(PROSE[0][:11], timeout=15)
        app.send("ctrl+o")
        app.wait_until(lambda: "Back to reading" in app.bottom_row(), "My notes focused")
        app.send(paste, "\r", "typed after")
        app.wait_for("typed after", timeout=10)
        app.send("escape")
        app.send("q")
        status = app.wait_exit(15)
    check_output(app, status)


def test_one_story_with_a_hostile_name(tmp_path: Path) -> None:
    """`fictui FILE` straight into the reader, the file named with ESC, RLO and invalid UTF-8."""
    folder = make_library(tmp_path / "library")
    name = os.path.join(os.fsencode(folder), b"\x1b]2;PWNED\x07\xe2\x80\xae\xff[b]x.txt")
    with open(name, "wb") as handle:
        handle.write(contents()[b"escapes.txt"])
    with PtyApp([name], env=folders_env(tmp_path), size=(120, 40)) as app:
        app.wait_for(PROSE[0][:11], timeout=20)
        app.send("G", "ctrl+n", "ctrl+n", "?")
        app.wait_for("Esc closes", timeout=10)
        app.send("escape")
        app.wait_until(lambda: "Esc closes" not in app.text(), "help closed")
        app.send("q")
        status = app.wait_exit(15)
    check_output(app, status)


def _border_columns(app: PtyApp, row: int) -> list[int]:
    cells = app.screen.grid[row]
    return [x for x in range(app.columns) if cells[x] in ("▕", "▏")]


@pytest.mark.parametrize("story", ["wide", "combining"])
def test_wide_and_combining_text_keep_the_borders(tmp_path: Path, story: str) -> None:
    """CJK, emoji and 40 stacked combining marks: the reader's borders stay in their columns."""
    folder = tmp_path / "library"
    folder.mkdir()
    for name in (b"wide.txt", b"combining.txt"):
        (folder / name.decode()).write_bytes(contents()[name])
    with PtyApp([str(folder / f"{story}.txt")], env=folders_env(tmp_path), size=(160, 40)) as app:
        app.wait_for(PROSE[2][:7], timeout=20)
        app.pump(0.3)
        expected = _border_columns(app, 2)
        assert expected, f"no pane border on row 2:\n{app.text()}"
        broken = {
            row: _border_columns(app, row)
            for row in range(1, app.rows - 1)
            if _border_columns(app, row) != expected
        }
        app.send("q")
        status = app.wait_exit(15)
    assert not broken, f"borders moved (expected columns {expected}): {broken}\n{app.text()}"
    check_output(app, status)


def test_hostile_file_arriving_while_open(tmp_path: Path) -> None:
    """A download lands in the watched library mid-session: listed safely, then removed."""
    library = make_library(tmp_path / "library")
    late = os.path.join(os.fsencode(library), b"\x1b]0;PWNED\x07late[b].txt")
    with PtyApp([str(library)], env=folders_env(tmp_path), size=(160, 40)) as app:
        app.wait_for("Harbour", timeout=20)
        with open(late, "wb") as handle:
            handle.write(b"Title: Late Arrival \x1b]52;c;aGk=\x07\n\n" + PROSE[0].encode() + b"\n")
        app.wait_for("Late Arrival", timeout=20)
        os.unlink(late)
        app.wait_until(lambda: "Late Arrival" not in app.text(), "the removed story leaves", 20)
        app.send("q")
        status = app.wait_exit(15)
    check_output(app, status)


def test_resize_storm(tmp_path: Path) -> None:
    """Forty resizes as fast as a window manager can send them, mid-story: one clean redraw."""
    library = make_library(tmp_path / "library")
    with PtyApp([str(library)], env=folders_env(tmp_path), size=(120, 40)) as app:
        app.wait_for("Harbour", timeout=20)
        app.send("enter")
        app.wait_for(PROSE[0][:11], timeout=15)
        for step in range(40):
            app.resize(40 + (step * 37) % 180, 10 + (step * 13) % 55, wait=0.005)
        app.resize(100, 30)
        app.wait_until(lambda: "palette" in app.bottom_row(), "redraw at 100x30", 15)
        app.send("G")
        app.wait_for(PROSE[2][:7], timeout=10)
        app.send("q")
        status = app.wait_exit(15)
    check_output(app, status)
