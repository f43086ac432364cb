"""Helpers for the library tests: small original stories written to disk, and a read counter."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pytest

from fictui.library import Entry
from fictui.library import scan as scan_module


def write_txt(path: Path, body: str = "The kettle sang.\n\nMira poured two cups.\n") -> Path:
    """Write a small plain-text story."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def wip_html(title: str, author: str, chapters: int, total: int | None = None) -> str:
    """An archive-style HTML download of a work with some chapters (in progress when no total)."""
    shown = str(total) if total is not None else "?"
    parts = [
        "<!DOCTYPE html>",
        f"<html><head><meta charset='UTF-8'><title>{html.escape(title)}</title></head><body>",
        '<div id="preface"><div class="meta"><dl class="tags">',
        '<dt>Rating:</dt><dd><a href="#">General Audiences</a></dd>',
        '<dt>Fandom:</dt><dd><a href="#">Lantern Keepers</a></dd>',
        '<dt>Additional Tags:</dt><dd><a href="#">Fluff</a></dd>',
        f"<dt>Stats:</dt><dd>Chapters: {chapters}/{shown}</dd></dl>",
        f'<h1>{html.escape(title)}</h1><div class="byline">by '
        f'<a rel="author" href="#">{html.escape(author)}</a></div>',
        '</div></div><div id="chapters">',
    ]
    for number in range(1, chapters + 1):
        parts.append(f'<div class="meta group"><h2 class="heading">Chapter {number}</h2></div>')
        parts.append(
            f'<div class="userstuff"><p>Lamps were lit on the {number} bridge.</p>'
            "<p>The keepers counted them twice.</p></div>"
        )
    parts.append("</div></body></html>")
    return "\n".join(parts)


def write_html(
    path: Path, title: str, author: str, chapters: int, total: int | None = None
) -> Path:
    """Write an archive-style HTML story."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(wip_html(title, author, chapters, total), encoding="utf-8")
    return path


class ReadCounter:
    """Counts the story files the library reads (wraps read_story where the scanner calls it)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[Path] = []
        real: Callable[..., object] = scan_module.read_story

        def counting(path: Path, **kwargs: object) -> object:
            self.paths.append(Path(path))
            return real(path, **kwargs)

        monkeypatch.setattr(scan_module, "read_story", counting)

    @property
    def count(self) -> int:
        """How many reads so far."""
        return len(self.paths)


def by_name(entries: list[Entry]) -> dict[str, Entry]:
    """Entries keyed by their display name."""
    return {entry.name: entry for entry in entries}


def test_wip_html_is_read_as_work_in_progress(tmp_path: Path) -> None:
    from fictui.formats import read_story

    story = read_story(write_html(tmp_path / "w.html", "Lamps", "Oriel", 2))
    assert story.title == "Lamps"
    assert story.authors == ["Oriel"]
    assert len(story.chapters) == 2
    assert story.status.value == "in-progress"
