"""Atomic file replacement: temp file in the same folder, fsync, rename, fsync the folder.

A crash at any instant leaves either the old file or the new one, never a mix.
Every system call goes through ``ops`` so tests can inject ENOSPC, EIO or EACCES
at the write, the fsync or the rename.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

TEMP_MARK = ".tmp-"
"""Part of every temporary file name: ``.<name>.tmp-<pid>-<random>``."""


def full_fsync(fd: int) -> None:
    """Flush a file to the disk itself: F_FULLFSYNC where plain fsync stops at the
    drive's cache (macOS), else os.fsync."""
    full = getattr(fcntl, "F_FULLFSYNC", None) if fcntl is not None else None
    if full is not None:
        try:
            fcntl.fcntl(fd, full)
            return
        except OSError:
            pass  # Not supported by this file system: fsync is the best there is.
    os.fsync(fd)


@dataclass(slots=True)
class FileOps:
    """The system calls an atomic write makes (a seam for fault injection)."""

    open: Callable[..., int] = os.open
    """os.open."""
    write: Callable[[int, bytes | memoryview], int] = os.write
    """os.write."""
    fsync: Callable[[int], None] = full_fsync
    """full_fsync (os.fsync, or F_FULLFSYNC on macOS)."""
    close: Callable[[int], None] = os.close
    """os.close."""
    replace: Callable[[str | Path, str | Path], None] = os.replace
    """os.replace."""
    unlink: Callable[[str | Path], None] = os.unlink
    """os.unlink."""


ops = FileOps()
"""The system calls in use; tests swap single attributes to inject faults."""


def temp_name(path: Path) -> Path:
    """A fresh temporary name beside ``path`` (same folder, so the rename is atomic)."""
    return path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = ops.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EISDIR, errno.ENOTSUP):
            return
        raise
    try:
        ops.fsync(fd)
    except OSError as error:
        # Some file systems refuse fsync on a folder; the rename itself is done.
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        ops.close(fd)


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new bytes only.

    Args:
        path: The file to replace (its folder must exist).
        data: The complete new content.
        mode: Permission bits for a new file (the old file's bits are kept).

    Raises:
        OSError: When any step fails; the old file is then untouched and no
            temporary file is left behind (as far as the disk allows).
    """
    with contextlib.suppress(OSError):
        mode = os.stat(path).st_mode & 0o777
    temp = temp_name(path)
    fd = ops.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        try:
            view = memoryview(data)
            while view:
                written = ops.write(fd, view)
                if written <= 0:  # pragma: no cover - os.write raises instead
                    raise OSError(errno.EIO, "short write")
                view = view[written:]
            ops.fsync(fd)
        finally:
            ops.close(fd)
        ops.replace(temp, path)
    except BaseException:
        _discard(temp)
        raise
    fsync_dir(path.parent)


def _discard(temp: Path) -> None:
    with contextlib.suppress(OSError):
        ops.unlink(temp)


def clean_temp_files(folder: Path, stem: str) -> list[Path]:
    """Remove temporary files that crashed saves of ``folder/<stem>...`` left behind.

    Call it only while holding the state lock, so no live save loses its file.

    Args:
        folder: The folder to clean.
        stem: The start of the saved files' names ("state" matches the
            temporary files of state.toml, state.1.toml and so on).

    Returns:
        The files removed.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(f".{stem}") and TEMP_MARK in entry.name:
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed
