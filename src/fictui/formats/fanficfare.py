"""The FanFicFare layouts: its title page, chapter files and notes, in HTML and EPUB."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from fictui.formats import ao3
from fictui.formats.htmlblocks import (
    HEADINGS,
    SKIP_TAGS,
    BlockBuilder,
    ClassStyles,
    blocks_from,
    classes_of,
    element_children,
    lookup,
    node_text,
    note_text,
)
from fictui.model import Chapter, Note, NotePosition, Status, Story

FIELD_LABELS: dict[str, str] = {
    "title": "title",
    "author": "authors",
    "by": "authors",
    "story url": "url",
    "source": "url",
    "url": "url",
    "publisher": "source",
    "site": "source",
    "summary": "summary",
    "description": "summary",
    "status": "status",
    "published": "published",
    "updated": "updated",
    "completed": "updated",
    "chapter": "chapters",
    "word": "words",
    "language": "language",
    "rating": "rating",
    "warning": "warnings",
    "archive warning": "warnings",
    "category": "category",
    "categories": "category",
    "ao3 category": "category",
    "ao3 categories": "category",
    "fandom": "fandoms",
    "genre": "freeform",
    "additional tag": "freeform",
    "freeform tag": "freeform",
    "freeform tags": "freeform",
    "extra tag": "freeform",
    "freeform": "freeform",
    "character": "characters",
    "relationship": "relationships",
    "pairing": "relationships",
    "ship": "relationships",
    "series": "series",
    "collection": "collections",
}
"""FanFicFare's title-page labels (singular; plurals match too) -> story field or tag kind."""

_TAG_FIELDS = frozenset(
    {
        "rating",
        "warnings",
        "category",
        "fandoms",
        "freeform",
        "characters",
        "relationships",
        "series",
        "collections",
    }
)
_SECTION_RE = re.compile(r"^section\d+$", re.IGNORECASE)


def apply_field(story: Story, label: str, value: str, links: list[str]) -> bool:
    """Store one title-page entry in the story.

    Args:
        story: The story to fill.
        label: The entry's label ("Characters", "Status", ...).
        value: Its text.
        links: The texts of links in the value (tag lists link each tag).

    Returns:
        True when the label was known.
    """
    field = lookup(FIELD_LABELS, label)
    value = value.strip()
    if field is None or not value:
        return False
    if field in _TAG_FIELDS:
        values = links if len(links) > 1 else [part.strip() for part in value.split(",")]
        story.tags.setdefault(field, []).extend(v for v in values if v)
    elif field == "authors":
        story.authors = story.authors or [a.strip() for a in (links or value.split(","))]
    elif field == "status":
        folded = value.casefold()
        if folded.startswith("complete"):
            story.status = Status.COMPLETE
        elif "progress" in folded or "ongoing" in folded or "wip" in folded:
            story.status = Status.IN_PROGRESS
    elif field in ("published", "updated"):
        setattr(story, field, ao3.parse_date(value) or getattr(story, field))
    elif field == "chapters":
        ao3.read_stats(f"Chapters: {value}", story)
        if value.strip().isdigit():
            story.chapters_total = int(value)
    elif field == "words":
        ao3.read_stats(f"Words: {value}", story)
    elif field == "url":
        story.url = story.url or value
    elif field == "summary":
        story.summary = story.summary or value
    else:
        setattr(story, field, value)
    return True


def _finish(story: Story) -> None:
    if story.status is not Status.COMPLETE and story.chapters_total is not None:
        # FanFicFare's "Chapters: N" counts what was downloaded, not the plan.
        story.chapters_total = None
    if "fandoms" not in story.tags and "fanfiction.net" in story.url and "category" in story.tags:
        story.tags["fandoms"] = story.tags.pop("category")
    story.work_id = story.work_id or ao3.work_id_from(story.url)


