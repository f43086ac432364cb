"""Labels found in plain-text headers (``Rating: T``, ``A/N:``...) and what each one fills in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fictui.formats.txt_lines import parse_date, split_label
from fictui.model import Note, NotePosition, Status, Story

NOTE_LABELS: dict[str, str] = {
    "author's note": "Author's Note",
    "authors note": "Author's Note",
    "author note": "Author's Note",
    "author's notes": "Author's Notes",
    "authors notes": "Author's Notes",
    "author notes": "Author's Notes",
    "end notes": "End Notes",
    "end note": "End Notes",
    "chapter notes": "Notes",
    "chapter end notes": "End Notes",
    "translator's note": "Translator's Note",
    "translators note": "Translator's Note",
    "warning": "Warning",
    "a/n": "Author's Note",
    "an": "Author's Note",
    "a.n.": "Author's Note",
    "a/n's": "Author's Notes",
    "note": "Note",
    "notes": "Notes",
    "disclaimer": "Disclaimer",
    "disclaimers": "Disclaimer",
    "dedication": "Dedication",
    "dedicated to": "Dedication",
    "thanks": "Thanks",
    "acknowledgements": "Acknowledgements",
    "acknowledgments": "Acknowledgements",
    "beta": "Beta",
    "beta reader": "Beta",
    "beta readers": "Beta",
    "beta'd by": "Beta",
    "betaed by": "Beta",
    "spoilers": "Spoilers",
    "spoiler": "Spoilers",
    "feedback": "Feedback",
    "archive": "Archiving",
    "archiving": "Archiving",
    "timeline": "Timeline",
    "setting": "Setting",
    "content notes": "Content Notes",
}
"""Labels whose text is a note, and the label the note is shown with."""

_ORDINAL_NOTE_RE = re.compile(
    r"(?:author'?s'?|a/n)\s+(?:(?:first|second|third|final|last|other|additional|"
    r"extra|end|closing|opening)\s+)+notes?"
)

_TAG_LABELS: dict[str, str] = {
    "rating": "rating",
    "rated": "rating",
    "warnings": "warnings",
    "archive warning": "warnings",
    "archive warnings": "warnings",
    "category": "category",
    "categories": "category",
    "fandom": "fandoms",
    "fandoms": "fandoms",
    "relationship": "relationships",
    "relationships": "relationships",
    "pairing": "relationships",
    "pairings": "relationships",
    "ship": "relationships",
    "ships": "relationships",
    "character": "characters",
    "characters": "characters",
    "genre": "freeform",
    "genres": "freeform",
    "tags": "freeform",
    "additional tags": "freeform",
    "freeform": "freeform",
    "keywords": "freeform",
    "series": "series",
}
_LIST_TAGS = frozenset(
    {"warnings", "category", "fandoms", "relationships", "characters", "freeform"}
)

_FIELD_LABELS = frozenset(
    {
        "title",
        "story title",
        "story",
        "author",
        "authors",
        "by",
        "written by",
        "writer",
        "story url",
        "url",
        "link",
        "story link",
        "summary",
        "description",
        "blurb",
        "status",
        "words",
        "word count",
        "length",
        "chapters",
        "published",
        "posted",
        "date",
        "written",
        "date posted",
        "updated",
        "last updated",
        "completed",
        "language",
        "site",
        "source",
        "archived at",
        "publisher",
        "stats",
    }
)
_EXTRA_LABELS = frozenset(
    {
        "author url",
        "author link",
        "author email",
        "email",
        "e-mail",
        "reviews",
        "hits",
        "kudos",
        "bookmarks",
        "comments",
        "favs",
        "follows",
        "id",
        "story id",
        "packaged",
        "downloaded",
        "downloaded on",
        "read",
        "website",
        "homepage",
    }
)


def note_label(label: str) -> str | None:
    """The display label when a normalized label introduces a note, else None."""
    if label in NOTE_LABELS:
        return NOTE_LABELS[label]
    # "authors' note", "authors note", "author notes": apostrophes come and go.
    plain = label.replace("'", "")
    if plain in NOTE_LABELS:
        return NOTE_LABELS[plain]
    if _ORDINAL_NOTE_RE.fullmatch(label):
        words = label.replace("a/n", "author's").split()
        return " ".join(word.capitalize() if word != "author's" else "Author's" for word in words)
    return None


def is_known_label(label: str) -> bool:
    """True for a label a header may carry (a field, a tag kind, a note or site data)."""
    return (
        label in _FIELD_LABELS
        or label in _TAG_LABELS
        or label in _EXTRA_LABELS
        or note_label(label) is not None
    )


def known_label_line(line: str) -> tuple[str, str] | None:
    """The (label, value) of a line when it starts with a known header label."""
    found = split_label(line)
    if found is None or not is_known_label(found[0]):
        return None
    return found


@dataclass(slots=True)
class Header(Story):
    """What the front matter of a plain-text file says: the story's metadata and notes,
    plus what reading the header needs (the table of contents, where the body starts).
    """

    toc: list[str] = field(default_factory=list)
    """Chapter titles listed in a table of contents."""
    start: int = 0
    """Index of the first unit of the body."""
    evidence: int = 0
    """How many header features were found (by-line, labels): the header's credibility."""

    def add_note(self, label: str, text: str) -> None:
        """Add a front note, skipping empty text."""
        if text.strip():
            self.notes.append(Note(NotePosition.FRONT, text.strip(), None, label))

    def add_tags(self, kind: str, value: str) -> None:
        """Add tags of one kind from a label's value (comma lists are split)."""
        values = [part.strip() for part in re.split(r"[,;]", value)] if kind in _LIST_TAGS else []
        values = [part for part in values if part] or ([value.strip()] if value.strip() else [])
        bucket = self.tags.setdefault(kind, [])
        bucket.extend(item for item in values if item not in bucket)


