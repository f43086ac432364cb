"""Fuzzing every reader: mutated corpus bytes give a sanitized Story or a StoryError, quickly.

Seeds are the hostile corpus's own files; mutations flip bits, truncate, splice
files together and insert control bytes and markup. Runs are derandomized and use
no example database, so CI sees the same inputs every time. Set
``FICTUI_FUZZ_EXAMPLES`` to run more examples per test (500 by default), drawn
at random so that each long run explores new inputs.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fictui.errors import StoryError
from fictui.formats import parse_bytes
from fictui.model import Story
from fictui.text.sanitize import has_unsafe
from tests.hostile.make_corpus import ALL_ESCAPES, MARKUP, PROSE, contents, epub, opf, xhtml

EXAMPLES = int(os.environ.get("FICTUI_FUZZ_EXAMPLES", "500"))
"""Generated inputs per test."""

MAX_SECONDS = 2.0
"""CPU time one parse may take."""

MAX_SEED = 64 * 1024
"""Seeds larger than this (the 2 MB line, the zip bomb) are left to the corpus tests."""

BOMBS = {b"yaml-bomb.md", b"zip-bomb.epub"}
"""Built to exhaust memory: they run only in the memory-limited subprocesses of the CLI tests."""

EXPLORE = "FICTUI_FUZZ_EXAMPLES" in os.environ
"""A longer run asked for by hand explores new random inputs; CI always sees the same ones."""

FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=not EXPLORE,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_EXTENSIONS = {"txt": ("txt", "text"), "html": ("html", "htm", "xhtml"), "markdown": ("md",)}
_CORPUS = {
    name: data for name, data in contents().items() if len(data) <= MAX_SEED and name not in BOMBS
}


def _seeds(fmt: str) -> list[bytes]:
    suffixes = tuple(f".{ext}".encode() for ext in _EXTENSIONS.get(fmt, (fmt,)))
    return [data for name, data in sorted(_CORPUS.items()) if name.endswith(suffixes) and data]


SEEDS = {fmt: _seeds(fmt) for fmt in ("txt", "html", "markdown", "epub")}
ALL_SEEDS = [data for _, data in sorted(_CORPUS.items()) if data]

INSERTS = [
    b"\x1b",
    b"\x1b]52;c;aGk=\x07",
    b"\x1b]0;PWNED",
    b"\x1b[6n",
    b"\xc2\x9b",
    b"\xc2\x9d",
    b"\x9b",
    b"\x00",
    b"\r",
    b"\r\n",
    b"\x07\x08\x0b\x0c\x7f",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xe2\x80\xae",
    b"<",
    b">",
    b"&",
    b"<p>",
    b"</p>",
    b"<i>",
    b"</i>",
    b"<b><i>",
    b"<br/>",
    b"<hr/>",
    b"<h2>",
    b"<script>",
    b"<!--",
    b"<![CDATA[",
    b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>",
    b"&e;",
    b"&#x1b;",
    b"&#27;",
    b"&#x9b;",
    b"&#155;",
    b"&#0;",
    b"&#xD800;",
    b"[bold]",
    b"[/]",
    b"[/",
    b"[@click=app.quit]x[/]",
    b"\\[x]",
    b"---\n",
    b"---\ntitle: &a [*a]\n---\n",
    b"\n\n",
    b"* * *\n",
    b"Chapter 1\n",
    b"*",
    b"_",
    b"#",
    b"> ",
    b"Title: \x1b]2;PWNED\x07\n",
    "\u0301\u0316".encode() * 20,
    "\u6f22\U0001f409".encode(),
]
"""Bytes a mutation may insert: controls, payloads, markup of every format."""


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with one to eight mutations applied."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 8))):
        where = draw(st.integers(0, max(0, len(data))))
        op = draw(st.sampled_from(["flip", "truncate", "splice", "insert", "delete", "repeat"]))
        if op == "flip" and data:
            index = min(where, len(data) - 1)
            data[index] ^= 1 << draw(st.integers(0, 7))
        elif op == "truncate":
            del data[where:]
        elif op == "splice":
            other = draw(st.sampled_from(ALL_SEEDS))
            start = draw(st.integers(0, len(other)))
            data[where:] = other[start : start + draw(st.integers(1, 4096))]
        elif op == "insert":
            chunk = draw(st.sampled_from(INSERTS) | st.binary(min_size=1, max_size=16))
            data[where:where] = chunk
        elif op == "delete":
            del data[where : where + draw(st.integers(1, 256))]
        elif op == "repeat":
            piece = bytes(data[where : where + draw(st.integers(1, 64))])
            data[where:where] = piece * draw(st.integers(2, 200))
    return bytes(data)


_TEXT = st.text(
    st.characters(codec="utf-8") | st.sampled_from(list(ALL_ESCAPES + MARKUP + "<>&;#")),
    max_size=200,
)


@st.composite
def epub_from_parts(draw: st.DrawFn) -> bytes:
    """A well-formed archive whose OPF and chapters hold drawn or mutated text."""
    title = draw(_TEXT)
    body = draw(mutated([xhtml("One", "".join(f"<p>{p}</p>" for p in PROSE)).encode()]))
    package = opf(title, ["one.xhtml", "two.xhtml"]).encode()
    if draw(st.booleans()):
        package = draw(mutated([package]))
    second = xhtml(draw(_TEXT), f"<p><i>{draw(_TEXT)}</i></p>")
    return epub({"OEBPS/content.opf": package, "OEBPS/one.xhtml": body, "OEBPS/two.xhtml": second})


TALLY: Counter[str] = Counter()
"""Counts for the summary line."""


def story_strings(story: Story) -> Iterator[tuple[str, str]]:
    """Every string of a story with the field it came from."""
    yield "title", story.title
    yield "source", story.source
    yield "url", story.url
    yield "summary", story.summary
    yield "language", story.language
    yield "work_id", story.work_id
    for author in story.authors:
        yield "author", author
    for kind, values in story.tags.items():
        yield "tag kind", kind
        for value in values:
            yield "tag", value
    for extra in story.extras:
        yield "extra", extra
    for note in story.notes:
        yield "note", note.text
        yield "note label", note.label
    for problem in story.problems:
        yield "problem", problem
    for chapter in story.chapters:
        yield "chapter title", chapter.title
        for block in chapter.blocks:
            for span in block.spans:
                yield "span", span.text


def check_parse(data: bytes, fmt: str, *, partial: bool = False) -> None:
    """Parse ``data`` as ``fmt``: a clean Story or a StoryError, within the time bound."""
    TALLY["inputs"] += 1
    started = time.process_time()
    name = Path(f"x.{fmt if fmt != 'markdown' else 'md'}")
    try:
        story = parse_bytes(data, name, fmt=fmt, partial=partial)
    except StoryError as error:
        TALLY["errors"] += 1
        assert not has_unsafe(str(error)), f"unsafe error message: {str(error)!r}"
        story = None
    except Exception:
        TALLY["crashes"] += 1
        raise
    spent = time.process_time() - started
    if spent > MAX_SECONDS:
        TALLY["hangs"] += 1
    assert spent <= MAX_SECONDS, f"{fmt}: {spent:.2f} s of CPU for {len(data)} bytes"
    if story is None:
        return
    TALLY["stories"] += 1
    unsafe = [(field, text) for field, text in story_strings(story) if has_unsafe(text)]
    TALLY["escapes"] += len(unsafe)
    assert not unsafe, f"{fmt}: unsafe characters in {unsafe[:3]!r}"


@pytest.fixture(scope="module", autouse=True)
def summary() -> Iterator[None]:
    """Print the counts (visible with ``pytest -s``)."""
    TALLY.clear()
    yield
    print(
        f"\nfuzz readers: inputs={TALLY['inputs']} stories={TALLY['stories']} "
        f"errors={TALLY['errors']} crashes={TALLY['crashes']} hangs={TALLY['hangs']} "
        f"escape-chars-out={TALLY['escapes']}"
    )


def test_every_format_has_seeds() -> None:
    """The fuzzers start from real corpus files of their own format."""
    assert all(len(seeds) >= 3 for seeds in SEEDS.values()), {k: len(v) for k, v in SEEDS.items()}


@FUZZ
@given(mutated(SEEDS["txt"]))
def test_fuzz_txt(data: bytes) -> None:
    """Mutated text files."""
    check_parse(data, "txt")


@FUZZ
@given(mutated(SEEDS["html"]))
def test_fuzz_html(data: bytes) -> None:
    """Mutated HTML pages."""
    check_parse(data, "html")


@FUZZ
@given(mutated(SEEDS["markdown"]))
def test_fuzz_markdown(data: bytes) -> None:
    """Mutated Markdown files."""
    check_parse(data, "markdown")


@settings(FUZZ, max_examples=max(1, EXAMPLES // 2))
@given(mutated(SEEDS["epub"]))
def test_fuzz_epub_bytes(data: bytes) -> None:
    """Mutated EPUB archives (most break the zip itself)."""
    check_parse(data, "epub")


@settings(FUZZ, max_examples=max(1, EXAMPLES // 2))
@given(epub_from_parts())
def test_fuzz_epub_contents(data: bytes) -> None:
    """Well-formed archives with mutated OPF and XHTML inside."""
    check_parse(data, "epub")


@FUZZ
@given(mutated(ALL_SEEDS), st.sampled_from(["txt", "html", "markdown", "epub"]), st.booleans())
def test_fuzz_any_bytes_any_reader(data: bytes, fmt: str, partial: bool) -> None:
    """Any corpus file, mutated, forced through any reader, whole or as a file's head."""
    check_parse(data, fmt, partial=partial)


def test_epub_whose_directory_points_before_the_start() -> None:
    """Found by the fuzzer: a zip with its first member's header gone must be refused cleanly.

    The central directory then puts that member at offset -1, and zipfile raises
    ValueError ("negative seek value") from ``ZipFile.open``.
    """
    book = epub({"OEBPS/content.opf": opf("T", ["one.xhtml"]), "OEBPS/one.xhtml": xhtml("1", "")})
    cut = book.index(b"PK\x03\x04", 4)
    check_parse(b"PK" + book[cut + 3 :], "epub")


@FUZZ
@given(st.text(st.characters(codec="utf-8") | st.sampled_from(list(ALL_ESCAPES)), max_size=300))
def test_sanitized_text_never_scans_as_an_escape(text: str) -> None:
    """The core sanitizer and the terminal-side checker agree: sanitized text is inert."""
    from fictui.text.sanitize import sanitize, sanitize_line
    from tests.e2e.escape_check import describe, scan

    for clean in (sanitize(text), sanitize_line(text)):
        findings = scan(clean.encode(), "plain")
        assert not findings, describe(findings)
