"""The test screen model reads what a terminal would show."""

from __future__ import annotations

from tests.e2e.vt_screen import Screen


def test_cursor_addressing_and_text() -> None:
    screen = Screen(10, 3)
    screen.feed(b"\x1b[2;3Hhi\x1b[1;1Htop")
    assert screen.display == ["top       ", "  hi      ", "          "]


def test_erase_and_colours_are_handled() -> None:
    screen = Screen(6, 2)
    screen.feed(b"\x1b[31mabcdef\x1b[0m\x1b[1;3H\x1b[K\x1b[2;1Hxyz\x1b[2;2H\x1b[1X")
    assert screen.display == ["ab    ", "x z   "]


def test_osc_and_private_modes_draw_nothing_even_split_across_reads() -> None:
    screen = Screen(8, 1)
    screen.feed(b"\x1b[?1049h\x1b]0;ti")
    screen.feed(b"tle\x07ok")
    assert screen.display == ["ok      "]


def test_wide_characters_take_two_cells_and_utf8_may_be_split() -> None:
    screen = Screen(6, 1)
    data = "\u6f22a".encode()
    screen.feed(data[:2])
    screen.feed(data[2:])
    assert screen.display == ["\u6f22a   "]


def test_writing_past_the_last_column_wraps_and_scrolls() -> None:
    screen = Screen(3, 2)
    screen.feed(b"abcdefg")
    assert screen.display == ["def", "g  "]
