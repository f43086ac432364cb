"""Generic saved pages and FanFicFare HTML downloads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fictui.__main__ import main
from fictui.formats.read import parse_bytes
from fictui.model import BlockKind, Status, Story
from tests.fixtures.make_fixtures import fff_html


def _read(text: str, name: str = "page.html") -> Story:
    return parse_bytes(text.encode("utf-8"), Path(name))


def test_generic_chapters_at_headings() -> None:
    story = _read(
        "<html><head><title>Garden Notes</title><meta name='author' content='R. Fern'></head>"
        "<body><nav><a href='/'>Home</a></nav><h1>Garden Notes</h1>"
        "<h2>Spring</h2><p>Seeds.</p><h3>Later</h3><p>Shoots.</p>"
        "<h2>Summer</h2><p>Weeds, <em>mostly</em>.</p><footer>(c) site</footer></body></html>"
    )
    assert story.title == "Garden Notes"
    assert story.authors == ["R. Fern"]
    assert [c.title for c in story.chapters] == ["Spring", "Summer"]
    assert story.chapters[0].blocks[1].kind is BlockKind.HEADING
    assert [b.text for b in story.chapters[1].blocks] == ["Weeds, mostly."]


def test_generic_repeated_h1_are_chapters() -> None:
    story = _read("<title>Two</title><h1>One</h1><p>a</p><h1>Two</h1><p>b</p>")
    assert story.title == "Two"
    assert [c.title for c in story.chapters] == ["One", "Two"]


def test_generic_without_headings_uses_file_name() -> None:
    story = _read("<p>Just text.</p>", name="my_saved_page.html")
    assert story.title == "my saved page"
    assert [c.title for c in story.chapters] == ["my saved page"]


def test_fff_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "paper_boats.html"
    path.write_text(fff_html(), encoding="utf-8")
    assert main(["info", str(path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["title"] == "Paper Boats"
    assert info["authors"] == ["quillfeather"]
    assert info["url"] == "https://www.fanfiction.net/s/14000321/1/Paper-Boats"
    assert info["identity"] == "ffn:14000321"
    assert info["status"] == Status.IN_PROGRESS.value
    assert info["published"] == "2021-07-04"
    assert info["updated"] == "2021-08-15"
    assert info["summary"] == "Two children, one newspaper and a very long river."
    assert info["tags"]["characters"] == ["Tomas", "Lena"]
    assert info["tags"]["freeform"] == ["Family", "Hurt/Comfort"]
    assert info["tags"]["fandoms"] == ["Original Fiction"]
    assert [c["title"] for c in info["chapters"]] == ["1. Folding", "2. Downstream"]
    assert info["scene_breaks"] == 1
    # The table of contents is not a chapter and not text.
    assert main(["cat", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Table of Contents" not in out
    assert "_It will sink,_ said his sister" in out


def test_saved_page_keeps_to_the_article() -> None:
    story = _read(
        "<title>Fern Hollow - Chapter 4</title><body><div class='menu'><a>Home</a> "
        "<a>Browse</a> <a>Log in</a></div><div class='sidebar'>Popular this week</div>"
        "<article><h2>Chapter 4</h2><p>Fern waited by the gate until the lamps came on, "
        "and then a little longer.</p><p>Nobody came, which was its own kind of answer.</p>"
        "</article><div class='footer-links'>Terms | Privacy</div></body>"
    )
    texts = [b.text for c in story.chapters for b in c.blocks]
    assert texts[0].startswith("Fern waited") and len(texts) == 2
    assert [c.title for c in story.chapters] == ["Chapter 4"]


def test_xml_declared_encoding() -> None:
    page = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>Gar\xe7on</title></head><body><p>d\xe9j\xe0 vu</p></body></html>"
    )
    story = parse_bytes(page.encode("latin-1"), Path("old.xhtml"))
    assert story.title == "Garçon"
    assert story.chapters[0].blocks[0].text == "déjà vu"
