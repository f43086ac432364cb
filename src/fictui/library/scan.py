"""Walking a library folder for story files and reading them into entries (in a pool when many)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import stat
import threading
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from fictui.errors import StoryError
from fictui.formats import read_story
from fictui.formats.detect import EXTENSIONS
from fictui.formats.read import HEAD_BYTES
from fictui.library.entry import Entry, entry_from_story, error_entry

TEMPORARY_SUFFIXES: tuple[str, ...] = (
    ".part",
    ".partial",
    ".crdownload",
    ".download",
    ".tmp",
    ".temp",
    ".swp",
    "~",
)
"""Name endings of partial downloads and editors' temporary files: never stories."""

BIG_FILE_BYTES = 16 * 1024 * 1024
"""Above this size only the head is read and the word count is estimated from the size."""

POOL_THRESHOLD = 400
"""Read in a process pool only when at least this many files need reading."""

POOL_CHUNK = 64
"""Files handed to a pool worker at a time."""

BATCH_SIZE = 100
"""Entries per on_batch call when reading in this process."""


def is_ignored_name(name: str) -> bool:
    """True for hidden, temporary and partial-download names, which fictui never looks at."""
    lowered = name.lower()
    return (
        name.startswith((".", "~$"))
        or lowered.endswith(TEMPORARY_SUFFIXES)
        or lowered.startswith(".~lock")
    )


def is_story_name(name: str) -> bool:
    """True when a file name is one fictui lists: a story format, not hidden or temporary."""
    return not is_ignored_name(name) and has_story_suffix(name)


def has_story_suffix(name: str) -> bool:
    """True when a file name ends in a story format's extension (no Path built: walks are hot)."""
    return os.path.splitext(name)[1].lower() in EXTENSIONS


@dataclass(slots=True)
class FileInfo:
    """A story file found by the walk, with what tells whether it changed."""

    path: str
    """The file's path (absolute, as a string)."""
    size: int
    """Size in bytes."""
    mtime_ns: int
    """Modification time in nanoseconds."""
    ctime_ns: int
    """Status change time in nanoseconds (a chmod makes an unreadable file worth a retry)."""
    error: str | None = None
    """Why the file cannot be read without trying (a broken link), else None."""


def walk_library(
    top: Path | str,
    *,
    stop: threading.Event | None = None,
    skip_dirs: Collection[str] = (),
) -> Iterator[FileInfo]:
    """Find the story files under a folder, recursively.

    Hidden, temporary and non-story names are skipped; symbolic links are followed
    to files and folders but a folder is never entered twice (no loop); FIFOs,
    devices and sockets are never opened, only stat'ed.

    Args:
        top: The folder.
        stop: Stop early when set.
        skip_dirs: Absolute folders to leave out (fictui's own cache or state).

    Yields:
        One FileInfo per story file (a broken link gives one with ``error`` set).
    """
    seen: set[tuple[int, int]] = set()
    # Real folders first, linked ones after: a file reached both ways keeps its real path.
    stack = [os.path.abspath(top)]
    linked: list[str] = []
    while stack or linked:
        if stop is not None and stop.is_set():
            return
        folder = stack.pop() if stack else linked.pop(0)
        try:
            info = os.stat(folder)
            listing = os.scandir(folder)
        except OSError:
            continue  # an unreadable or vanished folder: nothing to list
        key = (info.st_dev, info.st_ino)
        if key in seen:
            listing.close()
            continue  # met before through a link: no loop, no duplicates
        seen.add(key)
        with listing:
            found = list(listing)
        subfolders: list[str] = []
        for item in found:
            if is_ignored_name(item.name):
                continue
            try:
                file = _look(item, skip_dirs, subfolders, linked)
            except OSError:
                continue  # vanished between listing and stat: the next scan will know
            if file is not None:
                yield file
        # Reversed so the walk visits folders in name order.
        stack.extend(sorted(subfolders, reverse=True))


