"""FanFicFare EPUBs and plain EPUBs (EPUB 3 nav, OPF metadata)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from fictui.__main__ import main
from fictui.formats.read import read_story
from fictui.model import NotePosition, Status
from tests.fixtures.epub_writer import container_xml, opf, write_zip, xhtml
from tests.fixtures.make_fixtures import FFF_URL, ao3_html, fff_epub


def test_fff_epub(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = fff_epub(tmp_path / "Paper_Boats.epub")
    assert main(["info", str(path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["title"] == "Paper Boats"
    assert info["authors"] == ["quillfeather"]
    assert info["identity"] == "ffn:14000321"
    assert info["status"] == Status.COMPLETE.value
    assert info["chapters_total"] == 2
    assert info["published"] == "2021-07-04"
    assert info["updated"] == "2021-08-15"
    assert info["language"] == "English"
    assert info["summary"] == "Two children, one newspaper and a very long river."
    assert info["tags"]["rating"] == ["K+"]
    assert info["tags"]["characters"] == ["Tomas", "Lena"]
    assert info["tags"]["freeform"] == ["Family", "Hurt/Comfort"]
    # Title, contents and log pages are not chapters.
    assert [c["title"] for c in info["chapters"]] == ["1. Folding", "2. Downstream"]
    assert info["scene_breaks"] == 1
    notes = [(n["position"], n["chapter"], n["label"], n["text"]) for n in info["notes"]]
    assert notes == [
        (NotePosition.CHAPTER_FRONT.value, 0, "Author's Note", "First fic in years, be kind."),
        (NotePosition.CHAPTER_END.value, 0, "End Notes", "Reviews make boats float."),
    ]
    assert main(["cat", str(path)]) == 0
    out = capsys.readouterr().out
    assert "_It will sink,_ said his sister" in out
    assert "Update Log" not in out and "Table of Contents" not in out
    assert "First fic in years" not in out


def _plain_book(path: Path, chapters: list[tuple[str, str]], nav: bool = True) -> Path:
    items = [(f"c{n}", f"text/c{n}.xhtml", "application/xhtml+xml") for n in range(len(chapters))]
    files: dict[str, str | bytes] = {"META-INF/container.xml": container_xml("OPS/book.opf")}
    for n, (_, body) in enumerate(chapters):
        files[f"OPS/text/c{n}.xhtml"] = xhtml(body)
    if nav:
        links = "".join(
            f'<li><a href="text/c{n}.xhtml#top">{title}</a></li>'
            for n, (title, _) in enumerate(chapters)
        )
        files["OPS/nav.xhtml"] = xhtml(f'<nav epub:type="toc"><ol>{links}</ol></nav>')
        items.append(("nav", "nav.xhtml", "application/xhtml+xml"))
    package = opf(
        "<dc:title>Moth Letters</dc:title><dc:creator>Ana Rook</dc:creator>"
        "<dc:description>&lt;p&gt;Letters to a &lt;i&gt;moth&lt;/i&gt;.&lt;/p&gt;</dc:description>"
        "<dc:subject>Epistolary</dc:subject><dc:date>2020-05-06</dc:date>"
        "<dc:source>https://example.org/moth-letters</dc:source>",
        items,
        [f"c{n}" for n in range(len(chapters))],
        toc="",
    ).replace('<item id="nav"', '<item properties="nav" id="nav"')
    files["OPS/book.opf"] = package
    return write_zip(path, files)


def test_generic_epub_with_nav(tmp_path: Path) -> None:
    path = _plain_book(
        tmp_path / "moth.epub",
        [
            ("First Letter", "<h1>First Letter</h1><p>Dear moth, <em>stay</em>.</p>"),
            ("Second Letter", "<p>Dear moth, the lamp is lit.</p>"),
        ],
    )
    story = read_story(path)
    assert story.title == "Moth Letters"
    assert story.authors == ["Ana Rook"]
    assert story.summary == "Letters to a moth."
    assert story.tags == {"freeform": ["Epistolary"]}
    assert story.url == "https://example.org/moth-letters"
    assert story.identity == "url:example.org/moth-letters"
    assert str(story.published) == "2020-05-06"
    assert [c.title for c in story.chapters] == ["First Letter", "Second Letter"]
    assert [b.text for b in story.chapters[0].blocks] == ["Dear moth, stay."]


def test_generic_epub_without_nav_titles_from_headings(tmp_path: Path) -> None:
    path = _plain_book(
        tmp_path / "moth.epub",
        [("", "<h2>One</h2><p>a</p>"), ("", "<p>b continues</p>"), ("", "<h2>Two</h2><p>c</p>")],
        nav=False,
    )
    story = read_story(path)
    assert [c.title for c in story.chapters] == ["One", "Two"]
    assert [b.text for b in story.chapters[0].blocks] == ["a", "b continues"]


def test_nav_and_non_linear_documents_are_not_chapters(tmp_path: Path) -> None:
    path = _plain_book(
        tmp_path / "moth.epub",
        [("First Letter", "<p>Dear moth.</p>"), ("Second Letter", "<p>Dear moth, again.</p>")],
    )
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name).decode() for name in archive.namelist()}
    files["OPS/notes.xhtml"] = xhtml("<p>Footnote one.</p>")
    package = files["OPS/book.opf"]
    package = package.replace(
        "</manifest>",
        '<item id="fn" href="notes.xhtml" media-type="application/xhtml+xml"/></manifest>',
    )
    # The navigation page first in the spine, the footnotes as a non-linear extra.
    package = package.replace('<spine toc="">', '<spine toc=""><itemref idref="nav"/>')
    package = package.replace("</spine>", '<itemref idref="fn" linear="no"/></spine>')
    files["OPS/book.opf"] = package
    del files["mimetype"]
    story = read_story(write_zip(tmp_path / "moth2.epub", files))
    assert [c.title for c in story.chapters] == ["First Letter", "Second Letter"]


def test_spine_before_manifest(tmp_path: Path) -> None:
    path = _plain_book(tmp_path / "a.epub", [("One", "<p>a</p>")])
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name).decode() for name in archive.namelist()}
    package = files["OPS/book.opf"]
    start, end = package.index("<manifest>"), package.index("</manifest>") + len("</manifest>")
    manifest = package[start:end]
    package = package[:start] + package[end:]
    files["OPS/book.opf"] = package.replace("</spine>", "</spine>" + manifest)
    del files["mimetype"]
    assert read_story(write_zip(tmp_path / "b.epub", files)).chapters[0].title == "One"


def test_fff_partial_read_has_a_first_chapter(tmp_path: Path) -> None:
    path = fff_epub(tmp_path / "Paper_Boats.epub")
    story = read_story(path, head=True)
    assert story.partial
    assert story.title == "Paper Boats"
    assert story.chapters and story.chapters[0].title == "1. Folding"


def test_older_fff_chapter_heading_without_class(tmp_path: Path) -> None:
    path = fff_epub(tmp_path / "a.epub")
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name).decode() for name in archive.namelist()}
    files["OEBPS/file0002.xhtml"] = files["OEBPS/file0002.xhtml"].replace(
        '<h3 class="fff_chapter_title">2. Downstream</h3>', "<h2>Downstream, Again</h2>"
    )
    del files["mimetype"]
    story = read_story(write_zip(tmp_path / "b.epub", files))
    assert [c.title for c in story.chapters] == ["1. Folding", "Downstream, Again"]
    assert story.chapters[1].blocks[0].text == "The boat reached the weir on Thursday."


def test_styles_in_a_document_head_and_odd_media_types(tmp_path: Path) -> None:
    page = (
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><style>.thought { font-style: '
        "italic }</style></head><body><h1>One</h1><p class='thought'>Is it raining?</p>"
        "<p>It was.</p></body></html>"
    )
    files: dict[str, str | bytes] = {
        "META-INF/container.xml": container_xml(),
        "content.opf": opf("<dc:title>Rain</dc:title>", [("c1", "c1.xhtml", "text/xml")], ["c1"]),
        "c1.xhtml": page,
    }
    story = read_story(write_zip(tmp_path / "rain.epub", files))
    assert [c.title for c in story.chapters] == ["One"]
    assert [b.is_italic for b in story.chapters[0].blocks] == [True, False]


def test_one_file_with_many_chapters(tmp_path: Path) -> None:
    body = (
        "<p>A note before the story.</p><h2>I. The Gate</h2><p>a</p><h3>aside</h3><p>b</p>"
        "<h2>II. The Garden</h2><p>c</p><h2>III. The Well</h2><p>d</p>"
    )
    story = read_story(_plain_book(tmp_path / "one.epub", [("Whole Book", body)], nav=False))
    assert [c.title for c in story.chapters] == [
        "Preface",
        "I. The Gate",
        "II. The Garden",
        "III. The Well",
    ]
    assert [b.text for b in story.chapters[1].blocks] == ["a", "aside", "b"]


def test_fff_download_of_an_ao3_work_matches_the_ao3_download(tmp_path: Path) -> None:
    path = fff_epub(tmp_path / "a.epub")
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name).decode() for name in archive.namelist()}
    ao3_url = "https://archiveofourown.org/works/48213307"
    files = {name: text.replace(FFF_URL, ao3_url) for name, text in files.items()}
    del files["mimetype"]
    from_fff = read_story(write_zip(tmp_path / "b.epub", files))
    page = tmp_path / "ledger.html"
    page.write_text(ao3_html(), encoding="utf-8")
    assert from_fff.identity == read_story(page).identity == "ao3:48213307"
