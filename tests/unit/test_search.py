"""Search over a document: folding, hits, navigation and highlight ranges."""

from __future__ import annotations

from fictui.reading.search import (
    Hit,
    SearchIndex,
    SearchState,
    first_hit_from,
    fold,
    next_hit,
    previous_hit,
)


def test_fold_is_case_and_accent_insensitive_with_offsets() -> None:
    assert fold("Hello") == ("hello", None)
    folded, offsets = fold("Café")
    assert folded == "cafe" and offsets is None
    folded, offsets = fold("Straße Ñu")
    assert folded == "strasse nu"
    assert offsets is not None and offsets[4] == offsets[5] == 4  # "ß" became "ss"
    assert offsets[-1] == len("Straße Ñu")


def test_find_maps_hits_back_to_original_text() -> None:
    texts = ["The CAFÉ was shut.", None, "A café, another cafe.", "Große Straße"]
    index = SearchIndex(texts)
    hits = index.find("cafe")
    assert hits == [Hit(0, 4, 8), Hit(2, 2, 6), Hit(2, 16, 20)]
    assert [texts[h.item][h.start : h.end] for h in hits] == ["CAFÉ", "café", "cafe"]  # type: ignore[index]
    strasse = index.find("STRASSE")
    assert [texts[h.item][h.start : h.end] for h in strasse] == ["Straße"]  # type: ignore[index]
    assert index.find("   ") == []
    assert index.find("nowhere") == []


def test_find_stops_when_cancelled() -> None:
    index = SearchIndex(["x"] * 10_000)
    assert index.find("x", cancelled=lambda: True) == []


def test_navigation_wraps_round() -> None:
    hits = [Hit(1, 0, 1), Hit(4, 0, 1), Hit(4, 3, 4), Hit(9, 0, 1)]
    assert first_hit_from(hits, 2) == 1
    assert first_hit_from(hits, 10) == 0
    assert next_hit(hits, None, 4) == 1
    assert next_hit(hits, 3, 0) == 0
    assert previous_hit(hits, 0, 0) == 3
    assert previous_hit(hits, None, 4) == 0
    assert previous_hit(hits, None, 0) == 3
    assert next_hit([], None, 0) is None


def test_state_counts_and_ranges() -> None:
    state = SearchState()
    assert not state and state.counter() == ""
    text = "red  fox, red hen"
    state.set("red", [Hit(2, 0, 3), Hit(2, 10, 13), Hit(5, 0, 3)], item=3)
    assert state and state.counter() == "3/3"
    assert state.current_hit == Hit(5, 0, 3)
    assert state.step(True, 0) == Hit(2, 0, 3) and state.counter() == "1/3"
    # Ranges count non-space characters: "red  fox, " holds 7 of them before the second hit.
    assert state.ranges(2, text) == [(0, 3, True), (7, 10, False)]
    assert state.ranges(4, text) is None
    state.set("none", [], item=0)
    assert state.counter() == "0/0"
    state.clear()
    assert not state


def test_texts_are_gathered_once_even_from_several_threads() -> None:
    import threading

    calls: list[int] = []

    def texts() -> list[str | None]:
        calls.append(1)
        return ["Ember and ash", "ash again"] * 2000

    index = SearchIndex(texts)
    assert calls == []  # nothing is read until the first search
    results: list[int] = []
    workers = [
        threading.Thread(target=lambda: results.append(len(index.find("ASH")))) for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert calls == [1]
    assert results == [4000] * 4
