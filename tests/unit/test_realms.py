"""The italic realm: realms of blocks, filters, switch points and shares."""

from __future__ import annotations

from fictui.model import Block, BlockKind, Realm, Span, Style
from fictui.reading.realms import (
    block_realm,
    is_shown,
    next_filter,
    next_switch,
    previous_switch,
    realm_shares,
    switch_points,
)

P, IT = Realm.PLAIN, Realm.ITALIC


def test_block_realm() -> None:
    assert block_realm(Block(BlockKind.PARAGRAPH, [Span("dream", Style.ITALIC)])) is IT
    mixed = Block(BlockKind.PARAGRAPH, [Span("half ", Style.ITALIC), Span("awake")])
    assert block_realm(mixed) is P
    assert block_realm(Block(BlockKind.SCENE_BREAK)) is None
    assert block_realm(Block(BlockKind.HEADING, [Span("Title", Style.ITALIC)])) is None


def test_filters() -> None:
    assert is_shown(P, "both") and is_shown(IT, "both")
    assert is_shown(P, "plain") and not is_shown(IT, "plain")
    assert is_shown(IT, "italic") and not is_shown(P, "italic")
    assert is_shown(None, "italic")
    assert [next_filter(f) for f in ("both", "plain", "italic", "junk")] == [
        "plain",
        "italic",
        "both",
        "both",
    ]


def test_switch_points_skip_non_paragraphs() -> None:
    realms = [None, P, P, IT, None, IT, P, None, P, IT]
    points = switch_points(realms)
    assert points == [3, 6, 9]
    assert next_switch(points, 0) == 3
    assert next_switch(points, 3) == 6
    assert next_switch(points, 9) is None
    assert previous_switch(points, 6) == 3
    assert previous_switch(points, 7) == 6
    assert previous_switch(points, 3) is None


def test_shares_count_words() -> None:
    blocks = [
        Block(BlockKind.PARAGRAPH, [Span("one two three")]),
        Block(BlockKind.PARAGRAPH, [Span("four", Style.ITALIC)]),
        Block(BlockKind.HEADING, [Span("not counted at all")]),
    ]
    shares = realm_shares(blocks)
    assert shares == {P: 0.75, IT: 0.25}
    assert realm_shares([]) == {P: 0.0, IT: 0.0}
