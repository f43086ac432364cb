"""The filter language of the story list: parsing a query, filtering entries, highlighting hits.

A query is a list of terms that must all match. Plain words (and ``"quoted phrases"``)
match the title, authors, tags, summary and the reader's own notes,
ignoring case and accents. Field terms narrow further::

    author:ash  tag:fluff  fandom:x  rating:teen  format:html
    status:complete | status:in-progress | status:unknown
    words:>50000  words:<=10k  chapters:>=3      (< > <= >= =, k and m suffixes)
    unread  reading  finished  has:notes          (the reader's own data)

A leading ``-`` negates a term. Anything unknown or malformed is a plain word, so
parsing never fails.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, filterfalse, repeat
from typing import Any

from fictui.library.entry import Entry, fold, fold_cached, gram_mask
from fictui.library.filter_index import FLIP, INDEXED_KINDS, TEXT_FIELDS, FilterIndex

_TOKEN_RE = re.compile(r'\s*(-?)(?:([A-Za-z][A-Za-z-]*):)?(?:"([^"]*)"?|([^\s"]*))')
_NUMBER_RE = re.compile(r"(<=|>=|<|>|=)?\s*(\d+(?:[.,]\d+)?)\s*([km]?)$", re.IGNORECASE)
_SPACES_RE = re.compile(r"\s+")

FIELD_NAMES: dict[str, str] = {
    "author": "author",
    "authors": "author",
    "by": "author",
    "tag": "tag",
    "tags": "tag",
    "fandom": "fandom",
    "fandoms": "fandom",
    "rating": "rating",
    "format": "format",
    "status": "status",
    "words": "words",
    "chapters": "chapters",
    "has": "has",
}
"""Field names the language knows, with their aliases."""

STATUS_WORDS: dict[str, str] = {
    "complete": "complete",
    "completed": "complete",
    "done": "complete",
    "in-progress": "in-progress",
    "inprogress": "in-progress",
    "wip": "in-progress",
    "ongoing": "in-progress",
    "incomplete": "in-progress",
    "unknown": "unknown",
}
"""Values of `status:` and the work status each one means."""

READING_WORDS: frozenset[str] = frozenset({"unread", "reading", "finished"})
"""Bare words that filter on the reader's own status."""


@dataclass(slots=True)
class UserFacts:
    """The reader's own data about one work, supplied by the UI from the state store."""

    notes: str = ""
    """The reader's notes on the work, joined (searched by plain words)."""
    status: str = "unread"
    """'unread', 'reading' or 'finished'."""
    progress: float = 0.0
    """How far the reader is, 0.0 to 1.0."""
    last_read: float | None = None
    """When the reader last had the work open (epoch seconds), None when never."""
    has_notes: bool = False
    """True when the reader has written notes on the work."""


@dataclass(frozen=True, slots=True)
class Term:
    """One condition of a query."""

    kind: str
    """'word', 'author', 'tag', 'fandom', 'rating', 'format', 'status', 'words',
    'chapters', 'reading' or 'has-notes'."""
    value: str = ""
    """The folded text to find (or the status wanted)."""
    op: str = ""
    """For numbers: '<', '>', '<=', '>=' or '='."""
    number: int = 0
    """For numbers: the bound."""
    negate: bool = False
    """True when the term must not match."""
    grams: int = 0
    """For plain words: the letter-pair mask every matching haystack's mask contains."""

    def implies(self, other: Term) -> bool:
        """True when every entry matching this term also matches ``other``."""
        if self == other:
            return True
        if self.kind == other.kind == "word" and self.negate and other.negate:
            return self.value in other.value  # not containing "dr" implies not "drag"
        if self.kind != other.kind or self.negate or other.negate:
            return False
        if self.kind in _TEXT_KINDS:
            return other.value in self.value
        if self.kind in ("words", "chapters"):
            low_a, high_a = _bounds(self)
            low_b, high_b = _bounds(other)
            return low_a >= low_b and high_a <= high_b
        return False


_TEXT_KINDS = frozenset({"word", "author", "tag", "fandom", "rating", "format"})


def _bounds(term: Term) -> tuple[float, float]:
    n = term.number
    return {
        "<": (float("-inf"), n - 1),
        "<=": (float("-inf"), n),
        ">": (n + 1, float("inf")),
        ">=": (n, float("inf")),
        "=": (n, n),
    }[term.op]


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed filter query: every term must match."""

    text: str = ""
    """The query as typed."""
    terms: tuple[Term, ...] = field(default_factory=tuple)
    """The conditions."""

    @property
    def is_empty(self) -> bool:
        """True when the query matches everything."""
        return not self.terms

    @property
    def words(self) -> list[str]:
        """The folded plain words and phrases that must appear (for highlighting)."""
        return [t.value for t in self.terms if t.kind == "word" and not t.negate]

    def refines(self, previous: Query) -> bool:
        """True when this query only narrows ``previous``, so filtering may start from
        its result (pass it as ``within``): typing "drag" after "dra" refines it.
        """
        return all(any(new.implies(old) for new in self.terms) for old in previous.terms)

    def highlights(self, text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` where plain words of the query match, ignoring case and accents.

        Args:
            text: A string as displayed (a title, say).

        Returns:
            Sorted, non-overlapping (start, end) character offsets into ``text``.
        """
        words = [w for w in self.words if w]
        if not words or not text:
            return []
        folded, origin = _fold_with_map(text)
        spans: list[tuple[int, int]] = []
        for word in words:
            start = folded.find(word)
            while start >= 0:
                end = start + len(word)
                spans.append((origin[start], origin[end - 1] + 1))
                start = folded.find(word, end)
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold text character by character, remembering which character each output came from."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = fold(char)
        out.append(piece)
        origin.extend([index] * len(piece))
    return "".join(out), origin


def _word(value: str, negate: bool) -> Term:
    folded = _SPACES_RE.sub(" ", fold(value)).strip()
    return Term("word", folded, negate=negate, grams=gram_mask(folded))


def _parse_number(text: str) -> tuple[str, int] | None:
    match = _NUMBER_RE.match(text.strip())
    if not match:
        return None
    op, digits, suffix = match.groups()
    number = float(digits.replace(",", "."))
    number *= {"": 1, "k": 1_000, "m": 1_000_000}[suffix.lower()]
    return op or "=", round(number)


def _field_term(name: str, value: str, negate: bool) -> Term | None:
    """The term for `name:value`, or None when it is not a valid field term."""
    kind = FIELD_NAMES.get(name.lower())
    if kind is None:
        return None
    if kind in ("author", "tag", "fandom", "rating", "format"):
        return Term(kind, _SPACES_RE.sub(" ", fold(value)).strip(), negate=negate)
    if kind == "status":
        status = STATUS_WORDS.get(value.lower())
        return Term("status", status, negate=negate) if status else None
    if kind in ("words", "chapters"):
        parsed = _parse_number(value)
        if parsed is None:
            return None
        return Term(kind, op=parsed[0], number=parsed[1], negate=negate)
    if kind == "has" and value.lower() in ("notes", "note"):
        return Term("has-notes", negate=negate)
    return None


def parse_query(text: str) -> Query:
    """Parse what the user typed into a Query; never raises.

    Args:
        text: The query, as typed.

    Returns:
        The query; unknown or malformed field terms become plain words, and a
        field with no value yet (``author:`` while typing) is left out.
    """
    terms: list[Term] = []
    for match in _TOKEN_RE.finditer(text):
        minus, name, quoted, bare = match.groups()
        negate = bool(minus)
        value = quoted if quoted is not None else (bare or "")
        if name is not None:
            if name.lower() in FIELD_NAMES and not value.strip():
                continue
            term = _field_term(name, value, negate)
            if term is None:
                # Unknown field or bad value: search for the whole token as typed.
                raw = f'{name}:"{value}"' if quoted is not None else f"{name}:{value}"
                term = _word(raw, negate)
        elif quoted is None and value.lower() in READING_WORDS:
            term = Term("reading", value.lower(), negate=negate)
        else:
            term = _word(value, negate)
        if term.kind == "word" and not term.value:
            continue
        terms.append(term)
    return Query(text, tuple(terms))


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "=": operator.eq,
}

_HAYSTACK = operator.attrgetter("haystack")

MASK_MIN = 5000
"""From this many candidate rows (and a third of the library), a term is matched over
every entry in storage order.

The list asks for rows in its sort order, which visits the entries' strings all
over memory; scanning them in the order they were made, in C (map over
str.__contains__), and then picking the rows out in list order is about three
times faster on a large library.
"""

_GRAMS = operator.attrgetter("grams")

_haystack_cache: tuple[list[Entry], list[str], list[int]] | None = None