def read_heading(node: LexborNode, story: Story) -> None:
    """Read `<h1><a href=URL>Title</a> by <a>Author</a></h1>` (h3 on the EPUB title page)."""
    links = node.css("a")
    if links:
        story.title = story.title or node_text(links[0])
        href = (links[0].attrs.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            story.url = story.url or href
        authors = [node_text(a) for a in links[1:] if node_text(a)]
        if not authors:
            _, _, tail = node_text(node).partition(" by ")
            authors = [a.strip() for a in tail.split(",") if a.strip()]
        story.authors = story.authors or authors
    else:
        title, _, author = node_text(node).rpartition(" by ")
        story.title = story.title or title
        story.authors = story.authors or ([author] if author else [])


def read_title_entries(root: LexborNode, story: Story) -> None:
    """Read title-page entries: table rows or `<b>Label:</b> value<br/>` lines."""
    for row in root.css("tr"):
        cells = row.css("td, th")
        bold = row.css_first("b, strong")
        if bold is None:
            continue
        label = node_text(bold)
        if len(cells) >= 2:
            value_node = cells[1]
            value = _value_text(value_node)
            links = [node_text(a) for a in value_node.css("a")]
        else:
            value = _value_text(cells[0] if cells else row)
            value = value[len(label) :] if value.startswith(label) else value
            links = [node_text(a) for a in row.css("a")]
        apply_field(story, label, value, links)
    if root.css_first("tr") is not None:
        return
    for container in [root, *root.css("div, p")]:
        _read_bold_lines(container, story)


def _value_text(node: LexborNode) -> str:
    blocks = blocks_from([node])
    return "\n\n".join(block.text for block in blocks)


def _read_bold_lines(container: LexborNode, story: Story) -> None:
    label = ""
    parts: list[LexborNode] = []

    def close() -> None:
        if label:
            builder = BlockBuilder(None)
            for part in parts:
                builder.feed(part)
            text = "\n\n".join(b.text for b in builder.take())
            links: list[str] = []
            for part in parts:
                if part.tag == "a":
                    links.append(node_text(part))
                elif part.is_element_node:
                    links.extend(node_text(a) for a in part.css("a"))
            apply_field(story, label, text, links)

    child = container.child
    while child is not None:
        tag = child.tag
        if tag in ("b", "strong") and node_text(child).endswith(":"):
            close()
            label, parts = node_text(child), []
        elif tag == "br" and label:
            close()
            label, parts = "", []
        elif label and tag != "-comment":
            parts.append(child)
        child = child.next
    close()


def looks_like_fff_html(root: LexborNode) -> bool:
    """True for a FanFicFare HTML download: h1 title link and section anchors."""
    heading = root.css_first("h1")
    if heading is None or heading.css_first("a") is None or " by " not in node_text(heading):
        return False
    return any(_SECTION_RE.match(a.attrs.get("name") or "") for a in root.css("a[name]"))


def read_html(root: LexborNode, story: Story, classes: ClassStyles | None = None) -> None:
    """Read a FanFicFare HTML download: heading, title table, contents, then chapters."""
    story.format = "html"
    heading = root.css_first("h1")
    if heading is not None:
        read_heading(heading, story)
    first_table = root.css_first("table")
    if first_table is not None:
        read_title_entries(first_table, story)
    reader = ChapterReader(story, classes)
    started = untitled = False
    for child in element_children(root):
        name = child.attributes.get("name") or ""
        if child.tag == "a" and _SECTION_RE.match(name):
            started = True
            title = node_text(child)
            untitled = not title
            reader.start(title or f"Chapter {len(story.chapters) + 1}")
            continue
        if started and untitled and child.tag in ("h2", "h3"):
            # Some parsers close the anchor before its heading: the heading is the title.
            story.chapters[-1].title = node_text(child) or story.chapters[-1].title
            untitled = False
            continue
        untitled = False
        if child.tag == "a" and name.upper() == "TOCTOP":
            continue
        if started:
            reader.content(child)
    _finish(story)


class ChapterReader:
    """Collects FanFicFare chapter content: notes divs apart from the text."""

    def __init__(self, story: Story, classes: ClassStyles | None) -> None:
        """Read into ``story`` with a stylesheet's class styles."""
        self.story = story
        """The story being filled."""
        self.classes = classes
        """Class styles of the book's stylesheet."""
        self._builder = BlockBuilder(classes)

    def start(self, title: str) -> None:
        """Begin a chapter."""
        self.story.chapters.append(Chapter(title))

    def content(self, node: LexborNode, depth: int = 0) -> None:
        """Add one element of a chapter: a notes div, a title heading or text."""
        names = classes_of(node)
        if "fff_chapter_notes" in names or any(
            n.endswith(("_head_notes", "_foot_notes")) for n in names
        ):
            self._note(node, "fff_foot_notes" in names)
            return
        if "fff_chapter_title" in names and node.tag in HEADINGS:
            if not self.story.chapters:
                self.start(node_text(node))
            return
        if node.tag in SKIP_TAGS:
            return
        if node.tag in ("div", "section") and depth < 20 and node.css_first(".fff_chapter_notes"):
            for child in element_children(node):
                self.content(child, depth + 1)
            return
        self._builder.add(node)
        blocks = self._builder.take()
        if blocks:
            if not self.story.chapters:
                self.start(self.story.title or "Chapter 1")
            self.story.chapters[-1].blocks.extend(blocks)

    def _note(self, node: LexborNode, at_end: bool) -> None:
        if not self.story.chapters:
            self.start(self.story.title or "Chapter 1")
        label = ""
        bold = node.css_first("b, strong")
        if bold is not None and len(node_text(bold)) <= 40:
            label = node_text(bold).rstrip(":").strip()
            bold.decompose()
        text = note_text(blocks_from([node], self.classes))
        if not text:
            return
        position = NotePosition.CHAPTER_END if at_end else NotePosition.CHAPTER_FRONT
        index = len(self.story.chapters) - 1
        self.story.notes.append(Note(position, text, index, label or "Notes"))


def finish(story: Story) -> None:
    """Settle fields that depend on each other once everything is read."""
    _finish(story)
