"""Line classifiers of the plain-text reader: breaks, headings, end markers, dates, chrome."""

from __future__ import annotations

from datetime import date

import pytest

from fictui.formats.txt_lines import (
    date_line,
    end_marker,
    heading_title,
    is_blank,
    is_chrome,
    is_separator,
    parse_date,
    split_label,
)


@pytest.mark.parametrize(
    "line",
    [
        "* * *",
        "* * * * * * *",
        "***",
        "~~~",
        "~*~*~",
        "oOo",
        "xXx",
        "-----",
        "###",
        "+++",
        "___",
        "        * * *",
        "-oOo-",
        "=====",
        "*",
        "#",
        "* *",
    ],
)
def test_separators(line: str) -> None:
    assert is_separator(line)


@pytest.mark.parametrize(
    "line",
    [
        "...",
        "- a list item",
        "* starred item",
        "Oh",
        "xX",
        "box",
        "2*3*4",
        "she said",
        "",
        "-",
        "—",
    ],
)
def test_not_separators(line: str) -> None:
    assert not is_separator(line)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Part I", "Part I"),
        ("Part 12", "Part 12"),
        ("Chapter 3", "Chapter 3"),
        ("Chapter Three: The Title", "Chapter Three: The Title"),
        ("CHAPTER TWENTY-ONE", "CHAPTER TWENTY-ONE"),
        ("Chapter 4 - Storm", "Chapter 4 - Storm"),
        ("Prologue", "Prologue"),
        ("Epilogue", "Epilogue"),
        ("Interlude", "Interlude"),
        ("  Part IV  ", "Part IV"),
        ("== Chapter 7 ==", "Chapter 7"),
    ],
)
def test_headings(line: str, title: str) -> None:
    assert heading_title(line) == title


@pytest.mark.parametrize(
    "line",
    [
        "Part of me wanted to stay.",
        "Chapter three was the worst part of the book.",
        "Part I was not ready for.",
        "Prologues are for people with patience",
        "Episode",
        "Interludes happen",
    ],
)
def test_not_headings(line: str) -> None:
    assert heading_title(line) is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("The End", "complete"),
        ("End", "complete"),
        ("Fin", "complete"),
        ("THE END", "complete"),
        ("End file.", "complete"),
        ("~ The End ~", "complete"),
        ("To be continued", "in-progress"),
        ("TBC", "in-progress"),
        ("To be continued...", "in-progress"),
        ("Ending it all", None),
        ("The end of the road was near.", None),
    ],
)
def test_end_markers(line: str, kind: str | None) -> None:
    assert end_marker(line) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7/5/03", date(2003, 7, 5)),
        ("2003-07-05", date(2003, 7, 5)),
        ("July 5, 2003", date(2003, 7, 5)),
        ("5 July 2003", date(2003, 7, 5)),
        ("25/12/1999", date(1999, 12, 25)),
        ("12/24/2009", date(2009, 12, 24)),
        ("sometime in spring", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_date_line_is_only_a_date() -> None:
    assert date_line("7/5/03") == date(2003, 7, 5)
    assert date_line("Posted: July 5, 2003") == date(2003, 7, 5)
    assert date_line("On 7/5/03 she left the house") is None
    assert date_line("Chapter 12") is None


@pytest.mark.parametrize(
    "line",
    [
        "Read Reviews / Post a Review",
        "Send feedback to Wren Halloway",
        "Print Version | Plain Version",
        "Home | Search | Authors | Titles | Recent",
        "Please support this site.",
        "You must login (register) to review.",
        "Website by Quill & Spindle.",
        "http://lamplighter.example.org/",
        "<< Previous Chapter | Next Chapter >>",
    ],
)
def test_chrome(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "She read the reviews of the play aloud, laughing.",
        "He walked home by the river.",
        "Please don't go.",
        "Some | thing",
    ],
)
def test_not_chrome(line: str) -> None:
    assert not is_chrome(line)


def test_blank_lines_include_nbsp_and_whitespace() -> None:
    assert is_blank("")
    assert is_blank(" \t\u00a0 ")
    assert not is_blank(" x ")


def test_split_label_normalizes() -> None:
    assert split_label("Author's Note: hello") == ("author's note", "hello")
    assert split_label("STORY URL:  http://x.example/s/1") == ("story url", "http://x.example/s/1")
    assert split_label("no label here") is None
