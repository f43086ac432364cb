"""The italic realm: which realm each paragraph is in, where realms switch, and their shares."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Literal

from fictui.model import TEXT_KINDS, Block, Realm, count_words

RealmFilter = Literal["both", "plain", "italic"]
"""Which realm the reader shows: both, or only one."""

REALM_FILTERS: tuple[RealmFilter, ...] = ("both", "plain", "italic")
"""The filters in the order the toggle cycles through them."""


def block_realm(block: Block) -> Realm | None:
    """The realm of a block, or None for headings and scene breaks (they belong to neither)."""
    if block.kind not in TEXT_KINDS:
        return None
    return block.realm


def is_shown(realm: Realm | None, realm_filter: str) -> bool:
    """Whether a block of ``realm`` is drawn under ``realm_filter``.

    Args:
        realm: The block's realm, None for blocks outside both realms.
        realm_filter: "both", "plain" or "italic".

    Returns:
        True when the block is shown.
    """
    return realm is None or realm_filter == "both" or realm.value == realm_filter


def next_filter(realm_filter: str) -> RealmFilter:
    """The filter after ``realm_filter`` in the toggle's cycle."""
    try:
        index = REALM_FILTERS.index(realm_filter)  # type: ignore[arg-type]
    except ValueError:
        return "both"
    return REALM_FILTERS[(index + 1) % len(REALM_FILTERS)]


def switch_points(realms: Sequence[Realm | None]) -> list[int]:
    """The positions where a paragraph's realm differs from the paragraph before it.

    Args:
        realms: The realm of each item in reading order (None for non-paragraphs,
            which are skipped over).

    Returns:
        Ascending item positions; the first paragraph is never a switch.
    """
    points: list[int] = []
    previous: Realm | None = None
    for index, realm in enumerate(realms):
        if realm is None:
            continue
        if previous is not None and realm is not previous:
            points.append(index)
        previous = realm
    return points


def next_switch(points: Sequence[int], position: int) -> int | None:
    """The first switch strictly after ``position``, or None."""
    index = bisect_right(points, position)
    return points[index] if index < len(points) else None


def previous_switch(points: Sequence[int], position: int) -> int | None:
    """The last switch strictly before ``position``, or None."""
    index = bisect_left(points, position)
    return points[index - 1] if index > 0 else None


def realm_shares(blocks: Iterable[Block]) -> dict[Realm, float]:
    """The share of words each realm holds.

    Args:
        blocks: The blocks of a story.

    Returns:
        A share (0..1) per realm; both are 0 when there are no words.
    """
    words = {Realm.PLAIN: 0, Realm.ITALIC: 0}
    for block in blocks:
        if block.kind in TEXT_KINDS:
            words[block.realm] += count_words(block.text)
    total = sum(words.values())
    if not total:
        return {Realm.PLAIN: 0.0, Realm.ITALIC: 0.0}
    return {realm: count / total for realm, count in words.items()}
