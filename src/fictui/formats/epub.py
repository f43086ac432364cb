"""EPUB stories: AO3 (calibre) books, FanFicFare books and any other EPUB."""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from fictui.errors import StoryError
from fictui.formats import ao3, fanficfare
from fictui.formats.epub_css import read_css
from fictui.formats.epub_opf import Package, read_navigation, read_package
from fictui.formats.epub_zip import Book
from fictui.formats.html import decode_html, fallback_title, html_to_text, split_chapters
from fictui.formats.htmlblocks import (
    BlockBuilder,
    ClassStyles,
    classes_of,
    element_children,
    node_text,
    parse_html,
)
from fictui.model import BlockKind, Chapter, Story

PARTIAL_DOCUMENTS = 12
"""At most this many spine documents are read when only a first screen is needed."""

PARTIAL_BLOCKS = 40
"""A first screen is enough once two chapters or this many blocks have been read."""

_DOCUMENT_SUFFIXES = (".xhtml", ".html", ".htm", ".xml")
_FFF_PAGES = ("title_page", "toc_page", "log_page", "cover")
_FFF_BODY_CLASSES = ("fff_titlepage", "fff_tocpage", "fff_logpage", "fff_coverpage")


class Documents:
    """The spine's documents, parsed on first use and kept."""

    def __init__(
        self, book: Book, names: list[str], classes: ClassStyles, partial: bool = False
    ) -> None:
        """Prepare to parse ``names`` from ``book`` (only a first screen when ``partial``)."""
        self.book = book
        """The open book."""
        self.classes = classes
        """Class styles of the book; styles in a document's head are added as it is read."""
        self.names = names
        """Member names in reading order."""
        self.partial = partial
        """True when only a first screen is needed."""
        self._trees: dict[str, LexborHTMLParser] = {}
        self._parsed = 0

    def enough(self, story: Story) -> bool:
        """True when a partial read has what a first screen needs."""
        if not self.partial:
            return False
        blocks = sum(len(chapter.blocks) for chapter in story.chapters)
        return (
            self._parsed >= PARTIAL_DOCUMENTS
            or len(story.chapters) >= 2
            or blocks >= PARTIAL_BLOCKS
        )

    def body(self, name: str) -> LexborNode | None:
        """The body of a document (parsed once)."""
        tree = self._trees.get(name)
        if tree is None:
            tree = parse_html(decode_html(self.book.read(name)).text)
            self._trees[name] = tree
            if tree.head is not None:
                for style in tree.head.css("style"):
                    read_css(style.text(deep=True), self.classes)
            self._parsed += 1
        return tree.body

    def drop(self, name: str) -> None:
        """Forget a parsed document (memory is freed as chapters are read)."""
        self._trees.pop(name, None)


def parse(data: bytes, path: Path, *, partial: bool = False) -> Story:
    """Parse an EPUB book.

    Args:
        data: The whole file.
        path: The file's path (its name is the fallback title).
        partial: Read the metadata and only the first few documents.

    Returns:
        The story (not yet sanitized).

    Raises:
        StoryError: The file is not a readable EPUB (the message says why).
    """
    book = Book(data)
    package = read_package(book)
    story = Story(format="epub", encoding="utf-8")
    manifest_types = {href: media for href, media, _ in package.manifest.values()}
    names = [name for name in package.spine if _is_document(manifest_types.get(name, ""), name)]
    classes = ClassStyles()
    docs = Documents(book, names, classes, partial)
    for css in package.stylesheets():
        if book.find(css):
            read_css(book.read(css).decode("utf-8", "replace"), classes)
    titles = read_navigation(book, package)
    if _is_fanficfare(package, names):
        _read_fanficfare(docs, titles, classes, story)
    else:
        preface = _ao3_preface(docs)
        if preface is not None:
            _read_ao3(docs, preface, classes, story)
        else:
            _read_generic(docs, titles, classes, story)
    apply_metadata(package, story)
    if not story.title:
        story.title = fallback_title(path)
    if not story.chapters:
        if not names:
            raise StoryError("the book has no readable documents")
        story.problems.append("no story text found")
    return story


