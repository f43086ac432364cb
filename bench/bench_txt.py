"""Time the plain-text reader on a generated 20 MB story: full parse, memory and head read.

Usage: ``python bench/bench_txt.py [--mb 20] [--runs 3] [--profile]``. Prints
figures and asserts nothing. Memory is the tracemalloc peak of one full
``read_story`` (every Python allocation it makes, the file's bytes included),
taken in a separate run from the timings because tracing slows Python down.
Times are the best of a few runs, wall clock and CPU (on a shared, loaded
machine the CPU time is the steadier figure).
Targets: full parse at most 1.0 s and 3x the file size; head read at most 50 ms.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fictui.formats import read_story  # noqa: E402
from gen_story import make_story  # noqa: E402


def _best(runs: int, call) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The best wall-clock time and the best CPU time of a few runs."""
    best = best_cpu = float("inf")
    for _ in range(runs):
        gc.collect()
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    return best, best_cpu


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="story size in MB")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (best is shown)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one parse")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long_story.txt"
        path.write_bytes(make_story(int(args.mb * 1024 * 1024)))
        size = path.stat().st_size
        story = read_story(path)
        print(f"file: {size / 1e6:.1f} MB, {len(story.chapters)} chapters, ", end="")
        print(f"{sum(len(c.blocks) for c in story.chapters):,} blocks, {story.words:,} words")
        del story
        full = _best(args.runs, lambda: read_story(path))
        head = _best(args.runs * 3, lambda: read_story(path, head=True))
        gc.collect()
        tracemalloc.start()
        story = read_story(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del story
        load = os.getloadavg()[0]
        print(f"machine load average: {load:.1f} on {os.cpu_count()} cores")
        print(
            f"full parse (read_story):      {full[0]:.3f} s  cpu {full[1]:.3f} s  (target <= 1.0 s)"
        )
        print(
            f"peak memory (tracemalloc):    {peak / 1e6:.1f} MB = {peak / size:.2f}x file size"
            "   (target <= 3x)"
        )
        print(
            f"head read (read_story head):  {head[0] * 1000:.1f} ms  cpu {head[1] * 1000:.1f} ms"
            "  (target <= 50 ms)"
        )
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(read_story, path)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
