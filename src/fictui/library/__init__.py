"""The library: scanning, the index cache, filtering and sorting, watching."""

from fictui.library.entry import Entry, entry_from_story, error_entry, fold
from fictui.library.index import LibraryIndex
from fictui.library.query import Query, Term, UserFacts, filter_entries, parse_query
from fictui.library.scan import is_ignored_name, is_story_name, read_entry, walk_library
from fictui.library.sort import EXTRA_SORT_KEYS, SORT_KEYS, sort_entries, sort_indices
from fictui.library.watch import LibraryChange, monitor_library

__all__ = [
    "EXTRA_SORT_KEYS",
    "SORT_KEYS",
    "Entry",
    "LibraryChange",
    "LibraryIndex",
    "Query",
    "Term",
    "UserFacts",
    "entry_from_story",
    "error_entry",
    "filter_entries",
    "fold",
    "is_ignored_name",
    "is_story_name",
    "monitor_library",
    "parse_query",
    "read_entry",
    "sort_entries",
    "sort_indices",
    "walk_library",
]
