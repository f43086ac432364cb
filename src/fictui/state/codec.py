"""The state file's TOML form: StateDocument to bytes and back, generous when reading."""

from __future__ import annotations

import math
import tomllib
from datetime import UTC, date, datetime
from typing import Any

import tomli_w

from fictui.model import Address
from fictui.state.escape import escape, unescape
from fictui.state.model import READING_STATUSES, PassageNote, StateDocument, WorkState

FORMAT_VERSION = 1
"""The layout version written into the state file."""

HEADER = (
    "# fictui state: your notes, reading positions, bookmarks and choices.\n"
    '# Plain TOML, one [works."..."] table per work. You may read and diff it;\n'
    "# edit it only while fictui is closed (fictui rewrites it as a whole).\n\n"
)
"""The comment at the top of every state file."""


class StateParseError(ValueError):
    """The state file is not TOML fictui can read; the message says where."""


def normalize_time(value: datetime | None) -> datetime | None:
    """A datetime in UTC (naive times are taken as local time), or None."""
    if value is None:
        return None
    return value.astimezone(UTC)


def normalize_work(work: WorkState) -> None:
    """Bring a work's values into the form the file stores, so they compare equal after reload."""
    work.progress = _clamp(work.progress)
    if work.status not in READING_STATUSES:
        # Only the three statuses can be read back; anything else would be
        # reported as damage on the next start.
        work.status = "reading" if work.progress > 0 else "unread"
    if work.seen_chapters is not None and (
        not isinstance(work.seen_chapters, int) or work.seen_chapters < 0
    ):
        work.seen_chapters = None
    work.last_read = normalize_time(work.last_read)
    work.added = normalize_time(work.added)
    for note in work.passage_notes:
        note.created = normalize_time(note.created) or note.created
        note.updated = normalize_time(note.updated) or note.updated


