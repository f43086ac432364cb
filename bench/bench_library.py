"""Library benchmarks: first scan, unchanged start-up, and filtering 100,000 entries per keystroke.

Usage: python bench/bench_library.py [--count 10000] [--dir DIR] [--entries 100000]

Prints figures; asserts nothing. The library is generated once under DIR (by
bench/gen_library.py) and reused by later runs.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fictui.library import (  # noqa: E402
    Entry,
    LibraryIndex,
    filter_entries,
    parse_query,
    sort_entries,
)
from gen_library import generate  # noqa: E402

KEYSTROKES = (
    "d",
    "dr",
    "dra",
    "drag",
    "drago",
    "dragon",
    "dragon a",
    "dragon au",
    "dragon author:",
    "dragon author:a",
    "dragon author:as",
    "dragon author:ash tag:fl",
    "dragon author:ash tag:fluff words:>3000",
)
"""What a user types into the filter bar, one keystroke at a time (roughly)."""

STARTUP = r"""
import os, sys, time
from pathlib import Path
start = time.perf_counter()
from fictui.library import LibraryIndex
from fictui.library import scan
reads = 0
real = scan.read_story
def counting(*args, **kwargs):
    global reads
    reads += 1
    return real(*args, **kwargs)
scan.read_story = counting
index = LibraryIndex(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))
entries = index.cached()
usable = time.perf_counter()
verified = index.scan()
done = time.perf_counter()
print(len(entries), len(verified), reads, usable - start, done - usable)
"""


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (less sensitive to a busy machine)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def first_scan(root: Path, cache: Path) -> list[Entry]:
    """Scan a library into an empty cache, printing the time to the first batch and in all."""
    index = LibraryIndex(root, cache_dir=cache)
    cpu = cpu_seconds()
    start = time.perf_counter()
    first: list[float] = []
    batches = 0

    def on_batch(batch: list[Entry]) -> None:
        nonlocal batches
        batches += 1
        if not first:
            first.append(time.perf_counter() - start)

    entries = index.scan(on_batch=on_batch)
    total = time.perf_counter() - start
    cpu = cpu_seconds() - cpu
    index.close()
    errors = sum(1 for entry in entries if entry.error)
    size = sum(entry.size for entry in entries) / 1e6
    print(f"first scan: {len(entries)} stories ({size:.0f} MB), {errors} error rows")
    print(f"  first batch after {first[0] * 1000:.0f} ms; all read in {total:.2f} s;")
    print(f"  {batches} batches; CPU time {cpu:.1f} s in all processes (2 cores: {cpu / 2:.1f} s)")
    return entries


def startup(root: Path, cache: Path) -> None:
    """Time a fresh interpreter that opens the index, lists it and verifies it unchanged."""
    command = [sys.executable, "-c", STARTUP, str(root), str(cache)]
    cpu = cpu_seconds()
    start = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - start
    cpu = cpu_seconds() - cpu
    count, verified, reads, usable, verify = out.split()
    print(f"unchanged start: {count} cached entries, {verified} after the stat walk, {reads} reads")
    print(
        f"  python start-up + import + cached(): {wall - float(verify):.3f} s "
        f"(in-process import + cached(): {float(usable):.3f} s)"
    )
    print(f"  stat walk to verify: {float(verify) * 1000:.0f} ms; total wall {wall:.3f} s")
    print(f"  CPU time of the whole run: {cpu:.3f} s")


def filtering(entries: list[Entry], count: int) -> None:
    """Time filter_entries per keystroke on ``count`` entries (copies of the scanned ones)."""
    many = [
        dataclasses.replace(entry, path=entry.path.with_name(f"{n}-{entry.path.name}"))
        for n in range(count // len(entries) + 1)
        for entry in entries
    ][:count]
    print(f"filter: {len(many)} entries, per keystroke (full pass / narrowed from previous):")
    previous_query = parse_query("")
    previous: list[int] = list(range(len(many)))
    full_times: list[float] = []
    narrowed_times: list[float] = []
    cpu_times: list[float] = []
    for text in KEYSTROKES:
        query = parse_query(text)
        start = time.perf_counter()
        full = filter_entries(many, query)
        full_ms = (time.perf_counter() - start) * 1000
        within = previous if query.refines(previous_query) else None
        start = time.perf_counter()
        cpu = time.process_time()
        narrowed = filter_entries(many, query, within=within)
        narrowed_ms = (time.perf_counter() - start) * 1000
        cpu_times.append((time.process_time() - cpu) * 1000)
        assert narrowed == full
        full_times.append(full_ms)
        narrowed_times.append(narrowed_ms)
        print(
            f"  {text!r:44} {len(full):>7} hits  {full_ms:6.1f} ms / {narrowed_ms:6.1f} ms"
            f"  (CPU {cpu_times[-1]:5.1f} ms)"
        )
        previous_query, previous = query, narrowed
    print(
        f"  worst {max(full_times):.1f} ms full, {max(narrowed_times):.1f} ms narrowed; "
        f"median {statistics.median(full_times):.1f} ms full; "
        f"worst CPU time narrowed {max(cpu_times):.1f} ms"
    )
    for key in ("title", "words", "updated"):
        start = time.perf_counter()
        sort_entries(many, key)
        print(f"  sort by {key}: {(time.perf_counter() - start) * 1000:.0f} ms")


def main() -> None:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--dir", default=None)
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args()
    root = Path(args.dir or f"/tmp/fictui-bench-library-{args.count}")
    if not root.is_dir():
        start = time.perf_counter()
        generate(root, args.count)
        print(f"generated {args.count} stories in {time.perf_counter() - start:.1f} s")
    with tempfile.TemporaryDirectory(prefix="fictui-bench-cache-") as cache_name:
        cache = Path(cache_name)
        entries = first_scan(root, cache)
        startup(root, cache)
        startup(root, cache)
    filtering(entries, args.entries)


if __name__ == "__main__":
    main()
