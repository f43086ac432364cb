"""The one sanitizer: nothing from a file reaches the terminal as a control."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fictui.text.sanitize import display_path, has_unsafe, sanitize, sanitize_line


def test_escape_becomes_a_visible_placeholder() -> None:
    assert sanitize("a\x1b]52;c;aGk=\x07b") == "a\u241b]52;c;aGk=\u2407b"


def test_c1_controls_are_shown_as_hex() -> None:
    assert sanitize("x\x9b2Jy\x9dz") == "x\\x9b2Jy\\x9dz"


def test_bidi_overrides_are_named() -> None:
    assert sanitize("abc\u202edef\u2066") == "abc<U+202E>def<U+2066>"


def test_newlines_and_tabs_survive_and_cr_becomes_newline() -> None:
    assert sanitize("a\tb\r\nc\rd\ne") == "a\tb\nc\nd\ne"


def test_delete_is_shown() -> None:
    assert sanitize("a\x7fb") == "a\u2421b"


def test_line_fields_fold_newlines() -> None:
    assert sanitize_line("  The\nTitle \x1b ") == "The Title \u241b"


def test_display_path_shows_undecodable_bytes_and_controls() -> None:
    name = b"bad\xff\x1b[2J.txt".decode("utf-8", "surrogateescape")
    shown = display_path(name)
    assert "\x1b" not in shown
    assert "\udcff" not in shown
    assert shown.endswith(".txt")


@given(st.text())
def test_no_control_survives(text: str) -> None:
    out = sanitize(text)
    assert not has_unsafe(out)
    assert "\r" not in out
    for char in out:
        code = ord(char)
        assert code in (9, 10) or code >= 0x20
        assert not 0x7F <= code <= 0x9F
