"""Sorting the story list by title, author, length, last read, date added or update."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from fictui.library.entry import Entry, fold
from fictui.library.query import UserFacts

SORT_KEYS: tuple[str, ...] = ("title", "author", "words", "last-read", "added", "updated")
"""The sort orders the app offers."""

EXTRA_SORT_KEYS: tuple[str, ...] = ("chapters", "status", "path")
"""More orders, for `fictui list --sort`."""

NEWEST_FIRST: frozenset[str] = frozenset({"words", "chapters", "last-read", "added", "updated"})
"""Keys whose natural order is biggest or newest first (``reverse`` flips it)."""

_Key = Callable[[Entry], object]


def _updated(entry: Entry) -> str:
    # The work's own update date when the file states one, else when the file changed.
    if entry.updated:
        return entry.updated
    return _local_day(int(entry.mtime) // 900)


@lru_cache(maxsize=65536)
def _local_day(quarter_hour: int) -> str:
    # Every time zone is a whole number of quarter hours from UTC, so one quarter hour
    # never straddles a local midnight: files of the same quarter share one answer.
    return time.strftime("%Y-%m-%d", time.localtime(quarter_hour * 900))


def _key(name: str, user: Mapping[str, UserFacts]) -> Callable[[Entry], object | None]:
    """The sort key for a name; returning None puts an entry last whatever the direction."""
    keys: dict[str, Callable[[Entry], object | None]] = {
        "title": lambda e: e.title_key,
        "author": lambda e: fold(e.authors[0]) if e.authors else None,
        "words": lambda e: e.words if e.error is None else None,
        "chapters": lambda e: e.chapters if e.error is None else None,
        "status": lambda e: e.status,
        "path": lambda e: e.name,
        "last-read": lambda e: f.last_read if (f := user.get(e.identity)) else None,
        "added": lambda e: e.added,
        "updated": lambda e: _updated(e) if e.error is None else None,
    }
    if name not in keys:
        raise ValueError(f"unknown sort key {name!r}")
    return keys[name]


def sort_indices(
    entries: Sequence[Entry],
    key: str,
    user: Mapping[str, UserFacts] | None = None,
    reverse: bool = False,
) -> list[int]:
    """The order of the entries under a sort key, as indices into ``entries``.

    Args:
        entries: The entries.
        key: One of SORT_KEYS or EXTRA_SORT_KEYS.
        user: The reader's own data by work identity (for "last-read").
        reverse: Flip the natural order (A to Z for text; biggest or newest first
            for words, chapters, last-read, added and updated).

    Returns:
        Indices; entries without a value (never read, unreadable) always come last.
        Ties keep title order, then path order.

    Raises:
        ValueError: The key is unknown.
    """
    get = _key(key, user or {})
    # Title then name first, so the stable sort below breaks ties by them.
    base = sorted(range(len(entries)), key=lambda i: (entries[i].title_key, entries[i].name))
    if key == "title":
        return base[::-1] if reverse else base
    values = [get(entry) for entry in entries]
    present = [i for i in base if values[i] is not None]
    missing = [i for i in base if values[i] is None]
    descending = (key in NEWEST_FIRST) != reverse
    present.sort(key=lambda i: values[i], reverse=descending)  # type: ignore[arg-type, return-value]
    return present + missing


def sort_entries(
    entries: Sequence[Entry],
    key: str,
    user: Mapping[str, UserFacts] | None = None,
    reverse: bool = False,
) -> list[Entry]:
    """The entries sorted by a key (see sort_indices for the order).

    Args:
        entries: The entries.
        key: One of SORT_KEYS or EXTRA_SORT_KEYS.
        user: The reader's own data by work identity (for "last-read").
        reverse: Flip the natural order.

    Returns:
        A new list of the same Entry objects.

    Raises:
        ValueError: The key is unknown.
    """
    return [entries[i] for i in sort_indices(entries, key, user, reverse)]
