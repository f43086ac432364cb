"""Time the reader on a generated 20 MB story inside a headless app; prints figures only.

Usage: ``python bench/bench_reader.py [--mb 20] [--presses 100]``.

Figures:
- first screen: from app mount to the first painted frame of the story, using
  ``read_story(path, head=True)`` (the full parse then runs in a worker, started
  once the first screen is painted);
- full story: until the full parse, the flattening and the exact re-wrap are in;
- page-down latency: handling the key and rendering the visible strips, median
  and p95 over the presses (target: median at most 16 ms), plus the same through
  the Pilot (the key event, the compositor and the Pilot's own waiting included);
- wrap: counting every paragraph's lines at width 72 (what the background
  re-wrap does) and building every wrapped line at width 72.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from textual import work  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.geometry import Region  # noqa: E402

from fictui.formats import read_story  # noqa: E402
from fictui.model import Story  # noqa: E402
from fictui.reading.document import Document  # noqa: E402
from fictui.ui.theme_vars import THEME_VARIABLE_DEFAULTS  # noqa: E402
from fictui.ui.widgets.reader import Reader  # noqa: E402
from fictui.ui.widgets.reader_pane import ReaderPane  # noqa: E402
from gen_story import make_story  # noqa: E402


class BenchApp(App[None]):
    """A reader pane that opens one story the way the app does: head first, then all of it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.started = 0.0
        self.first_screen: float | None = None
        self.full_parsed: float | None = None
        self.head_read = 0.0

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return THEME_VARIABLE_DEFAULTS

    def compose(self) -> ComposeResult:
        yield ReaderPane()

    def on_mount(self) -> None:
        self.started = time.perf_counter()
        reader = self.query_one("#reader", Reader)
        head = read_story(self.path, head=True)
        self.head_read = time.perf_counter() - self.started
        reader.load(head)
        reader.focus()
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.first_screen = time.perf_counter() - self.started
        # The full parse starts once the first screen is up, so it cannot delay it.
        self.read_full()

    @work(thread=True)
    def read_full(self) -> None:
        story = read_story(self.path)
        self.full_parsed = time.perf_counter() - self.started
        self.call_from_thread(self.query_one("#reader", Reader).load, story)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


async def _run_app(path: Path, presses: int) -> None:
    app = BenchApp(path)
    async with app.run_test(size=(100, 40)) as pilot:
        reader = app.query_one("#reader", Reader)
        pane = app.query_one(ReaderPane)
        while app.first_screen is None:
            await pilot.pause(0.005)
        shown = [reader.render_line(y) for y in range(5)]
        print(f"  of which read_story(head=True): {_ms(app.head_read)}")
        print(f"first screen (head read + partial story): {_ms(app.first_screen)}")
        print(
            f"  partial story: {len(reader.story.chapters) if reader.story else 0} chapters,"
            f" first line {''.join(s.text for s in shown[0]).strip()[:40]!r}"
        )
        while (
            reader.story is None
            or reader.story.partial
            or reader.doc is None
            or (reader.doc.story is not reader.story)
        ):
            await pilot.pause(0.05)
        installed = time.perf_counter() - app.started
        await app.workers.wait_for_complete()
        await pilot.pause()
        done = time.perf_counter() - app.started
        doc = reader.doc
        assert doc is not None
        print(f"full parse in a worker: {app.full_parsed:.2f} s after mount")
        print(f"full story shown (flattened in a worker): {installed:.2f} s after mount")
        print(f"exact re-wrap done in the background: {done:.2f} s after mount")
        print(
            f"  {len(doc):,} items, {doc.total_chars / 1e6:.1f} M characters,"
            f" {reader._index.total if reader._index else 0:,} lines at width {reader._column}"
        )

        reader.go_to_percent(0.3)
        await pilot.pause()
        region = Region(0, 0, reader.size.width, reader.scrollable_content_region.height)
        for label, idle in (("idle between presses", True), ("back to back", False)):
            direct: list[float] = []
            for _ in range(presses):
                if idle:
                    await pilot.pause()  # a reader's pause: the next page is wrapped meanwhile
                start = time.perf_counter()
                pane.action_page(1)
                reader.render_lines(region)
                direct.append(time.perf_counter() - start)
            print(
                f"page-down, key handling + visible strips, {label} ({presses} presses):"
                f" median {_ms(statistics.median(direct))}, p95 {_ms(_p95(direct))}"
            )
        piloted: list[float] = []
        for _ in range(presses // 2):
            start = time.perf_counter()
            await pilot.press("pagedown")
            piloted.append(time.perf_counter() - start)
        print(
            f"page-down through the Pilot ({len(piloted)} presses, includes its waits):"
            f" median {_ms(statistics.median(piloted))}, p95 {_ms(_p95(piloted))}"
        )
        start = time.perf_counter()
        reader.search("harbour")
        await app.workers.wait_for_complete()
        await pilot.pause()
        print(
            f"search 'harbour': {len(reader.found.hits):,} hits in"
            f" {time.perf_counter() - start:.2f} s"
        )


def _wrap_figures(story: Story) -> None:
    start = time.perf_counter()
    doc = Document(story)
    print(f"flatten the full story: {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    doc.exact_counts(72)
    print(
        f"count every item's lines at width 72 (background re-wrap): "
        f"{time.perf_counter() - start:.2f} s"
    )
    start = time.perf_counter()
    lines = sum(len(doc.build_lines(index, 72)) for index in range(len(doc)))
    print(
        f"wrap every item into lines at width 72 (wrap_block): "
        f"{time.perf_counter() - start:.2f} s ({lines:,} lines)"
    )


def main(argv: list[str] | None = None) -> int:
    """Generate the story, run the app and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="story size in megabytes")
    parser.add_argument("--presses", type=int, default=100, help="page-down presses to time")
    parser.add_argument("--no-wrap", action="store_true", help="skip the full-wrap figures")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long-road-home.txt"
        path.write_bytes(make_story(int(args.mb * 1024 * 1024)))
        print(f"story: {path.stat().st_size / 1e6:.1f} MB")
        asyncio.run(_run_app(path, args.presses))
        if not args.no_wrap:
            _wrap_figures(read_story(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
