"""Turning an HTML element tree (selectolax/Lexbor) into story blocks with styled spans."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from fictui.model import Block, BlockKind, Span, Style


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


SKIP_TAGS = _names(
    "-comment script style noscript template head title meta link nav form button input "
    "select option textarea iframe object embed svg math canvas audio video aside header "
    "footer menu dialog"
)
"""Elements whose content is never shown: code, styles, forms and site navigation."""

BLOCK_TAGS = _names(
    "html body main p div section article blockquote h1 h2 h3 h4 h5 h6 hr ul ol li dl dt "
    "dd table thead tbody tfoot tr td th caption pre center figure figcaption address "
    "details summary fieldset legend hgroup"
)
"""Elements that end the paragraph before them and start a new one."""

TAG_STYLES: dict[str, Style] = {
    "i": Style.ITALIC,
    "em": Style.ITALIC,
    "cite": Style.ITALIC,
    "var": Style.ITALIC,
    "dfn": Style.ITALIC,
    "b": Style.BOLD,
    "strong": Style.BOLD,
    "u": Style.UNDERLINE,
    "ins": Style.UNDERLINE,
}
"""Inline elements that carry a style by themselves."""

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
"""Heading elements and their levels."""

MAX_DEPTH = 150
"""Deeper nesting than this is read as flat text (hostile or broken pages)."""

_WS_RE = re.compile(r"[ \t\n\r\f\v]+")
_ITALIC_RE = re.compile(r"font-style\s*:\s*(?:italic|oblique)", re.IGNORECASE)
_BOLD_RE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
_UNDERLINE_RE = re.compile(r"text-decoration[\w-]*\s*:[^;]*underline", re.IGNORECASE)
_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CENTER_RE = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_SEPARATOR_RE = re.compile(r"[^\w\"“”'‘’]{3,40}|[xXoO0~\-=+*#. ]{1,15}")
_HAS_SYMBOL_RE = re.compile(r"[^\w\s]")


@dataclass(slots=True)
class ClassStyles:
    """What a stylesheet says about class names: inline styles and centring."""

    styles: dict[str, Style] = field(default_factory=dict)
    """Class name -> the inline style its rules give (italic, bold, underline)."""
    centered: set[str] = field(default_factory=set)
    """Class names whose rules centre the text."""


def style_of_declarations(text: str) -> Style:
    """The inline style a CSS declaration list (a style attribute) gives."""
    style = Style.PLAIN
    if _ITALIC_RE.search(text):
        style |= Style.ITALIC
    if _BOLD_RE.search(text):
        style |= Style.BOLD
    if _UNDERLINE_RE.search(text):
        style |= Style.UNDERLINE
    return style


def is_centered_declarations(text: str) -> bool:
    """True when a CSS declaration list centres the text."""
    return bool(_CENTER_RE.search(text))


def is_separator_text(text: str, centered: bool) -> bool:
    """True when a paragraph's text is a scene-break ornament ("* * *", "~o~")."""
    if len(text) > 80:
        return False
    core = text.strip()
    if not core or len(core) > 40:
        return False
    if not any(ch.isalnum() for ch in core):
        if not core.strip(".… "):
            return centered  # "..." alone is usually a silent line of dialogue
        # Punctuation alone: a break when there is enough of it or it is centred
        # (a lone "..." of dialogue is neither).
        return len(core.replace(" ", "")) >= 3 or centered
    return (
        centered
        and bool(_SEPARATOR_RE.fullmatch(core))
        and (len(core) >= 3 or bool(_HAS_SYMBOL_RE.search(core)))
    )


def parse_html(text: str) -> LexborHTMLParser:
    """Parse HTML text with the HTML5 parser (tolerant of broken markup)."""
    return LexborHTMLParser(text)


def node_text(node: LexborNode) -> str:
    """The visible text of a node, whitespace collapsed (scripts and styles left out)."""
    parts: list[str] = []
    _collect_text(node, parts, 0)
    return _WS_RE.sub(" ", "".join(parts)).strip()


def _collect_text(node: LexborNode, parts: list[str], depth: int) -> None:
    child = node.child
    while child is not None:
        tag = child.tag
        if tag == "-text":
            parts.append(child.text_content or "")
        elif tag == "br":
            parts.append("\n")
        elif tag not in SKIP_TAGS:
            if depth > MAX_DEPTH:
                parts.append(child.text(deep=True))
            else:
                if tag in BLOCK_TAGS:
                    parts.append(" ")
                _collect_text(child, parts, depth + 1)
                if tag in BLOCK_TAGS:
                    parts.append(" ")
        child = child.next


class BlockBuilder:
    """Collects blocks from HTML nodes, one paragraph at a time."""

    def __init__(self, classes: ClassStyles | None = None) -> None:
        """Start with no blocks.

        Args:
            classes: Styles that a stylesheet gives to class names (EPUB CSS).
        """
        self.blocks: list[Block] = []
        """The blocks collected so far."""
        self.levels: dict[int, int] = {}
        """Heading level of each heading block, by its index in ``blocks``."""
        self._classes = classes.styles if classes else {}
        self._centered_classes = classes.centered if classes else set()
        self._spans: list[Span] = []
        self._quote = 0
        self._pre = 0
        self._centered = False
        self._has_break = False
        self._lists: list[int] = []

    def add(self, node: LexborNode) -> None:
        """Add a node and everything inside it."""
        self._node(node, Style.PLAIN, 0)
        self.flush()

    def feed(self, node: LexborNode) -> None:
        """Add a node without ending the paragraph (inline pieces of one value)."""
        self._node(node, Style.PLAIN, 0)

    def add_children(self, node: LexborNode) -> None:
        """Add everything inside a node (not its own style or block role)."""
        self._children(node, Style.PLAIN, 0)
        self.flush()

    def take(self) -> list[Block]:
        """Return the blocks collected so far and start again."""
        self.flush()
        blocks, self.blocks, self.levels = self.blocks, [], {}
        return blocks

    def _class_info(self, node: LexborNode, style: Style) -> tuple[Style, bool | None]:
        """The node's style and centring; None for centring when it is not to be shown."""
        # The plain dict of attributes is far cheaper to get than the attrs view.
        attrs = node.attributes
        if not attrs:
            return style, False
        if attrs.get("role") == "navigation" or "hidden" in attrs:
            return style, None
        centered = False
        classes = attrs.get("class")
        if classes and (self._classes or self._centered_classes):
            for name in classes.split():
                extra = self._classes.get(name)
                if extra is not None:
                    style |= extra
                if name in self._centered_classes:
                    centered = True
        inline = attrs.get("style")
        if inline:
            if _HIDDEN_RE.search(inline):
                return style, None
            style |= style_of_declarations(inline)
            centered = centered or is_centered_declarations(inline)
        if attrs.get("align") == "center":
            centered = True
        return style, centered

    def _children(self, node: LexborNode, style: Style, depth: int) -> None:
        child = node.child
        while child is not None:
            self._node(child, style, depth)
            child = child.next

    def _node(self, node: LexborNode, style: Style, depth: int) -> None:
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if text:
                # Checking first is much cheaper than a substitution on every node.
                if not self._pre and ("\n" in text or "  " in text or "\t" in text or "\r" in text):
                    text = _WS_RE.sub(" ", text)
                self._spans.append(Span(text, style))
            return
        if tag in SKIP_TAGS or tag is None:
            return
        if tag == "br":
            self._spans.append(Span("\n", style))
            self._has_break = True
            return
        if depth > MAX_DEPTH:
            self._spans.append(Span(" " + _WS_RE.sub(" ", node.text(deep=True)) + " ", style))
            return
        if node.child is None:
            if tag == "hr":
                self.flush()
                self.blocks.append(Block(BlockKind.SCENE_BREAK))
            elif tag == "img":
                alt = node.attrs.get("alt")
                if alt and alt.strip() and alt.strip().lower() not in ("cover", "image"):
                    self._spans.append(Span(f"[{alt.strip()}]", style))
            return
        extra = TAG_STYLES.get(tag)
        if extra is not None:
            style = style | extra
        style, centered = self._class_info(node, style)
        if centered is None:
            return
        if tag not in BLOCK_TAGS:
            self._children(node, style, depth + 1)
            return
        self.flush()
        was_centered = self._centered
        self._centered = centered or was_centered or tag == "center"
        if tag in ("ul", "ol"):
            # -1 marks a bulleted list; a number counts the items of a numbered one.
            self._lists.append(0 if tag == "ol" else -1)
            self._children(node, style, depth + 1)
            self._lists.pop()
        elif tag == "li":
            if self._lists and self._lists[-1] >= 0:
                self._lists[-1] += 1
                self._spans.append(Span(f"{self._lists[-1]}. "))
            else:
                self._spans.append(Span("• "))
            self._children(node, style, depth + 1)
            self.flush()
        elif tag == "blockquote":
            self._quote += 1
            self._children(node, style, depth + 1)
            self.flush()
            self._quote -= 1
        elif tag in HEADINGS:
            self._children(node, style & ~Style.BOLD, depth + 1)
            self.flush(BlockKind.HEADING, HEADINGS[tag])
        elif tag == "pre":
            self._pre += 1
            self._children(node, style, depth + 1)
            self._has_break = True
            self.flush()
            self._pre -= 1
        else:
            inner: LexborNode | None = node.child
            depth += 1
            while inner is not None:
                self._node(inner, style, depth)
                inner = inner.next
            self.flush()
        self._centered = was_centered

    def flush(self, kind: BlockKind | None = None, level: int = 0) -> None:
        """End the paragraph being collected, if it has any visible text."""
        spans = self._spans
        if not spans:
            return
        self._spans = []
        has_break, self._has_break = self._has_break, False
        spans = _tidy(spans, has_break)
        if not spans:
            return
        text = spans[0].text if len(spans) == 1 else "".join(span.text for span in spans)
        if kind is None:
            if is_separator_text(text, self._centered) and "\n" not in text:
                self.blocks.append(Block(BlockKind.SCENE_BREAK))
                return
            if has_break and "\n" in text:
                kind = BlockKind.VERSE
            elif self._quote:
                kind = BlockKind.QUOTE
            else:
                kind = BlockKind.PARAGRAPH
        if kind is BlockKind.HEADING:
            self.levels[len(self.blocks)] = level
            spans = [Span(text.replace("\n", " "), spans[0].style)] if "\n" in text else spans
        self.blocks.append(Block(kind, spans))


def _tidy(spans: list[Span], has_break: bool) -> list[Span]:
    """Merge runs of one style and trim the spaces HTML does not show."""
    if len(spans) == 1 and not has_break:
        only = spans[0]
        text = only.text.strip()
        return [Span(text, only.style)] if text else []
    merged: list[Span] = []
    for span in spans:
        text = span.text
        if merged:
            last = merged[-1]
            if last.text.endswith((" ", "\n")) and text.startswith(" "):
                text = text.lstrip(" ")
                if not text:
                    continue
            if last.style == span.style or not text.strip(" "):
                merged[-1] = Span(last.text + text, last.style)
                continue
        elif not text.strip():
            continue
        merged.append(Span(text, span.style))
    if not merged:
        return merged
    if has_break:
        merged = [Span(_trim_lines(span.text), span.style) for span in merged]
    merged[0] = Span(merged[0].text.lstrip(), merged[0].style)
    merged[-1] = Span(merged[-1].text.rstrip(), merged[-1].style)
    merged = [span for span in merged if span.text]
    if not any(span.text.strip() for span in merged):
        return []
    return merged


def _trim_lines(text: str) -> str:
    if "\n" not in text:
        return text
    return "\n".join(part.strip(" ") for part in text.split("\n"))


def blocks_from(nodes: Iterable[LexborNode], classes: ClassStyles | None = None) -> list[Block]:
    """Convert nodes (and their content) into blocks.

    Args:
        nodes: Elements to read, in order.
        classes: Styles a stylesheet gives to class names.

    Returns:
        The blocks, in reading order.
    """
    builder = BlockBuilder(classes)
    for node in nodes:
        builder.add(node)
    return builder.take()


def note_text(blocks: Iterable[Block]) -> str:
    """Plain text of note blocks: paragraphs separated by blank lines."""
    return "\n\n".join(block.text for block in blocks if block.kind is not BlockKind.SCENE_BREAK)


def element_children(node: LexborNode) -> list[LexborNode]:
    """The element children of a node (text and comments left out)."""
    out: list[LexborNode] = []
    child = node.child
    while child is not None:
        if child.is_element_node:
            out.append(child)
        child = child.next
    return out


def classes_of(node: LexborNode) -> list[str]:
    """The class names of an element."""
    value = node.attributes.get("class")
    return value.split() if value else []


def lookup(mapping: Mapping[str, str], label: str) -> str | None:
    """Find a label in a table of known labels, ignoring case, colons and plurals."""
    key = _WS_RE.sub(" ", label).strip().rstrip(":").strip().casefold()
    if key in mapping:
        return mapping[key]
    if key.endswith("s") and key[:-1] in mapping:
        return mapping[key[:-1]]
    return mapping.get(key + "s")