def _clamp(value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    if math.isnan(number):
        return 0.0
    return min(max(number, 0.0), 1.0)


# ---------------------------------------------------------------- writing


def _address(address: Address) -> dict[str, Any]:
    return {
        "chapter": address.chapter,
        "paragraph": address.paragraph,
        "hash": escape(address.hash),
    }


def _value(value: object) -> object:
    """A settings value with every string (and key) made TOML-safe."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {escape(str(k)): _value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_value(v) for v in value]
    if isinstance(value, datetime):
        return normalize_time(value)
    return value


def _work_table(work: WorkState) -> dict[str, Any]:
    table: dict[str, Any] = {}
    if work.title:
        table["title"] = escape(work.title)
    if work.authors:
        table["authors"] = [escape(a) for a in work.authors]
    if work.path:
        table["path"] = escape(work.path)
    table["status"] = work.status
    if work.progress:
        table["progress"] = _clamp(work.progress)
    for name in ("last_read", "added"):
        moment = normalize_time(getattr(work, name))
        if moment is not None:
            table[name] = moment
    if work.seen_chapters is not None:
        table["seen_chapters"] = work.seen_chapters
    if work.notes:
        table["notes"] = escape(work.notes)
    if work.position is not None:
        table["position"] = _address(work.position)
    if work.bookmarks:
        table["bookmarks"] = {
            escape(letter): _address(address) for letter, address in sorted(work.bookmarks.items())
        }
    if work.passage_notes:
        notes: dict[str, Any] = {}
        ordered = sorted(
            work.passage_notes,
            key=lambda n: (n.address.chapter, n.address.paragraph, n.created, n.id),
        )
        for note in ordered:
            entry = _address(note.address)
            entry["quote"] = escape(note.quote)
            entry["text"] = escape(note.text)
            entry["created"] = normalize_time(note.created)
            entry["updated"] = normalize_time(note.updated)
            notes[escape(note.id)] = entry
        table["passage_notes"] = notes
    return table


class Encoder:
    """Writes state files, reusing the text of works unchanged since its last call.

    A save rewrites the whole file, but usually only one work changed; turning
    the other works into TOML again would dominate the save's time once a
    reader has a thousand notes.
    """

    def __init__(self) -> None:
        """Start with nothing remembered."""
        self._works: dict[str, tuple[WorkState, str]] = {}

    def dumps(self, document: StateDocument) -> bytes:
        """The state file's bytes for a document (works sorted by identity, for clean diffs)."""
        head: dict[str, Any] = {"version": FORMAT_VERSION}
        if document.settings:
            head["settings"] = _value(document.settings)
        parts = [HEADER + tomli_w.dumps(head, multiline_strings=True)]
        remembered: dict[str, tuple[WorkState, str]] = {}
        for identity in sorted(document.works):
            work = document.works[identity]
            known = self._works.get(identity)
            if known is None or known[0] != work:
                table = {"works": {escape(identity): _work_table(work)}}
                # A copy, since the caller may go on changing the work in place.
                known = (work.copy(), tomli_w.dumps(table, multiline_strings=True))
            remembered[identity] = known
            parts.append(known[1])
        self._works = remembered
        return "\n".join(parts).encode("utf-8")


def dumps(document: StateDocument) -> bytes:
    """The state file's bytes for a document (works sorted by identity, for clean diffs)."""
    return Encoder().dumps(document)


# ---------------------------------------------------------------- reading


def decode_text(data: bytes) -> str:
    """The text of a state file, forgiving a BOM, UTF-16 and stray carriage returns.

    Raises:
        StateParseError: When the bytes are not text in any encoding fictui expects.
    """
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            text = data[3:].decode("utf-8")
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StateParseError(f"not UTF-8 text (byte {error.start})") from None
    # TOML allows CRLF but not a lone CR; an editor may have left either.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_toml(text: str) -> dict[str, Any]:
    """Parse TOML text, turning the parser's error into a StateParseError."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise StateParseError(str(error)) from None


def loads(data: bytes) -> tuple[StateDocument, list[str]]:
    """Read a state file's bytes.

    Returns:
        The document and a list of problems met in values that were skipped.

    Raises:
        StateParseError: When the file is not TOML at all.
    """
    return from_toml(parse_toml(decode_text(data)))


def from_toml(data: dict[str, Any]) -> tuple[StateDocument, list[str]]:
    """Build a document from parsed TOML, skipping (and reporting) values of the wrong kind."""
    problems: list[str] = []
    document = StateDocument()
    settings = data.get("settings", {})
    if isinstance(settings, dict):
        document.settings = {unescape(k): _read_value(v) for k, v in settings.items()}
    else:
        problems.append("state file: [settings] is not a table; ignored")
    works = data.get("works", {})
    if not isinstance(works, dict):
        problems.append("state file: [works] is not a table; ignored")
        works = {}
    for key, table in works.items():
        identity = unescape(key)
        if not isinstance(table, dict):
            problems.append(f"state file: work {identity!r} is not a table; ignored")
            continue
        document.works[identity] = _read_work(identity, table, problems)
    return document, problems


def _read_value(value: object) -> object:
    if isinstance(value, str):
        return unescape(value)
    if isinstance(value, dict):
        return {unescape(k): _read_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_read_value(v) for v in value]
    return value


def _read_address(value: object) -> Address | None:
    if not isinstance(value, dict):
        return None
    address = Address.from_dict(value)
    if address is not None and address.hash:
        address = Address(address.chapter, address.paragraph, unescape(address.hash))
    return address


def _time(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return normalize_time(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return None


def _read_work(identity: str, table: dict[str, Any], problems: list[str]) -> WorkState:
    work = WorkState(identity=identity)
    bad: list[str] = []

    def text(name: str) -> str:
        value = table.get(name, "")
        if isinstance(value, str):
            return unescape(value)
        bad.append(name)
        return ""

    work.title = text("title")
    work.path = text("path")
    work.notes = text("notes")
    authors = table.get("authors", [])
    if isinstance(authors, list) and all(isinstance(a, str) for a in authors):
        work.authors = [unescape(a) for a in authors]
    else:
        bad.append("authors")
    status = table.get("status", "unread")
    if status in READING_STATUSES:
        work.status = status
    else:
        bad.append("status")
    progress = table.get("progress", 0.0)
    if isinstance(progress, int | float) and not isinstance(progress, bool):
        work.progress = _clamp(progress)
    else:
        bad.append("progress")
    for name in ("last_read", "added"):
        if name in table:
            moment = _time(table[name])
            if moment is None:
                bad.append(name)
            setattr(work, name, moment)
    seen = table.get("seen_chapters")
    if isinstance(seen, int) and not isinstance(seen, bool) and seen >= 0:
        work.seen_chapters = seen
    elif seen is not None:
        bad.append("seen_chapters")
    if "position" in table:
        work.position = _read_address(table["position"])
        if work.position is None:
            bad.append("position")
    bookmarks = table.get("bookmarks", {})
    if isinstance(bookmarks, dict):
        for letter, value in bookmarks.items():
            address = _read_address(value)
            if address is None:
                bad.append(f"bookmarks.{letter}")
            else:
                work.bookmarks[unescape(letter)] = address
    else:
        bad.append("bookmarks")
    notes = table.get("passage_notes", {})
    if isinstance(notes, dict):
        for note_id, entry in notes.items():
            note = _read_note(unescape(note_id), entry)
            if note is None:
                bad.append(f"passage_notes.{note_id}")
            else:
                work.passage_notes.append(note)
    else:
        bad.append("passage_notes")
    if bad:
        problems.append(
            f"state file: work {identity!r}: unreadable value(s) kept out: {', '.join(bad)}"
        )
    return work


def _read_note(note_id: str, entry: object) -> PassageNote | None:
    if not isinstance(entry, dict):
        return None
    address = _read_address(entry)
    text = entry.get("text", "")
    quote = entry.get("quote", "")
    if address is None or not isinstance(text, str) or not isinstance(quote, str):
        return None
    created = _time(entry.get("created")) or datetime(1970, 1, 1, tzinfo=UTC)
    updated = _time(entry.get("updated")) or created
    return PassageNote(
        id=note_id,
        address=address,
        text=unescape(text),
        quote=unescape(quote),
        created=created,
        updated=updated,
    )
