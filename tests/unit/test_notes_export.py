"""`fictui notes export`: every note, grouped by story, passage notes with their quotes."""

from __future__ import annotations

import os
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fictui.__main__ import main
from fictui.model import Address
from fictui.state import PassageNote, StateStore
from fictui.state.escape import unescape


def _seed() -> None:
    store = StateStore()
    with store.edit("ao3:2", title="Zebra Tale", authors=["Zed"], path_hint="/lib/z.html") as w:
        w.notes = "Second story notes."
    with store.edit("ao3:1", title="Apple \x1b]0;pwned\x07 Story", authors=["Ann", "Bo"]) as w:
        w.notes = "Loved the ending.\nMust reread."
        w.passage_notes = [
            PassageNote(
                id="n2",
                address=Address(4, 9, "h2"),
                text="later note",
                quote="Rain fell.",
                created=datetime(2026, 2, 1, tzinfo=UTC),
                updated=datetime(2026, 2, 1, tzinfo=UTC),
            ),
            PassageNote(
                id="n1",
                address=Address(0, 2, "h1"),
                text="first note",
                quote="The door\nopened.",
                created=datetime(2026, 1, 1, tzinfo=UTC),
                updated=datetime(2026, 1, 5, tzinfo=UTC),
            ),
        ]
    with store.edit("ao3:3", title="No Notes Here") as w:
        w.position = Address(1, 1, "")
    with store.edit(os.fsdecode(b"work:caf\xe9|x"), path_hint=os.fsdecode(b"/lib/\xff.txt")) as w:
        w.notes = "odd name"
    assert store.save()


def test_markdown_export_groups_by_story(capsys: pytest.CaptureFixture[str]) -> None:
    _seed()
    assert main(["notes", "export"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# fictui notes\n")
    assert "Exported" in out and "3 stories" in out
    apple, zebra = out.index("## Apple"), out.index("## Zebra Tale")
    assert apple < zebra  # in title order
    assert "No Notes Here" not in out
    section = out[apple:zebra]
    assert "by Ann, Bo" in section and "`ao3:1`" in section
    assert "Loved the ending.\nMust reread." in section
    first, later = section.index("first note"), section.index("later note")
    assert first < later  # passage notes in reading order
    assert "#### Chapter 1, paragraph 3\n\n> The door\n> opened.\n\nfirst note" in section
    assert "changed 2026-01-05" in section
    assert "\x1b" not in out and "\x07" not in out  # nothing reaches the terminal raw
    assert "Last known file: `/lib/z.html`" in out
    assert "odd name" in out and "\udcff" not in out


def test_toml_export_keeps_exact_text(tmp_path: Path) -> None:
    _seed()
    target = tmp_path / "notes.toml"
    assert main(["notes", "export", "--format", "toml", "--output", str(target)]) == 0
    data = tomllib.loads(target.read_text("utf-8"))
    works = {unescape(w["identity"]): w for w in data["works"]}
    assert set(works) == {"ao3:1", "ao3:2", os.fsdecode(b"work:caf\xe9|x")}
    apple = works["ao3:1"]
    assert apple["title"] == "Apple \x1b]0;pwned\x07 Story"  # kept exactly, escaped by TOML
    assert [n["text"] for n in apple["passage_notes"]] == ["first note", "later note"]
    assert apple["passage_notes"][0]["quote"] == "The door\nopened."
    assert apple["passage_notes"][0]["chapter"] == 0
    odd = works[os.fsdecode(b"work:caf\xe9|x")]
    assert os.fsencode(unescape(odd["path"])) == b"/lib/\xff.txt"


def test_export_with_no_state(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notes", "export"]) == 0
    assert "0 stories" in capsys.readouterr().out


def test_export_of_a_damaged_state_warns_and_exports_what_it_can(
    private_folders: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _seed()
    path = private_folders["data"] / "state.toml"
    path.write_bytes(path.read_bytes() + b'\n[works."broken"\nnotes = ')
    before = path.read_bytes()
    assert main(["notes", "export"]) == 0
    captured = capsys.readouterr()
    assert "damaged" in captured.err
    assert "Loved the ending." in captured.out
    assert path.read_bytes() == before  # export never changes the state


def test_unwritable_output_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed()
    assert main(["notes", "export", "--output", str(tmp_path / "missing" / "x.md")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fictui: cannot write") and err.count("\n") == 1


def test_toml_export_escapes_c1_and_bidi_yet_keeps_notes_exact(
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = StateStore()
    tricky = "csi \x9b2J, osc \x9d0;x\x9c, rlo \u202eabc\u202c, line sep \u2028 end"
    with store.edit("ao3:7", title="Tricky \x9b Title") as work:
        work.notes = tricky
    store.save()
    assert main(["notes", "export", "--format", "toml"]) == 0
    out = capsys.readouterr().out
    assert not any(0x7F <= ord(ch) <= 0x9F or 0x202A <= ord(ch) <= 0x202E for ch in out)
    works = tomllib.loads(out)["works"]
    assert unescape(works[0]["notes"]) == tricky
    assert unescape(works[0]["title"]) == "Tricky \x9b Title"