def _haystacks(entries: Sequence[Entry]) -> tuple[list[str], list[int]]:
    """Every entry's haystack and letter-pair mask, in storage order, reused while the
    entries are the same.

    Checking that the entries are the very same objects is a C-speed pass; building
    the list again means touching every entry, which costs more than the search.
    """
    global _haystack_cache
    cached = _haystack_cache
    if (
        cached is not None
        and len(cached[0]) == len(entries)
        and all(map(operator.is_, cached[0], entries))
    ):
        return cached[1], cached[2]
    snapshot = list(entries)
    haystacks = list(map(_HAYSTACK, snapshot))
    masks = list(map(_GRAMS, snapshot))
    _haystack_cache = (snapshot, haystacks, masks)
    return haystacks, masks


def _mask_search(entries: Sequence[Entry], value: str, grams: int) -> list[bool]:
    """Whether each entry (in storage order) holds ``value``: every loop here runs in C."""
    haystacks, masks = _haystacks(entries)
    if not grams:
        return list(map(operator.contains, haystacks, repeat(value)))
    # Entries whose letter pairs lack one of the word's are skipped before any text scan.
    maybe = list(map(operator.eq, map(operator.and_, masks, repeat(grams)), repeat(grams)))
    found = [False] * len(haystacks)
    candidates = list(compress(range(len(haystacks)), maybe))
    hits = compress(
        candidates,
        map(operator.contains, map(haystacks.__getitem__, candidates), repeat(value)),
    )
    for index in hits:
        found[index] = True
    return found


def _mostly(indices: Sequence[int], entries: Sequence[Entry]) -> bool:
    """True when the candidates are many and most of the library: a pass over every
    entry in storage order is then cheaper than visiting the candidates one by one."""
    return len(indices) >= MASK_MIN and len(indices) * 3 >= len(entries)


_FIELD_KEYS = {kind: name for kind, name in TEXT_FIELDS.items() if kind != "word"}
"""The folded Entry field each field term searches."""


def _field_mask(
    term: Term, entries: Sequence[Entry], index: FilterIndex | None = None
) -> list[bool] | None:
    """Whether each entry (in storage order) passes a term, negation included, or None
    for terms that need per-entry Python work (those keep the row-by-row path)."""
    kind, value = term.kind, term.value

    def column(name: str) -> Iterable[Any]:
        if index is not None:
            return index.column(name, entries)  # side by side in memory: a faster pass
        return map(operator.attrgetter(name), entries)

    passed: Iterable[bool]
    if kind == "word":
        passed = _mask_search(entries, value, term.grams)
    elif kind in _FIELD_KEYS:
        passed = map(operator.contains, column(_FIELD_KEYS[kind]), repeat(value))
    elif kind == "rating":  # few distinct ratings: folding each is a cache hit
        passed = map(operator.contains, map(fold_cached, column("rating")), repeat(value))
    elif kind in ("format", "status"):
        passed = map(operator.eq, column(kind), repeat(value))
    elif kind in ("words", "chapters"):
        passed = map(_COMPARE[term.op], column(kind), repeat(term.number))
    else:
        return None
    if term.negate:
        passed = map(operator.not_, passed)
    if kind in ("words", "chapters"):
        # An unreadable file has no count: it never passes a count test, negated or not.
        readable = map(operator.is_, column("error"), repeat(None))
        passed = map(operator.and_, passed, readable)
    return list(passed)


# Cheap exact tests first, then text (usually the most selective), numbers last.
_ORDER = {"status": 0, "reading": 0, "has-notes": 0, "words": 2, "chapters": 2}


def filter_entries(
    entries: Sequence[Entry],
    query: Query,
    user: Mapping[str, UserFacts] | None = None,
    within: Sequence[int] | None = None,
    index: FilterIndex | None = None,
) -> list[int]:
    """The indices of the entries a query matches, in input order.

    Args:
        entries: The library's entries.
        query: A parsed query.
        user: The reader's own data by work identity (notes, reading status).
        within: Only consider these indices (a previous result that this query
            refines; see Query.refines), to keep typing fast.
        index: A filter index built from these entries (or from the first of them,
            see FilterIndex.mask): words, authors, tags and fandoms are then looked
            up rather than scanned.

    Returns:
        The matching indices.
    """
    result: list[int] = list(range(len(entries)) if within is None else within)
    facts: Mapping[str, UserFacts] = user or {}
    for term in sorted(query.terms, key=lambda t: _ORDER.get(t.kind, 1)):
        if not result:
            break
        result = _apply(term, entries, result, facts, index)
    return result


