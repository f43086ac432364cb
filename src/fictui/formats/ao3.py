"""The Archive of Our Own layout: preface, message, tag list and stats (chapters: ao3_chapters)."""

from __future__ import annotations

import re
from datetime import date

from selectolax.lexbor import LexborNode

from fictui.formats.ao3_chapters import ChapterReader, labelled_quotes, read_chapters
from fictui.formats.htmlblocks import (
    ClassStyles,
    classes_of,
    element_children,
    lookup,
    node_text,
)
from fictui.model import Status, Story

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

_WORK_ID_RE = re.compile(r"archiveofourown\.org/works/(\d+)", re.IGNORECASE)
_LINK_WORK_RE = re.compile(r"(?:https?://(?:www\.)?archiveofourown\.org)?/works/(\d+)", re.I)
_STAT_RE = re.compile(r"(Published|Updated|Completed|Words|Chapters)\s*:\s*([\d,/?.\-]+)", re.I)
_SERIES_RE = re.compile(r"Part\s+(\d+)\s+of\s+(.+)", re.IGNORECASE)


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


__all__ = [
    "SOURCE",
    "ChapterReader",
    "find_tag_list",
    "guess_work_url",
    "looks_like_ao3",
    "parse_date",
    "read_chapters",
    "read_preface",
    "read_stats",
    "read_tag_list",
    "work_id_from",
]
