"""Hostile and broken EPUBs: every one gives a clear error (exit 2) and never a crash."""

from __future__ import annotations

import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from fictui.__main__ import main
from fictui.errors import StoryError
from fictui.formats.epub_zip import MAX_MEMBER_BYTES, is_safe_name
from fictui.formats.read import parse_bytes, read_story
from tests.fixtures import hostile as fx
from tests.fixtures.epub_writer import write_zip
from tests.fixtures.hostile import _small_book
from tests.fixtures.make_fixtures import MARKDOWN_STORY, ao3_epub, ao3_html, fff_epub, fff_html


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (fx.zip_bomb, "too large"),
        (fx.ratio_bomb, "zip bomb"),
        (fx.xxe_epub, "entities"),
        (fx.missing_opf_epub, "package file"),
        (fx.missing_container_epub, "container.xml is missing"),
        (fx.missing_spine_item_epub, "spine item"),
        (fx.traversal_spine_epub, "spine item"),
        (fx.drm_epub, "encrypted"),
        (fx.random_epub, "not an EPUB"),
    ],
)
def test_refused_with_a_clear_reason(
    build: Callable[[Path], Path],
    reason: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = build(tmp_path / "book.epub")
    with pytest.raises(StoryError, match=reason):
        read_story(path)
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err
    assert reason in err
    assert "unexpected error" not in err and "Traceback" not in err


def test_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = fx.zip_bomb(tmp_path / "bomb.epub")
    assert path.stat().st_size < 1024 * 1024
    info = zipfile.ZipFile(path).getinfo("c1.xhtml")
    assert info.file_size > MAX_MEMBER_BYTES


def test_lying_directory_is_caught(tmp_path: Path) -> None:
    # The directory says 100 bytes; the stream holds far more.
    path = write_zip(tmp_path / "liar.epub", _small_book())
    data = bytearray(path.read_bytes())
    member = zipfile.ZipFile(path).getinfo("c1.xhtml")
    real = member.file_size
    for offset in (data.find(b"c1.xhtml") - 30 + 22, data.rfind(b"c1.xhtml") - 46 + 24):
        assert int.from_bytes(data[offset : offset + 4], "little") == real
        data[offset : offset + 4] = (20).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(StoryError):
        read_story(path)


def test_traversal_names_are_ignored(tmp_path: Path) -> None:
    path = fx.traversal_epub(tmp_path / "book.epub")
    story = read_story(path)
    texts = [b.text for c in story.chapters for b in c.blocks]
    assert texts == ["A small book with one page."]
    assert not (tmp_path.parent / "evil.xhtml").exists()


def test_safe_names() -> None:
    assert is_safe_name("OEBPS/text/ch1.xhtml")
    for bad in ("../x", "a/../../x", "/etc/passwd", "C:/x", "a\\..\\x", ""):
        assert not is_safe_name(bad), bad


def test_encrypted_zip_flag(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "book.epub", _small_book())
    data = bytearray(path.read_bytes())
    # Set bit 0 (encrypted) of the central directory entry of the chapter.
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"c1.xhtml"))
    data[central + 8] |= 1
    path.write_bytes(bytes(data))
    with pytest.raises(StoryError, match="encrypted"):
        read_story(path)


def test_font_obfuscation_is_not_drm(tmp_path: Path) -> None:
    files = _small_book()
    files["META-INF/encryption.xml"] = """<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
  xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>
  <enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>
  <enc:CipherData><enc:CipherReference URI="fonts/a.otf"/></enc:CipherData>
</enc:EncryptedData></encryption>"""
    story = read_story(write_zip(tmp_path / "book.epub", files))
    assert story.chapters[0].title == "One"


def test_html_named_epub_and_empty_zip(tmp_path: Path) -> None:
    page = tmp_path / "page.epub"
    page.write_text("<html><body><p>hi</p></body></html>")
    with pytest.raises(StoryError, match="not an EPUB"):
        read_story(page)
    empty = tmp_path / "empty.epub"
    with zipfile.ZipFile(empty, "w"):
        pass
    with pytest.raises(StoryError):
        read_story(empty)


def test_entities_in_content_documents_are_not_resolved(tmp_path: Path) -> None:
    files = _small_book()
    files["c1.xhtml"] = (
        '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Say &secret; twice.</p></body></html>'
    )
    story = read_story(write_zip(tmp_path / "book.epub", files))
    texts = [block.text for block in story.chapters[0].blocks]
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    assert any(text.startswith("Say ") and text.endswith(" twice.") for text in texts)
    assert not hostname or all(hostname not in text for text in texts)


def test_ratio_checked_for_any_member_that_is_read(tmp_path: Path) -> None:
    files = _small_book("chapter-one")
    files["chapter-one"] = "<p>" + "z" * (2 * 1024 * 1024) + "</p>"
    with pytest.raises(StoryError, match="zip bomb"):
        read_story(write_zip(tmp_path / "book.epub", files))


@pytest.mark.parametrize("name", ["ao3.epub", "fff.epub", "ao3.html", "fff.html", "story.md"])
def test_damaged_files_never_crash(name: str, tmp_path: Path) -> None:
    builders = {
        "ao3.epub": lambda: ao3_epub(tmp_path / name).read_bytes(),
        "fff.epub": lambda: fff_epub(tmp_path / name).read_bytes(),
        "ao3.html": lambda: ao3_html().encode(),
        "fff.html": lambda: fff_html().encode(),
        "story.md": lambda: MARKDOWN_STORY.encode(),
    }
    built = builders[name]()
    rng = random.Random(name)
    outcomes = {"read": 0, "refused": 0}
    for _ in range(150):
        data = bytearray(built)
        for _ in range(rng.randint(1, 12)):
            at = rng.randrange(len(data))
            if rng.random() < 0.6:
                data[at] = rng.randrange(256)
            else:
                del data[at : at + rng.randint(1, 40)]
        try:
            parse_bytes(bytes(data), Path(name))
            outcomes["read"] += 1
        except StoryError:
            outcomes["refused"] += 1
    # Whatever the damage, the answer is a story or a StoryError, never another exception.
    assert sum(outcomes.values()) == 150
