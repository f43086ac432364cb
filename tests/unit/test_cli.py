"""The command line contract: info, cat, errors as one line with exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fictui.__main__ import main


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_info_json_has_every_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a_quiet_morning.txt", b"One paragraph here.\n\nAnother one.\n")
    assert main(["info", str(path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    for key in [
        "path",
        "format",
        "encoding",
        "title",
        "authors",
        "source",
        "url",
        "summary",
        "status",
        "published",
        "updated",
        "language",
        "words",
        "chapters",
        "scene_breaks",
        "notes",
        "extras",
        "tags",
        "italic_paragraphs",
        "problems",
    ]:
        assert key in info
    assert info["format"] == "txt"
    assert info["encoding"] == "utf-8"
    assert info["words"] == 5


def test_missing_file_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info", str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "nope.txt" in err and "no such file" in err


def test_binary_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert main(["cat", str(path)]) == 2
    assert "PNG" in capsys.readouterr().err


def test_bad_usage_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cat"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_hostile_name_is_sanitized_in_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info", str(tmp_path / "evil\x1b]0;PWNED\x07.txt")]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err


def test_cat_marks_italics_when_piped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = (
        b"<html><body><p>She opened <i>the old letter</i> slowly.</p>"
        b"<hr/><p>Later.</p></body></html>"
    )
    path = write(tmp_path, "letter.html", story)
    assert main(["cat", str(path), "--width", "40"]) == 0
    out = capsys.readouterr().out
    assert "_the old letter_" in out
    assert "\x1b" not in out


def test_cat_wraps_to_the_width(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = " ".join(["lantern"] * 60)
    path = write(tmp_path, "long.txt", words.encode())
    assert main(["cat", str(path), "--width", "30"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line]
    assert len(lines) > 10
    assert all(len(line) <= 30 for line in lines)
