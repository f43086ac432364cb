"""The reader's document model: items, line counts, the line index and positions."""

from __future__ import annotations

import random

import pytest

from fictui.layout import wrap_block
from fictui.model import Block, BlockKind, Chapter, Note, NotePosition, Span, Story, Style
from fictui.reading.document import Document, ItemKind, Role
from fictui.reading.lineindex import LineIndex
from fictui.reading.measure import count_lines


def para(text: str, style: Style = Style.PLAIN) -> Block:
    return Block(BlockKind.PARAGRAPH, [Span(text, style)])


def make_story() -> Story:
    return Story(
        title="Lanterns",
        chapters=[
            Chapter(
                "The Ferry",
                [
                    para("Mira counted the lanterns on the far bank twice."),
                    para("The river spoke in a voice only she could hear.", Style.ITALIC),
                    Block(BlockKind.SCENE_BREAK),
                    Block(BlockKind.QUOTE, [Span("Cross before the bell, or not at all.")]),
                ],
            ),
            Chapter("The Bell", [para("It rang at dusk."), para("Nobody came.", Style.ITALIC)]),
        ],
        notes=[
            Note(NotePosition.CHAPTER_FRONT, "Thanks for reading!", chapter=1, label="A/N"),
            Note(NotePosition.FRONT, "Written for a winter exchange.", label="Note"),
        ],
    )


def test_items_follow_reading_order() -> None:
    doc = Document(make_story())
    kinds = [(item.kind, item.chapter, item.paragraph) for item in doc.items]
    assert kinds == [
        (ItemKind.CHAPTER, 0, -2),
        (ItemKind.BLOCK, 0, 0),
        (ItemKind.BLOCK, 0, 1),
        (ItemKind.BREAK, 0, 2),
        (ItemKind.BLOCK, 0, 3),
        (ItemKind.CHAPTER, 1, -2),
        (ItemKind.BLOCK, 1, 0),
        (ItemKind.BLOCK, 1, 1),
    ]
    assert doc.chapter_items == [0, 5]


def test_notes_inline_where_they_stood() -> None:
    doc = Document(make_story(), show_notes=True)
    labels = [(item.kind, item.label) for item in doc.items if item.kind is ItemKind.NOTE]
    assert labels == [(ItemKind.NOTE, "Note"), (ItemKind.NOTE, "A/N")]
    assert doc.items[0].kind is ItemKind.NOTE  # front note before the first heading
    second = doc.chapter_start(1)
    assert doc.items[second + 1].label == "A/N"
    lines = doc.lines(second + 1, 40)
    assert lines[0].role is Role.NOTE_LABEL
    assert lines[1].role is Role.NOTE and lines[1].indent == 2


def test_realm_filter_hides_the_other_realm() -> None:
    italic = Document(make_story(), realm_filter="italic")
    texts = [item.block.text for item in italic.items if item.kind is ItemKind.BLOCK]
    assert texts == ["The river spoke in a voice only she could hear.", "Nobody came."]
    plain = Document(make_story(), realm_filter="plain")
    assert all(
        item.realm is not None and item.realm.value == "plain"
        for item in plain.items
        if item.kind is ItemKind.BLOCK
    )


def test_index_of_finds_hidden_blocks_next_neighbour() -> None:
    doc = Document(make_story(), realm_filter="plain")
    # Block (0, 1) is italic and hidden: the next item shown is the scene break.
    assert doc.items[doc.index_of(0, 1)].kind is ItemKind.BREAK
    assert doc.index_of(1, 0) == doc.chapter_start(1) + 1
    assert doc.block_at(doc.chapter_start(1)) == (1, 0)
    # A passage note goes on reading text: past the heading and the scene break.
    assert doc.paragraph_at(doc.index_of(0, 2)) == (0, 3)
    assert doc.paragraph_at(doc.chapter_start(1)) == (1, 0)


