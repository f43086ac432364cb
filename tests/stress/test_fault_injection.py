"""ENOSPC, EIO and EACCES at create, write, fsync and rename: the old file stays, the edit waits."""

from __future__ import annotations

import errno
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fictui.state import StateStore, atomic, codec
from fictui.state.store import STATE_FILE

ERRORS = {"ENOSPC": errno.ENOSPC, "EIO": errno.EIO, "EACCES": errno.EACCES}
STEPS = ("open", "write", "fsync", "replace")


def _failing(code: int, real: Callable[..., Any], skip: int = 0) -> Callable[..., Any]:
    """A system call that works ``skip`` times, then fails with ``code``."""
    calls = [0]

    def call(*args: Any) -> Any:
        calls[0] += 1
        if calls[0] > skip:
            raise OSError(code, os.strerror(code))
        return real(*args)

    return call


def _temps(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if atomic.TEMP_MARK in name]


def _saved_store(folder: Path) -> StateStore:
    store = StateStore(folder)
    with store.edit("ao3:1", title="One") as work:
        work.notes = "saved before the fault"
    assert store.save()
    return store


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("name", list(ERRORS))
def test_fault_keeps_old_file_and_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, name: str
) -> None:
    store = _saved_store(tmp_path)
    path = tmp_path / STATE_FILE
    before = path.read_bytes()
    with store.edit("ao3:1") as work:
        work.notes = "typed during the fault"
    monkeypatch.setattr(atomic.ops, step, _failing(ERRORS[name], getattr(os, step)))
    assert store.save() is False
    assert path.read_bytes() == before
    assert _temps(tmp_path) == []
    assert store.dirty and store.work("ao3:1").notes == "typed during the fault"
    assert any(os.strerror(ERRORS[name]) in p and "keeps trying" in p for p in store.problems)
    count = len(store.problems)
    assert store.save() is False  # still failing: told once, not on every retry
    assert len(store.problems) == count
    monkeypatch.undo()
    assert store.save() is True
    assert any("saved again" in p for p in store.problems)
    assert StateStore(tmp_path).work("ao3:1").notes == "typed during the fault"


def test_fault_at_folder_fsync_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _saved_store(tmp_path)
    with store.edit("ao3:1") as work:
        work.notes = "new"
    # The file's own fsync works; the folder's fsync (the second call) fails.
    monkeypatch.setattr(atomic.ops, "fsync", _failing(errno.EIO, os.fsync, skip=1))
    assert store.save() is False
    document, _ = codec.loads((tmp_path / STATE_FILE).read_bytes())
    assert document.works["ao3:1"].notes in ("saved before the fault", "new")
    monkeypatch.undo()
    assert store.save() is True
    assert StateStore(tmp_path).work("ao3:1").notes == "new"


def test_lock_file_that_cannot_be_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _saved_store(tmp_path)
    with store.edit("ao3:1") as work:
        work.notes = "waiting for the lock"
    real_open = os.open

    def refuse(path: Any, *args: Any) -> int:
        if str(path).endswith("state.lock"):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        return real_open(path, *args)

    monkeypatch.setattr(os, "open", refuse)
    assert store.save() is False
    monkeypatch.undo()
    assert store.save() is True


def test_random_faults_never_lose_an_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hundreds of saves, a third of them hit by a random fault at a random step."""
    rng = random.Random(20261121)
    store = _saved_store(tmp_path)
    path = tmp_path / STATE_FILE
    faults = saves = 0
    for index in range(300):
        with store.edit(f"w{index % 17}") as work:
            work.notes = f"edit {index}"
        inject = rng.random() < 0.35
        if inject:
            step = rng.choice(STEPS)
            code = rng.choice(list(ERRORS.values()))
            monkeypatch.setattr(atomic.ops, step, _failing(code, getattr(os, step)))
        before = path.read_bytes()
        ok = store.save()
        after = path.read_bytes()
        if inject:
            monkeypatch.undo()
            faults += 1
            assert ok is False and after == before and store.dirty
        else:
            saves += 1
            assert ok is True
            on_disk, _ = codec.loads(after)
            assert on_disk.works == store.works()
        assert _temps(tmp_path) == []
    assert store.save()
    final = StateStore(tmp_path).works()
    expected = {f"w{k}": max(i for i in range(300) if i % 17 == k) for k in range(17)}
    lost = sum(final[w].notes != f"edit {i}" for w, i in expected.items())
    print(f"\nfault injection: {faults} faults injected, {saves} clean saves, lost: {lost}")
    assert lost == 0 and faults > 50
