"""The Archive of Our Own download layout (preface, tags, chapters, notes), for HTML and EPUB."""

from __future__ import annotations

import re
from datetime import date

from selectolax.lexbor import LexborNode

from fictui.formats.htmlblocks import (
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
from fictui.model import BlockKind, Chapter, Note, NotePosition, Status, Story

SOURCE = "Archive of Our Own"
"""The source name stored for AO3 works."""

TAG_LABELS: dict[str, str] = {
    "rating": "rating",
    "archive warning": "warnings",
    "warning": "warnings",
    "category": "category",
    "categories": "category",
    "fandom": "fandoms",
    "relationship": "relationships",
    "character": "characters",
    "additional tag": "freeform",
    "freeform": "freeform",
    "series": "series",
    "collection": "collections",
    "language": "language",
    "stat": "stats",
}
"""dt labels of the AO3 tag list (singular; plurals are matched too) -> tag kind."""

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

_WORK_ID_RE = re.compile(r"archiveofourown\.org/works/(\d+)", re.IGNORECASE)
_LINK_WORK_RE = re.compile(r"(?:https?://(?:www\.)?archiveofourown\.org)?/works/(\d+)", re.I)
_STAT_RE = re.compile(r"(Published|Updated|Completed|Words|Chapters)\s*:\s*([\d,/?.\-]+)", re.I)
_SERIES_RE = re.compile(r"Part\s+(\d+)\s+of\s+(.+)", re.IGNORECASE)
_SEE_END_RE = re.compile(r"^\(?\s*See the (end|beginning) of the (chapter|work)", re.IGNORECASE)
_SKIP_CLASSES = frozenset({"byline", "endnote-link", "landmark", "actions", "navigation"})
_SITE_HEADING_CLASSES = frozenset({"heading", "toc-heading", "title"})
_CONTAINERS = frozenset({"div", "section", "article", "main", "center"})
_INLINE_TEXT_TAGS = frozenset({"a", "i", "em", "b", "strong", "span", "br", "u", "cite"})
_TEXT_HEADINGS = frozenset({"chapter text", "work text", "summary", "notes", "preface"})


def work_id_from(url: str) -> str:
    """The 'ao3:N' identity of an AO3 work URL, or ''."""
    match = _WORK_ID_RE.search(url)
    return f"ao3:{match.group(1)}" if match else ""


def parse_date(text: str) -> date | None:
    """A YYYY-MM-DD date (the start of an ISO timestamp too), or None."""
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def looks_like_ao3(root: LexborNode) -> bool:
    """True when a page carries AO3's preface (its message or its tag list)."""
    if root.css_first("#preface") is not None and root.css_first("#chapters") is not None:
        return True
    message = root.css_first("p.message")
    if message is not None and "archive of our own" in node_text(message).casefold():
        return True
    return find_tag_list(root) is not None


def find_tag_list(root: LexborNode) -> LexborNode | None:
    """The dl whose dt labels are AO3 tag labels (class names may be rewritten)."""
    for dl in root.css("dl"):
        labels = [node_text(dt) for dt in dl.css("dt")[:4]]
        if sum(1 for label in labels if lookup(TAG_LABELS, label)) >= 2:
            return dl
    return None


def read_preface(
    root: LexborNode,
    story: Story,
    classes: ClassStyles | None = None,
    *,
    page: LexborNode | None = None,
) -> None:
    """Fill a story's metadata from an AO3 preface: message, tag list, title, byline, notes.

    Args:
        root: The preface element (div#preface, or the body of an EPUB's first file).
        story: The story to fill.
        classes: Styles the book's stylesheet gives to class names.
        page: The whole page, when the tag list may stand outside the preface
            (a work page saved from the browser).
    """
    story.source = SOURCE
    _read_message(root, story)
    dl = find_tag_list(root) or (find_tag_list(page) if page is not None else None)
    if dl is not None:
        read_tag_list(dl, story)
    # A page saved from the browser has the site's name in an h1 and the work's in h2.title.
    heading = root.css_first("h2.title") or root.css_first("h1")
    if heading is not None and node_text(heading):
        story.title = node_text(heading)
    byline = _find_byline(root, heading)
    if byline is not None:
        links = [node_text(a) for a in byline.css("a")]
        names = [name for name in links if name] or [
            re.sub(r"^by\s+", "", node_text(byline), flags=re.IGNORECASE)
        ]
        story.authors = names
    reader = ChapterReader(story, classes)
    reader.in_preface = True
    for label, quote in labelled_quotes(root):
        reader.note(label, quote)
    if not story.url and page is not None:
        story.url = guess_work_url(page)
        story.work_id = work_id_from(story.url)


def guess_work_url(page: LexborNode) -> str:
    """The work URL of a page saved from the browser: the work its own links point at."""
    counts: dict[str, int] = {}
    for link in page.css("a[href]")[:600]:
        match = _LINK_WORK_RE.match(link.attributes.get("href") or "")
        if match:
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    if not counts:
        return ""
    best = max(counts, key=lambda key: counts[key])
    return f"https://archiveofourown.org/works/{best}"


def _read_message(root: LexborNode, story: Story) -> None:
    for node in root.css("p.message, .message, p, div")[:400]:
        text = node_text(node)
        if "archive of our own" not in text.casefold() or len(text) > 600:
            continue
        for link in node.css("a"):
            href = link.attrs.get("href") or ""
            if _WORK_ID_RE.search(href):
                story.url = href.strip()
                story.work_id = work_id_from(href)
                return
        if match := _WORK_ID_RE.search(text):
            story.url = "https://" + match.group(0)
            story.work_id = work_id_from(match.group(0))
            return


def _find_byline(root: LexborNode, heading: LexborNode | None) -> LexborNode | None:
    for node in root.css("div, p, h3, span"):
        if any(name.startswith("byline") for name in classes_of(node)):
            return node
    after = heading.next if heading is not None else None
    while after is not None:
        if after.is_element_node:
            return after if node_text(after).casefold().startswith("by ") else None
        after = after.next
    return None


def read_tag_list(dl: LexborNode, story: Story) -> None:
    """Read AO3's dl of `<dt>Label:</dt><dd>...</dd>` pairs into tags, language and stats."""
    label = ""
    for child in element_children(dl):
        if child.tag == "dt":
            label = node_text(child)
            continue
        if child.tag != "dd":
            continue
        kind = lookup(TAG_LABELS, label)
        if kind is None:
            continue
        if kind == "language":
            story.language = node_text(child)
        elif kind == "stats":
            read_stats(node_text(child), story)
        elif kind == "series":
            story.tags.setdefault("series", []).extend(_series(child))
        else:
            values = [node_text(a) for a in child.css("a")]
            if not values:
                values = [part.strip() for part in node_text(child).split(",")]
            story.tags.setdefault(kind, []).extend(value for value in values if value)


def _series(dd: LexborNode) -> list[str]:
    # "Part 2 of <a>Name</a>, Part 1 of <a>Other</a>": one link per series.
    text = " ".join(dd.text(deep=True).split())
    numbers = re.findall(r"Part\s+(\d+)\s+of", text, flags=re.IGNORECASE)
    names = [node_text(a) for a in dd.css("a")]
    if names and len(names) == len(numbers):
        return [f"{name} (Part {number})" for name, number in zip(names, numbers, strict=True)]
    match = _SERIES_RE.search(text)
    if match:
        return [f"{match.group(2).strip()} (Part {match.group(1)})"]
    return [text] if text else []


def read_stats(text: str, story: Story) -> None:
    """Read 'Published: … Updated/Completed: … Words: … Chapters: N/M' into the story."""
    for name, value in _STAT_RE.findall(text):
        name = name.casefold()
        if name == "published":
            story.published = parse_date(value) or story.published
        elif name in ("updated", "completed"):
            story.updated = parse_date(value) or story.updated
            if name == "completed":
                story.status = Status.COMPLETE
        elif name == "words":
            digits = value.replace(",", "").replace(".", "")
            story.declared_words = int(digits) if digits.isdigit() else None
        elif name == "chapters" and "/" in value:
            done, _, total = value.partition("/")
            if total.strip().isdigit():
                story.chapters_total = int(total)
                finished = done.strip().isdigit() and int(done) >= int(total)
                story.status = Status.COMPLETE if finished else Status.IN_PROGRESS
            else:
                story.chapters_total = None
                story.status = Status.IN_PROGRESS


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
    while parent is not None and parent is not root:
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
    if prev is None:
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

    @property
    def chapter_index(self) -> int | None:
        """The index of the chapter being read, or None before the first."""
        return len(self.story.chapters) - 1 if self.story.chapters else None

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
            elif any(name.startswith("userstuff") for name in names):
                self.body(child)
            elif tag in _CONTAINERS and depth < 30 and not _has_own_text(child):
                self.walk(child, depth + 1)
            else:
                text = node_text(child)
                if _SEE_END_RE.match(text) or (len(text) <= 40 and lookup(NOTE_LABELS, text)):
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
