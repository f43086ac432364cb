"""Watching a library with real files: add, change, delete, rename, partial writes, bursts."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fictui.library import LibraryChange, LibraryIndex, monitor_library
from fictui.library.watch import BATCH_SIZE, network_filesystem
from tests.unit.test_library_support import write_html, write_txt


class Watcher:
    """monitor_library running in a thread, its batches and statuses collected."""

    def __init__(self, root: Path, *, poll: bool = False) -> None:
        self.root = root
        self.batches: list[list[LibraryChange]] = []
        self.statuses: list[str] = []
        self.ready = threading.Event()
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self.thread = threading.Thread(
            target=monitor_library,
            args=(root, self._on_changes, self.stop),
            kwargs={"poll": poll, "on_status": self.statuses.append, "on_ready": self.ready.set},
            daemon=True,
        )

    def _on_changes(self, changes: list[LibraryChange]) -> None:
        with self._lock:
            self.batches.append(list(changes))

    @property
    def changes(self) -> list[LibraryChange]:
        with self._lock:
            return [change for batch in self.batches for change in batch]

    def start(self) -> Watcher:
        self.thread.start()
        assert self.ready.wait(5), "the watcher did not start"
        return self

    def wait_for(self, test: Callable[[list[LibraryChange]], bool], timeout: float = 4) -> float:
        """Wait until the changes so far pass the test; returns the seconds it took."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if test(self.changes):
                return time.monotonic() - start
            time.sleep(0.05)
        raise AssertionError(f"timed out; changes so far: {self.changes!r}")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        assert not self.thread.is_alive(), "the watcher did not stop"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write_txt(root / "old.txt", "An old story.\n")
    write_html(root / "wip.html", "Lamp Road", "Oriel", 2)
    index = LibraryIndex(root)
    index.scan()
    index.close()
    return root


@pytest.fixture
def watcher(library: Path) -> Iterator[Watcher]:
    running = Watcher(library).start()
    yield running
    running.close()


def kinds(changes: list[LibraryChange]) -> list[tuple[str, str]]:
    return [(change.kind, change.path.name) for change in changes]


def test_new_story_appears_within_two_seconds(watcher: Watcher, library: Path) -> None:
    written = time.monotonic()
    write_txt(library / "fresh.txt", "A brand new story.\n")
    watcher.wait_for(lambda c: ("added", "fresh.txt") in kinds(c))
    assert time.monotonic() - written < 2.0
    (change,) = watcher.changes
    assert change.entry is not None and change.entry.words == 4
    assert change.entry.name == "fresh.txt" and change.previous is None


def test_changed_work_in_progress_reports_new_chapters(watcher: Watcher, library: Path) -> None:
    write_html(library / "wip.html", "Lamp Road", "Oriel", 4)
    watcher.wait_for(lambda c: ("changed", "wip.html") in kinds(c))
    (change,) = watcher.changes
    assert change.entry is not None and change.entry.chapters == 4
    assert change.previous is not None and change.previous.chapters == 2
    assert change.new_chapters == 2


def test_deleted_story_leaves(watcher: Watcher, library: Path) -> None:
    (library / "old.txt").unlink()
    watcher.wait_for(lambda c: ("removed", "old.txt") in kinds(c))
    (change,) = watcher.changes
    assert change.entry is None
    assert change.previous is not None and change.previous.name == "old.txt"


def test_rename_keeps_identity_in_one_batch(watcher: Watcher, library: Path) -> None:
    (library / "shelf").mkdir()
    (library / "wip.html").rename(library / "shelf" / "renamed.html")
    watcher.wait_for(lambda c: ("added", "renamed.html") in kinds(c))
    watcher.wait_for(lambda c: ("removed", "wip.html") in kinds(c))
    (batch,) = watcher.batches
    removed = next(c for c in batch if c.kind == "removed")
    added = next(c for c in batch if c.kind == "added")
    assert removed.previous is not None and added.entry is not None
    assert added.entry.identity == removed.previous.identity
    assert added.moved_from == library / "wip.html"
    assert added.entry.added == removed.previous.added  # first seen when it had its old name


def test_file_written_in_chunks_is_read_once_complete(watcher: Watcher, library: Path) -> None:
    path = library / "slow.txt"
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(6):
            handle.write(f"Paragraph {number} arrives slowly.\n\n")
            handle.flush()
            time.sleep(0.2)
    watcher.wait_for(lambda c: ("added", "slow.txt") in kinds(c))
    time.sleep(0.8)  # any second report of the same file would come by now
    reports = [c for c in watcher.changes if c.path.name == "slow.txt"]
    assert len(reports) == 1
    assert reports[0].entry is not None and reports[0].entry.words == 24


def test_burst_of_files_arrives_in_batches(watcher: Watcher, library: Path) -> None:
    for number in range(1000):
        write_txt(library / "burst" / f"b{number:04d}.txt", f"Burst story {number}.\n")
    watcher.wait_for(lambda c: sum(1 for x in c if x.kind == "added") >= 1000, timeout=20)
    added = {c.path.name for c in watcher.changes if c.kind == "added"}
    assert len(added) == 1000
    assert len(watcher.batches) >= 10
    assert all(len(batch) <= BATCH_SIZE for batch in watcher.batches)


