"""The story model: words, realms, addresses and re-anchoring, identity."""

from __future__ import annotations

from fictui.model import (
    Address,
    Block,
    BlockKind,
    Chapter,
    Realm,
    Span,
    Story,
    Style,
    count_words,
    text_hash,
)


def para(text: str, style: Style = Style.PLAIN) -> Block:
    return Block(BlockKind.PARAGRAPH, [Span(text, style)])


def test_words_count_contractions_once() -> None:
    assert count_words("She didn't know the well-worn path.") == 6


def test_wholly_italic_paragraph_is_in_the_italic_realm() -> None:
    block = Block(
        BlockKind.PARAGRAPH,
        [Span("The river ", Style.ITALIC), Span(" ", Style.PLAIN), Span("sang.", Style.ITALIC)],
    )
    assert block.realm is Realm.ITALIC
    mixed = Block(BlockKind.PARAGRAPH, [Span("The river "), Span("sang.", Style.ITALIC)])
    assert mixed.realm is Realm.PLAIN


def test_hash_ignores_spacing_and_case() -> None:
    assert text_hash("Hello   there\nfriend") == text_hash("hello there friend")
    assert text_hash("Hello") != text_hash("Goodbye")


def test_locate_reanchors_after_new_chapters_are_inserted() -> None:
    old = Story(chapters=[Chapter("One", [para("alpha"), para("beta"), para("gamma")])])
    address = old.address(0, 2)
    new = Story(
        chapters=[
            Chapter("Prologue", [para("new opening")]),
            Chapter("One", [para("alpha"), para("an added line"), para("beta"), para("gamma")]),
        ]
    )
    assert new.locate(address) == (1, 3)


def test_locate_clamps_when_text_is_gone() -> None:
    story = Story(chapters=[Chapter("One", [para("a"), para("b")])])
    assert story.locate(Address(5, 9, "ffffffff")) == (0, 1)


def test_identity_prefers_ao3_work_id() -> None:
    story = Story(title="X", url="https://archiveofourown.org/works/12345/chapters/9")
    assert story.identity == "ao3:12345"


def test_identity_falls_back_to_title_and_author() -> None:
    a = Story(title="The Glass  Orchard!", authors=["Wren Ashby"])
    b = Story(title="the glass orchard", authors=["wren ashby"])
    assert a.identity == b.identity
