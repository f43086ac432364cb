"""AO3 chapter markup: chapter headings, labelled notes and text, across one page or many files."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from fictui.formats.htmlblocks import (
    SKIP_TAGS,
    BlockBuilder,
    ClassStyles,
    blocks_from,
    element_children,
    lookup,
    node_text,
    note_text,
)
from fictui.model import BlockKind, Chapter, Note, NotePosition, Story

NOTE_LABELS: dict[str, str] = {
    "summary": "summary",
    "notes": "notes",
    "note": "notes",
    "author's note": "notes",
    "chapter summary": "chapter summary",
    "chapter notes": "chapter notes",
    "chapter note": "chapter notes",
    "chapter end notes": "chapter end notes",
    "end notes": "end notes",
    "end note": "end notes",
    "works inspired by this one": "inspired",
}
"""Label paragraphs that stand before a note's blockquote."""

_SEE_END_RE = re.compile(r"^\(?\s*See the (end|beginning) of the (chapter|work)", re.IGNORECASE)
_SKIP_CLASSES = frozenset({"byline", "endnote-link", "landmark", "actions", "navigation"})
_SITE_HEADING_CLASSES = frozenset({"heading", "toc-heading", "title"})
_CONTAINERS = frozenset({"div", "section", "article", "main", "center"})
_INLINE_TEXT_TAGS = frozenset({"a", "i", "em", "b", "strong", "span", "br", "u", "cite"})
_TEXT_HEADINGS = frozenset({"chapter text", "work text", "summary", "notes", "preface"})


def labelled_quotes(root: LexborNode) -> list[tuple[str, LexborNode]]:
    """Each blockquote preceded by a note label ("Summary", "Notes"), with its label."""
    out: list[tuple[str, LexborNode]] = []
    for quote in root.css("blockquote"):
        if _inside_chapters(quote, root):
            continue
        label = label_before(quote)
        if label:
            out.append((label, quote))
    return out


def _inside_chapters(node: LexborNode, root: LexborNode) -> bool:
    parent = node.parent
    for _ in range(200):  # hostile nesting must not make this quadratic
        if parent is None or parent is root:
            return False
        ident = parent.attributes.get("id") or ""
        if ident in ("chapters", "afterword") or ident.startswith("chapter-"):
            return True
        parent = parent.parent
    return False


def label_before(node: LexborNode) -> str:
    """The note label in the element just before a node, or ''."""
    prev = node.prev
    while prev is not None and not prev.is_element_node:
        prev = prev.prev
    if prev is None or len(prev.text(deep=True)) > 200:
        return ""
    text = node_text(prev)
    if len(text) > 40:
        return ""
    return text.rstrip(":").strip() if lookup(NOTE_LABELS, text) else ""


