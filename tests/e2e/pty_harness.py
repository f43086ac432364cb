"""Run the installed fictui in a real pseudo-terminal: send keys, resize, read bytes and screen.

The child gets its own session with the pty as its controlling terminal, so
resizing the pty (TIOCSWINSZ) delivers a real SIGWINCH, and closing works as it
would in a terminal emulator. Every byte fictui writes is kept in ``raw`` for
the escape check, and fed to a small screen model so tests can read what is shown.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from tests.e2e.vt_screen import Screen

FICTUI = Path(sys.executable).with_name("fictui")
"""The installed console script of the venv running the tests."""

# A session leader that makes the pty its controlling terminal, then becomes fictui
# (same pid), so signals and the controlling tty behave as under a real terminal.
# The address-space limit (argv[1], 0 for none) is set here too, before the exec.
_LAUNCH = (
    "import fcntl, os, resource, sys, termios; "
    "fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
    "limit = int(sys.argv[1]); "
    "limit and resource.setrlimit(resource.RLIMIT_AS, (limit, limit)); "
    "os.execv(sys.argv[2], sys.argv[2:])"
)

MEMORY_LIMIT = 1024 * 1024 * 1024
"""Default address-space limit: Textual's threads each reserve arenas, so it is not 512 MB."""

KEYS = {
    "enter": "\r",
    "escape": "\x1b",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "backspace": "\x7f",
    "ctrl+c": "\x03",
    "ctrl+q": "\x11",
    "ctrl+o": "\x0f",
    "ctrl+n": "\x0e",
    "ctrl+p": "\x10",
}
"""Named keys as an xterm-like terminal sends them."""


ESCAPE_PAUSE = 0.2
"""Seconds to wait after Escape: Textual waits 100 ms (ESCDELAY) for a sequence to follow."""


class PtyTimeout(AssertionError):
    """fictui did not show what was expected in time (the screen is in the message)."""


def _set_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


class PtyApp:
    """One fictui process in a pseudo-terminal."""

    def __init__(
        self,
        args: Sequence[str | bytes],
        *,
        env: Mapping[str, str],
        size: tuple[int, int] = (80, 24),
        term: str = "xterm-256color",
        no_color: bool = False,
        cwd: Path | None = None,
        program: Path = FICTUI,
        memory_limit: int = MEMORY_LIMIT,
    ) -> None:
        """Start fictui.

        Args:
            args: Arguments after ``fictui``.
            env: Extra environment (FICTUI_*_DIR and such), over a minimal base.
            size: Columns and rows.
            term: The TERM value.
            no_color: Set NO_COLOR=1.
            cwd: Working directory.
            program: The executable (the installed fictui unless a test says otherwise).
            memory_limit: RLIMIT_AS in bytes for the child (0: none).
        """
        self.columns, self.rows = size
        self.raw = bytearray()
        """Every byte fictui wrote to the terminal."""
        self.screen = Screen(self.columns, self.rows)
        master, slave = os.openpty()
        _set_size(slave, self.columns, self.rows)
        full_env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/root"),
            "LANG": "C.UTF-8",
            "TERM": term,
            # Few malloc arenas, so the address-space limit measures memory, not threads.
            "MALLOC_ARENA_MAX": "2",
            **env,
        }
        full_env.pop("NO_COLOR", None)
        full_env.pop("COLORTERM", None)
        if no_color:
            full_env["NO_COLOR"] = "1"
        self.process = subprocess.Popen(
            [sys.executable, "-c", _LAUNCH, str(memory_limit), str(program), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            cwd=cwd,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.closed = False

    @property
    def pid(self) -> int:
        """The fictui process id."""
        return self.process.pid

    def pump(self, seconds: float = 0.05) -> None:
        """Read whatever fictui writes for up to ``seconds``."""
        deadline = time.monotonic() + seconds
        while not self.closed:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.master], [], [], max(0.0, left))
            if not ready:
                if left <= 0:
                    return
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                self.closed = True
                return
            self.raw += chunk
            self.screen.feed(chunk)

    def text(self) -> str:
        """The screen as lines of text."""
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, needle: str, timeout: float = 10.0) -> None:
        """Read until ``needle`` is on screen.

        Raises:
            PtyTimeout: Not seen in time, or fictui exited first.
        """
        deadline = time.monotonic() + timeout
        while needle not in self.text():
            if self.closed or time.monotonic() > deadline:
                why = "exited" if self.closed else f"not shown within {timeout}s"
                raise PtyTimeout(f"{needle!r} {why}; screen:\n{self.text()}")
            self.pump(0.05)

    def wait_until(self, ready: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
        """Read until ``ready()`` is true.

        Raises:
            PtyTimeout: Not true in time, or fictui exited first.
        """
        deadline = time.monotonic() + timeout
        while not ready():
            if self.closed or time.monotonic() > deadline:
                raise PtyTimeout(f"{what}: not within {timeout}s; screen:\n{self.text()}")
            self.pump(0.05)

    def bottom_row(self) -> str:
        """The last row of the screen (fictui's footer when it has drawn the whole screen)."""
        return self.screen.display[self.rows - 1].strip()

    def settle(self, quiet: float = 0.3, timeout: float = 5.0) -> None:
        """Read until fictui has written nothing for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self.closed:
            before = len(self.raw)
            self.pump(quiet)
            if len(self.raw) == before:
                return

    def send(self, *keys: str, pause: float = 0.08) -> None:
        """Type keys: names from KEYS, or literal text."""
        for key in keys:
            os.write(self.master, KEYS.get(key, key).encode())
            # A lone ESC followed quickly by a key reads as alt+key: wait out ESCDELAY.
            self.pump(max(pause, ESCAPE_PAUSE) if key == "escape" else pause)

    def resize(self, columns: int, rows: int, wait: float = 0.1) -> None:
        """Resize the terminal (the kernel sends fictui SIGWINCH), then read for ``wait`` s.

        The emulated screen is cleared, so what shows afterwards was drawn after the resize.
        """
        self.columns, self.rows = columns, rows
        _set_size(self.master, columns, rows)
        self.screen.resize(rows, columns)
        self.screen.reset()
        self.pump(wait)

    def signal(self, signum: int) -> None:
        """Send a signal to fictui."""
        os.kill(self.pid, signum)

    def wait_exit(self, timeout: float = 10.0) -> int:
        """Read until fictui exits; returns its exit status (killing it after ``timeout``)."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            if time.monotonic() > deadline:
                self.kill()
                raise PtyTimeout(f"fictui did not exit within {timeout}s:\n{self.text()}")
            self.pump(0.05)
        self.pump(0.2)  # the rest of what it wrote on the way out
        return self.process.returncode

    def kill(self) -> None:
        """Stop fictui for good (used on failures)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(5)

    def close(self) -> None:
        """Kill if still running and release the pty."""
        self.kill()
        if self.master >= 0:
            os.close(self.master)
            self.master = -1

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
