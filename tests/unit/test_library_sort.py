"""Sorting the story list: every key, missing values last, reverse, ties by title."""

from __future__ import annotations

from pathlib import Path

import pytest

from fictui.library import EXTRA_SORT_KEYS, SORT_KEYS, Entry, UserFacts, sort_entries, sort_indices


def make(name: str, **fields: object) -> Entry:
    return Entry(path=Path("/lib") / name, name=name, **fields)  # type: ignore[arg-type]


ENTRIES = [
    make(
        "1.txt",
        title="beta",
        authors=["Zed"],
        words=10,
        chapters=2,
        added=3.0,
        updated="2024-05-01",
        identity="w1",
        status="complete",
    ),
    make(
        "2.txt",
        title="Alpha",
        authors=["émile"],
        words=300,
        chapters=1,
        added=1.0,
        updated="2025-01-01",
        identity="w2",
        status="in-progress",
    ),
    make(
        "3.txt",
        title="Ältere",
        authors=[],
        words=20,
        chapters=9,
        added=2.0,
        updated=None,
        mtime=0.0,
        identity="w3",
        status="unknown",
    ),
    make("4.txt", title="aardvark.txt", error="the file is empty", added=4.0, identity="w4"),
]


def order(key: str, **kwargs: object) -> list[str]:
    return [e.name for e in sort_entries(ENTRIES, key, **kwargs)]  # type: ignore[arg-type]


def test_title_sort_ignores_case_and_accents() -> None:
    assert order("title") == ["4.txt", "2.txt", "3.txt", "1.txt"]
    assert order("title", reverse=True) == ["1.txt", "3.txt", "2.txt", "4.txt"]


def test_author_sort_puts_works_without_author_last() -> None:
    assert order("author") == ["2.txt", "1.txt", "4.txt", "3.txt"]


def test_number_and_date_keys_are_biggest_or_newest_first() -> None:
    assert order("words") == ["2.txt", "3.txt", "1.txt", "4.txt"]
    assert order("words", reverse=True) == ["1.txt", "3.txt", "2.txt", "4.txt"]
    assert order("added") == ["4.txt", "1.txt", "3.txt", "2.txt"]
    assert order("updated") == ["2.txt", "1.txt", "3.txt", "4.txt"]
    assert order("chapters") == ["3.txt", "1.txt", "2.txt", "4.txt"]


def test_last_read_comes_from_user_facts_and_never_read_go_last() -> None:
    user = {"w3": UserFacts(last_read=100.0), "w1": UserFacts(last_read=200.0)}
    assert order("last-read", user=user) == ["1.txt", "3.txt", "4.txt", "2.txt"]
    assert order("last-read", user=user, reverse=True) == ["3.txt", "1.txt", "4.txt", "2.txt"]


def test_extra_keys_and_indices() -> None:
    assert order("path") == ["1.txt", "2.txt", "3.txt", "4.txt"]
    assert order("status") == ["1.txt", "2.txt", "4.txt", "3.txt"]  # ties by title
    assert sort_indices(ENTRIES, "title") == [3, 1, 2, 0]
    assert set(SORT_KEYS) == {"title", "author", "words", "last-read", "added", "updated"}
    for key in SORT_KEYS + EXTRA_SORT_KEYS:
        assert sorted(sort_indices(ENTRIES, key)) == [0, 1, 2, 3]


def test_unknown_key_is_refused() -> None:
    with pytest.raises(ValueError):
        sort_entries(ENTRIES, "colour")