class ChapterReader:
    """Walks AO3 chapter markup (one page, or EPUB files in turn) into chapters and notes."""

    def __init__(self, story: Story, classes: ClassStyles | None = None) -> None:
        """Read into ``story`` using a stylesheet's class styles."""
        self.story = story
        """The story being filled."""
        self.classes = classes
        """Class styles of the book's stylesheet."""
        self.in_preface = False
        """True while reading the preface (summary and notes are the work's)."""
        self.afterword = False
        """True after the 'Afterword' heading or inside div#afterword."""
        self._builder = BlockBuilder(classes)
        self._body_seen = False

    def _ensure_chapter(self) -> int:
        if not self.story.chapters:
            self.story.chapters.append(Chapter(self.story.title or "Chapter 1"))
        return len(self.story.chapters) - 1

    def start_chapter(self, title: str) -> None:
        """Begin a chapter with a heading's text."""
        self.story.chapters.append(Chapter(title))
        self._body_seen = False

    def note(self, label: str, quote: LexborNode) -> None:
        """File a labelled blockquote as the right kind of note."""
        kind = lookup(NOTE_LABELS, label) or "notes"
        text = note_text(blocks_from([quote], self.classes))
        if not text:
            return
        story = self.story
        if kind == "inspired":
            story.extras.append(f"{label}\n\n{text}")
            return
        front = self.in_preface or (not story.chapters and not self.afterword)
        if kind == "summary" and front:
            story.summary = story.summary or text
            return
        if front:
            story.notes.append(Note(NotePosition.FRONT, text, None, label))
            return
        if self.afterword or kind == "end notes":
            story.notes.append(Note(NotePosition.END, text, None, label))
            return
        index = self._ensure_chapter()
        at_end = kind == "chapter end notes" or (kind == "notes" and self._body_seen)
        position = NotePosition.CHAPTER_END if at_end else NotePosition.CHAPTER_FRONT
        story.notes.append(Note(position, text, index, label))

    def body(self, node: LexborNode) -> None:
        """Add a node's content to the chapter being read."""
        if self.afterword:
            text = node_text(node)
            if text:
                self.story.extras.append(text)
            return
        self._builder.add(node)
        blocks = [
            block
            for block in self._builder.take()
            if block.kind is not BlockKind.HEADING or block.text.casefold() not in _TEXT_HEADINGS
        ]
        if blocks:
            index = self._ensure_chapter()
            self.story.chapters[index].blocks.extend(blocks)
            self._body_seen = True

    def walk(self, container: LexborNode, depth: int = 0) -> None:
        """Read the children of a chapter container in order.

        Text is always inside a userstuff element in AO3's own files; in
        calibre's copies the class may be renamed, so other containers are
        entered and what is not a heading, label or note is read as text.
        """
        for child in element_children(container):
            tag = child.tag
            if tag in SKIP_TAGS:
                continue
            attrs = child.attributes
            names = (attrs.get("class") or "").split()
            if attrs.get("id") == "afterword":
                self.afterword = True
            if tag == "dl" or attrs.get("id") == "preface" or _SKIP_CLASSES.intersection(names):
                continue
            if tag == "h2" or (tag in ("h1", "h3") and _is_site_heading(child)):
                self._heading(child)
            elif tag == "blockquote":
                label = label_before(child)
                if label:
                    self.note(label, child)
                else:
                    self.body(child)
            elif any(name.startswith("userstuff") for name in names) or _is_text_body(child):
                self.body(child)
            elif tag in _CONTAINERS and depth < 30 and not _has_own_text(child):
                self.walk(child, depth + 1)
            else:
                if _is_aside(child):
                    continue
                self.body(child)

    def _heading(self, node: LexborNode) -> None:
        text = node_text(node)
        folded = text.casefold().rstrip(":")
        if folded == "afterword":
            self.afterword = True
        elif folded in _TEXT_HEADINGS or not text or self.afterword:
            return
        else:
            self.start_chapter(text)


def _is_text_body(node: LexborNode) -> bool:
    """A container of story paragraphs whose userstuff class was renamed (by calibre).

    AO3's own blocks hold a heading and a few labels; a run of paragraphs with no
    chapter heading among them can only be the text.
    """
    if node.tag not in _CONTAINERS:
        return False
    paragraphs = 0
    child = node.child
    while child is not None and paragraphs < 5:
        if child.tag == "p":
            paragraphs += 1
        child = child.next
    return paragraphs >= 5 and node.css_first("h2") is None


def _is_aside(node: LexborNode) -> bool:
    """A note label or a "See the end of the chapter" pointer: AO3's words, not the author's."""
    if len(node.text(deep=True)) > 300:
        return False  # cheap test first: long text is always the story
    text = node_text(node)
    return bool(_SEE_END_RE.match(text)) or (len(text) <= 40 and bool(lookup(NOTE_LABELS, text)))


def _has_own_text(node: LexborNode) -> bool:
    child = node.child
    while child is not None:
        if child.tag == "-text" and (child.text_content or "").strip():
            return True
        if child.tag in _INLINE_TEXT_TAGS:
            return True
        child = child.next
    return False


def _is_site_heading(node: LexborNode) -> bool:
    """An h1/h3 that AO3 itself wrote ('Preface', 'Afterword', a chapter heading)."""
    names = (node.attributes.get("class") or "").split()
    if _SITE_HEADING_CLASSES.intersection(names):
        return True
    return node_text(node).casefold() in ("preface", "afterword")


def read_chapters(root: LexborNode, story: Story, classes: ClassStyles | None = None) -> None:
    """Read AO3's div#chapters and div#afterword (or a whole page) into the story.

    Args:
        root: The page's body.
        story: The story, its preface already read.
        classes: Styles the page's stylesheet gives to class names.
    """
    reader = ChapterReader(story, classes)
    chapters = root.css_first("#chapters")
    if chapters is None:
        reader.walk(root)
    else:
        reader.walk(chapters)
        afterword = root.css_first("#afterword") or root.css_first("div.afterword")
        if afterword is not None:
            reader.afterword = True
            reader.walk(afterword)