_IDENTITY = operator.attrgetter("identity")


def _indexed(
    term: Term,
    entries: Sequence[Entry],
    indices: list[int],
    notes: Mapping[str, str],
    index: FilterIndex,
) -> list[int]:
    """A text term answered from the filter index, in the order of ``indices``."""
    value = term.value
    holders = {key for key, text in notes.items() if value in text}
    if not holders:
        return index.rows(term.kind, value, indices, entries, keep=not term.negate)
    # The reader's own notes match too: they live in the state store, not the index.
    noted = map(holders.__contains__, map(_IDENTITY, map(entries.__getitem__, indices)))
    found = set(index.rows(term.kind, value, indices, entries)).union(compress(indices, noted))
    if term.negate:
        return list(filterfalse(found.__contains__, indices))
    return list(compress(indices, map(found.__contains__, indices)))


def _apply(
    term: Term,
    entries: Sequence[Entry],
    indices: list[int],
    facts: Mapping[str, UserFacts],
    index: FilterIndex | None = None,
) -> list[int]:
    value, keep = term.value, not term.negate
    kind = term.kind
    notes = (
        {key: fold_cached(f.notes) for key, f in facts.items() if f.notes}
        if kind == "word" and facts
        else {}
    )
    if index is not None and kind in INDEXED_KINDS:
        return _indexed(term, entries, indices, notes, index)
    if not notes and _mostly(indices, entries):
        mask = _field_mask(term, entries, index)
        if mask is not None:
            return list(compress(indices, map(mask.__getitem__, indices)))
    if kind == "word":
        grams = term.grams
        if not notes and not grams:  # one letter: a scan finds it at once anyway
            if keep:
                return [i for i in indices if value in entries[i].haystack]
            return [i for i in indices if value not in entries[i].haystack]
        if not notes:
            # The hot path of typing in the filter bar: an integer test skips most
            # entries that lack one of the word's letter pairs, before any text scan.
            if keep:
                return [
                    i
                    for i in indices
                    if entries[i].grams & grams == grams and value in entries[i].haystack
                ]
            return [
                i
                for i in indices
                if entries[i].grams & grams != grams or value not in entries[i].haystack
            ]
        return [
            i
            for i in indices
            if (
                (entries[i].grams & grams == grams and value in entries[i].haystack)
                or value in notes.get(entries[i].identity, "")
            )
            is keep
        ]
    if kind in _FIELD_KEYS:
        field_key = operator.attrgetter(_FIELD_KEYS[kind])
        return [i for i in indices if (value in field_key(entries[i])) is keep]
    if kind == "rating":
        return [i for i in indices if (value in fold_cached(entries[i].rating)) is keep]
    if kind == "format":
        return [i for i in indices if (value == entries[i].format) is keep]
    if kind == "status":
        return [i for i in indices if (entries[i].status == value) is keep]
    if kind in ("words", "chapters"):
        compare, get, bound = _COMPARE[term.op], operator.attrgetter(kind), term.number
        return [
            i
            for i in indices
            if compare(get(entries[i]), bound) is keep and entries[i].error is None
        ]
    if kind in ("reading", "has-notes"):
        return _reader_rows(term, entries, indices, facts, index)
    return indices


def _reader_rows(
    term: Term,
    entries: Sequence[Entry],
    indices: list[int],
    facts: Mapping[str, UserFacts],
    index: FilterIndex | None,
) -> list[int]:
    """Rows passing a term on the reader's own data (`unread`, `has:notes`...).

    Only the works the reader has opened or noted have facts, so the test is whether
    a row's work is in a small set: a C-speed pass, not a Python call per row.
    """
    if term.kind == "has-notes":
        group, inside = {k for k, f in facts.items() if f.has_notes or f.notes.strip()}, True
    elif term.value == "unread":
        group, inside = {k for k, f in facts.items() if f.status != "unread"}, False
    else:
        group, inside = {k for k, f in facts.items() if f.status == term.value}, True
    wanted = inside is not term.negate
    if index is not None and _mostly(indices, entries):
        flags = index.works(group, entries)
        if not wanted:
            flags = flags.translate(FLIP)
        return list(compress(indices, map(flags.__getitem__, indices)))
    member = map(group.__contains__, map(_IDENTITY, map(entries.__getitem__, indices)))
    return list(compress(indices, member if wanted else map(operator.not_, member)))
