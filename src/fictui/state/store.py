"""StateStore: the reader's notes, positions and choices, saved so they are never lost.

Every save takes the lock on ``state.lock``, re-reads ``state.toml``, merges it
three ways with what this process last saw (so two fictui windows never undo
each other's edits), writes the result atomically and keeps a few good backups.
A save that fails keeps the edit in memory, says so in ``problems`` and is
tried again by the next save.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fictui import locations
from fictui.state import codec
from fictui.state.atomic import atomic_write, clean_temp_files
from fictui.state.lock import StateLock
from fictui.state.merge import merge
from fictui.state.model import StateDocument, WorkState, now
from fictui.state.recovery import Backups, copy_aside, move_aside, read_state, salvage
from fictui.text.sanitize import display_path

STATE_FILE = "state.toml"
"""The state file's name in the data folder."""
LOCK_FILE = "state.lock"
"""The side file that is locked while the state file is read and replaced."""
BACKUP_FOLDER = "backups"
"""Where good generations of the state file are kept."""
BACKUP_INTERVAL = 600.0
"""Seconds between backups within one session (the first save always makes one)."""


class StateStore:
    """The reader's state, loaded at start and saved atomically and merged on every save."""

    def __init__(self, data_dir: Path | None = None, *, lock_timeout: float = 10.0) -> None:
        """Load the state (an empty state when there is none yet).

        Never raises for a missing, damaged or unreadable file: it reports in
        ``problems`` and runs with what it could read.

        Args:
            data_dir: The folder of state.toml; None means fictui.locations.data_dir().
            lock_timeout: Seconds to wait for another fictui's save to finish.
        """
        self.data_dir = Path(data_dir) if data_dir is not None else locations.data_dir()
        """The folder holding state.toml, state.lock and backups/."""
        self.path = self.data_dir / STATE_FILE
        """The state file."""
        self.problems: list[str] = []
        """Messages for the reader; the UI shows and clears them."""
        self._lock = StateLock(self.data_dir / LOCK_FILE, timeout=lock_timeout)
        self._guard = threading.RLock()
        self._backups = Backups(self.data_dir / BACKUP_FOLDER)
        self._encoder = codec.Encoder()
        self._base = StateDocument()
        self._mine = StateDocument()
        self._disk_bytes: bytes | None = None
        self._dirty = False
        self._changed: set[str] = set()
        self._failure: str | None = None
        self._reported: set[str] = set()
        self._load()

    # ------------------------------------------------------------ reading

    @property
    def dirty(self) -> bool:
        """True when there are changes not yet on disk."""
        return self._dirty

    @property
    def settings(self) -> dict[str, object]:
        """The UI's saved choices; change them with set_setting so they get saved."""
        return self._mine.settings

    def work(self, identity: str) -> WorkState:
        """A copy of what is known about a work (empty when nothing is)."""
        with self._guard:
            found = self._mine.works.get(identity)
            return found.copy() if found is not None else WorkState(identity=identity)

    def works(self) -> dict[str, WorkState]:
        """Copies of every work's state, by identity."""
        with self._guard:
            return {identity: work.copy() for identity, work in self._mine.works.items()}

    def identity_for_path(self, path: str) -> str | None:
        """The identity of the work last seen at ``path``, if any (for works whose
        identity changed, such as a fingerprint after the title was corrected)."""
        with self._guard:
            for identity, work in self._mine.works.items():
                if work.path == path:
                    return identity
            return None

    def take_changed(self) -> set[str]:
        """Identities whose state changed through another fictui since the last call.

        The UI should reload such works (for instance a notes editor showing one).
        """
        with self._guard:
            changed, self._changed = self._changed, set()
            return changed

    # ------------------------------------------------------------ changing

    @contextmanager
    def edit(
        self,
        identity: str,
        path_hint: str | None = None,
        title: str = "",
        authors: list[str] | None = None,
    ) -> Iterator[WorkState]:
        """Change a work's state in memory; the next save writes it.

        Args:
            identity: The work's identity (Story.identity).
            path_hint: The file the work was read from now, remembered as a hint.
            title: The work's title, remembered for lists and exports.
            authors: The work's authors, remembered likewise.

        Yields:
            The work's live state, to change inside the block.
        """
        with self._guard:
            work = self._mine.works.get(identity)
            if work is None:
                work = WorkState(identity=identity, added=now())
                self._mine.works[identity] = work
            if path_hint is not None and work.path != path_hint:
                work.path = path_hint
            if title and work.title != title:
                work.title = title
            if authors is not None and work.authors != authors:
                work.authors = list(authors)
            try:
                yield work
            finally:
                codec.normalize_work(work)
                self._dirty = True

    def set_setting(self, key: str, value: object) -> None:
        """Remember a UI choice (a TOML value: str, int, float, bool, list or dict).

        Raises:
            TypeError: When the value cannot be stored in TOML.
        """
        _check_toml_value(value)
        with self._guard:
            if self._mine.settings.get(key) != value:
                self._mine.settings[key] = value
                self._dirty = True

    def forget(self, identity: str) -> None:
        """Drop everything known about a work (another fictui's later edits still win)."""
        with self._guard:
            if self._mine.works.pop(identity, None) is not None:
                self._dirty = True

    # ------------------------------------------------------------ saving

    def save(self) -> bool:
        """Write the changes now: lock, re-read, merge, write atomically.

        Returns:
            True when the state on disk holds every change; False when the save
            failed (a message is in ``problems``, the changes stay in memory and
            the next call tries again).
        """
        with self._guard:
            if not self._dirty:
                return True
            return self._sync(write=True)

    def refresh(self) -> bool:
        """Take in what another fictui saved, without writing; returns False on failure."""
        with self._guard:
            return self._sync(write=self._dirty)

    def close(self) -> bool:
        """Save a last time and let go of the lock file; returns what save() returned."""
        with self._guard:
            saved = self.save()
            self._lock.release()
            return saved

    def _sync(self, write: bool) -> bool:
        try:
            with self._lock:
                theirs = self._read_disk(fallback=self._base)
                result = merge(self._base, self._mine, theirs)
                data = self._encoder.dumps(result.document)
                if write and data != self._disk_bytes:
                    self._backup()
                    atomic_write(self.path, data)
                    self._disk_bytes = data
                    base = result.document
                elif write:
                    base = result.document
                else:
                    base = theirs
        except OSError as error:
            self._report_failure(error, write)
            return False
        self._base = base
        self._mine = result.document.copy()
        if write:
            self._dirty = False
        elif result.document != theirs or (
            self._disk_bytes is None and not result.document.is_empty()
        ):
            self._dirty = True
        self._changed |= result.changed
        self.problems.extend(result.messages)
        if self._failure is not None and write:
            self.problems.append("Your notes are saved again.")
            self._failure = None
        return True

    def _report_failure(self, error: OSError, write: bool) -> None:
        reason = error.strerror or str(error)
        if write:
            message = (
                f"Could not save your notes to {display_path(self.path)}: {reason}. "
                "Your changes are kept in memory and fictui keeps trying."
            )
        else:
            message = f"Could not read {display_path(self.path)} again: {reason}."
        if message != self._failure:
            self.problems.append(message)
        self._failure = message

    def _backup(self) -> None:
        due = (
            self._backups.last_made is None
            or time.monotonic() - self._backups.last_made >= BACKUP_INTERVAL
        )
        if not due or not self._disk_bytes:
            return
        try:
            self._backups.add(self._disk_bytes)
        except OSError as error:
            self._once(f"Could not make a backup of your notes: {error.strerror or error}.")
            # Try again on the next interval rather than on every save.
            self._backups.last_made = time.monotonic()

    def _once(self, message: str) -> None:
        if message not in self._reported:
            self._reported.add(message)
            self.problems.append(message)

    # ------------------------------------------------------------ loading

    def _load(self) -> None:
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self.problems.append(
                f"Cannot create {display_path(self.data_dir)}: {error.strerror or error}. "
                "Notes will be kept in memory only until it can be created."
            )
            self._dirty = False
            return
        try:
            with self._lock:
                clean_temp_files(self.data_dir, self.path.stem)
                clean_temp_files(self._backups.folder, self.path.stem)
                document = self._read_disk(fallback=None)
        except OSError as error:
            # Never overwrite a file that could not be read: every later save
            # re-reads it first, and fails the same way until it can be read.
            self.problems.append(
                f"Cannot read your saved notes in {display_path(self.data_dir)}: "
                f"{error.strerror or error}. The files are left as they are; nothing "
                "will be saved over them until they can be read."
            )
            return
        self._mine = document.copy()

    def _read_disk(self, fallback: StateDocument | None) -> StateDocument:
        """The document on disk now (call with the lock held).

        A file that cannot be parsed is set aside and never written over; while
        saving, ``fallback`` (the last good state) stands in for it, while
        loading, whatever can be salvaged does.

        Raises:
            OSError: When the file exists but cannot be read.
        """
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            self._disk_bytes = None
            if fallback is None:
                self._base = StateDocument()
                return StateDocument()
            # Gone while running (deleted by hand, or set aside by another
            # fictui that found it damaged): it is not a wish to drop every note.
            return fallback
        if data == self._disk_bytes:
            return self._base
        if not data.strip():
            return self._recover(data, "it is empty", fallback)
        try:
            document, problems = codec.loads(data)
        except codec.StateParseError as error:
            return self._recover(data, str(error), fallback)
        if problems:
            self._set_copy_aside(data, problems)
        self._disk_bytes = data
        if fallback is None:
            self._base = document
        return document

    def _set_copy_aside(self, data: bytes, problems: list[str]) -> None:
        try:
            copy = display_path(copy_aside(self.path, data))
        except OSError as error:
            reason = "cannot keep a copy of values fictui could not read"
            raise OSError(error.errno, reason) from error
        self.problems.append(
            f"Some values in {display_path(self.path)} could not be read "
            f"({'; '.join(problems[:3])}); a copy of the file as it was is at {copy}."
        )

    def _recover(self, data: bytes, reason: str, fallback: StateDocument | None) -> StateDocument:
        where = display_path(self.path)
        if data.strip():
            aside = display_path(move_aside(self.path))
            told = f"{where} could not be read ({reason}); it was moved to {aside}."
        else:
            os.unlink(self.path)
            told = f"{where} was empty."
        self._disk_bytes = None
        if fallback is not None:
            # While saving: the state this process knows stands in for the disk.
            self.problems.append(told + " Your notes from this session are saved in its place.")
            return fallback
        document, lost = salvage(data) if data.strip() else (StateDocument(), 0)
        found = len(document.works)
        backup = self._backups.newest_good()
        restored = 0
        if backup is not None:
            for identity, work in backup.document.works.items():
                if identity not in document.works:
                    document.works[identity] = work
                    restored += 1
            for key, value in backup.document.settings.items():
                document.settings.setdefault(key, value)
        if data.strip():
            told += f" Recovered {found} work(s) from it"
            if lost:
                told += f" ({lost} damaged part(s) left out)"
            if backup is not None:
                told += f" and {restored} more from the backup {display_path(backup.path)}"
            told += "."
        elif backup is not None:
            told += f" Restored {restored} work(s) from the backup {display_path(backup.path)}."
        self.problems.append(told)
        # The recovered state is not on disk yet: the first save writes it.
        self._base = StateDocument()
        self._dirty = not document.is_empty()
        return document


def read_works(data_dir: Path | None = None) -> dict[str, WorkState]:
    """Every work's state, read without changing anything on disk.

    For commands that only look (``fictui list``, exports): unlike StateStore,
    it never sets a damaged file aside or cleans up, so the app that opens the
    state next still finds, reports and salvages whatever is wrong.

    Args:
        data_dir: The folder of state.toml; None means fictui.locations.data_dir().
    """
    folder = Path(data_dir) if data_dir is not None else locations.data_dir()
    document, _problems = read_state(folder / STATE_FILE)
    return document.works


def _check_toml_value(value: object) -> None:
    if isinstance(value, str | int | float | bool):
        return
    if isinstance(value, list | tuple):
        for item in value:
            _check_toml_value(item)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"setting keys must be strings, not {type(key).__name__}")
            _check_toml_value(item)
        return
    raise TypeError(f"cannot store a {type(value).__name__} as a setting")
