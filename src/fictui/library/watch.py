"""Watching a library folder with watchfiles and turning file events into LibraryChange batches."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fictui import locations
from fictui.library.entry import Entry
from fictui.library.index import LibraryIndex
from fictui.library.scan import is_ignored_name, is_story_name

SETTLE_SECONDS = 0.5
"""A file is read once it has not changed for this long (downloads arrive in chunks)."""

TICK_SECONDS = 0.25
"""How often the monitor wakes to look at files still settling and at the folder itself."""

POLL_DELAY_MS = 500
"""Between two looks at every file when polling: slow enough for a big library on a
network share, quick enough that a new story shows within two seconds."""

BATCH_SIZE = 100
"""At most this many changes per on_changes call (a burst of files fills in gradually)."""

NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb3",
        "smbfs",
        "9p",
        "afs",
        "ncpfs",
        "ceph",
        "glusterfs",
        "davfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.gcsfuse",
    }
)
"""File systems whose changes made elsewhere never reach inotify: watched by polling."""


@dataclass(slots=True)
class LibraryChange:
    """One change to the library, already read from disk."""

    kind: Literal["added", "changed", "removed"]
    """What happened to the file."""
    path: Path
    """The file."""
    entry: Entry | None = None
    """The file's new entry (None for a removed file)."""
    new_chapters: int = 0
    """Chapters an unfinished work gained since the index last saw it."""
    previous: Entry | None = None
    """The row the index had before (for changed and removed files)."""
    moved_from: Path | None = None
    """For an added file that is a removed one renamed or moved: where it was."""


def network_filesystem(path: Path, mounts_file: str = "/proc/self/mounts") -> str | None:
    """The network file system type a folder is on, or None (read from the mount table)."""
    try:
        with open(mounts_file, encoding="utf-8", errors="replace") as mounts:
            lines = mounts.read().splitlines()
    except OSError:
        return None
    target = os.path.realpath(path)
    best, best_type = "", ""
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, best_type = point, fields[2]
    return best_type if best_type in NETWORK_FILESYSTEMS else None


class _Monitor:
    """The state of one monitor_library run."""

    def __init__(
        self,
        index: LibraryIndex,
        on_changes: Callable[[list[LibraryChange]], None],
        stop: threading.Event,
        settle: float,
    ) -> None:
        self.index = index
        self.root = str(index.root)
        self.on_changes = on_changes
        self.stop = stop
        self.settle = settle
        self.pending: dict[str, tuple[float, tuple[int, float] | None]] = {}
        self.removed: dict[str, float] = {}
        own = (locations.cache_dir(), locations.data_dir(), locations.config_dir())
        self.own = tuple(os.path.abspath(folder) + os.sep for folder in own)

    def wanted(self, change: object, path: str) -> bool:
        """The watch filter: nothing hidden, temporary, fictui's own, or plainly not a story."""
        if (path + os.sep).startswith(self.own):
            return False
        relative = os.path.relpath(path, self.root)
        if relative.startswith(os.pardir) or relative == os.curdir:
            return False
        if any(is_ignored_name(part) for part in relative.split(os.sep)):
            return False
        if is_story_name(os.path.basename(path)):
            return True
        # A folder moved in or out carries stories; other files never matter.
        return os.path.isdir(path) or not os.path.exists(path)

    def note(self, raw: Iterable[tuple[object, str]]) -> None:
        """Record raw events: removals at once, the rest to settle."""
        now = time.monotonic()
        for change, path in raw:
            if getattr(change, "name", "") == "deleted" and not os.path.lexists(path):
                self.removed.setdefault(path, now)
                self.pending.pop(path, None)
            else:
                self.removed.pop(path, None)
                self.pending[path] = (now, _stamp(path))

    def settled(self) -> list[str]:
        """Pending paths that have settled: unchanged for a moment, or old already (moved in)."""
        now = time.monotonic()
        wall = time.time()
        ready: list[str] = []
        for path, (since, stamp) in list(self.pending.items()):
            current = _stamp(path)
            if current != stamp:
                self.pending[path] = (now, current)  # still being written
                continue
            old_already = current is not None and wall - current[1] >= self.settle
            if now - since >= self.settle or old_already:
                ready.append(path)
        return ready

    def flush(self) -> None:
        """Read what is ready and report it, in batches."""
        ready = self.settled()
        now = time.monotonic()
        # A rename is a removal plus an addition: while additions settle, hold removals
        # and additions alike (not for long), so both reach the list in one batch and
        # the work keeps its identity.
        if (
            self.removed
            and len(ready) < len(self.pending)
            and all(now - since < 2 * self.settle for since in self.removed.values())
        ):
            return
        for path in ready:
            del self.pending[path]
        paths = sorted(self.removed) + ready
        self.removed.clear()
        for start in range(0, len(paths), BATCH_SIZE):
            if self.stop.is_set():
                return
            changes = self.changes(Path(p) for p in paths[start : start + BATCH_SIZE])
            self.report(changes)

    def changes(self, paths: Iterable[Path]) -> list[LibraryChange]:
        """Re-read paths through the index and describe what changed."""
        changed, gone = self.index.refresh(paths)
        result = [LibraryChange("removed", row.path, previous=row) for row in gone]
        moved = {row.identity: row.path for row in gone if row.error is None}
        self.index.carry_over(gone, [entry for entry, old in changed if old is None])
        for entry, old in changed:
            if old is None:
                result.append(
                    LibraryChange("added", entry.path, entry, moved_from=moved.get(entry.identity))
                )
                continue
            gained = entry.chapters - old.chapters if old.status != "complete" else 0
            result.append(LibraryChange("changed", entry.path, entry, max(gained, 0), previous=old))
        return result

    def resync(self) -> None:
        """Compare the whole folder with the index (after it came back, say)."""
        self.flush_paths([Path(self.root)])

    def flush_paths(self, paths: list[Path]) -> None:
        """Re-read paths now and report what changed."""
        self.report(self.changes(paths))

    def report(self, changes: list[LibraryChange]) -> None:
        """Hand changes to the UI in batches (a folder moved in may bring thousands)."""
        for start in range(0, len(changes), BATCH_SIZE):
            self.on_changes(changes[start : start + BATCH_SIZE])


