"""`fictui list DIR [--json] [--sort KEY] [--filter QUERY]`: the stories of a folder tree."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fictui.errors import FictuiError, StoryError
from fictui.library import (
    EXTRA_SORT_KEYS,
    SORT_KEYS,
    Entry,
    LibraryIndex,
    Query,
    UserFacts,
    filter_entries,
    parse_query,
    sort_entries,
)
from fictui.text.sanitize import display_path

USER_TERMS = frozenset({"reading", "has-notes", "word"})
"""Query terms that need the reader's own data (plain words also search notes)."""


def entry_json(entry: Entry) -> dict[str, Any]:
    """The JSON contract of one `fictui list --json` row: every key always present."""
    return {
        "title": entry.title,
        "authors": list(entry.authors),
        "words": entry.words,
        "chapters": entry.chapters,
        "chapters_total": entry.chapters_total,
        "status": entry.status,
        "format": entry.format or None,
        "path": entry.name,
        "error": entry.error,
        "identity": entry.identity,
        "rating": entry.rating or None,
        "fandoms": list(entry.fandoms),
        "updated": entry.updated,
    }


def user_facts() -> dict[str, UserFacts]:
    """The reader's own data by work identity, from the state store (empty when unavailable)."""
    try:
        from fictui.state import read_works

        # Read-only: a damaged state file is left for the app to report and salvage.
        works = read_works()
    except Exception:  # noqa: BLE001 - listing works without the reader's data
        return {}
    facts: dict[str, UserFacts] = {}
    for identity, work in works.items():
        passages = "\n".join(note.text for note in work.passage_notes)
        notes = "\n".join(part for part in (work.notes, passages) if part)
        facts[identity] = UserFacts(
            notes=notes,
            status=work.status,
            progress=work.progress,
            last_read=work.last_read.timestamp() if work.last_read else None,
            has_notes=bool(notes.strip()),
        )
    return facts


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    """Cut or pad text to a number of terminal cells."""
    if _cells(text) <= width:
        return text + " " * (width - _cells(text))
    out, used = [], 0
    for ch in text:
        size = _cells(ch)
        if used + size > width - 1:
            break
        out.append(ch)
        used += size
    return "".join(out) + "\u2026" + " " * (width - 1 - used)


def _row(entry: Entry) -> str:
    title = _fit(entry.title, 36)
    authors = _fit(", ".join(entry.authors), 20)
    if entry.error is not None:
        return f"{title}  {authors}  {'error: ' + entry.error:<41}  {entry.name}"
    words = f"{entry.words:,}"
    return (
        f"{title}  {authors}  {words:>9}  {entry.chapters_label:>7}  {entry.status:<11}  "
        f"{entry.format or '-':<8}  {entry.name}"
    )


def _header() -> str:
    return (
        f"{'TITLE':<36}  {'AUTHORS':<20}  {'WORDS':>9}  {'CHAPTERS':>7}  {'STATUS':<11}  "
        f"{'FORMAT':<8}  PATH"
    )


def list_entries(
    folder: Path, query: Query, key: str, facts: Mapping[str, UserFacts] | None = None
) -> list[Entry]:
    """The entries of a library, brought up to date through the index, filtered and sorted.

    Raises:
        FictuiError: The folder is missing or not a folder, or the sort key is unknown.
    """
    if key not in SORT_KEYS + EXTRA_SORT_KEYS:
        choices = ", ".join(SORT_KEYS + EXTRA_SORT_KEYS)
        raise FictuiError(f"unknown sort key {display_path(key)!r} (one of: {choices})")
    if not folder.exists():
        raise StoryError(f"{display_path(folder)}: no such folder")
    if not folder.is_dir():
        raise StoryError(f"{display_path(folder)}: not a folder")
    index = LibraryIndex(folder)
    try:
        entries = index.scan()
    finally:
        index.close()
    if not query.is_empty:
        entries = [entries[i] for i in filter_entries(entries, query, facts)]
    return sort_entries(entries, key, facts)


def run(args: argparse.Namespace) -> int:
    """List the stories of a folder tree; returns the exit status."""
    query = parse_query(args.filter or "")
    needs_user = args.sort == "last-read" or any(t.kind in USER_TERMS for t in query.terms)
    facts = user_facts() if needs_user else {}
    entries = list_entries(Path(args.dir).expanduser(), query, args.sort, facts)
    if args.json:
        json.dump([entry_json(e) for e in entries], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    lines = [_header(), *(_row(entry) for entry in entries)]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
