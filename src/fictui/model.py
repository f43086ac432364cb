"""The story model: Story, Chapter, Block, Span, Note and paragraph addresses (no I/O)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import IntFlag, StrEnum
from pathlib import Path


class Style(IntFlag):
    """Inline style flags carried by a span."""

    PLAIN = 0
    ITALIC = 1
    BOLD = 2
    UNDERLINE = 4


class BlockKind(StrEnum):
    """What a block of a chapter is."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    SCENE_BREAK = "scene-break"
    QUOTE = "quote"
    VERSE = "verse"
    """Lines kept as written (poems, letters, dialogue laid out on purpose)."""


class Status(StrEnum):
    """Whether a work is finished."""

    COMPLETE = "complete"
    IN_PROGRESS = "in-progress"
    UNKNOWN = "unknown"


class NotePosition(StrEnum):
    """Where a note stood in the original file."""

    FRONT = "front"
    END = "end"
    CHAPTER_FRONT = "chapter-front"
    CHAPTER_END = "chapter-end"


class Realm(StrEnum):
    """Which world a paragraph belongs to: plain text or the italic realm."""

    PLAIN = "plain"
    ITALIC = "italic"


TAG_KINDS: tuple[str, ...] = (
    "rating",
    "warnings",
    "category",
    "fandoms",
    "relationships",
    "characters",
    "freeform",
    "series",
    "collections",
)
"""The tag kinds fictui knows, in display order."""


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one inline style."""

    text: str
    """The text of the run; may contain newlines in verse blocks."""
    style: Style = Style.PLAIN
    """Italic, bold and underline flags."""


_SPACE_RE = re.compile(r"\s+")


@dataclass(slots=True)
class Block:
    """A paragraph, heading, quote, verse block or scene break."""

    kind: BlockKind
    """What the block is."""
    spans: list[Span] = field(default_factory=list)
    """The styled text of the block (empty for a scene break)."""

    @property
    def text(self) -> str:
        """The block's plain text."""
        return "".join(span.text for span in self.spans)

    @property
    def is_italic(self) -> bool:
        """True when every visible character of the block is italic."""
        seen = False
        for span in self.spans:
            if span.text.strip():
                if not span.style & Style.ITALIC:
                    return False
                seen = True
        return seen

    @property
    def realm(self) -> Realm:
        """The realm of a paragraph: italic when it is wholly italic."""
        return Realm.ITALIC if self.is_italic else Realm.PLAIN

    @property
    def words(self) -> int:
        """The number of words in the block."""
        return count_words(self.text)


@dataclass(slots=True)
class Chapter:
    """A chapter: a title and its blocks."""

    title: str
    """The chapter title as shown in the table of contents."""
    blocks: list[Block] = field(default_factory=list)
    """The chapter's body."""
    _words: int = -1

    @property
    def words(self) -> int:
        """The number of words in the chapter (cached)."""
        if self._words < 0:
            self._words = sum(block.words for block in self.blocks)
        return self._words

    def invalidate(self) -> None:
        """Forget cached counts after the blocks change."""
        self._words = -1


@dataclass(slots=True)
class Note:
    """An author's note (or summary, disclaimer...) kept apart from the body."""

    position: NotePosition
    """Where it stood: front or end of the story, or of a chapter."""
    text: str
    """The note's text; paragraphs are separated by blank lines."""
    chapter: int | None = None
    """The chapter index for chapter notes, else None."""
    label: str = ""
    """The label it carried in the file ("Author's Note", "Disclaimer", ...)."""


@dataclass(frozen=True, slots=True)
class Address:
    """A stable address of a paragraph, used to re-anchor positions and notes."""

    chapter: int
    """Chapter index."""
    paragraph: int
    """Block index within the chapter."""
    hash: str
    """Short hash of the block's normalized text."""

    def as_dict(self) -> dict[str, int | str]:
        """The address as a plain dict (for TOML and JSON)."""
        return {"chapter": self.chapter, "paragraph": self.paragraph, "hash": self.hash}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Address | None:
        """Build an address from a dict, or None when it is malformed."""
        try:
            chapter = int(data["chapter"])  # type: ignore[call-overload]
            paragraph = int(data["paragraph"])  # type: ignore[call-overload]
            digest = str(data.get("hash", ""))
        except (KeyError, TypeError, ValueError):
            return None
        if chapter < 0 or paragraph < 0:
            return None
        return cls(chapter, paragraph, digest)


