"""The index's sqlite file: its schema, opening or rebuilding it, reading and writing rows."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from fictui.library.entry import ENTRY_FIELDS, Entry

SCHEMA_VERSION = 4
"""Bumped whenever the rows change shape; an index of another version is rebuilt."""

DATA_FIELDS = ENTRY_FIELDS[1:]
"""The Entry fields kept in a row's JSON data, in order (the path is the key)."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    path BLOB PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    added REAL NOT NULL,
    data TEXT NOT NULL
);
"""

Stamp = tuple[int, int, int, bool, float]
"""What the index knows of a file without reading it: size, mtime_ns, ctime_ns, failed, added."""


class IndexFile:
    """One library's sqlite index file (thread-safe: one connection behind a lock).

    A file that is damaged, of another schema version or of another root is
    deleted and started afresh; when no file can be used at all, the rows live
    in memory for this run.
    """

    def __init__(self, root: Path, path: Path) -> None:
        """Open, create or rebuild the index file.

        Args:
            root: The library folder (absolute), recorded in the file.
            path: The sqlite file.
        """
        self.root = root
        """The library folder."""
        self.path = path
        """The sqlite file."""
        self.generation = 0
        """Counts rebuilds, so callers can tell their remembered rows are stale."""
        self._lock = threading.RLock()
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._exclusive():
                db = self._connect(str(self.path))
                if not self._is_current(db):
                    db = self._reset(db)
                return db
        except (OSError, sqlite3.Error):
            # No usable cache folder: work from memory (every start then re-reads).
            db = self._connect(":memory:")
            self._create(db)
            return db

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        """Hold the side lock that serializes checking, creating and resetting the file.

        Two fictui windows on one library open the same index: without this, one
        could reset the file while the other is half-way through creating it.
        """
        fd = os.open(f"{self.path}.lock", os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _reset(self, db: sqlite3.Connection) -> sqlite3.Connection:
        """Empty an outdated or damaged index, in place when sqlite can still open it.

        Files are deleted only when they are not a database at all: deleting the
        `-wal`/`-shm` files another process has mapped would crash it.
        """
        try:
            self._create(db)
            return db
        except sqlite3.DatabaseError:
            with contextlib.suppress(sqlite3.Error):
                db.close()
            self._delete_files()
            db = self._connect(str(self.path))
            self._create(db)
            return db

    @staticmethod
    def _connect(where: str) -> sqlite3.Connection:
        db = sqlite3.connect(where, check_same_thread=False, isolation_level=None, timeout=10)
        if where != ":memory:":
            with contextlib.suppress(sqlite3.Error):
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
        return db

    def _is_current(self, db: sqlite3.Connection) -> bool:
        """True when the file is an index of this version for this root; a damaged one is not."""
        try:
            rows = dict(db.execute("SELECT key, value FROM meta").fetchall())
            db.execute("SELECT path, size, mtime_ns, ctime_ns, failed, added, data FROM entries")
        except sqlite3.Error:
            return False
        return (
            rows.get("version") == str(SCHEMA_VERSION)
            and rows.get("root") == os.fsencode(self.root).hex()
        )

    def _create(self, db: sqlite3.Connection) -> None:
        """Make the tables afresh (dropping old ones) in one transaction."""
        db.execute("BEGIN IMMEDIATE")
        db.execute("DROP TABLE IF EXISTS meta")
        db.execute("DROP TABLE IF EXISTS entries")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("version", str(SCHEMA_VERSION)), ("root", os.fsencode(self.root).hex())],
        )
        db.execute("COMMIT")

    def _delete_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")

    def rebuild(self) -> None:
        """Throw away a damaged index and start an empty one."""
        with self._lock:
            try:
                with self._exclusive():
                    self._db = self._reset(self._db)
            except (OSError, sqlite3.Error):
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = self._open()
            self.generation += 1

    def close(self) -> None:
        """Close the database."""
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._db.close()

    # -- rows ------------------------------------------------------------------------

    @staticmethod
    def row(key: bytes, data: str) -> Entry | None:
        """Decode a stored row into an Entry (None when the row is damaged)."""
        try:
            values = json.loads(data)
            if len(values) != len(DATA_FIELDS):
                return None
            return Entry(Path(os.fsdecode(key)), *values)
        except (ValueError, TypeError):
            return None

    def store(self, entries: Iterable[tuple[Entry, int, int]]) -> None:
        """Write entries with their mtime_ns and ctime_ns stamps."""
        stored = list(entries)
        rows = [
            (
                os.fsencode(entry.path),
                entry.size,
                mtime_ns,
                ctime_ns,
                int(entry.error is not None),
                entry.added,
                encode(entry),
            )
            for entry, mtime_ns, ctime_ns in stored
        ]
        with self._lock:
            self.execute_many("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def execute_many(self, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
        """Run a statement over many rows in one transaction (nothing on failure)."""
        with self._lock:
            try:
                self._db.execute("BEGIN")
                self._db.executemany(sql, rows)
                self._db.execute("COMMIT")
            except sqlite3.Error:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")

    def query(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        """Run a query; a damaged file is rebuilt (empty) rather than trusted."""
        with self._lock:
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.DatabaseError:
                self.rebuild()
                return []

    def data_version(self) -> int:
        """A number that changes when another connection commits to the database."""
        rows = self.query("PRAGMA data_version")
        return int(rows[0][0]) if rows else -1  # type: ignore[call-overload]

    def get_key(self, key: bytes) -> Entry | None:
        """The row of one path, or None."""
        rows = self.query("SELECT path, data FROM entries WHERE path = ?", (key,))
        return self.row(rows[0][0], rows[0][1]) if rows else None  # type: ignore[arg-type]

    def under(self, folder: str) -> list[Entry]:
        """The rows of files inside a folder."""
        prefix = os.fsencode(folder.rstrip(os.sep) + os.sep)
        upper = prefix[:-1] + bytes([prefix[-1] + 1])
        rows = self.query(
            "SELECT path, data FROM entries WHERE path >= ? AND path < ?", (prefix, upper)
        )
        entries = [self.row(key, data) for key, data in rows]  # type: ignore[arg-type]
        return [entry for entry in entries if entry is not None]

    def stamps(self, folder: str | None = None) -> dict[bytes, Stamp]:
        """What the index knows of every file (or of those inside a folder), by path."""
        sql = "SELECT path, size, mtime_ns, ctime_ns, failed, added FROM entries"
        if folder is None:
            rows = self.query(sql)
        else:
            prefix = os.fsencode(folder.rstrip(os.sep) + os.sep)
            upper = prefix[:-1] + bytes([prefix[-1] + 1])
            rows = self.query(sql + " WHERE path >= ? AND path < ?", (prefix, upper))
        return {
            key: (size, mtime_ns, ctime_ns, bool(failed), added)  # type: ignore[misc]
            for key, size, mtime_ns, ctime_ns, failed, added in rows
        }

    def remove(self, keys: Iterable[bytes]) -> None:
        """Delete the rows of these paths."""
        self.execute_many("DELETE FROM entries WHERE path = ?", [(key,) for key in keys])

    def all_rows(self) -> list[tuple[bytes, Entry | None]]:
        """Every row as (path key, entry or None when damaged)."""
        rows = self.query("SELECT path, data FROM entries")
        return [(key, self.row(key, data)) for key, data in rows]  # type: ignore[misc, arg-type]

    def stamps_of(self, key: bytes) -> Stamp | None:
        """What the index knows of one file, or None."""
        rows = self.query(
            "SELECT size, mtime_ns, ctime_ns, failed, added FROM entries WHERE path = ?", (key,)
        )
        if not rows:
            return None
        size, mtime_ns, ctime_ns, failed, added = rows[0]
        return (size, mtime_ns, ctime_ns, bool(failed), added)  # type: ignore[return-value]

    def set_added(self, updates: Sequence[Entry]) -> None:
        """Store new ``added`` times of these entries."""
        self.execute_many(
            "UPDATE entries SET added = ?, data = ? WHERE path = ?",
            [(entry.added, encode(entry), os.fsencode(entry.path)) for entry in updates],
        )


def encode(entry: Entry) -> str:
    """An entry's row data: its fields (but the path) as a JSON array."""
    return json.dumps([getattr(entry, name) for name in DATA_FIELDS])
