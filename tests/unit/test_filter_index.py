"""The filter index: filtering with it finds exactly what scanning every entry finds."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fictui.library import Entry, UserFacts, filter_entries, parse_query
from fictui.library import filter_index as index_module
from fictui.library import postings as postings_module
from fictui.library import query as query_module
from fictui.library.filter_index import FilterIndex
from fictui.library.postings import bits_of, flags_of

WORDS = ["drag", "dragon", "Dräger", "on", "lamp", "ash", "ashwyn", "hurt/comfort", "the", "x"]

words = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)


@st.composite
def entries(draw: st.DrawFn) -> list[Entry]:
    count = draw(st.integers(min_value=0, max_value=30))
    made = []
    for n in range(count):
        made.append(
            Entry(
                path=Path(f"/lib/{n}.txt"),
                name=f"{n}.txt",
                title=draw(words),
                authors=draw(st.lists(words, max_size=2)),
                tags={"freeform": draw(st.lists(words, max_size=3))},
                fandoms=draw(st.lists(words, max_size=2)),
                rating=draw(st.sampled_from(["", "Teen And Up Audiences", "Mature"])),
                summary=draw(words),
                identity=f"work:{n % 7}",
                error=draw(st.sampled_from([None, None, "damaged"])),
                status=draw(st.sampled_from(["complete", "in-progress", "unknown"])),
                words=draw(st.integers(0, 6)),
                chapters=draw(st.integers(0, 3)),
            )
        )
    return made


needles = st.sampled_from(
    ["d", "dr", "dra", "drag", "dragon", "on", "a", "as", "ash", "hurt", "rt/c", "drager", "zz"]
)
queries = st.lists(
    st.tuples(
        st.sampled_from(["", "-"]),
        st.sampled_from(["", "author:", "tag:", "fandom:", "rating:"]),
        st.one_of(
            needles,
            st.sampled_from(['"the dragon"', '"n la"', '"ash x"']),
            st.sampled_from(["unread", "reading", "finished", "has:notes"]),
        ),
    ).map("".join),
    min_size=1,
    max_size=3,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(entries(), queries, st.booleans(), st.booleans())
def test_the_index_finds_what_a_scan_finds(
    library: list[Entry], text: str, with_notes: bool, warm: bool
) -> None:
    query = parse_query(text)
    user = (
        {
            "work:1": UserFacts(notes="A dragon in the margin", status="reading"),
            "work:2": UserFacts(status="finished", has_notes=True),
            "work:3": UserFacts(status="unread"),
        }
        if with_notes
        else {}
    )
    expected = filter_entries(library, query, user)
    index = FilterIndex(library)
    if warm:
        index.prewarm()
    assert filter_entries(library, query, user, index=index) == expected
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(query_module, "MASK_MIN", 0)  # every pass goes over whole columns
        assert filter_entries(library, query, user, index=index) == expected
        assert filter_entries(library, query, user) == expected


@settings(max_examples=150, deadline=None)
@given(entries(), entries(), queries, st.data())
def test_the_index_stays_exact_for_entries_replaced_or_added_after_it_was_built(
    library: list[Entry], more: list[Entry], text: str, data: st.DataObject
) -> None:
    index = FilterIndex(library)
    query = parse_query(text)
    before = filter_entries(library, query, index=index)  # fills the mask cache
    assert before == filter_entries(library, query)
    changed = list(library)
    for at in data.draw(st.lists(st.integers(0, max(len(changed) - 1, 0)), max_size=4)):
        if changed:
            changed[at] = dataclasses.replace(more[0] if more else changed[at], path=Path("/x"))
            index.touch(at)
    changed += more
    user = {"work:1": UserFacts(status="finished", notes="dragon"), "work:4": UserFacts()}
    for facts in ({}, user):
        expected = filter_entries(changed, query, facts)
        assert filter_entries(changed, query, facts, index=index) == expected
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(query_module, "MASK_MIN", 0)  # every pass goes over whole columns
            assert filter_entries(changed, query, facts, index=index) == expected


@pytest.mark.parametrize(
    ("dense", "scan_cost"), [(64, 0.0), (64, 1000.0), (1, 0.0), (1, 1000.0), (10**9, 0.0)]
)
def test_every_way_of_answering_gives_one_answer(
    monkeypatch: pytest.MonkeyPatch, dense: int, scan_cost: float
) -> None:
    """Postings as lists or bit sets, and the rest merged or scanned: the same rows."""
    monkeypatch.setattr(postings_module, "DENSE_SHARE", dense)
    monkeypatch.setattr(postings_module, "DENSE_MIN", 1)
    monkeypatch.setattr(index_module, "SCAN_COST", scan_cost)
    monkeypatch.setattr(index_module, "SCAN_COST_PER_CHAR", 0.0)
    library = [
        Entry(path=Path(f"/lib/{n}"), title=f"{word} {n}", summary="a dragon sleeps" * (n % 2))
        for n, word in enumerate(["Dragonfly", "Snapdragon", "Dr Agon", "Wyvern"] * 80)
    ]
    index = FilterIndex(library)
    for text in ["dragon", "drag", "dr", "agon", "-dragon", '"dr agon"', "1"]:
        query = parse_query(text)
        assert filter_entries(library, query, index=index) == filter_entries(library, query)


@given(st.sets(st.integers(0, 999)), st.integers(0, 1000))
def test_bit_sets_and_flags_agree(rows: set[int], extra: int) -> None:
    size = 1000 + extra
    flags = flags_of(bits_of(rows, size), size)
    assert len(flags) == size
    assert {i for i, flag in enumerate(flags) if flag} == rows


def test_typing_on_narrows_the_vocabulary_it_searches() -> None:
    library = [Entry(path=Path(f"/lib/{n}"), title=t) for n, t in enumerate(["dragon", "drab"])]
    index = FilterIndex(library)
    assert list(index.mask("word", "dra", library)) == [1, 1]
    assert list(index.mask("word", "drag", library)) == [1, 0]
    assert list(index.mask("word", "drab", library)) == [0, 1]
    assert list(index.mask("word", "rab", library)) == [0, 1]


def test_a_replaced_entry_is_read_afresh_even_for_a_cached_needle() -> None:
    library = [Entry(path=Path("/lib/a"), title="dragon"), Entry(path=Path("/lib/b"), title="owl")]
    index = FilterIndex(library)
    assert list(index.mask("word", "owl", library)) == [0, 1]
    library[0] = Entry(path=Path("/lib/a"), title="snowy owl")
    index.touch(0)
    index.prewarm()
    assert index.stale == 1
    assert list(index.mask("word", "owl", library)) == [1, 1]


@settings(max_examples=100, deadline=None)
@given(entries(), entries(), st.sampled_from(["status:complete", "-words:>3", "chapters:<2"]))
def test_count_and_status_terms_read_the_index_columns_exactly(
    library: list[Entry], more: list[Entry], text: str
) -> None:
    index = FilterIndex(library)
    changed = library + more
    if changed:
        changed[0] = dataclasses.replace(changed[0], status="complete", words=9, error=None)
        index.touch(0)
    query = parse_query(text)
    expected = filter_entries(changed, query)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(query_module, "MASK_MIN", 0)  # every pass goes over whole columns
        assert filter_entries(changed, query, index=index) == expected


def test_works_are_found_by_identity_among_replaced_and_added_entries() -> None:
    library = [Entry(path=Path(f"/lib/{n}"), title=f"t{n}", identity=f"w{n}") for n in range(4)]
    index = FilterIndex(library)
    assert list(index.works({"w1", "w3"}, library)) == [0, 1, 0, 1]
    now = list(library)
    now[1] = Entry(path=Path("/lib/1"), title="t1", identity="w9")  # a re-download
    index.touch(1)
    now.append(Entry(path=Path("/lib/4"), title="t4", identity="w3"))  # a second copy
    assert list(index.works({"w1", "w3"}, now)) == [0, 0, 0, 1, 1]
    assert list(index.works({"w9"}, now)) == [0, 1, 0, 0, 0]
