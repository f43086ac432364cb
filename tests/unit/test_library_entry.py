"""The Entry record: folding, folded search fields, chapter labels, error entries, the API."""

from __future__ import annotations

import inspect
from pathlib import Path

import fictui.library as library
from fictui.library import Entry, error_entry, fold


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Ça Brûle ÉTÉ") == "ca brule ete"
    assert fold("Straße") == "strasse"
    assert fold("ﬁne") == "fine"
    assert fold("plain ASCII") == "plain ascii"


def test_entry_builds_its_folded_search_fields() -> None:
    entry = Entry(
        path=Path("/lib/x.txt"),
        name="x.txt",
        title="Élan",
        authors=["Zoë", "Ash"],
        tags={"freeform": ["Fluff"], "fandoms": ["Stonebridge"]},
        fandoms=["Stonebridge"],
        summary="A summary.",
    )
    assert entry.haystack.split("\n") == [
        "elan",
        "zoe",
        "ash",
        "fluff",
        "stonebridge",
        "a summary.",
    ]
    assert entry.authors_key == "zoe\nash"
    assert entry.tags_key == "fluff\nstonebridge"
    assert entry.fandoms_key == "stonebridge"
    entry.title = "Changed"
    entry.refold()
    assert "changed" in entry.haystack


def test_chapter_labels() -> None:
    path = Path("/lib/x.txt")
    assert Entry(path, chapters=3, status="in-progress").chapters_label == "3/?"
    assert Entry(path, chapters=3, chapters_total=10).chapters_label == "3/10"
    assert Entry(path, chapters=4, status="complete").chapters_label == "4/4"
    assert Entry(path, chapters=2, status="unknown").chapters_label == "2"


def test_error_entry_is_named_after_its_file() -> None:
    entry = error_entry(Path("/lib/sub/bad\x07.htm"), "no\x1b such file", root=Path("/lib"))
    assert entry.error is not None and "\x1b" not in entry.error
    assert entry.name.startswith("sub/bad") and "\x07" not in entry.name
    assert entry.format == "html"
    assert entry.identity.startswith("file:")


def test_the_promised_api_is_exported() -> None:
    for name in (
        "Entry",
        "LibraryIndex",
        "Query",
        "parse_query",
        "filter_entries",
        "sort_entries",
        "SORT_KEYS",
        "UserFacts",
        "monitor_library",
        "LibraryChange",
    ):
        assert hasattr(library, name), name
    assert library.SORT_KEYS == ("title", "author", "words", "last-read", "added", "updated")
    parameters = inspect.signature(library.monitor_library).parameters
    assert list(parameters)[:3] == ["root", "on_changes", "stop"]
    assert parameters["poll"].kind is inspect.Parameter.KEYWORD_ONLY
    facts = library.UserFacts()
    assert (facts.notes, facts.status, facts.progress, facts.last_read, facts.has_notes) == (
        "",
        "unread",
        0.0,
        None,
        False,
    )


def test_gram_mask_of_a_substring_is_contained_in_the_text_mask() -> None:
    from fictui.library.entry import gram_mask

    text = fold("A lantern-keeper's long summary, with Ünïcode and spaces, of a dragon.")
    whole = gram_mask(text)
    for start in range(len(text)):
        for end in range(start, min(len(text), start + 12) + 1):
            part = gram_mask(text[start:end])
            assert whole & part == part
    assert gram_mask("x") == 0
    assert whole & gram_mask("qz") != gram_mask("qz")  # a pair it lacks
