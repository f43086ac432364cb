"""The filter index of a library: which stories hold a word, author, tag or fandom, without a scan.

Filtering 100,000 stories by scanning every story's folded text costs a pass over
tens of megabytes per keystroke. The index cuts each kind of searched text into
values (whitespace-separated words for plain words; one value per author, tag or
fandom for field terms) and answers from their postings (see postings.py).

An index is built once from a snapshot of the entries (seconds for 100,000
stories, so the story list builds it in a worker) and answers for the entries as
they are now: entries appended after the snapshot, or replaced since (``touch``),
are checked directly. ``prewarm`` then works out, in the same worker, the answers
for the one- and two-letter needles that start most words, so the first
keystrokes in the filter bar find them ready.
"""

from __future__ import annotations

import operator
import threading
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Sequence
from itertools import compress, filterfalse, repeat

from fictui.library.entry import Entry
from fictui.library.postings import Postings, flags_of, pack

CACHED_MASKS = 48
"""Answers kept besides the prewarmed ones, so backspacing and retyping cost nothing."""

SCAN_COST = 2.0
"""What checking one entry's text costs, counted in postings merged, plus..."""

SCAN_COST_PER_CHAR = 0.012
"""...this much more per character of text (a posting is about 75 ns; a scan of a
900-character summary about 800)."""

PREWARM_PAIRS = {"word": 400, "author": 100, "tag": 100, "fandom": 100}
"""How many two-letter word beginnings prewarm works out, per kind of text (each
answer is kept as a bit set: 12.5 KB for 100,000 stories)."""


def _split_lines(text: str) -> list[str]:
    return text.split("\n") if text else []


TEXT_FIELDS: dict[str, str] = {
    "word": "haystack",
    "author": "authors_key",
    "tag": "tags_key",
    "fandom": "fandoms_key",
}
"""The Entry field holding the folded text each indexed term kind searches."""

_TEXT: dict[str, Callable[[Entry], str]] = {
    kind: operator.attrgetter(name) for kind, name in TEXT_FIELDS.items()
}

_SPLIT: dict[str, Callable[[str], list[str]]] = {
    "word": str.split,
    "author": _split_lines,
    "tag": _split_lines,
    "fandom": _split_lines,
}
"""How each kind's text is cut into values: whitespace for words, lines for fields."""

INDEXED_KINDS = frozenset(_TEXT)
COLUMNS = ("status", "format", "words", "chapters", "error", "rating", "identity")
"""Entry fields the index also keeps side by side, for fast passes over every entry."""

FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")
"""Turns a mask of 0/1 bytes into its opposite."""
"""The term kinds a FilterIndex answers."""


SCAN_CHUNK = 8192
"""Texts scanned per C call: between calls another thread (the app's, while the index
is prewarmed in a worker) may take its turn."""


def _scan(texts: Sequence[str], needle: str) -> bytes:
    """One byte per text: 1 where the text holds ``needle``."""
    return b"".join(
        bytes(map(operator.contains, texts[start : start + SCAN_CHUNK], repeat(needle)))
        for start in range(0, len(texts), SCAN_CHUNK)
    )


