"""Walking a library folder: what is skipped, links, FIFOs, unreadable and vanishing files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fictui.formats import read as read_module
from fictui.library import LibraryIndex, is_story_name, read_entry, walk_library
from fictui.library.scan import file_info, read_entries
from tests.unit.test_library_support import by_name, write_html, write_txt


def names(root: Path) -> list[str]:
    return sorted(os.path.relpath(info.path, root) for info in walk_library(root))


def test_skips_hidden_temporary_partial_and_non_story_files(tmp_path: Path) -> None:
    write_txt(tmp_path / "keep.txt")
    write_txt(tmp_path / "deep" / "er" / "keep.md")
    for name in (
        ".hidden.txt",
        "download.html.part",
        "chrome.html.crdownload",
        "save.tmp",
        "notes.txt~",
        "~$lock.txt",
        "cover.jpg",
        "README",
    ):
        write_txt(tmp_path / name)
    write_txt(tmp_path / ".git" / "inside.txt")
    write_txt(tmp_path / ".cache" / "deep" / "inside.html")
    assert names(tmp_path) == ["deep/er/keep.md", "keep.txt"]
    assert not is_story_name("a.txt.part")
    assert is_story_name("A.HTM")


def test_fifo_is_never_opened_or_listed(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    write_txt(tmp_path / "real.txt")
    # A FIFO opened for reading would block this test forever.
    assert names(tmp_path) == ["real.txt"]
    assert file_info(tmp_path / "pipe.txt") is None
    entry = read_entry(tmp_path / "pipe.txt")
    assert entry.error == "not a regular file"


def test_symlink_loop_and_linked_folders_are_walked_once(tmp_path: Path) -> None:
    write_txt(tmp_path / "shelf" / "one.txt")
    os.symlink(tmp_path, tmp_path / "shelf" / "back-to-top")
    os.symlink(tmp_path / "shelf", tmp_path / "another-view")
    os.symlink("loop-b.txt", tmp_path / "loop-a.txt")
    os.symlink("loop-a.txt", tmp_path / "loop-b.txt")
    found = list(walk_library(tmp_path))
    stories = [info for info in found if info.error is None]
    assert [os.path.relpath(i.path, tmp_path) for i in stories] == ["shelf/one.txt"]
    loops = sorted(os.path.basename(i.path) for i in found if i.error is not None)
    assert loops == ["loop-a.txt", "loop-b.txt"]


def test_dangling_symlink_becomes_an_error_row(tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    write_txt(tmp_path / "fine.txt")
    entries = by_name(LibraryIndex(tmp_path).scan())
    assert entries["dangling.txt"].error == "broken or looping link"
    assert entries["fine.txt"].error is None


def test_symlink_to_a_story_file_is_listed(tmp_path: Path) -> None:
    target = write_txt(tmp_path / "elsewhere" / ".stash" / "real.txt")
    os.symlink(target, tmp_path / "linked.txt")
    assert names(tmp_path) == ["linked.txt"]


def test_unreadable_file_becomes_an_error_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = write_txt(tmp_path / "secret.txt")
    write_txt(tmp_path / "open.txt")
    secret.chmod(0)
    # Root reads any file whatever its mode, so refuse the open as the system would.
    real_open = os.open

    def refusing(path: object, *args: object, **kwargs: object) -> int:
        if os.fspath(path) == str(secret):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(read_module.os, "open", refusing)
    entries = by_name(LibraryIndex(tmp_path).scan())
    assert entries["secret.txt"].error == "permission denied"
    assert entries["secret.txt"].title == "secret.txt"
    assert entries["open.txt"].error is None


def test_file_vanishing_mid_scan_becomes_an_error_row(tmp_path: Path) -> None:
    doomed = write_txt(tmp_path / "doomed.txt")
    write_txt(tmp_path / "stays.txt")
    index = LibraryIndex(tmp_path)

    def progress(done: int, total: int) -> None:
        if done == 0:
            doomed.unlink()  # after the walk saw it, before it is read

    entries = by_name(index.scan(on_progress=progress))
    assert entries["doomed.txt"].error == "no such file"
    assert entries["stays.txt"].error is None
    # The next scan knows it is gone.
    assert sorted(by_name(index.scan())) == ["stays.txt"]


def test_empty_and_undecodable_files_are_error_rows_not_crashes(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "html-junk.html").write_bytes(b"\x00\xff" * 50)
    entries = by_name(LibraryIndex(tmp_path).scan())
    assert entries["empty.txt"].error == "the file is empty"
    assert set(entries) == {"empty.txt", "html-junk.html"}


def test_read_entry_fills_metadata(tmp_path: Path) -> None:
    path = write_html(tmp_path / "lamps.html", "Lamps of Oriel", "Wend", 3)
    entry = read_entry(path, tmp_path, size=path.stat().st_size, mtime=5.0, added=7.0)
    assert entry.title == "Lamps of Oriel"
    assert entry.authors == ["Wend"]
    assert entry.chapters == 3
    assert entry.status == "in-progress"
    assert entry.chapters_label == "3/?"
    assert entry.fandoms == ["Lantern Keepers"]
    assert entry.rating == "General Audiences"
    assert entry.words > 20
    assert (entry.mtime, entry.added) == (5.0, 7.0)
    assert "oriel" in entry.haystack and "fluff" in entry.tags_key


def test_control_characters_in_file_names_are_sanitized(tmp_path: Path) -> None:
    write_txt(tmp_path / "bad\x1b[31mname.txt")
    (entry,) = LibraryIndex(tmp_path).scan()
    assert "\x1b" not in entry.name and "\x1b" not in entry.title


def test_reading_many_files_in_a_pool_gives_every_entry(tmp_path: Path) -> None:
    jobs = []
    for number in range(450):
        path = write_txt(tmp_path / f"s{number:03d}.txt", f"Story {number} of the pool.\n")
        jobs.append((str(path), path.stat().st_size, 0.0, 0.0))
    batches = list(read_entries(jobs, tmp_path, workers=2))
    entries = [entry for batch in batches for entry in batch]
    assert len(batches) > 2
    assert sorted(e.name for e in entries) == sorted(f"s{n:03d}.txt" for n in range(450))
    assert all(e.error is None and e.words == 5 for e in entries)
