"""Two fictui processes, 500 interleaved saved edits each, on one data folder: nothing lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fictui.state import StateStore

WORKER = Path(__file__).with_name("two_process_worker.py")
NAMES = ("a", "b")


@pytest.mark.slow
def test_two_processes_interleaved_edits_lose_nothing(tmp_path: Path) -> None:
    edits = int(os.environ.get("FICTUI_STRESS_EDITS", "500"))
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), str(tmp_path), name, str(edits)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in NAMES
    ]
    (tmp_path / "go").touch()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))

    final = StateStore(tmp_path)
    assert final.problems == []
    shared = final.work("shared")
    texts = {note.text for note in shared.passage_notes}
    expected_notes = {f"{name}:{i}" for name in NAMES for i in range(0, edits, 5)}
    expected_edits = {f"{name}-{i}" for name in NAMES for i in range(edits)}
    lost = len(expected_edits - set(final.settings)) + len(expected_notes - texts)
    print(
        f"\ntwo processes: {len(NAMES)} x {edits} saved edits, "
        f"{len(expected_edits & set(final.settings))} edits and "
        f"{len(shared.passage_notes)} passage notes found, lost: {lost}, saves that merged "
        f"the other's edits: {[r['took_in_other_edits'] for r in results]}, "
        f"{max(r['seconds'] for r in results)}s"
    )
    assert lost == 0
    assert len(shared.passage_notes) == len(expected_notes)  # and nothing doubled
    for name in NAMES:
        for slot in range(10):
            last = max(i for i in range(edits) if i % 10 == slot)
            assert final.work(f"own-{name}-{slot}").notes == f"{name} edit {last}"
        for slot in range(5):
            last = max(i for i in range(edits) if i % 5 == slot)
            assert shared.bookmarks[f"{name}{slot}"].chapter == last
        assert final.settings[f"last-{name}"] == edits - 1
    assert all(result["took_in_other_edits"] > edits // 10 for result in results)
    # Different notes and different works never conflict.
    assert all(result["problems"] == [] for result in results)
