"""Save on SIGTERM and SIGHUP (an SSH disconnect) before fictui exits, without the terminal.

By default SIGHUP and SIGTERM end the process before any cleanup runs, so the
last second of typing would be lost. The handler installed here calls the save
callback, then ends the process at once with ``os._exit``: after a hang-up the
terminal is gone, and restoring it (as a normal exit would) could block or fail.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable
from types import FrameType

SAVE_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""The signals that save and exit (SIGHUP does not exist on Windows)."""


def install_save_on_signals(
    callback: Callable[[], None], then: Callable[[int], None] | None = None
) -> None:
    """Make SIGTERM and SIGHUP call ``callback`` and then exit with status 128 + signal.

    The callback must not touch the terminal (the terminal may be gone). It runs
    on the main thread, between two Python instructions; a save already in
    progress on that thread is re-entered safely by StateStore.save, and a save
    in progress on another thread is waited for. Further signals are ignored
    while it runs, so it runs once.

    Args:
        callback: Saves everything (for instance ``store.save``).
        then: Called with the signal number after the save, instead of exiting at
            once; for instance to leave cleanly (restoring the terminal) after a
            SIGTERM while the terminal is still there. It must not block; if it
            raises, the process exits at once.

    Raises:
        RuntimeError: When called from a thread other than the main thread
            (Python lets only the main thread install signal handlers).
    """
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("install_save_on_signals must be called from the main thread")

    def handler(signum: int, frame: FrameType | None) -> None:
        for number in SAVE_SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        # Whatever the save does, exiting is all that is left to do.
        with contextlib.suppress(BaseException):
            callback()
        if then is not None:
            try:
                then(signum)
                return
            except BaseException:  # noqa: BLE001, S110 - fall back to exiting at once
                pass
        os._exit(128 + signum)

    for number in SAVE_SIGNALS:
        signal.signal(number, handler)