@dataclass(slots=True)
class Story:
    """A story read from one file: metadata, body, notes and extras."""

    title: str = ""
    """The work's title."""
    authors: list[str] = field(default_factory=list)
    """The authors, in byline order."""
    source: str = ""
    """The site or archive the file came from."""
    url: str = ""
    """The work's source URL."""
    summary: str = ""
    """The work's summary or description."""
    status: Status = Status.UNKNOWN
    """Complete, in progress or unknown."""
    published: date | None = None
    """First publication date."""
    updated: date | None = None
    """Last update (or completion) date."""
    tags: dict[str, list[str]] = field(default_factory=dict)
    """Tags by kind (see TAG_KINDS)."""
    language: str = ""
    """The work's language."""
    chapters: list[Chapter] = field(default_factory=list)
    """The body."""
    notes: list[Note] = field(default_factory=list)
    """Author's notes and other front/end matter kept out of the body."""
    extras: list[str] = field(default_factory=list)
    """Site chrome removed from the text (footers, review links): kept, not shown inline."""
    format: str = ""
    """The file format: txt, html, epub or markdown."""
    encoding: str = ""
    """The encoding the file was decoded with."""
    problems: list[str] = field(default_factory=list)
    """Problems met while reading, for the user to see."""
    chapters_total: int | None = None
    """Chapters the work is declared to have (None when unknown or open-ended)."""
    declared_words: int | None = None
    """A word count the file states, when it states one."""
    path: Path | None = None
    """The file the story was read from (raw; sanitize before display)."""
    partial: bool = False
    """True when only the head of the file was read."""
    work_id: str = ""
    """An identity the format knows (such as 'ao3:123'); see work_identity()."""

    @property
    def words(self) -> int:
        """Words in the body."""
        return sum(chapter.words for chapter in self.chapters)

    @property
    def scene_breaks(self) -> int:
        """The number of scene breaks in the body."""
        return sum(
            1
            for chapter in self.chapters
            for block in chapter.blocks
            if block.kind is BlockKind.SCENE_BREAK
        )

    @property
    def italic_paragraphs(self) -> int:
        """Paragraphs written wholly in italics."""
        return sum(
            1
            for chapter in self.chapters
            for block in chapter.blocks
            if block.kind in TEXT_KINDS and block.is_italic
        )

    @property
    def identity(self) -> str:
        """The work's identity, stable across re-downloads and renames."""
        return work_identity(self)

    def address(self, chapter: int, paragraph: int) -> Address:
        """The address of a block."""
        return Address(chapter, paragraph, text_hash(self.chapters[chapter].blocks[paragraph].text))

    def locate(self, address: Address) -> tuple[int, int]:
        """Find the block an address points at, re-anchoring after the text changed.

        Args:
            address: A saved address, possibly from an older download.

        Returns:
            The (chapter, paragraph) that best matches: the same spot when its hash
            still matches, else the nearest block with the same hash, else the
            same indices clamped to the story.
        """
        if not self.chapters:
            return (0, 0)
        ci = min(address.chapter, len(self.chapters) - 1)
        blocks = self.chapters[ci].blocks
        in_range = address.chapter < len(self.chapters) and address.paragraph < len(blocks)
        if in_range and text_hash(blocks[address.paragraph].text) == address.hash:
            return (ci, address.paragraph)
        if address.hash:
            best: tuple[int, int] | None = None
            best_distance = 0
            for cj, chapter in enumerate(self.chapters):
                for pj, block in enumerate(chapter.blocks):
                    if block.kind in TEXT_KINDS and text_hash(block.text) == address.hash:
                        distance = abs(cj - address.chapter) * 1_000_000 + abs(
                            pj - address.paragraph
                        )
                        if best is None or distance < best_distance:
                            best, best_distance = (cj, pj), distance
            if best is not None:
                return best
        return (ci, min(address.paragraph, max(len(blocks) - 1, 0)))


TEXT_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.VERSE})
"""Block kinds that hold reading text (and so count as paragraphs)."""

_WORD_RE = re.compile(r"\w+(?:['’\-]\w+)*")


def count_words(text: str) -> int:
    """Count words the way readers and archives do (contractions count once)."""
    return len(_WORD_RE.findall(text))


def text_hash(text: str) -> str:
    """A short, whitespace- and case-insensitive hash of a paragraph's text."""
    normal = _SPACE_RE.sub(" ", text).strip().casefold()
    return hashlib.blake2b(normal.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()


_AO3_RE = re.compile(r"archiveofourown\.org/works/(\d+)", re.IGNORECASE)
_FFN_RE = re.compile(r"fanfiction\.net/s/(\d+)", re.IGNORECASE)


def normalize_key(text: str) -> str:
    """Fold a title or name for matching: accents, case, punctuation and spacing."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", stripped.casefold()))


def work_identity(story: Story) -> str:
    """The identity of a work, shared by every download of it.

    Returns:
        'ao3:N' for AO3 works, 'ffn:N' for FanFiction.net stories, 'url:...' for
        another source URL, else 'work:<title>|<first author>' normalized.
    """
    if story.work_id:
        return story.work_id
    if story.url:
        if match := _AO3_RE.search(story.url):
            return f"ao3:{match.group(1)}"
        if match := _FFN_RE.search(story.url):
            return f"ffn:{match.group(1)}"
        url = story.url.strip().rstrip("/").casefold()
        url = re.sub(r"^https?://(www\.)?", "", url)
        return f"url:{url}"
    author = normalize_key(story.authors[0]) if story.authors else ""
    return f"work:{normalize_key(story.title)}|{author}"
