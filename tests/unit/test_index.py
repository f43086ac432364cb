"""The sqlite index: reuse without reading, re-reading changes, damaged indexes rebuilt."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from fictui.library import Entry, LibraryIndex
from fictui.library.index import index_file
from tests.unit.test_library_support import ReadCounter, by_name, write_html, write_txt


def small_library(root: Path) -> None:
    write_txt(root / "one.txt", "First story.\n\nIt has two paragraphs.\n")
    write_txt(root / "shelf" / "two.txt", "Second story.\n")
    write_html(root / "shelf" / "three.html", "Third Lamp", "Oriel", 2)


def test_first_scan_reads_everything_and_reports_batches(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    small_library(root)
    index = LibraryIndex(root)
    assert index.cached() == []
    batches: list[list[Entry]] = []
    progress: list[tuple[int, int]] = []
    entries = index.scan(on_batch=batches.append, on_progress=lambda d, t: progress.append((d, t)))
    assert sorted(by_name(entries)) == ["one.txt", "shelf/three.html", "shelf/two.txt"]
    assert sorted(e.name for batch in batches for e in batch) == sorted(by_name(entries))
    assert progress[0] == (0, 3) and progress[-1] == (3, 3)
    assert index.path.parent == Path(os.environ["FICTUI_CACHE_DIR"])
    assert index.path.name.startswith("library-") and index.path.suffix == ".sqlite3"
    index.close()


def test_unchanged_start_reads_no_story_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "lib"
    small_library(root)
    first = LibraryIndex(root)
    before = by_name(first.scan())
    first.close()

    counter = ReadCounter(monkeypatch)
    again = LibraryIndex(root)
    cached = by_name(again.cached())
    assert cached == before  # every field, the folded search text included
    batches: list[list[Entry]] = []
    assert by_name(again.scan(on_batch=batches.append)) == before
    assert counter.count == 0
    assert batches == []


def test_changed_file_is_reread_and_added_time_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "lib"
    small_library(root)
    index = LibraryIndex(root)
    added = by_name(index.scan())["one.txt"].added
    counter = ReadCounter(monkeypatch)
    path = root / "one.txt"
    path.write_text("First story, longer now.\n\nWith a third paragraph here.\n\nYes.\n")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    entries = by_name(index.scan())
    assert counter.paths == [path]
    assert entries["one.txt"].words == 10
    assert entries["one.txt"].added == added


def test_vanished_files_are_dropped(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    small_library(root)
    index = LibraryIndex(root)
    index.scan()
    (root / "shelf" / "two.txt").unlink()
    assert sorted(by_name(index.scan())) == ["one.txt", "shelf/three.html"]
    assert sorted(by_name(index.cached())) == ["one.txt", "shelf/three.html"]


def test_damaged_index_is_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    small_library(root)
    index = LibraryIndex(root)
    index.scan()
    index.close()
    index.path.write_bytes(b"this is not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{index.path}{suffix}").unlink(missing_ok=True)
    again = LibraryIndex(root)
    assert again.cached() == []
    assert len(again.scan()) == 3
    again.close()
    assert len(LibraryIndex(root).cached()) == 3


def test_outdated_or_foreign_index_is_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    small_library(root)
    index = LibraryIndex(root)
    index.scan()
    index.close()
    db = sqlite3.connect(index.path)
    db.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
    db.commit()
    db.close()
    assert LibraryIndex(root).cached() == []


def test_damaged_row_is_skipped_and_reread(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    small_library(root)
    index = LibraryIndex(root)
    index.scan()
    index.close()
    db = sqlite3.connect(index.path)
    changed = db.execute(
        "UPDATE entries SET data = '[1, 2' WHERE CAST(path AS TEXT) LIKE '%one.txt'"
    ).rowcount
    db.commit()
    db.close()
    assert changed == 1
    again = LibraryIndex(root)
    assert sorted(by_name(again.cached())) == ["shelf/three.html", "shelf/two.txt"]
    assert by_name(again.scan())["one.txt"].words == 6


def test_each_root_has_its_own_index(tmp_path: Path) -> None:
    write_txt(tmp_path / "a" / "x.txt")
    write_txt(tmp_path / "b" / "y.txt")
    assert index_file(tmp_path / "a") != index_file(tmp_path / "b")
    LibraryIndex(tmp_path / "a").scan()
    assert LibraryIndex(tmp_path / "b").cached() == []


def test_non_utf8_file_names_round_trip(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    raw = os.path.join(os.fsencode(root), b"caf\xe9-latin1.txt")
    with open(raw, "wb") as handle:
        handle.write(b"A story under an old name.\n")
    index = LibraryIndex(root)
    (entry,) = index.scan()
    assert os.fsencode(entry.path) == raw
    assert entry.error is None
    index.close()
    (cached,) = LibraryIndex(root).cached()
    assert os.fsencode(cached.path) == raw
    assert "\udce9" not in cached.name  # shown sanitized, stored exactly


def test_unreadable_cache_folder_still_works_from_memory(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    small_library(root)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    index = LibraryIndex(root, cache_dir=blocker / "cache")
    assert len(index.scan()) == 3
    assert len(index.cached()) == 3


def test_stop_event_ends_a_scan_early_and_keeps_old_rows(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    for number in range(30):
        write_txt(root / f"s{number:02d}.txt")
    index = LibraryIndex(root)
    index.scan()
    for number in range(30, 300):
        write_txt(root / f"s{number:03d}.txt")
    (root / "s00.txt").unlink()
    stop = threading.Event()

    def on_batch(batch: list[Entry]) -> None:
        stop.set()

    entries = index.scan(on_batch=on_batch, stop=stop)
    assert 30 <= len(entries) < 300
    assert "s00.txt" in by_name(entries)  # vanished files are only dropped by a full scan


def test_refresh_paths_reads_new_changed_and_reports_removed(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    small_library(root)
    index = LibraryIndex(root)
    index.scan()
    new = write_txt(root / "new.txt", "A new arrival.\n")
    (root / "one.txt").unlink()
    changed, removed = index.refresh_paths([new, root / "one.txt", root / "shelf" / "two.txt"])
    assert [e.name for e in changed] == ["new.txt"]
    assert removed == [root / "one.txt"]
    # A folder moved away takes its stories with it; one moved in brings them.
    (root / "shelf").rename(tmp_path / "elsewhere")
    changed, removed = index.refresh_paths([root / "shelf"])
    assert changed == [] and sorted(p.name for p in removed) == ["three.html", "two.txt"]
    (tmp_path / "elsewhere").rename(root / "moved-in")
    changed, removed = index.refresh_paths([root / "moved-in"])
    assert sorted(e.name for e in changed) == ["moved-in/three.html", "moved-in/two.txt"]
    assert removed == []
    hidden = write_txt(root / ".hidden" / "x.txt")
    assert index.refresh_paths([hidden, root / "x.txt.part"]) == ([], [])
    assert sorted(by_name(index.cached())) == [
        "moved-in/three.html",
        "moved-in/two.txt",
        "new.txt",
    ]


def test_index_is_usable_from_two_threads(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    small_library(root)
    index = LibraryIndex(root)
    results: list[int] = []
    worker = threading.Thread(target=lambda: results.append(len(index.scan())))
    worker.start()
    for _ in range(20):
        index.cached()
    worker.join(timeout=30)
    assert results == [3]


def test_scan_after_another_connection_changed_rows_sees_them(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    small_library(root)
    ui = LibraryIndex(root)
    ui.scan()
    assert len(ui.cached()) == 3
    monitor = LibraryIndex(root)  # the watcher's own connection
    new = write_txt(root / "arrived.txt", "Arrived while reading.\n")
    changed, _ = monitor.refresh_paths([new])
    assert [e.name for e in changed] == ["arrived.txt"]
    assert "arrived.txt" in by_name(ui.scan())


def test_moved_file_keeps_its_first_seen_time(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    small_library(root)
    index = LibraryIndex(root)
    before = by_name(index.scan())
    (root / "shelf" / "three.html").rename(root / "moved.html")
    after = by_name(index.scan())
    assert "shelf/three.html" not in after
    assert after["moved.html"].added == before["shelf/three.html"].added
    index.close()
    assert by_name(LibraryIndex(root).cached())["moved.html"].added == after["moved.html"].added


def test_a_large_scan_delivers_a_first_batch_before_the_walk_ends(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    for number in range(60):
        write_txt(root / f"s{number:02d}.txt", f"Story {number}.\n")
    index = LibraryIndex(root)
    batches: list[list[Entry]] = []
    progress: list[tuple[int, int]] = []
    entries = index.scan(on_batch=batches.append, on_progress=lambda d, t: progress.append((d, t)))
    assert len(entries) == 60
    assert len(batches[0]) == 16
    assert progress[0] == (16, 60) and progress[-1] == (60, 60)
    assert sorted(e.name for b in batches for e in b) == sorted(by_name(entries))