class FilterIndex:
    """Plain-word, author, tag and fandom postings of a snapshot of the library's entries."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        """Build every index from the entries as they are now (seconds for 100,000)."""
        snapshot = list(entries)
        self.size = len(snapshot)
        """How many entries (the first ones, in storage order) the postings cover."""
        self._texts = {kind: list(map(get, snapshot)) for kind, get in _TEXT.items()}
        self._columns = {name: list(map(operator.attrgetter(name), snapshot)) for name in COLUMNS}
        self._columns.update((TEXT_FIELDS[kind], texts) for kind, texts in self._texts.items())
        self._postings = {
            kind: Postings(map(_SPLIT[kind], texts)) for kind, texts in self._texts.items()
        }
        self._scan_cost = {
            kind: SCAN_COST + SCAN_COST_PER_CHAR * sum(map(len, texts)) / max(self.size, 1)
            for kind, texts in self._texts.items()
        }
        self._by_identity: dict[str, list[int]] = {}
        for at, identity in enumerate(self._columns["identity"]):
            self._by_identity.setdefault(str(identity), []).append(at)
        self._touched: set[int] = set()
        self._answers: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._warm: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    @property
    def stale(self) -> int:
        """How many covered entries were replaced since the build."""
        return len(self._touched)

    def touch(self, index: int) -> None:
        """The entry at ``index`` was replaced: its text is read afresh from now on."""
        with self._lock:
            self._touched.add(index)

    def prewarm(self) -> None:
        """Work out, and keep for good, the answers for every letter and digit and for
        the commonest two-letter word beginnings, in every kind of text."""
        needles = [(kind, c) for kind in _TEXT for c in "abcdefghijklmnopqrstuvwxyz0123456789"]
        for kind, postings in self._postings.items():
            starts: Counter[str] = Counter()
            for value, count in zip(postings.vocabulary, postings.counts, strict=True):
                for word in value.split() if kind != "word" else [value]:
                    starts[word[:2]] += count
            common = [p for p, _ in starts.most_common(PREWARM_PAIRS[kind]) if len(p) == 2]
            needles += [(kind, pair) for pair in common]
        for kind, needle in needles:
            with self._lock:
                self._warm[(kind, needle)] = pack(self._answer(kind, needle))

    def mask(self, kind: str, needle: str, entries: Sequence[Entry]) -> bytes:
        """Which entries hold ``needle`` (no separator in it) in the text ``kind`` searches.

        Args:
            kind: A kind in INDEXED_KINDS.
            needle: Folded text with no whitespace (for 'word') or line break in it.
            entries: The entries now: the snapshot's, maybe replaced in place
                (see touch), maybe with more appended.

        Returns:
            One byte per entry in storage order: 1 where the needle occurs, else 0.
        """
        with self._lock:
            found = self._answer(kind, needle)
            return self._patch(found, kind, needle, entries)

    def column(self, name: str, entries: Sequence[Entry]) -> list[object]:
        """One field (of COLUMNS or a searched text) of every entry now, in storage order."""
        with self._lock:
            kept = self._columns[name]
            if not self._touched and len(entries) == self.size:
                return kept
            now = kept[: len(entries)]
            get = operator.attrgetter(name)
            for index in self._touched:
                if index < len(now):
                    now[index] = get(entries[index])
            now.extend(map(get, map(entries.__getitem__, range(self.size, len(entries)))))
            return now

    def works(self, identities: set[str], entries: Sequence[Entry]) -> bytes:
        """One byte per entry now, 1 where its work is one of ``identities`` (a few works
        the reader has opened or noted: found by identity, not by a pass over all)."""
        flags = bytearray(len(entries))
        with self._lock:
            for identity in identities:
                for at in self._by_identity.get(identity, ()):
                    flags[at] = 1
            for at in [*self._touched, *range(self.size, len(entries))]:
                if at < len(entries):
                    flags[at] = entries[at].identity in identities
        return bytes(flags)

    def rows(
        self,
        kind: str,
        needle: str,
        indices: Sequence[int],
        entries: Sequence[Entry],
        *,
        keep: bool = True,
    ) -> list[int]:
        """The rows of ``indices`` (in their order) whose text holds ``needle``, or with
        ``keep`` False, those whose text does not.

        A plain-word needle may be a phrase: the entries holding every word of it are
        found from the index, then those among ``indices`` are checked for the phrase.
        """
        pieces = needle.split() if kind == "word" else [needle]
        if pieces == [needle]:
            found = self.mask(kind, needle, entries)
            if not keep:
                found = found.translate(FLIP)
            return list(compress(indices, map(found.__getitem__, indices)))
        if not keep:
            holding = set(self.rows(kind, needle, indices, entries))
            return list(filterfalse(holding.__contains__, indices))
        candidates = -1
        for piece in pieces:
            candidates &= int.from_bytes(self.mask(kind, piece, entries), "little")
        together = candidates.to_bytes(len(entries), "little") if pieces else bytes(len(entries))
        maybe = list(compress(indices, map(together.__getitem__, indices)))
        texts = map(_TEXT[kind], map(entries.__getitem__, maybe))
        return list(compress(maybe, map(operator.contains, texts, repeat(needle))))

    def _answer(self, kind: str, needle: str) -> bytes:
        """The answer over the snapshot, remembered (call with the lock held)."""
        key = (kind, needle)
        warm = self._warm.get(key)
        if warm is not None:
            return flags_of(warm, self.size)
        found = self._answers.get(key)
        if found is not None:
            return found
        held = self._find(kind, needle)
        self._answers[key] = held
        if len(self._answers) > CACHED_MASKS:
            self._answers.popitem(last=False)
        return held

    def _find(self, kind: str, needle: str) -> bytes:
        """Work an answer out: the entries of the common values that contain the needle,
        plus either the postings of its rare values or a scan of the remaining texts,
        whichever costs less."""
        common, rare = self._postings[kind].parts(needle)
        flags = flags_of(common, self.size)
        uncovered = self.size - common.bit_count()
        if sum(map(len, rare)) <= uncovered * self._scan_cost[kind]:
            marked = bytearray(flags)
            deque(map(marked.__setitem__, set().union(*rare), repeat(1)), 0)
            return bytes(marked)
        texts = self._texts[kind]
        if not common:
            return _scan(texts, needle)
        rest = list(compress(range(self.size), flags.translate(FLIP)))
        marked = bytearray(flags)
        for start in range(0, len(rest), SCAN_CHUNK):
            part = rest[start : start + SCAN_CHUNK]
            holding = map(operator.contains, map(texts.__getitem__, part), repeat(needle))
            deque(map(marked.__setitem__, compress(part, holding), repeat(1)), 0)
        return bytes(marked)

    def _patch(self, found: bytes, kind: str, needle: str, entries: Sequence[Entry]) -> bytes:
        """Correct an answer for replaced entries and extend it over appended ones."""
        count = len(entries)
        if not self._touched and count == self.size:
            return found
        get = _TEXT[kind]
        patched = bytearray(found[:count])
        for index in self._touched:
            if index < count:
                patched[index] = needle in get(entries[index])
        tail = map(get, map(entries.__getitem__, range(self.size, count)))
        patched.extend(map(operator.contains, tail, repeat(needle)))
        return bytes(patched)
