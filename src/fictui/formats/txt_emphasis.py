"""Plain-text emphasis (``_italic_``, ``*italic*``, ``**bold**``, ``/italic/``) as styled spans."""

from __future__ import annotations

import re

from fictui.model import Span, Style

# Openers must follow a space, the start or opening punctuation and closers must
# come before a space, the end or punctuation: that keeps ``2*3*4``, ``snake_case``,
# ``and/or`` and ``7/5/03`` plain. Content stops at the next delimiter so a lone
# opener costs one short scan, never a quadratic one. The content is matched
# greedily: it cannot run past the next delimiter anyway, and a greedy run is one
# tight loop where a lazy one tries the closer at every character. One pattern per
# delimiter, each starting with its delimiter as a literal and checking what
# precedes it afterwards: the engine then jumps straight from one delimiter to
# the next, many times faster than trying a character class at every position.
_PATTERNS = {
    "*": re.compile(
        r"\*(?:\*(?<![\w*]\*\*)(?=[^\s*])(?P<bold>(?:[^*]|\*(?!\*))+)(?<=[^\s*])\*\*(?![\w*])"
        r"|(?<![\w*]\*)(?=[^\s*])(?P<star>[^*]+)(?<=[^\s*])\*(?![\w*]))"
    ),
    "_": re.compile(
        r"_(?:_(?<![\w_]__)(?=[^\s_])(?P<under2>(?:[^_]|_(?!_))+)(?<=[^\s_])__(?![\w_])"
        r"|(?<![\w_]_)(?=[^\s_])(?P<under>[^_]+)(?<=[^\s_])_(?![\w_]))"
    ),
    "/": re.compile(r"/(?<![\w/:<.\\]/)(?=[^\s/])(?P<slash>[^/\n]+)(?<=[^\s/<:])/(?![\w/])"),
}
_STYLE_OF = {
    "bold": Style.BOLD,
    "star": Style.ITALIC,
    "under2": Style.BOLD,
    "under": Style.ITALIC,
    "slash": Style.ITALIC,
}
# Text where a delimiter is never emphasis: links, addresses, file paths.
_PROTECTED_RE = re.compile(
    r"(?i)\b(?:https?|ftp|file)://\S+|\bwww\.\S+|[\w.+\-]+@[\w\-]+\.[\w.\-]+"
    r"|(?<![\w/])(?:~|\.{1,2})?/[\w.\-]+/\w[\w.\-]*(?:/[\w.\-]*)*|\b[A-Za-z]:\\\S*"
)
_MARKS = frozenset("*_/")
# Style arithmetic on the enum costs microseconds; this table costs a lookup.
_COMBINED = {
    (int(base), kind): Style(int(base) | int(flag))
    for base in range(8)
    for kind, flag in _STYLE_OF.items()
}
_MAX_DEPTH = 3


def has_marks(text: str) -> bool:
    """True when the text holds a character that may delimit emphasis."""
    return "*" in text or "_" in text or "/" in text


def _protected(text: str) -> list[tuple[int, int]]:
    if "/" not in text and "@" not in text and "\\" not in text and "www." not in text:
        return []
    return [match.span() for match in _PROTECTED_RE.finditer(text)]


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(low < end and start < high for low, high in ranges)


def _matches(text: str) -> list[re.Match[str]]:
    """Emphasis matches of every delimiter in the text, in order."""
    found: list[re.Match[str]] = []
    kinds = 0
    for mark, pattern in _PATTERNS.items():
        if mark in text:
            found.extend(pattern.finditer(text))
            kinds += 1
    if kinds > 1:
        found.sort(key=lambda match: match.start())
    return found


def _parse(text: str, style: Style, depth: int, out: list[Span]) -> None:
    if depth >= _MAX_DEPTH or not has_marks(text):
        out.append(Span(text, style))
        return
    matches = _matches(text)
    if not matches:
        out.append(Span(text, style))
        return
    ranges = _protected(text)
    position = 0
    key = int(style)
    for match in matches:
        start, end = match.span()
        if start < position:
            continue  # overlaps a match of another delimiter
        if ranges and _inside(ranges, start, end):
            continue
        kind = match.lastgroup or "star"
        inner = match.group(kind)
        if kind == "slash" and not any(ch.isalpha() for ch in inner):
            continue
        if start > position:
            out.append(Span(text[position:start], style))
        combined = _COMBINED[(key, kind)]
        if has_marks(inner):
            _parse(inner, combined, depth + 1, out)
        else:
            out.append(Span(inner, combined))
        position = end
    if position == 0:
        out.append(Span(text, style))
    elif position < len(text):
        out.append(Span(text[position:], style))


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and merged[-1].style == span.style:
            merged[-1] = Span(merged[-1].text + span.text, span.style)
        else:
            merged.append(span)
    return merged


def emphasis_spans(text: str, style: Style = Style.PLAIN) -> list[Span]:
    """Turn a paragraph's text into styled spans, removing the emphasis marks.

    Args:
        text: One paragraph, already re-flowed (emphasis may span its lines).
        style: A style the whole paragraph already has.

    Returns:
        The spans, adjacent spans of one style merged; the text itself when it
        has no emphasis.
    """
    if not has_marks(text):
        return [Span(text, style)]
    out: list[Span] = []
    _parse(text, style, 0, out)
    if len(out) == 1:
        return out
    # Only nested emphasis can leave two neighbours of one style to merge.
    for index in range(1, len(out)):
        if out[index].style == out[index - 1].style:
            return _merge(out)
    return out


def open_mark(text: str) -> str | None:
    """The delimiter a paragraph opens and never closes (emphasis running on), or None."""
    first = text[:2]
    if not first or first[0] not in _MARKS or len(text) < 2 or text[1].isspace():
        return None
    mark = "**" if first == "**" else "__" if first == "__" else first[0]
    if text.count(mark) % 2 == 1 and not text.rstrip().endswith(mark):
        return mark
    return None


def closes_mark(text: str, mark: str) -> bool:
    """True when a paragraph ends a run of emphasis opened in an earlier one."""
    core = text.rstrip()
    if not core.endswith(mark) or len(core) <= len(mark):
        return False
    return core.count(mark) % 2 == 1 and not core[-len(mark) - 1].isspace()


__all__ = ["closes_mark", "emphasis_spans", "has_marks", "open_mark"]
