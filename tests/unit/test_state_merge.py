"""Two fictui windows on one data folder: every edit survives, conflicts keep both texts."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fictui.model import Address
from fictui.state import PassageNote, StateStore
from fictui.state.merge import CONFLICT_MARK, merge, pick
from fictui.state.model import StateDocument, WorkState


def _two(tmp_path: Path) -> tuple[StateStore, StateStore]:
    seed = StateStore(tmp_path)
    with seed.edit("shared", title="Shared") as work:
        work.notes = "base"
        work.passage_notes.append(PassageNote(id="p1", address=Address(0, 1, "h"), text="orig"))
    seed.set_setting("theme", "dark")
    seed.close()
    return StateStore(tmp_path), StateStore(tmp_path)


def test_pick() -> None:
    assert pick(1, 1, 2) == (2, False)
    assert pick(1, 3, 1) == (3, False)
    assert pick(1, 3, 3) == (3, False)
    assert pick(1, 3, 4) == (3, True)


def test_edits_to_different_works_both_survive(tmp_path: Path) -> None:
    one, two = _two(tmp_path)
    with one.edit("a") as work:
        work.notes = "from one"
    with two.edit("b") as work:
        work.notes = "from two"
    assert one.save() and two.save()
    final = StateStore(tmp_path)
    assert final.work("a").notes == "from one"
    assert final.work("b").notes == "from two"
    assert final.work("shared").notes == "base"
    assert two.work("a").notes == "from one"  # the second saver took in the first's edit
    assert "a" in two.take_changed()
    assert two.take_changed() == set()


def test_different_fields_of_one_work_both_survive(tmp_path: Path) -> None:
    one, two = _two(tmp_path)
    with one.edit("shared") as work:
        work.position = Address(4, 2, "x")
    with two.edit("shared") as work:
        work.bookmarks["q"] = Address(1, 1, "")
        work.passage_notes.append(PassageNote(id="p2", address=Address(2, 2, "k"), text="new"))
    assert one.save() and two.save() and one.refresh()
    for store in (StateStore(tmp_path), one, two):
        work = store.work("shared")
        assert work.position == Address(4, 2, "x")
        assert work.bookmarks == {"q": Address(1, 1, "")}
        assert {n.id for n in work.passage_notes} == {"p1", "p2"}
        assert work.notes == "base"


def test_same_free_note_keeps_both_texts_and_tells(tmp_path: Path) -> None:
    one, two = _two(tmp_path)
    with one.edit("shared") as work:
        work.notes = "base, said one"
    with two.edit("shared") as work:
        work.notes = "base, said two"
    assert one.save() and two.save()
    merged = StateStore(tmp_path).work("shared").notes
    assert "base, said one" in merged and "base, said two" in merged and CONFLICT_MARK in merged
    assert any("both versions are kept" in p for p in two.problems)
    assert one.problems == []


def test_same_passage_note_keeps_both_as_two_notes(tmp_path: Path) -> None:
    one, two = _two(tmp_path)
    with one.edit("shared") as work:
        work.passage_notes[0].text = "one's take"
    with two.edit("shared") as work:
        work.passage_notes[0].text = "two's take"
    assert one.save() and two.save() and one.refresh()
    for store in (StateStore(tmp_path), one):
        texts = sorted(n.text for n in store.work("shared").passage_notes)
        assert texts == ["one's take", "two's take"]
        assert {n.address for n in store.work("shared").passage_notes} == {Address(0, 1, "h")}
    assert any("two notes on the same passage" in p for p in two.problems)


def test_delete_against_edit_keeps_the_edit(tmp_path: Path) -> None:
    one, two = _two(tmp_path)
    with one.edit("shared") as work:
        work.passage_notes.clear()
    with two.edit("shared") as work:
        work.passage_notes[0].text = "edited"
    assert one.save() and two.save()
    assert [n.text for n in StateStore(tmp_path).work("shared").passage_notes] == ["edited"]


def test_delete_of_untouched_note_is_kept(tmp_path: Path) -> None:
    one, two = _two(tmp_path)
    with one.edit("shared") as work:
        work.passage_notes.clear()
    with two.edit("other") as work:
        work.notes = "elsewhere"
    assert one.save() and two.save()
    final = StateStore(tmp_path)
    assert final.work("shared").passage_notes == []
    assert final.work("other").notes == "elsewhere"


def test_settings_merge_key_by_key(tmp_path: Path) -> None:
    one, two = _two(tmp_path)
    one.set_setting("sort", "words")
    two.set_setting("reader_width", 60)
    assert one.save() and two.save()
    assert StateStore(tmp_path).settings == {"theme": "dark", "sort": "words", "reader_width": 60}


def test_unchanged_fields_do_not_override_newer_disk_values(tmp_path: Path) -> None:
    # A stale window saving something unrelated must not roll back the other's progress.
    one, two = _two(tmp_path)
    for step in range(1, 4):
        with one.edit("shared") as work:
            work.progress = step / 10
        assert one.save()
    with two.edit("unrelated") as work:
        work.notes = "x"
    assert two.save()
    assert StateStore(tmp_path).work("shared").progress == 0.3


def test_refresh_takes_in_the_other_windows_saves(tmp_path: Path) -> None:
    one, two = _two(tmp_path)
    with one.edit("shared") as work:
        work.status = "finished"
    one.save()
    assert two.work("shared").status == "unread"
    assert two.refresh()
    assert two.work("shared").status == "finished"
    assert not two.dirty
    assert "shared" in two.take_changed()


def test_work_created_in_both_windows_merges_fields(tmp_path: Path) -> None:
    one, two = _two(tmp_path)
    with one.edit("new") as work:
        work.notes = "n1"
    with two.edit("new") as work:
        work.position = Address(1, 2, "")
    assert one.save() and two.save()
    work = StateStore(tmp_path).work("new")
    assert work.position == Address(1, 2, "") and work.notes == "n1"


def test_merge_function_last_read_takes_the_later() -> None:
    from datetime import UTC, datetime

    early, late = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)
    base = StateDocument({"w": WorkState("w")})
    mine = StateDocument({"w": WorkState("w", last_read=early)})
    theirs = StateDocument({"w": WorkState("w", last_read=late)})
    assert merge(base, mine, theirs).document.works["w"].last_read == late
    assert merge(base, theirs, mine).document.works["w"].last_read == late


# Each operation: (store index, kind, key number, value number).
operations = st.lists(
    st.tuples(
        st.integers(0, 1),
        st.sampled_from(["note", "edit", "delete", "bookmark", "setting", "save", "refresh"]),
        st.integers(0, 3),
        st.integers(0, 99),
    ),
    max_size=40,
)


@settings(
    max_examples=int(os.environ.get("FICTUI_MERGE_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operations)
def test_random_interleavings_keep_each_windows_own_changes(tmp_path: Path, ops: list) -> None:
    """Two windows change disjoint things in random order; after both save, all is there."""
    folder = tmp_path / uuid.uuid4().hex
    stores = [StateStore(folder), StateStore(folder)]
    # What each window believes its own things are (the expected final state).
    notes: list[dict[str, str]] = [{}, {}]
    marks: list[dict[str, int]] = [{}, {}]
    prefs: list[dict[str, int]] = [{}, {}]
    for who, kind, key, value in ops:
        store, name = stores[who], f"s{who}k{key}"
        if kind in ("note", "edit", "delete", "bookmark"):
            with store.edit("shared") as work:
                found = work.note(name)
                if kind == "note" and found is None:
                    work.passage_notes.append(
                        PassageNote(id=name, address=Address(key, value, ""), text=str(value))
                    )
                    notes[who][name] = str(value)
                elif kind == "edit" and found is not None:
                    found.text = f"edited {value}"
                    notes[who][name] = found.text
                elif kind == "delete" and found is not None:
                    work.passage_notes.remove(found)
                    del notes[who][name]
                elif kind == "bookmark":
                    work.bookmarks[name] = Address(value, 0, "")
                    marks[who][name] = value
        elif kind == "setting":
            store.set_setting(name, value)
            prefs[who][name] = value
        elif kind == "save":
            assert store.save()
        else:
            assert store.refresh()
    for store in stores:
        assert store.save()
    final = StateStore(folder)
    shared = final.work("shared")
    assert {n.id: n.text for n in shared.passage_notes} == {**notes[0], **notes[1]}
    assert {k: a.chapter for k, a in shared.bookmarks.items()} == {**marks[0], **marks[1]}
    assert final.settings == {**prefs[0], **prefs[1]}
    assert all(store.problems == [] for store in stores)
