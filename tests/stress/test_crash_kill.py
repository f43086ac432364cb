"""SIGKILL a saving writer at random moments, at least 1,000 times: nothing torn, nothing lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = Path(__file__).with_name("crash_driver.py")
LANES = 2
"""Independent writers (each with its own data folder) killed in parallel."""


@pytest.mark.slow
def test_sigkill_at_random_moments_never_tears_or_loses_a_save(tmp_path: Path) -> None:
    kills = int(os.environ.get("FICTUI_STRESS_KILLS", "1000"))
    per_lane = -(-kills // LANES)
    lanes = [
        subprocess.Popen(
            [sys.executable, str(DRIVER), str(tmp_path / f"lane{lane}"), str(per_lane), str(lane)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for lane in range(LANES)
    ]
    results = []
    for process in lanes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    errors = [error for result in results for error in result["errors"]]
    total_kills = sum(r["kills"] for r in results)
    acked = sum(r["acknowledged_saves"] for r in results)
    mid = sum(r["kills_mid_write"] for r in results)
    print(
        f"\ncrash test: {total_kills} SIGKILLs, {acked} acknowledged saves, "
        f"{mid} kills left a half-written temp file, torn or lost: {len(errors)}, "
        f"{max(r['seconds'] for r in results)}s"
    )
    assert errors == []
    assert total_kills >= kills
    assert all(r["temp_files_left_after_restart"] == 0 for r in results)
    # The kills must have landed inside saves, not only before the first one
    # (how many saves fit between kills depends on the machine's load).
    assert mid > total_kills // 20 and acked > 0
