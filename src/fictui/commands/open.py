"""`fictui [open] [PATH]`: open a library folder, or one story straight in the reader."""

from __future__ import annotations

import argparse
import os
import signal
import threading
from pathlib import Path

from fictui.errors import FictuiError
from fictui.text.sanitize import display_path

SAMPLE_HINT = (
    "This is fictui's sample library. Open your own with `fictui ~/stories`, "
    'or set library = "~/stories" in config.toml.'
)
"""The one-line hint shown when fictui opens its sample library."""


def resolve_target(path: str | None, library: Path | None) -> tuple[Path, bool, str | None]:
    """Choose what to open.

    Args:
        path: The PATH argument, if any.
        library: The config file's library folder, if any.

    Returns:
        The path, True when it is a library folder (False for one story), and a hint.

    Raises:
        FictuiError: The path does not exist or cannot be read.
    """
    hint = None
    if path is not None:
        chosen = Path(path).expanduser()
    elif library is not None:
        chosen = Path(library).expanduser()
    else:
        from fictui.locations import sample_library

        chosen, hint = sample_library(), SAMPLE_HINT
    shown = display_path(path if path is not None else chosen)
    if not chosen.exists():
        raise FictuiError(f"{shown}: no such file or folder")
    if chosen.is_dir():
        if not os.access(chosen, os.R_OK | os.X_OK):
            raise FictuiError(f"{shown}: permission denied")
        return chosen.resolve(), True, hint
    if not chosen.is_file():
        raise FictuiError(f"{shown}: not a file or folder")
    if not os.access(chosen, os.R_OK):
        raise FictuiError(f"{shown}: permission denied")
    return chosen.resolve(), False, hint


def run(args: argparse.Namespace) -> int:
    """Check the path, then run the app; returns the exit status.

    Raises:
        FictuiError: Before Textual starts, for a missing or unreadable path or a bad config.
    """
    from fictui.config import load_config

    config = load_config(Path(args.config).expanduser() if args.config else None)
    target, library, hint = resolve_target(args.path, config.library)

    from fictui.state import StateStore
    from fictui.state.signals import install_save_on_signals
    from fictui.ui.app import FictuiApp

    data_dir = Path(args.data_dir).expanduser() if args.data_dir else None
    store = StateStore(data_dir)

    app = FictuiApp(target, library=library, config=config, store=store, poll=args.poll, hint=hint)

    def save() -> None:
        store.save()

    def leave(signum: int) -> None:
        if signum != signal.SIGTERM:
            # SIGHUP: the terminal is gone, so there is nothing to restore.
            raise RuntimeError("exit at once")
        # SIGTERM with the terminal still there: leave cleanly, restoring it, but
        # never hang on the way out.
        deadline = threading.Timer(3.0, os._exit, args=(128 + signum,))
        deadline.daemon = True
        deadline.start()
        app.exit(return_code=128 + signum)

    install_save_on_signals(save, then=leave)
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or 0
