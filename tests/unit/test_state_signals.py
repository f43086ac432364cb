"""SIGTERM and SIGHUP save the state and exit, even in the middle of a save."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from fictui.state import StateStore
from fictui.state.signals import install_save_on_signals

IDLE_CHILD = """
import sys, signal, time
from pathlib import Path
from fictui.state import StateStore
from fictui.state.signals import install_save_on_signals
store = StateStore(Path(sys.argv[1]))
install_save_on_signals(store.save)
with store.edit("ao3:1") as work:
    work.notes = "typed just before the hang-up"
print("ready", flush=True)
while True:
    time.sleep(1)
"""

BUSY_CHILD = """
import sys
from pathlib import Path
from fictui.state import StateStore
from fictui.state.signals import install_save_on_signals
store = StateStore(Path(sys.argv[1]))
install_save_on_signals(store.save)
counter = store.work("busy").seen_chapters or 0
while True:
    counter += 1
    with store.edit("busy") as work:
        work.seen_chapters = counter
        work.notes = f"edit {counter}"
    print(counter, flush=True)  # the edit is in memory: it must reach the disk
    store.save()
"""


def _start(code: str, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_saves_unsaved_edit_and_exits(tmp_path: Path, signum: int) -> None:
    child = _start(IDLE_CHILD, tmp_path)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    assert not (tmp_path / "state.toml").exists()  # only in memory so far
    child.send_signal(signum)
    _, err = child.communicate(timeout=30)
    assert child.returncode == 128 + signum, err
    assert StateStore(tmp_path).work("ao3:1").notes == "typed just before the hang-up"


def test_signal_during_saves_loses_no_edit(tmp_path: Path) -> None:
    rng = random.Random(7)
    rounds = 15
    for _ in range(rounds):
        child = _start(BUSY_CHILD, tmp_path)
        assert child.stdout is not None
        first = child.stdout.readline()
        time.sleep(rng.uniform(0, 0.05))
        child.send_signal(rng.choice([signal.SIGTERM, signal.SIGHUP]))
        out, err = child.communicate(timeout=30)
        assert child.returncode in (128 + signal.SIGTERM, 128 + signal.SIGHUP), err
        edited = int((first + out).split()[-1])
        store = StateStore(tmp_path)
        assert store.problems == []
        saved = store.work("busy").seen_chapters or 0
        # Every edit made before the signal is on disk (one more may have begun).
        assert saved in (edited, edited + 1)
        assert store.work("busy").notes == f"edit {saved}"


THEN_CHILD = """
import sys, time
from pathlib import Path
from fictui.state import StateStore
from fictui.state.signals import install_save_on_signals
store = StateStore(Path(sys.argv[1]))
leaving = []
install_save_on_signals(store.save, then=leaving.append)
with store.edit("ao3:1") as work:
    work.notes = "saved, then a clean exit"
print("ready", flush=True)
while not leaving:
    time.sleep(0.01)
print("leaving after", leaving[0], flush=True)
"""


def test_then_hook_replaces_the_immediate_exit(tmp_path: Path) -> None:
    child = _start(THEN_CHILD, tmp_path)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert out.strip() == f"leaving after {int(signal.SIGTERM)}"
    assert StateStore(tmp_path).work("ao3:1").notes == "saved, then a clean exit"


def test_install_from_another_thread_is_refused() -> None:
    errors: list[BaseException] = []

    def install() -> None:
        try:
            install_save_on_signals(lambda: None)
        except RuntimeError as error:
            errors.append(error)

    thread = threading.Thread(target=install)
    thread.start()
    thread.join()
    assert len(errors) == 1 and "main thread" in str(errors[0])