_STATS_RE = re.compile(r"(?P<label>[A-Z][A-Za-z ]*?):\s*(?P<value>\S.*?)(?=\s+[A-Z][A-Za-z ]*?:|$)")


def _number(value: str) -> int | None:
    digits = re.sub(r"[,.\s](?=\d{3}\b)", "", value)
    match = re.search(r"\d+", digits)
    return int(match.group()) if match else None


def _status(value: str) -> Status:
    low = value.lower()
    if re.search(r"\b(?:in[- ]?progress|wip|ongoing|incomplete|unfinished|on hiatus)\b", low):
        return Status.IN_PROGRESS
    if re.search(r"\b(?:complete|completed|finished|done|yes)\b", low):
        return Status.COMPLETE
    return Status.UNKNOWN


def _chapters(header: Header, value: str) -> None:
    match = re.match(r"\s*(\d+)\s*(?:/|of)\s*(\d+|\?)", value)
    if match:
        done, total = match.groups()
        header.chapters_total = int(total) if total != "?" else None
        if header.status is Status.UNKNOWN:
            complete = total != "?" and int(done) >= int(total)
            header.status = Status.COMPLETE if complete else Status.IN_PROGRESS
    else:
        header.chapters_total = _number(value)


_CONTACT_RE = re.compile(
    r"\s*[(<\[]?\s*(?:e-?mail:?\s*)?(?:[\w.+\-]+@[\w\-]+\.[\w.\-]+|https?://\S+?)\s*[)>\]]?(?=\s|$)"
)


def split_authors(value: str, contacts: list[str] | None = None) -> list[str]:
    """Split a by-line's names (``A and B``, ``A & B``, ``A, B``).

    Args:
        value: The text after "by" or "Author:".
        contacts: Where e-mail addresses and links found beside the names go.
    """
    if "@" in value or "://" in value:
        if contacts is not None:
            contacts.extend(match.strip() for match in _CONTACT_RE.findall(value))
        value = _CONTACT_RE.sub("", value)
    parts = re.split(r"\s*(?:,|&|\band\b|\+)\s*", value.strip())
    return [part.strip(" .-") for part in parts if part.strip(" .-")]


def apply_label(header: Header, label: str, value: str) -> str | None:
    """Record one labelled header line.

    Args:
        header: The header being read.
        label: The normalized label.
        value: The text after the colon.

    Returns:
        The note label when the line opened a note (its text may go on in the
        next lines), "summary" when it opened the summary, else None.
    """
    if (shown := note_label(label)) is not None:
        # Added even when empty: the note's text may be the next paragraph.
        header.notes.append(Note(NotePosition.FRONT, value.strip(), None, shown))
        return shown
    if label in _TAG_LABELS:
        header.add_tags(_TAG_LABELS[label], value)
    elif label in ("title", "story title", "story"):
        header.title = header.title or value
    elif label in ("author", "authors", "by", "written by", "writer"):
        header.authors = header.authors or split_authors(value, header.extras)
    elif label in ("story url", "url", "link", "story link"):
        header.url = header.url or value.strip("<> ")
    elif label in ("summary", "description", "blurb"):
        header.summary = (header.summary + "\n\n" + value).strip() if header.summary else value
        return "summary"
    elif label == "status":
        header.status = _status(value)
    elif label in ("words", "word count", "length"):
        header.declared_words = _number(value)
    elif label == "chapters":
        _chapters(header, value)
    elif label in ("published", "posted", "date", "written", "date posted"):
        header.published = header.published or parse_date(value)
    elif label in ("updated", "last updated"):
        header.updated = parse_date(value) or header.updated
    elif label == "completed":
        header.updated = parse_date(value) or header.updated
        header.status = Status.COMPLETE
    elif label == "language":
        header.language = value
    elif label in ("site", "source", "archived at", "publisher"):
        header.source = header.source or value
    elif label == "stats":
        # "Published: 2015-01-01 Completed: 2015-02-01 Chapters: 3/3 Words: 10,000"
        for match in _STATS_RE.finditer(value):
            inner = " ".join(match["label"].lower().split())
            if is_known_label(inner):
                apply_label(header, inner, match["value"].strip())
            else:
                header.extras.append(f"{match['label']}: {match['value'].strip()}")
    else:
        header.extras.append(f"{label.title()}: {value}")
    return None


__all__ = [
    "NOTE_LABELS",
    "Header",
    "apply_label",
    "is_known_label",
    "known_label_line",
    "note_label",
    "split_authors",
]
