"""Damaged state files and backups: set a bad file aside, salvage it, keep good generations."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fictui.state import codec
from fictui.state.atomic import atomic_write
from fictui.state.model import StateDocument

BACKUP_GENERATIONS = 3
"""How many good generations of the state file are kept."""

_HEADER_RE = re.compile(r"^[ \t]*\[", re.MULTILINE)
_JOIN_LIMIT = 40
"""How many following pieces a broken piece may be joined with while salvaging."""


def aside_name(path: Path, label: str) -> Path:
    """A free name beside ``path`` for a copy set aside (``state.damaged-<time>.toml``)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    counter = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.{label}-{stamp}-{counter}{path.suffix}")
        counter += 1
    return candidate


def move_aside(path: Path, label: str = "damaged") -> Path:
    """Rename ``path`` to a free name beside it; returns the new name.

    Raises:
        OSError: When the rename fails (the file then stays where it was).
    """
    target = aside_name(path, label)
    os.replace(path, target)
    return target


def copy_aside(path: Path, data: bytes, label: str = "unreadable-values") -> Path:
    """Write a copy of a file's bytes beside it (the file itself stays); returns its name."""
    target = aside_name(path, label)
    atomic_write(target, data)
    return target


def _pieces(text: str) -> list[str]:
    starts = [m.start() for m in _HEADER_RE.finditer(text)]
    bounds = [0, *[s for s in starts if s > 0], len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b]]


def _overlay(target: dict[str, Any], source: dict[str, Any]) -> None:
    for key, value in source.items():
        if key not in target:
            target[key] = value
        elif isinstance(target[key], dict) and isinstance(value, dict):
            _overlay(target[key], value)
        elif isinstance(target[key], list) and isinstance(value, list):
            target[key].extend(value)


def salvage(data: bytes) -> tuple[StateDocument, int]:
    """Read what can be read from a damaged state file, table by table.

    Returns:
        The document built from the parts that parse, and how many parts were lost.
    """
    try:
        text = codec.decode_text(data)
    except codec.StateParseError:
        text = data.decode("utf-8", "replace")
    pieces = _pieces(text)
    merged: dict[str, Any] = {}
    lost = 0
    index = 0
    while index < len(pieces):
        # A piece can end inside a multi-line string whose text has a line that
        # starts with "["; joining it with the next pieces mends that case.
        for width in range(1, min(_JOIN_LIMIT, len(pieces) - index) + 1):
            try:
                parsed = codec.parse_toml("".join(pieces[index : index + width]))
            except codec.StateParseError:
                continue
            _overlay(merged, parsed)
            index += width
            break
        else:
            lost += 1
            index += 1
    document, _problems = codec.from_toml(merged)
    return document, lost


@dataclass(slots=True)
class Backup:
    """A backup generation that parsed."""

    path: Path
    """The backup file."""
    document: StateDocument
    """What it holds."""


class Backups:
    """The last few good generations of the state file, newest first (state.1.toml...)."""

    def __init__(self, folder: Path, name: str = "state", generations: int = BACKUP_GENERATIONS):
        """Manage backups in ``folder`` (created when the first backup is made)."""
        self.folder = folder
        self.name = name
        self.generations = generations
        self.last_made: float | None = None

    def path(self, generation: int) -> Path:
        """The file of one generation (1 is the newest)."""
        return self.folder / f"{self.name}.{generation}.toml"

    def add(self, data: bytes) -> bool:
        """Keep ``data`` as the newest generation, if it is a good, non-empty state file.

        Only content that parses and holds something is ever kept, so a good
        backup is never pushed out by an empty or broken one.

        Returns:
            True when a new generation was written.

        Raises:
            OSError: When the backup cannot be written.
        """
        try:
            document, problems = codec.loads(data)
        except codec.StateParseError:
            return False
        if document.is_empty() or problems:
            return False
        newest = self.path(1)
        try:
            if newest.read_bytes() == data:
                self.last_made = time.monotonic()
                return False
        except OSError:
            pass
        self.folder.mkdir(parents=True, exist_ok=True)
        for generation in range(self.generations - 1, 0, -1):
            older = self.path(generation)
            if older.exists():
                os.replace(older, self.path(generation + 1))
        atomic_write(newest, data)
        self.last_made = time.monotonic()
        return True

    def newest_good(self) -> Backup | None:
        """The newest backup that parses and holds something, or None."""
        for generation in range(1, self.generations + 1):
            path = self.path(generation)
            try:
                document, _problems = codec.loads(path.read_bytes())
            except (OSError, codec.StateParseError):
                continue
            if not document.is_empty():
                return Backup(path, document)
        return None


def read_state(path: Path) -> tuple[StateDocument, list[str]]:
    """Read a state file without changing anything on disk (for exports and tools).

    A damaged file gives what can be salvaged, and the newest good backup
    fills in works the damaged file lost.

    Returns:
        The document and messages about anything that could not be read.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return StateDocument(), []
    except OSError as error:
        return StateDocument(), [f"cannot read the state file: {error.strerror or error}"]
    try:
        return codec.loads(data)
    except codec.StateParseError as error:
        problems = [f"the state file is damaged ({error}); exporting what can be read"]
    document, _lost = salvage(data)
    backup = Backups(path.parent / "backups", path.stem).newest_good()
    if backup is not None:
        for identity, work in backup.document.works.items():
            document.works.setdefault(identity, work)
    return document, problems
