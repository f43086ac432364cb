"""Kill a saving fictui state writer with SIGKILL at random moments and check every time.

Run as a script (by test_crash_kill.py): ``python crash_driver.py DATA_DIR KILLS SEED``.
It prints one JSON line with the counts. The driver forks each writer from
itself, so a writer starts in about a millisecond with fictui already imported.

Each writer loads the state, then saves in a loop; save number ``i`` sets the
work "crash" to i, the work ``w{i % 20}`` to i and the setting "last" to i, and
the writer reports i on a pipe once save() has returned True. After each kill
the driver checks that the state file parses cleanly, holds one complete save
``c`` with ``last_ack <= c <= last_ack + 1`` (the old or the new content, and
every acknowledged save), and that every backup parses.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from pathlib import Path

from fictui.state import StateStore, codec
from fictui.state.atomic import TEMP_MARK
from fictui.state.store import BACKUP_FOLDER, STATE_FILE

SLOTS = 20
"""Works cycled through by the saves, to check no earlier save was lost."""


def writer(data_dir: Path, ack_fd: int) -> None:
    """Save forever, acknowledging each save on ``ack_fd`` (runs in the forked child)."""
    store = StateStore(data_dir)
    os.write(ack_fd, b"ready\n")
    counter = store.work("crash").seen_chapters or 0
    while True:
        counter += 1
        with store.edit("crash") as work:
            work.seen_chapters = counter
            work.notes = f"save {counter}\n" + "x" * (counter % 97)
        with store.edit(f"w{counter % SLOTS}") as work:
            work.notes = str(counter)
        store.set_setting("last", counter)
        if not store.save():
            os._exit(3)
        os.write(ack_fd, b"%d\n" % counter)


def check(data_dir: Path, last_ack: int) -> tuple[int, list[str]]:
    """The save number on disk and any broken guarantee."""
    errors: list[str] = []
    path = data_dir / STATE_FILE
    if not path.exists():
        if last_ack:
            errors.append(f"state file missing after ack {last_ack}")
        return 0, errors
    try:
        document, problems = codec.loads(path.read_bytes())
    except codec.StateParseError as error:
        return -1, [f"state file does not parse: {error}"]
    if problems:
        errors.append(f"problems reading: {problems}")
    crash = document.works.get("crash")
    found = crash.seen_chapters if crash and crash.seen_chapters else 0
    if not last_ack <= found <= last_ack + 1:
        errors.append(f"on disk save {found}, last acknowledged {last_ack}")
    if crash and crash.notes != f"save {found}\n" + "x" * (found % 97):
        errors.append(f"save {found}: notes of another save")
    if found and document.settings.get("last") != found:
        errors.append(f"save {found}: setting from another save")
    for slot in range(SLOTS):
        latest = max((i for i in range(1, found + 1) if i % SLOTS == slot), default=None)
        work = document.works.get(f"w{slot}")
        held = work.notes if work else None
        if latest is not None and held != str(latest):
            errors.append(f"save {found}: w{slot} holds {held}, expected {latest}")
    for backup in sorted((data_dir / BACKUP_FOLDER).glob("*.toml")):
        try:
            codec.loads(backup.read_bytes())
        except (OSError, codec.StateParseError) as error:
            errors.append(f"backup {backup.name} broken: {error}")
    return found, errors


def main(data_dir: Path, kills: int, seed: int) -> dict[str, object]:
    """Run ``kills`` rounds; returns the counts."""
    rng = random.Random(seed)
    data_dir.mkdir(parents=True, exist_ok=True)
    last_ack = 0
    mid_write = 0
    errors: list[str] = []
    started = time.monotonic()
    for _round in range(kills):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(read_end)
            try:
                writer(data_dir, write_end)
            finally:
                os._exit(4)
        os.close(write_end)
        acks = b""
        if rng.random() < 0.8:
            # Most kills land in the save loop, whatever the machine's load: wait
            # until the writer has loaded, then kill within a few saves.
            while b"ready" not in acks and (chunk := os.read(read_end, 65536)):
                acks += chunk
            time.sleep(rng.uniform(0, 0.025))
        else:
            # The rest land anywhere, start-up (loading, cleaning) included.
            time.sleep(rng.uniform(0, 0.01))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        while chunk := os.read(read_end, 65536):
            acks += chunk
        os.close(read_end)
        if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            errors.append(f"writer ended by itself: status {status}")
        lines = [line for line in acks.split(b"\n") if line and line != b"ready"]
        if lines:
            last_ack = int(lines[-1])
        if any(TEMP_MARK in name for name in os.listdir(data_dir)):
            mid_write += 1
        found, problems = check(data_dir, last_ack)
        errors += [f"kill {_round}: {p}" for p in problems]
        if problems:
            break
        last_ack = max(last_ack, found)
    StateStore(data_dir)  # a fresh start cleans what the kills left behind
    left = [
        name
        for folder in (data_dir, data_dir / BACKUP_FOLDER)
        if folder.is_dir()
        for name in os.listdir(folder)
        if TEMP_MARK in name
    ]
    return {
        "kills": kills,
        "temp_files_left_after_restart": len(left),
        "acknowledged_saves": last_ack,
        "kills_mid_write": mid_write,
        "errors": errors[:10],
        "seconds": round(time.monotonic() - started, 2),
    }


if __name__ == "__main__":
    result = main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
    print(json.dumps(result))