def test_quote_is_indented_and_break_is_centred() -> None:
    doc = Document(make_story())
    quote = doc.lines(4, 30)
    assert quote[0].indent == 4 and quote[0].role is Role.BODY
    ornament = doc.lines(3, 30)[0]
    assert ornament.centre and ornament.role is Role.ORNAMENT


@pytest.mark.parametrize("width", [1, 5, 12, 33, 72])
def test_counts_match_the_wrapper(width: int) -> None:
    rng = random.Random(width)
    alphabet = ["sea", "x", "longerwordthanmost", "é", "漢字", "a-b", "it’s", "\u00a0"]
    for _ in range(300):
        words = [rng.choice(alphabet) * rng.randint(1, 4) for _ in range(rng.randint(0, 30))]
        seps = [rng.choice([" ", "  ", "\n", "\t"]) for _ in words]
        text = "".join(w + s for w, s in zip(words, seps, strict=True))
        kind = rng.choice([BlockKind.PARAGRAPH, BlockKind.VERSE, BlockKind.QUOTE])
        block = Block(kind, [Span(text[:5], Style.ITALIC), Span(text[5:])])
        assert count_lines(block, width) == len(wrap_block(block, width)), (text, kind)


def test_exact_counts_equal_built_lines_and_estimates_settle() -> None:
    doc = Document(make_story(), show_notes=True)
    for width in (10, 24, 72):
        exact = doc.exact_counts(width)
        assert exact == [len(doc.build_lines(i, width)) for i in range(len(doc))]
        estimated = doc.estimated_index(width)
        for index in range(len(doc)):
            estimated.set(index, exact[index])
        assert estimated.counts == exact and estimated.total == sum(exact)


def test_line_index_lookups_both_ways() -> None:
    counts = [3, 1, 0, 4, 2]
    index = LineIndex(counts)
    assert index.total == 10
    assert [index.line_of(i) for i in range(6)] == [0, 3, 4, 4, 8, 10]
    assert [index.locate(line) for line in range(10)] == [
        (0, 0),
        (0, 1),
        (0, 2),
        (1, 0),
        (3, 0),
        (3, 1),
        (3, 2),
        (3, 3),
        (4, 0),
        (4, 1),
    ]
    assert index.locate(99) == (4, 1)
    assert index.set(1, 5) and index.total == 14
    assert index.locate(4) == (1, 1) and index.line_of(3) == 8
    assert LineIndex([]).locate(0) == (0, 0)


def test_line_index_random_against_prefix_sums() -> None:
    rng = random.Random(7)
    counts = [rng.randint(0, 6) for _ in range(500)]
    index = LineIndex(counts)
    for _ in range(200):
        item = rng.randrange(500)
        counts[item] = rng.randint(0, 6)
        index.set(item, counts[item])
    starts = [sum(counts[:i]) for i in range(501)]
    assert [index.line_of(i) for i in range(501)] == starts
    for line in range(0, sum(counts), 7):
        item, offset = index.locate(line)
        assert starts[item] <= line < starts[item] + counts[item]
        assert offset == line - starts[item]


def test_lines_are_cached_and_justified_on_request() -> None:
    story = Story(chapters=[Chapter("C", [para("one two three four five six seven eight nine")])])
    doc = Document(story)
    assert doc.lines(1, 20) is doc.lines(1, 20)
    justified = doc.lines(1, 20, justify=True)
    first = "".join(span.text for span in justified[0].spans)
    assert len(first) == 20 and "  " in first


def test_search_offsets_count_non_space_characters() -> None:
    story = Story(chapters=[Chapter("C", [para("alpha  beta gamma delta epsilon")])])
    doc = Document(story)
    lines = doc.lines(1, 12)
    texts = ["".join(s.text for s in line.spans) for line in lines[:-1]]
    assert texts == ["alpha beta", "gamma delta", "epsilon"]
    assert [line.offset for line in lines[:-1]] == [0, 9, 19]