def _look(
    item: os.DirEntry[str], skip_dirs: Collection[str], folders: list[str], linked: list[str]
) -> FileInfo | None:
    """Classify one directory entry: queue a folder, or describe a story file."""
    if item.is_dir(follow_symlinks=False):
        if item.path not in skip_dirs:
            folders.append(item.path)
        return None
    story = has_story_suffix(item.name)
    if item.is_symlink():
        try:
            info = os.stat(item.path)
        except OSError:
            return FileInfo(item.path, 0, 0, 0, "broken or looping link") if story else None
        if stat.S_ISDIR(info.st_mode):
            if item.path not in skip_dirs:
                linked.append(item.path)
            return None
    elif not story:
        return None
    else:
        info = item.stat()
    if story and stat.S_ISREG(info.st_mode):
        return FileInfo(item.path, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    return None


def file_info(path: Path | str) -> FileInfo | None:
    """What the walk would say of one file, or None when it is not a story file to list.

    Args:
        path: The file (its folders are not checked; see walk_library).

    Returns:
        Its FileInfo (``error`` set for a broken link), or None when the name is not a
        story's, or it is missing, or not a regular file.
    """
    path_s = os.path.abspath(path)
    if not is_story_name(os.path.basename(path_s)):
        return None
    try:
        info = os.stat(path_s)
    except OSError:
        if os.path.islink(path_s):
            return FileInfo(path_s, 0, 0, 0, "broken or looping link")
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return FileInfo(path_s, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def read_entry(
    path: Path, root: Path | None = None, size: int = 0, mtime: float = 0.0, added: float = 0.0
) -> Entry:
    """Read one story file into an entry; any failure becomes an error entry.

    Args:
        path: The file.
        root: The library root (for the display name).
        size: The file's size, as stat'ed.
        mtime: Its modification time.
        added: When fictui first saw it.

    Returns:
        The entry (``error`` set when the file could not be read).
    """
    try:
        if size > BIG_FILE_BYTES:
            story = read_story(path, head=True)
            words = story.words
            if story.partial and story.format != "epub":
                words = round(words * size / HEAD_BYTES)
            return entry_from_story(
                story, path, root=root, size=size, mtime=mtime, added=added, words=words
            )
        story = read_story(path)
    except StoryError as error:
        return error_entry(path, str(error), root=root, size=size, mtime=mtime, added=added)
    except Exception as error:  # noqa: BLE001 - one bad file must never end a scan
        reason = f"cannot read ({type(error).__name__})"
        return error_entry(path, reason, root=root, size=size, mtime=mtime, added=added)
    return entry_from_story(story, path, root=root, size=size, mtime=mtime, added=added)


Job = tuple[str, int, float, float]
"""A file to read: (path, size, mtime, added)."""


def _quiet_worker() -> None:
    """Pool workers leave Ctrl+C to the main process (no traceback from each worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _read_chunk(jobs: Sequence[Job], root: str) -> list[Entry]:
    """Read several files (runs in a pool worker)."""
    base = Path(root)
    return [read_entry(Path(p), base, size, mtime, added) for p, size, mtime, added in jobs]


def read_entries(
    jobs: Sequence[Job],
    root: Path,
    *,
    stop: threading.Event | None = None,
    workers: int | None = None,
) -> Iterator[list[Entry]]:
    """Read files into entries, in batches, using a process pool when there are many.

    Args:
        jobs: The files to read.
        root: The library root.
        stop: Stop early when set (pending work is cancelled).
        workers: Pool size; default: the CPU count, at most 4. 1 reads in this process.

    Yields:
        Batches of entries, in no particular order.
    """
    count = workers or min(os.cpu_count() or 1, 4)
    if len(jobs) < POOL_THRESHOLD or count <= 1:
        yield from _read_here(jobs, root, stop)
        return
    # Spawned, not forked: forking a process that runs threads (the UI) is unsafe.
    context = multiprocessing.get_context("spawn")
    try:
        executor = ProcessPoolExecutor(
            max_workers=count, mp_context=context, initializer=_quiet_worker
        )
    except (OSError, ImportError, NotImplementedError):
        yield from _read_here(jobs, root, stop)  # no process support here: read in this one
        return
    try:
        # Hand the pool everything but a first chunk, which this process reads while
        # the workers start, so the list fills in from the first moment.
        head, rest = jobs[:POOL_CHUNK], jobs[POOL_CHUNK:]
        chunks: dict[Future[list[Entry]], Sequence[Job]] = {}
        for i in range(0, len(rest), POOL_CHUNK):
            chunk = rest[i : i + POOL_CHUNK]
            chunks[executor.submit(_read_chunk, chunk, str(root))] = chunk
        yield from _read_here(head, root, stop, batch=16)
        pending = set(chunks)
        while pending:
            if stop is not None and stop.is_set():
                return
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    yield future.result()
                except Exception:  # noqa: BLE001 - a broken pool must not lose the files
                    yield from _read_here(chunks[future], root, stop)
    finally:
        # Waiting is instant when all is read; when stopped early, never wait on workers.
        stopped = stop is not None and stop.is_set()
        executor.shutdown(wait=not stopped, cancel_futures=True)


def _read_here(
    jobs: Sequence[Job], root: Path, stop: threading.Event | None, batch: int = BATCH_SIZE
) -> Iterator[list[Entry]]:
    entries: list[Entry] = []
    for path, size, mtime, added in jobs:
        if stop is not None and stop.is_set():
            break
        entries.append(read_entry(Path(path), root, size, mtime, added))
        if len(entries) >= batch:
            yield entries
            entries = []
    if entries:
        yield entries
