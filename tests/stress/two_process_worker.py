"""One of two fictui processes editing one data folder: ``python two_process_worker.py DIR NAME N``.

Waits for the file ``DIR/go`` so both start together, then makes N edits, each
saved at once. Every edit adds the setting ``NAME-i`` (so every single edit can
be looked for afterwards) and sets the process's own free notes, a bookmark on
the shared work and its progress (the last value must win); every fifth edit
also adds a passage note ``NAME:i`` to the shared work. Prints a JSON summary.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from fictui.model import Address
from fictui.state import PassageNote, StateStore


def main(data_dir: Path, name: str, edits: int) -> dict[str, object]:
    """Make the edits; returns counts of failed saves and conflict messages."""
    while not (data_dir / "go").exists():
        time.sleep(0.001)
    store = StateStore(data_dir)
    failed = 0
    took_in = 0
    started = time.monotonic()
    for index in range(edits):
        with store.edit("shared", title="Shared") as work:
            if index % 5 == 0:
                work.passage_notes.append(
                    PassageNote(
                        id=f"{name}{index:04d}",
                        address=Address(index % 7, index, ""),
                        text=f"{name}:{index}",
                    )
                )
            work.bookmarks[f"{name}{index % 5}"] = Address(index, 0, "")
        with store.edit(f"own-{name}-{index % 10}") as work:
            work.notes = f"{name} edit {index}"
            work.progress = index / edits
        store.set_setting(f"last-{name}", index)
        store.set_setting(f"{name}-{index}", index)
        if not store.save():
            failed += 1
            while not store.save():
                time.sleep(0.01)
        # Saves that took in the other process's edits prove the two interleaved.
        took_in += bool(store.take_changed())
        # A pause like a reader's (much shorter) lets the other process take the
        # lock between two saves, so edits interleave finely.
        time.sleep(random.uniform(0, 0.003))
    store.close()
    return {
        "name": name,
        "failed_saves": failed,
        "took_in_other_edits": took_in,
        "problems": store.problems,
        "seconds": round(time.monotonic() - started, 2),
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))))
