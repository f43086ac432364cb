"""Damaged state files are never overwritten: set aside, salvaged, backed up."""

from __future__ import annotations

import errno
import os
import tomllib
from pathlib import Path

import pytest

from fictui.state import StateStore, codec, read_works, recovery
from fictui.state import store as store_module
from fictui.state.atomic import temp_name
from fictui.state.store import BACKUP_FOLDER, STATE_FILE


def _filled(folder: Path, count: int = 5) -> StateStore:
    store = StateStore(folder)
    for index in range(count):
        with store.edit(f"ao3:{index}", title=f"Story {index}") as work:
            work.notes = f"notes for {index}\n[not a table header]\nend"
    store.set_setting("theme", "mine")
    assert store.save()
    return store


def _asides(folder: Path, label: str = "damaged") -> list[Path]:
    return sorted(folder.glob(f"state.{label}-*.toml"))


def test_bom_and_crlf_file_is_read_and_not_set_aside(tmp_path: Path) -> None:
    _filled(tmp_path)
    path = tmp_path / STATE_FILE
    text = path.read_text("utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    store = StateStore(tmp_path)
    assert store.problems == []
    assert store.work("ao3:3").notes == "notes for 3\n[not a table header]\nend"
    assert _asides(tmp_path) == []


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_truncated_file_is_moved_aside_and_salvaged(tmp_path: Path, cut: float) -> None:
    _filled(tmp_path)
    path = tmp_path / STATE_FILE
    original = path.read_bytes()
    damaged = original[: int(len(original) * cut)] + b'\n[works."x"\nbroken = '
    path.write_bytes(damaged)
    store = StateStore(tmp_path)
    (aside,) = _asides(tmp_path)
    assert aside.read_bytes() == damaged  # kept byte for byte
    assert any(str(aside.name) in p and "could not be read" in p for p in store.problems)
    expected, _ = codec.loads(original)
    for identity, work in store.works().items():
        # Whatever was salvaged is exactly what was saved (no half-read values).
        assert work == expected.works[identity] or work.notes in expected.works[identity].notes
    assert len(store.works()) >= int(5 * cut) - 1
    assert store.dirty  # the salvaged state is written out on the next save
    assert store.save()
    assert codec.loads(path.read_bytes())[0].works.keys() == store.works().keys()


def test_garbage_file_is_never_overwritten_and_backup_fills_in(tmp_path: Path) -> None:
    _filled(tmp_path).close()
    second = StateStore(tmp_path)
    with second.edit("ao3:9") as work:
        work.notes = "x"
    second.close()  # a second session's first save keeps the first file as a backup
    backups = sorted((tmp_path / BACKUP_FOLDER).glob("*.toml"))
    assert backups, "a good generation is kept"
    garbage = b"\x00\x01 this is not toml {{{ \xff"
    (tmp_path / STATE_FILE).write_bytes(garbage)
    store = StateStore(tmp_path)
    (aside,) = _asides(tmp_path)
    assert aside.read_bytes() == garbage
    assert {f"ao3:{i}" for i in range(5)} <= set(store.works())
    assert any("from the backup" in p for p in store.problems)
    assert store.settings["theme"] == "mine"


def test_empty_file_restores_from_backup(tmp_path: Path) -> None:
    _filled(tmp_path).close()
    second = StateStore(tmp_path)
    with second.edit("ao3:1") as work:
        work.notes = "changed"
    second.close()  # its first save backed up the first session's file
    (tmp_path / STATE_FILE).write_bytes(b"")
    store = StateStore(tmp_path)
    assert any("was empty" in p for p in store.problems)
    assert len(store.works()) == 5


def test_file_with_unreadable_values_is_copied_before_rewrite(tmp_path: Path) -> None:
    path = tmp_path / STATE_FILE
    text = '[works."a"]\nnotes = "keep me"\nprogress = "lots"\n'
    path.write_text(text)
    store = StateStore(tmp_path)
    (copy,) = _asides(tmp_path, "unreadable-values")
    assert copy.read_text() == text
    assert store.work("a").notes == "keep me"
    assert any("progress" in p for p in store.problems)


def test_file_damaged_while_running_is_set_aside_and_session_kept(tmp_path: Path) -> None:
    store = _filled(tmp_path)
    (tmp_path / STATE_FILE).write_text("oops = = hand edit gone wrong")
    with store.edit("ao3:0") as work:
        work.notes = "after the damage"
    assert store.save()
    (aside,) = _asides(tmp_path)
    assert aside.read_text() == "oops = = hand edit gone wrong"
    loaded = StateStore(tmp_path)
    assert loaded.work("ao3:0").notes == "after the damage"
    assert len(loaded.works()) == 5


def test_file_deleted_while_running_does_not_drop_notes(tmp_path: Path) -> None:
    store = _filled(tmp_path)
    (tmp_path / STATE_FILE).unlink()
    with store.edit("ao3:0") as work:
        work.status = "finished"
    assert store.save()
    assert len(StateStore(tmp_path).works()) == 5


def test_unreadable_file_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(tmp_path)
    path = tmp_path / STATE_FILE
    before = path.read_bytes()
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == STATE_FILE:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    store = StateStore(tmp_path)
    assert any("Cannot read" in p for p in store.problems)
    with store.edit("new") as work:
        work.notes = "typed while the file was unreadable"
    assert store.save() is False
    assert real(path) == before
    monkeypatch.setattr(Path, "read_bytes", real)
    assert store.save() is True  # retried once the file can be read: merged, not replaced
    final = StateStore(tmp_path)
    assert final.work("new").notes == "typed while the file was unreadable"
    assert len(final.works()) == 6


def test_leftover_temp_files_are_cleaned_at_start(tmp_path: Path) -> None:
    _filled(tmp_path)
    leftovers = [temp_name(tmp_path / STATE_FILE) for _ in range(3)]
    for leftover in leftovers:
        leftover.write_text("half a save")
    unrelated = tmp_path / "notes-of-my-own.txt"
    unrelated.write_text("mine")
    StateStore(tmp_path)
    assert not any(p.exists() for p in leftovers)
    assert unrelated.exists()


def test_backups_keep_only_good_generations(tmp_path: Path) -> None:
    backups = recovery.Backups(tmp_path / "b", generations=3)
    good = [codec.dumps(_doc(f"v{i}")) for i in range(5)]
    assert backups.add(good[0])
    assert not backups.add(good[0])  # identical to the newest: nothing new
    assert not backups.add(b"")
    assert not backups.add(b"broken = = =")
    assert not backups.add(codec.dumps(codec.StateDocument()))
    for data in good[1:]:
        assert backups.add(data)
    kept = [backups.path(g).read_bytes() for g in (1, 2, 3)]
    assert kept == [good[4], good[3], good[2]]
    assert not backups.path(4).exists()
    newest = backups.newest_good()
    assert newest is not None and newest.path == backups.path(1)
    backups.path(1).write_bytes(b"damaged")
    newest = backups.newest_good()
    assert newest is not None and newest.path == backups.path(2)


def test_backups_are_made_once_per_interval(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _filled(tmp_path)
    clock = [1000.0]
    monkeypatch.setattr(store_module.time, "monotonic", lambda: clock[0])
    store = StateStore(tmp_path)
    for step in range(3):
        with store.edit("ao3:0") as work:
            work.notes = f"step {step}"
        store.save()
    assert len(list((tmp_path / BACKUP_FOLDER).glob("*.toml"))) == 1
    clock[0] += store_module.BACKUP_INTERVAL + 1
    with store.edit("ao3:0") as work:
        work.notes = "later"
    store.save()
    generations = sorted((tmp_path / BACKUP_FOLDER).glob("*.toml"))
    assert len(generations) == 2
    newest = tomllib.loads(generations[0].read_text())
    assert newest["works"]["ao3:0"]["notes"] == "step 2"


def test_salvage_mends_notes_with_bracket_lines() -> None:
    document = _doc("x")
    document.works["x"].notes = "a\n[b]\n[[c]]\nd"
    data = codec.dumps(document) + b'\n[works."y"\nbroken'
    salvaged, lost = recovery.salvage(data)
    assert salvaged.works["x"].notes == "a\n[b]\n[[c]]\nd"
    assert lost == 1


def test_read_state_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / STATE_FILE
    path.write_bytes(b"not = = toml")
    document, problems = recovery.read_state(path)
    assert document.works == {} and problems
    assert path.read_bytes() == b"not = = toml"
    assert sorted(os.listdir(tmp_path)) == [STATE_FILE]


def test_read_works_looks_without_touching(tmp_path: Path) -> None:
    _filled(tmp_path)
    path = tmp_path / STATE_FILE
    assert set(read_works(tmp_path)) == {f"ao3:{i}" for i in range(5)}
    path.write_bytes(path.read_bytes() + b"\n[broken")
    damaged = path.read_bytes()
    assert set(read_works(tmp_path)) == {f"ao3:{i}" for i in range(5)}
    assert path.read_bytes() == damaged and _asides(tmp_path) == []
    assert read_works(tmp_path / "nothing-here") == {}


def _doc(identity: str) -> codec.StateDocument:
    from fictui.state.model import WorkState

    return codec.StateDocument({identity: WorkState(identity, notes=f"about {identity}")})
