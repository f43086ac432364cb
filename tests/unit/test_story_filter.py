"""Filtering as the reader types: each keystroke narrows the last rows and gets the full answer."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fictui.library import Entry, filter_entries, parse_query
from fictui.library.filter_index import FilterIndex
from fictui.ui.widgets.story_filter import matches

LIBRARY = [
    Entry(
        path=Path(f"/lib/{n}.txt"),
        title=title,
        authors=[author],
        words=words,
        status=status,
        identity=f"work:{n}",
    )
    for n, (title, author, words, status) in enumerate(
        [
            ("Dragon Lantern", "Ash Vale", 900, "complete"),
            ("The Drab Harbour", "Wren", 12_000, "in-progress"),
            ("Dragonfly Summer", "Ash Wren", 50_000, "complete"),
            ("Letters", "Mael", 3_000, "unknown"),
        ]
        * 3
    )
]
ORDER = sorted(range(len(LIBRARY)), key=lambda i: LIBRARY[i].title)


TERMS = ["drag", "dragon", "author:ash", "status:complete", "words:>1000", "-wren"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(TERMS), max_size=4).map(" ".join),
    st.booleans(),
)
def test_every_keystroke_gets_what_filtering_afresh_gets(typed: str, indexed: bool) -> None:
    index = FilterIndex(LIBRARY) if indexed else None
    previous, rows = parse_query(""), None
    for end in range(len(typed) + 1):
        text = typed[:end]
        previous, rows = matches(text, LIBRARY, {}, ORDER, previous, rows, index)
        expected = None if previous.is_empty else filter_entries(LIBRARY, previous, within=ORDER)
        assert rows == expected, text