def test_hidden_partial_and_own_files_trigger_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "lib"
    own = root / "fictui-state"
    monkeypatch.setenv("FICTUI_DATA_DIR", str(own))
    write_txt(root / "old.txt")
    LibraryIndex(root).scan()
    running = Watcher(root).start()
    try:
        write_txt(root / ".hidden.txt")
        write_txt(root / ".config" / "x.txt")
        write_txt(root / "big.html.part")
        write_txt(root / "got.html.crdownload")
        write_txt(root / "swap.txt~")
        write_txt(own / "state.txt")
        (root / "cover.jpg").write_bytes(b"\xff\xd8")
        time.sleep(1.2)
        write_txt(root / "real.txt")
        running.wait_for(lambda c: ("added", "real.txt") in kinds(c))
        assert kinds(running.changes) == [("added", "real.txt")]
    finally:
        running.close()


def test_folder_removed_and_recreated_resumes_watching(library: Path) -> None:
    running = Watcher(library).start()
    try:
        shutil.rmtree(library)
        running.wait_for(
            lambda c: {("removed", "old.txt"), ("removed", "wip.html")} <= set(kinds(c))
        )
        running.wait_for(lambda c: any("missing" in s for s in running.statuses))
        running.ready.clear()
        library.mkdir()
        write_txt(library / "returned.txt", "Back again.\n")
        running.wait_for(lambda c: ("added", "returned.txt") in kinds(c))
        assert any("back" in s for s in running.statuses)
        assert running.ready.wait(3)
        write_txt(library / "after.txt", "Seen by the new watch.\n")
        running.wait_for(lambda c: ("added", "after.txt") in kinds(c))
    finally:
        running.close()


def test_polling_mode_sees_changes_and_says_so(library: Path) -> None:
    running = Watcher(library, poll=True).start()
    try:
        assert running.statuses[0].startswith("watching by polling:")
        write_txt(library / "polled.txt", "Found by polling.\n")
        running.wait_for(lambda c: ("added", "polled.txt") in kinds(c))
        (library / "old.txt").unlink()
        running.wait_for(lambda c: ("removed", "old.txt") in kinds(c))
    finally:
        running.close()


def test_watch_limit_falls_back_to_polling(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import watchfiles

    real_watch = watchfiles.watch

    def limited(*args: object, **kwargs: object) -> object:
        if not kwargs.get("force_polling"):
            raise OSError(28, "inotify watch limit reached")
        return real_watch(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(watchfiles, "watch", limited)
    running = Watcher(library).start()
    try:
        assert running.statuses == ["watching by polling: inotify watch limit reached"]
        write_txt(library / "late.txt", "Seen all the same.\n")
        running.wait_for(lambda c: ("added", "late.txt") in kinds(c))
    finally:
        running.close()


def test_network_file_systems_are_recognised(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        f"server:/export {tmp_path}/net nfs4 rw 0 0\n"
        f"//host/share {tmp_path}/net/inner\\040dir cifs rw 0 0\n"
    )
    (tmp_path / "net" / "inner dir" / "x").mkdir(parents=True)
    assert network_filesystem(tmp_path / "net" / "stories", str(mounts)) == "nfs4"
    assert network_filesystem(tmp_path / "net" / "inner dir" / "x", str(mounts)) == "cifs"
    assert network_filesystem(tmp_path / "local", str(mounts)) is None
    assert network_filesystem(tmp_path, str(tmp_path / "no-such-file")) is None


def test_stop_ends_watching_promptly(library: Path) -> None:
    running = Watcher(library).start()
    started = time.monotonic()
    running.close()
    assert time.monotonic() - started < 2
    assert os.path.isdir(library)


def test_changes_made_before_watching_began_are_caught_up(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write_txt(root / "old.txt")
    index = LibraryIndex(root)
    index.scan()
    index.close()
    write_txt(root / "between.txt", "Arrived between the scan and the watch.\n")
    os.symlink(root / "nowhere.txt", root / "dangling.txt")
    running = Watcher(root).start()
    try:
        found = {(c.kind, c.path.name): c for c in running.changes}
        assert set(found) == {("added", "between.txt"), ("added", "dangling.txt")}
        dangling = found[("added", "dangling.txt")].entry
        assert dangling is not None and dangling.error == "broken or looping link"
    finally:
        running.close()


def test_the_polling_interval_reaches_the_watcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchfiles

    seen: dict[str, object] = {}
    stop = threading.Event()

    def fake_watch(*paths: object, **options: object):  # type: ignore[no-untyped-def]
        seen.update(options)
        stop.set()
        return iter(())

    monkeypatch.setattr(watchfiles, "watch", fake_watch)
    library = tmp_path / "library"
    library.mkdir()
    monitor_library(library, lambda changes: None, stop, poll=True, poll_delay_ms=2500)
    assert seen["force_polling"] is True
    assert seen["poll_delay_ms"] == 2500
