"""Three-way merge of state documents: only what this fictui changed overrides the disk.

``base`` is the document as this process last loaded or saved it, ``mine`` is the
document in memory now, ``theirs`` is what is on disk now (perhaps written by
another fictui). A field that only one side changed takes that side's value.
When both sides changed the same thing:

- the free notes of a work keep both texts, one after the other;
- a passage note keeps this side's text, and the other side's text becomes a
  second note on the same passage;
- a note one side deleted and the other edited is kept, edited;
- anything else (position, progress, settings...) takes this side's value.

Every case where both texts are kept is reported, so the reader can tidy up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypeVar

from fictui.state.model import PassageNote, StateDocument, WorkState, new_note_id
from fictui.text.sanitize import sanitize_line

T = TypeVar("T")

CONFLICT_MARK = "--- also written in another fictui window ---"
"""The line that separates two versions of a work's notes kept after a conflict."""


@dataclass(slots=True)
class MergeResult:
    """The merged document and what the reader should be told."""

    document: StateDocument
    """The merged state."""
    messages: list[str] = field(default_factory=list)
    """Human messages about conflicts that kept both versions."""
    changed: set[str] = field(default_factory=set)
    """Identities of works whose merged state differs from this side's."""


def pick(base: T, mine: T, theirs: T) -> tuple[T, bool]:
    """The three-way choice for one value.

    Returns:
        The chosen value and True when both sides changed it differently (this
        side's value is then chosen).
    """
    if mine == theirs or theirs == base:
        return mine, False
    if mine == base:
        return theirs, False
    return mine, True


def merge_maps(
    base: dict[str, T],
    mine: dict[str, T],
    theirs: dict[str, T],
    on_conflict: Callable[[str, T | None, T | None, T | None], T | None] | None = None,
) -> dict[str, T]:
    """Merge three versions of a mapping key by key, deletions included.

    Args:
        base: The common ancestor.
        mine: This side's version.
        theirs: The other side's version.
        on_conflict: Decides a key both sides changed differently (arguments: key,
            base, mine, theirs; None means absent); returns the value or None to
            drop the key. Without it this side wins.

    Returns:
        The merged mapping, in this side's order followed by keys new in theirs.
    """
    merged: dict[str, T] = {}
    keys = (
        list(mine)
        + [k for k in theirs if k not in mine]
        + [k for k in base if k not in mine and k not in theirs]
    )
    for key in keys:
        b, m, t = base.get(key), mine.get(key), theirs.get(key)
        value, conflict = pick(b, m, t)
        if conflict and on_conflict is not None:
            value = on_conflict(key, b, m, t)
        if value is not None:
            merged[key] = value
    return merged


def merge(base: StateDocument, mine: StateDocument, theirs: StateDocument) -> MergeResult:
    """Merge this side's changes since ``base`` with the disk's ``theirs``."""
    result = MergeResult(StateDocument())

    def on_work_conflict(
        identity: str, b: WorkState | None, m: WorkState | None, t: WorkState | None
    ) -> WorkState | None:
        if m is None or t is None:
            # Deleted on one side, changed on the other: keep the changed one.
            kept = m if m is not None else t
            if kept is t:
                result.changed.add(identity)
            return kept
        return _merge_work(b or WorkState(identity=identity), m, t, result)

    result.document.works = merge_maps(base.works, mine.works, theirs.works, on_work_conflict)
    for identity, work in result.document.works.items():
        if mine.works.get(identity) != work:
            result.changed.add(identity)
    result.changed.update(set(mine.works) - set(result.document.works))
    result.document.settings = merge_maps(base.settings, mine.settings, theirs.settings)
    return result


def _label(work: WorkState) -> str:
    return sanitize_line(work.title or work.identity)[:60]


def _merge_work(
    base: WorkState, mine: WorkState, theirs: WorkState, result: MergeResult
) -> WorkState:
    values: dict[str, Any] = {}
    for spec in fields(WorkState):
        name = spec.name
        if name in ("identity", "passage_notes", "bookmarks"):
            continue
        b, m, t = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        value, conflict = pick(b, m, t)
        if conflict:
            if name == "notes":
                value = f"{m.rstrip()}\n\n{CONFLICT_MARK}\n{t.lstrip()}"
                result.messages.append(
                    f"Your notes on “{_label(mine)}” were changed in two fictui windows at "
                    "once; both versions are kept, one after the other."
                )
            elif name == "last_read" and m is not None and t is not None:
                value = max(m, t)
            elif name == "added" and m is not None and t is not None:
                value = min(m, t)
        values[name] = value
    merged = replace(mine, **values)
    merged.bookmarks = merge_maps(base.bookmarks, mine.bookmarks, theirs.bookmarks)
    merged.passage_notes = _merge_notes(base, mine, theirs, result)
    return merged


def _merge_notes(
    base: WorkState, mine: WorkState, theirs: WorkState, result: MergeResult
) -> list[PassageNote]:
    extra: list[PassageNote] = []

    def on_note_conflict(
        note_id: str, b: PassageNote | None, m: PassageNote | None, t: PassageNote | None
    ) -> PassageNote | None:
        if m is None or t is None:
            return m if m is not None else t
        merged = replace(m)
        if b is not None:
            merged = replace(
                m,
                address=pick(b.address, m.address, t.address)[0],
                quote=pick(b.quote, m.quote, t.quote)[0],
            )
        text_base = b.text if b is not None else None
        if m.text != t.text and text_base not in (m.text, t.text):
            extra.append(replace(t, id=new_note_id()))
            result.messages.append(
                f"A passage note on “{_label(mine)}” was changed in two fictui windows at "
                "once; both versions are kept as two notes on the same passage."
            )
        else:
            merged = replace(merged, text=t.text if m.text == text_base else m.text)
        merged.updated = max(m.updated, t.updated)
        return merged

    notes = merge_maps(
        {n.id: n for n in base.passage_notes},
        {n.id: n for n in mine.passage_notes},
        {n.id: n for n in theirs.passage_notes},
        on_note_conflict,
    )
    return list(notes.values()) + extra