def apply_metadata(package: Package, story: Story) -> None:
    """Fill what the layout did not give from the OPF's metadata."""
    story.title = story.title or package.first("title")
    story.authors = story.authors or list(dict.fromkeys(package.metadata.get("creator", [])))
    if not story.summary and package.first("description"):
        description = package.first("description")
        story.summary = html_to_text(description) if "<" in description else description
    if not story.tags and package.metadata.get("subject"):
        story.tags["freeform"] = list(package.metadata["subject"])
    series = package.meta.get("calibre:series") or package.meta.get("belongs-to-collection", "")
    if series and not story.tags.get("series"):
        index = package.meta.get("calibre:series_index", "").removesuffix(".0")
        story.tags["series"] = [f"{series} (Part {index})" if index else series]
    if not story.url:
        candidates = [package.first("source"), *package.metadata.get("identifier", [])]
        story.url = next((c for c in candidates if c.startswith(("http://", "https://"))), "")
    story.work_id = story.work_id or ao3.work_id_from(story.url)
    story.language = story.language or package.first("language")
    story.source = story.source or package.first("publisher")
    if story.published is None:
        raw = package.dates.get("publication") or package.dates.get("", "")
        story.published = ao3.parse_date(raw) if raw else None


def _is_document(media: str, name: str) -> bool:
    """True for a spine item holding (X)HTML text (media types in the wild vary)."""
    if "html" in media:
        return True
    if media in ("", "text/xml", "application/xml", "application/x-dtbook+xml"):
        return name.lower().endswith(_DOCUMENT_SUFFIXES)
    return False


def _is_fanficfare(package: Package, names: list[str]) -> bool:
    contributors = " ".join(package.metadata.get("contributor", [])).casefold()
    if "fanficfare" in contributors or "fanficdownloader" in contributors:
        return True
    stems = {Path(name).stem for name in names}
    return "title_page" in stems or "log_page" in stems


def _ao3_preface(docs: Documents) -> str | None:
    for name in docs.names[:3]:
        body = docs.body(name)
        if body is not None and ao3.looks_like_ao3(body):
            return name
    return None


def _read_ao3(docs: Documents, preface: str, classes: ClassStyles, story: Story) -> None:
    body = docs.body(preface)
    reader = ao3.ChapterReader(story, classes)
    if body is not None:
        ao3.read_preface(body.css_first("#preface") or body, story, classes)
        # When calibre did not split the book, the chapters follow the preface.
        for part in (body.css_first("#chapters"), body.css_first("#afterword")):
            if part is not None:
                reader.afterword = part.attributes.get("id") == "afterword"
                reader.walk(part)
    start = docs.names.index(preface) + 1
    for name in docs.names[start:]:
        if docs.enough(story):
            break
        page = docs.body(name)
        if page is not None:
            reader.walk(page)
        docs.drop(name)


def _read_fanficfare(
    docs: Documents, titles: dict[str, str], classes: ClassStyles, story: Story
) -> None:
    reader = fanficfare.ChapterReader(story, classes)
    for name in docs.names:
        if docs.enough(story):
            break
        body = docs.body(name)
        if body is None:
            continue
        stem = Path(name).stem
        body_classes = classes_of(body)
        if stem == "title_page" or "fff_titlepage" in body_classes:
            heading = body.css_first("h3, h1")
            if heading is not None:
                fanficfare.read_heading(heading, story)
            fanficfare.read_title_entries(body, story)
            continue
        if stem in _FFF_PAGES or any(c in body_classes for c in _FFF_BODY_CLASSES):
            continue
        children = element_children(body)
        heading = body.css_first(".fff_chapter_title")
        if heading is None and children and children[0].tag in ("h1", "h2", "h3"):
            # Older FanFicFare books: a plain heading opens the chapter.
            heading = children.pop(0)
        title = node_text(heading) if heading is not None else ""
        reader.start(title or titles.get(name, "") or f"Chapter {len(story.chapters) + 1}")
        for child in children:
            reader.content(child)
        docs.drop(name)
    fanficfare.finish(story)


def _read_generic(
    docs: Documents, titles: dict[str, str], classes: ClassStyles, story: Story
) -> None:
    builder = BlockBuilder(classes)
    for name in docs.names:
        if docs.enough(story):
            break
        body = docs.body(name)
        if body is None:
            continue
        builder.add_children(body)
        levels = dict(builder.levels)
        blocks = builder.take()
        docs.drop(name)
        if not any(block.kind is not BlockKind.HEADING for block in blocks):
            continue
        heads = [level for level in levels.values() if level <= 3]
        if heads and heads.count(min(heads)) >= 2:
            # One file, many chapters (converted books often come this way).
            story.chapters.extend(split_chapters(blocks, levels, Story(title=name)))
            continue
        title = titles.get(name, "")
        if blocks[0].kind is BlockKind.HEADING and levels.get(0, 9) <= 3:
            title = title or blocks[0].text
            del blocks[0]
        if not title and story.chapters:
            # A file without its own title continues the chapter before it (calibre splits).
            story.chapters[-1].blocks.extend(blocks)
            continue
        story.chapters.append(Chapter(title or f"Chapter {len(story.chapters) + 1}", blocks))
