"""Print how long state saves take: one fictui alone, and two taking turns on one folder.

Usage: ``python bench/bench_state.py [NOTES]`` (default 1000 passage notes over 50 works).
Prints figures only; asserts nothing.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from fictui.model import Address
from fictui.state import PassageNote, StateStore


def _fill(store: StateStore, notes: int) -> None:
    for index in range(notes):
        with store.edit(f"ao3:{index % 50}", title=f"Story {index % 50}") as work:
            work.passage_notes.append(
                PassageNote(
                    id=f"{index:032x}",
                    address=Address(index % 30, index, "abcd1234"),
                    text=f"A note of a reader, number {index}, about this line.",
                    quote="The first words of the paragraph the note belongs to",
                )
            )
    store.save()


def _timed(label: str, rounds: int, step) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    for index in range(rounds):
        step(index)
    elapsed = (time.perf_counter() - started) / rounds * 1000
    print(f"{label}: {elapsed:.1f} ms per save ({rounds} saves)")


def main(notes: int) -> None:
    """Run the measurements and print them."""
    with tempfile.TemporaryDirectory() as folder:
        one = StateStore(Path(folder))
        _fill(one, notes)
        size = (Path(folder) / "state.toml").stat().st_size
        print(f"state file: {notes} passage notes, {size / 1024:.0f} KiB")

        def alone(index: int) -> None:
            with one.edit("ao3:0") as work:
                work.progress = index / 1000
            one.save()

        _timed("one fictui, edit and save", 50, alone)
        two = StateStore(Path(folder))

        def turns(index: int) -> None:
            store = one if index % 2 else two
            with store.edit(f"ao3:{index % 50}") as work:
                work.notes = f"turn {index}"
            store.save()

        _timed("two fictuis taking turns (re-read and merge each save)", 50, turns)
        started = time.perf_counter()
        StateStore(Path(folder))
        print(f"start-up load: {(time.perf_counter() - started) * 1000:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
