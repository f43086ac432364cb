"""StateStore: editing, saving, loading, settings and odd keys."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from fictui.model import Address
from fictui.state import PassageNote, StateStore, WorkState
from fictui.state.store import STATE_FILE


def test_empty_store_and_unknown_work(private_folders: dict[str, Path]) -> None:
    store = StateStore()
    assert store.data_dir == private_folders["data"]
    assert store.works() == {}
    assert store.work("ao3:1") == WorkState(identity="ao3:1")
    assert not store.dirty and store.problems == []
    assert store.save() is True
    assert not (store.data_dir / STATE_FILE).exists()  # nothing to save yet


def test_edit_marks_dirty_without_disk_io(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    with store.edit("ao3:1", path_hint="/lib/a.html", title="A", authors=["Ann"]) as work:
        work.notes = "first thoughts"
    assert store.dirty
    assert not (tmp_path / STATE_FILE).exists()
    assert store.save() and not store.dirty
    again = StateStore(tmp_path).work("ao3:1")
    assert (again.notes, again.path, again.title, again.authors) == (
        "first thoughts",
        "/lib/a.html",
        "A",
        ["Ann"],
    )
    assert again.added is not None


def test_work_returns_a_copy(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    with store.edit("w") as work:
        work.notes = "kept"
    copy = store.work("w")
    copy.notes = "changed outside"
    copy.bookmarks["a"] = Address(1, 1, "")
    assert store.work("w").notes == "kept" and store.work("w").bookmarks == {}
    assert store.works()["w"].notes == "kept"


def test_everything_round_trips(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    with store.edit("ao3:7", title="T") as work:
        work.position = Address(3, 14, "deadbeef")
        work.progress = 0.25
        work.bookmarks = {"a": Address(1, 2, "aa"), "z": Address(9, 9, "")}
        work.status = "reading"
        work.seen_chapters = 12
        work.passage_notes.append(
            PassageNote(id="n" * 32, address=Address(2, 5, "bb"), text="so good", quote="It was")
        )
    store.set_setting("theme", "fictui-light")
    store.set_setting("sort", "words")
    store.set_setting("columns", ["title", "words"])
    store.close()
    loaded = StateStore(tmp_path)
    assert loaded.work("ao3:7") == store.work("ao3:7")
    assert loaded.settings == {
        "theme": "fictui-light",
        "sort": "words",
        "columns": ["title", "words"],
    }


def test_state_file_is_readable_toml_keyed_by_identity(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    with store.edit("ao3:42", path_hint="/old/place.epub") as work:
        work.notes = "line one\nline two"
    store.save()
    data = tomllib.loads((tmp_path / STATE_FILE).read_text("utf-8"))
    assert data["works"]["ao3:42"]["notes"] == "line one\nline two"
    assert data["works"]["ao3:42"]["path"] == "/old/place.epub"


def test_moved_file_keeps_its_notes_and_updates_the_hint(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    with store.edit("ao3:42", path_hint="/old/place.epub") as work:
        work.notes = "mine"
    store.close()
    store = StateStore(tmp_path)
    with store.edit("ao3:42", path_hint="/new/renamed.epub") as work:
        assert work.notes == "mine"
    store.close()
    reloaded = StateStore(tmp_path)
    assert reloaded.work("ao3:42").path == "/new/renamed.epub"
    assert reloaded.identity_for_path("/new/renamed.epub") == "ao3:42"
    assert reloaded.identity_for_path("/old/place.epub") is None


def test_odd_keys_and_paths_round_trip(tmp_path: Path) -> None:
    raw_name = os.fsdecode(b"/lib/caf\xe9 \xff\xfe.txt")
    identity = "work:" + os.fsdecode(b"\xc3\x28 title") + "|" + "raw:x"
    odd = [
        'quote"s',
        "crlf\r\nnote\r",
        "back\\slash",
        "tab\there",
        "new\nline",
        "emoji 🐉",
        "\x1b[31m",
        "[a.b]",
    ]
    store = StateStore(tmp_path)
    with store.edit(identity, path_hint=raw_name, title="\udcff title") as work:
        work.notes = "notes with \udc80 byte"
        for letter in odd:
            work.bookmarks[letter] = Address(1, 1, "")
    for name in odd:
        with store.edit(name, path_hint=name, title=name) as work:
            work.notes = name
    assert store.save()
    (tmp_path / STATE_FILE).read_bytes().decode("utf-8")  # strictly valid UTF-8
    loaded = StateStore(tmp_path)
    assert loaded.problems == []
    assert loaded.works() == store.works()
    assert loaded.work(identity).path == raw_name
    assert os.fsencode(loaded.work(identity).path) == b"/lib/caf\xe9 \xff\xfe.txt"


def test_settings_must_be_toml_values(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    with pytest.raises(TypeError):
        store.set_setting("bad", object())
    with pytest.raises(TypeError):
        store.set_setting("bad", {1: "x"})
    store.set_setting("same", 1)
    store.save()
    store.set_setting("same", 1)
    assert not store.dirty


def test_forget_drops_a_work(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    with store.edit("a") as work:
        work.notes = "x"
    with store.edit("b") as work:
        work.notes = "y"
    store.save()
    store.forget("a")
    store.save()
    assert set(StateStore(tmp_path).works()) == {"b"}


def test_edit_marks_dirty_even_when_the_block_raises(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    with pytest.raises(RuntimeError), store.edit("w") as work:
        work.notes = "half"
        raise RuntimeError("boom")
    assert store.dirty
    assert store.save()
    assert StateStore(tmp_path).work("w").notes == "half"


def test_data_dir_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = StateStore(blocker / "data")
    assert store.problems and "Cannot create" in store.problems[0]
    with store.edit("w") as work:
        work.notes = "in memory"
    assert store.save() is False
    assert store.dirty and store.work("w").notes == "in memory"
    assert store.close() is False


def test_copy_is_deep_and_covers_every_field() -> None:
    from dataclasses import fields
    from datetime import UTC, datetime

    moment = datetime(2026, 5, 1, tzinfo=UTC)
    work = WorkState(
        identity="i",
        title="t",
        authors=["a"],
        path="p",
        notes="n",
        passage_notes=[PassageNote(id="x", address=Address(1, 2, "h"), text="t", quote="q")],
        position=Address(3, 4, "h"),
        progress=0.5,
        bookmarks={"a": Address(5, 6, "")},
        status="reading",
        last_read=moment,
        seen_chapters=3,
        added=moment,
    )
    # A new field must be added both here and to WorkState.copy.
    assert {f.name for f in fields(WorkState)} == {
        "identity", "title", "authors", "path", "notes", "passage_notes", "position",
        "progress", "bookmarks", "status", "last_read", "seen_chapters", "added",
    }  # fmt: skip
    for name in (f.name for f in fields(WorkState)):
        assert getattr(work, name) != getattr(WorkState(identity="other"), name), name
    copy = work.copy()
    assert copy == work
    copy.authors.append("b")
    copy.passage_notes[0].text = "changed"
    copy.bookmarks.clear()
    assert work.authors == ["a"] and work.passage_notes[0].text == "t" and work.bookmarks


def test_save_without_real_change_does_not_rewrite(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    with store.edit("w", title="T") as work:
        work.notes = "same"
    assert store.save()
    before = os.stat(tmp_path / STATE_FILE)
    with store.edit("w", title="T") as work:
        work.notes = "same"
    assert store.dirty and store.save() and not store.dirty
    after = os.stat(tmp_path / STATE_FILE)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
