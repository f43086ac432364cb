"""The library index: parsed metadata cached in sqlite, keyed by path, size and mtime."""

from __future__ import annotations

import hashlib
import os
import stat
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from fictui import locations
from fictui.library.entry import Entry, error_entry
from fictui.library.rows import IndexFile, Stamp
from fictui.library.scan import (
    FileInfo,
    Job,
    file_info,
    is_ignored_name,
    read_entries,
    walk_library,
)

EARLY_BATCH = 16
"""Files a scan reads as soon as the walk finds them, before the walk is over."""


def index_file(root: Path, cache_dir: Path | None = None) -> Path:
    """Where the index of a library root is kept."""
    digest = hashlib.sha256(os.fsencode(root)).hexdigest()[:16]
    return (cache_dir or locations.cache_dir()) / f"library-{digest}.sqlite3"


class LibraryIndex:
    """The cached index of one library folder (safe to use from several threads)."""

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        """Open (or create, or rebuild) the index of a library.

        Args:
            root: The library folder.
            cache_dir: Where to keep the index; default: fictui's cache folder.
        """
        self.root = Path(os.path.abspath(Path(root).expanduser()))
        """The library folder, absolute."""
        self.path = index_file(self.root, cache_dir)
        """The sqlite file."""
        self._lock = threading.RLock()
        self._skip = frozenset(
            os.path.abspath(folder)
            for folder in (locations.cache_dir(), locations.data_dir(), locations.config_dir())
        )
        self._rows = IndexFile(self.root, self.path)
        # The rows cached() decoded, so a scan right after need not decode them again.
        self._memo: dict[bytes, Entry] | None = None
        self._memo_version = (-1, -1)

    def close(self) -> None:
        """Close the database."""
        self._rows.close()

    # -- rows, with the remembered copy kept in step ---------------------------------

    def _store(self, entries: Iterable[tuple[Entry, int, int]]) -> None:
        """Write entries with their mtime_ns and ctime_ns stamps."""
        stored = list(entries)
        with self._lock:
            self._rows.store(stored)
            if self._memo is not None:
                for entry, _, _ in stored:
                    self._memo[os.fsencode(entry.path)] = entry

    def _remove(self, keys: Iterable[bytes]) -> None:
        with self._lock:
            keys = list(keys)
            self._rows.remove(keys)
            if self._memo is not None:
                for key in keys:
                    self._memo.pop(key, None)

    def _version(self) -> tuple[int, int]:
        return (self._rows.generation, self._rows.data_version())

    def cached(self) -> list[Entry]:
        """Every entry the index holds for this library, reading no story file."""
        with self._lock:
            rows = self._rows.all_rows()
            damaged = [key for key, entry in rows if entry is None]
            if damaged:
                self._remove(damaged)  # so the next scan reads them again
            self._memo_version = self._version()
            self._memo = {key: entry for key, entry in rows if entry is not None}
            return list(self._memo.values())

    def get(self, path: Path) -> Entry | None:
        """The index row of one file, or None."""
        return self._rows.get_key(os.fsencode(os.path.abspath(path)))

    def _current(self) -> list[Entry]:
        """Every entry, from memory when cached() was called before, else from the database."""
        with self._lock:
            if self._memo is None or self._version() != self._memo_version:
                return self.cached()  # another connection (a monitor) changed the rows
            return list(self._memo.values())

    # -- scanning --------------------------------------------------------------------

    def scan(
        self,
        on_batch: Callable[[list[Entry]], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        stop: threading.Event | None = None,
    ) -> list[Entry]:
        """Bring the index up to date with the folder (blocking: run it in a worker).

        Only new and changed files (size or mtime differ; for error rows, also the
        ctime) are read; files that vanished are dropped.

        Args:
            on_batch: Called with new or changed entries, batch by batch.
            on_progress: Called with (files read, files to read).
            stop: Stop early when set (vanished files are then kept for next time).

        Returns:
            Every entry of the library, as now known.
        """
        stamps = self._rows.stamps()
        seen: set[bytes] = set()
        jobs: list[tuple[FileInfo, float]] = []
        instant: list[tuple[Entry, int, int]] = []
        early: list[Entry] = []
        now = time.time()
        for info in walk_library(self.root, stop=stop, skip_dirs=self._skip):
            if len(jobs) == EARLY_BATCH and not early and on_batch is not None:
                # Read a first handful before the walk ends: the list fills in at once.
                early = self._read(jobs, on_batch, None, stop)
                jobs.clear()
            key = os.fsencode(info.path)
            seen.add(key)
            known = stamps.get(key)
            if known is not None and not _changed(known, info):
                continue
            added = known[4] if known is not None else now
            if info.error is not None:
                entry = error_entry(Path(info.path), info.error, root=self.root, added=added)
                instant.append((entry, info.mtime_ns, info.ctime_ns))
            else:
                jobs.append((info, added))
        if instant:
            self._store(instant)
            if on_batch is not None:
                on_batch([entry for entry, _, _ in instant])
        total = len(jobs) + len(early)
        if on_progress is not None:
            on_progress(len(early), total)
        found = early + self._read(jobs, on_batch, on_progress, stop, len(early))
        if stop is None or not stop.is_set():
            vanished = [key for key in stamps if key not in seen]
            if vanished:
                arrived = [e for e in found if os.fsencode(e.path) not in stamps]
                old_rows = [row for key in vanished if (row := self._rows.get_key(key)) is not None]
                self.carry_over(old_rows, arrived)
                self._remove(vanished)
        return self._current()

    def carry_over(self, old_rows: Iterable[Entry], arrived: Iterable[Entry]) -> None:
        """Give files that are renamed or moved works the time fictui first saw them.

        Args:
            old_rows: Rows of files that went away.
            arrived: Entries of files that appeared; those with the identity of a row
                that went away take its ``added`` time (changed in place and stored).
        """
        first_seen = {row.identity: row.added for row in old_rows if row.error is None}
        if not first_seen:
            return
        with self._lock:
            moved = []
            for entry in arrived:
                added = first_seen.get(entry.identity)
                if added is None or entry.error is not None or added == entry.added:
                    continue
                entry.added = added
                moved.append(entry)
            if moved:
                self._rows.set_added(moved)
                if self._memo is not None:
                    for entry in moved:
                        self._memo[os.fsencode(entry.path)] = entry

    def _read(
        self,
        jobs: list[tuple[FileInfo, float]],
        on_batch: Callable[[list[Entry]], None] | None,
        on_progress: Callable[[int, int], None] | None,
        stop: threading.Event | None,
        offset: int = 0,
    ) -> list[Entry]:
        stamps = {info.path: info for info, _ in jobs}
        work: list[Job] = [
            (info.path, info.size, info.mtime_ns / 1e9, added) for info, added in jobs
        ]
        done = offset
        found: list[Entry] = []
        for batch in read_entries(work, self.root, stop=stop):
            self._store(
                (entry, stamps[str(entry.path)].mtime_ns, stamps[str(entry.path)].ctime_ns)
                for entry in batch
            )
            found.extend(batch)
            done += len(batch)
            if on_batch is not None:
                on_batch(batch)
            if on_progress is not None:
                on_progress(done, len(work) + offset)
        return found

    def refresh(
        self, paths: Iterable[Path]
    ) -> tuple[list[tuple[Entry, Entry | None]], list[Entry]]:
        """Re-read the given files or folders, as after watch events.

        Args:
            paths: Files or folders that were added, changed or removed.

        Returns:
            (new or changed entries each with the row the index had before or None,
            rows of the files that are gone).
        """
        jobs: list[tuple[FileInfo, float]] = []
        previous: dict[str, Entry | None] = {}
        gone: dict[bytes, Entry] = {}
        broken: list[Entry] = []
        for raw in paths:
            path = os.path.abspath(raw)
            if not self._inside(path):
                continue
            try:
                is_dir = stat.S_ISDIR(os.stat(path).st_mode)
            except OSError:
                is_dir = False
            candidates: list[tuple[FileInfo, Stamp | None]] = []
            if is_dir:
                known = self._rows.stamps(path)
                found = list(walk_library(path, skip_dirs=self._skip))
                present = {os.fsencode(file.path) for file in found}
                for key in known.keys() - present:
                    if (row := self._rows.get_key(key)) is not None:
                        gone[key] = row
                candidates = [(file, known.get(os.fsencode(file.path))) for file in found]
            elif (single := file_info(path)) is not None:
                candidates = [(single, self._rows.stamps_of(os.fsencode(path)))]
            else:
                # A file or a whole folder went away (or is no longer a story file).
                rows = self._rows.under(path)
                if (row := self.get(Path(path))) is not None:
                    rows.append(row)
                gone.update((os.fsencode(row.path), row) for row in rows)
            for file, stamp in candidates:
                if stamp is not None and not _changed(stamp, file):
                    continue
                previous[file.path] = self.get(Path(file.path)) if stamp is not None else None
                added = stamp[4] if stamp is not None else time.time()
                if file.error is not None:
                    entry = error_entry(Path(file.path), file.error, root=self.root, added=added)
                    self._store([(entry, file.mtime_ns, file.ctime_ns)])
                    broken.append(entry)
                    continue
                jobs.append((file, added))
        changed = broken + (self._read(jobs, None, None, None) if jobs else [])
        if gone:
            self._remove(gone)
        return [(entry, previous.get(str(entry.path))) for entry in changed], list(gone.values())

    def _inside(self, path: str) -> bool:
        """True for paths of the library that fictui looks at (not hidden, not its own)."""
        if any((path + os.sep).startswith(own + os.sep) for own in self._skip):
            return False  # fictui's own files, should they live inside the library
        relative = os.path.relpath(path, self.root)
        if relative.startswith(os.pardir):
            return False
        return not any(
            is_ignored_name(part) for part in relative.split(os.sep) if part != os.curdir
        )

    def refresh_paths(self, paths: Iterable[Path]) -> tuple[list[Entry], list[Path]]:
        """Re-read these files or folders (after watch events).

        Args:
            paths: Files or folders that were added, changed or removed.

        Returns:
            (updated or new entries, paths of removed files).
        """
        changed, gone = self.refresh(paths)
        return [entry for entry, _ in changed], [entry.path for entry in gone]


def _changed(known: Stamp, info: FileInfo) -> bool:
    size, mtime_ns, ctime_ns, failed, _ = known
    if size != info.size or mtime_ns != info.mtime_ns:
        return True
    # An unreadable file may have been made readable (chmod changes only the ctime).
    return failed and ctime_ns != info.ctime_ns
