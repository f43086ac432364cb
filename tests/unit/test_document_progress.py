"""Reading progress figures and the status line's parts."""

from __future__ import annotations

from fictui.model import Realm
from fictui.reading.progress import (
    StatusInfo,
    format_count,
    format_duration,
    fraction,
    minutes_left,
    status_parts,
    words_left,
)


def test_fraction_and_words_left() -> None:
    assert fraction(5, 20) == 0.25
    assert fraction(30, 20) == 1.0 and fraction(1, 0) == 0.0
    assert words_left(1000, 0.25) == 750
    assert words_left(1000, 1.5) == 0


def test_reading_time() -> None:
    assert minutes_left(500, 250) == 2
    assert minutes_left(500, 0) == 2  # a broken setting falls back to 250
    assert format_duration(0) == "0 min"
    assert format_duration(0.2) == "<1 min"
    assert format_duration(45) == "45 min"
    assert format_duration(185) == "3 h 05 min"


def test_counts_shorten() -> None:
    assert [format_count(n) for n in (950, 12_345, 3_500_000)] == ["950", "12.3k", "3.5M"]


def test_status_parts_show_realm_search_and_pending() -> None:
    info = StatusInfo(
        chapter="The Bell",
        position=0.5,
        words_left=1200,
        minutes_left=4.8,
        realm=Realm.ITALIC,
        italic_share=0.38,
        search="3/17",
        pending="m",
    )
    assert status_parts(info) == [
        "The Bell",
        "50%",
        "1.2k words left",
        "5 min left",
        "italic realm · 38% italic",
        "search 3/17",
        "m…",
    ]
    plain = status_parts(StatusInfo(realm_filter="plain", reflowing=0.25))
    assert "only plain" in plain and "wrapping 25%" in plain
    assert not any("italic" in part for part in plain)
