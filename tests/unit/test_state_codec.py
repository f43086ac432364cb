"""The state file's TOML form: reversible strings, exact round trips, generous reading."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fictui.model import Address
from fictui.state import codec
from fictui.state.escape import escape, needs_escape, unescape
from fictui.state.model import PassageNote, StateDocument, WorkState

# Any text, lone surrogates included (what os.fsdecode makes of undecodable names).
any_text = st.text(st.characters(exclude_categories=()), max_size=40)
surrogate_text = st.lists(
    st.one_of(
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), st.sampled_from("a\\x:\r\n")
    ),
    max_size=12,
).map("".join)


@given(st.one_of(any_text, surrogate_text, st.sampled_from(["raw:", "raw:\\x41", "a\r\nb\r"])))
def test_escape_round_trips_and_is_valid_utf8(text: str) -> None:
    stored = escape(text)
    stored.encode("utf-8")  # never raises: TOML must be UTF-8
    assert unescape(stored) == text


@given(any_text, any_text)
def test_escape_is_one_to_one(first: str, second: str) -> None:
    if first != second:
        assert escape(first) != escape(second)


def test_plain_text_is_stored_as_is() -> None:
    assert escape("ao3:123") == "ao3:123"
    assert not needs_escape("Ünïcödé ✓ \\ backslash")
    assert escape("raw:x").startswith("raw:")
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    assert escape(name) == "raw:caf\\xe9.txt"


addresses = st.builds(
    Address,
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.text("0123456789abcdef", max_size=8),
)
times = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
notes = st.builds(
    PassageNote,
    id=st.uuids().map(lambda u: u.hex),
    address=addresses,
    text=any_text,
    quote=any_text,
    created=times,
    updated=times,
)
works = st.builds(
    WorkState,
    identity=st.one_of(any_text, surrogate_text),
    title=any_text,
    authors=st.lists(any_text, max_size=3),
    path=st.one_of(any_text, surrogate_text),
    notes=any_text,
    passage_notes=st.lists(notes, max_size=3, unique_by=lambda n: n.id),
    position=st.none() | addresses,
    progress=st.floats(0, 1),
    bookmarks=st.dictionaries(any_text, addresses, max_size=3),
    status=st.sampled_from(["unread", "reading", "finished"]),
    last_read=st.none() | times,
    seen_chapters=st.none() | st.integers(0, 5000),
    added=st.none() | times,
)


def _canonical(document: StateDocument) -> StateDocument:
    """Passage notes are written in reading order; compare in that order."""
    copy = document.copy()
    for work in copy.works.values():
        work.passage_notes.sort(
            key=lambda n: (n.address.chapter, n.address.paragraph, n.created, n.id)
        )
    return copy


@settings(max_examples=150, deadline=None)
@given(
    st.lists(works, max_size=3, unique_by=lambda w: w.identity),
    st.dictionaries(any_text, st.one_of(any_text, st.integers(), st.booleans()), max_size=3),
)
def test_document_round_trips_exactly(work_list: list[WorkState], settings_: dict) -> None:
    document = StateDocument({w.identity: w for w in work_list}, settings_)
    data = codec.dumps(document)
    tomllib.loads(data.decode("utf-8"))  # valid TOML and valid UTF-8
    loaded, problems = codec.loads(data)
    assert problems == []
    assert loaded == _canonical(document)


def test_times_are_stored_in_utc() -> None:
    local = datetime(2026, 3, 1, 12, 0, tzinfo=timezone(timedelta(hours=5)))
    document = StateDocument({"w": WorkState("w", last_read=local)})
    loaded, _ = codec.loads(codec.dumps(document))
    assert loaded.works["w"].last_read == local
    assert loaded.works["w"].last_read.utcoffset() == timedelta(0)


def test_bom_crlf_and_lone_cr_are_read() -> None:
    text = '\ufeffversion = 1\r\n[works."a"]\r\nnotes = "x"\r\ntitle = "T"\rstatus = "reading"\n'
    document, problems = codec.loads(text.encode("utf-8"))
    assert problems == []
    assert document.works["a"].notes == "x"
    assert document.works["a"].status == "reading"


def test_utf16_file_is_read() -> None:
    text = '[works."a"]\nnotes = "ünï"\n'
    document, _ = codec.loads(text.encode("utf-16"))
    assert document.works["a"].notes == "ünï"


def test_values_of_the_wrong_kind_are_reported_and_the_rest_kept() -> None:
    text = (
        '[works."a"]\nnotes = "kept"\nprogress = "half"\nstatus = "skimmed"\n'
        "authors = [1, 2]\n"
        '[works."a".position]\nchapter = -1\nparagraph = 0\n'
        '[works."a".passage_notes.n1]\nchapter = 1\nparagraph = 2\ntext = "good"\n'
        '[works."a".passage_notes.n2]\ntext = "no address"\n'
    )
    document, problems = codec.loads(text.encode())
    work = document.works["a"]
    assert work.notes == "kept"
    assert work.progress == 0.0 and work.status == "unread" and work.position is None
    assert [n.id for n in work.passage_notes] == ["n1"]
    assert len(problems) == 1
    for name in ("progress", "status", "authors", "position", "passage_notes.n2"):
        assert name in problems[0]


def test_garbage_raises_parse_error() -> None:
    with pytest.raises(codec.StateParseError):
        codec.loads(b'[works."a"\nnotes = ')
    with pytest.raises(codec.StateParseError):
        codec.loads(b"\xff\xfe\xfd not text at all \x80")


def test_normalize_work_clamps_and_converts() -> None:
    work = WorkState("w", progress=float("nan"), last_read=datetime(2026, 1, 1, 12))
    codec.normalize_work(work)
    assert work.progress == 0.0
    assert work.last_read is not None and work.last_read.tzinfo is not None
    work.progress = 7
    work.status = "skimmed"
    work.seen_chapters = -3
    codec.normalize_work(work)
    assert work.progress == 1.0
    assert work.status == "reading" and work.seen_chapters is None
