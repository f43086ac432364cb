"""`fictui [PATH]`: what it opens, and a clear error before Textual starts for a bad path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fictui.commands.open import SAMPLE_HINT, resolve_target
from fictui.errors import FictuiError


def test_folder_file_and_default(tmp_path: Path) -> None:
    story = tmp_path / "one.txt"
    story.write_text("One\n\nText.\n", encoding="utf-8")
    assert resolve_target(str(tmp_path), None) == (tmp_path.resolve(), True, None)
    assert resolve_target(str(story), None) == (story.resolve(), False, None)
    assert resolve_target(None, tmp_path) == (tmp_path.resolve(), True, None)


def test_no_argument_and_no_config_opens_the_sample_library_with_a_hint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import fictui.locations

    samples = tmp_path / "samples"
    samples.mkdir()
    monkeypatch.setattr(fictui.locations, "sample_library", lambda: samples)
    target, library, hint = resolve_target(None, None)
    assert target == samples.resolve() and library
    assert hint == SAMPLE_HINT and "\n" not in hint and "config.toml" in hint


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FictuiError, match="no such file or folder"):
        resolve_target(str(tmp_path / "nowhere"), None)


def test_missing_path_exits_2_with_one_line_and_no_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from fictui.__main__ import main\n"
        "status = main([sys.argv[1]])\n"
        "assert 'textual.app' not in sys.modules, 'Textual was loaded'\n"
        "sys.exit(status)\n"
    )
    missing = tmp_path / "nowhere[/b]"
    done = subprocess.run(
        [sys.executable, "-c", code, str(missing)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no such file or folder" in lines[0]
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_one_story_never_loads_the_library_or_watcher(tmp_path: Path) -> None:
    story = tmp_path / "one.txt"
    story.write_text("One Story\nby Someone\n\nA few quiet words.\n", encoding="utf-8")
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from fictui.config import Config\n"
        "from fictui.state import StateStore\n"
        "from fictui.ui.app import FictuiApp\n"
        "async def main():\n"
        "    app = FictuiApp(Path(sys.argv[1]), library=False, config=Config(),\n"
        "                    store=StateStore(Path(sys.argv[2])))\n"
        "    async with app.run_test() as pilot:\n"
        "        for _ in range(300):\n"
        "            if app.story is not None and not app.story.partial:\n"
        "                break\n"
        "            await pilot.pause(0.05)\n"
        "        print('opened', app.story.title)\n"
        "asyncio.run(main())\n"
        "names = ('fictui.library', 'watchfiles', 'sqlite3')\n"
        "print('loaded', sorted(m for m in sys.modules if m.startswith(names)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(story), str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "opened One Story" in done.stdout
    assert "loaded []" in done.stdout


def _run_in_pty(
    args: list[str], rows: int = 30, cols: int = 100
) -> tuple[int, subprocess.Popen[bytes]]:
    import fcntl
    import os
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(os.environ, TERM="xterm-256color")
    process = subprocess.Popen(
        args, stdin=follower, stdout=follower, stderr=follower, env=env, start_new_session=True
    )
    os.close(follower)
    return leader, process


def _read_until(leader: int, marker: bytes, timeout: float) -> bytes:
    import os
    import select
    import time

    seen = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and marker not in seen:
        ready, _, _ = select.select([leader], [], [], 0.05)
        if ready:
            try:
                seen += os.read(leader, 65536)
            except OSError:
                break
    return seen


def test_sigterm_saves_notes_typed_just_before(
    tmp_path: Path, private_folders: dict[str, Path]
) -> None:
    import os
    import signal
    import time

    from fictui.state import StateStore

    story = tmp_path / "kettle.txt"
    story.write_text("Kettle Song\nby Wren Ashdown\n\nThe kettle sang.\n", encoding="utf-8")
    private_folders["config"].mkdir(parents=True)
    (private_folders["config"] / "config.toml").write_text("autosave_delay_ms = 1000\n")
    fictui = [sys.executable, "-m", "fictui", str(story)]
    leader, process = _run_in_pty(fictui)
    try:
        assert b"kettle sang" in _read_until(leader, b"kettle sang", 30)
        os.write(leader, b"\x0f")  # ctrl+o: my notes
        time.sleep(0.5)
        os.write(leader, b"saved by the signal")
        time.sleep(0.3)
        process.send_signal(signal.SIGTERM)
        # The terminal is still there: fictui leaves the alternate screen on its way out.
        tail = _read_until(leader, b"\x1b[?1049l", 10)
        status = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    assert status == 128 + signal.SIGTERM
    assert b"\x1b[?1049l" in tail
    works = StateStore(private_folders["data"]).works()
    assert [w.notes for w in works.values()] == ["saved by the signal"]
