"""Wrapping styled paragraphs into lines of a given cell width (shared by the reader and `cat`)."""

from __future__ import annotations

import re

from rich.cells import cell_len

from fictui.model import Block, BlockKind, Span, Style

Line = list[Span]
"""One wrapped line: styled runs whose widths add up to at most the width."""

_TOKEN_RE = re.compile(r"\S+|\s+")


def _words(spans: list[Span]) -> list[list[Span]]:
    """Split styled runs into words; a word may change style midway ("*He*llo")."""
    words: list[list[Span]] = []
    current: list[Span] = []
    for span in spans:
        for token in _TOKEN_RE.findall(span.text):
            if token[0].isspace():
                if current:
                    words.append(current)
                    current = []
            else:
                current.append(Span(token, span.style))
    if current:
        words.append(current)
    return words


def _word_width(word: list[Span]) -> int:
    return sum(cell_len(span.text) for span in word)


def _break_word(word: list[Span], width: int) -> list[list[Span]]:
    """Cut a word wider than the line into pieces that fit."""
    pieces: list[list[Span]] = []
    current: list[Span] = []
    used = 0
    for span in word:
        text = ""
        for char in span.text:
            size = cell_len(char)
            if used + size > width and (used or text):
                if text:
                    current.append(Span(text, span.style))
                pieces.append(current)
                current, text, used = [], "", 0
            text += char
            used += size
        if text:
            current.append(Span(text, span.style))
    if current:
        pieces.append(current)
    return pieces


def _merge(line: list[Span]) -> Line:
    merged: Line = []
    for span in line:
        if merged and merged[-1].style == span.style:
            merged[-1] = Span(merged[-1].text + span.text, span.style)
        else:
            merged.append(span)
    return merged


def _space_style(before: list[Span], after: list[Span]) -> Style:
    # A space between two italic words is italic, so an italic phrase reads as one run.
    return before[-1].style & after[0].style


def wrap_spans(spans: list[Span], width: int, *, justify: bool = False) -> list[Line]:
    """Wrap styled text to ``width`` cells, greedily, keeping styles.

    Args:
        spans: The styled runs of one paragraph (newlines count as spaces).
        width: The line width in terminal cells (at least 1).
        justify: Pad inner gaps so every line but the last fills the width.

    Returns:
        The wrapped lines; an empty paragraph gives one empty line.
    """
    width = max(1, width)
    lines: list[list[list[Span]]] = []
    current: list[list[Span]] = []
    used = 0
    for word in _words(spans):
        size = _word_width(word)
        if size > width:
            if current:
                lines.append(current)
            pieces = _break_word(word, width)
            lines.extend([piece] for piece in pieces[:-1])
            current, used = [pieces[-1]], _word_width(pieces[-1])
            continue
        needed = size + (1 if current else 0)
        if current and used + needed > width:
            lines.append(current)
            current, used = [word], size
        else:
            current.append(word)
            used += needed
    if current or not lines:
        lines.append(current)
    result: list[Line] = []
    for number, words in enumerate(lines):
        gaps = len(words) - 1
        extra = 0
        if justify and gaps > 0 and number < len(lines) - 1:
            extra = width - sum(_word_width(w) for w in words) - gaps
        line: list[Span] = []
        for index, word in enumerate(words):
            if index:
                pad = 1 + (extra // gaps) + (1 if index <= extra % gaps else 0)
                line.append(Span(" " * pad, _space_style(words[index - 1], word)))
            line.extend(word)
        result.append(_merge(line))
    return result


def wrap_block(block: Block, width: int, *, justify: bool = False) -> list[Line]:
    """Wrap one block; verse keeps its own line breaks and wraps only long lines.

    Args:
        block: A paragraph, quote, verse block or heading.
        width: The width in cells.
        justify: Justify paragraphs (never verse or headings).

    Returns:
        The block's lines.
    """
    if block.kind is BlockKind.SCENE_BREAK:
        return [[]]
    if block.kind is BlockKind.VERSE:
        out: list[Line] = []
        for row in split_lines(block.spans):
            out.extend(wrap_spans(row, width))
        return out
    return wrap_spans(block.spans, width, justify=justify and block.kind is BlockKind.PARAGRAPH)


def split_lines(spans: list[Span]) -> list[list[Span]]:
    """Split styled runs at newlines into rows of runs."""
    rows: list[list[Span]] = [[]]
    for span in spans:
        parts = span.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                rows.append([])
            if part:
                rows[-1].append(Span(part, span.style))
    return rows


def line_width(line: Line) -> int:
    """The width of a wrapped line in cells."""
    return sum(cell_len(span.text) for span in line)
