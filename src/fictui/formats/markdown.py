"""Markdown stories: CommonMark (markdown-it-py) with YAML front matter for metadata."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt

from fictui.formats import ao3
from fictui.formats.html import fallback_title, html_to_text, split_chapters
from fictui.formats.htmlblocks import BlockBuilder, lookup, parse_html
from fictui.model import Status, Story
from fictui.text.decode import decode

_FRONT_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)

MAX_VALUES = 2000
"""At most this many front-matter values are looked at for one key."""

MAX_FRONT_MATTER = 64 * 1024
"""Front matter longer than this is not metadata; it is left as text."""

_MD = MarkdownIt("commonmark", {"html": True})


class _FrontMatterLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses aliases.

    An alias bomb is a few lines of anchors that expand to billions of values as
    soon as anything turns them into text; story front matter never needs them.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


TAG_KEYS: dict[str, str] = {
    "rating": "rating",
    "warning": "warnings",
    "archive warning": "warnings",
    "category": "category",
    "categories": "category",
    "fandom": "fandoms",
    "relationship": "relationships",
    "pairing": "relationships",
    "ship": "relationships",
    "character": "characters",
    "tag": "freeform",
    "freeform": "freeform",
    "additional tag": "freeform",
    "series": "series",
    "collection": "collections",
}
"""Front-matter keys (singular; plurals match too) that hold tags, by tag kind."""

_STATUS_WORDS = {
    "complete": Status.COMPLETE,
    "completed": Status.COMPLETE,
    "finished": Status.COMPLETE,
    "done": Status.COMPLETE,
    "in-progress": Status.IN_PROGRESS,
    "in progress": Status.IN_PROGRESS,
    "ongoing": Status.IN_PROGRESS,
    "wip": Status.IN_PROGRESS,
    "incomplete": Status.IN_PROGRESS,
}


def parse(data: bytes, path: Path, *, partial: bool = False) -> Story:
    """Parse a Markdown story.

    Args:
        data: The file's bytes (or its head when ``partial``).
        path: The file's path (its name is the fallback title).
        partial: Only the head of the file is given.

    Returns:
        The story (not yet sanitized).
    """
    decoded = decode(data)
    text = decoded.text.lstrip("\ufeff")
    story = Story(format="markdown", encoding=decoded.encoding, problems=list(decoded.problems))
    match = _FRONT_RE.match(text[: MAX_FRONT_MATTER + 8])
    if match:
        text = text[match.end() :]
        try:
            front = yaml.load(match.group(1), Loader=_FrontMatterLoader)  # noqa: S506
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            problem = getattr(error, "problem", None)
            reason = f": {problem}" if problem and "alias" in problem else ""
            story.problems.append(f"front matter is not valid YAML{where}{reason}; ignored")
            front = None
        if isinstance(front, dict):
            apply_front_matter(front, story)
    rendered = _MD.render(text)
    tree = parse_html(rendered)
    builder = BlockBuilder(None)
    if tree.body is not None:
        builder.add_children(tree.body)
    levels = dict(builder.levels)
    story.chapters = split_chapters(builder.take(), levels, story, max_level=2)
    if not story.title:
        story.title = fallback_title(path)
    return story


def _strings(value: Any) -> list[str]:
    """Every string in a front-matter value, flattened, with commas splitting tags.

    YAML aliases can make a small file describe a huge tree, so only the first
    MAX_VALUES leaves are visited.
    """
    out: list[str] = []
    pending: list[Any] = [value]
    visited = 0
    while pending and visited < MAX_VALUES:
        item = pending.pop()
        visited += 1
        if item is None:
            continue
        if isinstance(item, (list, tuple, set)):
            pending.extend(reversed(list(item)[:MAX_VALUES]))
        elif isinstance(item, dict):
            pending.extend(reversed(list(item.values())[:MAX_VALUES]))
        else:
            text = str(item).strip()
            out.extend(part.strip() for part in text.split(",") if part.strip())
    return out


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return ao3.parse_date(str(value)) if value else None


def apply_front_matter(front: dict[Any, Any], story: Story) -> None:
    """Store YAML front matter (title, author, summary, tags, status...) in the story."""
    for raw_key, value in front.items():
        key = str(raw_key).strip().casefold().replace("_", " ")
        if value is None:
            continue
        if key == "title":
            story.title = " ".join(str(value).split())
        elif key in ("author", "authors", "by", "creator"):
            story.authors = _strings(value)
        elif key in ("summary", "description", "abstract"):
            story.summary = html_to_text(_MD.render(str(value)))
        elif key == "status":
            story.status = _STATUS_WORDS.get(str(value).strip().casefold(), Status.UNKNOWN)
        elif key in ("url", "source", "link"):
            story.url = str(value).strip()
        elif key == "language" or key == "lang":
            story.language = str(value).strip()
        elif key in ("published", "date", "created"):
            story.published = _date(value)
        elif key in ("updated", "modified", "completed"):
            story.updated = _date(value)
        elif key in ("words", "word count"):
            digits = str(value).replace(",", "")
            story.declared_words = int(digits) if digits.isdigit() else None
        elif key == "chapters":
            ao3.read_stats(f"Chapters: {value}", story)
        elif key == "tags" and isinstance(value, dict):
            for kind, values in value.items():
                tag_kind = lookup(TAG_KEYS, str(kind).replace("_", " ")) or str(kind)
                story.tags.setdefault(tag_kind, []).extend(_strings(values))
        elif (kind := lookup(TAG_KEYS, key)) is not None:
            story.tags.setdefault(kind, []).extend(_strings(value))
    story.work_id = ao3.work_id_from(story.url)
