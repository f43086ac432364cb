"""Turning the reader's display lines into strips: margins, gutter marks, styles and hits."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.strip import Strip

from fictui.model import Realm, Style
from fictui.reading.document import DisplayLine, Item, Role

GUTTER = 3
"""Cells left of the column for the passage mark, the realm bar and a space."""
REALM_BAR = "▌"
"""The gutter bar beside italic-realm paragraphs (visible without colour)."""
PASSAGE_MARK = "•"
"""The gutter mark beside paragraphs that have a passage note."""
NOTE_BORDER = "│ "
"""The left border of an inline author's note."""


@dataclass(slots=True)
class ReaderStyles:
    """The Rich styles of the reader's parts, read once per theme from its component classes."""

    body: RichStyle
    """Reading text (and the page background)."""
    heading: RichStyle
    """Chapter and section headings."""
    realm: RichStyle
    """Italic-realm text."""
    gutter: RichStyle
    """The realm's gutter bar."""
    note: RichStyle
    """Inline author's notes."""
    search: RichStyle
    """Every search hit."""
    current: RichStyle
    """The current search hit."""
    ornament: RichStyle
    """The scene-break ornament."""
    mark: RichStyle
    """The passage-note mark."""
    bold: RichStyle
    """Bold spans."""


_SPAN_STYLES = {
    Style.ITALIC: RichStyle(italic=True),
    Style.BOLD: RichStyle(bold=True),
    Style.UNDERLINE: RichStyle(underline=True),
}


_combined: dict[tuple[RichStyle, int, RichStyle], RichStyle] = {}


def _span_style(base: RichStyle, flags: Style, bold: RichStyle) -> RichStyle:
    key = (base, int(flags), bold)
    found = _combined.get(key)
    if found is not None:
        return found
    if len(_combined) > 512:
        _combined.clear()
    style = base
    if flags & Style.ITALIC:
        style += _SPAN_STYLES[Style.ITALIC]
    if flags & Style.BOLD:
        style += bold
    if flags & Style.UNDERLINE:
        style += _SPAN_STYLES[Style.UNDERLINE]
    _combined[key] = style
    return style


def _role_style(styles: ReaderStyles, line: DisplayLine, item: Item) -> RichStyle:
    if line.role is Role.HEADING:
        return styles.heading
    if line.role in (Role.NOTE, Role.NOTE_LABEL):
        return styles.note
    if line.role is Role.ORNAMENT:
        return styles.ornament
    if item.realm is Realm.ITALIC:
        return styles.realm
    return styles.body


def _hit_columns(line: DisplayLine, ranges: list[tuple[int, int, bool]]) -> list[int]:
    """Per character of the line: 0 plain, 1 search hit, 2 current hit."""
    text = "".join(span.text for span in line.spans)
    marks = [0] * len(text)
    position = line.offset
    last_hit = 0
    for index, char in enumerate(text):
        if char.isspace():
            # A gap inside a hit (between two of its characters) is part of the hit.
            for start, end, current in ranges:
                if start < position < end and last_hit:
                    marks[index] = 2 if current else 1
            continue
        last_hit = 0
        for start, end, current in ranges:
            if start <= position < end:
                marks[index] = last_hit = 2 if current else 1
        position += 1
    return marks


def paint_line(
    line: DisplayLine,
    item: Item,
    *,
    styles: ReaderStyles,
    width: int,
    left: int,
    column: int,
    marked: bool,
    hits: list[tuple[int, int, bool]] | None = None,
) -> Strip:
    """Draw one display line across the reader's full width.

    Args:
        line: The line to draw.
        item: The item it belongs to (its realm picks the style and the gutter bar).
        styles: The reader's styles.
        width: The widget's content width.
        left: Cells before the reading column (the gutter sits just left of it).
        column: The reading column's width.
        marked: Draw the passage-note mark (on the first line of a paragraph).
        hits: Search hits on this item as (first, end, current) in non-space characters.

    Returns:
        A strip exactly ``width`` cells wide.
    """
    base = styles.body
    segments = [Segment(" " * max(0, left - GUTTER), base)]
    show_bar = item.realm is Realm.ITALIC and line.role is Role.BODY
    segments.append(Segment(PASSAGE_MARK if marked and line.first else " ", styles.mark))
    segments.append(Segment(REALM_BAR if show_bar else " ", styles.gutter))
    segments.append(Segment(" ", base))
    role_style = _role_style(styles, line, item)
    used = sum(cell_len(span.text) for span in line.spans)
    pad = line.indent
    if line.centre:
        pad += max(0, (column - line.indent - used) // 2)
    if line.role in (Role.NOTE, Role.NOTE_LABEL) and line.indent >= len(NOTE_BORDER):
        segments.append(Segment(" " * (pad - len(NOTE_BORDER)), base))
        segments.append(Segment(NOTE_BORDER, styles.note))
    elif pad:
        segments.append(Segment(" " * pad, base))
    marks = _hit_columns(line, hits) if hits else None
    position = 0
    for span in line.spans:
        style = _span_style(role_style, span.style, styles.bold)
        if marks is None:
            segments.append(Segment(span.text, style))
            continue
        run_start = 0
        text = span.text
        for index in range(1, len(text) + 1):
            if index == len(text) or marks[position + index] != marks[position + run_start]:
                kind = marks[position + run_start]
                run_style = style
                if kind:
                    run_style = style + (styles.current if kind == 2 else styles.search)
                segments.append(Segment(text[run_start:index], run_style))
                run_start = index
        position += len(text)
    return Strip(segments).adjust_cell_length(width, base)
