"""HTML stories: AO3 downloads, FanFicFare pages and any other saved page."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from fictui.errors import StoryError
from fictui.formats import ao3, fanficfare
from fictui.formats.epub_css import read_css
from fictui.formats.htmlblocks import BlockBuilder, ClassStyles, node_text, parse_html
from fictui.model import Block, BlockKind, Chapter, Story
from fictui.text.decode import Decoded, decode

_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""",
    re.IGNORECASE,
)
_MAIN_SELECTORS = ("#storytext", "#chapters", "article", "main", "[role=main]", "#content")
"""Where the story usually is on a saved page; the rest is site chrome."""
_LEGACY_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252"}


def decode_html(data: bytes) -> Decoded:
    """Decode HTML bytes, honouring a `<meta charset>` when the bytes agree with it.

    Args:
        data: The page's bytes.

    Returns:
        The decoded text.

    Raises:
        StoryError: The bytes are a binary file.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    # The HTML spec's prescan only looks at the first kilobyte; be a little kinder.
    match = _META_CHARSET_RE.search(data[:4096])
    if match:
        declared = (match.group(1) or match.group(2)).decode("ascii", "replace").lower()
        declared = _LEGACY_ALIASES.get(declared, declared)
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = ""
        if name and name not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            try:
                return Decoded(data.decode(name), name)
            except UnicodeDecodeError:
                pass
    return decode(data)


def parse(data: bytes, path: Path, *, partial: bool = False) -> Story:
    """Parse an HTML story (AO3, FanFicFare or a generic saved page).

    Args:
        data: The file's bytes (or its head when ``partial``).
        path: The file's path (its name is the fallback title).
        partial: Only the head of the file is given.

    Returns:
        The story (not yet sanitized).

    Raises:
        StoryError: The file is not an HTML story.
    """
    decoded = decode_html(data)
    tree = parse_html(decoded.text)
    story = Story(format="html", encoding=decoded.encoding, problems=list(decoded.problems))
    read_tree(tree, path, story)
    return story


def read_tree(tree: LexborHTMLParser, path: Path, story: Story) -> None:
    """Read a parsed page into a story, choosing the layout it follows."""
    root = tree.body or tree.root
    if root is None:
        raise StoryError("no readable HTML")
    title_node = tree.head.css_first("title") if tree.head else None
    page_title = node_text(title_node) if title_node is not None else ""
    classes = page_styles(tree)
    if ao3.looks_like_ao3(root):
        preface = root.css_first("#preface") or root.css_first("div.preface.group") or root
        ao3.read_preface(preface, story, classes, page=root)
        if not story.title and page_title:
            story.title = page_title.split(" - ")[0].strip()
        if not story.authors and " - " in page_title:
            story.authors = [page_title.split(" - ")[1].strip()]
        ao3.read_chapters(root, story, classes)
    elif fanficfare.looks_like_fff_html(root):
        fanficfare.read_html(root, story, classes)
    else:
        read_generic(root, story, page_title, tree, path, classes)
    if not story.title:
        story.title = fallback_title(path)
    if not story.chapters:
        story.problems.append("no story text found")


def page_styles(tree: LexborHTMLParser) -> ClassStyles | None:
    """What the page's own <style> elements say about class names (italic, centred)."""
    styles = tree.head.css("style") if tree.head is not None else []
    if not styles:
        return None
    classes = ClassStyles()
    for style in styles:
        read_css(style.text(deep=True), classes)
    return classes


def fallback_title(path: Path) -> str:
    """A title made from a file name."""
    return re.sub(r"[_]+", " ", path.stem).strip() or "Untitled"


def read_generic(
    root: LexborNode,
    story: Story,
    page_title: str,
    tree: LexborHTMLParser,
    path: Path,
    classes: ClassStyles | None = None,
) -> None:
    """Any other page: title from <title> or the first h1, chapters at h1-h3."""
    meta_author = tree.css_first('meta[name="author"]')
    if meta_author is not None:
        author = (meta_author.attrs.get("content") or "").strip()
        if author:
            story.authors = [author]
    builder = BlockBuilder(classes)
    builder.add_children(main_content(root))
    levels = dict(builder.levels)
    blocks = builder.take()
    story.title = page_title
    story.chapters = split_chapters(blocks, levels, story)
    if not story.title and story.chapters and story.chapters[0].title == "Untitled":
        story.title = story.chapters[0].title = fallback_title(path)


def main_content(root: LexborNode) -> LexborNode:
    """The element holding the story on a saved page: the first usual container with
    most of the page's text, else the whole body."""
    total = len(root.text(deep=True, strip=True))
    for selector in _MAIN_SELECTORS:
        found = root.css(selector)
        if len(found) == 1 and len(found[0].text(deep=True, strip=True)) >= total * 0.5:
            return found[0]
    return root


def split_chapters(
    blocks: list[Block], levels: dict[int, int], story: Story, max_level: int = 3
) -> list[Chapter]:
    """Cut a run of blocks into chapters at headings.

    The highest heading level in use is the chapter level, unless it is used
    once, at the top, above deeper headings: then it is the work's title.

    Args:
        blocks: The blocks, headings included.
        levels: Heading level by block index.
        story: The story; its title is set from a title heading when it has none.
        max_level: Deeper headings stay in the text as headings.

    Returns:
        The chapters.
    """
    heads = {i: lvl for i, lvl in levels.items() if lvl <= max_level}
    if not heads:
        return [Chapter(story.title or "Untitled", blocks)] if blocks else []
    top = min(heads.values())
    tops = [i for i, lvl in heads.items() if lvl == top]
    first_text = next((i for i, b in enumerate(blocks) if b.kind is not BlockKind.HEADING), 0)
    chapter_level = top
    skip: set[int] = set()
    deeper = [lvl for lvl in heads.values() if lvl > top]
    if len(tops) == 1 and tops[0] <= first_text and (deeper or not story.title):
        if not story.title or story.title.startswith(blocks[tops[0]].text):
            story.title = blocks[tops[0]].text
        skip.add(tops[0])
        if not deeper:
            rest = [b for i, b in enumerate(blocks) if i not in skip]
            return [Chapter(story.title, rest)] if rest else []
        chapter_level = min(deeper)
    chapters: list[Chapter] = []
    current: Chapter | None = None
    for index, block in enumerate(blocks):
        if index in skip:
            continue
        if heads.get(index) == chapter_level:
            current = Chapter(block.text)
            chapters.append(current)
            continue
        if current is None:
            if block.kind is BlockKind.HEADING and not block.text.strip():
                continue
            current = Chapter("Preface")
            chapters.append(current)
        current.blocks.append(block)
    return [c for c in chapters if c.blocks or c.title != "Preface"]


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a description or summary), paragraphs kept."""
    tree = LexborHTMLParser(fragment)
    root = tree.body or tree.root
    if root is None:
        return ""
    builder = BlockBuilder(None)
    builder.add_children(root)
    return "\n\n".join(block.text for block in builder.take() if block.text)


__all__ = ["ClassStyles", "decode_html", "html_to_text", "parse", "read_tree", "split_chapters"]
