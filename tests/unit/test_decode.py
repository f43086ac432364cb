"""Decoding bytes: BOMs, UTF-8, UTF-16 without BOM, Windows-1252, mixtures, binaries."""

from __future__ import annotations

import codecs

import pytest

from fictui.errors import StoryError
from fictui.text.decode import decode


def test_strict_utf8() -> None:
    result = decode("caf\u00e9 \u2014 ok".encode())
    assert result.text == "caf\u00e9 \u2014 ok"
    assert result.encoding == "utf-8"
    assert result.problems == []


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_wins(bom: bytes, codec: str) -> None:
    result = decode(bom + "Snow \u2603 falls".encode(codec))
    assert result.text == "Snow \u2603 falls"
    assert result.encoding == codec


def test_windows_1252_smart_quotes() -> None:
    result = decode(b"\x93I can\x92t\x94 \x85 \x96 yes")
    assert result.text == "\u201cI can\u2019t\u201d \u2026 \u2013 yes"
    assert result.encoding == "windows-1252"
    assert "decoded as windows-1252" in result.problems


def test_mixed_utf8_and_windows_1252_is_decoded_piece_by_piece() -> None:
    data = "caf\u00e9 line\n".encode() + b"She said \x93hi\x94.\n"
    result = decode(data)
    assert result.text == "caf\u00e9 line\nShe said \u201chi\u201d.\n"
    assert result.encoding == "utf-8+windows-1252"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec: str) -> None:
    text = "A quiet morning in the valley.\nShe woke early."
    result = decode(text.encode(codec))
    assert result.text == text
    assert result.encoding == codec


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00rest",
        b"PK\x03\x04\x14\x00\x00\x00",
        b"%PDF-1.7\n",
        b"text then \x00\x01\x02\x03 binary \x00\xff",
    ],
)
def test_binary_files_are_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(StoryError):
        decode(data)


def test_latin_text_without_cp1252_punctuation_is_detected() -> None:
    text = "Der B\u00e4r ging \u00fcber die Br\u00fccke und a\u00df einen Apfel. " * 20
    result = decode(text.encode("latin-1"))
    assert "B\u00e4r" in result.text
    assert result.problems
