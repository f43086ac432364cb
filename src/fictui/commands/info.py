"""`fictui info FILE [--json]`: a story's metadata and structure."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from fictui.commands.common import load_story
from fictui.model import Story
from fictui.text.sanitize import display_path


def story_info(story: Story) -> dict[str, Any]:
    """The JSON contract of `fictui info --json`: every key always present."""
    return {
        "path": display_path(story.path) if story.path else None,
        "format": story.format or None,
        "encoding": story.encoding or None,
        "title": story.title or None,
        "authors": list(story.authors),
        "source": story.source or None,
        "url": story.url or None,
        "summary": story.summary or None,
        "status": story.status.value,
        "published": story.published.isoformat() if story.published else None,
        "updated": story.updated.isoformat() if story.updated else None,
        "language": story.language or None,
        "words": story.words,
        "chapters": [{"title": c.title, "words": c.words} for c in story.chapters],
        "chapters_total": story.chapters_total,
        "scene_breaks": story.scene_breaks,
        "notes": [
            {"position": n.position.value, "chapter": n.chapter, "label": n.label, "text": n.text}
            for n in story.notes
        ],
        "extras": list(story.extras),
        "tags": {kind: list(values) for kind, values in story.tags.items()},
        "italic_paragraphs": story.italic_paragraphs,
        "identity": story.identity,
        "problems": list(story.problems),
    }


def _human(info: dict[str, Any]) -> str:
    rows: list[str] = []

    def add(label: str, value: object) -> None:
        if value not in (None, "", [], {}):
            rows.append(f"{label + ':':<14}{value}")

    add("Title", info["title"])
    add("Authors", ", ".join(info["authors"]))
    add("Source", info["source"])
    add("URL", info["url"])
    add("Status", info["status"])
    add("Published", info["published"])
    add("Updated", info["updated"])
    add("Language", info["language"])
    add("Words", f"{info['words']:,}")
    add("Format", f"{info['format']} ({info['encoding']})" if info["encoding"] else info["format"])
    add("Path", info["path"])
    for kind, values in info["tags"].items():
        add(kind.capitalize(), ", ".join(values))
    add("Scene breaks", info["scene_breaks"])
    add("Italic paras", info["italic_paragraphs"])
    if info["summary"]:
        rows += ["", "Summary:", *("  " + line for line in info["summary"].splitlines())]
    rows += ["", f"Chapters ({len(info['chapters'])}):"]
    rows += [
        f"  {i + 1:>3}. {c['title']}  ({c['words']:,} words)"
        for i, c in enumerate(info["chapters"])
    ]
    if info["notes"]:
        rows += ["", "Notes:"]
        for note in info["notes"]:
            where = note["position"] + (
                f" {note['chapter'] + 1}" if note["chapter"] is not None else ""
            )
            first = note["text"].splitlines()[0] if note["text"] else ""
            rows.append(f"  [{where}] {note['label'] + ': ' if note['label'] else ''}{first[:70]}")
    if info["extras"]:
        rows += ["", f"Removed site text: {len(info['extras'])} block(s)"]
    if info["problems"]:
        rows += ["", "Problems:", *("  " + p for p in info["problems"])]
    return "\n".join(rows)


def run(args: argparse.Namespace) -> int:
    """Print a story's metadata; returns the exit status."""
    info = story_info(load_story(args.file))
    if args.json:
        json.dump(info, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(_human(info))
    return 0
