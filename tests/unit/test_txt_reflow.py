"""Re-flowing hard-wrapped text, keeping lines short on purpose, quotes and breaks."""

from __future__ import annotations

from fictui.formats.txt_reflow import RawBlock, measure_width, reflow_unit
from fictui.model import BlockKind

WRAPPED = (
    "The first tree rang on the morning of the frost. Ilse heard it from the\n"
    "kitchen, a thin clear note like a spoon against a glass, and she put down\n"
    "the kettle and went out in her stockings to find it."
)


def blocks(unit: str, width: int | None = 74) -> list[RawBlock]:
    out: list[RawBlock] = []
    reflow_unit(unit, width, out)
    return out


def test_measure_width_of_wrapped_text() -> None:
    assert measure_width([WRAPPED, WRAPPED]) in range(70, 76)
    assert measure_width(["one line", "another line"]) is None


def test_wrapped_lines_join_into_a_paragraph() -> None:
    [(kind, text)] = blocks(WRAPPED)
    assert kind is BlockKind.PARAGRAPH
    assert "\n" not in text
    assert text.startswith("The first tree rang") and text.endswith("to find it.")
    assert "the kitchen, a thin" in text


def test_dialogue_lines_stay_as_lines() -> None:
    unit = '"Do you hear it?" Tamsin asked.\n"I hear it."\n"Then it has started."'
    [(kind, text)] = blocks(unit)
    assert kind is BlockKind.VERSE
    assert text.split("\n") == [
        '"Do you hear it?" Tamsin asked.',
        '"I hear it."',
        '"Then it has started."',
    ]


def test_poem_stays_as_lines() -> None:
    unit = "Please knock\nthen wait\nthen knock again\nthen go home"
    [(kind, text)] = blocks(unit)
    assert kind is BlockKind.VERSE and text.count("\n") == 3


def test_list_items_keep_their_lines() -> None:
    unit = "- a penknife\n- half a sandwich\n- a map"
    [(kind, text)] = blocks(unit)
    assert kind is BlockKind.VERSE
    assert text.split("\n") == ["- a penknife", "- half a sandwich", "- a map"]


def test_quote_lines_become_a_quote_block() -> None:
    [(kind, text)] = blocks("> Come home. The house misses you.\n> Bring the blue coat.")
    assert kind is BlockKind.QUOTE
    assert "Come home" in text and "blue coat" in text and ">" not in text


def test_one_line_quote() -> None:
    assert blocks("> Bring the coat.") == [(BlockKind.QUOTE, "Bring the coat.")]


def test_hyphen_broken_word_joins() -> None:
    unit = "She had never trusted the clocks in the tower, which were all very well-\nknown liars."
    [(_, text)] = blocks(unit)
    assert "well-known liars." in text


def test_separator_inside_a_chunk() -> None:
    unit = "It ended there.\n* * *\nIt began again."
    kinds = [kind for kind, _ in blocks(unit)]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.SCENE_BREAK, BlockKind.PARAGRAPH]


def test_long_unwrapped_lines_are_paragraphs() -> None:
    line = "word " * 40
    out = blocks(f"{line}\n{line}\n{line}", width=None)
    assert [kind for kind, _ in out] == [BlockKind.PARAGRAPH] * 3


def test_indented_paragraphs_without_blank_lines() -> None:
    unit = (
        "    It was late. The harbour lamps had gone out one by one along the\n"
        "quay and only the lighthouse was still turning.\n"
        "    She waited anyway, because she had said she would, and because the\n"
        "cold was not yet the kind that hurt."
    )
    out = blocks(unit)
    assert [kind for kind, _ in out] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert out[1][1].startswith("She waited anyway")


def test_single_line_paragraph_is_stripped() -> None:
    assert blocks("   Hello there.  ") == [(BlockKind.PARAGRAPH, "Hello there.")]