def _stamp(path: str) -> tuple[int, float] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime)


def monitor_library(
    root: Path,
    on_changes: Callable[[list[LibraryChange]], None],
    stop: threading.Event,
    *,
    poll: bool = False,
    on_status: Callable[[str], None] | None = None,
    index: LibraryIndex | None = None,
    settle: float = SETTLE_SECONDS,
    on_ready: Callable[[], None] | None = None,
    poll_delay_ms: int = POLL_DELAY_MS,
) -> None:
    """Watch a library folder until ``stop`` is set (blocking: run it in a worker).

    New and changed stories are read once they have settled and reported with
    their entries; removed ones are reported at once; a rename is a removal plus
    an addition with the same identity, in one batch. If the folder goes away,
    its stories are reported removed and watching resumes when it returns. When
    the system cannot watch (watch limit reached) or the folder is on a network
    file system, the folder is polled instead, and on_status says so.

    Args:
        root: The library folder.
        on_changes: Called with each batch of changes (from this thread).
        stop: Set it to end watching; the call returns soon after.
        poll: Poll instead of using the system's notifications.
        on_status: Told of watching by polling, and of the folder leaving and returning.
        index: The index to read through; default: one opened (and closed) here.
        settle: How long a file must stay unchanged before it is read.
        on_ready: Called each time watching has begun (changes from then on are seen).
        poll_delay_ms: How often the folder is polled when polling.
    """
    import watchfiles  # late: only the watcher pays for loading it

    own_index = index is None
    library = index if index is not None else LibraryIndex(root)
    monitor = _Monitor(library, on_changes, stop, settle)
    folder = Path(monitor.root)

    def status(message: str) -> None:
        if on_status is not None:
            on_status(message)

    fstype = None if poll else network_filesystem(folder)
    if poll or fstype:
        status(f"watching by polling: {'network file system ' + fstype if fstype else 'asked to'}")
    polling = poll or bool(fstype)
    try:
        while not stop.is_set():
            if not folder.is_dir():
                monitor.flush_paths([folder])
                status("library folder is missing: waiting for it to come back")
                while not stop.is_set() and not folder.is_dir():
                    stop.wait(TICK_SECONDS * 2)
                if stop.is_set():
                    return
                status("library folder is back: watching again")
                monitor.resync()
            # What changed before the watch began is looked for at the first quiet tick,
            # and once more a little later: a polling watcher takes its own first look
            # in a thread, which on a busy machine comes after that tick.
            looks = 0
            second_look = time.monotonic() + max(1.0, 2 * poll_delay_ms / 1000)
            try:
                for raw in watchfiles.watch(
                    folder,
                    watch_filter=monitor.wanted,
                    stop_event=stop,
                    rust_timeout=int(TICK_SECONDS * 1000),
                    yield_on_timeout=True,
                    debounce=400,
                    step=50,
                    force_polling=polling,
                    poll_delay_ms=max(50, poll_delay_ms),
                    raise_interrupt=False,
                    ignore_permission_denied=True,
                ):
                    if not raw and (looks == 0 or (looks == 1 and time.monotonic() > second_look)):
                        looks += 1
                        # Whatever changed before the watch began (during the scan, say).
                        monitor.resync()
                        if looks == 1 and on_ready is not None:
                            on_ready()
                    monitor.note(raw)
                    monitor.flush()
                    if not folder.is_dir():
                        break
            except FileNotFoundError:
                stop.wait(TICK_SECONDS)  # the folder went before watching began: wait for it
            except (OSError, RuntimeError) as error:
                reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
                if polling:
                    status(f"cannot watch the library: {reason}")
                    stop.wait(TICK_SECONDS * 8)
                else:
                    # Most often the system's inotify watch limit: polling still works.
                    polling = True
                    status(f"watching by polling: {reason}")
    finally:
        if own_index:
            library.close()
