"""Reading progress: position, words left, time left, and the status line's figures."""

from __future__ import annotations

from dataclasses import dataclass

from fictui.model import Realm


def fraction(done: int, total: int) -> float:
    """``done / total`` clamped to 0..1 (0 for an empty total)."""
    if total <= 0:
        return 0.0
    return max(0.0, min(1.0, done / total))


def words_left(total_words: int, position: float) -> int:
    """The words left to read after ``position`` (0..1) of a story of ``total_words``."""
    return max(0, round(total_words * (1.0 - max(0.0, min(1.0, position)))))


def minutes_left(words: int, words_per_minute: int) -> float:
    """Reading time for ``words`` at ``words_per_minute`` (a non-positive rate counts as 250)."""
    rate = words_per_minute if words_per_minute > 0 else 250
    return words / rate


def format_duration(minutes: float) -> str:
    """A short reading time such as "<1 min", "45 min" or "3 h 05 min"."""
    whole = round(minutes)
    if whole < 1:
        return "<1 min" if minutes > 0 else "0 min"
    hours, rest = divmod(whole, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def format_count(words: int) -> str:
    """A word count shortened for the status line ("950", "12.3k", "3.5M")."""
    if words < 1000:
        return str(words)
    if words < 1_000_000:
        return f"{words / 1000:.1f}k"
    return f"{words / 1_000_000:.1f}M"


@dataclass(frozen=True, slots=True)
class StatusInfo:
    """What the reader's status line shows."""

    chapter: str = ""
    """The title of the chapter at the top of the reader."""
    position: float = 0.0
    """How far through the story the top of the reader is (0..1)."""
    words_left: int = 0
    """Words after the top of the reader."""
    minutes_left: float = 0.0
    """Estimated reading time left."""
    realm: Realm | None = None
    """The realm of the passage at the top, None outside paragraphs."""
    italic_share: float = 0.0
    """The share of the story's words in the italic realm."""
    realm_filter: str = "both"
    """Which realm is shown."""
    search: str = ""
    """The search counter ("3/17", "0/0"), empty with no search."""
    pending: str = ""
    """A key sequence waiting for its next key ("m", "'", "50")."""
    reflowing: float | None = None
    """Progress of the background re-wrap (0..1), None when done."""


def status_parts(info: StatusInfo) -> list[str]:
    """The status line's parts, left to right.

    Args:
        info: The figures to show.

    Returns:
        Short strings; the widget joins them with separators.
    """
    parts = []
    if info.chapter:
        parts.append(info.chapter)
    parts.append(f"{info.position * 100:.0f}%")
    parts.append(f"{format_count(info.words_left)} words left")
    parts.append(f"{format_duration(info.minutes_left)} left")
    if info.italic_share > 0:
        realm = "italic realm" if info.realm is Realm.ITALIC else "plain"
        parts.append(f"{realm} · {info.italic_share * 100:.0f}% italic")
    if info.realm_filter != "both":
        parts.append(f"only {info.realm_filter}")
    if info.search:
        parts.append(f"search {info.search}")
    if info.pending:
        parts.append(f"{info.pending}…")
    if info.reflowing is not None:
        parts.append(f"wrapping {info.reflowing * 100:.0f}%")
    return parts
