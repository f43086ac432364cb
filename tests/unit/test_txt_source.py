"""Decoding and cutting a file into chunks, whole or piece by piece, with the same result."""

from __future__ import annotations

import random

import pytest

from fictui.errors import StoryError
from fictui.formats import txt_source
from fictui.formats.txt_source import normalize_newlines, read_source, split_units
from fictui.text.decode import decode


def whole(data: bytes) -> tuple[list[str], list[int]]:
    return split_units(normalize_newlines(decode(data).text))


def make_text(seed: int, newline: str) -> str:
    rng = random.Random(seed)
    parts = []
    for _ in range(400):
        words = " ".join(
            rng.choice(["caf\u00e9", "lamp", "river", "\u2014", "x"]) for _ in range(30)
        )
        lines = [words[i : i + 40] for i in range(0, len(words), 40)]
        parts.append(newline.join(lines))
        parts.append(newline * rng.choice([2, 2, 3, 4, 5]) + rng.choice(["", " ", "\u00a0"]))
    return "".join(parts)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pieces_match_whole(monkeypatch: pytest.MonkeyPatch, seed: int, newline: str) -> None:
    monkeypatch.setattr(txt_source, "PIECE_BYTES", 997)
    data = make_text(seed, newline).encode("utf-8")
    source = read_source(data)
    assert source.encoding == "utf-8"
    assert (source.units, source.gaps) == whole(data)
    assert len(source.gaps) == len(source.units) - 1


def test_gaps_count_blank_lines() -> None:
    units, gaps = split_units("a\n\nb\n\n\n\nc\n \t\nd")
    assert units == ["a", "b", "c", "d"]
    assert gaps == [1, 3, 1]


def test_later_piece_in_cp1252_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(txt_source, "PIECE_BYTES", 500)
    data = make_text(4, "\n").encode("utf-8") + b"\n\nShe said \x93hello\x94.\n"
    source = read_source(data)
    assert source.encoding == "utf-8+windows-1252"
    assert source.units[-1].rstrip("\n") == "She said \u201chello\u201d."


def test_nul_in_a_later_piece_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(txt_source, "PIECE_BYTES", 500)
    data = make_text(5, "\n").encode("utf-8") + b"\x00\x00\x00"
    with pytest.raises(StoryError):
        read_source(data)
