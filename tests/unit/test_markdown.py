"""Markdown stories: CommonMark styles, headings as chapters, front matter, raw HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fictui.__main__ import main
from fictui.formats.read import parse_bytes
from fictui.model import BlockKind, Span, Status, Story, Style
from tests.fixtures.make_fixtures import MARKDOWN_STORY


def _read(text: str, name: str = "story.md") -> Story:
    return parse_bytes(text.encode("utf-8"), Path(name))


def test_front_matter_and_chapters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "salt.md"
    path.write_text(MARKDOWN_STORY, encoding="utf-8")
    assert main(["info", str(path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["format"] == "markdown"
    assert info["title"] == "Salt and Static"
    assert info["authors"] == ["Juniper Vale"]
    assert info["summary"] == "A radio operator hears a voice from somewhere else."
    assert info["status"] == Status.COMPLETE.value
    assert info["published"] == "2024-02-10"
    assert info["tags"] == {
        "fandoms": ["Original Work"],
        "characters": ["Ada", "The Voice"],
        "freeform": ["Radio", "Second World"],
        "rating": ["General Audiences"],
    }
    assert [c["title"] for c in info["chapters"]] == ["One", "Two"]
    assert info["scene_breaks"] == 2
    assert info["identity"] == "work:salt and static|juniper vale"
    assert main(["cat", str(path)]) == 0
    out = capsys.readouterr().out
    assert "_Is anyone there?_ the hiss asked" in out
    assert "**14:02**" in out


def test_styles_quotes_breaks() -> None:
    story = _read("*a* _b_ **c** __d__ ***e***\n\n> quoted\n\n---\n\n***\n\nend  \nline two\n")
    blocks = story.chapters[0].blocks
    styles = {word: span.style for span in blocks[0].spans for word in span.text.split()}
    assert styles == {
        "a": Style.ITALIC,
        "b": Style.ITALIC,
        "c": Style.BOLD,
        "d": Style.BOLD,
        "e": Style.ITALIC | Style.BOLD,
    }
    assert [b.kind for b in blocks[1:]] == [
        BlockKind.QUOTE,
        BlockKind.SCENE_BREAK,
        BlockKind.SCENE_BREAK,
        BlockKind.VERSE,
    ]
    assert blocks[-1].text == "end\nline two"


def test_headings_are_chapters_without_front_matter() -> None:
    story = _read("# First\n\ntext one\n\n# Second\n\ntext two\n", name="two_parts.md")
    assert story.title == "two parts"
    assert [c.title for c in story.chapters] == ["First", "Second"]


def test_raw_html_is_read_like_html() -> None:
    story = _read("<p>Some <i>raw</i> html</p>\n\n<script>alert(1)</script>\n\nafter &#x1b;[2J\n")
    blocks = story.chapters[0].blocks
    assert Span("raw", Style.ITALIC) in blocks[0].spans
    assert "alert" not in " ".join(b.text for b in blocks)
    assert "\x1b" not in blocks[-1].text


def test_broken_front_matter_is_a_problem_not_an_error() -> None:
    story = _read("---\ntitle: [unclosed\n---\n\nHello.\n", name="x.md")
    assert story.title == "x"
    assert story.chapters[0].blocks[0].text == "Hello."
    assert any("front matter" in p for p in story.problems)


def test_front_matter_tag_list_and_status_words() -> None:
    story = _read("---\ntitle: T\nauthors: A, B\ntags: [one, two]\nstatus: WIP\n---\nx\n")
    assert story.authors == ["A", "B"]
    assert story.tags == {"freeform": ["one", "two"]}
    assert story.status is Status.IN_PROGRESS


def test_alias_bomb_in_front_matter_is_harmless() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join(f'*a{n - 1}' for _ in range(10))}]" for n in range(1, 9)]
    for bomb in ("tags: *a8\ntitle: Bomb", "title: *a8"):
        front = "\n".join(levels) + "\n" + bomb + "\n"
        story = _read(f"---\n{front}---\n\nText of the story.\n")
        # Aliases are refused outright: the front matter is set aside, the story still reads.
        assert any("front matter" in problem for problem in story.problems)
        assert story.tags == {}
        assert len(story.title) < 100
        assert story.words == 4
