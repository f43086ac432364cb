"""An inter-process lock on a stable side file (never on the file that gets replaced)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class LockTimeout(OSError):
    """Another fictui held the state lock for too long."""


class StateLock:
    """An exclusive lock shared by every fictui process using one data folder.

    The lock is ``flock`` on ``state.lock``, which is never renamed or deleted, so
    two processes can never hold locks on different files. The kernel drops it
    when its holder dies, even by SIGKILL. Re-entrant within one holder: a save
    run from a signal handler while a save is in progress reuses the hold.
    """

    def __init__(self, path: Path, timeout: float = 10.0) -> None:
        """Prepare the lock (nothing is opened until it is taken).

        Args:
            path: The side file to lock.
            timeout: Seconds to wait for another holder before giving up.
        """
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0
        self._fallback: object | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._depth > 0

    def acquire(self) -> None:
        """Take the lock, waiting up to the timeout.

        Raises:
            LockTimeout: When another process kept it longer than the timeout.
            OSError: When the lock file cannot be created or opened.
        """
        if self._depth:
            self._depth += 1
            return
        if fcntl is None:  # pragma: no cover - Windows
            self._acquire_fallback()
            self._depth = 1
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.timeout
        delay = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockTimeout(
                        f"another fictui has held {self.path.name} for {self.timeout:.0f}s"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.005)
            except OSError:
                os.close(fd)
                raise
        self._fd = fd
        self._depth = 1

    def _acquire_fallback(self) -> None:  # pragma: no cover - Windows
        from filelock import FileLock

        lock = FileLock(str(self.path), timeout=self.timeout)
        lock.acquire()
        self._fallback = lock

    def release(self) -> None:
        """Give the lock back (the outermost release really releases it)."""
        if not self._depth:
            return
        self._depth -= 1
        if self._depth:
            return
        if self._fallback is not None:  # pragma: no cover - Windows
            self._fallback.release()  # type: ignore[attr-defined]
            self._fallback = None
        if self._fd is not None:
            fd, self._fd = self._fd, None
            # Closing the descriptor drops the flock.
            os.close(fd)

    def __enter__(self) -> StateLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()
