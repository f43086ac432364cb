"""`fictui list DIR`: rows, --json, --sort, --filter, errors, and reuse of the index."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fictui.__main__ import main
from tests.unit.test_library_support import ReadCounter, write_html, write_txt


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write_txt(root / "kettle.txt", "The kettle sang.\n\nMira poured two cups.\n")
    write_html(root / "shelf" / "lamps.html", "Lamp Road", "Oriel Ash", 3)
    write_html(root / "shelf" / "done.html", "Harbour Letters", "Bríd Vale", 2, total=2)
    (root / "empty.txt").write_bytes(b"")
    return root


def run_list(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["list", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_rows_show_title_authors_words_chapters_status_format_path(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_list(capsys, str(library))
    assert code == 0 and err == ""
    header, *rows = out.splitlines()
    assert header.split()[:3] == ["TITLE", "AUTHORS", "WORDS"]
    assert len(rows) == 4
    lamp = next(row for row in rows if row.startswith("Lamp Road"))
    assert "Oriel Ash" in lamp and " 3/? " in lamp and "in-progress" in lamp
    assert lamp.rstrip().endswith("shelf/lamps.html") and " html " in lamp
    done = next(row for row in rows if row.startswith("Harbour Letters"))
    assert " 2/2 " in done and "complete" in done
    empty = next(row for row in rows if "empty.txt" in row.split()[-1])
    assert "error: the file is empty" in empty


def test_json_has_every_key_and_error_rows(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_list(capsys, str(library), "--json")
    assert code == 0
    rows = {row["path"]: row for row in json.loads(out)}
    assert set(rows) == {"kettle.txt", "shelf/lamps.html", "shelf/done.html", "empty.txt"}
    lamp = rows["shelf/lamps.html"]
    for key in ("title", "authors", "words", "chapters", "status", "format", "path", "error"):
        assert key in lamp
    assert lamp["authors"] == ["Oriel Ash"] and lamp["chapters"] == 3
    assert lamp["chapters_total"] is None and lamp["status"] == "in-progress"
    assert lamp["error"] is None
    assert rows["empty.txt"]["error"] == "the file is empty"
    assert rows["kettle.txt"]["words"] == 7


def test_sort_and_filter(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_list(capsys, str(library), "--json", "--sort", "words")
    words = [row["words"] for row in json.loads(out)]
    assert words[:3] == sorted(words[:3], reverse=True)
    _, out, _ = run_list(capsys, str(library), "--json", "--sort", "path")
    assert [row["path"] for row in json.loads(out)] == [
        "empty.txt",
        "kettle.txt",
        "shelf/done.html",
        "shelf/lamps.html",
    ]
    _, out, _ = run_list(capsys, str(library), "--json", "--filter", "author:vale")
    assert [row["title"] for row in json.loads(out)] == ["Harbour Letters"]
    _, out, _ = run_list(capsys, str(library), "--json", "--filter", "status:in-progress lamp")
    assert [row["title"] for row in json.loads(out)] == ["Lamp Road"]
    _, out, _ = run_list(capsys, str(library), "--json", "--filter", "unread words:>5")
    assert len(json.loads(out)) == 3


def test_missing_folder_and_bad_sort_are_one_line_errors(
    tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_list(capsys, str(tmp_path / "nowhere"))
    assert code == 2 and out == ""
    assert err.strip().endswith("nowhere: no such folder") and err.count("\n") == 1
    code, _, err = run_list(capsys, str(library / "kettle.txt"))
    assert code == 2 and "not a folder" in err
    code, _, err = run_list(capsys, str(library), "--sort", "colour")
    assert code == 2 and "unknown sort key" in err


def test_second_list_reads_no_story_file(
    library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, first, _ = run_list(capsys, str(library), "--json")
    counter = ReadCounter(monkeypatch)
    _, second, _ = run_list(capsys, str(library), "--json")
    assert second == first
    # The empty file is an error row: it is retried only when its ctime changes.
    assert counter.count == 0


def test_reader_facts_from_the_state_store_filter_the_list(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fictui.state import StateStore

    _, out, _ = run_list(capsys, str(library), "--json")
    identity = next(row["identity"] for row in json.loads(out) if row["title"] == "Lamp Road")
    store = StateStore()
    with store.edit(identity) as work:
        work.notes = "Remember the ferryman"
        work.status = "reading"
    store.close()
    _, out, _ = run_list(capsys, str(library), "--json", "--filter", "ferryman")
    assert [row["title"] for row in json.loads(out)] == ["Lamp Road"]
    _, out, _ = run_list(capsys, str(library), "--json", "--filter", "reading has:notes")
    assert [row["title"] for row in json.loads(out)] == ["Lamp Road"]
    assert os.environ["FICTUI_DATA_DIR"] in str(store.path)
