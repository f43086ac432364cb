"""Every CLI command over every hostile file: bounded time and memory, clear errors, no escapes.

Each command runs as a subprocess of the installed ``fictui`` with a 512 MB
address-space limit; its peak memory and CPU time are read from wait4(). The time
bound is 5 s of CPU; the wall clock may stretch to 15 s because CI machines are
shared, and a process still running then (blocked on a FIFO, say) is a hang.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fictui.text.sanitize import has_unsafe
from tests.e2e.escape_check import describe, scan
from tests.e2e.pty_harness import FICTUI, PtyApp
from tests.hostile.conftest import sample_id
from tests.hostile.make_corpus import (
    ALL_ESCAPES,
    MARKUP,
    PROSE,
    SECRET,
    Sample,
    catalogue,
    contents,
    sample_path,
)
from tests.hostile.payloads import UNTERMINATED

LIMIT_BYTES = 512 * 1024 * 1024
"""The address-space limit and the peak-memory ceiling of every run."""

CPU_SECONDS = 5.0
"""No command may spend more CPU time on any file."""

TIMEOUT = 15.0
"""Wall-clock seconds after which a command counts as hung and is killed."""

OUT_OF_MEMORY = b"the file is too large to read"
"""What fictui says when parsing raised MemoryError: the 512 MB bound was hit, not kept."""

SAMPLES = catalogue()
COMMANDS = (("info", "--json"), ("info",), ("cat",), ("cat", "--notes"))

TALLY: Counter[str] = Counter()
"""Counts for the summary line: runs, crashes, hangs, escape findings."""


@dataclass
class Run:
    """What one fictui subprocess did."""

    status: int | None
    """Exit status, or None when it was killed for taking too long."""
    stdout: bytes
    """Everything written to stdout."""
    stderr: bytes
    """Everything written to stderr."""
    seconds: float
    """Wall-clock time."""
    peak_kib: int
    """Peak resident memory (ru_maxrss, KiB)."""
    cpu: float
    """CPU seconds, user and system."""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def run_fictui(args: Sequence[str | bytes], timeout: float = TIMEOUT) -> Run:
    """Run the installed fictui with limits, collecting output, status and peak memory."""
    start = time.monotonic()
    process = subprocess.Popen(
        [str(FICTUI), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limit_memory,  # noqa: PLW1509 - a single setrlimit call
    )
    out: dict[str, bytes] = {}

    def drain(name: str, stream: Any) -> None:
        out[name] = stream.read()

    readers = [
        threading.Thread(target=drain, args=(name, stream))
        for name, stream in (("out", process.stdout), ("err", process.stderr))
    ]
    for reader in readers:
        reader.start()
    status: int | None = None
    while True:
        pid, wait_status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            status = os.waitstatus_to_exitcode(wait_status)
            break
        if time.monotonic() - start > timeout:
            process.kill()
            _, _, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.01)
    process.returncode = -1 if status is None else status  # reaped by wait4 above
    for reader in readers:
        reader.join(5)
    return Run(
        status,
        out.get("out", b""),
        out.get("err", b""),
        time.monotonic() - start,
        usage.ru_maxrss,
        usage.ru_utime + usage.ru_stime,
    )


def check_run(run: Run, what: str) -> None:
    """The invariants every command shares, on every file."""
    TALLY["runs"] += 1
    if run.status is None or run.cpu > CPU_SECONDS:
        TALLY["hangs"] += 1
    if b"Traceback" in run.stderr or run.status not in (0, 2):
        TALLY["crashes"] += 1
    if OUT_OF_MEMORY in run.stderr + run.stdout:
        TALLY["out-of-memory"] += 1
    findings = scan(run.stdout, "plain") + scan(run.stderr, "plain")
    TALLY["escapes"] += len(findings)
    assert run.status is not None, f"{what}: still running after {TIMEOUT}s"
    assert b"Traceback" not in run.stderr, f"{what}: {run.stderr.decode(errors='replace')}"
    assert run.status in (0, 2), f"{what}: exit {run.status}: {run.stderr!r}"
    assert run.cpu <= CPU_SECONDS, f"{what}: {run.cpu:.1f} s of CPU"
    assert run.peak_kib * 1024 <= LIMIT_BYTES, f"{what}: peak {run.peak_kib} KiB"
    assert OUT_OF_MEMORY not in run.stderr + run.stdout, f"{what}: ran out of memory"
    assert not findings, f"{what}: escapes in output:\n{describe(findings)}"
    assert SECRET.encode() not in run.stdout, f"{what}: an external entity was resolved"
    if run.status == 2:
        lines = run.stderr.decode("utf-8", "replace").splitlines()
        assert len(lines) == 1, f"{what}: stderr should be one line: {lines!r}"
        assert lines[0].startswith("fictui: ")
        assert "unexpected error" not in lines[0], f"{what}: {lines[0]}"
    else:
        assert run.stdout.strip(), f"{what}: exit 0 with nothing on stdout"


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.fixture(scope="module", autouse=True)
def summary() -> Iterator[None]:
    """Print the counts (visible with ``pytest -s``)."""
    TALLY.clear()
    yield
    print(
        f"\nhostile CLI: files={len(SAMPLES)} runs={TALLY['runs']} "
        f"crashes={TALLY['crashes']} hangs={TALLY['hangs']} "
        f"out-of-memory={TALLY['out-of-memory']} escape-bytes-out={TALLY['escapes']}"
    )


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("sample", SAMPLES, ids=sample_id)
def test_command_on_hostile_file(
    corpus: tuple[Path, list[Sample]], sample: Sample, command: tuple[str, ...]
) -> None:
    """info, info --json, cat and cat --notes on one file: a story or one clear error line."""
    root, _ = corpus
    run = run_fictui([*command, sample_path(root, sample)])
    what = f"fictui {' '.join(command)} {sample_id(sample)} ({sample.what})"
    check_run(run, what)
    if sample.fails:
        assert run.status == 2, f"{what}: should be refused, got {run.stdout[:200]!r}"
    if sample.readable:
        assert run.status == 0, f"{what}: should read, got {run.stderr!r}"
        if command[0] == "cat":
            assert sample.readable in run.stdout.decode(), f"{what}: text lost"
    if command == ("info", "--json") and run.status == 0:
        info = json.loads(run.stdout)
        unsafe = [text for text in _strings(info) if has_unsafe(text)]
        assert not unsafe, f"{what}: unsafe strings in JSON: {unsafe[:3]!r}"
        assert info["chapters"], f"{what}: a story with no chapter"


@pytest.mark.parametrize("sample", SAMPLES, ids=sample_id)
def test_cat_on_a_terminal(corpus: tuple[Path, list[Sample]], sample: Sample) -> None:
    """`fictui cat` on a real tty writes SGR codes only, whatever the file holds."""
    root, _ = corpus
    args: list[str | bytes] = ["cat", "--notes", sample_path(root, sample)]
    with PtyApp(args, env={}, size=(80, 24), memory_limit=LIMIT_BYTES) as tty:
        status = tty.wait_exit(TIMEOUT)
    findings = scan(bytes(tty.raw), "sgr")
    TALLY["runs"] += 1
    TALLY["escapes"] += len(findings)
    assert status in (0, 2)
    assert not findings, f"{sample_id(sample)}: {describe(findings)}"
    assert b"Traceback" not in tty.raw


@pytest.mark.parametrize("json_flag", [(), ("--json",)], ids=["rows", "json"])
def test_list_the_corpus(corpus: tuple[Path, list[Sample]], json_flag: tuple[str, ...]) -> None:
    """`fictui list` over the whole corpus: every readable story listed, nothing blocks."""
    root, _ = corpus
    run = run_fictui(["list", str(root), *json_flag], timeout=15.0)
    check_run(run, f"fictui list {' '.join(json_flag)}")
    assert run.status == 0, run.stderr
    listing = run.stdout.decode()
    assert listing.count("\n") >= 10, listing


def test_corpus_escapes_would_be_caught(corpus: tuple[Path, list[Sample]]) -> None:
    """The checker itself: the raw corpus bytes are full of findings, so it can fail."""
    root, _ = corpus
    raw = (root / "escapes.txt").read_bytes()
    findings = scan(raw, "plain")
    assert any(f.carries_payload for f in findings)
    assert {"OSC", "DCS", "APC", "PM", "SOS", "CSI", "C1"} <= {f.kind for f in findings}
    assert PROSE[0].encode() in raw


@pytest.mark.parametrize("export_format", ["markdown", "toml"])
def test_notes_export_of_hostile_notes(
    private_folders: dict[str, Path], export_format: str
) -> None:
    """Notes holding pasted escapes and markup, under hostile titles, export without escapes."""
    from fictui.state import StateStore

    hostile = ALL_ESCAPES + MARKUP
    store = StateStore(private_folders["data"])
    for index, title in enumerate((hostile, "[@click=app.quit]x[/]", "plain")):
        with store.edit(f"work:hostile-{index}", f"/{hostile}/{index}.txt", title, [hostile]) as w:
            w.notes = f"note {index}: {hostile}\nsecond line {UNTERMINATED}"
    store.save()
    store.close()
    run = run_fictui(["notes", "export", "--format", export_format])
    check_run(run, f"fictui notes export --format {export_format}")
    assert run.status == 0, run.stderr
    assert b"note 2:" in run.stdout and b"[@click=app.quit]" in run.stdout


@pytest.mark.parametrize("name", ["fifo.txt", "zero.txt", "dangling.txt", "loop.epub"])
def test_open_refuses_what_is_not_a_story(corpus: tuple[Path, list[Sample]], name: str) -> None:
    """`fictui PATH` on a FIFO, a device or a broken link: one line, before any terminal setup."""
    root, _ = corpus
    run = run_fictui([str(root / name)])
    check_run(run, f"fictui {name}")
    assert run.status == 2, run.stdout[:300]


@pytest.mark.parametrize(
    "query",
    [MARKUP, UNTERMINATED, "tag:" + ALL_ESCAPES, "words:>[b]", "author:\x9b6n", "((("],
    ids=["markup", "unterminated-osc", "tag-escapes", "bad-number", "c1", "parens"],
)
def test_list_filter_with_hostile_query(tmp_path: Path, query: str) -> None:
    """A filter query typed (or pasted) with escapes and markup: rows or one clear line."""
    folder = tmp_path / "small"
    folder.mkdir()
    data = contents()
    for name in (b"escapes.txt", b"markup.txt", b"[@click=app.quit]x.txt", b"entities.html"):
        (folder / name.decode()).write_bytes(data[name])
    for flag in ((), ("--json",)):
        run = run_fictui(["list", str(folder), "--filter", query, *flag])
        check_run(run, f"fictui list --filter {query!r} {' '.join(flag)}")
